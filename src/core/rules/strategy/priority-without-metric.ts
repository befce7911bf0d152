import type { Rule } from '../rule';

export const priorityWithoutMetric: Rule = {
  meta: {
    id: 'strategy/priority-without-metric',
    title: 'Priority without a success metric',
    gap: { one: 'priority without a success metric', other: 'priorities without a success metric' },
    description: 'A priority with no success metric, or a metric with no target.',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    for (const priority of ctx.visionFile?.priorities ?? []) {
      if (priority.metrics.length === 0) {
        ctx.report({
          message: `Priority "${priority.id}" has no success metric: add "metrics" with an outcome to move (name, baseline, current, target).`,
          location: priority.location,
          module: null,
        });
        continue;
      }
      for (const metric of priority.metrics) {
        if (typeof metric.target === 'number' && Number.isFinite(metric.target)) continue;
        ctx.report({
          message: `Metric "${metric.name}" of priority "${priority.id}" has no target: add "target" so that progress can be measured.`,
          location: metric.location,
          module: null,
        });
      }
    }
  },
};
