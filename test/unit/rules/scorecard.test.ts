import * as assert from 'node:assert/strict';
import type { Module, ScorecardLevel, Team } from '../../../src/core/model/types';
import { scorecardLevel } from '../../../src/core/scorecard';
import { analyze, text } from './tester';
import { newModule } from '../../../src/core/model/module';

const teams: Team[] = [
  {
    id: '@acme/payments',
    name: 'Payments',
    aliases: ['@acme/payments', 'group:default/payments'],
    escalation: [{ kind: 'pager', target: 'payments-primary' }],
    source: 'teams',
    location: null,
  },
  { id: '@acme/growth', name: 'Growth', aliases: ['@acme/growth'], escalation: [], source: 'teams', location: null },
];
const teamOf = (owner: string) => teams.find((t) => t.aliases.includes(owner));

function module(overrides: Partial<Module>): Module {
  const location = { file: 'services/payments/service-contract.yaml', line: 3, column: 7, endLine: 3, endColumn: 19 };
  return {
    ...newModule('payments-api', 'services/payments', 'contract', location),
    type: 'service',
    tier: 2,
    lifecycle: 'production',
    ...overrides,
  };
}

const owned = { owners: ['@acme/payments'], ownerSource: 'contract' as const };
const tested = { tests: ['services/payments/src/charge.test.ts'] };
const observed = { observability: [{ signal: 'metrics' as const, source: 'contract' as const, detail: 'prometheus' }] };
const operated = {
  slos: [{ name: 'availability', objective: 99.95, window: '30d' }],
  alerts: ['PaymentsErrorRateHigh'],
  runbook: 'services/payments/docs/runbook.md',
};
const bronze = { ...owned, ...tested };
const silver = { ...bronze, ...observed };
const gold = { ...silver, ...operated };

const table: { name: string; module: Partial<Module>; level: ScorecardLevel }[] = [
  { name: 'nothing', module: {}, level: 'none' },
  { name: 'an owner but no tests', module: owned, level: 'none' },
  { name: 'tests but no owner', module: tested, level: 'none' },
  { name: 'owner and tests', module: bronze, level: 'bronze' },
  { name: 'bronze + observability, owner team without escalation', module: { ...silver, owners: ['@acme/growth'] }, level: 'bronze' },
  { name: 'bronze + observability, owner unknown to any team', module: { ...silver, owners: ['@someone'] }, level: 'bronze' },
  { name: 'bronze + escalation, no observability', module: bronze, level: 'bronze' },
  { name: 'bronze + observability + escalation', module: silver, level: 'silver' },
  { name: 'the team through another of its names', module: { ...silver, owners: ['group:default/payments'] }, level: 'silver' },
  { name: 'silver + SLO, alerts and runbook', module: gold, level: 'gold' },
  { name: 'silver + alerts and runbook, no SLO', module: { ...gold, slos: [] }, level: 'silver' },
  { name: 'silver + SLO and runbook, no alerts', module: { ...gold, alerts: [] }, level: 'silver' },
  { name: 'alerts seen as evidence (catalog) count', module: { ...gold, alerts: [], observability: [{ signal: 'alerts', source: 'catalog', detail: 'pagerduty.com/service-id' }] }, level: 'gold' },
  { name: 'silver + SLO and alerts, no runbook', module: { ...gold, runbook: null }, level: 'silver' },
  { name: 'tier 1 needs a threat model', module: { ...gold, tier: 1 }, level: 'silver' },
  { name: 'tier 1 with a threat model', module: { ...gold, tier: 1, security: { threatModel: 'services/payments/docs/tm.md', privacyReview: null } }, level: 'gold' },
  { name: 'PII needs a threat model', module: { ...gold, tier: 3, data: { classification: 'pii' } }, level: 'silver' },
  { name: 'a library: observability, SLO, alerts and runbook do not apply', module: { ...bronze, type: 'library' }, level: 'gold' },
  { name: 'a library still needs an escalation path for silver', module: { ...bronze, type: 'library', owners: ['@acme/growth'] }, level: 'bronze' },
  { name: 'a tier-1 library still needs its threat model', module: { ...bronze, type: 'library', tier: 1 }, level: 'silver' },
  { name: 'a job is held to the service criteria', module: { ...bronze, type: 'job' }, level: 'bronze' },
];

describe('scorecardLevel', () => {
  for (const row of table) {
    it(`${row.name} → ${row.level}`, () => {
      const m = module(row.module);
      // The module's team is its first owner's (model/teams.ts).
      assert.equal(scorecardLevel(m, m.owners.length > 0 ? teamOf(m.owners[0]) : undefined), row.level);
    });
  }

  it('is what the engine puts in the model', async () => {
    const analysis = await analyze({
      'teams.yaml': text`
        apiVersion: northstar/v1
        kind: Teams
        teams:
          - id: "@acme/payments"
            escalation:
              - { kind: pager, target: payments-primary }
      `,
      'services/payments/service-contract.yaml': text`
        apiVersion: northstar/v1
        kind: ServiceContract
        name: payments-api
        owner: "@acme/payments"
        type: service
        tier: 2
        observability:
          metrics: prometheus
          alerts: ["PaymentsErrorRateHigh"]
          runbook: docs/runbook.md
        slos:
          - { name: availability, objective: 99.9, window: 30d }
      `,
      'services/payments/src/charge.test.ts': 'test("charges", () => {});\n',
      'packages/money/package.json': '{\n  "name": "@acme/money"\n}\n',
    });
    const levels = Object.fromEntries(analysis.model.modules.map((m) => [m.name, m.level]));
    assert.deepEqual(levels, { '@acme/money': 'none', 'payments-api': 'gold' });
  });
});
