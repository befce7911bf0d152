/**
 * The real-world corpus (test/fixtures/realworld/README.md): a skeleton made back into a git
 * work tree. Kept files get their content; every other tracked path is recreated empty, or
 * sparse at its recorded size where size matters; symlinks point where they pointed. Then
 * `git init`, `git add`, `git commit` with no system or user configuration, so that git's view
 * of the folder is exactly the skeleton's list of tracked files.
 *
 * No mocha here: scripts/realworld/*.mjs load this module too (after `npm run compile-tests`).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface SkeletonFile {
  path: string;
  /** Bytes, recorded when 1 MB or more: the file is recreated sparse at this size. */
  size?: number;
  /** The size is a lower bound: the blob (4 MiB or more) was absent from the snapshot it came from. */
  sizeAtLeast?: boolean;
  /** The link's target, for a symbolic link. */
  symlink?: string;
  /** A gitlink (submodule): nothing is recreated, as a checkout without submodules has an empty folder. */
  submodule?: boolean;
  executable?: boolean;
  /** Not UTF-8 text in the repository: recreated as two bytes that are not UTF-8 either. */
  binary?: boolean;
  /** Kept with its content under files/. */
  content?: boolean;
}

export interface Skeleton {
  repository: string;
  commit: string;
  committed: string;
  fileCount: number;
  keptFiles: number;
  files: SkeletonFile[];
}

export interface Label {
  ruleId: string;
  file: string;
  line: number;
  column: number;
  message: string;
  label: 'right' | 'wrong' | 'debatable';
  reason: string;
}

/** This repository's root (the folder with package.json), from out/test/realworld or test/realworld. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'test', 'fixtures'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('project root not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export function corpusFolder(): string {
  return path.join(projectRoot(), 'test', 'fixtures', 'realworld');
}

/** The corpus's repositories: folder names `<owner>__<name>`. */
export function corpusNames(): string[] {
  return readdirSync(corpusFolder(), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name.includes('__'))
    .map((e) => e.name)
    .sort();
}

export function loadSkeleton(name: string): Skeleton {
  const dir = path.join(corpusFolder(), name);
  const plain = path.join(dir, 'skeleton.json');
  const text = existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(plain + '.gz')).toString('utf8');
  return JSON.parse(text) as Skeleton;
}

export function loadLabels(name: string): Label[] {
  const file = path.join(corpusFolder(), name, 'labels.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Label[]) : [];
}

/** Git with nothing from the machine's or the user's configuration, and nothing that runs. */
export function gitEnvironment(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('GIT_')) env[key] = value;
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_TERMINAL_PROMPT: '0' };
}

const BINARY_BYTES = Uint8Array.of(0xff, 0x00);

const GIT_CONFIG = [
  '-c', 'gc.auto=0',
  '-c', 'core.fsmonitor=false',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'user.name=x',
  '-c', 'user.email=x@y',
  '-c', 'commit.gpgsign=false',
  '-c', 'init.defaultBranch=main',
  '-c', 'core.autocrlf=false',
];

function git(cwd: string, home: string, args: string[]): string {
  const run = spawnSync('git', [...GIT_CONFIG, ...args], { cwd, env: gitEnvironment(home), encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${run.stderr || run.error}`);
  return run.stdout;
}

export interface Materialized {
  root: string;
  skeleton: Skeleton;
  /** Removes the work tree and the temporary HOME. */
  dispose(): void;
}

/**
 * Writes the skeleton `name` into a new temporary folder and commits it there. Throws when
 * git's list of tracked files is not exactly the skeleton's (a path ignored or lost).
 */
export function materialize(name: string, parent: string = os.tmpdir()): Materialized {
  const skeleton = loadSkeleton(name);
  const source = path.join(corpusFolder(), name, 'files');
  const base = mkdtempSync(path.join(parent, `northstar-realworld-${name}-`));
  const root = path.join(base, 'repo');
  const home = path.join(base, 'home');
  mkdirSync(root);
  mkdirSync(home);
  const made = new Set<string>();
  const ensureFolder = (folder: string): void => {
    if (folder === '.' || made.has(folder)) return;
    mkdirSync(path.join(root, folder), { recursive: true });
    made.add(folder);
  };
  const expected: string[] = [];
  for (const file of skeleton.files) {
    if (file.submodule) continue;
    expected.push(file.path);
    ensureFolder(path.posix.dirname(file.path));
    const target = path.join(root, file.path);
    if (file.symlink !== undefined) {
      symlinkSync(file.symlink, target);
      continue;
    }
    if (file.content) copyFileSync(path.join(source, file.path), target);
    else if (file.binary && !file.size) writeFileSync(target, BINARY_BYTES);
    else {
      const fd = openSync(target, 'w');
      if (file.size) ftruncateSync(fd, file.size);
      closeSync(fd);
    }
    if (file.executable) chmodSync(target, 0o755);
  }
  git(root, home, ['init', '-q']);
  // -f: every listed path is tracked in the source repository, even one its .gitignore names.
  git(root, home, ['add', '-A', '-f', '.']);
  git(root, home, ['commit', '-q', '--no-verify', '-m', `skeleton of ${skeleton.repository} at ${skeleton.commit}`]);
  const tracked = git(root, home, ['ls-files', '-z']).split('\0').filter((p) => p !== '');
  const missing = expected.filter((p) => !new Set(tracked).has(p));
  if (tracked.length !== expected.length || missing.length > 0) {
    throw new Error(`${name}: git tracks ${tracked.length} files, the skeleton lists ${expected.length}; missing: ${missing.slice(0, 5).join(', ')}`);
  }
  return {
    root,
    skeleton,
    dispose: () => rmSync(base, { recursive: true, force: true }),
  };
}
