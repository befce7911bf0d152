import { ruleTester, text } from '../tester';

const contract = (name: string, extra = '') =>
  text`
    apiVersion: northstar/v1
    kind: ServiceContract
    name: ${name}
    owner: "@acme/payments"
  ` + extra;

const ledger = contract('ledger', 'provides:\n  - name: ledger-events\n    type: asyncapi\n');

ruleTester('contracts/unknown-dependency', {
  valid: [
    {
      name: 'dependsOn a module, consumes a provided API',
      files: {
        'services/ledger/service-contract.yaml': ledger,
        'services/payments/service-contract.yaml': contract('payments-api', 'dependsOn: [ledger]\nconsumes: [ledger-events]\n'),
      },
    },
    {
      name: 'a dependency on a package module by its package name',
      files: {
        'packages/money/package.json': '{\n  "name": "@acme/money"\n}\n',
        'services/payments/service-contract.yaml': contract('payments-api', 'dependsOn: ["@acme/money"]\n'),
      },
    },
    {
      name: 'Backstage entity references to a component and an API entity',
      files: {
        'services/ledger/service-contract.yaml': ledger,
        'catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: API
          metadata:
            name: fraud-grpc
          spec:
            type: grpc
            lifecycle: production
            owner: group:default/risk
            definition: "syntax = \"proto3\";"
          ---
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: checkout
          spec:
            type: service
            lifecycle: production
            owner: group:default/checkout
            dependsOn: ["component:default/ledger"]
            consumesApis: ["api:fraud-grpc"]
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt module and an API nobody provides',
      files: {
        'services/ledger/service-contract.yaml': ledger,
        'services/payments/service-contract.yaml': contract('payments-api', 'dependsOn: [ledgr, fraud-scoring]\nconsumes: [ledger-events, card-events]\n'),
      },
      errors: [
        {
          message: 'Module "payments-api" depends on "ledgr", but no module has that name (did you mean "ledger"?)',
          file: 'services/payments/service-contract.yaml',
          line: 5,
          column: 13,
          endColumn: 18,
          module: 'payments-api',
        },
        {
          message: 'Module "payments-api" depends on "fraud-scoring", but no module has that name: fix the name or remove it from "dependsOn".',
          file: 'services/payments/service-contract.yaml',
          line: 5,
          column: 20,
        },
        {
          message: 'Module "payments-api" consumes API "card-events", but no module provides it',
          file: 'services/payments/service-contract.yaml',
          line: 6,
          column: 27,
        },
      ],
    },
  ],
});
