/**
 * One analysis set-up for a folder on the local disk, shared by the CLI and the extension, so
 * that the same folder gives the same model in both (DESIGN section 2): the label the model
 * carries, and, when the folder is a subfolder of a repository, the repository root whose
 * CODEOWNERS applies (DESIGN 1.1; paths matched relative to the repository root).
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import type { AnalyzeOptions } from '../core/api';
import { NodeFileAccess, type NodeFileAccessOptions } from './nodeFileAccess';

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/** The enclosing repository (a folder holding `.git`) when `root` is a subfolder of one and not a repository itself. */
export function repositoryAbove(root: string, options: NodeFileAccessOptions = {}): AnalyzeOptions['repository'] {
  if (existsSync(nodePath.join(root, '.git'))) return undefined;
  let dir = nodePath.dirname(root);
  for (;;) {
    if (existsSync(nodePath.join(dir, '.git'))) {
      return { fs: new NodeFileAccess(dir, options), prefix: toSlashes(nodePath.relative(dir, root)) };
    }
    const parent = nodePath.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The options every analysis of the local folder `root` starts from (callers add `log`, `overlays`). */
export function localAnalyzeOptions(root: string, options: NodeFileAccessOptions = {}): AnalyzeOptions {
  const absolute = nodePath.resolve(root);
  return { rootLabel: toSlashes(absolute), repository: repositoryAbove(absolute, options) };
}
