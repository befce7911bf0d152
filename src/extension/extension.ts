// The extension's entry point. Activation does little (DESIGN habit 9): it builds the model
// service and registers the surfaces; the first full scan starts after activate() returns.
import * as vscode from 'vscode';
import { registerCodeownersEditing } from './codeownersEditing';
import { registerDiagnostics } from './diagnostics';
import { registerHovers } from './hovers';
import { registerInit } from './init';
import { NorthstarModel, type ActivationTiming } from './model';
import { registerDiagram } from './panels/diagramPanel';
import { registerSummary } from './panels/summaryPanel';
import { registerQuickFixes } from './quickFixes';
import { registerStatusBar } from './statusBar';
import { registerTree, type NorthstarTreeProvider } from './tree';
import { registerWelcome } from './welcome';
import { hostTimingReport, resetHostTiming, type HostTimingReport } from '../node/hostTiming';

export const OUTPUT_CHANNEL_NAME = 'Northstar';

/** What activate() returns (`extension.exports`): used by the integration tests and by other extensions. */
export interface NorthstarApi {
  readonly model: NorthstarModel;
  readonly timing: ActivationTiming;
  /** The ownership status bar text, or undefined while it is hidden. */
  statusBarText(): string | undefined;
  /** Its tooltip (the file's owners, and the module's team and level). */
  statusBarTooltip(): string | undefined;
  readonly tree: NorthstarTreeProvider;
  /**
   * The longest Northstar callback on this thread and each callback's figures, when the host was
   * started with NORTHSTAR_HOST_TIMING=1 (src/node/hostTiming.ts; the large-workspace test).
   */
  readonly hostTiming: { report(): HostTimingReport; reset(): void };
}

export function activate(context: vscode.ExtensionContext): NorthstarApi {
  const startedAt = Date.now();
  const output = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const model = new NorthstarModel(output, startedAt);
  context.subscriptions.push(
    output,
    model,
    vscode.commands.registerCommand('northstar.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('northstar.refresh', () => model.refresh()),
  );
  registerDiagnostics(context, model);
  registerQuickFixes(context, model);
  const statusBar = registerStatusBar(context, model);
  const tree = registerTree(context, model);
  registerHovers(context, model);
  registerCodeownersEditing(context, model);
  registerSummary(context, model);
  registerDiagram(context, model);
  registerInit(context, model);

  const folders = vscode.workspace.workspaceFolders ?? [];
  model.timing.activate = Date.now() - startedAt;
  output.info(`Northstar ${String(context.extension.packageJSON.version)} activated in ${model.timing.activate} ms ` +
    `(${folders.length} folder(s), ${vscode.workspace.isTrusted ? 'trusted' : 'restricted'} workspace)`);
  model.start();
  registerWelcome(context);
  return { model, timing: model.timing, statusBarText: () => statusBar.text, statusBarTooltip: () => statusBar.tooltip, tree,
    hostTiming: { report: hostTimingReport, reset: resetHostTiming } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
