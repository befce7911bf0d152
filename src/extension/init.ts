/**
 * "Northstar: Start the Files Northstar Reads": the editor's `northstar init`. The same plan
 * (core/init.ts) on the folder's published analysis; each file is created only where none
 * exists (never overwriting, whatever changed since the analysis), then the created
 * teams.yaml and vision.yaml are opened for their TODOs.
 */
import * as vscode from 'vscode';
import { initPlan, type InitFile } from '../core/init';
import type { NorthstarModel, RootAnalysis } from './model';

export const INIT_COMMAND = 'northstar.init';

async function pickRoot(model: NorthstarModel, folder?: vscode.Uri): Promise<RootAnalysis | undefined> {
  await model.whenIdle();
  const roots = model.roots();
  // Run for a given folder (the summary page's): that folder's root, never another.
  if (folder) return roots.find((r) => r.folder.uri.toString() === folder.toString());
  if (roots.length <= 1) return roots[0];
  const picked = await vscode.window.showQuickPick(
    roots.map((r) => ({ label: r.folder.name, description: r.folder.uri.fsPath, root: r })),
    { placeHolder: 'Start Northstar files in which folder?' },
  );
  return picked?.root;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Creates what the plan lists and is still missing; returns the created files. */
export async function createStarterFiles(model: NorthstarModel, root: RootAnalysis): Promise<{ created: InitFile[]; kept: InitFile[] }> {
  const plan = initPlan({ model: root.analysis.model, ownersOf: root.analysis.ownersOf, files: root.analysis.files ?? [] });
  const created: InitFile[] = [];
  const kept: InitFile[] = [];
  for (const file of plan) {
    const uri = model.uriOf(root, file.path);
    if (await exists(uri)) {
      kept.push(file);
      continue;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(file.text));
    created.push(file);
  }
  return { created, kept };
}

export function registerInit(context: vscode.ExtensionContext, model: NorthstarModel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(INIT_COMMAND, async (folder?: unknown) => {
      const root = await pickRoot(model, folder instanceof vscode.Uri ? folder : undefined);
      if (!root) {
        void vscode.window.showInformationMessage('Northstar: open a folder first.');
        return;
      }
      const { created } = await createStarterFiles(model, root);
      if (created.length === 0) {
        void vscode.window.showInformationMessage('Northstar: nothing to create: teams.yaml, vision.yaml and a contract for every module exist.');
        return;
      }
      // The two files a team completes first, side by side with what they describe.
      for (const file of created.filter((f) => f.path === 'teams.yaml' || f.path === 'vision.yaml')) {
        await vscode.window.showTextDocument(model.uriOf(root, file.path), { preview: false });
      }
      const contracts = created.filter((f) => f.path !== 'teams.yaml' && f.path !== 'vision.yaml').length;
      void vscode.window.showInformationMessage(
        `Northstar created ${created.map((f) => f.path).filter((p) => p === 'teams.yaml' || p === 'vision.yaml').join(' and ') || 'no top-level file'}` +
          `${contracts > 0 ? ` and ${contracts} service contract${contracts === 1 ? '' : 's'}` : ''}: complete their TODOs.`,
      );
    }),
  );
}
