/**
 * Editing CODEOWNERS (issue 15): completion of owners and paths, the formatter that aligns the
 * owners column, and links on owners and paths. A thin adapter over the pure core
 * (src/core/codeownersEditing): positions are converted between the core's 1-based,
 * end-exclusive ranges and VS Code's 0-based ones; the document's current text is used.
 */
import * as vscode from 'vscode';
import type { Analysis } from '../core/api';
import {
  codeownersCompletions,
  codeownersLinks,
  editingDialect,
  formatCodeowners,
  type CodeownersCompletionItem,
  type LineEdit,
  type LinkTarget,
} from '../core/codeownersEditing';
import type { SourceRange } from '../core/model/types';
import { FIRST_ANALYSIS_WAIT_MS, locate } from './hovers';
import type { NorthstarModel, RootAnalysis } from './model';

/** CODEOWNERS files, also where the `codeowners` language is not (yet) applied to them. */
export const CODEOWNERS_SELECTOR: vscode.DocumentFilter[] = [{ language: 'codeowners' }, { pattern: '**/CODEOWNERS' }];

/** `@` starts an owner; `/` ends a path segment (the next one is completed). */
export const COMPLETION_TRIGGERS = ['@', '/'];

function toRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.line - 1, range.column - 1, range.endLine - 1, range.endColumn - 1);
}

const KINDS: Record<CodeownersCompletionItem['kind'], vscode.CompletionItemKind> = {
  team: vscode.CompletionItemKind.Module,
  person: vscode.CompletionItemKind.User,
  folder: vscode.CompletionItemKind.Folder,
  file: vscode.CompletionItemKind.File,
};

function completionItem(item: CodeownersCompletionItem): vscode.CompletionItem {
  const out = new vscode.CompletionItem(item.label, KINDS[item.kind]);
  out.insertText = item.insertText;
  out.filterText = item.filterText;
  out.sortText = item.sortText;
  out.range = toRange(item.range);
  if (item.detail) out.detail = item.detail;
  if (item.documentation) {
    // Untrusted Markdown: no command links, no HTML (names are escaped by the core as well).
    const markdown = new vscode.MarkdownString(item.documentation);
    markdown.isTrusted = false;
    markdown.supportHtml = false;
    out.documentation = markdown;
  }
  if (item.retrigger) out.command = { command: 'editor.action.triggerSuggest', title: 'Suggest the folder’s contents' };
  return out;
}

function textEdits(edits: readonly LineEdit[]): vscode.TextEdit[] {
  return edits.map((e) => vscode.TextEdit.replace(toRange(e.range), e.newText));
}

function targetUri(model: NorthstarModel, root: RootAnalysis, target: LinkTarget): vscode.Uri {
  if (target.kind === 'url') return vscode.Uri.parse(target.url, true);
  const uri = model.uriOf(root, target.file);
  // The editor opens a file link at `#L<line>,<column>`.
  return target.line === undefined ? uri : uri.with({ fragment: `L${target.line},${target.column ?? 1}` });
}

/** The analysis of a document's root now (the formatter never waits), and the dialect it is edited in. */
function formattingDialect(model: NorthstarModel, document: vscode.TextDocument) {
  const located = model.locate(document.uri);
  const analysis: Analysis | undefined = located?.root.analysis;
  return editingDialect(analysis, located?.path ?? vscode.workspace.asRelativePath(document.uri, false), document.getText());
}

export function registerCodeownersEditing(context: vscode.ExtensionContext, model: NorthstarModel): void {
  const completion: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position, token) {
      const located = await locate(model, document, token, FIRST_ANALYSIS_WAIT_MS);
      if (!located) return undefined;
      const result = codeownersCompletions(located.root.analysis, located.path, document.getText(), position.line + 1, position.character + 1);
      if (!result) return undefined;
      return new vscode.CompletionList(result.items.map(completionItem), !result.complete);
    },
  };
  const formatting: vscode.DocumentFormattingEditProvider & vscode.DocumentRangeFormattingEditProvider = {
    provideDocumentFormattingEdits(document) {
      return textEdits(formatCodeowners(document.getText(), formattingDialect(model, document)));
    },
    provideDocumentRangeFormattingEdits(document, range) {
      const lines = { start: range.start.line + 1, end: range.end.line + 1 };
      return textEdits(formatCodeowners(document.getText(), formattingDialect(model, document), { lines }));
    },
  };
  const links: vscode.DocumentLinkProvider = {
    async provideDocumentLinks(document, token) {
      const located = await locate(model, document, token, FIRST_ANALYSIS_WAIT_MS);
      if (!located) return undefined;
      const { root, path } = located;
      return codeownersLinks(root.analysis, path, document.getText()).map((l) => {
        const link = new vscode.DocumentLink(toRange(l.range), targetUri(model, root, l.target));
        link.tooltip = l.tooltip;
        return link;
      });
    },
  };
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(CODEOWNERS_SELECTOR, completion, ...COMPLETION_TRIGGERS),
    vscode.languages.registerDocumentFormattingEditProvider(CODEOWNERS_SELECTOR, formatting),
    vscode.languages.registerDocumentRangeFormattingEditProvider(CODEOWNERS_SELECTOR, formatting),
    vscode.languages.registerDocumentLinkProvider(CODEOWNERS_SELECTOR, links),
  );
}
