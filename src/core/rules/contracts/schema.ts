import { reportProblems } from '../helpers';
import type { Rule } from '../rule';

export const contractsSchema: Rule = {
  meta: {
    id: 'contracts/schema',
    title: 'File that breaks its schema',
    gap: { one: 'file that breaks its schema', other: 'files that break their schema' },
    description: 'A service-contract.yaml, teams.yaml, vision.yaml or .northstar.yaml that breaks its JSON schema.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    reportProblems(ctx, 'contracts/schema');
  },
};
