/**
 * Edge crossings of a drawn diagram, counted from the rendered SVG: each edge path is sampled
 * along its length (curves included) into a polyline in the SVG's coordinates, and every two
 * edges that share no node count one crossing per point where their polylines cross. Two edges
 * of one node meet at it (or run together out of it) by construction: that is not a crossing.
 * Shared by the layout bench (bench/layout.mjs) and the browser tests.
 */
import type { Page } from 'playwright-core';

export type Point = readonly [number, number];

export interface EdgeLine {
  /** Mermaid's edge id (`L_<from>_<to>_<n>`). */
  id: string;
  from: string;
  to: string;
  points: Point[];
}

// Browser globals used inside the page function (the tests compile without the DOM library).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;

/** Samples every 4 px along a path, at least 8 and at most 400 points per edge. */
const STEP_PX = 4;

/** The edges drawn in `#stage svg`, as polylines in the root SVG's user space. */
export async function drawnEdgeLines(page: Page): Promise<EdgeLine[]> {
  return page.evaluate((step: number) => {
    const svg = document.querySelector('#stage svg');
    if (!svg) return [];
    const root = svg.getScreenCTM().inverse();
    const lines: { id: string; from: string; to: string; points: [number, number][] }[] = [];
    for (const path of svg.querySelectorAll('path.flowchart-link')) {
      const id: string = path.getAttribute('data-id') ?? path.id ?? '';
      // Node ids are the builder's (m12, s3, g4...): never an underscore, so the split is exact.
      const ends = /^L_([^_]+)_([^_]+)_\d+$/.exec(id);
      const total: number = path.getTotalLength();
      if (!ends || !(total > 0)) continue;
      const toRoot = root.multiply(path.getScreenCTM());
      const n = Math.min(400, Math.max(8, Math.ceil(total / step)));
      const points: [number, number][] = [];
      for (let i = 0; i <= n; i++) {
        const p = path.getPointAtLength((total * i) / n).matrixTransform(toRoot);
        points.push([p.x, p.y]);
      }
      lines.push({ id, from: ends[1], to: ends[2], points });
    }
    return lines;
  }, STEP_PX);
}

interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boxOf(points: readonly Point[]): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    box.minX = Math.min(box.minX, x);
    box.minY = Math.min(box.minY, y);
    box.maxX = Math.max(box.maxX, x);
    box.maxY = Math.max(box.maxY, y);
  }
  return box;
}

const overlaps = (a: Box, b: Box): boolean => a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;

const cross = (o: Point, a: Point, b: Point): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** Segments ab and cd cross at one point inside both (touching or running along each other is not a crossing). */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/** How many times the polylines `p` and `q` cross. */
export function polylineCrossings(p: readonly Point[], q: readonly Point[]): number {
  let count = 0;
  const qBox = boxOf(q);
  for (let i = 1; i < p.length; i++) {
    const seg = boxOf([p[i - 1], p[i]]);
    if (!overlaps(seg, qBox)) continue;
    for (let j = 1; j < q.length; j++) {
      if (segmentsCross(p[i - 1], p[i], q[j - 1], q[j])) count++;
    }
  }
  return count;
}

/** Crossings between edges that share no node. */
export function countCrossings(edges: readonly EdgeLine[]): number {
  const boxes = edges.map((e) => boxOf(e.points));
  let total = 0;
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const a = edges[i];
      const b = edges[j];
      if (a.from === b.from || a.from === b.to || a.to === b.from || a.to === b.to) continue;
      if (!overlaps(boxes[i], boxes[j])) continue;
      total += polylineCrossings(a.points, b.points);
    }
  }
  return total;
}

/** The crossings of the drawing on `page`, and the edges counted. */
export async function drawnCrossings(page: Page): Promise<{ crossings: number; edges: number }> {
  const lines = await drawnEdgeLines(page);
  return { crossings: countCrossings(lines), edges: lines.length };
}
