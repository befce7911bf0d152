import { startOfFile } from '../helpers';
import type { Rule } from '../rule';

export const MIN_PRIORITIES = 3;
export const MAX_PRIORITIES = 5;

export const priorityCount: Rule = {
  meta: {
    id: 'strategy/priority-count',
    title: 'Not 3 to 5 priorities',
    gap: { one: 'priority list that is not 3 to 5 long', other: 'priority lists that are not 3 to 5 long' },
    description: 'A vision with fewer than 3 or more than 5 priorities.',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    const vision = ctx.visionFile;
    if (!vision) return;
    const count = vision.priorities.length;
    if (count >= MIN_PRIORITIES && count <= MAX_PRIORITIES) return;
    ctx.report({
      message:
        count < MIN_PRIORITIES
          ? `vision.yaml has ${count} ${count === 1 ? 'priority' : 'priorities'}: name 3 to 5, so that the strategy says what matters most.`
          : `vision.yaml has ${count} priorities: keep 3 to 5 (when everything is a priority, nothing is) and merge or drop the rest.`,
      location: vision.prioritiesLocation ?? startOfFile(vision.vision.file),
      module: null,
    });
  },
};
