/**
 * The summary's metric trends (DESIGN 1.8): the data (`summaryTrend`, in each metric of
 * `buildSummary`) and the Markdown section, with a Unicode sparkline drawn from the numbers.
 */
import type { MetricTrend } from '../model/types';
import { shownUnit } from '../model/units';
import { escapeMarkdown } from './escape';
import type { SummaryTrend, VisionSummary } from './types';

export function summaryTrend(trend: MetricTrend | undefined): SummaryTrend | null {
  if (!trend) return null;
  return {
    points: trend.points.map((p) => ({ date: p.date, value: p.value, source: p.source })),
    baseline: trend.baseline,
    latest: trend.latest,
    change: trend.change,
    lastUpdate: trend.lastUpdate,
  };
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** One block character per value, scaled between the smallest and the largest (a flat series is a flat line). */
export function sparkline(values: readonly number[]): string {
  const finite = values.filter((v) => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return '';
  const min = finite.reduce((a, b) => Math.min(a, b), Infinity);
  const max = finite.reduce((a, b) => Math.max(a, b), -Infinity);
  return finite.map((v) => (max === min ? BLOCKS[3] : BLOCKS[Math.round(((v - min) / (max - min)) * (BLOCKS.length - 1))])).join('');
}

/** A number by type; anything else (a hand-built or hostile summary) is escaped as text. */
function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : escapeMarkdown(String(value));
}

function signed(value: number, unit: string | null): string {
  const shown = shownUnit(unit);
  const u = shown ? `${shown.spaced ? ' ' : ''}${escapeMarkdown(shown.text)}` : '';
  return `${value > 0 ? '+' : value < 0 ? '−' : '±'}${numberText(Math.abs(value))}${u}`;
}

/** `## Metric trends`: one row per metric with a trend; nothing when no metric has one. */
export function trendsMarkdown(summary: VisionSummary): string[] {
  const rows: string[] = [];
  for (const p of summary.priorities) {
    for (const m of p.metrics) {
      const t = m.trend;
      if (!t) continue;
      const change = t.change === null || t.baseline === null ? '–' : `${signed(t.change, m.unit)} (from ${numberText(t.baseline)})`;
      rows.push(`| ${escapeMarkdown(m.name)} | ${escapeMarkdown(p.id)} | ${sparkline(t.points.map((x) => x.value))} | ${change} | ${t.lastUpdate === null ? '–' : escapeMarkdown(String(t.lastUpdate))} |`);
    }
  }
  if (rows.length === 0) return [];
  return ['## Metric trends', '', '| Metric | Priority | Trend | Change since baseline | Last update |', '| --- | --- | --- | --- | --- |', ...rows, ''];
}
