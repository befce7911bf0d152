/** A vision.yaml like DESIGN.md's, with its priorities as parameters. */
import { text } from '../tester';

export const metric = '      - { name: availability, unit: "%", baseline: 99.5, current: 99.82, target: 99.95 }\n';

export function priority(id: string, metrics: string = metric): string {
  return `  - id: ${id}\n    title: ${id.replace(/-/g, ' ')}\n    owner: "@acme/platform"\n` + (metrics ? `    metrics:\n${metrics}` : '');
}

export function vision(priorities: string[], capacity = 'capacity: { innovation: 50, maintenance: 30, security: 20 }\n'): string {
  return (
    text`
      apiVersion: northstar/v1
      kind: Vision
      vision:
        direction: Checkout that never fails and gets faster every quarter.
        why: Lost payments are lost customers.
        capabilities: [Real-time fraud scoring, Multi-region failover]
      priorities:
    ` +
    priorities.join('') +
    capacity
  );
}

export const threePriorities = vision([priority('reliability'), priority('checkout-conversion'), priority('cost')]);

export const teamsYaml = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/platform"
      escalation:
        - { kind: chat, target: "#platform" }
`;
