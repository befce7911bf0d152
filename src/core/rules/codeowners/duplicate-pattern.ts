import type { CodeownersRule } from '../../model/types';
import { at } from '../helpers';
import type { Rule } from '../rule';

/**
 * Two lines with the same pattern in the same section (GitLab sections are separate rule
 * sets, so one pattern in two sections is not a duplicate).
 */
export function duplicateKey(rule: CodeownersRule): string {
  return `${(rule.section ?? '').toLowerCase()}\u0000${rule.exclusion ? '!' : ''}${rule.pattern}`;
}

export const duplicatePattern: Rule = {
  meta: {
    id: 'codeowners/duplicate-pattern',
    title: 'Duplicate CODEOWNERS pattern',
    gap: { one: 'duplicate CODEOWNERS pattern', other: 'duplicate CODEOWNERS patterns' },
    description: 'The same CODEOWNERS pattern written twice: the earlier line never applies.',
    defaultSeverity: 'warning',
    reads: ['codeowners'],
  },
  check(ctx) {
    const codeowners = ctx.codeowners;
    if (!codeowners) return;
    const later = new Map<string, CodeownersRule>();
    // Walk backwards so each line is compared with the next line that repeats its pattern.
    const rules = [...codeowners.rules].sort((a, b) => a.line - b.line);
    const findings: { rule: CodeownersRule; next: CodeownersRule }[] = [];
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      const key = duplicateKey(rule);
      const next = later.get(key);
      if (next) findings.push({ rule, next });
      later.set(key, rule);
    }
    findings.reverse();
    for (const { rule, next } of findings) {
      const same = rule.owners.join(' ') === next.owners.join(' ');
      const owners = same ? 'with the same owners' : `with ${next.owners.length > 0 ? next.owners.join(' ') : 'no owners'}`;
      ctx.report({
        message: `Pattern "${rule.pattern}" is written again on line ${next.line} ${owners}, which overrides this line (the last match wins): remove this line.`,
        location: at(rule.file, rule.patternRange),
        module: null,
        fix: {
          title: `Remove the duplicate line ${rule.line} ("${rule.pattern}")`,
          edits: [{ file: rule.file, range: { line: rule.line, column: 1, endLine: rule.line + 1, endColumn: 1 }, newText: '' }],
        },
      });
    }
  },
};
