import * as assert from 'node:assert/strict';
import { parseContract } from '../../../src/core/sources/contract';
import { problemLines, span, spanOf } from './helpers';

const FILE = 'services/payments/service-contract.yaml';

/** DESIGN.md 1.2's example, comments and all. */
const DESIGN_EXAMPLE = `apiVersion: northstar/v1
kind: ServiceContract
name: payments-api                # unique in the workspace
description: Takes card payments for checkout.
owner: "@acme/payments"           # a team: teams.yaml id or alias, CODEOWNERS handle, Backstage group
type: service                     # service | website | job | library (Backstage's spec.type words)
system: checkout                  # groups modules in diagrams
lifecycle: production             # experimental | production | deprecated
tier: 1                           # 1 = most critical … 3
paths: ["src/**", "migrations/**"]  # optional; default: the contract's folder
dependsOn: [ledger, fraud-scoring]  # other modules by name
provides:
  - name: payments-rest
    type: openapi                 # openapi | asyncapi | grpc | graphql | event | other
    definition: api/openapi.yaml  # must exist
consumes: [ledger-events]         # APIs provided by other modules
data: { classification: pii }     # public | internal | confidential | pii
tests: ["test/**", "**/*.spec.ts"]  # optional; default: conventions (section 3)
observability:
  logs: structured-json
  metrics: prometheus
  traces: opentelemetry
  dashboards: ["https://grafana.example/d/payments"]
  alerts: ["PaymentsErrorRateHigh"]
  runbook: docs/runbook.md
slos:
  - { name: availability, objective: 99.95, window: 30d }
priorities: [reliability, checkout-conversion]
security:
  threatModel: docs/threat-model.md
  privacyReview: 2026-09-01       # date of the last review; stale after a configurable age
resilience:
  drRehearsal: 2026-06-15         # date of the last disaster-recovery rehearsal
`;

const HEADER = 'apiVersion: northstar/v1\nkind: ServiceContract\n';

describe('parseContract', () => {
  it('reads DESIGN.md\'s example without a problem, every field', () => {
    const { value, problems } = parseContract(DESIGN_EXAMPLE, FILE);
    assert.deepEqual(problems, []);
    assert.ok(value);
    assert.equal(value.file, FILE);
    assert.equal(value.folder, 'services/payments');
    assert.equal(value.name?.value, 'payments-api');
    assert.equal(span(value.name!.location), '3:7-3:19');
    assert.equal(value.description, 'Takes card payments for checkout.');
    assert.equal(value.owner?.value, '@acme/payments');
    assert.equal(span(value.owner!.location), '5:8-5:24');
    assert.equal(value.type, 'service');
    assert.equal(value.system, 'checkout');
    assert.equal(value.lifecycle, 'production');
    assert.equal(value.tier, 1);
    assert.deepEqual(value.paths, ['src/**', 'migrations/**']);
    assert.deepEqual(value.dependsOn.map((d) => [d.name, span(d.location!)]), [
      ['ledger', '11:13-11:19'],
      ['fraud-scoring', '11:21-11:34'],
    ]);
    assert.equal(value.provides.length, 1);
    assert.deepEqual(
      { ...value.provides[0], location: span(value.provides[0].location), definitionLocation: span(value.provides[0].definitionLocation!) },
      {
        name: 'payments-rest',
        type: 'openapi',
        definition: 'services/payments/api/openapi.yaml',
        location: '13:11-13:24',
        definitionLocation: '15:17-15:33',
      },
    );
    assert.deepEqual(value.consumes.map((c) => c.name), ['ledger-events']);
    assert.equal(value.dataClassification, 'pii');
    assert.deepEqual(value.tests, ['test/**', '**/*.spec.ts']);
    assert.deepEqual(value.observability, {
      logs: 'structured-json',
      metrics: 'prometheus',
      traces: 'opentelemetry',
      dashboards: ['https://grafana.example/d/payments'],
      alerts: ['PaymentsErrorRateHigh'],
      runbook: 'services/payments/docs/runbook.md',
    });
    assert.deepEqual(value.slos, [{ name: 'availability', objective: 99.95, window: '30d' }]);
    assert.deepEqual(value.priorities.map((p) => [p.name, span(p.location!)]), [
      ['reliability', spanOf(DESIGN_EXAMPLE, 'reliability')],
      ['checkout-conversion', spanOf(DESIGN_EXAMPLE, 'checkout-conversion')],
    ]);
    assert.equal(value.security.threatModel?.value, 'services/payments/docs/threat-model.md');
    assert.equal(span(value.security.threatModel!.location), spanOf(DESIGN_EXAMPLE, 'docs/threat-model.md'));
    // YAML 1.2's core schema keeps dates as the strings written.
    assert.equal(value.security.privacyReview?.value, '2026-09-01');
    assert.equal(span(value.security.privacyReview!.location), '31:18-31:28');
    assert.equal(value.resilience.drRehearsal?.value, '2026-06-15');
    assert.equal(span(value.location), '1:1-1:25');
  });

  it('resolves definition, runbook and threat model against the contract folder; keeps globs and URLs as written', () => {
    const text = `${HEADER}name: ledger
paths: [lib/**]
tests: [spec/**/*.rb]
provides:
  - { name: ledger-events, type: asyncapi, definition: ./api/../api/events.yaml }
  - { name: ledger-grpc, type: grpc, definition: ../shared/protos/ledger.proto }
observability:
  runbook: https://wiki.example/ledger/runbook
security:
  threatModel: /docs/security/ledger.md
`;
    const { value, problems } = parseContract(text, 'services/ledger/service-contract.yml');
    assert.deepEqual(problems, []);
    assert.deepEqual(value?.paths, ['lib/**']);
    assert.deepEqual(value?.tests, ['spec/**/*.rb']);
    assert.deepEqual(value?.provides.map((p) => p.definition), ['services/ledger/api/events.yaml', 'services/shared/protos/ledger.proto']);
    assert.equal(value?.observability.runbook, 'https://wiki.example/ledger/runbook');
    assert.equal(value?.security.threatModel?.value, 'docs/security/ledger.md', 'a leading / is the workspace root');
  });

  it('reads a contract at the workspace root with folder ""', () => {
    const text = `${HEADER}name: monolith\nprovides:\n  - { name: web, type: openapi, definition: api/openapi.yaml }\n`;
    const { value } = parseContract(text, 'service-contract.yaml');
    assert.equal(value?.folder, '');
    assert.equal(value?.provides[0].definition, 'api/openapi.yaml');
    assert.equal(value?.paths, null, 'no paths: the default, the contract folder');
    assert.equal(value?.tests, null, 'no tests: the conventions');
    assert.equal(value?.tier, null, 'tier has no default');
  });

  it('reports a path that climbs out of the workspace, at the value', () => {
    const text = `${HEADER}name: a\nobservability:\n  runbook: ../../../../etc/runbook.md\n`;
    const { value, problems } = parseContract(text, 'svc/a/service-contract.yaml');
    assert.deepEqual(problemLines(problems), [
      `contracts/schema ${spanOf(text, '../../../../etc/runbook.md')} "../../../../etc/runbook.md" points outside the workspace: paths in a contract are relative to its folder`,
    ]);
    assert.equal(value?.observability.runbook, null);
  });

  it('keeps the module when values are wrong, with each problem at the offending value or key', () => {
    const text = `${HEADER}name: payments-api
tiers: 1
tier: 4
type: api
owner: 12
lifecycle: Production
provides:
  - type: soap
    definition: api/wsdl.xml
slos:
  - { name: availability, objective: 120, window: month }
security:
  privacyReview: 2026-13-01
observability:
  logz: json
`;
    const { value, problems } = parseContract(text, FILE);
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 4:1-4:6 unknown property "tiers" (did you mean "tier"?)',
      'contracts/schema 5:7-5:8 tier must be 1, 2 or 3',
      'contracts/schema 6:7-6:10 type must be service, website, job, library or sample',
      'contracts/schema 7:8-7:10 owner must be a string',
      'contracts/schema 8:12-8:22 lifecycle must be experimental, production or deprecated',
      'contracts/schema 10:5-10:15 provides[0] is missing required property "name"',
      'contracts/schema 10:11-10:15 provides[0].type must be openapi, asyncapi, grpc, graphql, event or other',
      'contracts/schema 13:38-13:41 slos[0].objective must be at most 100',
      'contracts/schema 13:51-13:56 slos[0].window must be a duration such as 30d, 4w or 24h',
      'contracts/schema 15:18-15:28 security.privacyReview must be a valid date written YYYY-MM-DD',
      'contracts/schema 17:3-17:7 unknown property "logz" in observability (did you mean "logs"?)',
    ]);
    assert.ok(value, 'the contract still yields a module');
    assert.equal(value.name?.value, 'payments-api');
    assert.equal(value.tier, null);
    assert.equal(value.type, null);
    assert.equal(value.owner, null);
    assert.equal(value.lifecycle, null);
    assert.deepEqual(value.provides, [], 'an API without a name is not usable');
    assert.deepEqual(value.slos, [{ name: 'availability', objective: 120, window: 'month' }]);
  });

  it('turns wrong types anywhere into problems, never a throw', () => {
    const text = `${HEADER}name: [not, a, string]
tier: "1"
dependsOn: 5
provides: payments-rest
consumes: { a: b }
data: pii
tests: true
observability: [logs]
slos: { name: x }
priorities: [reliability, 7, { id: x }]
security: yes
resilience: { drRehearsal: 20260615 }
`;
    const { value, problems } = parseContract(text, FILE);
    assert.ok(problems.length >= 12, problemLines(problems).join('\n'));
    assert.ok(problems.every((p) => p.ruleId === 'contracts/schema'));
    assert.ok(value);
    assert.equal(value.name, null);
    assert.equal(value.tier, null, 'a quoted "1" is not a tier');
    assert.deepEqual(value.dependsOn, []);
    assert.deepEqual(value.priorities.map((p) => p.name), ['reliability']);
    assert.equal(value.resilience.drRehearsal, null);
    const tier = problems.find((p) => p.message.startsWith('tier'));
    assert.equal(tier && span(tier.location), spanOf(text, '"1"'));
    const priority = problems.find((p) => p.message === 'priorities[1] must be a string');
    assert.equal(priority && span(priority.location), spanOf(text, '7'));
  });

  it('points every column in UTF-16 code units, as VS Code counts them', () => {
    const text = `${HEADER}name: café\ndescription: "Paiements 💳 par carte"\nx-note: 😀😀\ntier: 9\n`;
    const flow = '{ apiVersion: northstar/v1, kind: ServiceContract, description: "💳", name: x, tier: 9 }';
    assert.deepEqual(problemLines(parseContract(text, FILE).problems), ['contracts/schema 6:7-6:8 tier must be 1, 2 or 3']);
    // 💳 is two UTF-16 code units (one code point): tier's 9 sits at column 86, not 85.
    assert.equal([...flow.slice(0, flow.indexOf('9 }'))].length + 1, 85);
    assert.deepEqual(problemLines(parseContract(flow, FILE).problems), ['contracts/schema 1:86-1:87 tier must be 1, 2 or 3']);
  });

  it('handles CRLF line endings', () => {
    const text = 'apiVersion: northstar/v1\r\nkind: ServiceContract\r\nname: crlf\r\ntier: 7\r\n';
    const { value, problems } = parseContract(text, FILE);
    assert.deepEqual(problemLines(problems), ['contracts/schema 4:7-4:8 tier must be 1, 2 or 3']);
    assert.equal(span(value!.name!.location), '3:7-3:11');
  });

  it('reports missing required properties at the first line, and kind/apiVersion mistakes at the value', () => {
    const text = 'apiVersion: northstar/v2\nkind: Component\ndescription: no name\n';
    assert.deepEqual(problemLines(parseContract(text, FILE).problems), [
      'contracts/schema 1:1-1:25 missing required property "name"',
      'contracts/schema 1:13-1:25 apiVersion must be "northstar/v1"',
      'contracts/schema 2:7-2:16 kind must be "ServiceContract"',
    ]);
  });

  it('reports YAML that does not parse at the error position, and keeps what was read', () => {
    const text = `${HEADER}name: ledger\ndependsOn: [payments, fraud\ntier: 2\n`;
    const { value, problems } = parseContract(text, FILE);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'contracts/yaml');
    assert.match(problems[0].message, /^invalid YAML: flow sequence/);
    assert.equal(span(problems[0].location), '5:1-5:2');
    assert.equal(value?.name?.value, 'ledger');
  });

  it('reports a duplicate key on the repeated key', () => {
    const text = `${HEADER}name: ledger\ntier: 1\nowner: "@acme/ledger"\ntier: 2\n`;
    const { problems } = parseContract(text, FILE);
    assert.deepEqual(problemLines(problems), ['contracts/yaml 6:1-6:5 duplicate key "tier": a key may appear only once in a mapping']);
  });

  it('reports tabs used as indentation', () => {
    const { value, problems } = parseContract(`${HEADER}name: x\nobservability:\n\tlogs: json\n`, FILE);
    assert.equal(problems[0].ruleId, 'contracts/yaml');
    assert.equal(problems[0].location.line, 5);
    assert.equal(value?.name?.value, 'x');
  });

  it('survives an alias bomb quickly, without expanding it', () => {
    let text = `${HEADER}name: bomb\nx-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
    let previous = 'a';
    for (const anchor of 'bcdefghi') {
      text += `x-${anchor}: &${anchor} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
      previous = anchor;
    }
    text += 'dependsOn: *i\n';
    const started = Date.now();
    const { value, problems } = parseContract(text, FILE);
    assert.ok(Date.now() - started < 2000);
    // At the alias where the expansion passes the bound (the first `*c` of line 7).
    assert.deepEqual(problemLines(problems), [
      'contracts/yaml 7:10-7:12 YAML could not be read: expanding the aliases up to *c copies more than 100 of them: refused as an alias bomb (resource exhaustion)',
    ]);
    assert.equal(value?.name?.value, 'bomb');
    assert.deepEqual(value?.dependsOn, []);
  });

  it('refuses absurdly deep nesting with a problem', () => {
    const text = `${HEADER}name: deep\nx-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { value, problems } = parseContract(text, FILE);
    assert.ok(problemLines(problems).includes('contracts/yaml 1:1-1:25 YAML nested more than 64 levels deep: the document was not read'));
    assert.ok(problems.every((p) => p.ruleId === 'contracts/yaml'));
    assert.equal(value, null);
  });

  it('refuses a file over the size limit as skipped', () => {
    const text = `${HEADER}name: huge\ndescription: "${'x'.repeat(3 * 1024 * 1024)}"\n`;
    const { value, problems } = parseContract(text, FILE);
    assert.equal(value, null);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'workspace/skipped');
    assert.match(problems[0].message, /more than the 2 MB limit/);
  });

  it('follows anchors, aliases and merge keys', () => {
    const text = `x-defaults: &defaults
  apiVersion: northstar/v1
  kind: ServiceContract
  owner: "@acme/platform"
  tier: 2
<<: *defaults
name: merged
tier: 3
x-deps: &deps [ledger, fraud-scoring]
dependsOn: *deps
`;
    const { value, problems } = parseContract(text, FILE);
    assert.deepEqual(problems, []);
    assert.equal(value?.owner?.value, '@acme/platform');
    assert.equal(value?.tier, 3, 'an explicit key beats the merged one');
    assert.deepEqual(value?.dependsOn.map((d) => d.name), ['ledger', 'fraud-scoring']);
  });

  it('reports an empty file and a second document', () => {
    assert.deepEqual(problemLines(parseContract('', FILE).problems), ['contracts/schema 1:1-1:1 the document is empty']);
    assert.deepEqual(problemLines(parseContract('# just a comment\n', FILE).problems), ['contracts/schema 1:1-1:17 the document is empty']);
    const two = `${HEADER}name: a\n---\n${HEADER}name: b\n`;
    const { value, problems } = parseContract(two, FILE);
    assert.deepEqual(problemLines(problems), [`contracts/schema 5:1-5:25 ${FILE} must hold one YAML document; this one and any after it are ignored`]);
    assert.equal(value?.name?.value, 'a');
  });

  it('reports a document that is not a mapping', () => {
    assert.deepEqual(problemLines(parseContract('- a\n- b\n', FILE).problems), ['contracts/schema 1:1-1:4 the document must be a mapping']);
  });

  it('accepts x- extension properties', () => {
    const { problems } = parseContract(`${HEADER}name: a\nx-jira: PAY\n`, FILE);
    assert.deepEqual(problems, []);
  });
});
