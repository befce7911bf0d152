/**
 * Finding the repository that holds a folder, as git does by default but without its
 * dangerous corners:
 *
 * - From the folder upward, the first `.git` that is a git directory, or a `.git` file whose
 *   `gitdir: PATH` leads to one (linked worktrees, submodules). A `.git` file that leads
 *   elsewhere is an error (git says the same).
 * - A bare repository is never discovered (git's `safe.bareRepository=explicit`): a folder
 *   holding HEAD, config and objects but no `.git` is an ordinary folder, so a bare
 *   repository committed as files (whose config sets `core.worktree` and `core.fsmonitor`)
 *   is just content of the enclosing repository.
 * - No environment variable is read (GIT_DIR, GIT_WORK_TREE, GIT_CEILING_DIRECTORIES,
 *   GIT_CONFIG_*), and nothing in a config file decides where the work tree is
 *   (`core.worktree` is ignored).
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { GitError } from './errors';

export interface Repository {
  /** The work tree's root (real path): the folder that holds `.git`. */
  workTree: string;
  /** The per-worktree git directory (real path): HEAD, index. */
  gitDir: string;
  /** The common git directory (real path): objects, refs, config. Equals gitDir except in linked worktrees. */
  commonDir: string;
}

/** Small metadata files (`.git` files, HEAD, commondir) are read only below this size. */
const SMALL_FILE = 64 * 1024;

/** Read a small regular file without following a link; null when missing, not regular, or too large. */
export function readSmallFile(file: string, limit = SMALL_FILE): Buffer | null {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size > limit) return null;
    const buffer = Buffer.alloc(st.size);
    let length = 0;
    while (length < st.size) {
      const n = fs.readSync(fd, buffer, length, st.size - length, length);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function isDirectory(path: string): boolean {
  try {
    return fs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function realDirectory(path: string): string | null {
  try {
    const real = fs.realpathSync(path);
    return fs.statSync(real).isDirectory() ? real : null;
  } catch {
    return null;
  }
}

/** A HEAD that is a symbolic ref into refs/ or a detached object id (git's validate_headref). */
function validHead(gitDir: string): boolean {
  const head = readSmallFile(nodePath.join(gitDir, 'HEAD'), 4096);
  if (head === null) return false;
  const text = head.toString('utf8').trim();
  if (text.startsWith('ref:')) return text.slice(4).trim().startsWith('refs/');
  return /^[0-9a-f]{40}$/.test(text) || /^[0-9a-f]{64}$/.test(text);
}

/**
 * The git directory at `candidate` (real path) and its common directory, when it looks like
 * one: a valid HEAD, and objects/ and refs/ (in the common directory of a linked worktree).
 */
export function gitDirectoryAt(candidate: string): { gitDir: string; commonDir: string } | null {
  const gitDir = realDirectory(candidate);
  if (gitDir === null || !validHead(gitDir)) return null;
  let commonDir = gitDir;
  const common = readSmallFile(nodePath.join(gitDir, 'commondir'), 4096);
  if (common !== null) {
    const target = common.toString('utf8').trim();
    if (target === '') return null;
    const real = realDirectory(nodePath.resolve(gitDir, target));
    if (real === null) return null;
    commonDir = real;
  }
  if (!isDirectory(nodePath.join(commonDir, 'objects')) || !isDirectory(nodePath.join(commonDir, 'refs'))) return null;
  return { gitDir, commonDir };
}

/** The path a `.git` file names (`gitdir: PATH`, relative to the file's folder), or null. */
function gitFileTarget(dotGit: string): string | null {
  const content = readSmallFile(dotGit, 4096);
  if (content === null) return null;
  const first = content.toString('utf8').split('\n')[0].replace(/\r$/, '');
  if (!first.startsWith('gitdir:')) return null;
  const target = first.slice('gitdir:'.length).trim();
  if (target === '' || target.includes('\0')) return null;
  return nodePath.resolve(nodePath.dirname(dotGit), target);
}

/** The repository that holds `start` (a folder). Throws GitError when there is none. */
export function discoverRepository(start: string): Repository {
  let dir: string;
  try {
    dir = fs.realpathSync(start);
  } catch {
    throw new GitError(`not a git repository: ${start} cannot be read`);
  }
  for (;;) {
    const dotGit = nodePath.join(dir, '.git');
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(dotGit);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      const target = gitFileTarget(dotGit);
      if (target === null) throw new GitError(`not a git repository: invalid gitfile format in ${dotGit}`);
      const found = gitDirectoryAt(target);
      if (found === null) throw new GitError(`not a git repository: ${dotGit} points to ${target}, which is not a git directory`);
      return { workTree: dir, ...found };
    }
    if (st?.isDirectory() || st?.isSymbolicLink()) {
      const found = gitDirectoryAt(dotGit);
      if (found !== null) return { workTree: dir, ...found };
    }
    const parent = nodePath.dirname(dir);
    if (parent === dir) throw new GitError(`not a git repository (or any parent up to ${dir}): ${start}`);
    dir = parent;
  }
}

/** Does the common directory's config declare an object format other than SHA-1? */
export function objectFormat(commonDir: string): string {
  const config = readSmallFile(nodePath.join(commonDir, 'config'), 1024 * 1024);
  if (config === null) return 'sha1';
  for (const raw of config.toString('utf8').split('\n')) {
    const line = raw.trim().toLowerCase();
    if (!line.startsWith('objectformat')) continue;
    const value = line.slice('objectformat'.length).trim();
    if (value.startsWith('=')) return value.slice(1).trim().replace(/^"/, '').replace(/"$/, '');
  }
  return 'sha1';
}
