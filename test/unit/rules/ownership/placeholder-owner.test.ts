import * as assert from 'node:assert/strict';
import { isPlaceholderOwner } from '../../../../src/core/model/teams';
import type { Fix } from '../../../../src/core/model/types';
import { analyze, applyFix, ruleTester, text } from '../tester';

const teams = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/payments"
      name: Payments
      escalation:
        - { kind: chat, target: "#payments-oncall" }

    - id: "@acme/platform"
      name: Platform
      escalation:
        - { kind: chat, target: "#platform-oncall" }
`;

const billingGoMod = 'module github.com/acme/billing\n\ngo 1.22\n';

ruleTester('ownership/placeholder-owner', {
  valid: [
    {
      name: 'real owners everywhere',
      files: {
        '.github/CODEOWNERS': '*                   @acme/platform\n/services/billing/  @acme/payments\n',
        'services/billing/go.mod': billingGoMod,
      },
    },
    {
      name: 'a handle that only contains the word, such as @acme/todo-list',
      files: {
        '.github/CODEOWNERS': '/apps/todo/ @acme/todo-list @todoist-bot\n',
        'apps/todo/package.json': '{ "name": "todo-app" }\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the placeholder a fix wrote on a CODEOWNERS line, aligned like its neighbours',
      files: {
        '.github/CODEOWNERS': '*                   @acme/platform\n/services/billing/  @TODO-team\n',
        'teams.yaml': teams,
        'services/billing/go.mod': billingGoMod,
      },
      errors: [
        {
          message: '"@TODO-team" is a placeholder, not an owner: "/services/billing/" has no owner from it.',
          file: '.github/CODEOWNERS',
          line: 2,
          column: 21,
          endLine: 2,
          endColumn: 31,
          module: 'billing',
          // The owners of the line it overrides first, then teams.yaml's other teams.
          fix: {
            title: 'Replace @TODO-team with @acme/platform',
            edits: [{ file: '.github/CODEOWNERS', range: { line: 2, column: 21, endLine: 2, endColumn: 31 }, newText: '@acme/platform' }],
          },
        },
      ],
    },
    {
      name: 'a placeholder beside a real owner, in any spelling',
      files: {
        CODEOWNERS: '/docs/ @acme/docs @acme/TBD\n',
        'docs/index.md': '# Docs\n',
      },
      errors: [
        {
          message: '"@acme/TBD" is a placeholder',
          file: 'CODEOWNERS',
          line: 1,
          column: 19,
          fix: {
            title: 'Remove the placeholder @acme/TBD (the line names @acme/docs)',
            edits: [{ file: 'CODEOWNERS', range: { line: 1, column: 18, endLine: 1, endColumn: 28 }, newText: '' }],
          },
        },
      ],
    },
    {
      name: 'the placeholder the contract template writes',
      files: {
        'teams.yaml': teams,
        'services/billing/go.mod': billingGoMod,
        'services/billing/service-contract.yaml': text`
          apiVersion: northstar/v1
          kind: ServiceContract
          name: billing
          owner: "@TODO-team"
          type: service
        `,
      },
      errors: [
        {
          message: 'Owner "@TODO-team" is a placeholder, not an owner: name the team that owns module "billing".',
          file: 'services/billing/service-contract.yaml',
          line: 4,
          column: 8,
          endColumn: 20,
          module: 'billing',
          fix: {
            title: 'Set the owner to @acme/payments',
            edits: [{ file: 'services/billing/service-contract.yaml', range: { line: 4, column: 8, endLine: 4, endColumn: 20 }, newText: '"@acme/payments"' }],
          },
        },
      ],
    },
    {
      name: 'a catalog owner that is a placeholder (no fix: the Group is the user\'s to name)',
      files: {
        'catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: storefront
          spec:
            type: website
            lifecycle: production
            owner: TODO
        `,
        'CODEOWNERS': '* @TODO\n',
      },
      errors: [
        { message: '"@TODO" is a placeholder', file: 'CODEOWNERS', line: 1, column: 3, module: 'storefront', fix: null },
        { message: 'Owner "TODO" of Component "storefront" is a placeholder', file: 'catalog-info.yaml', line: 8, column: 10, module: 'storefront', fix: null },
      ],
    },
  ],
});

describe('a placeholder is never an owner', () => {
  it('is recognised in the spellings people use, and only those', () => {
    for (const name of ['@TODO-team', '@todo', '@TBD', '@acme/FIXME', '@org/todo-team', ' @TODO-team ', 'TODO', 'group:default/tbd']) assert.ok(isPlaceholderOwner(name), name);
    for (const name of ['@acme/todo-list', '@todoist', '@acme/payments', 'user:todo', 'todo@example.com', 'payments']) assert.ok(!isPlaceholderOwner(name), name);
  });

  it('counts neither in CODEOWNERS matching, the module\'s owners and level, nor coverage; missing-owner gives way', async () => {
    const files = {
      '.github/CODEOWNERS': '*                   @acme/platform\n/services/billing/  @TODO-team\n',
      'services/billing/go.mod': billingGoMod,
      'services/billing/main_test.go': 'package main\n',
    };
    const analysis = await analyze(files);
    const match = analysis.ownersOf('services/billing/go.mod');
    assert.deepEqual(match.owners, [], 'the line decides, and gives no owner');
    assert.equal(match.rule?.line, 2, 'the deciding line is still shown (explain, status bar)');
    const billing = analysis.model.modules.find((m) => m.path === 'services/billing');
    assert.ok(billing);
    assert.deepEqual(billing.owners, []);
    assert.equal(billing.level, 'none');
    assert.ok(!analysis.model.teams.some((t) => t.id === '@TODO-team'), 'not a team of the directory');
    const ids = analysis.model.findings.map((f) => f.ruleId);
    assert.ok(ids.includes('ownership/placeholder-owner'));
    assert.ok(!ids.includes('ownership/missing-owner'), 'one cause, one finding: at the placeholder');
    assert.ok(!ids.includes('ownership/unknown-owner'));
  });

  it('offers one fix per candidate, at most 3, nearest CODEOWNERS line first', async () => {
    const files = {
      '.github/CODEOWNERS': '*                   @acme/platform\n/services/billing/  @TODO-team\n',
      'teams.yaml': teams + text`
        
          - id: "@acme/search"
            name: Search

          - id: "@acme/data"
            name: Data
      `.replace(/^/gm, '  ').replace(/^ {2}$/gm, ''),
      'services/billing/go.mod': billingGoMod,
    };
    const analysis = await analyze(files);
    const finding = analysis.model.findings.find((f) => f.ruleId === 'ownership/placeholder-owner');
    assert.ok(finding?.fix);
    const titles = [finding.fix, ...(finding.moreFixes ?? [])].map((f) => (f as Fix).title);
    assert.deepEqual(titles, ['Replace @TODO-team with @acme/platform', 'Replace @TODO-team with @acme/payments', 'Replace @TODO-team with @acme/search']);
    const fixed = applyFix(files, finding.moreFixes?.[0] as Fix);
    assert.equal(fixed['.github/CODEOWNERS'], '*                   @acme/platform\n/services/billing/  @acme/payments\n');
  });
});
