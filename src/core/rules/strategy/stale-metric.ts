import { daysBetween } from '../helpers';
import type { Rule } from '../rule';

export const staleMetric: Rule = {
  meta: {
    id: 'strategy/stale-metric',
    title: 'Stale metric',
    gap: { one: 'stale metric', other: 'stale metrics' },
    description: 'A vision metric not updated (in git or in its history samples) for longer than the configured age.',
    defaultSeverity: 'info',
    requiresVision: true,
  },
  check(ctx) {
    const maxDays = ctx.config.staleness.metricDays;
    for (const priority of ctx.model.priorities) {
      for (const metric of priority.metrics) {
        // No date known (no git history, no samples): nothing to say about its age.
        const lastUpdate = metric.trend?.lastUpdate;
        if (!lastUpdate) continue;
        const age = daysBetween(lastUpdate, ctx.today);
        if (age === null || age <= maxDays) continue;
        ctx.report({
          message: `Metric "${metric.name}" of priority "${priority.id}" was last updated on ${lastUpdate}, ${age} days ago (more than ${maxDays}): measure it again and update "current" (or add a "history" sample).`,
          location: metric.location,
          module: null,
        });
      }
    }
  },
};
