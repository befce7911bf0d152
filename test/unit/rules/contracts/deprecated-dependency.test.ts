import { ruleTester, text } from '../tester';

const contract = (name: string, lifecycle: string, extra = '') =>
  text`
    apiVersion: northstar/v1
    kind: ServiceContract
    name: ${name}
    owner: "@acme/payments"
    lifecycle: ${lifecycle}
  ` + extra;

const oldLedger = contract('old-ledger', 'deprecated', 'provides:\n  - name: ledger-v1\n    type: openapi\n');

ruleTester('contracts/deprecated-dependency', {
  valid: [
    {
      name: 'depending on production modules',
      files: {
        'services/ledger/service-contract.yaml': contract('ledger', 'production'),
        'services/payments/service-contract.yaml': contract('payments-api', 'production', 'dependsOn: [ledger]\n'),
      },
    },
    {
      name: 'a deprecated module may depend on another one',
      files: {
        'services/old-ledger/service-contract.yaml': oldLedger,
        'services/old-payments/service-contract.yaml': contract('old-payments', 'deprecated', 'dependsOn: [old-ledger]\n'),
      },
    },
  ],
  invalid: [
    {
      name: 'a dependency and an API consumed from a deprecated module',
      files: {
        'services/old-ledger/service-contract.yaml': oldLedger,
        'services/payments/service-contract.yaml': contract('payments-api', 'production', 'dependsOn: [old-ledger]\nconsumes: [ledger-v1]\n'),
      },
      errors: [
        {
          message: 'Module "payments-api" depends on "old-ledger", which is deprecated: plan a move to its replacement.',
          file: 'services/payments/service-contract.yaml',
          line: 6,
          column: 13,
          endColumn: 23,
          module: 'payments-api',
        },
        {
          message: 'Module "payments-api" consumes API "ledger-v1" of "old-ledger", which is deprecated',
          file: 'services/payments/service-contract.yaml',
          line: 7,
          column: 12,
        },
      ],
    },
  ],
});
