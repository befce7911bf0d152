// Editing CODEOWNERS in the real VS Code (issue 15), through the commands the editor uses:
// `vscode.executeCompletionItemProvider`, `vscode.executeFormatDocumentProvider`,
// `vscode.executeFormatRangeProvider` and `vscode.executeLinkProvider`. The expectations are what
// the unit tests (test/unit/codeownersEditing) pin for the same places of the example workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { NorthstarApi } from '../../src/extension/extension';
import { extensionId, scenario, uriIn, waitFor } from './helpers';

const CODEOWNERS = '.github/CODEOWNERS';

async function ready(): Promise<void> {
  const ext = vscode.extensions.getExtension<NorthstarApi>(extensionId());
  assert.ok(ext, `extension ${extensionId()} not found`);
  const api = await ext.activate();
  await api.model.ready();
  // Another test may have left unsaved edits in the file these tests read.
  for (const doc of vscode.workspace.textDocuments) {
    if (!doc.isDirty || vscode.workspace.asRelativePath(doc.uri, false) !== CODEOWNERS) continue;
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor(`${doc.uri.path} to be reverted`, () => !doc.isDirty);
    await api.model.whenIdle();
  }
}

/** The position `delta` characters into the first occurrence of `needle` in the document. */
function positionOf(doc: vscode.TextDocument, needle: string, delta: number): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found in ${doc.uri.path}`);
  return doc.positionAt(at + delta);
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

function rangeOf(range: vscode.Range | { inserting: vscode.Range; replacing: vscode.Range } | undefined): [number, number, number, number] | undefined {
  const r = range && 'inserting' in range ? range.replacing : range;
  return r && [r.start.line, r.start.character, r.end.line, r.end.character];
}

/** Kinds of Northstar's items: word-based suggestions (kind Text) are the editor's, not ours. */
const OUR_KINDS = [vscode.CompletionItemKind.Module, vscode.CompletionItemKind.User, vscode.CompletionItemKind.Folder, vscode.CompletionItemKind.File];

/** Northstar's items at a position, in the order the suggest widget shows them (by sortText). */
async function completionsAt(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return (list?.items ?? [])
    .filter((i) => i.kind !== undefined && OUR_KINDS.includes(i.kind) && i.sortText !== undefined)
    .sort((a, b) => ((a.sortText ?? '') < (b.sortText ?? '') ? -1 : 1));
}

/** The document's text with `edits` applied (non-overlapping, as a formatter returns them). */
function applied(doc: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  let text = doc.getText();
  for (const e of [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start))) {
    text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
  }
  return text;
}

const { folders } = scenario();

if (folders.length === 1 && folders[0] === 'acme') {
  describe('editing CODEOWNERS in the example workspace', () => {
    before(ready);

    it('completes owners after a pattern: the handles the file uses first, each with its team and escalation', async () => {
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', CODEOWNERS));
      // Inside `@acme/web` on the /apps/ line (line 21): the word is replaced, the line's other owners left out.
      const items = await completionsAt(doc, positionOf(doc, '/apps/                              @acme/web', 37), '@');
      assert.deepEqual(items.map((i) => [labelOf(i), i.detail]), [
        ['@acme/platform', 'Platform · teams.yaml · used 6× in this file'],
        ['@acme/catalog', 'Catalog & Search · teams.yaml · used 4× in this file'],
        ['@acme/orders', 'Orders & Fulfilment · teams.yaml · used 4× in this file'],
        ['@acme/payments', 'Payments · teams.yaml · used 4× in this file'],
        ['@acme/growth', 'Growth · teams.yaml · used 3× in this file'],
        ['@acme/web', 'Storefront Web · teams.yaml'],
      ]);
      assert.deepEqual(rangeOf(items[0].range), [20, 36, 20, 45]);
      const docs = items[3].documentation;
      assert.ok(docs instanceof vscode.MarkdownString && docs.isTrusted !== true);
      assert.match(docs.value, /^Team \*\*Payments\*\* `@acme\/payments`/);
      assert.match(docs.value, /Escalation path:\n1\. chat: \[`#payments-oncall`\]/);
    });

    it('completes the next path segment of a pattern, folders with a trailing slash', async () => {
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', CODEOWNERS));
      // `/services/pay|ments-api/` on line 12.
      const items = await completionsAt(doc, positionOf(doc, '/services/payments-api/', 13));
      assert.deepEqual(items.map(labelOf), ['payments-api/']);
      assert.equal(items[0].kind, vscode.CompletionItemKind.Folder);
      assert.deepEqual(rangeOf(items[0].range), [11, 10, 11, 13]);
      assert.equal(items[0].command?.command, 'editor.action.triggerSuggest');
    });

    it('has nothing to format in the example (already aligned at its own column)', async () => {
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', CODEOWNERS));
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true });
      assert.deepEqual(edits ?? [], []);
    });

    it('aligns the owners of an untitled CODEOWNERS document, and formats a range', async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'codeowners', content: '*   @acme/platform\n# docs\n/docs/ @acme/platform   @acme/web\n' });
      const edits = (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 4, insertSpaces: true })) ?? [];
      // VS Code reduces a provider's edits to the characters that change: compare the text they give.
      assert.equal(applied(doc, edits), '*      @acme/platform\n# docs\n/docs/ @acme/platform @acme/web\n');
      const ranged = (await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatRangeProvider', doc.uri, new vscode.Range(2, 0, 2, 5), { tabSize: 4, insertSpaces: true })) ?? [];
      // Only the range's line: the first line keeps its own spacing.
      assert.equal(applied(doc, ranged), '*   @acme/platform\n# docs\n/docs/ @acme/platform @acme/web\n');
    });

    it('links owners to their declaration in teams.yaml and a file pattern to its file', async () => {
      const doc = await vscode.workspace.openTextDocument(uriIn('acme', CODEOWNERS));
      const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
      const payments = links.find((l) => l.range.start.line === 11 && l.range.start.character === 36);
      assert.ok(payments?.target, 'no link on @acme/payments of line 12');
      assert.deepEqual(rangeOf(payments.range), [11, 36, 11, 50]);
      assert.equal(vscode.workspace.asRelativePath(payments.target.with({ fragment: '' }), false), 'teams.yaml');
      assert.equal(payments.target.fragment, 'L4,9');
      const config = links.find((l) => l.range.start.line === 36 && l.range.start.character === 0);
      assert.ok(config?.target, 'no link on /.northstar.yaml');
      assert.equal(vscode.workspace.asRelativePath(config.target, false), '.northstar.yaml');
      assert.equal(links.length, 23);
    });
  });
}
