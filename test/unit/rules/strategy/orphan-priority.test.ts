import { ruleTester, text } from '../tester';
import { threePriorities } from './fixtures';

const contract = (priorities: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
  priorities: [${priorities}]
`;

ruleTester('strategy/orphan-priority', {
  valid: [
    {
      name: 'priorities linked by a contract and by a code tag',
      files: {
        'vision.yaml': threePriorities,
        'services/payments/service-contract.yaml': contract('reliability, checkout-conversion'),
        'tools/finops/report.go': 'package finops\n\n// northstar:priority cost\nfunc Report() {}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a priority nothing serves',
      files: {
        'vision.yaml': threePriorities,
        'services/payments/service-contract.yaml': contract('reliability, checkout-conversion'),
      },
      errors: [
        {
          message: 'No module links to priority "cost": list it in the "priorities" of the contracts that serve it, or tag code with "northstar:priority cost".',
          file: 'vision.yaml',
          line: 18,
          column: 9,
          module: null,
        },
      ],
    },
  ],
});
