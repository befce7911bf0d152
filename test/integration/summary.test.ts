import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionId, runCli, waitFor } from './helpers';

const SHOW = 'northstar.showVisionSummary';
const EXPORT = 'northstar.exportSummaryMarkdown';

function summaryTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('northstar.summary'));
}

/** What `northstar summary --format md --root DIR` prints, from the built CLI (a child process: the host stays responsive). */
function cliSummary(folder: string): Promise<string> {
  return runCli(['summary', '--format', 'md', '--root', folder]);
}

describe('vision summary (real VS Code)', () => {
  const folders = (): readonly vscode.WorkspaceFolder[] => vscode.workspace.workspaceFolders ?? [];
  let tmp: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(extensionId());
    assert.ok(ext);
    await ext.activate();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-summary-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('contributes both commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(SHOW), `${SHOW} is not registered`);
    assert.ok(commands.includes(EXPORT), `${EXPORT} is not registered`);
  });

  it('opens one summary panel and shows each folder in it', async () => {
    assert.ok(folders().length > 0);
    for (const folder of folders()) {
      await vscode.commands.executeCommand(SHOW, folder.uri);
      const tab = await waitFor(`the summary panel of ${folder.name}`, () => summaryTabs().find((t) => t.label === `Vision Summary: ${folder.name}`));
      assert.ok(tab.isActive, 'the panel is the active tab');
      assert.equal(summaryTabs().length, 1, 'the command reuses its panel');
    }
  });

  it('exports exactly what `northstar summary --format md` prints', async () => {
    for (const folder of folders()) {
      const target = vscode.Uri.file(path.join(tmp, `${folder.name}.md`));
      const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(EXPORT, folder.uri, target);
      assert.equal(written?.toString(), target.toString());
      const exported = fs.readFileSync(target.fsPath, 'utf8');
      assert.match(exported, /^# Vision summary\n/);
      assert.equal(exported, await cliSummary(folder.uri.fsPath), `${folder.name}: the export differs from the CLI`);
    }
  });

  it('exports the folder the active panel shows when no folder is given', async () => {
    const last = folders()[folders().length - 1];
    await vscode.commands.executeCommand(SHOW, last.uri);
    await waitFor('the summary panel', () => summaryTabs().find((t) => t.isActive && t.label === `Vision Summary: ${last.name}`));
    const target = vscode.Uri.file(path.join(tmp, 'active.md'));
    await vscode.commands.executeCommand(EXPORT, undefined, target);
    assert.equal(fs.readFileSync(target.fsPath, 'utf8'), await cliSummary(last.uri.fsPath));
  });
});
