/**
 * Postmortems, demos and reviews as the model holds them: each action's `overdue` decided here,
 * once, against the analysis' today (never the clock), for the rule, the summary and the hover.
 */
import type { LearningAction, LearningRecord } from '../model/types';

/** Past its due date on `today` and not done. An action without a due date is never overdue. */
export function isOverdue(action: Pick<LearningAction, 'due' | 'done'>, today: string): boolean {
  return !action.done && action.due !== null && action.due < today.slice(0, 10);
}

/** The parsed notes with `overdue` set, in file order. */
export function resolveLearning(records: readonly LearningRecord[], today: string): LearningRecord[] {
  return records.map((r) => ({ ...r, actions: r.actions.map((a) => ({ ...a, overdue: isOverdue(a, today) })) }));
}
