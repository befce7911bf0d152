import { declaredExperiments } from '../helpers';
import type { Rule } from '../rule';

export const experimentUndecidedInProduction: Rule = {
  meta: {
    id: 'strategy/experiment-undecided-in-production',
    title: 'Production module whose experiment never scaled',
    gap: { one: 'production module whose experiment never scaled', other: 'production modules whose experiments never scaled' },
    description: 'A module with `lifecycle: production` whose experiment never recorded `decision: scale`.',
    defaultSeverity: 'info',
    requiresVision: true,
  },
  check(ctx) {
    for (const { experiment, module, lifecycle } of declaredExperiments(ctx)) {
      if (lifecycle !== 'production' || experiment.decision?.value === 'scale') continue;
      const decided = experiment.decision ? `recorded "decision: ${experiment.decision.value}"` : 'recorded no decision';
      ctx.report({
        message: `"${module ?? experiment.location.file}" runs in production, but its experiment ${decided}: record "decision: scale" if it met its criterion, or say why it went to production anyway.`,
        location: experiment.decision?.location ?? experiment.location,
        module,
      });
    }
  },
};
