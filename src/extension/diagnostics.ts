/**
 * Every finding of every root as a diagnostic on its exact range, in the Problems panel.
 * Diagnostics of a root are replaced as a whole after each analysis, so fixed findings vanish.
 */
import * as vscode from 'vscode';
import type { Finding, Severity, SourceRange } from '../core/model/types';
import { ruleDocsUri } from './docsLinks';
import type { NorthstarModel, RootAnalysis } from './model';

export const DIAGNOSTIC_SOURCE = 'northstar';

/** A core range (1-based, end exclusive, UTF-16 columns) as a vscode Range (0-based, same columns). */
export function toVscodeRange(range: SourceRange): vscode.Range {
  const start = new vscode.Position(Math.max(0, range.line - 1), Math.max(0, range.column - 1));
  let end = new vscode.Position(Math.max(0, range.endLine - 1), Math.max(0, range.endColumn - 1));
  if (end.isBefore(start)) end = start;
  return new vscode.Range(start, end);
}

export function toVscodeSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    default: return vscode.DiagnosticSeverity.Information;
  }
}

/** A finding as a diagnostic whose code links to the rule's page inside the extension (`extensionUri`). */
export function toDiagnostic(finding: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding), finding.message, toVscodeSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: finding.ruleId, target: ruleDocsUri(extensionUri, finding.ruleId) };
  return diagnostic;
}

/** Diagnostics by file of one root's analysis. */
export function diagnosticsOf(model: NorthstarModel, root: RootAnalysis, extensionUri: vscode.Uri): Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }> {
  const byFile = new Map<string, { uri: vscode.Uri; diagnostics: vscode.Diagnostic[] }>();
  for (const finding of root.analysis.model.findings) {
    let entry = byFile.get(finding.file);
    if (!entry) {
      entry = { uri: model.uriOf(root, finding.file), diagnostics: [] };
      byFile.set(finding.file, entry);
    }
    entry.diagnostics.push(toDiagnostic(finding, extensionUri));
  }
  return byFile;
}

export function registerDiagnostics(context: vscode.ExtensionContext, model: NorthstarModel): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** Uris that hold diagnostics, per root folder, to clear what an analysis no longer reports. */
  const published = new Map<string, vscode.Uri[]>();
  const show = (root: RootAnalysis): void => {
    const key = root.folder.uri.toString();
    const byFile = diagnosticsOf(model, root, context.extensionUri);
    const next = [...byFile.values()];
    const keep = new Set(next.map((e) => e.uri.toString()));
    for (const uri of published.get(key) ?? []) if (!keep.has(uri.toString())) collection.delete(uri);
    collection.set(next.map((e) => [e.uri, e.diagnostics] as [vscode.Uri, vscode.Diagnostic[]]));
    published.set(key, next.map((e) => e.uri));
  };
  for (const root of model.roots()) show(root);
  context.subscriptions.push(
    collection,
    model.onDidChange(show),
    vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const folder of e.removed) {
        const key = folder.uri.toString();
        for (const uri of published.get(key) ?? []) collection.delete(uri);
        published.delete(key);
      }
    }),
  );
  return collection;
}
