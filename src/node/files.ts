/**
 * Which files a local folder has, answered once for every surface (the CLI's check and owners,
 * the extension, the real-world corpus), through AnalyzeOptions.listFiles:
 *
 * - In a git work tree, what git says: tracked files (the index) plus untracked files that no
 *   `.gitignore` (at any level) or `.git/info/exclude` ignores; `core.excludesFile` lives outside
 *   the root and is not read. Read by the git reader (src/node/git/): git never runs, and no
 *   program the repository configures is obeyed. A folder named `build` or `dist` that git tracks
 *   is listed like any other; a tracked symbolic link is a file (git stores the link), never walked.
 *   - A tracked file deleted from disk and not yet staged is not listed (it is gone from the work tree).
 *   - A tracked file outside the sparse checkout (skip-worktree, not on disk) is listed, for
 *     CODEOWNERS and module membership by path, and never read.
 *   - A submodule is its folder's path, listed and never read; its files belong to the other
 *     repository and are not listed (a CODEOWNERS pattern that reaches into it matches nothing).
 *   - An untracked nested repository is not listed, as git lists none of its files.
 * - Outside a git work tree: the walk (src/core/walk.ts), with `.northstar.yaml`'s skip list.
 * - When the repository is there but cannot be read (a corrupt or oversized index, an unsupported
 *   object format): the walk, and a workspace/skipped finding that says why and how to repair it.
 */
import * as nodePath from 'node:path';
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileListing } from '../core/api';
import type { ParseProblem } from '../core/sources/types';
import { discoverRepository, listsCreatedFile, listWorkTreeFiles, type WorkTreeListing } from './git';

/** What the listing worker sends back: paths joined by NUL (one string clones in one copy). */
export type ListedMessage =
  | { source: 'walk'; problems: ParseProblem[] }
  | { source: 'git'; files: string; unread: string; tracked: string; gitlinks: string };

const split = (joined: string): string[] => (joined === '' ? [] : joined.split('\u0000'));

/**
 * The files of a local folder. Reading git's index and walking the untracked files is
 * synchronous file-system work (hundreds of milliseconds on a large repository), so it runs on a
 * worker thread (listWorker.ts) and the editor's extension host is never held; in place when
 * worker threads are unavailable.
 */
export async function listLocalFiles(root: string, early?: (paths: readonly string[]) => void): Promise<FileListing> {
  // No repository here (a few lstat calls up the folders): the walk, without starting a worker
  // to learn it (loading the worker was a tenth of a second before a cold check could walk).
  if (!inRepository(root)) return { source: 'walk', problems: [] };
  const message = await listOnWorker(root, early).catch(() => null) ?? (await listedMessage(root));
  if (message.source === 'walk') return message;
  const tracked = new Set(split(message.tracked));
  const gitlinks = new Set(split(message.gitlinks));
  return {
    source: 'git',
    files: split(message.files),
    unread: split(message.unread),
    problems: [],
    lists: (path) => {
      try {
        return Promise.resolve(listsCreatedFile(root, tracked, gitlinks, path));
      } catch {
        return Promise.resolve(false);
      }
    },
  };
}

/** The worker script beside this module: dist/listWorker.js in the bundles, out/src/node/listWorker.js in tests. */
function workerScript(): string | null {
  const script = nodePath.join(__dirname, 'listWorker.js');
  return existsSync(script) ? script : null;
}

/** What the listing worker sends first, when asked: the index's files on the work tree (EarlyMessage), then the ListedMessage. */
export interface EarlyMessage {
  early: string;
}

export function listOnWorker(root: string, early?: (paths: readonly string[]) => void): Promise<ListedMessage | null> {
  const script = workerScript();
  if (script === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { root, early: early !== undefined } });
    } catch {
      resolve(null);
      return;
    }
    worker.on('message', (message: ListedMessage | EarlyMessage) => {
      if ('early' in message) {
        early?.(split(message.early));
        return;
      }
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}

/** Is `root` in a git work tree (as git finds one: `.git` here or in a folder above)? */
export function inRepository(root: string): boolean {
  try {
    discoverRepository(root);
    return true;
  } catch {
    return false;
  }
}

/** The listing itself (on the worker, or in place); `early` is told the index's files on the work tree first. */
export async function listedMessage(root: string, early?: (paths: readonly string[]) => void): Promise<ListedMessage> {
  if (!inRepository(root)) return { source: 'walk', problems: [] }; // no repository here: git would say the same
  let listing: WorkTreeListing;
  try {
    listing = await listWorkTreeFiles(root, early);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      source: 'walk',
      problems: [{
        ruleId: 'workspace/skipped',
        message:
          `Git's list of files could not be read (${detail}), so the folder was walked instead, skipping ` +
          'dependency and build-output folders by name (files git tracks there are missed). Check the repository ' +
          'with `git status`; a damaged index is rebuilt by `rm .git/index && git reset`.',
        location: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 },
      }],
    };
  }
  const skipWorktree = new Set(listing.skipWorktree);
  const deleted = new Set(listing.missing.filter((p) => !skipWorktree.has(p)));
  const files = deleted.size === 0 ? listing.files : listing.files.filter((p) => !deleted.has(p));
  const untracked = new Set(listing.untracked);
  return {
    source: 'git',
    files: files.join('\u0000'),
    unread: [...listing.missing.filter((p) => skipWorktree.has(p)), ...listing.gitlinks].sort().join('\u0000'),
    tracked: listing.files.filter((p) => !untracked.has(p)).join('\u0000'),
    gitlinks: listing.gitlinks.join('\u0000'),
  };
}
