import type { Rule } from '../rule';

/**
 * A rule that threw. The engine reports it (with the rule id and the error) and goes on;
 * this entry exists so that the id has metadata, a severity and a docs page.
 */
export const ruleError: Rule = {
  meta: {
    id: 'internal/rule-error',
    title: 'Rule that failed',
    gap: { one: 'rule that failed', other: 'rules that failed' },
    description: 'A rule that failed with an internal error; the other rules still ran.',
    defaultSeverity: 'error',
  },
  check() {
    // Reported by the engine, never by a check.
  },
};
