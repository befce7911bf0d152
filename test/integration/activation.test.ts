import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { extensionId, manifest, scenario, waitFor } from './helpers';

describe('Northstar in a real VS Code', () => {
  it('runs in a Node extension host with the VS Code API the manifest targets', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    assert.equal(typeof process.versions.node, 'string');
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major > 1 || minor >= 100, `VS Code ${vscode.version} is older than engines.vscode ^1.100.0`);
  });

  it('opens the workspace the harness asked for', () => {
    const expected = scenario();
    assert.deepEqual((vscode.workspace.workspaceFolders ?? []).map((f) => f.name), expected.folders);
    assert.equal(vscode.workspace.isTrusted, expected.trusted);
  });

  it('is installed under its package.json id', () => {
    const ext = vscode.extensions.getExtension(extensionId());
    assert.ok(ext, `extension ${extensionId()} not found`);
    assert.equal(ext.packageJSON.version, manifest().version);
  });

  it('declares that it works in restricted (untrusted) workspaces', () => {
    // VS Code enables an extension under development even in restricted mode, so the restricted
    // run cannot catch a missing declaration: the installed extension would be disabled there.
    const ext = vscode.extensions.getExtension(extensionId());
    assert.ok(ext);
    const supported: unknown = ext.packageJSON.capabilities?.untrustedWorkspaces?.supported;
    assert.ok(supported === true || supported === 'limited', `capabilities.untrustedWorkspaces.supported is ${String(supported)}`);
  });

  it('activates by itself on a workspace that holds Northstar files', async () => {
    // No ext.activate() here: this proves the manifest's activation events fire.
    const ext = vscode.extensions.getExtension(extensionId());
    assert.ok(ext);
    await waitFor(`${extensionId()} to activate`, () => ext.isActive);
  });

  it('contributes and runs northstar.showOutput', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('northstar.showOutput'), 'northstar.showOutput is not registered');
    await vscode.commands.executeCommand('northstar.showOutput');
  });
});
