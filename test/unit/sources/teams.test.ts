import * as assert from 'node:assert/strict';
import { parseTeams } from '../../../src/core/sources/teams';
import { problemLines, span, spanOf } from './helpers';

const FILE = 'teams.yaml';

/** DESIGN.md 1.4's example with a second team. */
const TEAMS = `apiVersion: northstar/v1
kind: Teams
teams:
  - id: "@acme/payments"
    name: Payments
    aliases: ["group:default/payments"]   # other names of the same team
    escalation:                   # ordered: who to reach first, next, last
      - { kind: chat, target: "#payments-oncall", url: "https://chat.example/payments-oncall" }
      - { kind: pager, target: payments-primary }
      - { kind: person, target: "@dana" }
  - id: "@acme/platform"
    name: Platform
`;

describe('parseTeams', () => {
  it('reads DESIGN.md\'s example with ids, aliases, ordered escalation and positions', () => {
    const { value, problems } = parseTeams(TEAMS, FILE);
    assert.deepEqual(problems, []);
    assert.equal(value?.file, FILE);
    assert.equal(value?.teams.length, 2);
    const [payments, platform] = value!.teams;
    assert.equal(payments.id, '@acme/payments');
    assert.equal(span(payments.location), '4:9-4:25');
    assert.equal(payments.name, 'Payments');
    assert.deepEqual(payments.aliases, ['group:default/payments']);
    assert.deepEqual(payments.escalation, [
      { kind: 'chat', target: '#payments-oncall', url: 'https://chat.example/payments-oncall' },
      { kind: 'pager', target: 'payments-primary' },
      { kind: 'person', target: '@dana' },
    ]);
    assert.equal(span(payments.escalationLocation!), '7:5-7:15');
    assert.deepEqual(platform.escalation, []);
    assert.equal(platform.escalationLocation, null);
    assert.equal(span(platform.location), spanOf(TEAMS, '"@acme/platform"'));
  });

  it('reports mistakes at their positions and keeps the usable teams', () => {
    const text = `apiVersion: northstar/v1
kind: Teams
teams:
  - name: Nameless
  - id: "@acme/search"
    alias: [search]
    escalation:
      - { kind: phone, target: "+1 555 0100" }
      - { kind: chat }
      - { kind: chat, target: "#search", url: not a url }
`;
    const { value, problems } = parseTeams(text, FILE);
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 4:5-4:19 teams[0] is missing required property "id"',
      'contracts/schema 6:5-6:10 unknown property "alias" in teams[1] (did you mean "aliases"?)',
      'contracts/schema 8:17-8:22 teams[1].escalation[0].kind must be chat, pager, person, email, ticket or other',
      'contracts/schema 9:9-9:23 teams[1].escalation[1] is missing required property "target"',
      `contracts/schema ${spanOf(text, 'not a url')} teams[1].escalation[2].url must be a URL`,
    ]);
    assert.deepEqual(value?.teams.map((t) => t.id), ['@acme/search']);
    assert.deepEqual(value?.teams[0].escalation.map((s) => s.kind), ['phone', 'chat']);
  });

  it('reports a missing teams list and an empty file', () => {
    assert.deepEqual(problemLines(parseTeams('apiVersion: northstar/v1\nkind: Teams\n', FILE).problems), [
      'contracts/schema 1:1-1:25 missing required property "teams"',
    ]);
    const empty = parseTeams('', FILE);
    assert.deepEqual(empty.value, { file: FILE, teams: [] });
    assert.deepEqual(problemLines(empty.problems), ['contracts/schema 1:1-1:1 the document is empty']);
  });

  it('survives wrong types', () => {
    const text = 'apiVersion: northstar/v1\nkind: Teams\nteams: { id: x }\n';
    const { value, problems } = parseTeams(text, FILE);
    assert.deepEqual(problemLines(problems), ['contracts/schema 3:8-3:17 teams must be a list']);
    assert.deepEqual(value?.teams, []);
  });
});
