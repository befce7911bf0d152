import { ruleTester, text } from '../tester';

const contract = (name: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: ${name}
  owner: "@acme/payments"
`;

ruleTester('contracts/duplicate-name', {
  valid: [
    {
      // backstage/community-plugins: each workspace is its own yarn project with its own app.
      name: 'the same package name in two independent workspaces (each its own npm/yarn root)',
      files: {
        'workspaces/search/package.json': '{\n  "name": "search-workspace",\n  "private": true,\n  "workspaces": ["packages/*"]\n}\n',
        'workspaces/search/packages/app/package.json': '{\n  "name": "app",\n  "version": "0.0.0"\n}\n',
        'workspaces/tech-radar/package.json': '{\n  "name": "tech-radar-workspace",\n  "private": true,\n  "workspaces": ["packages/*"]\n}\n',
        'workspaces/tech-radar/packages/app/package.json': '{\n  "name": "app",\n  "version": "0.0.0"\n}\n',
      },
    },
    {
      // grafana/loki: the root go.mod and operator/api/loki/go.mod are two Go modules both shown as "loki".
      name: 'two Go modules whose paths end alike (github.com/grafana/loki/v3 and …/operator/api/loki)',
      files: {
        'go.mod': 'module github.com/grafana/loki/v3\n\ngo 1.21\n',
        'main.go': 'package main\n',
        'operator/api/loki/go.mod': 'module github.com/grafana/loki/operator/api/loki\n\ngo 1.19\n',
        'operator/api/loki/v1/types.go': 'package v1\n',
      },
    },
    {
      name: 'distinct names',
      files: {
        'services/payments/service-contract.yaml': contract('payments-api'),
        'services/refunds/service-contract.yaml': contract('refunds-api'),
      },
    },
    {
      name: 'a contract and a catalog entry in one folder describe one module',
      files: {
        'services/payments/service-contract.yaml': contract('payments-api'),
        'services/payments/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: payments-api
          spec:
            type: service
            lifecycle: production
            owner: group:default/payments
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'two packages of one name inside one workspace',
      files: {
        'workspaces/search/package.json': '{\n  "name": "search-workspace",\n  "private": true,\n  "workspaces": ["packages/*", "plugins/*"]\n}\n',
        'workspaces/search/packages/app/package.json': '{\n  "name": "app",\n  "version": "0.0.0"\n}\n',
        'workspaces/search/plugins/app/package.json': '{\n  "name": "app",\n  "version": "0.1.0"\n}\n',
      },
      errors: [{ message: 'Module name "app" is already used by workspaces/search/packages/app/package.json', file: 'workspaces/search/plugins/app/package.json', line: 2, column: 12 }],
    },
    {
      name: 'two go.mod files declaring one module path',
      files: {
        'go.mod': 'module github.com/acme/payments\n\ngo 1.21\n',
        'main.go': 'package main\n',
        'copy/go.mod': 'module github.com/acme/payments\n\ngo 1.21\n',
        'copy/main.go': 'package main\n',
      },
      errors: [{ message: 'Module name "payments" is already used by go.mod', file: 'copy/go.mod', line: 1, column: 8 }],
    },
    {
      name: 'a copied contract that kept its name',
      files: {
        'services/payments/service-contract.yaml': contract('payments-api'),
        'services/refunds/service-contract.yaml': contract('payments-api'),
      },
      errors: [
        {
          message: 'Module name "payments-api" is already used by services/payments/service-contract.yaml (line 3): module names must be unique',
          file: 'services/refunds/service-contract.yaml',
          line: 3,
          column: 7,
          endColumn: 19,
          module: 'payments-api',
        },
      ],
    },
    {
      name: 'a contract and a package with the same name in different folders',
      files: {
        'libs/ledger/package.json': '{\n  "name": "ledger",\n  "version": "1.0.0"\n}\n',
        'services/ledger/service-contract.yaml': contract('ledger'),
      },
      errors: [{ message: 'Module name "ledger" is already used by libs/ledger/package.json', file: 'services/ledger/service-contract.yaml', line: 3, column: 7 }],
    },
  ],
});
