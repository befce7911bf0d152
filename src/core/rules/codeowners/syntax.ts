import { reportProblems } from '../helpers';
import type { Rule } from '../rule';

export const codeownersSyntax: Rule = {
  meta: {
    id: 'codeowners/syntax',
    title: 'Invalid CODEOWNERS line',
    gap: { one: 'invalid CODEOWNERS line', other: 'invalid CODEOWNERS lines' },
    description: 'A CODEOWNERS line that GitHub or GitLab would reject or misread (`!`, `[ ]`, a bad owner).',
    defaultSeverity: 'error',
  },
  check(ctx) {
    reportProblems(ctx, 'codeowners/syntax');
  },
};
