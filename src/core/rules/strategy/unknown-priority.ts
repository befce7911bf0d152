import type { SourceLocation } from '../../model/types';
import { at, closest } from '../helpers';
import type { Rule } from '../rule';

export const unknownPriority: Rule = {
  meta: {
    id: 'strategy/unknown-priority',
    title: 'Unknown priority',
    gap: { one: 'link to an unknown priority', other: 'links to unknown priorities' },
    description: 'A contract or a `northstar:priority` tag naming a priority that vision.yaml lacks.',
    defaultSeverity: 'error',
    requiresVision: true,
  },
  check(ctx) {
    const known = new Set(ctx.model.priorities.map((p) => p.id));
    const hint = (id: string): string => {
      const guess = closest(id, known);
      if (guess) return ` (did you mean "${guess}"?)`;
      return known.size > 0 ? ` (known: ${[...known].join(', ')})` : '';
    };
    const check = (id: string, location: SourceLocation, module: string | null, where: string): void => {
      if (known.has(id)) return;
      ctx.report({
        message: `${where} links to priority "${id}", which vision.yaml does not declare${hint(id)}: fix the id or add the priority to vision.yaml.`,
        location,
        module,
      });
    };
    for (const contract of ctx.contracts) {
      if (contract.priorities.length === 0) continue;
      const module = ctx.moduleOf(contract.file)?.name ?? contract.name?.value ?? null;
      for (const ref of contract.priorities) {
        check(ref.name, ref.location ?? contract.location, module, `Module "${module ?? contract.file}"`);
      }
    }
    for (const tag of ctx.model.priorityTags) {
      check(tag.priority, at(tag.file, tag.range), ctx.moduleOf(tag.file)?.name ?? null, 'A northstar:priority tag');
    }
  },
};
