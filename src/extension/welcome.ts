/**
 * First run: the walkthrough opens by itself the first time Northstar activates for this user,
 * as VS Code does for an extension installed from the Marketplace, unless the user turned that off
 * (`workbench.welcomePage.walkthroughs.openOnInstall`, VS Code's own setting). Shown once per
 * user (global state), never again on later windows.
 */
import * as vscode from 'vscode';

export const WALKTHROUGH_ID = 'northstar.start';
const SHOWN_KEY = 'northstar.walkthroughShown';

/** The walkthrough's full id, `publisher.name#id`, as `workbench.action.openWalkthrough` expects. */
export function walkthroughRef(context: vscode.ExtensionContext): string {
  return `${context.extension.id}#${WALKTHROUGH_ID}`;
}

export function registerWelcome(context: vscode.ExtensionContext): void {
  if (context.globalState.get<boolean>(SHOWN_KEY)) return;
  if (!vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)) return;
  void context.globalState.update(SHOWN_KEY, true);
  // Beside the editors the window restores, never replacing them.
  void vscode.commands.executeCommand('workbench.action.openWalkthrough', walkthroughRef(context), false);
}
