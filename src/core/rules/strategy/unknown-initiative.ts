import { closest, declaredInitiatives } from '../helpers';
import type { Rule } from '../rule';

export const unknownInitiative: Rule = {
  meta: {
    id: 'strategy/unknown-initiative',
    title: 'Unknown initiative',
    gap: { one: 'link to an unknown initiative', other: 'links to unknown initiatives' },
    description: "A contract's `initiatives` naming an initiative that vision.yaml does not declare.",
    defaultSeverity: 'error',
    requiresVision: true,
  },
  check(ctx) {
    const known = new Set(declaredInitiatives(ctx).map((d) => d.initiative.id.value));
    for (const contract of ctx.contracts) {
      if (contract.initiatives.length === 0) continue;
      const module = ctx.moduleOf(contract.file)?.name ?? contract.name?.value ?? null;
      for (const ref of contract.initiatives) {
        if (known.has(ref.name)) continue;
        const guess = closest(ref.name, known);
        const hint = guess ? ` (did you mean "${guess}"?)` : known.size > 0 ? ` (known: ${[...known].join(', ')})` : '';
        ctx.report({
          message: `Module "${module ?? contract.file}" names initiative "${ref.name}", which no priority in vision.yaml declares${hint}: fix the id or add the initiative under its priority.`,
          location: ref.location ?? contract.location,
          module,
        });
      }
    }
  },
};
