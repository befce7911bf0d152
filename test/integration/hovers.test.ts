// Hovers and go-to-definition in the real VS Code, through the same commands the editor uses
// (`vscode.executeHoverProvider`, `vscode.executeDefinitionProvider`). The expected Markdown is
// what the unit tests (test/unit/hover) pin for the same places of the same workspaces.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NorthstarApi } from '../../src/extension/extension';
import { extensionId, scenario, uriIn, waitFor } from './helpers';

/** Files whose text these tests depend on: unsaved edits another test left in them are dropped first. */
const FILES_READ = ['.github/CODEOWNERS', 'CODEOWNERS', 'teams.yaml', 'vision.yaml', 'services/payments-api/service-contract.yaml', 'services/payments-api/src/server.ts'];

async function ready(): Promise<void> {
  const ext = vscode.extensions.getExtension<NorthstarApi>(extensionId());
  assert.ok(ext, `extension ${extensionId()} not found`);
  const api = await ext.activate();
  await api.model.ready();
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || !FILES_READ.includes(vscode.workspace.asRelativePath(doc.uri, false))) continue;
    await revert(doc);
  }
  // The revert reaches the model through a debounced re-analysis.
  for (const doc of vscode.workspace.textDocuments) {
    const located = api.model.locate(doc.uri);
    if (!located || !FILES_READ.includes(located.path)) continue;
    await waitFor(`the analysis of ${located.path} as saved`, () => {
      const again = api.model.locate(doc.uri);
      return again !== undefined && !doc.isDirty && (located.path !== '.github/CODEOWNERS' || again.root.analysis.model.codeowners?.rules[0]?.line === firstRuleLine(doc));
    });
  }
}

/** Line of the first CODEOWNERS rule in a document (1-based). */
function firstRuleLine(doc: vscode.TextDocument): number {
  for (let i = 0; i < doc.lineCount; i++) {
    const text = doc.lineAt(i).text.trim();
    if (text !== '' && !text.startsWith('#')) return i + 1;
  }
  return 0;
}

async function revert(doc: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(doc);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await waitFor(`${doc.uri.path} to be reverted`, () => !doc.isDirty);
}

/** The position `delta` characters into the `nth` occurrence of `needle` in the document. */
function positionOf(doc: vscode.TextDocument, needle: string, nth = 0, delta = 1): vscode.Position {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.path}`);
  }
  return doc.positionAt(at + delta);
}

function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** Northstar's hover at a place (other extensions' hovers, e.g. TypeScript's, are set aside by their text). */
async function northstarHover(doc: vscode.TextDocument, position: vscode.Position, first: RegExp): Promise<{ markdown: string; range: vscode.Range | undefined } | undefined> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position)) ?? [];
  const ours = hovers.find((h) => first.test(markdownOf(h)));
  return ours && { markdown: markdownOf(ours), range: ours.range };
}

async function hoverAt(folder: string, path: string, needle: string, nth = 0, delta = 1, first = /^(CODEOWNERS line|Team|Module|API|Priority|Rule|`)/) {
  const doc = await vscode.workspace.openTextDocument(uriIn(folder, path));
  return northstarHover(doc, positionOf(doc, needle, nth, delta), first);
}

function rangeOf(range: vscode.Range | undefined): [number, number, number, number] | undefined {
  return range && [range.start.line, range.start.character, range.end.line, range.end.character];
}

async function definitionsAt(folder: string, path: string, needle: string, nth = 0, delta = 1): Promise<[string, number, number, number, number][]> {
  const doc = await vscode.workspace.openTextDocument(uriIn(folder, path));
  const found = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider', doc.uri, positionOf(doc, needle, nth, delta),
  )) ?? [];
  return found.map((l) => {
    const uri = 'uri' in l ? l.uri : l.targetUri;
    const range = 'range' in l ? l.range : l.targetSelectionRange ?? l.targetRange;
    return [vscode.workspace.asRelativePath(uri, false), range.start.line, range.start.character, range.end.line, range.end.character];
  });
}

const PAYMENTS_TEAM = [
  'Team **Payments** `@acme/payments`',
  'Also known as: `group:default/payments`, `payments-team`',
  'Escalation path:\n' +
    '1. chat: [`#payments-oncall`](https://chat.acme.example/channels/payments-oncall)\n' +
    '2. pager: [`payments-primary`](https://acme.pagerduty.example/schedules/PAY01)\n' +
    '3. person: `@dkowalski`',
  'Owns 3 modules: fraud\\-scoring, ledger, payments\\-api',
].join('\n\n');

const LEDGER_MODULE = [
  'Module **ledger**: service, tier 1, production, system checkout',
  '*Double\\-entry ledger of every payment, refund and payout; source of truth for finance\\.*',
  'Owner (from its contract): `@acme/payments` (Payments)',
  'Scorecard: **Silver**; Gold needs: alerts, runbook',
  'Met: owner, tests, observability, escalation path, SLO, threat model',
  'SLOs: availability 99.9% over 30d',
  'Initiatives: Multi\\-region failover for checkout (active, due 2026\\-10\\-15, **overdue**, priority `reliability`); ' +
    'Alerts and runbooks for every tier\\-1 service (planned, due 2027\\-01\\-31, priority `reliability`); ' +
    'Multi\\-currency ledger (dropped, due 2026\\-09\\-30, priority `international-expansion`)',
  'Folder: `services/ledger`',
].join('\n\n');

const PLATFORM_ESCALATION = [
  '1. chat: [`#platform-oncall`](https://chat.acme.example/channels/platform-oncall)',
  '2. pager: [`platform-primary`](https://acme.pagerduty.example/schedules/PLT01)',
  '3. pager: `platform-secondary`',
  '4. person: `@rnakamura`',
].join('\n');

const { folders } = scenario();

if (folders.length === 1 && folders[0] === 'acme') {
  describe('hovers and definitions in the example workspace', () => {
    before(ready);

    it('hovers a CODEOWNERS pattern: owners, counts, modules and the later line that overrides it', async () => {
      const hover = await hoverAt('acme', '.github/CODEOWNERS', '/apps/ ');
      assert.ok(hover, 'no Northstar hover on /apps/');
      assert.equal(
        hover.markdown,
        [
          'CODEOWNERS line 21: `/apps/`',
          'Owner: `@acme/web` (Storefront Web)',
          'Matches 15 files; decides the owners of 12.',
          'Modules: admin\\-console (`apps/admin-console`), storefront (`apps/storefront`)',
          'Overridden by later lines:\n- line 43 `/apps/storefront/src/checkout/` → `@acme/payments` (3 files)',
        ].join('\n\n'),
      );
      assert.deepEqual(rangeOf(hover.range), [20, 0, 20, 6]);
    });

    it('hovers an owner handle in CODEOWNERS and in a contract: the team and its escalation path', async () => {
      const inCodeowners = await hoverAt('acme', '.github/CODEOWNERS', '@acme/payments', 0, 3);
      assert.equal(inCodeowners?.markdown, PAYMENTS_TEAM);
      assert.deepEqual(rangeOf(inCodeowners?.range), [11, 36, 11, 50]);
      const inContract = await hoverAt('acme', 'services/payments-api/service-contract.yaml', '"@acme/payments"');
      assert.equal(inContract?.markdown, PAYMENTS_TEAM);
    });

    it('hovers a dependsOn entry and a consumed API of a contract', async () => {
      const dependency = await hoverAt('acme', 'services/payments-api/service-contract.yaml', '[ledger', 0, 2);
      assert.equal(dependency?.markdown, LEDGER_MODULE);
      assert.deepEqual(rangeOf(dependency?.range), [9, 12, 9, 18]);
      const api = await hoverAt('acme', 'services/payments-api/service-contract.yaml', 'ledger-events');
      assert.equal(api?.markdown, `API **ledger\\-events** (asyncapi), provided by **ledger**\n\nDefinition: \`services/ledger/api/asyncapi.yaml\`\n\n---\n\n${LEDGER_MODULE}`);
    });

    it('hovers a priority id in vision.yaml: title and metrics', async () => {
      const hover = await hoverAt('acme', 'vision.yaml', 'id: reliability', 0, 5);
      assert.equal(
        hover?.markdown,
        [
          'Priority **Reliability first** `reliability`',
          'Owner: `@acme/platform` (Platform)',
          'Metrics (baseline → current → target):\n- checkout availability: 99.5% → 99.82% → 99.95%\n- mean time to restore: 95 min → 48 min → 30 min',
          'Served by 6 modules: storefront, catalog\\-import, logger, accounts, ledger, payments\\-api',
        ].join('\n\n'),
      );
    });

    it('hovers an import of another module in TypeScript: owner, level and escalation', async () => {
      const hover = await hoverAt('acme', 'services/payments-api/src/server.ts', "'@acme/logger'", 0, 3, /^Module \*\*logger\*\*/);
      assert.ok(hover, 'no Northstar hover on the @acme/logger import');
      assert.equal(
        hover.markdown,
        [
          'Module **logger**: library, tier 2, production, system platform',
          '*Structured JSON logging with redaction, shared by every Node service\\.*',
          'Owner (from its contract): `@acme/platform` (Platform)',
          'Scorecard: **Gold**',
          'Folder: `libs/logger`',
          `Escalate to Platform:\n${PLATFORM_ESCALATION}`,
        ].join('\n\n'),
      );
      assert.deepEqual(rangeOf(hover.range), [2, 30, 2, 42]);
    });

    it('has no Northstar hover on an import inside the same module', async () => {
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', 'services/payments-api/src/server.ts'));
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, "'./routes/payments'", 0, 3))) ?? [];
      assert.ok(!hovers.some((h) => /^Module \*\*/.test(markdownOf(h))), 'a module hover on a same-module import');
    });

    it('reads unsaved edits: a dependency typed but not saved', async () => {
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', 'services/payments-api/service-contract.yaml'));
      const at = doc.getText().indexOf('fraud-scoring, logger');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'fraud-scoring'.length)), 'fraud-scorer');
      assert.ok(await vscode.workspace.applyEdit(edit));
      try {
        const hover = await northstarHover(doc, doc.positionAt(at + 2), /^`/);
        assert.equal(hover?.markdown, '`fraud-scorer`: no module of this workspace has this name.');
        assert.deepEqual(rangeOf(hover?.range), [9, 20, 9, 32]);
      } finally {
        await revert(doc);
      }
    });

    it('goes to the definition of a dependency, a consumed API, a priority and an owner', async () => {
      assert.deepEqual(await definitionsAt('acme', 'services/payments-api/service-contract.yaml', '[ledger', 0, 2), [
        ['services/ledger/service-contract.yaml', 2, 6, 2, 12],
      ]);
      assert.deepEqual(await definitionsAt('acme', 'services/payments-api/service-contract.yaml', 'ledger-events'), [
        ['services/ledger/service-contract.yaml', 11, 10, 11, 23],
      ]);
      assert.deepEqual(await definitionsAt('acme', 'services/payments-api/service-contract.yaml', 'reliability]'), [
        ['vision.yaml', 48, 8, 48, 19],
      ]);
      assert.deepEqual(await definitionsAt('acme', '.github/CODEOWNERS', '@acme/payments'), [['teams.yaml', 3, 8, 3, 24]]);
    });
  });
} else if (folders.length === 1) {
  describe('hovers in a restricted workspace', () => {
    before(ready);

    it('hovers a CODEOWNERS owner that only CODEOWNERS declares', async () => {
      const hover = await hoverAt(folders[0], '.github/CODEOWNERS', '@shopco/checkout');
      assert.equal(
        hover?.markdown,
        [
          'Team `@shopco/checkout`',
          'Known only from CODEOWNERS: no teams.yaml entry or Backstage group declares it.',
          'Escalation path: none declared.',
          'Owns 1 module: checkout',
        ].join('\n\n'),
      );
    });
  });
} else {
  describe('hovers in a multi-root workspace', () => {
    before(ready);

    it('hovers a CODEOWNERS pattern of the second root against that root’s files', async () => {
      const hover = await hoverAt('storefront', 'CODEOWNERS', '/src/');
      assert.equal(
        hover?.markdown,
        [
          'CODEOWNERS line 2: `/src/`',
          'Owners: `@shopco/web`, `@dana`',
          'Matches 1 file; decides the owners of 1.',
          'Module: storefront\\-web (the workspace root)',
        ].join('\n\n'),
      );
    });
  });
}
