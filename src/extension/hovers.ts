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
import { docsBase } from './docsLinks';
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

/**
 * How long a hover or definition waits for the first analysis of the document's folder before
 * answering without it: a small workspace is analysed within this on startup; a 200,000-file
 * one is not, and the editor must not wait seconds for an answer.
 */
export const FIRST_ANALYSIS_WAIT_MS = 300;

/** The hover shown on a Northstar file while its folder has no analysis yet. */
export const ANALYSING_HOVER = 'Northstar is still analysing this workspace folder; hover again in a moment.';

/**
 * The analysis of the document's root. While the first analysis still runs, a hover waits at
 * most `waitMs`; go-to-definition (an explicit request, answered asynchronously) waits for it.
 */
export async function locate(model: NorthstarModel, document: vscode.TextDocument, token: vscode.CancellationToken, waitMs?: number) {
  const now = model.locate(document.uri);
  if (now) return now;
  if (waitMs === undefined) await model.ready();
  else await model.waitForFirstAnalysis(document.uri, waitMs);
  return token.isCancellationRequested ? undefined : model.locate(document.uri);
}

/** CODEOWNERS and the YAML files Northstar reads (not code files: their hovers belong to others). */
function isNorthstarFile(document: vscode.TextDocument): boolean {
  return document.languageId === 'codeowners' || /(^|\/)(CODEOWNERS|(service-contract|catalog-info|teams|vision|\.northstar)\.ya?ml)$/.test(document.uri.path);
}

/** While the first analysis runs: a note on the token under the cursor of a Northstar file (not on comments or blanks). */
function analysingHover(model: NorthstarModel, document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  if (!model.isFirstAnalysisPending(document.uri) || !isNorthstarFile(document)) return undefined;
  const line = document.lineAt(position.line).text;
  const comment = line.search(/(^|\s)#/);
  if (comment >= 0 && position.character >= comment) return undefined;
  const range = document.getWordRangeAtPosition(position, /[^\s]+/);
  if (!range) return undefined;
  const markdown = new vscode.MarkdownString(`$(sync~spin) ${ANALYSING_HOVER}`, true);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return new vscode.Hover(markdown, range);
}

export function registerHovers(context: vscode.ExtensionContext, model: NorthstarModel): void {
  const docs = docsBase(context.extensionUri);
  const hovers: vscode.HoverProvider = {
    async provideHover(document, position, token) {
      const located = await locate(model, document, token, FIRST_ANALYSIS_WAIT_MS);
      if (!located) return token.isCancellationRequested ? undefined : analysingHover(model, document, position);
      const result = hoverAt(located.root.analysis, located.path, document.getText(), position.line + 1, position.character + 1, { docsBase: docs });
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
