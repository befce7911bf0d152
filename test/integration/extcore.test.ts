// The model service, diagnostics, quick fixes, status bar, tree and codeowners language in the
// real VS Code. Expected values were computed with `node dist/cli.js check --root <folder> --format json`
// on the workspaces the harness opens (examples/acme, test/fixtures/vscode-ws, the multi-root fixture).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { analyzeWorkspace } from '../../src/core/analyze';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { localAnalyzeOptions } from '../../src/node/setup';
import type { NorthstarApi } from '../../src/extension/extension';
import type { RootAnalysis } from '../../src/extension/model';
import { explainItems, statusTooltip } from '../../src/extension/statusBar';
import { extensionId, readyApi, scenario, uriIn, waitFor } from './helpers';

/**
 * A rule's docs link is the page packed in this extension: a `file:` URI (or the extension's own
 * scheme, on a remote host) of `docs/rules/<id>.md` under the extension's folder, and the file is there.
 */
function assertPackedDocs(target: vscode.Uri | string, ruleId: string): void {
  const ext = vscode.extensions.getExtension(extensionId());
  assert.ok(ext, `extension ${extensionId()} not found`);
  const uri = typeof target === 'string' ? vscode.Uri.parse(target, true) : target;
  assert.ok(uri.scheme === 'file' || uri.scheme === ext.extensionUri.scheme, `docs link of ${ruleId} has scheme ${uri.scheme}: ${uri.toString()}`);
  assert.ok(uri.path.endsWith(`/docs/rules/${ruleId}.md`), `docs link of ${ruleId}: ${uri.toString()}`);
  assert.equal(uri.toString(), vscode.Uri.joinPath(ext.extensionUri, 'docs', 'rules', ...`${ruleId}.md`.split('/')).toString());
  const file = path.resolve(uri.fsPath);
  const root = path.resolve(ext.extensionPath);
  assert.ok(file.startsWith(root + path.sep), `${file} is inside the extension's folder ${root}`);
  assert.ok(fs.statSync(file).isFile(), `${file} exists`);
  assert.ok(fs.readFileSync(file, 'utf8').startsWith(`# ${ruleId}\n`), `${file} is the page of ${ruleId}`);
}

function northstarDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'northstar');
}

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function rangeOf(d: { range: vscode.Range }): [number, number, number, number] {
  return [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
}

async function diagnosticOf(uri: vscode.Uri, ruleId: string, ms = 15_000): Promise<vscode.Diagnostic> {
  return waitFor(`a ${ruleId} diagnostic on ${uri.path}`, () => northstarDiagnostics(uri).find((d) => codeOf(d) === ruleId), ms);
}

async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  // The command asks the providers about an open text model.
  await vscode.workspace.openTextDocument(uri);
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
}

/** Drop a buffer's unsaved edits: the file on disk is never written by these tests. */
async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty) return;
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${doc.uri.path} to be reverted`, () => !doc.isDirty);
}

function rootOf(a: NorthstarApi, name: string): RootAnalysis {
  const root = a.model.roots().find((r) => r.folder.name === name);
  assert.ok(root, `folder ${name} has no analysis`);
  return root;
}

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : item.label?.label ?? '';
}

const s = scenario();

describe('Northstar extension core (model, diagnostics, status bar, tree, language)', () => {
  it('activates quickly and analyses every folder after activation returned', async () => {
    const a = await readyApi();
    const { activate, firstAnalysis } = a.timing;
    console.log(`[northstar] activation: activate() ${activate} ms, first analysis of every folder at ${firstAnalysis} ms (${s.folders.join(', ')})`);
    assert.ok(activate < 1000, `activate() took ${activate} ms`);
    await waitFor('the first-analysis timing', () => a.timing.firstAnalysis !== undefined);
    assert.ok((a.timing.firstAnalysis ?? 0) >= activate);
    assert.deepEqual(a.model.roots().map((r) => r.folder.name).sort(), [...s.folders].sort());
  });

  it('publishes every finding of every folder as a northstar diagnostic with its docs link', async () => {
    const a = await readyApi();
    for (const root of a.model.roots()) {
      const expected = root.analysis.model.findings;
      assert.ok(expected.length > 0, `${root.folder.name} has findings`);
      const published = await waitFor(`diagnostics of ${root.folder.name}`, () => {
        const all = vscode.languages.getDiagnostics()
          .filter(([uri]) => a.model.locate(uri)?.root.folder.name === root.folder.name)
          .flatMap(([, ds]) => ds.filter((d) => d.source === 'northstar'));
        return all.length === expected.length ? all : undefined;
      });
      for (const d of published) {
        assert.ok(typeof d.code === 'object', `${d.message} has a code with a target`);
        assertPackedDocs(d.code.target, String(d.code.value));
      }
    }
  });

  it('opens CODEOWNERS files in the codeowners language', async () => {
    const a = await readyApi();
    for (const root of a.model.roots()) {
      const file = root.analysis.model.codeowners?.file;
      assert.ok(file, `${root.folder.name} has a CODEOWNERS file`);
      const doc = await vscode.workspace.openTextDocument(a.model.uriOf(root, file));
      assert.equal(doc.languageId, 'codeowners');
    }
  });

  it('locates files in their own folder with root-relative paths', async () => {
    const a = await readyApi();
    for (const name of s.folders) {
      const located = a.model.locate(uriIn(name, 'a/b.txt'));
      assert.equal(located?.root.folder.name, name);
      assert.equal(located?.path, 'a/b.txt');
      assert.equal(a.model.uriOf(rootOf(a, name), 'a/b.txt').toString(), uriIn(name, 'a/b.txt').toString());
    }
  });

  if (s.folders.length === 1 && s.folders[0] === 'acme') describeAcme();
  if (!s.trusted) describeRestricted();
  if (s.folders.length > 1) describeMultiRoot();
});

function describeAcme(): void {
  describe('on examples/acme', () => {
    afterEach(async () => {
      for (const doc of vscode.workspace.textDocuments) await revert(doc);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await (await readyApi()).model.whenIdle();
    });

    it('puts a duplicate CODEOWNERS line on its exact range', async () => {
      await readyApi();
      const d = await diagnosticOf(uriIn('acme', '.github/CODEOWNERS'), 'codeowners/duplicate-pattern');
      assert.deepEqual(rangeOf(d), [24, 0, 24, 17]);
      assert.equal(d.message, 'Pattern "/services/search/" is written again on line 46 with the same owners, which overrides this line (the last match wins): remove this line.');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(d.source, 'northstar');
      assert.ok(typeof d.code === 'object');
      assert.equal(d.code.value, 'codeowners/duplicate-pattern');
      assertPackedDocs(d.code.target, 'codeowners/duplicate-pattern');
      assert.doesNotMatch(d.code.target.toString(), /northstar-dev|^https?:/);
    });

    it('links a rule id\'s hover in .northstar.yaml to the page packed in the extension', async () => {
      await readyApi();
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', '.northstar.yaml'));
      const at = doc.getText().indexOf('contracts/deprecated-dependency');
      assert.ok(at >= 0, '.northstar.yaml names contracts/deprecated-dependency');
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(at + 1))) ?? [];
      const markdown = hovers.map((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n')).find((m) => m.startsWith('Rule `contracts/deprecated-dependency`'));
      assert.ok(markdown, `a rule hover among ${hovers.length}`);
      const link = /\[Documentation\]\(([^)\s]+)\)/.exec(markdown);
      assert.ok(link, `a Documentation link in: ${markdown}`);
      assertPackedDocs(link[1], 'contracts/deprecated-dependency');
      assert.doesNotMatch(markdown, /northstar-dev/);
    });

    it('puts an unknown owner in a catalog entry on the owner value, as one warning (no owner mismatch on top)', async () => {
      await readyApi();
      const uri = uriIn('acme', 'jobs/feed-export/catalog-info.yaml');
      const unknown = await diagnosticOf(uri, 'ownership/unknown-owner');
      assert.deepEqual(rangeOf(unknown), [13, 9, 13, 22]);
      assert.equal(unknown.message, 'Owner "merchandising" of Component "feed-export" is not declared in this repository (it may be declared in another repository\'s catalog): declare it in teams.yaml (or as an alias of an existing team), or use a handle that CODEOWNERS uses.');
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Warning);
      // One cause, one finding: the owner nothing declares is not also reported as a mismatch.
      const codes = northstarDiagnostics(uri).map(codeOf);
      assert.ok(!codes.includes('ownership/owner-mismatch'), codes.join(', '));
    });

    it('analyses an unsaved contract edit without saving it, and clears the diagnostic when the edit is undone', async () => {
      await readyApi();
      const uri = uriIn('acme', 'services/ledger/service-contract.yaml');
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      const at = doc.getText().indexOf('dependsOn: []');
      assert.ok(at >= 0);
      await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'dependsOn: []'.length)), 'dependsOn: [billing-gateway]'));
      const d = await diagnosticOf(uri, 'contracts/unknown-dependency');
      assert.deepEqual(rangeOf(d), [9, 12, 9, 27]);
      assert.equal(d.message, 'Module "ledger" depends on "billing-gateway", but no module has that name: fix the name or remove it from "dependsOn".');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.ok(doc.isDirty, 'the edit stays unsaved');
      assert.equal(doc.getText(), onDisk.replace('dependsOn: []', 'dependsOn: [billing-gateway]'));
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk, 'nothing was written to disk');
      await revert(doc);
      await waitFor('the unknown-dependency diagnostic to go away', () => !northstarDiagnostics(uri).some((x) => codeOf(x) === 'contracts/unknown-dependency'));
    });

    it('removes a duplicate CODEOWNERS line in the open buffer, keeping its unsaved edits', async () => {
      await readyApi();
      const uri = uriIn('acme', '.github/CODEOWNERS');
      const onDisk = fs.readFileSync(uri.fsPath, 'utf8');
      const doc = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# an unsaved note\n'));
      // The analysis of the unsaved buffer moves the finding one line down.
      const d = await waitFor('the duplicate on line 26', () => northstarDiagnostics(uri).find((x) => codeOf(x) === 'codeowners/duplicate-pattern' && x.range.start.line === 25));
      const actions = await codeActions(uri, d.range);
      const fix = actions.find((x) => x.title === 'Remove the duplicate line 26 ("/services/search/")');
      assert.ok(fix?.edit, `no fix among ${actions.map((x) => x.title).join(' | ')}`);
      assert.deepEqual(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const lines = onDisk.split('\n');
      lines.splice(24, 1);
      assert.equal(doc.getText(), '# an unsaved note\n' + lines.join('\n'));
      assert.ok(doc.isDirty);
      assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), onDisk);
      await waitFor('the duplicate-pattern diagnostic to be cleared', () => !northstarDiagnostics(uri).some((x) => codeOf(x) === 'codeowners/duplicate-pattern'));
    });

    it('declares an unknown team in teams.yaml, and the finding goes away', async () => {
      await readyApi();
      const catalog = uriIn('acme', 'jobs/feed-export/catalog-info.yaml');
      const teams = uriIn('acme', 'teams.yaml');
      const teamsOnDisk = fs.readFileSync(teams.fsPath, 'utf8');
      const d = await diagnosticOf(catalog, 'ownership/unknown-owner');
      const actions = await codeActions(catalog, d.range);
      const fix = actions.find((x) => x.title === 'Declare team "merchandising" in teams.yaml');
      assert.ok(fix?.edit, `no fix among ${actions.map((x) => x.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      const doc = await vscode.workspace.openTextDocument(teams);
      // After a blank line, as every entry of the example is, and with its plain `name:` style.
      assert.equal(doc.getText(), teamsOnDisk + '\n  - id: "merchandising"\n    name: merchandising\n');
      assert.equal(fs.readFileSync(teams.fsPath, 'utf8'), teamsOnDisk);
      await waitFor('the unknown-owner diagnostic to be cleared', () => !northstarDiagnostics(catalog).some((x) => codeOf(x) === 'ownership/unknown-owner'));
    });

    it('creates a service-contract.yaml with a real owner for a manifest-only module, and never overwrites it', async () => {
      await readyApi();
      const manifest = uriIn('acme', 'tools/legacy-csv-export/pyproject.toml');
      const contract = uriIn('acme', 'tools/legacy-csv-export/service-contract.yaml');
      assert.equal(fs.existsSync(contract.fsPath), false, 'the example has no contract there');
      try {
        const d = await diagnosticOf(manifest, 'ownership/missing-owner');
        const actions = await codeActions(manifest, d.range);
        // CODEOWNERS line 40 names the folder without owners: it is completed, never duplicated.
        assert.ok(actions.some((x) => x.title === 'Assign tools/legacy-csv-export/ to @acme/platform on CODEOWNERS line 40'), actions.map((x) => x.title).join(' | '));
        const create = actions.find((x) => x.title === 'Create tools/legacy-csv-export/service-contract.yaml for "legacy-csv-export" owned by @acme/platform');
        assert.ok(create?.edit, `no contract fix among ${actions.map((x) => x.title).join(' | ')}`);
        // The core's fix writes the contract with an owner: the placeholder template is not offered beside it.
        assert.equal(actions.some((x) => x.title.endsWith('from a template')), false);
        assert.ok(await vscode.workspace.applyEdit(create.edit));
        // The file is created empty and the contract lands in its buffer, for the user to review and save.
        assert.equal(fs.readFileSync(contract.fsPath, 'utf8'), '');
        const doc = await vscode.workspace.openTextDocument(contract);
        assert.ok(doc.isDirty);
        assert.equal(doc.getText(), [
          '# Service contract of legacy-csv-export, written by Northstar from what it found;',
          '# complete the TODOs (Northstar\'s service-contract schema describes every field).',
          'apiVersion: northstar/v1',
          'kind: ServiceContract',
          'name: "legacy-csv-export"',
          // The manifest's own description.
          'description: "Monthly CSV export of orders for the old BI warehouse."',
          'owner: "@acme/platform"',
          'type: library',
          '# lifecycle: production  # experimental | production | deprecated',
          '# tier: 2  # 1 = most critical … 3',
          '# 1 test file(s) found.',
          'tests: ["tests/**"]',
          '',
        ].join('\n'));
        // The new contract's buffer is analysed: the module is now declared by it.
        const a = await readyApi();
        await waitFor('the module to come from its contract', () => rootOf(a, 'acme').analysis.moduleByName('legacy-csv-export')?.source === 'contract');
        const again = await codeActions(manifest, new vscode.Range(0, 0, 10, 0));
        assert.equal(again.some((x) => x.title.startsWith('Create tools/legacy-csv-export/service-contract.yaml')), false, 'a fix never overwrites');
      } finally {
        for (const doc of vscode.workspace.textDocuments.filter((x) => x.uri.toString() === contract.toString())) await revert(doc);
        fs.rmSync(contract.fsPath, { force: true });
      }
      const a = await readyApi();
      await waitFor('the module to be manifest-only again', () => rootOf(a, 'acme').analysis.moduleByName('legacy-csv-export')?.source === 'manifest');
    });

    it('shows the active file\'s owners and module in the status bar', async () => {
      const a = await readyApi();
      await vscode.window.showTextDocument(uriIn('acme', 'services/payments-api/src/authorise.ts'));
      await waitFor('the payments-api status', () => a.statusBarText() === '$(organization) @acme/payments · $(package) payments-api');
      // CODEOWNERS gives the storefront's checkout folder to Payments, inside the Web team's module.
      await vscode.window.showTextDocument(uriIn('acme', 'apps/storefront/src/checkout/PaymentForm.tsx'));
      await waitFor('the storefront checkout status', () => a.statusBarText() === '$(organization) @acme/payments · $(package) storefront');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await waitFor('the status to hide without an editor', () => a.statusBarText() === undefined);
    });

    it('explains ownership: escalation path, contract, deciding line and the lines it overrode', async () => {
      const a = await readyApi();
      const items = explainItems(rootOf(a, 'acme'), 'apps/storefront/src/checkout/PaymentForm.tsx');
      const labels = items.map((i) => i.label);
      assert.equal(labels[0], 'Escalation: Payments');
      assert.ok(labels.includes('$(file-code) Open contract'));
      const explain = items.find((i) => i.label === '$(list-selection) Explain: CODEOWNERS line 43');
      assert.ok(explain);
      assert.equal(explain.description, '/apps/storefront/src/checkout/ @acme/payments');
      assert.equal(explain.detail, 'The last matching line wins; it overrides lines 6, 21.');
      assert.deepEqual(explain.open, { kind: 'location', location: { file: '.github/CODEOWNERS', line: 43, column: 1, endLine: 43, endColumn: 31 } });
      assert.deepEqual(items.filter((i) => i.label.includes('Overridden:')).map((i) => i.description), ['* @acme/platform', '/apps/ @acme/web']);
      const contract = items.find((i) => i.label === '$(file-code) Open contract');
      assert.equal(contract?.detail, 'apps/storefront/service-contract.yaml');
      assert.ok((await vscode.commands.getCommands(true)).includes('northstar.explainOwnership'));
    });

    it('GitLab sections: the status bar tooltip and the explain pick show each section, its approvals and whether it is optional', async () => {
      // gitaly's .gitlab/CODEOWNERS (test/fixtures/realworld/xuxiaowei-io__gitaly), a required and an optional section.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-gitlab-sections-'));
      try {
        fs.mkdirSync(path.join(dir, '.gitlab'));
        fs.mkdirSync(path.join(dir, 'doc'));
        fs.writeFileSync(path.join(dir, '.gitlab', 'CODEOWNERS'), '[Code]\n* @gl-gitaly\n\n^[Documentation]\n/doc/ @eread\n*.md @eread\n');
        fs.writeFileSync(path.join(dir, 'doc', 'DESIGN.md'), '# Design\n');
        const analysis = await analyzeWorkspace(new NodeFileAccess(dir), localAnalyzeOptions(dir));
        const root = { analysis } as RootAnalysis;
        const tooltip = statusTooltip(root, 'doc/DESIGN.md').split('\n');
        assert.deepEqual(tooltip.slice(1, 4), [
          'File owners (CODEOWNERS), 2 sections:',
          '  [Code] @gl-gitaly: 1 approval, by .gitlab/CODEOWNERS line 2 (*)',
          '  ^[Documentation] @eread: optional, by .gitlab/CODEOWNERS line 6 (*.md)',
        ]);
        const details = explainItems(root, 'doc/DESIGN.md').filter((i) => i.label.startsWith('$(list-selection)')).map((i) => i.detail);
        assert.deepEqual(details, [
          'Section [Code] (1 approval). No earlier line matches this file.',
          'Section ^[Documentation] (optional). The last matching line wins; it overrides line 5.',
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('lists teams → modules → findings and priorities → modules in the tree, the level as the icon', async () => {
      const a = await readyApi();
      const top = a.tree.getChildren();
      assert.deepEqual(top.map((n) => labelOf(a.tree.getTreeItem(n))), ['Owners', 'Priorities']);
      const teams = a.tree.getChildren(top[0]);
      assert.deepEqual(teams.map((n) => labelOf(a.tree.getTreeItem(n))),
        ['Catalog & Search', 'Growth', 'merchandising', 'Orders & Fulfilment', 'Payments', 'Platform', 'Storefront Web', 'No owner']);
      const payments = teams[4];
      // Counts per team: its modules and the findings on them; the levels in the tooltip.
      assert.equal(a.tree.getTreeItem(payments).description, '@acme/payments · 3 modules · 4 findings');
      assert.match(String(a.tree.getTreeItem(payments).tooltip), /Levels: Gold 2, Silver 1/);
      const modules = a.tree.getChildren(payments);
      assert.deepEqual(modules.map((n) => {
        const item = a.tree.getTreeItem(n);
        const icon = item.iconPath as vscode.ThemeIcon;
        return [labelOf(item), item.description, icon.id, icon.color?.id];
      }), [
        ['fraud-scoring', 'Gold · services/fraud-scoring', 'star-full', 'northstar.level.gold'],
        // Below Gold, the description says what the next level needs instead of the folder.
        ['ledger', 'Silver · Gold needs: alerts, runbook', 'star-half', 'northstar.level.silver'],
        ['payments-api', 'Gold · services/payments-api', 'star-full', 'northstar.level.gold'],
      ]);
      const ledgerItem = a.tree.getTreeItem(modules[1]);
      // Its level, what Gold still needs and what is met, as the hover says it (core/hover.ts moduleTooltipMarkdown).
      assert.equal((ledgerItem.tooltip as vscode.MarkdownString).value, [
        '**ledger** (service), team Payments',
        'Scorecard: **Silver**; Gold needs: alerts, runbook',
        'Met: owner, tests, observability, escalation path, SLO, threat model',
        'Owners: `@acme/payments`',
        '1 finding',
      ].join('\n\n'));
      assert.doesNotMatch((a.tree.getTreeItem(modules[0]).tooltip as vscode.MarkdownString).value, /needs:/);
      // A screen reader hears the module's team and level.
      assert.equal(ledgerItem.accessibilityInformation?.label, 'ledger, team Payments, scorecard Silver, Gold needs: alerts, runbook');
      assert.equal(ledgerItem.command?.command, 'vscode.open');
      assert.equal(String(ledgerItem.command?.arguments?.[0]), String(uriIn('acme', 'services/ledger/service-contract.yaml')));
      const findings = a.tree.getChildren(modules[1]).map((n) => a.tree.getTreeItem(n));
      assert.deepEqual(findings.map((f) => [labelOf(f), f.description]), [[
        'Tier-1 production module "ledger" has no alerts or runbook: declare "observability.alerts" and "observability.runbook" in its service-contract.yaml.',
        'observability/critical-gaps',
      ]]);
      // feed-export's catalog owner `merchandising` is declared nowhere: still its team, shown under its name.
      assert.deepEqual(a.tree.getChildren(teams[2]).map((n) => labelOf(a.tree.getTreeItem(n))), ['feed-export']);
      const unowned = a.tree.getChildren(teams[7]).map((n) => labelOf(a.tree.getTreeItem(n)));
      assert.deepEqual(unowned, ['legacy-csv-export']);
      const priorities = a.tree.getChildren(top[1]);
      assert.deepEqual(priorities.map((n) => labelOf(a.tree.getTreeItem(n))),
        ['Make checkout effortless', 'Reliability first', 'Accurate catalog within minutes', 'Sell in three new EU markets']);
      // A priority's initiatives (vision.yaml's order), then the modules that link to it.
      assert.deepEqual(a.tree.getChildren(priorities[0]).map((n) => labelOf(a.tree.getTreeItem(n))),
        ['One-page checkout on mobile', 'Apple Pay and Google Pay at checkout', 'fraud-scoring', 'orders', 'payments-api', 'promotions', 'storefront']);
      // No module links to international expansion, but its initiatives carry its work.
      assert.deepEqual(a.tree.getChildren(priorities[3]).map((n) => labelOf(a.tree.getTreeItem(n))),
        ['Localised storefronts for Germany, France and the Netherlands', 'Multi-currency ledger']);
    });
  });
}

function describeRestricted(): void {
  describe('in a restricted (untrusted) workspace', () => {
    it('still reads the workspace and publishes diagnostics', async () => {
      assert.equal(vscode.workspace.isTrusted, false);
      await readyApi();
      const d = await diagnosticOf(uriIn('vscode-ws', '.github/CODEOWNERS'), 'codeowners/no-match');
      assert.deepEqual(rangeOf(d), [4, 0, 4, 6]);
      assert.equal(d.message, 'Pattern "/docs/" matches no file: fix the path (renamed or moved?) or remove the line.');
    });

    it('shows owners in the status bar', async () => {
      const a = await readyApi();
      await vscode.window.showTextDocument(uriIn('vscode-ws', 'services/checkout/src/cart.ts'));
      await waitFor('the checkout status', () => a.statusBarText() === '$(organization) @shopco/checkout · $(package) checkout');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });
}

function describeMultiRoot(): void {
  describe('in a multi-root workspace', () => {
    it('analyses each folder on its own: a module of one folder is unknown to the other', async () => {
      await readyApi();
      const d = await diagnosticOf(uriIn('storefront', 'catalog-info.yaml'), 'contracts/unknown-dependency');
      assert.deepEqual(rangeOf(d), [10, 14, 10, 40]);
      // A catalog reference may name an entity of another repository's catalog: a warning that says so.
      assert.equal(d.message, `Module "storefront-web" depends on "checkout", which no entity of this repository is: fix the reference, unless it names an entity of another repository's catalog.`);
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      const shopco = await diagnosticOf(uriIn('shopco', '.github/CODEOWNERS'), 'codeowners/no-match');
      assert.deepEqual(rangeOf(shopco), [4, 0, 4, 6]);
    });

    it('shows each folder\'s owners in the status bar and one tree node per folder', async () => {
      const a = await readyApi();
      await vscode.window.showTextDocument(uriIn('storefront', 'src/index.ts'));
      await waitFor('the storefront status', () => a.statusBarText() === '$(organization) @shopco/web +1 · $(package) storefront-web');
      await vscode.window.showTextDocument(uriIn('shopco', 'services/checkout/src/cart.ts'));
      await waitFor('the checkout status', () => a.statusBarText() === '$(organization) @shopco/checkout · $(package) checkout');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.deepEqual(a.tree.getChildren().map((n) => labelOf(a.tree.getTreeItem(n))), ['shopco', 'storefront']);
    });
  });
}
