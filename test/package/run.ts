/** Shared by the package and action tests: the repository root, temp folders, and child processes with a clean npm environment. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository: the first folder up from here (out/test/package) holding package.json and action.yml. */
export function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'action.yml'))) return dir;
    }
  }
  throw new Error('repository root not found');
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a child process: this one's, without what an outer `npm run` adds about
 * this package (npm_package_*, npm_lifecycle_*, INIT_CWD) and without NODE_PATH, so an installed
 * CLI cannot find modules through the repository. npm_config_* (registry, cache) stay.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'NODE_PATH' || k === 'INIT_CWD' || k.startsWith('npm_package_') || k.startsWith('npm_lifecycle_')) continue;
    env[k] = v;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): Ran {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs and asserts exit 0, with the output in the message when it is not. */
export function ok(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv): Ran {
  const r = run(command, args, cwd, env);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} (in ${cwd}) exited ${String(r.status)}\n${r.stdout}\n${r.stderr}`);
  return r;
}

export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `northstar-${label}-`));
}

/** A copy of examples/acme outside the repository (so nothing above it is a git repository or holds node_modules). */
export function copyAcme(into: string): string {
  const dest = path.join(into, 'acme');
  fs.cpSync(path.join(repoRoot(), 'examples', 'acme'), dest, { recursive: true });
  return dest;
}
