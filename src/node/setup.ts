/**
 * One analysis set-up for a folder on the local disk, shared by the CLI and the extension, so
 * that the same folder gives the same model in both (DESIGN section 2): the label the model
 * carries, which files exist (git's list in a git work tree: files.ts), and, when the folder is a
 * subfolder of a repository, the repository root whose CODEOWNERS applies (DESIGN 1.1; paths
 * matched relative to the repository root).
 *
 * The repository is looked for above the root's real path (a root opened through a symbolic
 * link belongs to the repository its target is in, as git decides), and what is read there
 * follows no link at all (DESIGN 6: nothing outside the root is read, links are not followed
 * out): NodeFileAccess with `links: 'none'`.
 */
import { lstatSync, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { AnalyzeOptions } from '../core/api';
import { listLocalFiles } from './files';
import { readVisionHistory } from './history';
import { NodeFileAccess, type NodeFileAccessOptions } from './nodeFileAccess';

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** Does `dir` hold a `.git` folder or file (a worktree's), not a link? Never follows or opens it. */
function hasGit(dir: string): boolean {
  try {
    const st = lstatSync(nodePath.join(dir, '.git'));
    return st.isDirectory() || st.isFile();
  } catch {
    return false;
  }
}

function realOrSame(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The enclosing repository (a folder holding `.git`) when `root` is a subfolder of one and not a repository itself. */
export function repositoryAbove(root: string, options: NodeFileAccessOptions = {}): AnalyzeOptions['repository'] {
  const real = realOrSame(root);
  if (hasGit(real)) return undefined;
  let dir = nodePath.dirname(real);
  for (;;) {
    if (hasGit(dir)) {
      return { fs: new NodeFileAccess(dir, { ...options, links: 'none' }), prefix: toSlashes(nodePath.relative(dir, real)) };
    }
    const parent = nodePath.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The options every analysis of the local folder `root` starts from (callers add `log`, `overlays`). */
export function localAnalyzeOptions(root: string, options: NodeFileAccessOptions = {}): AnalyzeOptions {
  const absolute = nodePath.resolve(root);
  return {
    rootLabel: toSlashes(absolute),
    repository: repositoryAbove(absolute, options),
    listFiles: (early) => listLocalFiles(absolute, early),
    visionHistory: (request) => readVisionHistory(absolute, request),
  };
}
