import type { Rule } from '../rule';

export const orphanPriority: Rule = {
  meta: {
    id: 'strategy/orphan-priority',
    title: 'Priority that nothing serves',
    gap: { one: 'priority that nothing serves', other: 'priorities that nothing serves' },
    description: 'A priority that no module or code links to.',
    defaultSeverity: 'info',
    requiresVision: true,
  },
  check(ctx) {
    const linked = new Set<string>();
    for (const module of ctx.model.modules) for (const id of module.priorities) linked.add(id);
    for (const tag of ctx.model.priorityTags) linked.add(tag.priority);
    for (const priority of ctx.visionFile?.priorities ?? []) {
      if (linked.has(priority.id)) continue;
      ctx.report({
        message: `No module links to priority "${priority.id}": list it in the "priorities" of the contracts that serve it, or tag code with "northstar:priority ${priority.id}".`,
        location: priority.location,
        module: null,
      });
    }
  },
};
