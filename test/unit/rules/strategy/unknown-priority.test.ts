import { ruleTester, text } from '../tester';
import { threePriorities } from './fixtures';

const contract = (priorities: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
  priorities: [${priorities}]
`;

ruleTester('strategy/unknown-priority', {
  valid: [
    {
      name: 'contract priorities and code tags that vision.yaml declares',
      files: {
        'vision.yaml': threePriorities,
        'services/payments/service-contract.yaml': contract('reliability, checkout-conversion'),
        'services/payments/src/retry.ts': '// northstar:priority reliability, cost\nexport function retry() {}\n',
      },
    },
    {
      name: 'no vision.yaml: the rule does not run',
      files: { 'services/payments/service-contract.yaml': contract('anything-goes') },
    },
  ],
  invalid: [
    {
      name: 'a typo in a contract, an id from an old vision in a code tag',
      files: {
        'vision.yaml': threePriorities,
        'services/payments/service-contract.yaml': contract('reliabilty, checkout-conversion'),
        'services/payments/src/retry.py': '# northstar:priority growth\ndef retry():\n    pass\n',
      },
      errors: [
        {
          message: 'Module "payments-api" links to priority "reliabilty", which vision.yaml does not declare (did you mean "reliability"?)',
          file: 'services/payments/service-contract.yaml',
          line: 5,
          column: 14,
          endColumn: 24,
          module: 'payments-api',
        },
        {
          message: 'A northstar:priority tag links to priority "growth", which vision.yaml does not declare (known: reliability, checkout-conversion, cost)',
          file: 'services/payments/src/retry.py',
          line: 1,
          column: 22,
          endColumn: 28,
          module: 'payments-api',
        },
      ],
    },
  ],
});
