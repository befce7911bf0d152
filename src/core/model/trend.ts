/**
 * Metric trends (DESIGN 1.8): the values a metric had over time, from two places — the dated
 * `history:` samples written in `vision.yaml`, and the values its `current` had in the file's
 * git history. The git history is data handed in by the adapter (AnalyzeOptions.visionHistory:
 * the core never reads git); each version is parsed here with the one vision parser, so a
 * metric is the same metric in every version (its priority id and its name).
 */
import { parseVision } from '../sources/vision';
import type { VisionFile } from '../sources/types';
import type { Metric, MetricPoint, MetricTrend, Priority } from './types';

/** One committed version of `vision.yaml`, as the adapter read it from git. */
export interface VisionRevision {
  /** The commit that introduced this version of the file. */
  commit: string;
  /** When that commit was made (committer date), ISO 8601. */
  date: string;
  text: string;
}

/** What the analyzer asks the adapter for: a bounded first-parent history of one file. */
export interface VisionHistoryRequest {
  /** Root-relative path of the vision file. */
  path: string;
  /** At most this many commits from HEAD (first parents). */
  maxCommits: number;
  /** No commit older than this day (`YYYY-MM-DD`). */
  since: string;
  /** No commit newer than this day: today, which a pinned `today` moves into the past ("as of"). */
  until: string;
}

const key = (priority: string, metric: string): string => `${priority}\u0000${metric}`;

/** Day of an ISO date-time (or a date), or null when it is not one. */
export function dayOf(iso: string): string | null {
  const time = Date.parse(iso);
  return Number.isFinite(time) ? new Date(time).toISOString().slice(0, 10) : null;
}

/** The day `months` months before `today` (`YYYY-MM-DD`). */
export function monthsBefore(today: string, months: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  if (!Number.isFinite(date.getTime())) return '0000-01-01';
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
}

/** A difference without binary floating-point noise (99.82 - 99.5 is 0.32, not 0.3199999…). */
function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * The `current` value of each metric in each committed version, oldest version first, one point
 * per change of value: a point's date is the day the value was committed.
 */
async function gitPoints(revisions: readonly VisionRevision[], file: string, pause: () => Promise<void> | null): Promise<Map<string, MetricPoint[]>> {
  const dated = revisions
    .map((r) => ({ revision: r, day: dayOf(r.date) }))
    .filter((r): r is { revision: VisionRevision; day: string } => r.day !== null)
    .sort((a, b) => (a.revision.date < b.revision.date ? -1 : a.revision.date > b.revision.date ? 1 : 0));
  const out = new Map<string, MetricPoint[]>();
  for (const { revision, day } of dated) {
    // Parsing is synchronous: the editor's thread gets a turn between versions.
    await pause();
    const parsed: VisionFile | null = parseVision(revision.text, file).value;
    for (const priority of parsed?.priorities ?? []) {
      for (const metric of priority.metrics) {
        if (typeof metric.current !== 'number' || !Number.isFinite(metric.current)) continue;
        const k = key(priority.id, metric.name);
        const points = out.get(k) ?? [];
        if (points.length === 0) out.set(k, points);
        const last = points[points.length - 1];
        if (last && last.value === metric.current) continue;
        points.push({ date: day, value: metric.current, source: 'git', commit: revision.commit });
      }
    }
  }
  return out;
}

function trendOf(metric: Metric, fromGit: readonly MetricPoint[], today: string): MetricTrend | undefined {
  const fromFile: MetricPoint[] = (metric.history ?? []).map((s) => ({ date: s.date, value: s.value, source: 'file' }));
  if (fromFile.length === 0 && fromGit.length === 0) return undefined;
  const merged = [...fromFile, ...fromGit].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // One point per change of value: a sample that says what was committed before (or the other
  // way round) is the same value measured again; it dates the last update, not a new point.
  const points = merged.filter((p, i) => i === 0 || p.value !== merged[i - 1].value);
  const current = typeof metric.current === 'number' && Number.isFinite(metric.current) ? metric.current : null;
  const newest = points[points.length - 1];
  let lastUpdate = merged[merged.length - 1].date;
  // `current` edited and not yet committed (nor written as a sample): updated today.
  const lastCommitted = fromGit[fromGit.length - 1];
  if (current !== null && lastCommitted && current !== lastCommitted.value && current !== newest.value && today > lastUpdate) lastUpdate = today;
  const baseline = typeof metric.baseline === 'number' && Number.isFinite(metric.baseline) ? metric.baseline : points[0].value;
  const latest = current ?? newest.value;
  return { points, baseline, latest, change: tidy(latest - baseline), lastUpdate };
}

/**
 * The priorities with each metric's trend (a metric with no sample and no git history has none).
 * Pure: `revisions` are the committed versions of `file`, in any order; `pause` yields (the
 * analyzer's slicer).
 */
export async function withTrends(
  priorities: readonly Priority[],
  revisions: readonly VisionRevision[],
  file: string,
  today: string,
  pause: () => Promise<void> | null = () => null,
): Promise<Priority[]> {
  const fromGit = revisions.length > 0 ? await gitPoints(revisions, file, pause) : new Map<string, MetricPoint[]>();
  return priorities.map((priority) => ({
    ...priority,
    metrics: priority.metrics.map((metric) => {
      const trend = trendOf(metric, fromGit.get(key(priority.id, metric.name)) ?? [], today);
      return trend ? { ...metric, trend } : metric;
    }),
  }));
}
