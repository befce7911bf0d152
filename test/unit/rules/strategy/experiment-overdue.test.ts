import { ruleTester, text } from '../tester';
import { positionOf, threePriorities } from './fixtures';

// The tester's today is 2026-11-01.
const contract = (decideBy: string, decision = '') =>
  text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: one-click-wallets
  owner: "@acme/payments"
  lifecycle: experimental
  experiment:
    hypothesis: Wallet buttons on mobile raise checkout conversion.
    successCriterion: { metric: checkout conversion rate, target: 3.0, by: 2026-09-01 }
    started: 2026-06-01
` + `  decideBy: ${decideBy}\n${decision ? `  decision: ${decision}\n` : ''}`;

const blockAnnotation = text`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: recommendations
    annotations:
      northstar.dev/experiment: |
        hypothesis: Similar-item rails raise basket size.
        successCriterion: { metric: items per order, target: 1.4, by: 2026-09-01 }
        decideBy: 2026-10-15
  spec: { type: service, lifecycle: experimental, owner: growth }
`;

const overdue = contract('2026-10-15');

ruleTester('strategy/experiment-overdue', {
  valid: [
    { name: 'decideBy still ahead', files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': contract('2026-12-31') } },
    { name: 'decideBy today is not yet past', files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': contract('2026-11-01') } },
    { name: 'past, but decided', files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': contract('2026-10-15', 'stop') } },
    {
      name: "the analysis' today decides, not the clock",
      files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': overdue },
      options: { today: '2026-10-01' },
    },
  ],
  invalid: [
    {
      name: 'past decideBy with no decision points at the date',
      files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': overdue },
      errors: [
        {
          message: 'was to be decided by 2026-10-15 and has no decision',
          file: 'services/wallets/service-contract.yaml',
          ...positionOf(overdue, '2026-10-15'),
          endColumn: positionOf(overdue, '2026-10-15').column + 10,
          module: 'one-click-wallets',
        },
      ],
    },
    {
      name: "a catalog annotation's date, at its place inside the block",
      files: { 'vision.yaml': threePriorities, 'services/recs/catalog-info.yaml': blockAnnotation },
      errors: [
        {
          message: 'The experiment of "recommendations" was to be decided by 2026-10-15',
          file: 'services/recs/catalog-info.yaml',
          ...positionOf(blockAnnotation, '2026-10-15'),
          endColumn: positionOf(blockAnnotation, '2026-10-15').column + 10,
          module: 'recommendations',
        },
      ],
    },
  ],
});
