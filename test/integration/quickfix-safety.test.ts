// Quick fixes never overwrite a file, never lose a user's unsaved edits, and are never applied
// at positions from an analysis of an older version of a document (examples/acme, trusted run).
// Every example file touched is restored (files.autoSave is off in the harness): buffers are
// reverted, created files deleted, and the model is left idle.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { readyApi, scenario, uriIn, waitFor } from './helpers';

const inAcme = (path: string): vscode.Uri => uriIn('acme', path);

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function diagnosticOf(uri: vscode.Uri, ruleId: string, where: (d: vscode.Diagnostic) => boolean = () => true): Promise<vscode.Diagnostic> {
  return waitFor(`a ${ruleId} diagnostic on ${uri.path}`, () =>
    vscode.languages.getDiagnostics(uri).find((d) => d.source === 'northstar' && codeOf(d) === ruleId && where(d)));
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${doc.uri.path} to be reverted`, () => !doc.isDirty);
}

const { folders, trusted } = scenario();

if (folders.length === 1 && folders[0] === 'acme' && trusted) {
  describe('quick fix safety (real VS Code, examples/acme)', () => {
    /** The bytes of every example file these tests may touch, to prove they are restored. */
    const FILES = ['.github/CODEOWNERS', 'teams.yaml', 'jobs/feed-export/catalog-info.yaml', 'tools/legacy-csv-export/pyproject.toml'];
    const before = new Map<string, Buffer>();

    beforeEach(async () => {
      await readyApi();
      for (const f of FILES) before.set(f, fs.readFileSync(inAcme(f).fsPath));
    });

    afterEach(async () => {
      for (const doc of vscode.workspace.textDocuments) await revert(doc);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const f of FILES) assert.ok(fs.readFileSync(inAcme(f).fsPath).equals(before.get(f) ?? Buffer.alloc(0)), `${f} changed on disk`);
      assert.deepEqual(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.path), [], 'dirty buffers left behind');
      await (await readyApi()).model.whenIdle();
    });

    it('a fix that creates a file does nothing when the file appeared meanwhile: its bytes stay as they were', async () => {
      const manifest = inAcme('tools/legacy-csv-export/pyproject.toml');
      const contract = inAcme('tools/legacy-csv-export/service-contract.yaml');
      assert.equal(fs.existsSync(contract.fsPath), false, 'the example has no contract there');
      // Written by the user (or another tool) between the lightbulb and the click: CRLF, no final newline.
      const theirs = Buffer.from('# mine, not a template\r\napiVersion: northstar/v1\r\nkind: ServiceContract\r\nname: legacy-csv-export', 'utf8');
      try {
        const d = await diagnosticOf(manifest, 'ownership/missing-owner');
        const actions = await codeActions(manifest, d.range);
        const create = actions.find((x) => x.title.startsWith('Create tools/legacy-csv-export/service-contract.yaml'));
        assert.ok(create?.edit, `no template among ${actions.map((x) => x.title).join(' | ')}`);

        fs.writeFileSync(contract.fsPath, theirs);
        const applied = await vscode.workspace.applyEdit(create.edit);
        assert.equal(applied, false, 'the edit reported success on an existing file');
        assert.ok(fs.readFileSync(contract.fsPath).equals(theirs), 'the existing file changed on disk');
        const open = vscode.workspace.textDocuments.find((x) => x.uri.toString() === contract.toString());
        if (open) {
          assert.equal(open.isDirty, false, 'the template went into the existing file\'s buffer');
          assert.equal(open.getText(), theirs.toString('utf8'));
        }
        // And once the file exists, the fix is no longer offered at all.
        const again = await codeActions(manifest, new vscode.Range(0, 0, 10, 0));
        assert.equal(again.some((x) => x.title.startsWith('Create tools/legacy-csv-export/service-contract.yaml')), false, 'a fix never overwrites');
      } finally {
        for (const doc of vscode.workspace.textDocuments.filter((x) => x.uri.toString() === contract.toString())) await revert(doc);
        fs.rmSync(contract.fsPath, { force: true });
      }
      const a = await readyApi();
      await waitFor('the module to be manifest-only again', () => a.model.roots()[0]?.analysis.moduleByName('legacy-csv-export')?.source === 'manifest');
    });

    it('a fix applied to a document with unsaved edits keeps them, and writes nothing to disk', async () => {
      // The fix of an unknown owner in a catalog entry edits another file, teams.yaml, which
      // holds unsaved edits at its start and its end.
      const catalog = inAcme('jobs/feed-export/catalog-info.yaml');
      const teams = inAcme('teams.yaml');
      const onDisk = fs.readFileSync(teams.fsPath, 'utf8');
      const doc = await vscode.workspace.openTextDocument(teams);
      const editor = await vscode.window.showTextDocument(doc);
      const head = '# Unsaved: reviewing the team list with Platform.\n';
      const tail = '# Unsaved: merchandising joins in Q3.\n';
      assert.ok(onDisk.endsWith('\n'));
      await editor.edit((e) => {
        e.insert(new vscode.Position(0, 0), head);
        e.insert(doc.positionAt(onDisk.length), tail);
      });
      const a = await readyApi(); // the unsaved text is analysed
      assert.ok(a.model.sawCurrentText(a.model.roots()[0], teams), 'the analysis did not see the unsaved teams.yaml');

      const d = await diagnosticOf(catalog, 'ownership/unknown-owner');
      const actions = await codeActions(catalog, d.range);
      const fix = actions.find((x) => x.title === 'Declare team "merchandising" in teams.yaml');
      assert.ok(fix?.edit, `no fix among ${actions.map((x) => x.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));

      assert.equal(doc.getText(), head + onDisk + tail + '\n  - id: "merchandising"\n    name: merchandising\n');
      assert.ok(doc.isDirty, 'the buffer was saved');
      assert.equal(fs.readFileSync(teams.fsPath, 'utf8'), onDisk, 'the fix wrote to disk');
      await waitFor('the unknown-owner diagnostic to be cleared', () =>
        !vscode.languages.getDiagnostics(catalog).some((x) => x.source === 'northstar' && codeOf(x) === 'ownership/unknown-owner'));
    });

    it('a fix is computed from the analysis of the document as it is now, never of an older version', async () => {
      const uri = inAcme('.github/CODEOWNERS');
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const d = await diagnosticOf(uri, 'codeowners/duplicate-pattern');
      const line = d.range.start.line;
      assert.ok(onDisk.split('\n')[line].startsWith('/services/search/ '));
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const a = await readyApi();
      const analysed = a.model.roots()[0];

      // Two lines above the duplicate, then at once (within the debounce) ask for fixes on the
      // lines around it: the latest analysis is of the previous version, whose line numbers
      // are now two off.
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# unsaved 1\n# unsaved 2\n'));
      assert.equal(a.model.sawCurrentText(analysed, uri), false, 'the edit did not make the analysis stale');
      const actions = await codeActions(uri, new vscode.Range(line, 0, line + 3, 0));
      const fix = actions.find((x) => x.title.startsWith('Remove the duplicate line'));
      assert.ok(fix?.edit, `no fix among ${actions.map((x) => x.title).join(' | ')}`);
      assert.equal(fix.title, `Remove the duplicate line ${line + 3} ("/services/search/")`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));

      const lines = onDisk.split('\n');
      lines.splice(line, 1);
      assert.equal(doc.getText(), '# unsaved 1\n# unsaved 2\n' + lines.join('\n'), 'the fix removed another line');
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk);
    });

    it('offers no fix while the analysis of an edited document is out of date', async () => {
      const uri = inAcme('.github/CODEOWNERS');
      await diagnosticOf(uri, 'codeowners/duplicate-pattern');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const a = await readyApi();
      // A re-analysis that comes later than the provider waits (user settings, in the harness's
      // temporary profile): the provider must give up rather than use the old line numbers.
      const config = vscode.workspace.getConfiguration('northstar');
      await config.update('debounceMs', 20_000, vscode.ConfigurationTarget.Global);
      try {
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# unsaved\n'));
        assert.equal(a.model.sawCurrentText(a.model.roots()[0], uri), false);
        const t = Date.now();
        const actions = await codeActions(uri, new vscode.Range(0, 0, doc.lineCount, 0));
        const waited = Date.now() - t;
        assert.deepEqual(actions.filter((x) => x.title.startsWith('Remove the duplicate line')).map((x) => x.title), [], 'a fix from a stale analysis was offered');
        assert.ok(waited < 5000, `the provider waited ${waited} ms`);
      } finally {
        await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Global);
      }
      // Once the model catches up, the fix is back, at the new line.
      await revert(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# unsaved\n'));
      const d = await diagnosticOf(uri, 'codeowners/duplicate-pattern', (x) => x.range.start.line === 25);
      const actions = await codeActions(uri, d.range);
      assert.ok(actions.some((x) => x.title === 'Remove the duplicate line 26 ("/services/search/")'), actions.map((x) => x.title).join(' | '));
    });
  });
}
