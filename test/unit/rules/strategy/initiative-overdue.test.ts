import { ruleTester } from '../tester';
import { initiatives, positionOf, priority, vision } from './fixtures';

// The tester's today is 2026-11-01.
const withInitiatives = (...items: string[]) => vision([priority('reliability') + initiatives(...items), priority('checkout-conversion'), priority('cost')]);

const item = (status: string, due: string) =>
  `{ id: multi-region-checkout, title: Multi-region checkout, owner: "@acme/platform", status: ${status}, due: ${due}, modules: [payments-api] }`;

const overdue = withInitiatives(item('active', '2026-09-30'), item('planned', '2027-03-31').replace('multi-region-checkout', 'ledger-sharding'));
const plannedLate = withInitiatives(item('planned', '2026-10-31'));

ruleTester('strategy/initiative-overdue', {
  valid: [
    { name: 'due ahead', files: { 'vision.yaml': withInitiatives(item('active', '2027-01-31')) } },
    { name: 'past due but done', files: { 'vision.yaml': withInitiatives(item('done', '2026-09-30')) } },
    { name: 'past due but dropped', files: { 'vision.yaml': withInitiatives(item('dropped', '2026-09-30')) } },
    { name: 'due today is not yet past', files: { 'vision.yaml': withInitiatives(item('active', '2026-11-01')) } },
    { name: "the analysis' today decides", files: { 'vision.yaml': overdue }, options: { today: '2026-09-01' } },
  ],
  invalid: [
    {
      name: 'an active initiative past due points at its date; a later one is fine',
      files: { 'vision.yaml': overdue },
      errors: [
        {
          message: 'Initiative "multi-region-checkout" of priority "reliability" was due 2026-09-30 and is active',
          file: 'vision.yaml',
          ...positionOf(overdue, '2026-09-30'),
          endColumn: positionOf(overdue, '2026-09-30').column + 10,
          module: null,
        },
      ],
    },
    {
      name: 'a planned initiative past due',
      files: { 'vision.yaml': plannedLate },
      errors: [{ message: 'was due 2026-10-31 and is planned', file: 'vision.yaml', ...positionOf(plannedLate, '2026-10-31') }],
    },
  ],
});
