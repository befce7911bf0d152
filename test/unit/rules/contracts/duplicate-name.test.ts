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
