import * as assert from 'node:assert/strict';
import type { Fix } from '../../../../src/core/model/types';
import { analyze, applyFix, ruleTester, text } from '../tester';

const paymentsContract = text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  description: Takes card payments for checkout.
  type: service
  lifecycle: production
  tier: 1
`;

const uiPackage = text`
  {
    "name": "@acme/ui",
    "version": "2.3.0",
    "main": "dist/index.js"
  }
`;

ruleTester('ownership/missing-owner', {
  valid: [
    {
      name: 'a contract that names its owner',
      files: {
        'services/payments/service-contract.yaml': paymentsContract + 'owner: "@acme/payments"\n',
        'services/payments/src/index.ts': 'export const handler = () => 200;\n',
      },
    },
    {
      name: 'a package owned through CODEOWNERS',
      files: {
        '.github/CODEOWNERS': text`
          # Frontend packages
          /packages/ui/ @acme/frontend
        `,
        'packages/ui/package.json': uiPackage,
        'packages/ui/src/button.tsx': 'export function Button() { return null; }\n',
      },
    },
    {
      name: 'a Backstage component with spec.owner',
      files: {
        'services/search/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: search-api
          spec:
            type: service
            lifecycle: production
            owner: group:default/search
        `,
      },
    },
    {
      name: 'silenced by a comment above the name, as its docs page says',
      files: {
        'services/payments/service-contract.yaml': paymentsContract.replace('name:', '# northstar-disable-next-line ownership/missing-owner\nname:'),
      },
    },
    {
      name: 'turned off in .northstar.yaml',
      files: { '.northstar.yaml': 'rules:\n  ownership/missing-owner: off\n', 'services/payments/service-contract.yaml': paymentsContract },
    },
  ],
  invalid: [
    {
      name: 'a contract without owner and no CODEOWNERS: the fix creates .github/CODEOWNERS',
      files: {
        'services/payments/service-contract.yaml': paymentsContract,
        'services/payments/src/index.ts': 'export const handler = () => 200;\n',
      },
      errors: [
        {
          message: 'Module "payments-api" has no owner: add a CODEOWNERS line for "services/payments/" or set "owner" in its service-contract.yaml.',
          file: 'services/payments/service-contract.yaml',
          line: 3,
          column: 7,
          endLine: 3,
          endColumn: 19,
          module: 'payments-api',
          fix: {
            title: 'Assign services/payments/ to the placeholder @TODO-team in CODEOWNERS (no team is known: replace it)',
            edits: [{ file: '.github/CODEOWNERS', range: null, newText: '/services/payments/ @TODO-team\n' }],
          },
        },
      ],
    },
    {
      name: 'a folder explicitly left without owners by CODEOWNERS',
      files: {
        '.github/CODEOWNERS': text`
          *                  @acme/platform
          /services/legacy/
        `,
        'services/legacy/service-contract.yaml': text`
          apiVersion: northstar/v1
          kind: ServiceContract
          name: legacy-billing
          type: job
        `,
      },
      errors: [{ message: 'Module "legacy-billing" has no owner', file: 'services/legacy/service-contract.yaml', line: 3, column: 7 }],
    },
  ],
});

describe('ownership/missing-owner fixes', () => {
  const ownerFindings = async (files: Record<string, string>) =>
    (await analyze(files)).model.findings.filter((f) => f.ruleId === 'ownership/missing-owner');

  it('appends a line for the module after every existing rule, so that it wins', async () => {
    const files = {
      '.github/CODEOWNERS': text`
        # Backend
        /services/ @acme/backend
        /docs/     @acme/docs  # tech writers
      `,
      'services/api/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: api\nowner: "@acme/backend"\n',
      'packages/ui/package.json': uiPackage,
      'docs/index.md': '# Docs\n',
    };
    const findings = await ownerFindings(files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].file, 'packages/ui/package.json');
    assert.match(findings[0].message, /Module "@acme\/ui" has no owner: add a CODEOWNERS line for "packages\/ui\/"/);
    const fixed = applyFix(files, findings[0].fix as Fix);
    const rules = fixed['.github/CODEOWNERS'].split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
    assert.deepEqual(rules, ['/services/ @acme/backend', '/docs/     @acme/docs', '/packages/ui/ @TODO-team']);
    // Once applied, the placeholder stands where the owner goes: ownership/placeholder-owner reports it there, not this rule.
    assert.deepEqual(await ownerFindings(fixed), []);
  });

  it('writes a root module\'s "*" line first, so that later lines still override it', async () => {
    const files = {
      CODEOWNERS: '/docs/ @acme/docs\n',
      'package.json': '{\n  "name": "acme-site",\n  "private": true\n}\n',
      'docs/guide.md': '# Guide\n',
    };
    const findings = await ownerFindings(files);
    assert.equal(findings.length, 1);
    const fixed = applyFix(files, findings[0].fix as Fix);
    assert.equal(fixed.CODEOWNERS, '* @TODO-team\n/docs/ @acme/docs\n');
    assert.deepEqual(await ownerFindings(fixed), []);
  });
});
