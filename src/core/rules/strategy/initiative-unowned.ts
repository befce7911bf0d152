import { declaredInitiatives } from '../helpers';
import type { Rule } from '../rule';

export const initiativeUnowned: Rule = {
  meta: {
    id: 'strategy/initiative-unowned',
    title: 'Active initiative without owner or module',
    gap: { one: 'active initiative without an owner or module', other: 'active initiatives without an owner or module' },
    description: 'An active initiative with no owner, or with no module that carries its work.',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    const named = new Set(ctx.model.modules.flatMap((m) => m.initiatives ?? []));
    for (const { priority, initiative } of declaredInitiatives(ctx)) {
      if (initiative.status?.value !== 'active') continue;
      const id = initiative.id.value;
      const lacks: string[] = [];
      if (initiative.owner === null) lacks.push('no owner');
      // A module counts whether the initiative lists it or the module's contract names the initiative.
      if (initiative.modules.length === 0 && !named.has(id)) lacks.push('no module');
      if (lacks.length === 0) continue;
      ctx.report({
        message: `Active initiative "${id}" of priority "${priority}" has ${lacks.join(' and ')}: ${lacks.length === 2 ? 'add "owner" (the accountable team) and "modules" (where the work lands)' : lacks[0] === 'no owner' ? 'add "owner", the team accountable for it' : 'list the modules where the work lands in "modules"'}.`,
        location: initiative.id.location,
        module: null,
      });
    }
  },
};
