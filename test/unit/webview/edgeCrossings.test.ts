/**
 * The crossing counter of bench/layout.mjs and the layout tests (test/webview/edgeCrossings.ts),
 * on polylines whose crossings are known.
 */
import * as assert from 'node:assert/strict';
import { countCrossings, type EdgeLine, polylineCrossings, segmentsCross } from '../../webview/edgeCrossings';

const edge = (from: string, to: string, points: EdgeLine['points']): EdgeLine => ({ id: `L_${from}_${to}_0`, from, to, points });

describe('edge crossings counter', () => {
  it('counts two segments that cross inside both, not ones that touch, end on each other or run along each other', () => {
    assert.equal(segmentsCross([0, 0], [10, 10], [0, 10], [10, 0]), true);
    assert.equal(segmentsCross([0, 0], [10, 10], [10, 10], [20, 0]), false, 'a shared end');
    assert.equal(segmentsCross([0, 0], [10, 0], [5, 0], [5, 10]), false, 'one ends on the other');
    assert.equal(segmentsCross([0, 0], [10, 0], [5, 0], [15, 0]), false, 'collinear overlap');
    assert.equal(segmentsCross([0, 0], [10, 0], [0, 5], [10, 5]), false, 'parallel');
    assert.equal(segmentsCross([0, 0], [4, 4], [6, 0], [10, -4]), false, 'apart');
  });

  it('counts every point where two sampled curves cross', () => {
    const line: [number, number][] = [
      [0, 5],
      [100, 5],
    ];
    // A zigzag over the line: up, down, up, down crosses y = 5 three times.
    const zigzag: [number, number][] = [
      [0, 0],
      [25, 10],
      [50, 0],
      [75, 10],
    ];
    assert.equal(polylineCrossings(line, zigzag), 3);
    assert.equal(polylineCrossings(zigzag, line), 3);
  });

  it('counts crossings between edges that share no node only', () => {
    const x1 = edge('m1', 'm2', [
      [0, 0],
      [10, 10],
    ]);
    const x2 = edge('m3', 'm4', [
      [0, 10],
      [10, 0],
    ]);
    assert.equal(countCrossings([x1, x2]), 1);
    // The same geometry from one node: edges of m1 meet at it, which is not a crossing.
    const fromM1 = edge('m1', 'm4', x2.points);
    assert.equal(countCrossings([x1, fromM1]), 0);
    const intoM2 = edge('m3', 'm2', x2.points);
    assert.equal(countCrossings([x1, intoM2]), 0);
    // Three edges, one far away: still one crossing.
    const far = edge('m5', 'm6', [
      [100, 100],
      [120, 130],
    ]);
    assert.equal(countCrossings([x1, x2, far]), 1);
    assert.equal(countCrossings([]), 0);
  });
});
