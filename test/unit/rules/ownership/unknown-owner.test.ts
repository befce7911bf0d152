import * as assert from 'node:assert/strict';
import type { Fix } from '../../../../src/core/model/types';
import { declareInTeamsFile } from '../../../../src/core/rules/ownership/unknown-owner';
import type { RuleContext } from '../../../../src/core/rules/rule';
import type { TeamsFile } from '../../../../src/core/sources/types';
import { applyFix, findingsOf, ruleTester, text } from '../tester';

const teamsYaml = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/payments"
      name: Payments
      aliases: ["group:default/payments"]
      escalation:
        - { kind: chat, target: "#payments-oncall" }
`;

const contract = (owner: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: ${owner}
  type: service
`;

ruleTester('ownership/unknown-owner', {
  valid: [
    {
      name: 'an owner declared in teams.yaml',
      files: { 'teams.yaml': teamsYaml, 'services/payments/service-contract.yaml': contract('"@acme/payments"') },
    },
    {
      name: 'an owner named by an alias of a team (spelling differs, team is the same)',
      files: { 'teams.yaml': teamsYaml, 'services/payments/service-contract.yaml': contract('group:default/payments') },
    },
    {
      name: 'an owner that only CODEOWNERS names',
      files: {
        '.github/CODEOWNERS': '/services/ @acme/backend\n',
        'services/payments/service-contract.yaml': contract('"@acme/backend"'),
      },
    },
    {
      name: 'a Backstage owner declared as a Group entity',
      files: {
        'catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Group
          metadata:
            name: search
          spec:
            type: team
            children: []
          ---
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: search
        `,
      },
    },
    {
      name: 'a user: reference to a person CODEOWNERS names (@jdoe), in any namespace form',
      files: {
        CODEOWNERS: '/services/ @jdoe\n',
        'services/a/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: a-api
          spec:
            type: service
            lifecycle: production
            owner: user:jdoe
        `,
        'services/b/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: b-api
          spec:
            type: service
            lifecycle: production
            owner: user:default/jdoe
        `,
      },
    },
    {
      name: 'a user: reference to a User entity with a github.com/user-login annotation',
      files: {
        'teams.yaml': teamsYaml,
        'catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: User
          metadata:
            name: jane
            annotations:
              github.com/user-login: jdoe
          spec: {}
          ---
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: user:jane
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a bare jdoe (read as group:default/jdoe) where CODEOWNERS names the person @jdoe: one finding suggesting user:jdoe',
      files: {
        CODEOWNERS: '/services/ @acme/maintainers @jdoe\n',
        'services/search/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: jdoe
        `,
      },
      errors: [
        {
          message: 'Owner "jdoe" of Component "search-api" is read by Backstage as a group, and no Group "jdoe" is declared; CODEOWNERS names the person @jdoe: write "user:jdoe"',
          file: 'services/search/catalog-info.yaml',
          line: 8,
          column: 10,
          module: 'search-api',
          fix: {
            title: 'Replace "jdoe" with "user:jdoe"',
            edits: [{ file: 'services/search/catalog-info.yaml', range: { line: 8, column: 10, endLine: 8, endColumn: 14 }, newText: 'user:jdoe' }],
          },
        },
      ],
    },
    {
      name: 'one owner that nothing declares, named by three entities: one finding at its first use, the others related',
      files: {
        'teams.yaml': teamsYaml,
        'services/a/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: a-api
          spec:
            type: service
            lifecycle: production
            owner: discovery
        `,
        'services/b/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: b-api
          spec:
            type: service
            lifecycle: production
            owner: group:default/discovery
        `,
        'services/c/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: c-api
          spec:
            type: service
            lifecycle: production
            owner: discovery
        `,
      },
      errors: [
        {
          message: /^Owner "discovery" of Component "a-api" is not declared in this repository \(it may be declared in another repository's catalog\).* It is named by 3 entries: Component "a-api", Component "b-api" and Component "c-api"\.$/,
          file: 'services/a/catalog-info.yaml',
          line: 8,
          column: 10,
          module: 'a-api',
        },
      ],
    },
    {
      name: 'no teams declared at all (no teams.yaml, no Group entity): said once, as information',
      files: {
        CODEOWNERS: '/services/ @acme/backend\n',
        'services/a/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: a-api
          spec:
            type: service
            lifecycle: production
            owner: discovery
        `,
        'services/b/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: b-api
          spec:
            type: service
            lifecycle: production
            owner: john@example.com
        `,
      },
      errors: [
        {
          message: 'No teams are declared in this repository (no teams.yaml, no Backstage Group entity): owners are taken as written. Owners named here that nothing declares: "discovery" and "john@example.com".',
          file: 'services/a/catalog-info.yaml',
          line: 8,
          column: 10,
          module: null,
          severity: 'info',
        },
      ],
    },
    {
      name: 'a misspelt contract owner, no teams.yaml: the fix creates one',
      files: {
        '.github/CODEOWNERS': '/services/ @acme/backend\n',
        'services/payments/service-contract.yaml': contract('"@acme/paymnts"'),
      },
      errors: [
        {
          message: 'Owner "@acme/paymnts" of module "payments-api" is not declared in this repository',
          file: 'services/payments/service-contract.yaml',
          line: 4,
          column: 8,
          module: 'payments-api',
          fix: {
            title: 'Declare team "@acme/paymnts" in teams.yaml',
            edits: [
              {
                file: 'teams.yaml',
                range: null,
                newText: 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/paymnts"\n    name: "paymnts"\n',
              },
            ],
          },
        },
      ],
    },
    {
      name: 'a catalog owner and a priority owner that nothing declares',
      files: {
        'teams.yaml': teamsYaml,
        'services/search/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: group:default/discovery
        `,
        'vision.yaml': text`
          apiVersion: northstar/v1
          kind: Vision
          vision:
            direction: Checkout that never fails.
          priorities:
            - id: reliability
              title: Reliability first
              owner: "@acme/sre"
              metrics:
                - { name: availability, unit: "%", baseline: 99.5, current: 99.8, target: 99.95 }
        `,
      },
      errors: [
        { message: 'Owner "group:default/discovery" of Component "search-api" is not declared in this repository', file: 'services/search/catalog-info.yaml', line: 8, column: 10, module: 'search-api' },
        { message: 'Owner "@acme/sre" of priority "reliability" is not declared in this repository', file: 'vision.yaml', line: 8, column: 12, module: null },
      ],
    },
  ],
});

describe('ownership/unknown-owner: one cause, one finding', () => {
  it('lists the other places that name the owner as related locations', async () => {
    const component = (name: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  owner: discovery\n`;
    const findings = await findingsOf('ownership/unknown-owner', {
      'teams.yaml': teamsYaml,
      'a/catalog-info.yaml': component('a'),
      'b/catalog-info.yaml': component('b'),
    });
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].related, [{ file: 'b/catalog-info.yaml', line: 6, column: 10, endLine: 6, endColumn: 19 }]);
  });
});

describe('ownership/unknown-owner: declaring the team in an existing teams.yaml', () => {
  const teamsFile = (text: string): TeamsFile => {
    const lines = text.split('\n');
    const teams = lines.flatMap((line, i) => {
      const m = /^(\s*-\s+id:\s+)(.*)$/.exec(line);
      if (!m) return [];
      const location = { file: 'teams.yaml', line: i + 1, column: m[1].length + 1, endLine: i + 1, endColumn: line.length + 1 };
      return [{ id: JSON.parse(m[2]) as string, name: null, aliases: [], escalation: [], location, escalationLocation: null }];
    });
    return { file: 'teams.yaml', teams };
  };
  const contextFor = (content: string | undefined, file: TeamsFile | null): RuleContext =>
    ({ teamsFile: file, textOf: (path: string) => (path === 'teams.yaml' ? content : undefined) }) as unknown as RuleContext;

  it('appends an entry with the indentation of the existing ones', () => {
    const fix = declareInTeamsFile(contextFor(teamsYaml, teamsFile(teamsYaml)), '@acme/search') as Fix;
    const fixed = applyFix({ 'teams.yaml': teamsYaml }, fix)['teams.yaml'];
    assert.equal(fixed, teamsYaml + '  - id: "@acme/search"\n    name: search\n', 'quoted and indented as the file writes its entries');
  });

  it('inserts before a key that follows the list', () => {
    const content = 'teams:\n- id: "@acme/payments"\n  name: Payments\nkind: Teams\n';
    const fix = declareInTeamsFile(contextFor(content, teamsFile(content)), 'search') as Fix;
    assert.equal(applyFix({ 'teams.yaml': content }, fix)['teams.yaml'], 'teams:\n- id: "@acme/payments"\n  name: Payments\n- id: "search"\n  name: search\nkind: Teams\n');
  });

  it('adds a line break when the file does not end with one', () => {
    const content = 'teams:\n  - id: "@acme/payments"';
    const fix = declareInTeamsFile(contextFor(content, teamsFile(content)), '@acme/sre') as Fix;
    assert.equal(applyFix({ 'teams.yaml': content }, fix)['teams.yaml'], 'teams:\n  - id: "@acme/payments"\n  - id: "@acme/sre"\n    name: "sre"\n');
  });

  it('offers no fix when the text is unknown or the list is empty', () => {
    assert.equal(declareInTeamsFile(contextFor(undefined, teamsFile(teamsYaml)), '@acme/x'), undefined);
    assert.equal(declareInTeamsFile(contextFor('teams: []\n', { file: 'teams.yaml', teams: [] }), '@acme/x'), undefined);
  });
});
