// One model, one answer, in the real VS Code: for each open folder whose values are pinned in
// test/fixtures/surfaces/ (the example, the restricted workspace, the multi-root folders), the
// tree, the status bar and the module hover show the same file owners, team, team name and
// level as the table — the values test/cli/surfaces.test.ts checks on the CLI's outputs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { code, escapeMarkdown } from '../../src/core/hover';
import type { NorthstarApi } from '../../src/extension/extension';
import type { NorthstarNode } from '../../src/extension/tree';
import { LEVEL_LABEL } from '../../src/core/scorecard';
import { statusBarText } from '../../src/core/statusText';
import { hoverScorecard, surfaceTableFor, type SurfaceRow } from '../support/surfaces';
import { readyApi, waitFor } from './helpers';

function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

/** The team nodes of a folder in the tree (under its folder node in a multi-root workspace). */
function teamNodes(a: NorthstarApi, folder: vscode.WorkspaceFolder): NorthstarNode[] {
  let top = a.tree.getChildren();
  const folderNode = top.find((n) => n.kind === 'folder' && n.root.folder.uri.toString() === folder.uri.toString());
  if (folderNode) top = a.tree.getChildren(folderNode);
  const teams = top.find((n) => n.kind === 'group' && n.group === 'teams');
  assert.ok(teams, `no Teams group for ${folder.name}`);
  return a.tree.getChildren(teams);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
}

const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ folder, table: surfaceTableFor(folder.uri.fsPath) })).filter((f) => f.table !== undefined);

describe('one answer on every surface, in VS Code (test/fixtures/surfaces)', function () {
  this.timeout(60_000);

  it('has a pinned table for at least one open folder', () => {
    assert.ok(folders.length > 0, `no table for ${(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath).join(', ')}`);
  });

  for (const { folder, table } of folders) {
    const rows = table!.modules;
    describe(folder.name, () => {
      it('tree: each module once, under its team by its display name', async () => {
        const a = await readyApi();
        const byTeam = teamNodes(a, folder).map((node) => ({
          label: labelOf(a.tree.getTreeItem(node)),
          modules: a.tree.getChildren(node).map((m) => labelOf(a.tree.getTreeItem(m))),
        }));
        const labels = byTeam.map((t) => t.label);
        assert.equal(new Set(labels).size, labels.length, `a team appears twice: ${labels.join(', ')}`);
        for (const row of rows) {
          const under = byTeam.filter((t) => t.modules.includes(row.module));
          assert.equal(under.length, 1, `${row.module} is under ${under.map((t) => t.label).join(', ') || 'no team'}`);
          assert.equal(under[0].label, row.teamName ?? 'No owner', row.module);
        }
        // Each module item: its level by the one name every surface uses, in the description and the tooltip.
        const items = teamNodes(a, folder).flatMap((node) => a.tree.getChildren(node)).filter((n) => n.kind === 'module');
        for (const row of rows) {
          const item = items.map((n) => a.tree.getTreeItem(n)).find((i) => labelOf(i) === row.module);
          assert.ok(item, row.module);
          assert.ok(String(item.description ?? '').startsWith(LEVEL_LABEL[row.level]), `${row.module}: ${String(item.description)}`);
          // The tooltip is the core's Markdown: the level as the module hover writes it.
          const tooltip = typeof item.tooltip === 'string' ? item.tooltip : item.tooltip?.value ?? '';
          assert.ok(tooltip.includes(hoverScorecard(row.level)), `${row.module}: ${tooltip}`);
          assert.ok(item.accessibilityInformation?.label.includes(`scorecard ${LEVEL_LABEL[row.level]}`), `${row.module}: ${item.accessibilityInformation?.label}`);
        }
      });

      it('status bar: the file\'s CODEOWNERS owners and module; the tooltip names the module\'s team', async () => {
        const a = await readyApi();
        for (const row of rows) {
          await vscode.window.showTextDocument(vscode.Uri.joinPath(folder.uri, ...row.file.split('/')), { preview: true });
          const text = statusBarText(row.fileOwners, row.module);
          await waitFor(`the status of ${row.file} (${text}; showing ${a.statusBarText()})`, () => a.statusBarText() === text);
          const tooltip = a.statusBarTooltip() ?? '';
          const team = row.teamName === null ? 'no owning team' : `team ${row.teamName}`;
          assert.ok(tooltip.includes(`Module ${row.module}: ${team}`), `${row.module}: ${tooltip}`);
          assert.ok(tooltip.includes(`scorecard: ${LEVEL_LABEL[row.level]}`), `${row.module}: ${tooltip}`);
          for (const owner of row.fileOwners) assert.ok(tooltip.includes(owner), `${row.module}: ${tooltip}`);
        }
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      });

      it('module hover on the contract or catalog name: the team by its display name, and the level', async () => {
        const a = await readyApi();
        const root = a.model.roots().find((r) => r.folder.uri.toString() === folder.uri.toString());
        assert.ok(root, folder.name);
        let hovered = 0;
        for (const row of rows as SurfaceRow[]) {
          const module = root.analysis.model.modules.find((m) => m.name === row.module && m.path === row.path);
          assert.ok(module, row.module);
          if (module.source === 'manifest') continue;
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, ...module.definedAt.file.split('/')));
          // The name as written: a contract's `name:`, a catalog entity's `metadata.name`.
          const at = doc.getText().search(new RegExp(`^\\s*name:\\s*["']?${row.module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`, 'm'));
          assert.ok(at >= 0, `no name line for ${row.module} in ${module.definedAt.file}`);
          const line = doc.positionAt(at).line;
          const position = new vscode.Position(line, doc.lineAt(line).text.indexOf(row.module) + 1);
          const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position));
          if (row.teamName === null) assert.match(text, /Owner: none declared/, row.module);
          else assert.ok(text.includes(escapeMarkdown(row.teamName)) || text.includes(code(row.teamName)), `${row.module}: ${text}`);
          assert.ok(text.includes(hoverScorecard(row.level)), `${row.module}: ${text}`);
          hovered++;
        }
        assert.ok(hovered > 0 || rows.every((r) => root.analysis.moduleByName(r.module)?.source === 'manifest'));
      });
    });
  }
});
