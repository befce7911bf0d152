import { reportProblems } from '../helpers';
import type { Rule } from '../rule';

export const skipped: Rule = {
  meta: {
    id: 'workspace/skipped',
    description: 'A file or folder left unread, and why (binary, too large, unreadable, a symbolic-link loop).',
    defaultSeverity: 'info',
  },
  check(ctx) {
    reportProblems(ctx, 'workspace/skipped', false);
  },
};
