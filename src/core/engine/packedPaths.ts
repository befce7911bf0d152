/**
 * A sorted list of paths kept as a few long strings (runs of paths joined by `\n`), for the
 * extension host's copy of the workspace's file list (engine/remote.ts).
 *
 * Why (issue 12, DESIGN section 6): a million paths as a million strings are a million young
 * objects on the host thread, and the garbage collector copies every one of them while they
 * survive; measured at 1M files, those collections landed inside the host's message callbacks
 * (70–190 ms slices). A run of 10,000 paths is one string of a few hundred kilobytes, which V8
 * keeps with the large objects and never copies. The host needs the paths one by one rarely
 * (the init command's plan): `toArray()` makes them then, once per list.
 *
 * Immutable: every change gives a new list that shares the runs it did not touch.
 */
import { lowerBound } from '../fs';
import { compareStrings } from '../walk';

export class PackedPaths {
  private array: string[] | null = null;

  private constructor(
    /** Runs of paths, each `\n`-joined, in order; none empty. */
    private readonly runs: readonly string[],
    /** The first path of each run. */
    private readonly firsts: readonly string[],
    /** The number of paths in each run. */
    private readonly counts: readonly number[],
    readonly length: number,
  ) {}

  static readonly EMPTY = new PackedPaths([], [], [], 0);

  /** Runs as the worker sends them (each a sorted, `\n`-joined chunk, in order); an empty run is skipped. */
  static fromRuns(runs: readonly string[]): PackedPaths {
    const kept: string[] = [];
    const firsts: string[] = [];
    const counts: number[] = [];
    let length = 0;
    for (const run of runs) {
      if (run === '') continue;
      const count = countPaths(run);
      kept.push(run);
      firsts.push(firstPath(run));
      counts.push(count);
      length += count;
    }
    return new PackedPaths(kept, firsts, counts, length);
  }

  /** This list with `run` (sorted, after every path here) appended. */
  append(run: string): PackedPaths {
    if (run === '') return this;
    const count = countPaths(run);
    return new PackedPaths([...this.runs, run], [...this.firsts, firstPath(run)], [...this.counts, count], this.length + count);
  }

  /**
   * This list with `removed` taken out and `added` put in (each sorted or not; a path added that
   * is there already, or removed that is not, changes nothing). Only the runs they fall in are
   * split and joined again; a run grown past `maxRun` paths is cut in two.
   */
  edit(added: readonly string[], removed: readonly string[], maxRun: number): PackedPaths {
    if (added.length === 0 && removed.length === 0) return this;
    // Which run each path falls in: the last whose first path is not after it (the first run for anything before).
    const touched = new Map<number, { added: string[]; removed: Set<string> }>();
    const at = (path: string) => {
      const bound = lowerBound(this.firsts, path);
      const i = Math.max(0, this.firsts[bound] === path ? bound : bound - 1);
      let entry = touched.get(i);
      if (!entry) touched.set(i, (entry = { added: [], removed: new Set() }));
      return entry;
    };
    for (const path of removed) at(path).removed.add(path);
    for (const path of added) at(path).added.push(path);
    const runs: string[] = [];
    const firsts: string[] = [];
    const counts: number[] = [];
    let length = 0;
    const push = (paths: readonly string[], from: number, to: number) => {
      if (to <= from) return;
      runs.push(paths.slice(from, to).join('\n'));
      firsts.push(paths[from]);
      counts.push(to - from);
      length += to - from;
    };
    const total = Math.max(this.runs.length, 1);
    for (let i = 0; i < total; i++) {
      const change = touched.get(i);
      if (!change) {
        runs.push(this.runs[i]);
        firsts.push(this.firsts[i]);
        counts.push(this.counts[i]);
        length += this.counts[i];
        continue;
      }
      const before = i < this.runs.length ? this.runs[i].split('\n') : [];
      const kept = change.removed.size === 0 ? before : before.filter((p) => !change.removed.has(p));
      const merged = mergeSorted(kept, [...new Set(change.added)].sort(compareStrings));
      for (let from = 0; from < merged.length; from += maxRun) push(merged, from, Math.min(merged.length, from + maxRun));
    }
    return new PackedPaths(runs, firsts, counts, length);
  }

  /** The paths one by one (made on the first call, then kept). */
  toArray(): readonly string[] {
    if (this.array) return this.array;
    const out: string[] = [];
    for (const run of this.runs) for (const path of run.split('\n')) out.push(path);
    this.array = out;
    return out;
  }
}

function countPaths(run: string): number {
  let n = 1;
  for (let at = run.indexOf('\n'); at >= 0; at = run.indexOf('\n', at + 1)) n++;
  return n;
}

function firstPath(run: string): string {
  const end = run.indexOf('\n');
  return end < 0 ? run : run.slice(0, end);
}

/** Two sorted lists as one, a path in both once. */
function mergeSorted(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return a.slice();
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
    else {
      out.push(a[i++]);
      j++;
    }
  }
  return out;
}
