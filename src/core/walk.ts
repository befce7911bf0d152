/**
 * One walk of the workspace, shared by every source, for a folder outside any git work tree
 * (inside one, git's list decides: AnalyzeOptions.listFiles): the list of files after
 * `.gitignore` (nested files too, as git reads them), without `.git`, `node_modules` and build
 * output (SKIPPED_FOLDERS, adjusted by `.northstar.yaml`'s `walk`: skipFoldersFor).
 * Folders that cannot be read and symbolic-link loops become `workspace/skipped` problems;
 * the walk goes on. A `.gitignore` is matched through an index of its rules (ignoreMatcher.ts),
 * and one larger than MAX_GITIGNORE_BYTES is not read at all (its size is asked first).
 */
import { decodeText, joinPath, type FileAccess } from './fs';
import { GitignoreMatcher } from './ignoreMatcher';
import type { ParseProblem } from './sources/types';

/** Folders not walked by default: VCS data, dependencies, build output and caches. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  '.vscode-test',
  'dist',
  'out',
  'build',
  'target',
  '.next',
  '.nuxt',
  '.turbo',
  '.cache',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.mypy_cache',
  '.pytest_cache',
  '.gradle',
  'obj',
]);

/** The folder names a walk skips: the built-in list, plus `walk.skipFolders`, minus `walk.walkFolders` (`.git` always skipped). */
export function skipFoldersFor(walk: { skipFolders: readonly string[]; walkFolders: readonly string[] }): ReadonlySet<string> {
  if (walk.skipFolders.length === 0 && walk.walkFolders.length === 0) return SKIPPED_FOLDERS;
  const skipped = new Set([...SKIPPED_FOLDERS, ...walk.skipFolders]);
  for (const name of walk.walkFolders) if (name !== '.git') skipped.delete(name);
  return skipped;
}

export interface WalkResult {
  /** Files, root-relative, sorted by code unit order. */
  files: string[];
  problems: ParseProblem[];
  /** Contents of every `.gitignore` read, by path (a change to one means a new walk). */
  gitignores: string[];
  /**
   * Would this walk list a file at `path` (root-relative) if it existed: no skipped or ignored
   * folder above it and not ignored itself, by the `.gitignore` files read. For a file created
   * after the walk, so that an update lists what a new walk would.
   */
  lists(path: string): boolean;
}

interface IgnoreScope {
  folder: string;
  matcher: GitignoreMatcher;
}

/**
 * Larger `.gitignore` files are not read (bytes): git reads any size, but a file of this size is
 * no list of rules a person wrote (the largest public ones are a few hundred kilobytes), and
 * reading a 1.5 GB one whole only to drop it as binary took seconds and as much memory.
 */
export const MAX_GITIGNORE_BYTES = 8 * 1024 * 1024;

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb.toFixed(1)} MB`;
}

const CONCURRENCY = 32;

/** Longest path quoted whole in a message; a longer one keeps its start and end (the finding's `file` stays whole). */
const MAX_QUOTED_PATH = 240;

/** A path shortened in the middle, so that a 4,096-character path cannot push the reason out of a bounded message. */
export function quotePath(file: string): string {
  if (file.length <= MAX_QUOTED_PATH) return file;
  let head = 80;
  let tail = file.length - (MAX_QUOTED_PATH - 80 - 1);
  // Never cut a surrogate pair in half.
  if (head > 0 && file.charCodeAt(head - 1) >= 0xd800 && file.charCodeAt(head - 1) <= 0xdbff) head--;
  if (file.charCodeAt(tail) >= 0xdc00 && file.charCodeAt(tail) <= 0xdfff) tail++;
  return `${file.slice(0, head)}…${file.slice(tail)}`;
}

export function skippedProblem(file: string, reason: string): ParseProblem {
  return {
    ruleId: 'workspace/skipped',
    message: `Skipped ${file === '' ? 'the workspace root' : `"${quotePath(file)}"`}: ${reason}.`,
    location: { file, line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
}

function tooLargeGitignore(path: string, size: number): ParseProblem {
  return skippedProblem(path, `it is ${megabytes(size)}, more than the ${megabytes(MAX_GITIGNORE_BYTES)} limit for .gitignore files, so it was not read and its rules are not applied`);
}

function describeError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      return 'it disappeared while being read';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** Why a link cannot be followed: a missing target (never "disappeared while being read"), or the error. */
function danglingOr(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'a symbolic link to a missing target (it cannot be followed)';
  return `a symbolic link that cannot be followed (${describeError(error)})`;
}

/** A folder to read: its path, the `.gitignore` scopes above it, and its real path when known. */
type FolderJob = [folder: string, scopes: readonly IgnoreScope[], real: string | null];

export async function walkWorkspace(
  fs: FileAccess,
  skipFolders: ReadonlySet<string> = SKIPPED_FOLDERS,
  /** Told each folder's listed files as soon as they are listed (the analyzer starts reading them meanwhile). */
  onFiles?: (paths: readonly string[]) => void,
): Promise<WalkResult> {
  const files: string[] = [];
  const problems: ParseProblem[] = [];
  const gitignores: string[] = [];
  const visitedReal = new Set<string>();
  /** The `.gitignore` read in each folder that has one (for `lists`). */
  const matchers = new Map<string, GitignoreMatcher>();

  const isIgnored = (path: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean => {
    for (const scope of scopes) {
      const rel = scope.folder === '' ? path : path.slice(scope.folder.length + 1);
      if (scope.matcher.ignores(rel, isDir)) return true;
    }
    return false;
  };

  /** A `.gitignore`'s text, unless it is too large (then a problem says so), binary, or unreadable. */
  const readGitignore = async (path: string): Promise<string | null> => {
    let bytes: Uint8Array;
    if (fs.readFileWithin) {
      const read = await fs.readFileWithin(path, MAX_GITIGNORE_BYTES);
      if (!(read instanceof Uint8Array)) {
        problems.push(tooLargeGitignore(path, read.tooLarge));
        return null;
      }
      bytes = read;
    } else {
      const { size } = await fs.stat(path);
      if (size > MAX_GITIGNORE_BYTES) {
        problems.push(tooLargeGitignore(path, size));
        return null;
      }
      bytes = await fs.readFile(path);
      // It may have grown between the two calls.
      if (bytes.length > MAX_GITIGNORE_BYTES) {
        problems.push(tooLargeGitignore(path, bytes.length));
        return null;
      }
    }
    const text = decodeText(bytes);
    if (text === null) problems.push(skippedProblem(path, 'it is not UTF-8 text (a binary file?), so its rules are not applied'));
    return text;
  };

  // Folders reached through a symbolic link wait until every plain folder is walked, so that a
  // link to a folder of the workspace is the one reported, whatever order the reads finish in.
  const linked: FolderJob[] = [];
  // A cloned repository may hold links to anything on the machine (`/`, `/etc/passwd`,
  // `/proc/self/environ`): a link that leads outside the root is reported, never followed.
  let rootReal: string | null = null;
  const leavesRoot = (real: string): boolean => {
    if (rootReal === null || rootReal === '') return false;
    const base = rootReal.endsWith('/') ? rootReal : rootReal + '/';
    return real !== rootReal && !real.startsWith(base);
  };

  const visit = async ([folder, scopes, knownReal]: FolderJob): Promise<FolderJob[]> => {
    // Only the root and linked folders need asking for their real path: a plain subfolder's
    // is its parent's plus its name (one `realpath` per folder was a third of the walk).
    let real = knownReal;
    if (fs.realPath && real === null) {
      try {
        real = (await fs.realPath(folder)).replace(/\\/g, '/');
      } catch (error) {
        problems.push(skippedProblem(folder, describeError(error)));
        return [];
      }
    }
    if (folder === '') rootReal = real;
    else if (real !== null && knownReal === null && leavesRoot(real)) {
      problems.push(skippedProblem(folder, 'a symbolic link to a folder outside the workspace (not followed)'));
      return [];
    }
    if (real !== null) {
      if (visitedReal.has(real)) {
        problems.push(skippedProblem(folder, 'symbolic link loop (the folder was already walked)'));
        return [];
      }
      visitedReal.add(real);
    }
    let entries;
    try {
      entries = await fs.readDirectory(folder);
    } catch (error) {
      problems.push(skippedProblem(folder, `the folder cannot be read (${describeError(error)})`));
      return [];
    }
    let ownScopes = scopes;
    if (entries.some((e) => e.name === '.gitignore' && e.kind === 'file')) {
      const path = joinPath(folder, '.gitignore');
      try {
        const text = await readGitignore(path);
        if (text !== null) {
          gitignores.push(path);
          const matcher = new GitignoreMatcher(text);
          matchers.set(folder, matcher);
          ownScopes = [...scopes, { folder, matcher }];
        }
      } catch (error) {
        problems.push(skippedProblem(path, `the file cannot be read (${describeError(error)})`));
      }
    }
    const subfolders: FolderJob[] = [];
    // This folder's files (visits of other folders may run between its awaits).
    const listed: string[] = [];
    // Indexed loops: a walk's first folders run before this function is optimised, where `for…of` makes an iterator result per entry.
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e];
      const path = joinPath(folder, entry.name);
      if (entry.invalidName) {
        // Node names it with U+FFFD in place of the bad bytes: that name would name no file.
        problems.push(skippedProblem(path, 'the name is not valid UTF-8'));
        continue;
      }
      let kind = entry.kind;
      const isLink = kind === 'symlink';
      if (isLink) {
        try {
          kind = (await fs.stat(path)).kind;
        } catch (error) {
          problems.push(skippedProblem(path, danglingOr(error)));
          continue;
        }
      }
      if (kind === 'directory') {
        if (skipFolders.has(entry.name)) continue;
        if (ownScopes.length > 0 && isIgnored(path, true, ownScopes)) continue;
        if (isLink) linked.push([path, ownScopes, null]);
        else subfolders.push([path, ownScopes, real === null ? null : realChild(real, entry.name)]);
      } else if (kind === 'file') {
        if (isLink && fs.realPath && rootReal !== null) {
          let target: string;
          try {
            target = (await fs.realPath(path)).replace(/\\/g, '/');
          } catch (error) {
            problems.push(skippedProblem(path, danglingOr(error)));
            continue;
          }
          if (leavesRoot(target)) {
            problems.push(skippedProblem(path, 'a symbolic link to a file outside the workspace (not followed)'));
            continue;
          }
        }
        if (ownScopes.length === 0 || !isIgnored(path, false, ownScopes)) listed.push(path);
      }
    }
    for (let i = 0; i < listed.length; i++) files.push(listed[i]);
    if (onFiles && listed.length > 0) onFiles(listed);
    return subfolders;
  };

  await drain([['', [], null]], visit);
  while (linked.length > 0) await drain(linked.splice(0), visit);
  files.sort(compareStrings);
  gitignores.sort(compareStrings);
  problems.sort((a, b) => compareStrings(a.location.file, b.location.file));
  const lists = (path: string): boolean => {
    const names = path.split('/');
    const scopes: IgnoreScope[] = [];
    const rootMatcher = matchers.get('');
    if (rootMatcher) scopes.push({ folder: '', matcher: rootMatcher });
    let folder = '';
    for (let i = 0; i < names.length - 1; i++) {
      folder = joinPath(folder, names[i]);
      if (skipFolders.has(names[i])) return false;
      if (scopes.length > 0 && isIgnored(folder, true, scopes)) return false;
      const matcher = matchers.get(folder);
      if (matcher) scopes.push({ folder, matcher });
    }
    return scopes.length === 0 || !isIgnored(path, false, scopes);
  };
  return { files, problems, gitignores, lists };
}

/** The real path of a plain (not linked) subfolder: its parent's real path and its name. */
function realChild(real: string, name: string): string {
  return real === '' || real.endsWith('/') ? real + name : `${real}/${name}`;
}

/**
 * Run `work` over a queue that the work itself extends, CONCURRENCY at a time: a pool rather
 * than level-by-level batches, so one slow folder does not hold up the others.
 */
async function drain<T>(queue: T[], work: (item: T) => Promise<T[]>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let active = 0;
    let failed = false;
    const pump = (): void => {
      while (!failed && active < CONCURRENCY && queue.length > 0) {
        const item = queue.pop()!;
        active++;
        work(item).then(
          (more) => {
            active--;
            for (const m of more) queue.push(m);
            if (active === 0 && queue.length === 0) resolve();
            else pump();
          },
          (error: unknown) => {
            failed = true;
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      }
    };
    if (queue.length === 0) resolve();
    else pump();
  });
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
