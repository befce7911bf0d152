import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extensionId, runCli, waitFor } from './helpers';

const SHOW = 'northstar.showDiagram';
const EXPORT = 'northstar.exportDiagram';

interface Snapshot {
  state: { root: string | null; selected: string | null };
  mermaid: string;
  root: string;
  rootUri: string;
}

function diagramTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('northstar.diagram'));
}

/** What `northstar diagram --root DIR` prints, from the built CLI (a child process: the host stays responsive). */
function cliDiagram(folder: string): Promise<string> {
  return runCli(['diagram', '--root', folder]);
}

/** The panel's snapshot once its page has loaded, run its script and been sent a drawing. */
async function drawn(folder: vscode.WorkspaceFolder, arg: vscode.Uri = folder.uri): Promise<Snapshot> {
  return waitFor(
    `the diagram of ${folder.name} to be sent to its page`,
    async () => {
      const s = await vscode.commands.executeCommand<Snapshot>(SHOW, arg);
      return s.mermaid !== '' && s.root === folder.name ? s : undefined;
    },
    30_000,
  );
}

describe('architecture diagram (real VS Code)', () => {
  const folders = (): readonly vscode.WorkspaceFolder[] => vscode.workspace.workspaceFolders ?? [];
  let tmp: string;

  before(async () => {
    const ext = vscode.extensions.getExtension(extensionId());
    assert.ok(ext);
    await ext.activate();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-diagram-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('registers its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(SHOW), `${SHOW} is not registered`);
    assert.ok(commands.includes(EXPORT), `${EXPORT} is not registered`);
  });

  it('opens one panel whose page asks for and gets the same Mermaid source as `northstar diagram`, for each folder', async () => {
    for (const folder of folders()) {
      const snapshot = await drawn(folder);
      assert.equal(snapshot.mermaid, await cliDiagram(folder.uri.fsPath), `${folder.name}: the webview's source differs from the CLI`);
      const tab = await waitFor('the diagram tab', () => diagramTabs().find((t) => t.label === `Architecture: ${folder.name}`));
      assert.ok(tab);
      assert.equal(diagramTabs().length, 1, 'the command reuses its panel');
    }
  });

  it('from a contract (the editor-title button) draws its folder and selects its module', async () => {
    for (const folder of folders()) {
      const contracts = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/service-contract.yaml'), '**/node_modules/**', 1);
      if (contracts.length === 0) continue;
      const text = fs.readFileSync(contracts[0].fsPath, 'utf8');
      const name = /^name:\s*"?([^"\n]+)"?\s*$/m.exec(text)?.[1];
      assert.ok(name, `${contracts[0].fsPath} has a name`);
      const snapshot = await vscode.commands.executeCommand<Snapshot>(SHOW, contracts[0]);
      assert.equal(snapshot.root, folder.name);
      assert.equal(snapshot.state.selected, name);
    }
  });

  it('exports Markdown with a mermaid block and the Mermaid source', async () => {
    const folder = folders()[0];
    const snapshot = await drawn(folder);
    const md = vscode.Uri.file(path.join(tmp, 'architecture.md'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>(EXPORT, 'markdown', md);
    assert.equal(written?.toString(), md.toString());
    assert.equal(fs.readFileSync(md.fsPath, 'utf8'), `# Architecture: ${folder.name}\n\n\`\`\`mermaid\n${snapshot.mermaid}\`\`\`\n`);
    const mmd = vscode.Uri.file(path.join(tmp, 'architecture.mmd'));
    await vscode.commands.executeCommand(EXPORT, 'mermaid', mmd);
    assert.equal(fs.readFileSync(mmd.fsPath, 'utf8'), snapshot.mermaid);
  });

  // The same-names scenario: two workspace folders called `api` (test/fixtures/vscode-samename).
  const names = folders().map((f) => f.name);
  if (new Set(names).size < names.length) {
    it('with two folders of the same name, shows each folder\'s own modules (folders are found by URI)', async () => {
      const contractNames = async (folder: vscode.WorkspaceFolder): Promise<string[]> => {
        const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/service-contract.yaml'));
        return files.map((f) => /^name:\s*"?([^"\n]+)"?\s*$/m.exec(fs.readFileSync(f.fsPath, 'utf8'))?.[1] ?? '');
      };
      for (const folder of folders()) {
        const own = await contractNames(folder);
        const others = (await Promise.all(folders().filter((f) => f !== folder).map(contractNames))).flat().filter((n) => !own.includes(n));
        assert.ok(own.length > 0 && others.length > 0, 'each folder has modules of its own');
        const snapshot = await waitFor(`the diagram of ${folder.uri.toString()}`, async () => {
          const s = await vscode.commands.executeCommand<Snapshot>(SHOW, folder.uri);
          return s.mermaid !== '' && s.rootUri === folder.uri.toString() ? s : undefined;
        }, 30_000);
        assert.equal(snapshot.state.root, folder.uri.toString(), 'the view state names the folder by URI');
        for (const name of own) assert.ok(snapshot.mermaid.includes(name), `${folder.uri.toString()}: ${name} is drawn`);
        for (const name of others) assert.ok(!snapshot.mermaid.includes(name), `${folder.uri.toString()}: ${name} of the other folder is not drawn`);
        assert.equal(snapshot.mermaid, await cliDiagram(folder.uri.fsPath));
        assert.equal(diagramTabs().length, 1, 'one diagram panel');
      }
    });
  }
});
