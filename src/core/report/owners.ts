/** `northstar owners`: who owns each path, which CODEOWNERS line decided, and the module. */
import type { CodeownersRule, OwnerMatch } from '../model/types';
import type { OwnersEntry, OwnersRuleRef } from './types';

function ruleRef(rule: CodeownersRule): OwnersRuleRef {
  return { file: rule.file, line: rule.line, pattern: rule.pattern };
}

export function buildOwnersEntry(path: string, match: OwnerMatch, module: string | null): OwnersEntry {
  return {
    path,
    owners: [...match.owners],
    rule: match.rule ? ruleRef(match.rule) : null,
    rules: match.rules.map(ruleRef),
    overridden: match.overridden.map(ruleRef),
    module,
  };
}

function describeRules(entry: OwnersEntry): string {
  const refs = entry.rules.length > 0 ? entry.rules : entry.rule ? [entry.rule] : [];
  return refs.map((r) => `${r.file}:${r.line} ${r.pattern}`).join(', ');
}

/** `path  @a @b  (CODEOWNERS:12 pattern)`, columns aligned; `(no owners)` when nobody owns it. */
export function formatOwnersText(entries: readonly OwnersEntry[]): string {
  const width = Math.max(0, ...entries.map((e) => e.path.length));
  const owners = entries.map((e) => (e.owners.length > 0 ? e.owners.join(' ') : '(no owners)'));
  const ownersWidth = Math.max(0, ...owners.map((o) => o.length));
  return entries
    .map((e, i) => {
      const rules = describeRules(e);
      const moduleText = e.module !== null ? `  [${e.module}]` : '';
      const line = `${(e.path === '' ? '.' : e.path).padEnd(width)}  ${owners[i].padEnd(ownersWidth)}  ${rules ? `(${rules})` : ''}${moduleText}`;
      return line.trimEnd() + '\n';
    })
    .join('');
}

export function formatOwnersJson(entries: readonly OwnersEntry[]): string {
  return JSON.stringify(entries, null, 2) + '\n';
}
