// The summary's Experiments and Roadmap (DESIGN.md 1.8): states judged against the analysis'
// date, initiatives by due date with the modules that carry them, and Markdown that keeps
// text from the workspace as text.
import assert from 'node:assert/strict';
import { buildSummary, summaryMarkdown } from '../../src/core/report/summary';
import { isSummaryPageData } from '../../src/protocol/summary';
import { buildSummaryPageData } from '../../src/extension/panels/summaryPage';
import { analyze, text } from '../unit/rules/tester';
import { initiatives, priority, vision } from '../unit/rules/strategy/fixtures';

const contract = (name: string, extra: string) =>
  text`
  apiVersion: northstar/v1
  kind: ServiceContract
  owner: "@acme/payments"
` + `name: ${name}\n${extra}`;

const files = {
  'vision.yaml': vision([
    priority('reliability') +
      initiatives(
        '{ id: alerts, title: Alerts for tier-1, owner: "@acme/platform", status: planned, due: 2027-01-31, modules: [ledger] }',
        '{ id: multi-region, title: "Multi-region | <b>failover</b>", owner: "@acme/platform", status: active, due: 2026-10-15 }',
        '{ id: chaos, title: Chaos days, status: planned }',
      ),
    priority('checkout-conversion'),
    priority('cost') + initiatives('{ id: old-ledger, title: Retire the old ledger, status: done, due: 2026-01-31, modules: [ledger] }'),
  ]),
  'services/ledger/service-contract.yaml': contract('ledger', 'lifecycle: production\ninitiatives: [multi-region]\n'),
  'services/wallets/service-contract.yaml': contract(
    'wallets',
    'lifecycle: experimental\nexperiment:\n  hypothesis: Wallets raise conversion.\n  successCriterion: { metric: conversion, target: "+0.4 pp", by: 2026-12-01 }\n  decideBy: 2026-12-31\n',
  ),
  'services/quotes/service-contract.yaml': contract('quotes', 'experiment:\n  successCriterion: { metric: quote time, target: 2 }\n  decideBy: 2026-10-01\n'),
  'services/recs/service-contract.yaml': contract('recs', 'experiment:\n  successCriterion: { metric: items per order, target: 1.4 }\n  decideBy: 2026-09-01\n  decision: scale\n'),
};

describe('summary: experiments and roadmap', () => {
  it("lists experiments overdue first, then running, then decided, judged against the analysis' today", async () => {
    const summary = buildSummary((await analyze(files)).model);
    assert.equal(summary.today, '2026-11-01');
    assert.deepEqual(
      summary.experiments.map((e) => [e.module, e.state]),
      [
        ['quotes', 'overdue'],
        ['wallets', 'running'],
        ['recs', 'decided'],
      ],
    );
    assert.deepEqual(summary.experiments[1], {
      module: 'wallets',
      state: 'running',
      hypothesis: 'Wallets raise conversion.',
      metric: 'conversion',
      target: '+0.4 pp',
      by: '2026-12-01',
      started: null,
      decideBy: '2026-12-31',
      decision: null,
    });
    const earlier = buildSummary((await analyze(files, { today: '2026-09-15' })).model);
    assert.deepEqual(earlier.experiments.map((e) => e.state), ['running', 'running', 'decided']);
  });

  it('builds a roadmap per priority with initiatives, by due date, undated last, with the modules naming them', async () => {
    const summary = buildSummary((await analyze(files)).model);
    assert.deepEqual(summary.roadmap.map((r) => r.priority), ['reliability', 'cost']);
    const reliability = summary.roadmap[0].initiatives;
    assert.deepEqual(reliability.map((i) => [i.id, i.due, i.overdue]), [
      ['multi-region', '2026-10-15', true],
      ['alerts', '2027-01-31', false],
      ['chaos', null, false],
    ]);
    // The ledger's contract names multi-region; the initiative itself lists no module.
    assert.deepEqual(reliability[0].modules, ['ledger']);
    assert.equal(summary.roadmap[1].initiatives[0].overdue, false, 'done is never overdue');
  });

  it('writes both sections in Markdown, with workspace text escaped', async () => {
    const md = summaryMarkdown(buildSummary((await analyze(files)).model));
    assert.ok(md.indexOf('## Experiments') > md.indexOf('## Priorities') && md.indexOf('## Roadmap') > md.indexOf('## Experiments'));
    assert.match(md, /\| quotes \| \*\*Overdue\*\* \| – \| quote time → 2 \| – \| 2026-10-01 \| – \|/);
    assert.match(md, /\| \*\*2026-10-15 \(overdue\)\*\* \| Multi-region \\\| &lt;b&gt;failover&lt;\/b&gt; \(`multi-region`\) \| @acme\/platform \| active \| ledger \| – \|/);
    assert.doesNotMatch(md, /<b>/);
  });

  it('the summary page data carrying both passes the page-side check', async () => {
    const analysis = await analyze(files);
    const root = { name: 'shop', uri: 'file:///shop' };
    const data = buildSummaryPageData(analysis.model, root, [root]);
    assert.ok(isSummaryPageData(data));
    assert.ok(!isSummaryPageData({ ...data, summary: { ...data.summary, experiments: [{ ...data.summary.experiments[0], state: 'late' }] } }));
  });
});
