// Shared by the integration tests: the extension's id, polling, and the scenario the harness
// opened (passed through the environment, so a harness bug cannot pass unnoticed).
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NorthstarApi } from '../../src/extension/extension';

interface Manifest {
  publisher: string;
  name: string;
  version: string;
}

/** The extension folder: out/test/integration/ → the folder holding package.json. */
export const EXTENSION_ROOT = path.resolve(__dirname, '..', '..', '..');

export function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(EXTENSION_ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** `${publisher}.${name}`, as VS Code identifies the extension. */
export function extensionId(): string {
  const { publisher, name } = manifest();
  return `${publisher}.${name}`;
}

export interface Scenario {
  trusted: boolean;
  /** Names of the workspace folders the harness opened, in order. */
  folders: string[];
}

export function scenario(): Scenario {
  const trusted = process.env.NORTHSTAR_TEST_TRUSTED;
  const folders = process.env.NORTHSTAR_TEST_FOLDERS;
  if (trusted === undefined || folders === undefined) {
    throw new Error('NORTHSTAR_TEST_TRUSTED and NORTHSTAR_TEST_FOLDERS are not set: run these tests through scripts/vscode/test.mjs');
  }
  return { trusted: trusted === 'true', folders: folders.split(',').filter(Boolean) };
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The extension's API once activated and its first analysis of every folder has finished. */
export async function readyApi(): Promise<NorthstarApi> {
  const ext = vscode.extensions.getExtension<NorthstarApi>(extensionId());
  assert.ok(ext, `extension ${extensionId()} not found`);
  const exports = await ext.activate();
  await exports.model.ready();
  await exports.model.whenIdle();
  return exports;
}

/** A folder of the workspace the harness opened, by name. */
export function workspaceFolder(name: string): vscode.WorkspaceFolder {
  const f = (vscode.workspace.workspaceFolders ?? []).find((w) => w.name === name);
  assert.ok(f, `workspace folder ${name} is not open`);
  return f;
}

/** A file of that folder by its slash-separated path. */
export function uriIn(folderName: string, path: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(folderName).uri, ...path.split('/'));
}

/** What the built CLI (`dist/cli.js`) prints for `args`, run as a child process so that the host stays responsive. */
export function runCli(args: readonly string[]): Promise<string> {
  const cli = path.join(EXTENSION_ROOT, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `${cli} is missing: build first`);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? reject(new Error(`northstar ${args[0]} failed: ${stderr || error.message}`)) : resolve(stdout)),
    );
  });
}
