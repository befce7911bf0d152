// Quick fixes that finish the job, in the real VS Code (issue 15): on a temporary copy of
// test/fixtures/vscode-fixes (its README lists each finding and its fixes), each fix is asked for
// through `vscode.executeCodeActionProvider`, applied as the editor applies it (its edit, then its
// command), the files saved, and the folder analysed again: the finding it addresses is gone, and
// no finding appears that was not there before. Fixes are applied one after the other, so each
// also proves the earlier ones left nothing behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readyApi, scenario, uriIn, waitFor, workspaceFolder } from './helpers';

const FOLDER = 'vscode-fixes';

const folder = (): vscode.WorkspaceFolder => workspaceFolder(FOLDER);
const inFixes = (path: string): vscode.Uri => uriIn(FOLDER, path);

function codeOf(d: vscode.Diagnostic): string {
  return String(typeof d.code === 'object' ? d.code.value : d.code);
}

/** Every Northstar finding of the folder, as `rule file: message` (positions left out: a fix may move lines). */
function findings(): string[] {
  const out: string[] = [];
  for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
    if (!uri.toString().startsWith(folder().uri.toString())) continue;
    for (const d of diagnostics) if (d.source === 'northstar') out.push(`${codeOf(d)} ${vscode.workspace.asRelativePath(uri, false)}: ${d.message}`);
  }
  return out.sort();
}

interface Case {
  /** The file the finding is on, and its rule. */
  file: string;
  rule: string;
  /** The fix to apply (its title), among those offered. */
  fix: string;
  /** Other findings the fix also settles (the repaired line owns the folder it was meant for). */
  alsoGone?: RegExp;
  /** A file the fix creates and opens. */
  opens?: string;
  /** What the fixed file then says. */
  after: { file: string; text: RegExp };
}

const CASES: Case[] = [
  {
    file: 'services/billing/go.mod', rule: 'ownership/missing-owner', fix: 'Assign services/billing/ to @acme/platform on CODEOWNERS line 3',
    // Completed where it was, at the file's owners column: no second line for the same folder.
    after: { file: '.github/CODEOWNERS', text: /^\/services\/billing\/ {3}@acme\/platform$/m },
  },
  {
    file: '.github/CODEOWNERS', rule: 'ownership/placeholder-owner', fix: 'Replace @TODO-team with @acme/platform',
    after: { file: '.github/CODEOWNERS', text: /^\/services\/ledger\/ {4}@acme\/platform$/m },
  },
  {
    file: 'tools/csv-export/pyproject.toml', rule: 'ownership/missing-owner', fix: 'Create tools/csv-export/service-contract.yaml for "csv-export" owned by @acme/platform',
    opens: 'tools/csv-export/service-contract.yaml',
    // The manifest's description, not a TODO.
    after: { file: 'tools/csv-export/service-contract.yaml', text: /^description: "?Exports orders as CSV for finance\."?$/m },
  },
  {
    file: 'services/search/service-contract.yaml', rule: 'ownership/unknown-owner', fix: 'Declare team "@acme/search" in teams.yaml',
    // After a blank line, quoted like the other entries.
    after: { file: 'teams.yaml', text: /payments-primary \}\n\n {2}- id: "@acme\/search"\n/ },
  },
  {
    file: '.github/CODEOWNERS', rule: 'codeowners/no-match', fix: 'Change "/libs/http-clinet/" to "/libs/http-client/"',
    alsoGone: /^ownership\/missing-owner libs\/http-client\/package\.json: /,
    after: { file: '.github/CODEOWNERS', text: /^\/libs\/http-client\/ {3}@acme\/platform$/m },
  },
];

const { folders, trusted } = scenario();

if (folders.length === 1 && folders[0] === FOLDER && trusted) {
  describe('quick fixes finish the job (real VS Code, test/fixtures/vscode-fixes)', () => {
    before(async () => {
      await readyApi();
      await waitFor('the first findings', () => findings().length >= CASES.length, 30_000);
    });

    for (const c of CASES) {
      it(`${c.rule} on ${c.file}: "${c.fix}" removes the finding and adds none`, async () => {
        const northstar = await readyApi();
        const uri = inFixes(c.file);
        const diagnostic = await waitFor(`a ${c.rule} diagnostic on ${c.file}`, () =>
          vscode.languages.getDiagnostics(uri).find((d) => d.source === 'northstar' && codeOf(d) === c.rule));
        const target = `${c.rule} ${c.file}: ${diagnostic.message}`;
        const before = findings();
        await vscode.workspace.openTextDocument(uri);
        const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range)) ?? [];
        const action = actions.find((a) => a.title === c.fix);
        assert.ok(action, `"${c.fix}" not among: ${actions.map((a) => a.title).join(' | ')}`);
        assert.ok(action.edit, 'the fix carries its edit');
        assert.ok(await vscode.workspace.applyEdit(action.edit), 'the edit applies');
        if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
        assert.ok(await vscode.workspace.saveAll(false), 'the edited files are saved');
        if (c.opens) {
          const opened = inFixes(c.opens).toString();
          await waitFor(`${c.opens} to be opened`, () => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === opened));
        }
        // Analysed again: the finding is gone, and everything left was there before.
        await waitFor(`"${target}" to be gone`, () => !findings().includes(target), 30_000);
        await northstar.model.whenIdle();
        const after = findings();
        const expected = before.filter((f) => f !== target && !(c.alsoGone?.test(f) ?? false));
        assert.deepEqual(after, expected);
        const fixed = (await vscode.workspace.openTextDocument(inFixes(c.after.file))).getText();
        assert.match(fixed, c.after.text);
      });
    }

    it('leaves the folder without a finding once every fix is applied', () => {
      assert.deepEqual(findings(), []);
    });
  });
}
