import { ruleTester, text } from '../tester';
import { initiatives, positionOf, priority, threePriorities, vision } from './fixtures';

const visionWith = vision([
  priority('reliability') + initiatives('{ id: multi-region-checkout, title: Multi-region checkout, owner: "@acme/platform", status: active, due: 2027-03-31 }'),
  priority('checkout-conversion'),
  priority('cost'),
]);

const contract = (ids: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: payments-api
  owner: "@acme/payments"
  initiatives: [${ids}]
`;

const typo = contract('multi-region-chekout');

ruleTester('strategy/unknown-initiative', {
  valid: [
    { name: 'an initiative vision.yaml declares', files: { 'vision.yaml': visionWith, 'services/payments/service-contract.yaml': contract('multi-region-checkout') } },
    { name: 'no vision.yaml: the rule does not run', files: { 'services/payments/service-contract.yaml': typo } },
  ],
  invalid: [
    {
      name: 'a typo, with a suggestion, at the id',
      files: { 'vision.yaml': visionWith, 'services/payments/service-contract.yaml': typo },
      errors: [
        {
          message: 'names initiative "multi-region-chekout", which no priority in vision.yaml declares (did you mean "multi-region-checkout"?)',
          file: 'services/payments/service-contract.yaml',
          ...positionOf(typo, 'multi-region-chekout'),
          module: 'payments-api',
        },
      ],
    },
    {
      name: 'a vision with no initiatives at all',
      files: { 'vision.yaml': threePriorities, 'services/payments/service-contract.yaml': contract('ledger-sharding') },
      errors: [{ message: 'names initiative "ledger-sharding"', file: 'services/payments/service-contract.yaml', line: 5, column: 15 }],
    },
  ],
});
