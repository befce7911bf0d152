import type { Located } from '../../sources/types';
import { daysBetween } from '../helpers';
import type { Rule } from '../rule';

export const staleReview: Rule = {
  meta: {
    id: 'security/stale-review',
    title: 'Stale privacy review or DR rehearsal',
    gap: { one: 'stale privacy review or DR rehearsal', other: 'stale privacy reviews or DR rehearsals' },
    description: 'A privacy review or disaster-recovery rehearsal older than the configured age.',
    defaultSeverity: 'info',
  },
  check(ctx) {
    const { privacyReviewDays, drRehearsalDays } = ctx.config.staleness;
    for (const contract of ctx.contracts) {
      const module = ctx.moduleOf(contract.file)?.name ?? contract.name?.value ?? null;
      const name = module ?? contract.file;
      const checkDate = (date: Located | null, maxDays: number, what: string, key: string, action: string): void => {
        if (!date) return;
        const age = daysBetween(date.value, ctx.today);
        if (age === null || age <= maxDays) return;
        ctx.report({
          message: `The last ${what} of module "${name}" was on ${date.value.slice(0, 10)}, ${age} days ago (more than ${maxDays}): ${action}, then update "${key}".`,
          location: date.location,
          module,
        });
      };
      checkDate(contract.security.privacyReview, privacyReviewDays, 'privacy review', 'security.privacyReview', 'review it again');
      checkDate(contract.resilience.drRehearsal, drRehearsalDays, 'disaster-recovery rehearsal', 'resilience.drRehearsal', 'rehearse recovery again');
    }
  },
};
