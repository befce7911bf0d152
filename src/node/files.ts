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
import type { FileListing } from '../core/api';
import { discoverRepository, listsCreatedFile, listWorkTreeFiles, type WorkTreeListing } from './git';

export async function listLocalFiles(root: string): Promise<FileListing> {
  try {
    discoverRepository(root);
  } catch {
    return { source: 'walk', problems: [] }; // no repository here: git would say the same
  }
  let listing: WorkTreeListing;
  try {
    listing = await listWorkTreeFiles(root);
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
  const tracked = new Set(listing.files.filter((p) => !untracked.has(p)));
  const gitlinks = new Set(listing.gitlinks);
  return {
    source: 'git',
    files,
    unread: [...listing.missing.filter((p) => skipWorktree.has(p)), ...listing.gitlinks].sort(),
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
