import type { VisionRevision } from '../../../../src/core/api';
import { ruleTester } from '../tester';
import { priority, vision } from './fixtures';

/** An availability metric (current 99.82) with the given `history:` samples. */
const sampled = (...samples: string[]): string =>
  '      - name: availability\n        unit: "%"\n        baseline: 99.5\n        current: 99.82\n        target: 99.95\n' +
  (samples.length > 0 ? `        history:\n${samples.map((s) => `          - ${s}\n`).join('')}` : '');

const withCurrent = (current: number): string =>
  vision([priority('reliability', `      - { name: availability, unit: "%", baseline: 99.5, current: ${current}, target: 99.95 }\n`), priority('cost', ''), priority('growth', '')]);

/** The committed versions of vision.yaml, as the git adapter gives them. */
const history = (...versions: Array<[date: string, current: number]>) => ({
  visionHistory: (): Promise<VisionRevision[]> =>
    Promise.resolve(versions.map(([date, current], i) => ({ commit: `${i}`.repeat(40).slice(0, 40), date: `${date}T10:00:00Z`, text: withCurrent(current) }))),
});

ruleTester('strategy/stale-metric', {
  valid: [
    { name: 'a sample measured last month', files: { 'vision.yaml': vision([priority('reliability', sampled('{ date: 2026-03-01, value: 99.7 }', '{ date: 2026-10-01, value: 99.82 }')), priority('cost', ''), priority('growth', '')]) } },
    { name: 'no sample and no git history: no date to judge', files: { 'vision.yaml': vision([priority('reliability', sampled()), priority('cost', ''), priority('growth', '')]) } },
    {
      name: 'current changed in a commit in September',
      files: { 'vision.yaml': withCurrent(99.82) },
      options: history(['2026-01-10', 99.6], ['2026-09-15', 99.82]),
    },
    {
      name: 'current edited and not yet committed counts as today',
      files: { 'vision.yaml': withCurrent(99.9) },
      options: history(['2026-01-10', 99.6], ['2026-02-15', 99.82]),
    },
    {
      name: 'git history switched off in .northstar.yaml',
      files: { 'vision.yaml': withCurrent(99.82), '.northstar.yaml': 'history: { commits: 0 }\n' },
      options: history(['2026-01-10', 99.6]),
    },
  ],
  invalid: [
    {
      name: 'samples that stopped in March',
      files: { 'vision.yaml': vision([priority('reliability', sampled('{ date: 2026-02-01, value: 99.6 }', '{ date: 2026-03-01, value: 99.82 }')), priority('cost', ''), priority('growth', '')]) },
      errors: [
        {
          message: 'Metric "availability" of priority "reliability" was last updated on 2026-03-01, 245 days ago (more than 90)',
          file: 'vision.yaml',
          line: 12,
          column: 9,
          module: null,
          severity: 'info',
        },
      ],
    },
    {
      name: 'later commits that left current alone do not count as updates',
      files: { 'vision.yaml': withCurrent(99.82) },
      // 2026-09-01 changed only the file around it: the value dates from April.
      options: history(['2026-01-10', 99.6], ['2026-04-20', 99.82], ['2026-09-01', 99.82]),
      errors: [{ message: 'was last updated on 2026-04-20, 195 days ago', file: 'vision.yaml', line: 12, column: 9 }],
    },
    {
      name: 'a shorter age configured',
      files: { 'vision.yaml': withCurrent(99.82), '.northstar.yaml': 'staleness: { metricDays: 30 }\n' },
      options: history(['2026-09-15', 99.82]),
      errors: [{ message: '47 days ago (more than 30)', file: 'vision.yaml', line: 12, column: 9 }],
    },
  ],
});
