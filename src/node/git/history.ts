/**
 * The committed versions of one file, for metric trends (DESIGN 1.8): a bounded walk of first
 * parents from HEAD, read from git's files by the reader of this folder (nothing is run, no
 * configuration obeyed, no link followed out of the git directory), one version per change of
 * the file's blob, dated by the commit that introduced it.
 */
import type { VisionHistoryRequest, VisionRevision } from '../../core/api';
import { decodeText } from '../../core/fs';
import { MAX_TEXT_BYTES } from '../../core/workspace/roles';
import { discoverRepository } from './discover';
import { openRepository } from './index';
import type { ObjectReader } from './objects';

/** A hard ceiling on the walk, whatever the configuration asks. */
export const MAX_HISTORY_COMMITS = 10_000;

const MODE_FILE = '100644';
const MODE_EXECUTABLE = '100755';

/** The blob at `path` in `tree`, or null when it is absent or not a regular file (a link, a submodule, a folder). */
async function blobAt(objects: ObjectReader, tree: string, path: string): Promise<string | null> {
  const parts = path.split('/');
  let oid = tree;
  for (let i = 0; i < parts.length; i++) {
    const entry = (await objects.readTree(oid)).find((e) => e.path === parts[i]);
    if (!entry) return null;
    if (i === parts.length - 1) return entry.type === 'blob' && (entry.mode === MODE_FILE || entry.mode === MODE_EXECUTABLE) ? entry.oid : null;
    if (entry.type !== 'tree') return null;
    oid = entry.oid;
  }
  return null;
}

/**
 * The versions of `request.path` (relative to `root`) along HEAD's first parents, newest first:
 * at most `maxCommits` commits, none older than `since` and none newer than `until`. Empty outside a repository or on an
 * unborn branch; a version larger than the text limit or not UTF-8 text is left out.
 */
export async function fileHistory(root: string, request: VisionHistoryRequest): Promise<VisionRevision[]> {
  try {
    discoverRepository(root);
  } catch {
    return []; // not in a repository: no history, as git would say
  }
  const repository = openRepository(root);
  const { objects } = repository;
  const path = repository.prefix === '' ? request.path : `${repository.prefix}/${request.path}`;
  const maxCommits = Math.min(Math.max(0, Math.floor(request.maxCommits)), MAX_HISTORY_COMMITS);
  let commit = await objects.head();
  // Runs of one blob, newest first: each run's oldest commit is where that version appeared.
  const runs: { blob: string; commit: string; committedAt: number }[] = [];
  let previous: string | null = null;
  const seen = new Set<string>();
  for (let n = 0; commit !== null && n < maxCommits && !seen.has(commit); n++) {
    seen.add(commit);
    const info = await objects.commitInfo(commit);
    const day = new Date(info.committedAt * 1000).toISOString().slice(0, 10);
    if (day < request.since) break;
    // After "today" (a pinned date): not yet made as of the day analysed.
    if (day > request.until) {
      commit = info.parents[0] ?? null;
      continue;
    }
    const blob = await blobAt(objects, info.tree, path);
    if (blob !== null && blob === previous) {
      const run = runs[runs.length - 1];
      run.commit = commit;
      run.committedAt = info.committedAt;
    } else if (blob !== null) {
      runs.push({ blob, commit, committedAt: info.committedAt });
    }
    previous = blob;
    commit = info.parents[0] ?? null;
  }
  const revisions: VisionRevision[] = [];
  for (const run of runs) {
    const bytes = await objects.readBlob(run.blob, MAX_TEXT_BYTES);
    // Over the limit (`{ tooLarge }`): not read, as the analysis would not read the file.
    const text = bytes instanceof Uint8Array ? decodeText(bytes) : null;
    if (text === null) continue;
    revisions.push({ commit: run.commit, date: new Date(run.committedAt * 1000).toISOString(), text });
  }
  return revisions;
}
