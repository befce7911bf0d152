/**
 * The summary page's "Metric trends" section: per metric with a trend, an SVG sparkline drawn
 * from the numbers (only numeric attributes are set; names and dates go in as text), the change
 * since the baseline and the date of the last update.
 */
import { shownUnit } from '../core/model/units';
import type { SummaryMetric, SummaryPriority, SummaryTrend } from '../core/report/types';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 28;
const PAD = 3;

function text<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, content: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = content;
  return node;
}

/** Coordinates of the points in the sparkline's box: oldest at the left, the largest value at the top. */
export function sparkPoints(values: readonly number[]): Array<[number, number]> {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  const min = finite.reduce((a, b) => Math.min(a, b), Infinity);
  const max = finite.reduce((a, b) => Math.max(a, b), -Infinity);
  const step = finite.length > 1 ? (SPARK_WIDTH - 2 * PAD) / (finite.length - 1) : 0;
  return finite.map((v, i) => {
    const x = finite.length > 1 ? PAD + i * step : SPARK_WIDTH / 2;
    const y = max === min ? SPARK_HEIGHT / 2 : PAD + ((max - v) / (max - min)) * (SPARK_HEIGHT - 2 * PAD);
    return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
  });
}

function sparklineSvg(metric: SummaryMetric, trend: SummaryTrend): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('width', String(SPARK_WIDTH));
  svg.setAttribute('height', String(SPARK_HEIGHT));
  svg.setAttribute('viewBox', `0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`);
  svg.setAttribute('role', 'img');
  const title = document.createElementNS(SVG_NS, 'title');
  title.textContent = `${metric.name}: ${trend.points.map((p) => `${p.date} ${p.value}`).join(', ')}`;
  svg.append(title);
  const xy = sparkPoints(trend.points.map((p) => p.value));
  if (xy.length > 1) {
    const line = document.createElementNS(SVG_NS, 'polyline');
    line.setAttribute('points', xy.map(([x, y]) => `${x},${y}`).join(' '));
    line.setAttribute('fill', 'none');
    svg.append(line);
  }
  const [lx, ly] = xy[xy.length - 1] ?? [SPARK_WIDTH / 2, SPARK_HEIGHT / 2];
  const dot = document.createElementNS(SVG_NS, 'circle');
  dot.setAttribute('cx', String(lx));
  dot.setAttribute('cy', String(ly));
  dot.setAttribute('r', '2.5');
  svg.append(dot);
  return svg;
}

function changeText(trend: SummaryTrend, unit: string | null): string {
  if (trend.change === null || trend.baseline === null) return '–';
  const sign = trend.change > 0 ? '+' : trend.change < 0 ? '−' : '±';
  const shown = shownUnit(unit);
  const u = shown ? `${shown.spaced ? ' ' : ''}${shown.text}` : '';
  return `${sign}${Math.abs(trend.change)}${u} since baseline ${trend.baseline}${u}`;
}

/** The section, or null when no metric has a trend. */
export function renderTrends(priorities: readonly SummaryPriority[]): HTMLElement | null {
  const rows: HTMLElement[] = [];
  for (const p of priorities) {
    for (const m of p.metrics) {
      const t = m.trend;
      if (!t || t.points.length === 0) continue;
      const row = document.createElement('tr');
      row.className = 'trend';
      const name = document.createElement('td');
      name.append(text('span', 'metric-name', m.name), text('span', 'trend-priority', `(${p.title})`));
      const spark = document.createElement('td');
      spark.append(sparklineSvg(m, t));
      row.append(name, spark, text('td', 'trend-change', changeText(t, m.unit)), text('td', 'trend-updated', t.lastUpdate ?? '–'));
      rows.push(row);
    }
  }
  if (rows.length === 0) return null;
  const section = document.createElement('section');
  section.className = 'card';
  section.id = 'trends';
  section.setAttribute('aria-labelledby', 'trends-title');
  const heading = text('h2', '', 'Metric trends');
  heading.id = 'trends-title';
  const table = document.createElement('table');
  table.className = 'trends';
  const head = document.createElement('thead');
  const headRow = document.createElement('tr');
  for (const label of ['Metric', 'Trend', 'Change', 'Last update']) headRow.append(text('th', '', label));
  head.append(headRow);
  const body = document.createElement('tbody');
  body.append(...rows);
  table.append(head, body);
  section.append(heading, table);
  return section;
}
