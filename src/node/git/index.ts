/**
 * Northstar's git reader: what `check --changed-since REF` and the workspace listing need from
 * a repository, read from git's files WITHOUT running git.
 *
 * Why read instead of run: git obeys the repository it runs in. `core.fsmonitor` in
 * `.git/config`, a clean or smudge filter named by `.gitattributes`, `diff.external`, a textconv
 * driver, hooks, and a bare repository committed as ordinary files (its `config` sets
 * `core.worktree` and `core.fsmonitor`, and `git` run inside it obeys them) each make `git diff`
 * or `git ls-files` run a program of the repository's choosing. Nothing here starts a process:
 * the index is parsed by indexFile.ts, refs and objects are read by isomorphic-git through a
 * read-only file system confined to the git directory (gitFs.ts), and the work tree is compared
 * by stat data and by hashing file bytes as git blobs, with no filter applied. No configuration
 * value is ever executed; the only ones read are `core.fileMode` and `extensions.objectFormat`.
 * No GIT_* environment variable is consulted.
 *
 * How special entries count:
 * - skip-worktree entries (sparse checkout, `update-index --skip-worktree`) are tracked files:
 *   they are listed, and compared by their index entry (git does not look at the disk for them).
 * - a submodule (gitlink, mode 160000) is one tracked path, the submodule's folder; its files
 *   belong to the other repository and are not listed. It is changed when the commit recorded
 *   in the index differs from the base, or when the submodule's checked-out HEAD differs.
 * - a sparse-directory entry (sparse index) is expanded to the files of its tree, all
 *   skip-worktree.
 * - intent-to-add entries are tracked, and always compared by content.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { discoverRepository, gitDirectoryAt, objectFormat, readSmallFile, type Repository } from './discover';
import { CorruptIndexError, GitError } from './errors';
import { ConfinedGitFs } from './gitFs';
import { mergeSplitIndex, MODE_EXECUTABLE, MODE_FILE, MODE_GITLINK, MODE_TREE, parseIndex, type IndexEntry, type ParsedIndex } from './indexFile';
import { ObjectReader, type TreeEntry } from './objects';
import { presentInWorkTree, untrackedListed, walkUntracked, WorktreeReader, type SeenOnDisk } from './worktree';

export { GitError, CorruptIndexError } from './errors';
export { parseIndex, mergeSplitIndex, type IndexEntry, type ParsedIndex } from './indexFile';
export { discoverRepository, type Repository } from './discover';

/** An index larger than this is refused (a 1M-file index is about 100 MB). */
export const MAX_INDEX_BYTES = 512 * 1024 * 1024;

/** A repository opened for reading, with the root's place in its work tree. */
export interface OpenedRepository extends Repository {
  /** The root, relative to the work tree ('' when the root is the work tree). */
  prefix: string;
  objects: ObjectReader;
}

export function openRepository(root: string): OpenedRepository {
  const repository = discoverRepository(root);
  const format = objectFormat(repository.commonDir);
  if (format !== 'sha1') throw new GitError(`unsupported object format '${format}' (only SHA-1 repositories are read)`);
  const realRoot = fs.realpathSync(root);
  const relative = nodePath.relative(repository.workTree, realRoot);
  if (relative.startsWith('..') || nodePath.isAbsolute(relative)) throw new GitError(`not a git repository: ${root} is outside ${repository.workTree}`);
  const prefix = relative.split(nodePath.sep).join('/');
  return { ...repository, prefix, objects: new ObjectReader(new ConfinedGitFs(repository.gitDir, repository.commonDir)) };
}

/** Read one index file: bytes (size-checked, no link followed) and its mtime. Null when absent. */
function readIndexFile(file: string): { bytes: Buffer; mtimeNs: bigint } | null {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new GitError(`cannot read the git index ${file}: ${(error as Error).message}`);
  }
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    if (!st.isFile()) throw new GitError(`the git index ${file} is not a regular file`);
    const size = Number(st.size);
    if (size > MAX_INDEX_BYTES) throw new GitError(`the git index ${file} is too large (${size} bytes)`);
    const bytes = Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const n = fs.readSync(fd, bytes, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
    return { bytes: bytes.subarray(0, length), mtimeNs: st.mtimeNs };
  } finally {
    fs.closeSync(fd);
  }
}

/** Is this index path one git could have written (no `..`, `.`, empty or `.git` component, not absolute)? */
function safeIndexPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\0') || path.includes('\\')) return false;
  for (const part of path.split('/')) {
    if (part === '' || part === '.' || part === '..' || part.toLowerCase() === '.git') return false;
  }
  return true;
}

export interface ReadIndex {
  entries: IndexEntry[];
  /** The cache tree (folder → tree id and entry count), from the index file itself. */
  cacheTree: ParsedIndex['cacheTree'];
  /** The index file's mtime (ns), for git's racy-clean rule; 0 without an index. */
  mtimeNs: bigint;
}

/** The index of a repository: split index merged, sparse directories expanded, paths checked. */
export async function readIndex(repository: Repository & { objects: ObjectReader }): Promise<ReadIndex> {
  const file = nodePath.join(repository.gitDir, 'index');
  const read = readIndexFile(file);
  if (read === null) return { entries: [], cacheTree: new Map(), mtimeNs: 0n };
  const parsed = parseIndex(read.bytes, file);
  let entries = parsed.entries;
  if (parsed.link && !/^0+$/.test(parsed.link.sharedOid)) {
    const name = `sharedindex.${parsed.link.sharedOid}`;
    let sharedFile = nodePath.join(repository.gitDir, name);
    let shared = readIndexFile(sharedFile);
    if (shared === null && repository.commonDir !== repository.gitDir) {
      sharedFile = nodePath.join(repository.commonDir, name);
      shared = readIndexFile(sharedFile);
    }
    if (shared === null) throw new CorruptIndexError(file, `its shared index ${name} is missing`);
    const sharedParsed = parseIndex(shared.bytes, sharedFile);
    const trailer = shared.bytes.subarray(shared.bytes.length - 20).toString('hex');
    if (trailer !== parsed.link.sharedOid && !/^0+$/.test(trailer)) throw new CorruptIndexError(sharedFile, 'its checksum is not the one the split index names');
    entries = mergeSplitIndex(parsed, sharedParsed, file);
  }
  for (const entry of entries) {
    const path = entry.mode === MODE_TREE && entry.path.endsWith('/') ? entry.path.slice(0, -1) : entry.path;
    if (!safeIndexPath(path)) throw new CorruptIndexError(file, `it holds an unsafe path ${JSON.stringify(entry.path)}`);
  }
  if (entries.some((e) => e.mode === MODE_TREE)) {
    const expanded: IndexEntry[] = [];
    for (const entry of entries) {
      if (entry.mode !== MODE_TREE) {
        expanded.push(entry);
        continue;
      }
      const folder = entry.path.replace(/\/$/, '');
      const files = new Map<string, { oid: string; mode: number }>();
      await repository.objects.collect(entry.oid, folder, files);
      for (const [path, f] of files) {
        expanded.push({ ...entry, path, oid: f.oid, mode: f.mode, size: 0, skipWorktree: true });
      }
    }
    expanded.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.stage - b.stage));
    entries = expanded;
  }
  return { entries, cacheTree: parsed.cacheTree, mtimeNs: read.mtimeNs };
}

/** `core.fileMode` from the repository's own config (default true). Read, never obeyed beyond this. */
function fileModeSetting(commonDir: string): boolean {
  const config = readSmallFile(nodePath.join(commonDir, 'config'), 1024 * 1024);
  if (config === null) return true;
  let section = '';
  let value = true;
  for (const raw of config.toString('utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      section = line.slice(1, line.indexOf(']') >= 0 ? line.indexOf(']') : undefined).trim().toLowerCase();
      continue;
    }
    if (section !== 'core') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    if (line.slice(0, eq).trim().toLowerCase() !== 'filemode') continue;
    const v = line.slice(eq + 1).trim().toLowerCase();
    value = !(v === 'false' || v === 'no' || v === 'off' || v === '0');
  }
  return value;
}

/**
 * Folders whose tree id the index's cache tree knows, and which it describes faithfully: the
 * entry count matches the index, and no entry under it is a conflict stage or intent-to-add
 * (which a tree cannot hold). A base subtree with that id holds exactly the index's entries.
 */
function knownFolders(index: ReadIndex): Map<string, string> {
  const known = new Map<string, string>();
  if (index.cacheTree.size === 0) return known;
  const counts = new Map<string, number>();
  const spoiled = new Set<string>();
  for (const entry of index.entries) {
    const odd = entry.stage !== 0 || entry.intentToAdd;
    let folder = entry.path;
    for (;;) {
      const slash = folder.lastIndexOf('/');
      folder = slash < 0 ? '' : folder.slice(0, slash);
      counts.set(folder, (counts.get(folder) ?? 0) + 1);
      if (odd) spoiled.add(folder);
      if (folder === '') break;
    }
  }
  for (const [folder, node] of index.cacheTree) {
    if (!spoiled.has(folder) && counts.get(folder) === node.entryCount) known.set(folder, node.oid);
  }
  return known;
}

/** Is `path` inside one of these folders ('' = everything)? */
function underAny(path: string, folders: ReadonlySet<string>): boolean {
  if (folders.size === 0) return false;
  if (folders.has('')) return true;
  for (let slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
    if (folders.has(path.slice(0, slash))) return true;
  }
  return false;
}

function underPrefix(path: string, prefix: string): boolean {
  return prefix === '' || path.startsWith(prefix + '/');
}

function relativeTo(path: string, prefix: string): string {
  return prefix === '' ? path : path.slice(prefix.length + 1);
}

/** The commit a submodule's work tree has checked out, or null when it cannot be read. */
async function submoduleHead(workTree: string, path: string): Promise<string | null> {
  const folder = nodePath.join(workTree, ...path.split('/'));
  try {
    const dotGit = nodePath.join(folder, '.git');
    const st = fs.lstatSync(dotGit);
    let found;
    if (st.isDirectory()) found = gitDirectoryAt(dotGit);
    else found = discoverRepository(folder);
    if (!found || ('workTree' in found && found.workTree !== fs.realpathSync(folder))) return null;
    return await new ObjectReader(new ConfinedGitFs(found.gitDir, found.commonDir)).head();
  } catch {
    return null;
  }
}

/**
 * Files changed since `ref`, relative to `root` (forward slashes, sorted, unique): what
 * `git diff --name-only --relative $(git merge-base REF HEAD)` lists (committed, staged and
 * unstaged changes, deletions included) plus untracked files that are not ignored (and untracked
 * nested repositories as `folder/`, as `git ls-files --others` lists them). Rejects with a
 * one-line GitError when `root` is in no repository or `ref` does not resolve.
 */
export async function changedFiles(root: string, ref: string): Promise<string[]> {
  return (await changesSince(root, ref)).files;
}

/** What changed since a revision, and the files as they were at the base the change is compared with. */
export interface ChangesSince {
  /** Root-relative, sorted: as changedFiles gives them. */
  files: string[];
  /** The commit compared with: the merge base of the revision and HEAD (the revision when none). */
  base: string;
  /**
   * A root-relative file as it was at the base: its bytes, `absent` when the base had no regular
   * file there (none, a folder, a link or a submodule), or its size when over `maxBytes`.
   */
  readBase(path: string, maxBytes: number): Promise<Uint8Array | 'absent' | { tooLarge: number }>;
  /** Whether the base had a regular file at this root-relative path (its tree says so; nothing read). */
  inBase(path: string): boolean;
}

export async function changesSince(root: string, ref: string): Promise<ChangesSince> {
  if (ref.startsWith('-')) throw new GitError(`invalid revision '${ref}'`);
  const repository = openRepository(root);
  try {
    const { files, base, baseEntry } = await changedFilesIn(repository, ref);
    const { objects, prefix } = repository;
    const regularAtBase = (path: string): TreeEntry | undefined => {
      const entry = baseEntry(prefix === '' ? path : `${prefix}/${path}`);
      return entry && (entry.mode === MODE_FILE || entry.mode === MODE_EXECUTABLE) ? entry : undefined;
    };
    return {
      files,
      base,
      inBase: (path) => regularAtBase(path) !== undefined,
      readBase: async (path, maxBytes) => {
        const entry = regularAtBase(path);
        if (!entry) return 'absent';
        try {
          return await objects.readBlob(entry.oid, maxBytes);
        } catch (error) {
          throw asGitError(error, repository);
        }
      },
    };
  } catch (error) {
    throw asGitError(error, repository);
  }
}

/**
 * Any failure while reading objects as a one-line GitError. A repository that borrows objects
 * from another (`objects/info/alternates`, from `git clone --shared` or `--reference`) is not
 * followed there: it says so.
 */
function asGitError(error: unknown, repository: Repository): GitError {
  if (error instanceof GitError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const alternates = readSmallFile(nodePath.join(repository.commonDir, 'objects', 'info', 'alternates'), 64 * 1024);
  if (alternates !== null && alternates.toString('utf8').trim() !== '') {
    return new GitError(`cannot read the repository's objects: it borrows them from elsewhere (objects/info/alternates), which is not followed (${detail})`);
  }
  return new GitError(`cannot read the repository: ${detail}`);
}

/** What changedFilesIn found: the changed files, the base commit, and a base entry by repository path. */
interface ChangedIn {
  files: string[];
  base: string;
  baseEntry(path: string): TreeEntry | undefined;
}

async function changedFilesIn(repository: OpenedRepository, ref: string): Promise<ChangedIn> {
  const { objects, prefix, workTree } = repository;
  const target = await objects.resolveCommit(ref);
  const head = await objects.head();
  let base = target;
  if (head !== null) {
    try {
      base = (await objects.mergeBase(target, head)) ?? target;
    } catch {
      base = target;
    }
  }
  const index = await readIndex(repository);
  const known = knownFolders(index);
  const { files: baseFiles, skipped } = await objects.flattenTree(await objects.treeOf(base), prefix, (folder, oid) => known.get(folder) === oid);
  const sameAsBase = new Set(skipped);
  const reader = new WorktreeReader(workTree, index.mtimeNs, fileModeSetting(repository.commonDir));

  const changed = new Set<string>();
  const tracked = new Set<string>();
  const gitlinks = new Set<string>();
  for (const entry of index.entries) {
    tracked.add(entry.path);
    if (entry.mode === MODE_GITLINK) gitlinks.add(entry.path);
    if (!underPrefix(entry.path, prefix)) continue;
    if (entry.stage !== 0) {
      changed.add(entry.path); // an unresolved conflict
      continue;
    }
    let oid = entry.oid;
    let mode = entry.mode;
    // Under a folder whose base tree is the index's own cache tree: the base has this very entry.
    const before = baseFiles.get(entry.path) ?? (underAny(entry.path, sameAsBase) ? { oid: entry.oid, mode: entry.mode } : undefined);
    if (entry.mode === MODE_GITLINK) {
      oid = (await submoduleHead(workTree, entry.path)) ?? entry.oid;
    } else if (!entry.skipWorktree && !entry.assumeValid) {
      const state = reader.state(entry);
      if (state.kind === 'missing') {
        if (before) changed.add(entry.path);
        continue;
      }
      if (state.kind === 'content') ({ oid, mode } = state);
    }
    if (!before || before.oid !== oid || before.mode !== mode) changed.add(entry.path);
  }
  for (const path of baseFiles.keys()) if (!tracked.has(path)) changed.add(path);

  const untracked = walkUntracked(workTree, repository.gitDir, prefix, tracked, gitlinks);
  for (const path of untracked.files) changed.add(path);
  for (const path of untracked.nestedRepositories) changed.add(path);
  let indexed: Map<string, IndexEntry> | null = null;
  const baseEntry = (path: string): TreeEntry | undefined => {
    const listed = baseFiles.get(path);
    if (listed || !underAny(path, sameAsBase)) return listed;
    // Under a folder the index's cache tree shares with the base: the index entry is the base's.
    indexed ??= new Map(index.entries.filter((e) => e.stage === 0).map((e) => [e.path, e]));
    const entry = indexed.get(path);
    return entry ? { oid: entry.oid, mode: entry.mode } : undefined;
  };
  return { files: [...changed].map((p) => relativeTo(p, prefix)).sort(compareStrings), base, baseEntry };
}

export interface WorkTreeListing {
  /** Every file as git sees it, relative to the root, sorted: tracked (index) and untracked-not-ignored. */
  files: string[];
  /** Of those, the tracked ones with skip-worktree set (sparse checkout): tracked, though not on disk. */
  skipWorktree: string[];
  /** Of those, submodules (gitlinks): one path each, the submodule's folder; its files are not listed. */
  gitlinks: string[];
  /** Of those, the untracked ones. */
  untracked: string[];
  /** Untracked nested repositories (folders holding `.git`), with a trailing '/': NOT in `files`. */
  nestedRepositories: string[];
  /**
   * Of those, the tracked files (not submodules) that are not on disk as a file or link: deleted
   * and not yet staged (`git ls-files --deleted`), or outside the sparse checkout (skip-worktree).
   */
  missing: string[];
}

/**
 * The work tree's files the way `git ls-files --cached --others --exclude-standard` sees them,
 * under `root`: every index entry (tracked files, including skip-worktree entries and files
 * deleted from disk but not from the index; a submodule is one entry), plus untracked files that
 * no `.gitignore` or `info/exclude` ignores. Paths are root-relative with forward slashes.
 */
export async function listWorkTreeFiles(root: string, early?: (paths: readonly string[]) => void): Promise<WorkTreeListing> {
  const repository = openRepository(root);
  const { prefix } = repository;
  let index: ReadIndex;
  try {
    index = await readIndex(repository);
  } catch (error) {
    throw asGitError(error, repository);
  }
  const tracked = new Set<string>();
  const gitlinkSet = new Set<string>();
  const files = new Set<string>();
  const skipWorktree: string[] = [];
  const gitlinks: string[] = [];
  for (const entry of index.entries) {
    tracked.add(entry.path);
    if (entry.mode === MODE_GITLINK) gitlinkSet.add(entry.path);
    if (!underPrefix(entry.path, prefix)) continue;
    const path = relativeTo(entry.path, prefix);
    if (files.has(path)) continue; // the stages of a conflict
    files.add(path);
    if (entry.skipWorktree) skipWorktree.push(path);
    if (entry.mode === MODE_GITLINK) gitlinks.push(path);
  }
  // The index's files on the work tree, before the walk for untracked files: candidates to read
  // (outside the sparse checkout and submodules never are; the listing decides the rest).
  if (early) {
    const skipped = new Set([...skipWorktree, ...gitlinks]);
    early([...files].filter((p) => !skipped.has(p)));
  }
  const seen: SeenOnDisk = { folders: new Set(), present: new Set() };
  const walk = walkUntracked(repository.workTree, repository.gitDir, prefix, tracked, gitlinkSet, seen);
  const untracked = walk.files.map((p) => relativeTo(p, prefix)).sort(compareStrings);
  const gitlinkPaths = new Set(gitlinks);
  // Which tracked files are on disk: the walk read most folders already; the rest are asked.
  const onDisk = seen.present;
  const unseen: string[] = [];
  for (const p of files) {
    if (gitlinkPaths.has(p)) continue;
    const full = prefix === '' ? p : `${prefix}/${p}`;
    const slash = full.lastIndexOf('/');
    if (!seen.folders.has(slash < 0 ? '' : full.slice(0, slash))) unseen.push(full);
  }
  for (const p of presentInWorkTree(repository.workTree, unseen)) onDisk.add(p);
  const missing = [...files].filter((p) => !gitlinkPaths.has(p) && !onDisk.has(prefix === '' ? p : `${prefix}/${p}`)).sort(compareStrings);
  for (const path of untracked) files.add(path);
  return {
    files: [...files].sort(compareStrings),
    skipWorktree: skipWorktree.sort(compareStrings),
    gitlinks: gitlinks.sort(compareStrings),
    untracked,
    nestedRepositories: walk.nestedRepositories.map((p) => relativeTo(p, prefix)).sort(compareStrings),
    missing,
  };
}

/**
 * Would git list `path` (root-relative) now, for a file created after the listing? Yes when it
 * is tracked (`tracked`: the listing's tracked files), or untracked and not ignored: no
 * `.gitignore` on the way or `info/exclude` ignores it or a folder above it, and it is not inside
 * a submodule (`gitlinks`), a nested repository or a linked folder. Reads the ignore files on the way.
 */
export function listsCreatedFile(root: string, tracked: ReadonlySet<string>, gitlinks: ReadonlySet<string>, path: string): boolean {
  if (tracked.has(path)) return true;
  const repository = discoverRepository(root);
  const prefix = nodePath.relative(repository.workTree, fs.realpathSync(root)).split(nodePath.sep).join('/');
  if (prefix.startsWith('..') || nodePath.isAbsolute(prefix)) return false;
  const inTree = (p: string) => (prefix === '' ? p : `${prefix}/${p}`);
  const full = inTree(path);
  if (!safeIndexPath(full)) return false;
  return untrackedListed(repository.workTree, repository.gitDir, full, new Set([...gitlinks].map(inTree)));
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
