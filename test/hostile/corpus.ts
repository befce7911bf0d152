/**
 * The hostile corpus: each case of manifest.json materialised into a temporary root (its
 * committed files under cases/<id>/, then its generator), run through the core in-process
 * and through the CLI, and compared with what the manifest expects.
 *
 * No mocha here: bench timings (timings.mjs) load this module too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeWorkspace } from '../../src/core/analyze';
import type { Analysis } from '../../src/core/api';
import { normalizePath, type DirEntry, type FileAccess, type FileStat } from '../../src/core/fs';
import type { Finding } from '../../src/core/model/types';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { GENERATORS } from './generate';

/** One finding the manifest expects (others may be present). */
export interface ExpectedFinding {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Text the message must contain (for `workspace/skipped`: the reason). */
  reason?: string;
}

export interface OwnersCheck {
  path: string;
  owners: string[];
}

export interface HostileCase {
  id: string;
  title: string;
  /** Committed files: test/hostile/cases/<id>/ (when present). */
  files?: boolean;
  /** Name of a generator in generate.ts. */
  generator?: string;
  /** Paths (root-relative) that cannot be read: refused by the core's port, chmod 000 for the CLI. */
  unreadable?: string[];
  /** The root itself is unusable: missing, or a file. Only the CLI runs (exit code 2). */
  root?: 'missing' | 'file';
  /** A deliberate scale case: its own time limit, not held to the benchmark's 1 s. */
  scale?: boolean;
  /** Watchdog for one run (ms); default 10,000. */
  limitMs?: number;
  /** Exit code of `northstar check`. */
  exitCode: 0 | 1 | 2;
  /** Findings that must be among the results, at these positions. */
  expect: ExpectedFinding[];
  /** Rule ids that must not appear at all. */
  absent?: string[];
  /** Owners the analysis must give these paths (CODEOWNERS that survived the hostility). */
  owners?: OwnersCheck[];
  /** Module names the model must hold. */
  modules?: string[];
  /** Extra CLI commands that must succeed on this root (exit 0), e.g. ["diagram"]. */
  commands?: string[][];
}

export const DEFAULT_LIMIT_MS = 10_000;

/** The repository folder that holds test/hostile/manifest.json (the compiled tests live elsewhere). */
export function repositoryRoot(): string {
  const candidates = [process.cwd()];
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    candidates.push(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of candidates) if (existsSync(path.join(dir, 'test', 'hostile', 'manifest.json'))) return dir;
  throw new Error('test/hostile/manifest.json not found above ' + __dirname);
}

/**
 * Every case: manifest.json, then each `manifests/*.json` (one file per class of the second
 * round, same shape), in name order. Case ids must be unique across all of them.
 */
export function loadManifest(): HostileCase[] {
  const dir = path.join(repositoryRoot(), 'test', 'hostile');
  const files = [path.join(dir, 'manifest.json')];
  const extra = path.join(dir, 'manifests');
  if (existsSync(extra)) {
    for (const name of readdirSync(extra).sort()) if (name.endsWith('.json')) files.push(path.join(extra, name));
  }
  const cases: HostileCase[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    for (const c of (JSON.parse(readFileSync(file, 'utf8')) as { cases: HostileCase[] }).cases) {
      if (seen.has(c.id)) throw new Error(`hostile case id '${c.id}' repeated in ${file}`);
      seen.add(c.id);
      cases.push(c);
    }
  }
  return cases;
}

/** A fresh temporary parent folder for materialised cases (world-readable, so `nobody` can walk it). */
export function makeScratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'northstar-hostile-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Write a case's files into `<scratch>/<id>` and return that root. */
export function materialize(c: HostileCase, scratch: string): string {
  const root = path.join(scratch, c.id);
  if (c.root === 'missing') return root;
  if (c.root === 'file') {
    writeFileSync(root, 'not a folder\n');
    return root;
  }
  mkdirSync(root, { recursive: true });
  if (c.files) cpSync(path.join(repositoryRoot(), 'test', 'hostile', 'cases', c.id), root, { recursive: true });
  if (c.generator) {
    const generate = GENERATORS[c.generator];
    if (!generate) throw new Error(`${c.id}: no generator named ${c.generator}`);
    generate(root);
  }
  return root;
}

function refused(path: string): Error {
  return Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
}

/**
 * The core's file-access port with permissions simulated: CI runs as root, where chmod cannot
 * make anything unreadable. A refused folder cannot be listed or entered; a refused file
 * cannot be read (stat still works, as for a real file without read permission).
 */
export class RefusingFileAccess implements FileAccess {
  private readonly refused: string[];

  constructor(
    private readonly inner: FileAccess,
    unreadable: readonly string[],
  ) {
    this.refused = unreadable.map(normalizePath);
  }

  private blocked(p: string, self: boolean): boolean {
    const n = normalizePath(p);
    return this.refused.some((r) => (self && n === r) || n.startsWith(r + '/'));
  }

  async readDirectory(p: string): Promise<DirEntry[]> {
    if (this.blocked(p, true)) throw refused(p);
    return this.inner.readDirectory(p);
  }

  async readFile(p: string): Promise<Uint8Array> {
    if (this.blocked(p, true)) throw refused(p);
    return this.inner.readFile(p);
  }

  async stat(p: string): Promise<FileStat> {
    if (this.blocked(p, false)) throw refused(p);
    return this.inner.stat(p);
  }

  async realPath(p: string): Promise<string> {
    if (this.blocked(p, false)) throw refused(p);
    if (!this.inner.realPath) return normalizePath(p);
    return this.inner.realPath(p);
  }
}

/** Run a promise against a watchdog: a case that does not finish in time fails instead of hanging the run. */
export async function withWatchdog<T>(what: string, limitMs: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([work, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

export interface CoreRun {
  analysis: Analysis;
  ms: number;
  log: string[];
}

/** The case through the core in-process: NodeFileAccess over the root, permissions simulated. */
export async function runCore(c: HostileCase, root: string): Promise<CoreRun> {
  const log: string[] = [];
  const fs = new RefusingFileAccess(new NodeFileAccess(root), c.unreadable ?? []);
  const started = performance.now();
  const analysis = await withWatchdog(`${c.id} (core)`, c.limitMs ?? DEFAULT_LIMIT_MS, analyzeWorkspace(fs, { rootLabel: root, log: (l) => log.push(l) }));
  return { analysis, ms: performance.now() - started, log };
}

/** The compiled CLI entry beside this compiled file, else the bundle in dist/. */
export function cliEntry(): string {
  const compiled = path.join(__dirname, '..', '..', 'src', 'cli', 'index.js');
  if (existsSync(compiled)) return compiled;
  return path.join(repositoryRoot(), 'dist', 'cli.js');
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface SpawnOptions {
  /** Run as this uid/gid (an unprivileged user), through setpriv. */
  user?: { uid: number; gid: number };
  limitMs: number;
}

/** `node <cli> args…` in `cwd`; killed (and failed) by the watchdog if it runs too long. */
export function runCli(args: string[], cwd: string, options: SpawnOptions): Promise<CliRun> {
  const node = process.execPath;
  const command = options.user ? 'setpriv' : node;
  const argv = options.user
    ? [`--reuid=${options.user.uid}`, `--regid=${options.user.gid}`, '--clear-groups', '--', node, cliEntry(), ...args]
    : [cliEntry(), ...args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`northstar ${args.join(' ')} did not finish within ${options.limitMs} ms`));
    }, options.limitMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: performance.now() - started });
    });
  });
}

/** Can this process run a command as `nobody`? (root with setpriv: yes; otherwise no need.) */
export function unprivilegedUser(): { uid: number; gid: number; name: string } | { reason: string } {
  if (process.getuid?.() !== 0) return { reason: 'not running as root: the current user is already unprivileged' };
  const id = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'nobody'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) return { reason: 'there is no user "nobody" on this machine' };
  const user = { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), name: 'nobody' };
  const probe = spawnSync('setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', process.execPath, '-e', 'process.stdout.write(String(process.getuid()))'], { encoding: 'utf8' });
  if (probe.status !== 0 || probe.stdout !== String(user.uid)) return { reason: `setpriv cannot drop privileges here: ${probe.error?.message ?? probe.stderr.trim()}` };
  return user;
}

/** Make `paths` (root-relative) really unreadable: mode 000. Returns an undo. */
export function lockPaths(root: string, paths: readonly string[]): () => void {
  const full = paths.map((p) => path.join(root, ...p.split('/')));
  for (const f of full) chmodSync(f, 0o000);
  return () => {
    for (const f of full) if (existsSync(f)) chmodSync(f, 0o755);
  };
}

/** Exit code the core's findings imply for `check` with default options. */
export function expectedExitFromFindings(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function describeFinding(f: Pick<Finding, 'ruleId' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn' | 'message'>): string {
  return `${f.ruleId} ${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.message.slice(0, 160)}`;
}

/** What the manifest checks besides findings, as plain data (it crosses a worker boundary). */
export interface ModelFacts {
  modules: string[];
  /** Owners of each path the case lists. */
  owners: Record<string, string[]>;
}

export function modelFacts(c: HostileCase, analysis: Analysis): ModelFacts {
  return {
    modules: analysis.model.modules.map((m) => m.name),
    owners: Object.fromEntries((c.owners ?? []).map((o) => [o.path, [...analysis.ownersOf(o.path).owners]])),
  };
}

export interface IsolatedCoreRun extends ModelFacts {
  findings: Finding[];
  ms: number;
  /** Length of the model as JSON: it must serialise. */
  modelLength: number;
}

/**
 * The case through the core in a worker thread, terminated by the watchdog: a synchronous hang
 * (a backtracking regex) blocks the thread it runs on, so a timer on that same thread never fires.
 */
export function runCoreIsolated(c: HostileCase, root: string): Promise<IsolatedCoreRun> {
  const limitMs = c.limitMs ?? DEFAULT_LIMIT_MS;
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'coreWorker.js'), { workerData: { c, root } });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`${c.id} (core) did not finish within ${limitMs} ms`));
    }, limitMs);
    worker.once('message', (run: IsolatedCoreRun) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(run);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Problems with a result against the manifest: an empty list means the case passes. */
export function compareWithManifest(c: HostileCase, findings: readonly Finding[], facts?: ModelFacts): string[] {
  const problems: string[] = [];
  for (const e of c.expect) {
    const hit = findings.find(
      (f) =>
        f.ruleId === e.ruleId &&
        f.file === e.file &&
        f.line === e.line &&
        f.column === e.column &&
        (e.endLine === undefined || f.endLine === e.endLine) &&
        (e.endColumn === undefined || f.endColumn === e.endColumn) &&
        (e.reason === undefined || f.message.includes(e.reason)),
    );
    if (!hit) {
      const near = findings.filter((f) => f.ruleId === e.ruleId && f.file === e.file).map(describeFinding);
      problems.push(`missing ${JSON.stringify(e)}${near.length ? `; same rule and file: ${near.join(' | ')}` : `; no ${e.ruleId} finding in ${e.file}`}`);
    }
  }
  for (const id of ['internal/rule-error', ...(c.absent ?? [])]) {
    for (const f of findings.filter((x) => x.ruleId === id)) problems.push(`unexpected ${describeFinding(f)}`);
  }
  for (const f of findings) {
    if (f.line < 1 || f.column < 1 || f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) problems.push(`bad range: ${describeFinding(f)}`);
  }
  if (facts) {
    for (const o of c.owners ?? []) {
      const got = facts.owners[o.path];
      if (JSON.stringify(got) !== JSON.stringify(o.owners)) problems.push(`owners of ${o.path}: expected ${JSON.stringify(o.owners)}, got ${JSON.stringify(got)}`);
    }
    const names = new Set(facts.modules);
    for (const m of c.modules ?? []) if (!names.has(m)) problems.push(`module ${JSON.stringify(m.slice(0, 80))} missing; modules: ${[...names].map((n) => n.slice(0, 40)).join(', ')}`);
  }
  return problems;
}

export interface CaseTiming {
  id: string;
  ms: number;
  scale: boolean;
}

/**
 * Time every case through the core (materialising each into a temporary folder): what
 * `npm run bench` prints, and holds to `limitMs` (except scale cases) with `--check`.
 */
export async function timeHostileCases(options: { only?: (c: HostileCase) => boolean } = {}): Promise<CaseTiming[]> {
  const scratch = makeScratch();
  const timings: CaseTiming[] = [];
  try {
    // One small case first, untimed: module loading and JIT warm-up are not the cases' cost.
    const warmup = loadManifest().find((c) => c.files && !c.unreadable);
    if (warmup) await runCore(warmup, materialize(warmup, scratch));
    for (const c of loadManifest()) {
      if (c.root || (options.only && !options.only(c))) continue;
      const root = materialize(c, scratch);
      // Best of two (one for scale cases): a collection left over from the case before is not this case's cost.
      let ms = (await runCore(c, root)).ms;
      if (!c.scale) ms = Math.min(ms, (await runCore(c, root)).ms);
      timings.push({ id: c.id, ms, scale: c.scale === true });
      rmSync(root, { recursive: true, force: true });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return timings;
}
