import { hasMeasurableCriterion } from '../../sources/experiment';
import { declaredExperiments } from '../helpers';
import type { Rule } from '../rule';

export const experimentWithoutCriterion: Rule = {
  meta: {
    id: 'strategy/experiment-without-criterion',
    title: 'Experiment without a success criterion',
    gap: { one: 'experiment without a success criterion', other: 'experiments without a success criterion' },
    description: 'A contract module with `lifecycle: experimental` and no experiment, or an experiment with no measurable success criterion.',
    defaultSeverity: 'warning',
    requiresVision: true,
  },
  check(ctx) {
    // Contracts only: `experimental` is Backstage's everyday lifecycle word, not a claim of an experiment.
    for (const contract of ctx.contracts) {
      if (contract.lifecycle !== 'experimental' || contract.experiment) continue;
      const module = ctx.moduleOf(contract.file)?.name ?? contract.name?.value ?? null;
      ctx.report({
        message: `Module "${module ?? contract.file}" is experimental but declares no experiment: add "experiment" with a hypothesis, a success criterion (metric, target, by) and a "decideBy" date, so that someone decides whether to scale it.`,
        location: contract.name?.location ?? contract.location,
        module,
      });
    }
    for (const { experiment, module } of declaredExperiments(ctx)) {
      if (hasMeasurableCriterion(experiment)) continue;
      const c = experiment.successCriterion;
      const missing = c === null ? 'no "successCriterion"' : `a "successCriterion" without ${c.metric === null && c.target === null ? 'a metric or a target' : c.metric === null ? 'a metric' : 'a target'}`;
      ctx.report({
        message: `The experiment of "${module ?? experiment.location.file}" has ${missing}: state the metric, the target that means "scale", and the date to reach it by.`,
        location: c?.location ?? experiment.location,
        module,
      });
    }
  },
};
