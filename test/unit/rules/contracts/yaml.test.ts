import { ruleTester, text } from '../tester';

ruleTester('contracts/yaml', {
  valid: [
    {
      name: 'well-formed contract, teams and catalog files',
      files: {
        'services/payments/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: payments-api\n',
        'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n',
        'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\nspec:\n  type: team\n  children: []\n',
      },
    },
  ],
  invalid: [
    {
      name: 'an unclosed flow sequence in a contract',
      files: {
        'services/payments/service-contract.yaml': text`
          apiVersion: northstar/v1
          kind: ServiceContract
          name: payments-api
          dependsOn: [ledger, fraud-scoring
          tier: 1
        `,
      },
      errors: [{ message: '', file: 'services/payments/service-contract.yaml', line: 5, column: 1, module: 'payments-api' }],
    },
    {
      name: 'a tab-indented teams.yaml',
      files: { 'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n\t- id: "@acme/payments"\n' },
      errors: [{ message: '', file: 'teams.yaml', line: 4, column: 1 }],
    },
  ],
});
