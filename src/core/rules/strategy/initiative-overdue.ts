import { isInitiativeOverdue } from '../../model/strategy';
import { declaredInitiatives } from '../helpers';
import type { Rule } from '../rule';

export const initiativeOverdue: Rule = {
  meta: {
    id: 'strategy/initiative-overdue',
    title: 'Initiative past its due date',
    gap: { one: 'initiative past its due date', other: 'initiatives past their due date' },
    description: 'An initiative past its `due` date that is neither done nor dropped.',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    for (const { priority, initiative } of declaredInitiatives(ctx)) {
      if (!isInitiativeOverdue({ due: initiative.due?.value ?? null, status: initiative.status?.value ?? null }, ctx.today)) continue;
      ctx.report({
        message: `Initiative "${initiative.id.value}" of priority "${priority}" was due ${initiative.due!.value} and is ${initiative.status?.value ?? 'not marked done'}: set a new "due" date, or mark it "done" or "dropped".`,
        location: initiative.due!.location,
        module: null,
      });
    }
  },
};
