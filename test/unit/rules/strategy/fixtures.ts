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

/** `initiatives:` under a priority (append to `priority(...)`), one flow mapping per line. */
export function initiatives(...items: string[]): string {
  return `    initiatives:\n${items.map((item) => `      - ${item}\n`).join('')}`;
}

/** 1-based line and column of the first `needle` in `text` at or after line `fromLine`. */
export function positionOf(text: string, needle: string, fromLine = 1): { line: number; column: number } {
  const lines = text.split('\n');
  for (let i = fromLine - 1; i < lines.length; i++) {
    const at = lines[i].indexOf(needle);
    if (at >= 0) return { line: i + 1, column: at + 1 };
  }
  throw new Error(`"${needle}" is not in the fixture`);
}
