/**
 * The workspace's folders and files by folder, for path completion in CODEOWNERS, answered from
 * the analysis' sorted file list by binary search: no index to build, nothing held per
 * analysis but a sorted copy when the list came unsorted. Listing a folder costs
 * O(entries listed × log files), so a 100,000-file workspace answers in well under a millisecond
 * and the extension host never spends a long slice building anything.
 */

export interface PathEntry {
  readonly name: string;
  readonly folder: boolean;
}

export interface FolderListing {
  readonly entries: readonly PathEntry[];
  /** False when `limit` cut the listing short. */
  readonly complete: boolean;
}

const sortedCopies = new WeakMap<readonly string[], readonly string[]>();

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The list in code-unit order (the analysis' lists are: checked once per list). */
export function sortedFiles(files: readonly string[]): readonly string[] {
  let sorted = sortedCopies.get(files);
  if (!sorted) {
    let inOrder = true;
    for (let i = 1; i < files.length && inOrder; i++) if (files[i - 1] > files[i]) inOrder = false;
    sorted = inOrder ? files : [...files].sort(compare);
    sortedCopies.set(files, sorted);
  }
  return sorted;
}

/** First index whose path is >= key. */
function lowerBound(files: readonly string[], key: string, from = 0): number {
  let lo = from;
  let hi = files.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (files[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the workspace has this file (root-relative). */
export function hasFile(files: readonly string[], path: string): boolean {
  const sorted = sortedFiles(files);
  const at = lowerBound(sorted, path);
  return at < sorted.length && sorted[at] === path;
}

/**
 * The folders and files directly in `folder` ('' for the root; no trailing slash) whose names
 * start with `namePrefix` (case-sensitive, as paths are), in code-unit order, at most `limit`.
 * A folder is listed once however many files it holds: after its first file the search jumps
 * past every path that starts with `folder/name/` (they sort together, before `folder/name0`).
 */
export function listFolder(files: readonly string[], folder: string, namePrefix: string, limit: number): FolderListing {
  const sorted = sortedFiles(files);
  const base = folder === '' ? '' : `${folder}/`;
  const start = base + namePrefix;
  const entries: PathEntry[] = [];
  let i = lowerBound(sorted, start);
  while (i < sorted.length) {
    const path = sorted[i];
    if (!path.startsWith(start)) break;
    if (entries.length >= limit) return { entries, complete: false };
    const rest = path.slice(base.length);
    const slash = rest.indexOf('/');
    if (slash < 0) {
      entries.push({ name: rest, folder: false });
      i++;
    } else {
      const name = rest.slice(0, slash);
      entries.push({ name, folder: true });
      i = lowerBound(sorted, `${base}${name}0`, i + 1);
    }
  }
  return { entries, complete: true };
}
