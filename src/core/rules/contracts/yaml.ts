import { reportProblems } from '../helpers';
import type { Rule } from '../rule';

export const contractsYaml: Rule = {
  meta: {
    id: 'contracts/yaml',
    title: 'YAML that does not parse',
    gap: { one: 'YAML file that does not parse', other: 'YAML files that do not parse' },
    description: 'A Northstar or Backstage YAML file that does not parse.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    reportProblems(ctx, 'contracts/yaml');
  },
};
