import * as assert from 'node:assert/strict';
import type { Priority } from '../../../src/core/model/types';
import { monthsBefore, withTrends, type VisionRevision } from '../../../src/core/model/trend';
import { parseVision } from '../../../src/core/sources/vision';
import { sparkline, trendsMarkdown } from '../../../src/core/report/trends';
import { buildSummary, summaryMarkdown } from '../../../src/core/report/summary';
import { analyze, text } from '../rules/tester';

/** A vision.yaml with one priority and one metric, `current` as given, and `history:` lines. */
function visionWith(current: number | null, history: string[] = []): string {
  return (
    text`
      apiVersion: northstar/v1
      kind: Vision
      priorities:
        - id: reliability
          title: Reliability first
          metrics:
            - name: time to restore
              unit: min
              baseline: 95
    ` +
    (current === null ? '' : `        current: ${current}\n`) +
    '        target: 30\n' +
    (history.length > 0 ? `        history:\n${history.map((h) => `          - ${h}\n`).join('')}` : '')
  );
}

function prioritiesOf(yaml: string): Priority[] {
  const vision = parseVision(yaml, 'vision.yaml').value!;
  return vision.priorities.map((p) => ({ id: p.id, title: p.title, owner: null, metrics: p.metrics, location: p.location }));
}

const revision = (date: string, current: number, commit = date.replace(/\D/g, '').padEnd(40, 'a')): VisionRevision => ({ commit, date: `${date}T12:00:00Z`, text: visionWith(current) });

describe('metric trends (model/trend.ts)', () => {
  it('reads history samples from vision.yaml, oldest first, leaving out samples without a real date or a number', () => {
    const [priority] = prioritiesOf(visionWith(48, ['{ date: 2026-06-08, value: 61 }', '{ date: 2026-03-09, value: 80 }', '{ date: 2026-02-30, value: 70 }', '{ date: 2026-04-01, value: many }']));
    assert.deepEqual(priority.metrics[0].history, [
      { date: '2026-03-09', value: 80 },
      { date: '2026-06-08', value: 61 },
    ]);
    const problems = parseVision(visionWith(48, ['{ date: 2026-02-30, value: 70 }', '{ date: 2026-04-01, value: many }']), 'vision.yaml').problems;
    assert.deepEqual(
      problems.map((p) => `${p.location.line}:${p.location.column} ${p.message}`),
      ['13:21 priorities[0].metrics[0].history[0].date must be a valid date written YYYY-MM-DD', '14:40 priorities[0].metrics[0].history[1].value must be a number'],
    );
  });

  it('gives one git point per change of current, dated by the commit that made it, merged with the samples', async () => {
    const priorities = prioritiesOf(visionWith(48, ['{ date: 2026-03-09, value: 80 }']));
    const revisions = [revision('2026-08-04', 48), revision('2026-05-01', 61), revision('2026-06-15', 61), revision('2026-01-10', 88)];
    const [p] = await withTrends(priorities, revisions, 'vision.yaml', '2026-11-01');
    const trend = p.metrics[0].trend!;
    assert.deepEqual(
      trend.points.map((x) => `${x.date} ${x.value} ${x.source}`),
      ['2026-01-10 88 git', '2026-03-09 80 file', '2026-05-01 61 git', '2026-08-04 48 git'],
    );
    assert.equal(trend.baseline, 95);
    assert.equal(trend.latest, 48);
    assert.equal(trend.change, -47);
    assert.equal(trend.lastUpdate, '2026-08-04');
  });

  it('dates a sample that measures the committed value again as the last update, without a new point', async () => {
    const priorities = prioritiesOf(visionWith(48, ['{ date: 2026-10-05, value: 48 }']));
    const [p] = await withTrends(priorities, [revision('2026-08-04', 48)], 'vision.yaml', '2026-11-01');
    assert.deepEqual(p.metrics[0].trend!.points.map((x) => x.date), ['2026-08-04']);
    assert.equal(p.metrics[0].trend!.lastUpdate, '2026-10-05');
  });

  it('counts an uncommitted change of current as updated today', async () => {
    const [p] = await withTrends(prioritiesOf(visionWith(41)), [revision('2026-08-04', 48)], 'vision.yaml', '2026-11-01');
    assert.equal(p.metrics[0].trend!.lastUpdate, '2026-11-01');
    assert.equal(p.metrics[0].trend!.latest, 41);
    assert.equal(p.metrics[0].trend!.change, -54);
  });

  it('has no trend without samples or history, and takes the first point as baseline when none is declared', async () => {
    const [none] = await withTrends(prioritiesOf(visionWith(48)), [], 'vision.yaml', '2026-11-01');
    assert.equal(none.metrics[0].trend, undefined);
    const noBaseline = visionWith(99.82, ['{ date: 2026-02-02, value: 99.61 }']).replace('        baseline: 95\n', '');
    const [p] = await withTrends(prioritiesOf(noBaseline), [], 'vision.yaml', '2026-11-01');
    assert.equal(p.metrics[0].trend!.baseline, 99.61);
    assert.equal(p.metrics[0].trend!.change, 0.21, 'no floating-point noise');
  });

  it('ignores versions that do not parse or lack the metric', async () => {
    const broken: VisionRevision = { commit: 'b'.repeat(40), date: '2026-03-01T00:00:00Z', text: 'priorities: [\n' };
    const other: VisionRevision = { commit: 'c'.repeat(40), date: '2026-04-01T00:00:00Z', text: visionWith(70).replace('time to restore', 'uptime') };
    const [p] = await withTrends(prioritiesOf(visionWith(48)), [broken, other, revision('2026-05-01', 48)], 'vision.yaml', '2026-11-01');
    assert.deepEqual(p.metrics[0].trend!.points.map((x) => `${x.date} ${x.value}`), ['2026-05-01 48']);
  });

  it('bounds the history by months before today', () => {
    assert.equal(monthsBefore('2026-11-01', 24), '2024-11-01');
    assert.equal(monthsBefore('2026-11-01', 0), '2026-11-01');
  });
});

describe('metric trends in the summary', () => {
  it('draws a Unicode sparkline scaled between the smallest and largest value', () => {
    assert.equal(sparkline([88, 80, 61, 48]), '█▇▃▁');
    assert.equal(sparkline([2, 2, 2]), '▄▄▄');
    assert.equal(sparkline([]), '');
  });

  it('lists each metric with a trend: sparkline, change since baseline, last update', async () => {
    const analysis = await analyze(
      { 'vision.yaml': visionWith(48, ['{ date: 2026-03-09, value: 80 }', '{ date: 2026-06-08, value: 61 }', '{ date: 2026-09-07, value: 48 }']) },
      { visionHistory: () => Promise.resolve([revision('2026-01-10', 88)]) },
    );
    const summary = buildSummary(analysis.model);
    assert.deepEqual(summary.priorities[0].metrics[0].trend, {
      points: [
        { date: '2026-01-10', value: 88, source: 'git' },
        { date: '2026-03-09', value: 80, source: 'file' },
        { date: '2026-06-08', value: 61, source: 'file' },
        { date: '2026-09-07', value: 48, source: 'file' },
      ],
      baseline: 95,
      latest: 48,
      change: -47,
      lastUpdate: '2026-09-07',
    });
    assert.deepEqual(trendsMarkdown(summary), [
      '## Metric trends',
      '',
      '| Metric | Priority | Trend | Change since baseline | Last update |',
      '| --- | --- | --- | --- | --- |',
      '| time to restore | reliability | █▇▃▁ | −47 min (from 95) | 2026-09-07 |',
      '',
    ]);
    assert.ok(summaryMarkdown(summary).includes('\n## Metric trends\n'));
  });

  it('leaves the section out when no metric has a trend', async () => {
    const summary = buildSummary((await analyze({ 'vision.yaml': visionWith(48) })).model);
    assert.equal(summary.priorities[0].metrics[0].trend, null);
    assert.deepEqual(trendsMarkdown(summary), []);
  });
});
