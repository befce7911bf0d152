import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as validators from '../../../src/core/sources/schemaValidators';
import { repoRoot } from '../../cli/helpers';
import { schemaOf, validateAgainstSchema, validateYamlText, type SchemaKind } from '../../../src/core/sources/schema';
import { parseSingleYaml } from '../../../src/core/sources/yaml';
import { problemLines, spanOf } from './helpers';

const KINDS: SchemaKind[] = ['service-contract', 'teams', 'vision', 'northstar-config', 'learning'];

/** Every sub-schema that describes a property or a list item, with its JSON path. */
function propertySchemas(schema: Record<string, unknown>, path = '#'): [string, Record<string, unknown>][] {
  const out: [string, Record<string, unknown>][] = [];
  const visit = (child: unknown, childPath: string) => {
    if (typeof child === 'object' && child !== null) {
      out.push([childPath, child as Record<string, unknown>]);
      out.push(...propertySchemas(child as Record<string, unknown>, childPath));
    }
  };
  for (const key of ['properties', 'patternProperties'] as const) {
    const properties = schema[key] as Record<string, unknown> | undefined;
    if (properties) for (const [name, child] of Object.entries(properties)) visit(child, `${path}/${key}/${name}`);
  }
  if (typeof schema.items === 'object') visit(schema.items, `${path}/items`);
  if (typeof schema.additionalProperties === 'object') visit(schema.additionalProperties, `${path}/additionalProperties`);
  return out;
}

describe('schemas/', () => {
  for (const kind of KINDS) {
    it(`${kind}: has $id, title, description, and a title and description on every property`, () => {
      const schema = schemaOf(kind) as Record<string, unknown>;
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.match(String(schema.$id), new RegExp(`/schemas/${kind}\\.schema\\.json$`));
      assert.equal(typeof schema.title, 'string');
      assert.equal(typeof schema.description, 'string');
      const properties = propertySchemas(schema);
      assert.ok(properties.length > 5);
      for (const [path, property] of properties) {
        assert.equal(typeof property.title, 'string', `${path} has a title`);
        assert.equal(typeof property.description, 'string', `${path} has a description`);
      }
    });

    it(`${kind}: closes every object whose shape DESIGN.md fixes`, () => {
      const schema = schemaOf(kind) as Record<string, unknown>;
      const objects = [['#', schema] as [string, Record<string, unknown>], ...propertySchemas(schema)].filter(([, s]) => s.type === 'object');
      for (const [path, object] of objects) {
        // capacity's kinds of work are open: innovation, maintenance, security and any other.
        if (path.endsWith('/capacity') || path.endsWith('/rules')) assert.equal(typeof object.additionalProperties, 'object', path);
        else assert.equal(object.additionalProperties, false, `${path} is closed`);
      }
    });
  }
});

describe('validateYamlText', () => {
  it('accepts DESIGN.md\'s examples', () => {
    const contract = `apiVersion: northstar/v1
kind: ServiceContract
name: payments-api
description: Takes card payments for checkout.
owner: "@acme/payments"
type: service
system: checkout
lifecycle: production
tier: 1
paths: ["src/**", "migrations/**"]
dependsOn: [ledger, fraud-scoring]
provides:
  - name: payments-rest
    type: openapi
    definition: api/openapi.yaml
consumes: [ledger-events]
data: { classification: pii }
tests: ["test/**", "**/*.spec.ts"]
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
  privacyReview: 2026-09-01
resilience:
  drRehearsal: 2026-06-15
`;
    const teams = `apiVersion: northstar/v1
kind: Teams
teams:
  - id: "@acme/payments"
    name: Payments
    aliases: ["group:default/payments"]
    escalation:
      - { kind: chat, target: "#payments-oncall", url: "https://chat.example/payments-oncall" }
      - { kind: pager, target: payments-primary }
      - { kind: person, target: "@dana" }
`;
    const vision = `apiVersion: northstar/v1
kind: Vision
vision:
  direction: Where the product is headed.
  why: Why that direction matters to users.
  capabilities: [Real-time fraud scoring, Multi-region failover]
priorities:
  - id: reliability
    title: Reliability first
    owner: "@acme/platform"
    metrics:
      - { name: availability, unit: "%", baseline: 99.5, current: 99.82, target: 99.95 }
capacity: { innovation: 50, maintenance: 30, security: 20 }
`;
    const config = `rules: { quality/missing-tests: error, observability/missing: off }
ignore: [{ rule: codeowners/no-match, paths: ["legacy/**"] }]
modules: { include: ["services/**"], exclude: ["**/fixtures/**"] }
tests: { patterns: ["**/*.it.ts"] }
observability: { libraries: ["@acme/telemetry"] }
staleness: { privacyReviewDays: 365, drRehearsalDays: 180 }
codeowners: { dialect: github, path: .github/CODEOWNERS }
today: 2026-01-15
`;
    assert.deepEqual(validateYamlText('service-contract', contract, 'service-contract.yaml'), []);
    assert.deepEqual(validateYamlText('teams', teams, 'teams.yaml'), []);
    assert.deepEqual(validateYamlText('vision', vision, 'vision.yaml'), []);
    assert.deepEqual(validateYamlText('northstar-config', config, '.northstar.yaml'), []);
  });

  it('rejects typical mistakes at the right position, with readable messages', () => {
    const contract = `apiVersion: northstar/v1
kind: ServiceContract
name: orders
dependson: [payments]
tier: 0
dependsOn: payments
slos:
  - { name: latency, objective: 0 }
data: { classification: secret }
`;
    assert.deepEqual(problemLines(validateYamlText('service-contract', contract, 'service-contract.yaml')), [
      'contracts/schema 4:1-4:10 unknown property "dependson" (did you mean "dependsOn"?)',
      'contracts/schema 5:7-5:8 tier must be 1, 2 or 3',
      'contracts/schema 6:12-6:20 dependsOn must be a list',
      'contracts/schema 8:33-8:34 slos[0].objective must be more than 0',
      'contracts/schema 9:25-9:31 data.classification must be public, internal, confidential or pii',
    ]);
    const vision = 'apiVersion: northstar/v1\nkind: vision\npriority:\n  - id: reliability\n';
    assert.deepEqual(problemLines(validateYamlText('vision', vision, 'vision.yaml')), [
      'contracts/schema 1:1-1:25 missing required property "priorities"',
      'contracts/schema 2:7-2:13 kind must be "Vision"',
      'contracts/schema 3:1-3:9 unknown property "priority" (did you mean "priorities"?)',
    ]);
  });

  it('reports YAML problems and skips the schema when the YAML is broken', () => {
    const problems = validateYamlText('teams', 'apiVersion: northstar/v1\nkind: Teams\nteams: [\n', 'teams.yaml');
    assert.ok(problems.length >= 1);
    assert.ok(problems.every((p) => p.ruleId === 'contracts/yaml'));
  });
});

describe('validateAgainstSchema', () => {
  it('validates a parsed document and lists every error (allErrors)', () => {
    const text = 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - { id: a, escalation: [{ kind: sms, target: x }] }\n  - { name: b }\n';
    const { doc } = parseSingleYaml(text, 'teams.yaml');
    assert.deepEqual(problemLines(validateAgainstSchema('teams', doc!)), [
      `contracts/schema ${spanOf(text, 'sms')} teams[0].escalation[0].kind must be chat, pager, person, email, ticket or other`,
      'contracts/schema 5:5-5:16 teams[1] is missing required property "id"',
    ]);
  });

  it('points at an alias where it is used', () => {
    const text = 'apiVersion: northstar/v1\nkind: ServiceContract\nname: a\nx-tier: &t "high"\ntier: *t\n';
    const { doc } = parseSingleYaml(text, 'service-contract.yaml');
    assert.deepEqual(problemLines(validateAgainstSchema('service-contract', doc!)), ['contracts/schema 5:7-5:9 tier must be 1, 2 or 3']);
  });
});

describe('schemaValidators.ts (Ajv standalone code, scripts/schemas.mjs)', () => {
  it('is what scripts/schemas.mjs writes from schemas/ today (run `node scripts/schemas.mjs` after editing a schema)', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot(), 'scripts', 'schemas.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('gives the errors Ajv gives when it compiles the same schemas at run time', () => {
    // The options validation used before the code was generated ahead of time.
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, logger: false });
    addFormats(ajv, ['date', 'uri', 'email']);
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    const generated: Record<string, ((data: unknown) => boolean) & { errors?: unknown }> = {
      'service-contract': validators.serviceContract,
      teams: validators.teams,
      vision: validators.vision,
      'northstar-config': validators.northstarConfig,
      learning: validators.learning,
      experiment: validators.experiment,
    };
    const samples: Record<string, unknown[]> = {
      'service-contract': [
        { apiVersion: 'northstar/v1', kind: 'ServiceContract', name: 'payments', owner: '@acme/payments', tier: 1, dependsOn: ['ledger'] },
        { apiVersion: 'northstar/v2', kind: 'Contract', name: '', tier: 7, tiers: 1, dependsOn: 'ledger', slos: [{ objective: 'x' }], reviews: { security: { date: '2026-13-40' } } },
        { name: 3, observability: { dashboards: ['not a url'] }, experiment: { hypothesis: 1 } },
        [],
      ],
      teams: [{ teams: [{ id: 'payments', name: 'Payments' }] }, { teams: [{ id: 'x y', members: 'a', slack: 3 }], extra: true }, 'text'],
      vision: [{ priorities: [{ id: 'p1', title: 'Reliability', metrics: [{ name: 'SLO', target: '99.9%' }] }] }, { priorities: [{ id: 1, review: { date: 'tomorrow' } }] }],
      'northstar-config': [{ rules: { 'quality/missing-tests': 'off' } }, { rules: 'all', walk: { skipFolders: 3 }, unknown: 1 }],
      learning: [{ kind: 'Postmortem', date: '2026-01-01' }, { kind: 'Nothing', date: 'soon', owners: [1] }],
      experiment: [{ hypothesis: 1, unknown: true }, 'text'],
    };
    for (const [kind, validate] of Object.entries(generated)) {
      const compiled = ajv.compile(schemaOf(kind as SchemaKind));
      // Each kind has samples that fail, so that the errors themselves are compared.
      assert.ok(samples[kind].some((data) => !compiled(data)), kind);
      for (const data of samples[kind]) {
        assert.equal(validate(data), compiled(data), `${kind}: ${JSON.stringify(data)}`);
        const strip = (errors: unknown) => JSON.parse(JSON.stringify(errors ?? null)) as unknown;
        assert.deepEqual(strip(validate.errors), strip(compiled.errors), `${kind}: ${JSON.stringify(data)}`);
      }
    }
  });
});
