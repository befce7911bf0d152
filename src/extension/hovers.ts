/**
 * Hovers and go-to-definition (DESIGN.md section 4): a thin adapter over the pure core
 * (src/core/hover.ts, src/core/definition.ts). Positions are converted between the core's
 * 1-based, end-exclusive ranges and VS Code's 0-based ones; the document's current text is
 * used, so unsaved edits are seen.
 */
import * as vscode from 'vscode';
import { definitionAt } from '../core/definition';
import { hoverAt } from '../core/hover';
import type { SourceRange } from '../core/model/types';
import type { NorthstarModel } from './model';

/** The YAML files Northstar reads, by name (wherever they are: the core decides what applies). */
const YAML_PATTERN = '**/{service-contract,catalog-info,teams,vision,.northstar}.{yaml,yml}';
/** CODEOWNERS, also where the `codeowners` language is not (yet) applied to it. */
const CODEOWNERS_PATTERN = '**/CODEOWNERS';
const CODE_LANGUAGES = ['typescript', 'javascript', 'typescriptreact', 'javascriptreact', 'python', 'go'];

export const HOVER_SELECTOR: vscode.DocumentFilter[] = [
  { language: 'codeowners' },
  { pattern: CODEOWNERS_PATTERN },
  { pattern: YAML_PATTERN },
  ...CODE_LANGUAGES.map((language) => ({ language })),
];

export const DEFINITION_SELECTOR: vscode.DocumentFilter[] = [
  { language: 'codeowners' },
  { pattern: CODEOWNERS_PATTERN },
  { pattern: YAML_PATTERN },
];

function toRange(range: SourceRange): vscode.Range {
  const start = new vscode.Position(Math.max(0, range.line - 1), Math.max(0, range.column - 1));
  let end = new vscode.Position(Math.max(0, range.endLine - 1), Math.max(0, range.endColumn - 1));
  if (end.isBefore(start)) end = start;
  return new vscode.Range(start, end);
}

/** The analysis of the document's root, waiting for the first analysis when it is still running. */
async function locate(model: NorthstarModel, document: vscode.TextDocument, token: vscode.CancellationToken) {
  const now = model.locate(document.uri);
  if (now) return now;
  await model.ready();
  return token.isCancellationRequested ? undefined : model.locate(document.uri);
}

export function registerHovers(context: vscode.ExtensionContext, model: NorthstarModel): void {
  const hovers: vscode.HoverProvider = {
    async provideHover(document, position, token) {
      const located = await locate(model, document, token);
      if (!located) return undefined;
      const result = hoverAt(located.root.analysis, located.path, document.getText(), position.line + 1, position.character + 1);
      if (!result) return undefined;
      // Untrusted Markdown: no command links, no HTML (names are escaped by the core as well).
      const markdown = new vscode.MarkdownString(result.markdown);
      markdown.isTrusted = false;
      markdown.supportHtml = false;
      return new vscode.Hover(markdown, toRange(result.range));
    },
  };
  const definitions: vscode.DefinitionProvider = {
    async provideDefinition(document, position, token) {
      const located = await locate(model, document, token);
      if (!located) return undefined;
      const { root, path } = located;
      const found = definitionAt(root.analysis, path, document.getText(), position.line + 1, position.character + 1);
      if (found.length === 0) return undefined;
      return found.map((loc) => new vscode.Location(model.uriOf(root, loc.file), toRange(loc)));
    },
  };
  context.subscriptions.push(
    vscode.languages.registerHoverProvider(HOVER_SELECTOR, hovers),
    vscode.languages.registerDefinitionProvider(DEFINITION_SELECTOR, definitions),
  );
}
