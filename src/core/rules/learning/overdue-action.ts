import { LEARNING_KIND_LABEL, modulesOfRecord } from '../../model/learning';
import { daysBetween, plural } from '../helpers';
import type { Rule } from '../rule';

export const overdueAction: Rule = {
  meta: {
    id: 'learning/overdue-action',
    title: 'Overdue action item',
    gap: { one: 'overdue action item', other: 'overdue action items' },
    description: 'An action of a postmortem, demo or review that is past its due date and not done.',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    for (const record of ctx.model.learning) {
      const module = modulesOfRecord(record, ctx.moduleByName)[0]?.name ?? null;
      const what = `${LEARNING_KIND_LABEL[record.kind].toLowerCase()} "${record.title}"${record.date ? ` (${record.date})` : ''}`;
      for (const action of record.actions) {
        // Decided once, against the analysis' today (build/learning.ts).
        if (!action.overdue || action.due === null) continue;
        const days = daysBetween(action.due, ctx.today) ?? 0;
        const owner = action.owner ? `, owned by ${action.owner},` : ' has no owner and';
        ctx.report({
          message: `Action "${action.title}" of the ${what}${owner} was due on ${action.due}, ${plural(days, 'day')} ago: do it and set "done: true", or agree a new "due" date.`,
          location: action.dueLocation ?? action.location,
          module,
        });
      }
    }
  },
};
