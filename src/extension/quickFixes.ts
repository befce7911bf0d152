/**
 * Quick fixes: each finding's own `fix` from the core (add a CODEOWNERS line, declare a team,
 * remove a duplicate line, …) and, for findings about a module that only has a manifest,
 * "create a service-contract.yaml from a template". Edits go through a WorkspaceEdit, so an
 * open document is edited in its buffer and unsaved edits are kept.
 *
 * Safety (DESIGN habit 6): a fix's positions come from an analysis of some version of each
 * file it edits. A fix is offered only when that analysis read the text every edited file has
 * now (NorthstarModel.sawCurrentText); while an edit waits for its re-analysis the provider
 * waits for it (bounded), else offers nothing. A fix that creates a file is offered only when
 * the file does not exist, and if the file appears before the fix is applied, the whole edit
 * fails instead of writing into it.
 */
import * as vscode from 'vscode';
import { contractTemplateFix } from '../core/fixes/contractTemplate';
import type { Finding, Fix } from '../core/model/types';
import { DIAGNOSTIC_SOURCE, toVscodeRange } from './diagnostics';
import type { NorthstarModel, RootAnalysis } from './model';

async function exists(uri: vscode.Uri): Promise<boolean> {
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return true;
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** How long code actions wait for the re-analysis of a document edited since the last one. */
export const STALE_WAIT_MS = 2000;

/** Why a fix is not offered: it would create a file that exists, or edit a file changed since the analysis. */
export type NoEdit = 'exists' | 'stale';

/**
 * The WorkspaceEdit of a core Fix, or why there is none: it would create a file that already
 * exists (a fix never overwrites), or it edits a file whose text changed since `root` was
 * analysed (its positions would be stale).
 */
export async function toWorkspaceEdit(model: NorthstarModel, root: RootAnalysis, fix: Fix): Promise<vscode.WorkspaceEdit | NoEdit> {
  const edit = new vscode.WorkspaceEdit();
  for (const e of fix.edits) {
    const uri = model.uriOf(root, e.file);
    if (e.range === null) {
      if (await exists(uri)) return 'exists';
      // Created empty, then filled as a text edit: the text lands in an editor buffer the user
      // reviews and saves (createFile's `contents` does not survive every route a code action takes).
      // Neither overwrite nor ignoreIfExists: should the file appear before the fix is applied,
      // creating it fails and so does the whole edit, rather than inserting into that file.
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
      edit.insert(uri, new vscode.Position(0, 0), e.newText);
    } else {
      if (!model.sawCurrentText(root, uri)) return 'stale';
      edit.replace(uri, toVscodeRange(e.range), e.newText);
    }
  }
  return edit;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The fixes offered for one finding: its own (the preferred first), then the contract template
 * where it applies, unless one of its own already creates that contract (with a real owner).
 */
export function fixesFor(root: RootAnalysis, finding: Finding): Fix[] {
  const fixes: Fix[] = [];
  if (finding.fix) fixes.push(finding.fix);
  for (const more of finding.moreFixes ?? []) fixes.push(more);
  const module = finding.module === null ? undefined : root.analysis.moduleByName(finding.module);
  // The module's owners as CODEOWNERS gives them, asked as the engine does: for the file that defines it.
  const template = module ? contractTemplateFix(finding, module, root.analysis.ownersOf(module.definedAt.file)) : null;
  const creates = (fix: Fix, file: string): boolean => fix.edits.some((e) => e.range === null && e.file === file);
  if (template && !fixes.some((f) => creates(f, template.edits[0].file))) fixes.push(template);
  return fixes;
}

/** The file a fix creates, to open once the edit is applied (the user reviews and saves it there). */
export function createdFile(fix: Fix): string | undefined {
  return fix.edits.find((e) => e.range === null)?.file;
}

function sameDiagnostic(d: vscode.Diagnostic, finding: Finding): boolean {
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  return d.source === DIAGNOSTIC_SOURCE && code === finding.ruleId && d.range.isEqual(toVscodeRange(finding)) && d.message === finding.message;
}

export class NorthstarCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly model: NorthstarModel) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const first = await this.actions(document, range, context, token);
    if (first !== 'stale') return first;
    // The analysis is older than this document or than a file a fix edits: wait for the
    // re-analysis the edit scheduled and use it; if it does not come in time, offer nothing.
    await Promise.race([this.model.whenIdle(), delay(STALE_WAIT_MS)]);
    if (token.isCancellationRequested) return [];
    const second = await this.actions(document, range, context, token);
    return second === 'stale' ? [] : second;
  }

  /** The actions from the latest analysis, or 'stale' when any of them would be computed from an outdated text. */
  private async actions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.CodeAction[] | 'stale'> {
    const located = this.model.locate(document.uri);
    if (!located) return [];
    const { root, path } = located;
    // The findings' ranges are positions in the text the analysis read.
    if (!this.model.sawCurrentText(root, document.uri)) return 'stale';
    const findings = root.analysis.model.findings.filter((f) => f.file === path && toVscodeRange(f).intersection(range) !== undefined);
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const finding of findings) {
      for (const fix of fixesFor(root, finding)) {
        // Several findings can share one fix (a module missing tests and observability).
        const key = JSON.stringify(fix.edits);
        if (seen.has(key)) continue;
        const edit = await toWorkspaceEdit(this.model, root, fix);
        if (token.isCancellationRequested) return [];
        if (edit === 'stale') return 'stale';
        if (edit === 'exists') continue;
        seen.add(key);
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        action.diagnostics = context.diagnostics.filter((d) => sameDiagnostic(d, finding));
        action.isPreferred = fix === finding.fix;
        // A code action's command runs after its edit: show the created file (a contract from the template).
        const created = createdFile(fix);
        if (created !== undefined) action.command = { title: 'Open the created file', command: 'vscode.open', arguments: [this.model.uriOf(root, created)] };
        actions.push(action);
      }
    }
    return actions;
  }
}

export function registerQuickFixes(context: vscode.ExtensionContext, model: NorthstarModel): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(
      [{ scheme: 'file' }, { scheme: 'vscode-remote' }],
      new NorthstarCodeActionProvider(model),
      { providedCodeActionKinds: NorthstarCodeActionProvider.kinds },
    ),
  );
}
