import { experimentState } from '../../model/strategy';
import { declaredExperiments } from '../helpers';
import type { Rule } from '../rule';

export const experimentOverdue: Rule = {
  meta: {
    id: 'strategy/experiment-overdue',
    title: 'Experiment past its decision date',
    gap: { one: 'experiment past its decision date', other: 'experiments past their decision date' },
    description: 'An experiment past its `decideBy` date with no decision (scale, stop or extend).',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    for (const { experiment, module } of declaredExperiments(ctx)) {
      const state = experimentState({ decideBy: experiment.decideBy?.value ?? null, decision: experiment.decision?.value ?? null }, ctx.today);
      if (state !== 'overdue') continue;
      ctx.report({
        message: `The experiment of "${module ?? experiment.location.file}" was to be decided by ${experiment.decideBy!.value} and has no decision: record "decision: scale", "stop" or "extend" (with a new "decideBy").`,
        location: experiment.decideBy!.location,
        module,
      });
    }
  },
};
