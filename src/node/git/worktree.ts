/**
 * The work tree as git sees it, read without git: which files are untracked and not ignored
 * (`.gitignore` at every level and `info/exclude`; `core.excludesFile` lives outside the
 * repository and is not read), and whether a tracked file still matches its index entry
 * (stat data first; the content hashed as a git blob, `blob <size>\0` + bytes, when the stat
 * data does not settle it — never through a clean filter, textconv or fsmonitor).
 *
 * Nothing here follows a symbolic link: a link is an entry of its own (as in git, whose blob is
 * the link's target text), a tracked path under a linked folder counts as missing (git's
 * "beyond a symbolic link"), and walks never enter a linked folder.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readSmallFile } from './discover';
import { MODE_EXECUTABLE, MODE_FILE, MODE_SYMLINK, type IndexEntry } from './indexFile';

/** A `.gitignore` or `info/exclude` larger than this is skipped (git's own limit is 100 MB). */
const MAX_IGNORE_FILE = 8 * 1024 * 1024;
/** A changed file larger than this is not hashed: it counts as modified. */
const MAX_HASHED_FILE = 512 * 1024 * 1024;

/** An absolute path for a work-tree-relative one (index paths are already checked: no `..`). */
export function inWorkTree(workTree: string, path: string): string {
  if (path === '') return workTree;
  return workTree + nodePath.sep + (nodePath.sep === '/' ? path : path.split('/').join(nodePath.sep));
}

interface Scope {
  /** Work-tree-relative folder of the `.gitignore` ('' for the root and for info/exclude). */
  folder: string;
  matcher: Ignore;
}

function loadScope(file: string, folder: string): Scope | null {
  const bytes = readSmallFile(file, MAX_IGNORE_FILE);
  if (bytes === null) return null;
  return { folder, matcher: ignore({ ignorecase: false }).add(bytes.toString('utf8')) };
}

/**
 * Is `path` (work-tree-relative) ignored? The deepest `.gitignore` with a matching rule decides
 * (its last matching rule: a `!` rule un-ignores); `info/exclude` comes last.
 */
function ignoredBy(scopes: readonly Scope[], path: string, isDir: boolean): boolean {
  for (let s = scopes.length - 1; s >= 0; s--) {
    const scope = scopes[s];
    const relative = scope.folder === '' ? path : path.slice(scope.folder.length + 1);
    let result;
    try {
      result = scope.matcher.test(isDir ? `${relative}/` : relative);
    } catch {
      continue; // a name the matcher refuses (it cannot be matched by any rule)
    }
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

export interface UntrackedWalk {
  /** Untracked, not ignored files under the folder (work-tree-relative). */
  files: string[];
  /** Untracked folders holding their own `.git` (nested repositories), with a trailing '/', as git lists them. */
  nestedRepositories: string[];
}

/**
 * What the untracked walk saw of the tracked files on its way: the folders it read (each a real
 * folder, reached through real folders), and the tracked paths among their entries that are a
 * file or a link. For a tracked path in such a folder this is presentInWorkTree's answer; the
 * others (in folders the walk skipped: ignored, nested repositories, unreadable) are asked there.
 */
export interface SeenOnDisk {
  readonly folders: Set<string>;
  readonly present: Set<string>;
}

/**
 * Untracked files under `folder` (work-tree-relative, '' for all). `tracked` holds every
 * index path; `gitlinks` the submodule paths (never entered). `seen`, when given, collects what
 * the walk saw of the tracked files (one read of each folder serves both questions).
 */
export function walkUntracked(
  workTree: string,
  gitDir: string,
  folder: string,
  tracked: ReadonlySet<string>,
  gitlinks: ReadonlySet<string>,
  seen?: SeenOnDisk,
): UntrackedWalk {
  const files: string[] = [];
  const nestedRepositories: string[] = [];
  // info/exclude first (lowest precedence), then every .gitignore from the top down to `folder`.
  const base: Scope[] = [];
  const exclude = loadScope(nodePath.join(gitDir, 'info', 'exclude'), '');
  if (exclude) base.push(exclude);
  let at = '';
  const top = loadScope(nodePath.join(workTree, '.gitignore'), '');
  if (top) base.push(top);
  if (folder !== '') {
    for (const part of folder.split('/')) {
      at = at === '' ? part : `${at}/${part}`;
      const scope = loadScope(inWorkTree(workTree, `${at}/.gitignore`), at);
      if (scope) base.push(scope);
    }
  }

  const stack: Array<[string, Scope[]]> = [[folder, base]];
  while (stack.length > 0) {
    const [dir, inherited] = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(inWorkTree(workTree, dir), { withFileTypes: true });
    } catch {
      // Unreadable or vanished: git skips it too. A folder that can be entered but not listed
      // may still hold a `.git`: as git, a nested repository.
      if (dir !== folder && isNestedRepository(workTree, dir)) nestedRepositories.push(`${dir}/`);
      continue;
    }
    // A folder holding its own `.git` (of any kind, as git's lstat) is a nested repository: its
    // files are not listed (told from its entries, read here, rather than a failing lstat per folder).
    if (dir !== folder && entries.some((e) => e.name === '.git')) {
      nestedRepositories.push(`${dir}/`);
      continue;
    }
    if (seen) {
      seen.folders.add(dir);
      for (const entry of entries) {
        if (!(entry.isFile() || entry.isSymbolicLink())) continue;
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if (tracked.has(path)) seen.present.add(path);
      }
    }
    let scopes = inherited;
    if (dir !== folder && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const scope = loadScope(inWorkTree(workTree, `${dir}/.gitignore`), dir);
      if (scope) scopes = [...inherited, scope];
    }
    for (const entry of entries) {
      if (entry.name === '.git') continue;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (gitlinks.has(path)) continue;
        if (ignoredBy(scopes, path, true)) continue;
        stack.push([path, scopes]);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        if (tracked.has(path)) continue;
        if (!ignoredBy(scopes, path, false)) files.push(path);
      }
    }
  }
  return { files, nestedRepositories };
}

/**
 * Would the untracked walk list `path` (work-tree-relative)? The same decisions as walkUntracked,
 * taken along one path: each folder on the way is a real folder (no link), no submodule, no
 * nested repository and not ignored; then the file itself (a file or a link) is not ignored.
 */
export function untrackedListed(workTree: string, gitDir: string, path: string, gitlinks: ReadonlySet<string>): boolean {
  const scopes: Scope[] = [];
  const exclude = loadScope(nodePath.join(gitDir, 'info', 'exclude'), '');
  if (exclude) scopes.push(exclude);
  const top = loadScope(nodePath.join(workTree, '.gitignore'), '');
  if (top) scopes.push(top);
  const parts = path.split('/');
  let at = '';
  for (const part of parts.slice(0, -1)) {
    at = at === '' ? part : `${at}/${part}`;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(inWorkTree(workTree, at));
    } catch {
      return false;
    }
    if (!st.isDirectory() || gitlinks.has(at) || ignoredBy(scopes, at, true) || isNestedRepository(workTree, at)) return false;
    const scope = loadScope(inWorkTree(workTree, `${at}/.gitignore`), at);
    if (scope) scopes.push(scope);
  }
  let st: fs.Stats;
  try {
    st = fs.lstatSync(inWorkTree(workTree, path));
  } catch {
    return false;
  }
  if (!st.isFile() && !st.isSymbolicLink()) return false;
  return !ignoredBy(scopes, path, false);
}

/**
 * Which of these tracked paths (work-tree-relative) are on disk as a file or a link, with only
 * real folders on the way (a path beyond a linked folder is not there, as git says)? One
 * directory read per folder, not one stat per file.
 */
export function presentInWorkTree(workTree: string, paths: readonly string[]): Set<string> {
  const byFolder = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const folder = slash < 0 ? '' : path.slice(0, slash);
    const names = byFolder.get(folder);
    if (names) names.push(path.slice(slash + 1));
    else byFolder.set(folder, [path.slice(slash + 1)]);
  }
  const plain = new Map<string, boolean>([['', true]]);
  const isPlain = (folder: string): boolean => {
    let ok = plain.get(folder);
    if (ok === undefined) {
      const slash = folder.lastIndexOf('/');
      ok = isPlain(slash < 0 ? '' : folder.slice(0, slash));
      if (ok) {
        try {
          ok = fs.lstatSync(inWorkTree(workTree, folder)).isDirectory();
        } catch {
          ok = false;
        }
      }
      plain.set(folder, ok);
    }
    return ok;
  };
  const present = new Set<string>();
  for (const [folder, names] of byFolder) {
    if (!isPlain(folder)) continue;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(inWorkTree(workTree, folder), { withFileTypes: true });
    } catch {
      continue;
    }
    const there = new Set(entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name));
    for (const name of names) if (there.has(name)) present.add(folder === '' ? name : `${folder}/${name}`);
  }
  return present;
}

function isNestedRepository(workTree: string, path: string): boolean {
  try {
    fs.lstatSync(inWorkTree(workTree, `${path}/.git`));
    return true;
  } catch {
    return false;
  }
}

/** What the work tree holds at a tracked path. */
export type WorktreeState =
  /** Missing, not a file or link, or beyond a symbolic link. */
  | { kind: 'missing' }
  /** Matches the index entry (stat data unchanged, or the same content). */
  | { kind: 'same' }
  | { kind: 'content'; oid: string; mode: number };

export class WorktreeReader {
  private readonly folders = new Map<string, boolean>();

  /**
   * @param indexMtimeNs the index file's mtime (ns): an entry modified at or after it is "racily
   *   clean" and is hashed, as git does.
   * @param fileMode whether the executable bit counts (`core.fileMode`, true by default).
   */
  constructor(
    private readonly workTree: string,
    private readonly indexMtimeNs: bigint,
    private readonly fileMode: boolean,
  ) {}

  /** Is every folder on the way to `path` a real folder (no link, no file)? */
  private plainFolders(path: string): boolean {
    const slash = path.lastIndexOf('/');
    if (slash < 0) return true;
    const folder = path.slice(0, slash);
    let ok = this.folders.get(folder);
    if (ok === undefined) {
      ok = this.plainFolders(folder);
      if (ok) {
        try {
          ok = fs.lstatSync(inWorkTree(this.workTree, folder)).isDirectory();
        } catch {
          ok = false;
        }
      }
      this.folders.set(folder, ok);
    }
    return ok;
  }

  state(entry: IndexEntry): WorktreeState {
    if (!this.plainFolders(entry.path)) return { kind: 'missing' };
    const absolute = inWorkTree(this.workTree, entry.path);
    let st: fs.BigIntStats | undefined;
    try {
      st = fs.lstatSync(absolute, { bigint: true, throwIfNoEntry: false });
    } catch {
      st = undefined; // not a folder on the way, permission denied: as git, the file is not there
    }
    if (st === undefined) return { kind: 'missing' };
    let mode: number;
    if (st.isSymbolicLink()) mode = MODE_SYMLINK;
    else if (st.isFile()) mode = this.fileMode ? (Number(st.mode) & 0o100 ? MODE_EXECUTABLE : MODE_FILE) : entry.mode === MODE_SYMLINK ? MODE_FILE : entry.mode;
    else return { kind: 'missing' };

    const size = Number(st.size);
    const mtimeSeconds = Number(st.mtimeNs / 1_000_000_000n);
    const mtimeNanoseconds = Number(st.mtimeNs % 1_000_000_000n);
    const ctimeSeconds = Number(st.ctimeNs / 1_000_000_000n);
    const ctimeNanoseconds = Number(st.ctimeNs % 1_000_000_000n);
    const racy = st.mtimeNs >= this.indexMtimeNs;
    const statClean =
      !entry.intentToAdd &&
      mode === entry.mode &&
      size % 2 ** 32 === entry.size &&
      mtimeSeconds % 2 ** 32 === entry.mtimeSeconds &&
      mtimeNanoseconds === entry.mtimeNanoseconds &&
      ctimeSeconds % 2 ** 32 === entry.ctimeSeconds &&
      ctimeNanoseconds === entry.ctimeNanoseconds &&
      !racy;
    if (statClean) return { kind: 'same' };
    // A file that cannot be hashed (unreadable, too large) has no id: it differs from everything.
    return { kind: 'content', oid: this.hash(absolute, mode, size) ?? '', mode };
  }

  /** The blob id of a file (or of a link's target text); null when it cannot be read or is too large. */
  private hash(absolute: string, mode: number, size: number): string | null {
    let bytes: Buffer;
    try {
      if (mode === MODE_SYMLINK) bytes = fs.readlinkSync(absolute, { encoding: 'buffer' });
      else {
        if (size > MAX_HASHED_FILE) return null;
        bytes = readRegularFile(absolute);
      }
    } catch {
      return null;
    }
    return blobId(bytes);
  }
}

/** git's object id of a blob with these bytes. */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Read a regular file without following a final link (as large as fstat says, at most MAX_HASHED_FILE). */
function readRegularFile(absolute: string): Buffer {
  const fd = fs.openSync(absolute, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new Error('not a regular file');
    const size = Math.min(st.size, MAX_HASHED_FILE);
    const buffer = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const n = fs.readSync(fd, buffer, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}
