import { ruleTester, text } from '../tester';
import { positionOf, threePriorities } from './fixtures';

const contract = (lifecycle: string, decision: string) =>
  text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: recommendations
  owner: "@acme/growth"
` +
  `lifecycle: ${lifecycle}\n` +
  text`
  experiment:
    hypothesis: Similar-item rails raise basket size.
    successCriterion: { metric: items per order, target: 1.4, by: 2026-09-01 }
    decideBy: 2026-09-15
` +
  (decision ? `  decision: ${decision}\n` : '');

const stopped = contract('production', 'stop');

ruleTester('strategy/experiment-undecided-in-production', {
  valid: [
    { name: 'in production after "scale"', files: { 'vision.yaml': threePriorities, 'services/recs/service-contract.yaml': contract('production', 'scale') } },
    { name: 'still experimental, undecided', files: { 'vision.yaml': threePriorities, 'services/recs/service-contract.yaml': contract('experimental', '') } },
  ],
  invalid: [
    {
      name: 'in production with no decision points at the experiment',
      files: { 'vision.yaml': threePriorities, 'services/recs/service-contract.yaml': contract('production', '') },
      errors: [{ message: 'runs in production, but its experiment recorded no decision', file: 'services/recs/service-contract.yaml', line: 6, column: 1, module: 'recommendations' }],
    },
    {
      name: 'in production after "stop" points at the decision',
      files: { 'vision.yaml': threePriorities, 'services/recs/service-contract.yaml': stopped },
      errors: [{ message: 'recorded "decision: stop"', file: 'services/recs/service-contract.yaml', ...positionOf(stopped, 'stop'), module: 'recommendations', severity: 'info' }],
    },
    {
      name: "a catalog entity's lifecycle and annotation",
      files: {
        'vision.yaml': threePriorities,
        'services/recs/catalog-info.yaml': text`
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: recommendations
            annotations:
              northstar.dev/experiment: "{ successCriterion: { metric: items per order, target: 1.4 }, decision: extend }"
          spec: { type: service, lifecycle: production, owner: growth }
        `,
      },
      errors: [{ message: 'recorded "decision: extend"', file: 'services/recs/catalog-info.yaml', line: 6, column: 104, module: 'recommendations' }],
    },
  ],
});
