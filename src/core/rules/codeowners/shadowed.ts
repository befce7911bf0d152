import { at, codeownersUsage, plural } from '../helpers';
import type { Rule } from '../rule';
import { duplicateKey } from './duplicate-pattern';

export const shadowed: Rule = {
  meta: {
    id: 'codeowners/shadowed',
    title: 'CODEOWNERS rule that never applies',
    gap: { one: 'CODEOWNERS rule that never applies', other: 'CODEOWNERS rules that never apply' },
    description: 'A CODEOWNERS rule that never wins: later rules cover every file it matches.',
    defaultSeverity: 'warning',
    wholeRepository: true,
    uses: ['codeownersUsage'],
    reads: ['files', 'codeowners'],
  },
  check(ctx) {
    const codeowners = ctx.codeowners;
    if (!codeowners || codeowners.rules.length === 0) return;
    const usage = codeownersUsage(ctx, codeowners);
    // A line repeated later is codeowners/duplicate-pattern's finding, not this one's.
    const lastLineOf = new Map<string, number>();
    for (const rule of codeowners.rules) {
      const key = duplicateKey(rule);
      lastLineOf.set(key, Math.max(lastLineOf.get(key) ?? 0, rule.line));
    }
    for (const rule of codeowners.rules) {
      if (rule.exclusion) continue;
      const matched = usage.matched[rule.index] ?? 0;
      if (matched === 0 || (usage.won[rule.index] ?? 0) > 0) continue;
      if ((lastLineOf.get(duplicateKey(rule)) ?? rule.line) > rule.line) continue;
      const by = usage.overriddenBy[rule.index];
      const example = by ? `, e.g. line ${by.line} "${by.pattern}"` : '';
      ctx.report({
        message:
          `Pattern "${rule.pattern}" never decides an owner: every file it matches (${plural(matched, 'file')}) ` +
          `is matched by a later line${example}. Move it below them, or remove it.`,
        location: at(rule.file, rule.patternRange),
        module: null,
      });
    }
  },
};
