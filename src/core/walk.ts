/**
 * One walk of the workspace, shared by every source: the list of files after `.gitignore`
 * (nested files too, as git reads them), without `.git`, `node_modules` and build output.
 * Folders that cannot be read and symbolic-link loops become `workspace/skipped` problems;
 * the walk goes on.
 */
import ignore, { type Ignore } from 'ignore';
import { decodeText, joinPath, type FileAccess } from './fs';
import type { ParseProblem } from './sources/types';

/** Folders never walked: VCS data, dependencies, build output and caches. */
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

export interface WalkResult {
  /** Files, root-relative, sorted by code unit order. */
  files: string[];
  problems: ParseProblem[];
  /** Contents of every `.gitignore` read, by path (a change to one means a new walk). */
  gitignores: string[];
}

interface IgnoreScope {
  folder: string;
  matcher: Ignore;
}

const CONCURRENCY = 32;

export function skippedProblem(file: string, reason: string): ParseProblem {
  return {
    ruleId: 'workspace/skipped',
    message: `Skipped ${file === '' ? 'the workspace root' : `"${file}"`}: ${reason}.`,
    location: { file, line: 1, column: 1, endLine: 1, endColumn: 1 },
  };
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

export async function walkWorkspace(fs: FileAccess): Promise<WalkResult> {
  const files: string[] = [];
  const problems: ParseProblem[] = [];
  const gitignores: string[] = [];
  const visitedReal = new Set<string>();

  const isIgnored = (path: string, isDir: boolean, scopes: readonly IgnoreScope[]): boolean => {
    for (const scope of scopes) {
      const rel = scope.folder === '' ? path : path.slice(scope.folder.length + 1);
      if (scope.matcher.ignores(isDir ? `${rel}/` : rel)) return true;
    }
    return false;
  };

  const visit = async (folder: string, scopes: readonly IgnoreScope[]): Promise<Array<[string, IgnoreScope[]]>> => {
    let entries;
    try {
      entries = await fs.readDirectory(folder);
    } catch (error) {
      problems.push(skippedProblem(folder, `the folder cannot be read (${describeError(error)})`));
      return [];
    }
    if (fs.realPath) {
      try {
        const real = await fs.realPath(folder);
        if (visitedReal.has(real)) {
          problems.push(skippedProblem(folder, 'symbolic link loop (the folder was already walked)'));
          return [];
        }
        visitedReal.add(real);
      } catch (error) {
        problems.push(skippedProblem(folder, describeError(error)));
        return [];
      }
    }
    let ownScopes: IgnoreScope[] = scopes as IgnoreScope[];
    if (entries.some((e) => e.name === '.gitignore' && e.kind === 'file')) {
      const path = joinPath(folder, '.gitignore');
      try {
        const text = decodeText(await fs.readFile(path));
        if (text !== null) {
          gitignores.push(path);
          ownScopes = [...scopes, { folder, matcher: ignore().add(text) }];
        }
      } catch (error) {
        problems.push(skippedProblem(path, `the file cannot be read (${describeError(error)})`));
      }
    }
    const subfolders: Array<[string, IgnoreScope[]]> = [];
    for (const entry of entries) {
      const path = joinPath(folder, entry.name);
      let kind = entry.kind;
      if (kind === 'symlink') {
        try {
          kind = (await fs.stat(path)).kind;
        } catch (error) {
          problems.push(skippedProblem(path, `a symbolic link that cannot be followed (${describeError(error)})`));
          continue;
        }
      }
      if (kind === 'directory') {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        if (isIgnored(path, true, ownScopes)) continue;
        subfolders.push([path, ownScopes]);
      } else if (kind === 'file') {
        if (!isIgnored(path, false, ownScopes)) files.push(path);
      }
    }
    return subfolders;
  };

  // Breadth-first with bounded concurrency: enough parallel reads to hide I/O latency
  // without opening thousands of handles at once.
  let frontier: Array<[string, IgnoreScope[]]> = [['', []]];
  while (frontier.length > 0) {
    const next: Array<[string, IgnoreScope[]]> = [];
    for (let i = 0; i < frontier.length; i += CONCURRENCY) {
      const batch = frontier.slice(i, i + CONCURRENCY);
      const results = await Promise.all(batch.map(([folder, scopes]) => visit(folder, scopes)));
      for (const r of results) next.push(...r);
    }
    frontier = next;
  }
  files.sort(compareStrings);
  return { files, problems, gitignores };
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
