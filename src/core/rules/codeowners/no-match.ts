import { at, codeownersUsage } from '../helpers';
import type { Rule } from '../rule';

export const noMatch: Rule = {
  meta: {
    id: 'codeowners/no-match',
    description: 'A CODEOWNERS pattern that matches no file of the workspace.',
    defaultSeverity: 'warning',
    wholeRepository: true,
    uses: ['codeownersUsage'],
  },
  check(ctx) {
    const codeowners = ctx.codeowners;
    if (!codeowners || codeowners.rules.length === 0) return;
    const usage = codeownersUsage(ctx, codeowners);
    for (const rule of codeowners.rules) {
      if (rule.exclusion || (usage.matched[rule.index] ?? 0) > 0) continue;
      ctx.report({
        message: `Pattern "${rule.pattern}" matches no file: fix the path (renamed or moved?) or remove the line.`,
        location: at(rule.file, rule.patternRange),
        module: null,
      });
    }
  },
};
