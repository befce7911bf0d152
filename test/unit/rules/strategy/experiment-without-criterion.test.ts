import { ruleTester, text } from '../tester';
import { positionOf, threePriorities } from './fixtures';

const experimental = (experiment: string) =>
  text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: one-click-wallets
  owner: "@acme/payments"
  type: service
  lifecycle: experimental
` + experiment;

const fullExperiment = text`
  experiment:
    hypothesis: Wallet buttons on mobile raise checkout conversion.
    successCriterion: { metric: checkout conversion rate, target: 3.0, by: 2026-12-15 }
    started: 2026-09-01
    decideBy: 2026-12-31
`;
const noTarget = text`
  experiment:
    hypothesis: Wallet buttons on mobile raise checkout conversion.
    successCriterion: { metric: checkout conversion rate, by: 2026-12-15 }
    decideBy: 2026-12-31
`;
const noCriterion = text`
  experiment:
    hypothesis: Wallet buttons on mobile raise checkout conversion.
    decideBy: 2026-12-31
`;

const catalog = (lifecycle: string, annotation: string) => text`
  apiVersion: backstage.io/v1alpha1
  kind: Component
  metadata:
    name: recommendations
    annotations:
      northstar.dev/experiment: ${annotation}
  spec:
    type: service
    lifecycle: ${lifecycle}
    owner: growth
`;

const withoutCriterion = experimental(noTarget);
const bareExperimental = experimental('');
const catalogNoCriterion = catalog('experimental', '"{ hypothesis: Rails raise basket size, decideBy: 2026-10-15 }"');

ruleTester('strategy/experiment-without-criterion', {
  valid: [
    { name: 'an experimental module with a full experiment', files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': experimental(fullExperiment) } },
    {
      name: 'a catalog-only module with lifecycle experimental and no experiment (Backstage\'s everyday word)',
      files: {
        'vision.yaml': threePriorities,
        'services/recs/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata: { name: recommendations }
          spec: { type: service, lifecycle: experimental, owner: growth }
        `,
      },
    },
    {
      name: 'a catalog experiment with a criterion in a block annotation',
      files: {
        'vision.yaml': threePriorities,
        'services/recs/catalog-info.yaml': catalog(
          'experimental',
          '|\n        hypothesis: Similar-item rails raise basket size.\n        successCriterion: { metric: items per order, target: 1.4, by: 2026-10-01 }\n        decideBy: 2026-12-15',
        ),
      },
    },
    { name: 'no vision.yaml: the rule does not run', files: { 'services/wallets/service-contract.yaml': bareExperimental } },
  ],
  invalid: [
    {
      name: 'an experimental contract with no experiment points at its name',
      files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': bareExperimental },
      errors: [{ message: 'is experimental but declares no experiment', file: 'services/wallets/service-contract.yaml', line: 3, column: 7, module: 'one-click-wallets' }],
    },
    {
      name: 'a criterion without a target points at the criterion',
      files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': withoutCriterion },
      errors: [
        {
          message: 'has a "successCriterion" without a target',
          file: 'services/wallets/service-contract.yaml',
          ...positionOf(withoutCriterion, '{ metric'),
          module: 'one-click-wallets',
        },
      ],
    },
    {
      name: 'no criterion at all points at the experiment key',
      files: { 'vision.yaml': threePriorities, 'services/wallets/service-contract.yaml': experimental(noCriterion) },
      errors: [{ message: 'has no "successCriterion"', file: 'services/wallets/service-contract.yaml', line: 7, column: 1, module: 'one-click-wallets' }],
    },
    {
      name: 'a catalog annotation without a criterion points at the annotation value',
      files: { 'vision.yaml': threePriorities, 'services/recs/catalog-info.yaml': catalogNoCriterion },
      errors: [{ message: 'The experiment of "recommendations" has no "successCriterion"', file: 'services/recs/catalog-info.yaml', ...positionOf(catalogNoCriterion, '"{'), module: 'recommendations' }],
    },
  ],
});
