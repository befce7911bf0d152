import * as assert from 'node:assert/strict';
import { buildSummary, escapeMarkdown, metricProgress, summaryMarkdown } from '../../src/core/report/summary';
import type { Draft, Model } from '../../src/core/model/types';
import MarkdownIt from 'markdown-it';
import { makeFinding, makeModel, makeModule, makeTeam, schemaErrors } from './helpers';

const loc = { file: 'vision.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 };

function shop(): Model {
  return makeModel({
    vision: {
      file: 'vision.yaml',
      direction: 'One-click checkout for every shopper.',
      why: 'Abandoned carts are our largest revenue leak.',
      capabilities: ['Real-time fraud scoring', '<script>alert(1)</script>'],
      capacity: { innovation: 50, maintenance: 30, security: 15 },
      capacityLocation: loc,
    },
    priorities: [
      {
        id: 'reliability',
        title: 'Reliability first',
        owner: '@acme/platform',
        metrics: [{ name: 'availability', unit: '%', baseline: 99.5, current: 99.8, target: 99.95, location: loc }],
        location: loc,
      },
      {
        id: 'latency',
        title: 'Fast pages | no waiting',
        owner: null,
        metrics: [
          { name: 'p95 latency', unit: 'ms', baseline: 800, current: 500, target: 300, location: loc },
          { name: 'errors', location: loc },
        ],
        location: loc,
      },
      { id: 'cost', title: 'Lower cost', owner: null, metrics: [], location: loc },
    ],
    teams: [makeTeam('@acme/payments', 'Payments', ['group:default/payments']), makeTeam('@acme/web', 'Web')],
    modules: [
      makeModule({ name: 'payments-api', owners: ['@acme/payments'], tests: ['services/payments-api/test/a.test.ts'], observability: [{ signal: 'logs', source: 'contract', detail: 'json' }], priorities: ['reliability', 'latency'], level: 'gold' }),
      makeModule({ name: 'fraud', owners: ['group:default/payments'], tests: [], observability: [], priorities: ['reliability'], level: 'none' }),
      makeModule({ name: 'web-ui', type: 'library', owners: ['@acme/web'], tests: ['packages/web-ui/src/a.spec.ts'], level: 'bronze' }),
      makeModule({ name: 'scripts', type: 'library', owners: [], level: 'none' }),
    ],
    findings: [
      makeFinding({ ruleId: 'quality/missing-tests', file: 'a', module: 'fraud' }),
      makeFinding({ ruleId: 'observability/missing', file: 'a', module: 'fraud' }),
      makeFinding({ ruleId: 'observability/missing', file: 'b', module: 'fraud' }),
      makeFinding({ ruleId: 'contracts/deprecated-dependency', severity: 'info', file: 'a', module: 'fraud' }),
      makeFinding({ ruleId: 'ownership/missing-owner', file: 'c', module: 'scripts' }),
      makeFinding({ ruleId: 'strategy/orphan-priority', severity: 'info', file: 'vision.yaml', module: null }),
    ],
  });
}

describe('vision summary', () => {
  it('computes metric progress towards the target, for rising and falling metrics', () => {
    assert.equal(metricProgress({ baseline: 99.5, current: 99.8, target: 99.95 }), 66.7);
    assert.equal(metricProgress({ baseline: 800, current: 500, target: 300 }), 60);
    assert.equal(metricProgress({ baseline: 800, current: 900, target: 300 }), 0, 'worse than baseline clamps at 0');
    assert.equal(metricProgress({ baseline: 10, current: 30, target: 20 }), 100, 'beyond the target clamps at 100');
    assert.equal(metricProgress({ baseline: 10, current: 12 }), null);
    assert.equal(metricProgress({ current: 12, target: 20 }), null);
  });

  it('builds priorities, coverage, capacity, levels and gaps per team', () => {
    const s = buildSummary(shop());
    assert.equal(schemaErrors('summary', JSON.parse(JSON.stringify(s))), '');
    assert.deepEqual(s.priorities.map((p) => [p.id, p.modules]), [
      ['reliability', ['fraud', 'payments-api']],
      ['latency', ['payments-api']],
      ['cost', []],
    ]);
    assert.deepEqual(s.priorities[1].metrics[1], { name: 'errors', unit: null, baseline: null, current: null, target: null, progress: null, trend: null });
    assert.deepEqual(s.coverage.ownership, { count: 3, of: 4, percent: 75 });
    assert.deepEqual(s.coverage.tests, { count: 2, of: 4, percent: 50 });
    assert.deepEqual(s.coverage.observability, { count: 1, of: 2, percent: 50 }, 'libraries need no observability');
    assert.deepEqual(s.capacity, { allocations: [{ category: 'innovation', percent: 50 }, { category: 'maintenance', percent: 30 }, { category: 'security', percent: 15 }], total: 95 });
    assert.deepEqual(s.levels, { none: 2, bronze: 1, silver: 0, gold: 1 });
    assert.deepEqual(s.findings, { errors: 0, warnings: 4, infos: 2 });
    const payments = s.teams.find((t) => t.team === '@acme/payments');
    assert.ok(payments);
    assert.deepEqual(payments.modules, ['fraud', 'payments-api'], 'an alias counts for its team');
    assert.deepEqual(payments.gaps, [
      { ruleId: 'observability/missing', title: 'No observability', count: 2, text: '2 services without observability' },
      { ruleId: 'quality/missing-tests', title: 'No tests', count: 1, text: '1 module without tests' },
    ]);
    assert.deepEqual(payments.findings, { errors: 0, warnings: 3, infos: 1 });
    assert.equal(s.teams.at(-1)?.team, null, 'unowned modules come last');
    assert.deepEqual(s.teams.at(-1)?.modules, ['scripts']);
  });

  it('leaves groups out of coverage and levels (a group is not scored)', () => {
    const model = shop();
    const withGroup = { ...model, modules: [...model.modules, makeModule({ name: 'payments-workspace', path: 'workspaces/payments', owners: ['@acme/payments'], level: 'none', kind: 'group' })] };
    const before = buildSummary(model);
    const after = buildSummary(withGroup);
    assert.deepEqual(after.coverage, before.coverage);
    assert.deepEqual(after.levels, before.levels);
    assert.deepEqual(after.teams.find((t) => t.team === '@acme/payments')?.levels, before.teams.find((t) => t.team === '@acme/payments')?.levels);
  });

  it('has no vision, priorities or capacity without vision.yaml', () => {
    const model = shop() as Draft<Model>;
    model.vision = null;
    model.priorities = [];
    const s = buildSummary(model);
    assert.equal(s.vision, null);
    assert.equal(s.capacity, null);
    assert.equal(schemaErrors('summary', JSON.parse(JSON.stringify(s))), '');
    assert.match(summaryMarkdown(s), /No `vision\.yaml`/);
  });

  it('renders Markdown with metrics tables and escaped text', () => {
    const md = summaryMarkdown(buildSummary(shop()));
    assert.match(md, /^# Vision summary\n/);
    assert.match(md, /\*\*Direction:\*\* One-click checkout for every shopper\.\n/);
    assert.ok(md.includes('- &lt;script&gt;alert(1)&lt;/script&gt;\n'));
    assert.ok(!md.includes('<script>'));
    assert.ok(md.includes('### Fast pages \\| no waiting (`latency`)'));
    assert.ok(md.includes('| availability | 99.5% | 99.8% | 99.95% | ███████░░░ 66.7% |'));
    assert.ok(md.includes('| p95 latency | 800 ms | 500 ms | 300 ms | ██████░░░░ 60% |'));
    assert.ok(md.includes('| errors | – | – | – | – |'));
    assert.ok(md.includes('_No success metric._'));
    assert.ok(md.includes('| Observability (services, websites, jobs) | 1 of 2 (50%) |'));
    assert.ok(md.includes('| **Total** | **95%** |'));
    assert.ok(md.includes('### Payments\n\n2 modules (No level: 1, Gold: 1); 0 errors, 3 warnings.\n\n- 2 services without observability (`observability/missing`)'));
  });

  it('names gaps in words with the id beside them, prints counts bare and keeps "&" and a final "#" in headings', () => {
    const model = makeModel({
      priorities: [{
        id: 'markets',
        title: 'Sell in new markets',
        owner: null,
        metrics: [
          { name: 'storefronts live', unit: 'count', baseline: 0, current: 1, target: 3, location: loc },
          { name: 'orders', unit: 'Counts', baseline: 10, current: 20, target: 30, location: loc },
          { name: 'p95 latency', unit: 'ms', baseline: 800, current: 500, target: 300, location: loc },
        ],
        location: loc,
      }],
      teams: [makeTeam('@acme/catalog', 'Catalog & Search'), makeTeam('@acme/hash', 'Team #'), makeTeam('@acme/amp', 'R&D &amp; &#35; &copy')],
      modules: [
        makeModule({ name: 'catalog', owners: ['@acme/catalog'] }),
        makeModule({ name: 'hash', owners: ['@acme/hash'] }),
        makeModule({ name: 'amp', owners: ['@acme/amp'] }),
      ],
      findings: [
        makeFinding({ ruleId: 'quality/missing-tests', file: 'services/catalog/service-contract.yaml', module: 'catalog' }),
        makeFinding({ ruleId: 'plugin/not-a-rule', file: 'services/catalog/service-contract.yaml', module: 'catalog' }),
      ],
    });
    const summary = buildSummary(model);
    assert.deepEqual(summary.teams.find((t) => t.name === 'Catalog & Search')?.gaps, [
      { ruleId: 'plugin/not-a-rule', title: 'plugin/not-a-rule', count: 1, text: '1 finding of plugin/not-a-rule' },
      { ruleId: 'quality/missing-tests', title: 'No tests', count: 1, text: '1 module without tests' },
    ]);
    assert.equal(schemaErrors('summary', JSON.parse(JSON.stringify(summary))), '');
    const md = summaryMarkdown(summary);
    // Counted in words, not "× 1"; the id beside them is what .northstar.yaml and the docs use.
    assert.ok(md.includes('- 1 module without tests (`quality/missing-tests`)\n'), md);
    assert.ok(md.includes('- 1 finding of plugin/not-a-rule (`plugin/not-a-rule`)\n'), md);
    assert.doesNotMatch(md, /× \d/);
    assert.ok(md.includes('| storefronts live | 0 | 1 | 3 |'), md);
    assert.ok(md.includes('| orders | 10 | 20 | 30 |'), md);
    assert.ok(md.includes('| p95 latency | 800 ms | 500 ms | 300 ms |'), md);
    assert.ok(md.includes('\n### Catalog & Search\n'), md);
    // "Team #" would lose its "#" as a closing sequence; "&amp;", "&#35;" and "&copy" would become "&", "#" and "©".
    assert.ok(md.includes('\n### Team \\#\n'), md);
    assert.ok(md.includes('\n### R&D &amp;amp; &amp;#35; &copy\n'), md);
    // As a renderer shows them: the names as written.
    const rendered = new MarkdownIt().render(md);
    for (const name of ['Catalog &amp; Search', 'Team #', 'R&amp;D &amp;amp; &amp;#35; &amp;copy']) assert.ok(rendered.includes(`<h3>${name}</h3>`), `${name} in ${rendered}`);
  });

  it('escapes Markdown and HTML in names', () => {
    assert.equal(escapeMarkdown('a|b *c* [d](e) <img> `f`'), 'a\\|b \\*c\\* \\[d\\](e) &lt;img&gt; \\`f\\`');
    assert.equal(escapeMarkdown('# title'), '\\# title');
    assert.equal(escapeMarkdown('1. first'), '1\\. first');
    assert.equal(escapeMarkdown('line\nbreak'), 'line break');
    assert.equal(escapeMarkdown('One-click checkout.'), 'One-click checkout.');
  });
});

describe('an empty model (no modules)', () => {
  it('the summary says there are no modules and why, instead of tables of 0 of 0', () => {
    const md = summaryMarkdown(buildSummary(makeModel({ modules: [] })));
    assert.match(md, /No modules: this folder has no service-contract\.yaml, no catalog-info\.yaml Component and no package manifest/);
    assert.doesNotMatch(md, /0 of 0|## Scorecard|## Top gaps/);
  });
});
