/**
 * A criterion whose rule `.northstar.yaml` switches off for a module is "not assessed" (DESIGN
 * section 3): it neither counts as met nor blocks the next level. And every surface explains a
 * level from one levelExplanation.
 */
import * as assert from 'node:assert/strict';
import { defaultConfig } from '../../../src/core/sources/config';
import { newModule } from '../../../src/core/model/module';
import type { Module, NorthstarConfig, Team } from '../../../src/core/model/types';
import { ruleOffForModule } from '../../../src/core/model/ruleConfig';
import { levelExplanation, levelExplanationMarkdown, nextLevelNeeds, scorecardCriteria, scorecardLevel } from '../../../src/core/scorecard';
import { dependencyHover, moduleAccessibilityLabel, moduleTooltipMarkdown } from '../../../src/core/hover';
import { buildSummary, summaryMarkdown } from '../../../src/core/report/summary';
import { analyze, text } from './tester';

const growth: Team = { id: '@acme/growth', name: 'Growth', aliases: ['@acme/growth'], escalation: [], source: 'teams', location: null };
const payments: Team = { id: '@acme/payments', name: 'Payments', aliases: ['@acme/payments'], escalation: [{ kind: 'pager', target: 'payments-primary' }], source: 'teams', location: null };

function coupons(overrides: Partial<Module> = {}): Module {
  const at = { file: 'services/coupons/service-contract.yaml', line: 3, column: 7, endLine: 3, endColumn: 14 };
  return {
    ...newModule('coupons', 'services/coupons', 'contract', at),
    files: ['services/coupons/service-contract.yaml', 'services/coupons/package.json'],
    type: 'service',
    tier: 3,
    lifecycle: 'deprecated',
    owners: ['@acme/growth'],
    ownerSource: 'contract',
    team: '@acme/growth',
    tests: ['services/coupons/test/redeem.test.ts'],
    observability: [{ signal: 'metrics', source: 'contract', detail: 'prometheus' }],
    slos: [{ name: 'availability', objective: 99, window: '30d' }],
    alerts: ['CouponsErrorRateHigh'],
    runbook: 'services/coupons/docs/runbook.md',
    level: 'bronze',
    ...overrides,
  };
}

function config(patch: (c: NorthstarConfig) => void): NorthstarConfig {
  const c = defaultConfig();
  patch(c);
  return c;
}

describe('scorecard: criteria not assessed', () => {
  it('a team without escalation keeps the module at Bronze, and says what Silver needs and why', () => {
    const m = coupons();
    assert.equal(scorecardLevel(m, growth), 'bronze');
    const e = levelExplanation(m, growth, defaultConfig());
    assert.deepEqual(
      { level: e.level, next: e.next, met: e.met.map((c) => c.label), missing: e.missingForNext, notAssessed: e.notAssessed },
      { level: 'bronze', next: 'silver', met: ['owner', 'tests', 'observability'], missing: [{ key: 'escalation', label: 'escalation path', detail: 'team Growth has none' }], notAssessed: [] },
    );
    assert.equal(nextLevelNeeds(e), 'Silver needs: escalation path (team Growth has none)');
  });

  it('ownership/no-escalation: off → the escalation path is not assessed and the module reaches Gold', () => {
    const c = config((x) => (x.rules['ownership/no-escalation'] = 'off'));
    const m = coupons();
    assert.equal(scorecardCriteria(m, growth, c).escalation, 'not-assessed');
    assert.equal(scorecardLevel(m, growth, c), 'gold');
    const e = levelExplanation({ ...m, level: 'gold' }, growth, c);
    assert.deepEqual(e.notAssessed.map((x) => x.label), ['escalation path']);
    assert.equal(e.met.some((x) => x.key === 'escalation'), false, 'not assessed is not met');
    assert.deepEqual(levelExplanationMarkdown(e), ['Scorecard: **Gold**', 'Not assessed (rule off in .northstar.yaml): escalation path']);
  });

  it('an ignore entry for the module\'s paths switches the rule off for it only', () => {
    const c = config((x) => x.ignore.push({ rule: 'quality/missing-tests', paths: ['services/coupons/**'] }));
    assert.equal(ruleOffForModule(c, 'quality/missing-tests', coupons()), true);
    assert.equal(ruleOffForModule(c, 'observability/missing', coupons()), false);
    const elsewhere = coupons({ files: ['services/cart/package.json'], definedAt: { file: 'services/cart/package.json', line: 1, column: 1, endLine: 1, endColumn: 2 } });
    assert.equal(ruleOffForModule(c, 'quality/missing-tests', elsewhere), false);
    // No tests, tests not assessed: still Bronze (owner met), not "No level".
    assert.equal(scorecardLevel(coupons({ tests: [] }), growth, c), 'bronze');
    assert.equal(scorecardLevel(coupons({ tests: [] }), growth, defaultConfig()), 'none');
    assert.equal(scorecardLevel(coupons({ tests: [], files: elsewhere.files, definedAt: elsewhere.definedAt }), growth, c), 'none');
  });

  it('an ignore entry by area (`observability/*`) and samples.severity: off count too', () => {
    const area = config((x) => x.ignore.push({ rule: 'observability/*', paths: ['services/**'] }));
    const bare = coupons({ owners: ['@acme/payments'], team: '@acme/payments', observability: [], slos: [], alerts: [], runbook: null });
    assert.equal(scorecardLevel(bare, payments, defaultConfig()), 'bronze');
    assert.equal(scorecardLevel(bare, payments, area), 'gold');
    const samplesOff = config((x) => (x.samples.severity = 'off'));
    assert.equal(scorecardCriteria({ ...bare, type: 'sample' }, payments, samplesOff).tests, 'met');
    assert.equal(scorecardCriteria({ ...bare, type: 'sample', tests: [] }, payments, samplesOff).tests, 'not-assessed');
    assert.equal(scorecardCriteria({ ...bare, tests: [] }, payments, samplesOff).tests, 'missing', 'only samples');
  });

  it('a criterion met stays met when its rule is off', () => {
    const c = config((x) => (x.rules['quality/missing-tests'] = 'off'));
    assert.equal(scorecardCriteria(coupons(), growth, c).tests, 'met');
  });

  it('without a configuration every criterion is assessed', () => {
    assert.equal(scorecardCriteria(coupons(), growth).escalation, 'missing');
  });

  it('a group is not scored: nothing to explain', () => {
    const e = levelExplanation(coupons({ kind: 'group', level: 'none' }), growth, defaultConfig());
    assert.deepEqual({ scored: e.scored, next: e.next, missing: e.missingForNext }, { scored: false, next: null, missing: [] });
  });

  it('the explanation escapes a team name for Markdown', () => {
    const hostile: Team = { ...growth, name: 'Growth *[x](https://evil)*' };
    const lines = levelExplanationMarkdown(levelExplanation(coupons(), hostile, defaultConfig()));
    assert.equal(lines[0], 'Scorecard: **Bronze**; Silver needs: escalation path (team Growth \\*\\[x\\](https\\://evil)\\* has none)');
  });
});

describe('scorecard: the engine, hover, tree and summary agree', () => {
  const files = {
    '.northstar.yaml': text`
      ignore:
        # libs/proto is generated by buf; its tests live upstream.
        - rule: quality/missing-tests
          paths: ["libs/proto/**"]
    `,
    'teams.yaml': text`
      apiVersion: northstar/v1
      kind: Teams
      teams:
        - id: "@acme/platform"
          name: Platform
          escalation:
            - { kind: chat, target: "#platform-oncall" }
        - id: "@acme/growth"
          name: Growth
    `,
    'libs/proto/service-contract.yaml': text`
      apiVersion: northstar/v1
      kind: ServiceContract
      name: proto
      owner: "@acme/platform"
      type: library
    `,
    'libs/proto/fraud.pb.go': 'package proto\n',
    'services/coupons/service-contract.yaml': text`
      apiVersion: northstar/v1
      kind: ServiceContract
      name: coupons
      owner: "@acme/growth"
      type: service
      tier: 3
      observability:
        metrics: prometheus
        alerts: ["CouponsErrorRateHigh"]
        runbook: docs/runbook.md
      slos:
        - { name: availability, objective: 99.0, window: 30d }
    `,
    'services/coupons/docs/runbook.md': '# Coupons runbook\n',
    'services/coupons/src/redeem.ts': 'export const redeem = () => 1;\n',
    'services/coupons/src/redeem.test.ts': 'test("redeems", () => {});\n',
  };

  it('a module whose missing-tests rule is ignored for its path keeps no penalty for it', async () => {
    const analysis = await analyze(files);
    const proto = analysis.moduleByName('proto');
    assert.ok(proto);
    assert.equal(proto.level, 'gold');
    assert.ok(!analysis.model.findings.some((f) => f.module === 'proto'));
    const hover = dependencyHover(analysis, 'proto');
    assert.ok(hover.includes('Scorecard: **Gold**\n\nNot assessed (rule off in .northstar.yaml): tests'), hover);
  });

  it('coupons: Bronze, and every surface says Silver needs the team\'s escalation path', async () => {
    const analysis = await analyze(files);
    const coupons = analysis.moduleByName('coupons');
    assert.ok(coupons);
    assert.equal(coupons.level, 'bronze');
    const needs = 'Silver needs: escalation path (team Growth has none)';
    assert.ok(dependencyHover(analysis, 'coupons').includes(`Scorecard: **Bronze**; ${needs}\n\nMet: owner, tests, observability`));
    const tooltip = moduleTooltipMarkdown(analysis, coupons);
    assert.equal(tooltip, ['**coupons** (service), team Growth', `Scorecard: **Bronze**; ${needs}`, 'Met: owner, tests, observability', 'Owners: `@acme/growth`', '0 findings'].join('\n\n'));
    assert.equal(moduleAccessibilityLabel(analysis, coupons), `coupons, team Growth, scorecard Bronze, ${needs}`);
    const summary = buildSummary(analysis.model, analysis.config);
    assert.deepEqual(summary.modules.find((m) => m.name === 'coupons'), {
      name: 'coupons',
      team: 'Growth',
      level: 'bronze',
      next: 'silver',
      met: ['owner', 'tests', 'observability'],
      needs: [{ label: 'escalation path', detail: 'team Growth has none' }],
      notAssessed: [],
    });
    const md = summaryMarkdown(summary);
    assert.ok(md.includes('| coupons | Growth | Bronze | Silver: escalation path (team Growth has none) | – |'), md);
    assert.ok(md.includes('| proto | Platform | Gold | – | tests |'), md);
  });
});
