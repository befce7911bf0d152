// Shared by the integration tests: the extension's id, polling, and the scenario the harness
// opened (passed through the environment, so a harness bug cannot pass unnoticed).
import * as fs from 'node:fs';
import * as path from 'node:path';

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
