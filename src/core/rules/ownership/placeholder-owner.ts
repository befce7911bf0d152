import { isPlaceholderOwner } from '../../model/teams';
import type { CodeownersRule, Fix, Module, SourceLocation, SourceRange } from '../../model/types';
import { at } from '../helpers';
import { folderOfPattern, ownerCandidates } from '../ownerFixes';
import type { Rule, RuleContext } from '../rule';

/** Fixes for placeholders on this many CODEOWNERS lines per run (each asks who owns a file). */
const MAX_FIXED_LINES = 50;

/**
 * A representative file a CODEOWNERS line owns: the defining file of the module whose folder it
 * names, else the first file under that folder it matches (else the CODEOWNERS file itself).
 */
function pathOfLine(ctx: RuleContext, rule: CodeownersRule, modulesByPath: ReadonlyMap<string, Module>): { path: string; module: Module | undefined } {
  const folder = folderOfPattern(rule.pattern);
  const named = folder ?? (rule.pattern === '*' ? '' : null);
  const module = named === null ? undefined : modulesByPath.get(named);
  if (module) return { path: module.definedAt.file, module };
  const prefix = folder === null ? '' : `${folder}/`;
  const file = ctx.files.find((f) => f.startsWith(prefix) && ctx.ownership?.ruleMatches(rule, f) !== false) ?? rule.file;
  return { path: file, module: ctx.moduleOf(file) };
}

/** The edit that removes the placeholder at `range` and the blanks before it, on its line. */
function removeFromLine(ctx: RuleContext, file: string, range: SourceRange): Fix['edits'][number] {
  const line = ctx.textOf?.(file)?.split('\n')[range.line - 1] ?? '';
  let column = range.column;
  while (column > 1 && (line[column - 2] === ' ' || line[column - 2] === '\t')) column--;
  return { file, range: { line: range.line, column, endLine: range.endLine, endColumn: range.endColumn }, newText: '' };
}

/** `@x` written as the text at `location` writes it: quoted the same way in YAML, bare in CODEOWNERS. */
function asWritten(ctx: RuleContext, location: SourceLocation, owner: string): string {
  const line = ctx.textOf?.(location.file)?.split('\n')[location.line - 1] ?? '';
  const quote = line[location.column - 1];
  if (quote === "'") return `'${owner.replace(/'/g, "''")}'`;
  return quote === '"' || owner.startsWith('@') ? JSON.stringify(owner) : owner;
}

export const placeholderOwner: Rule = {
  meta: {
    id: 'ownership/placeholder-owner',
    title: 'Placeholder owner',
    gap: { one: 'placeholder where an owner should be', other: 'placeholders where an owner should be' },
    description: 'A placeholder owner such as @TODO-team, which owns nothing, where a team should be named.',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    const seen = new Set<string>();
    const modulesByPath = new Map(ctx.model.modules.map((m) => [m.path, m]));
    let fixedLines = 0;
    for (const rule of ctx.codeowners?.rules ?? []) {
      if (rule.exclusion) continue;
      const real = rule.owners.filter((o) => !isPlaceholderOwner(o));
      rule.owners.forEach((owner, i) => {
        if (!isPlaceholderOwner(owner)) return;
        const range = rule.ownerRanges[i];
        // A GitLab section's default owners are reported once, on the header.
        const key = `${range.line}:${range.column}`;
        if (seen.has(key)) return;
        seen.add(key);
        const fixes: Fix[] = [];
        const located = fixedLines++ < MAX_FIXED_LINES ? pathOfLine(ctx, rule, modulesByPath) : null;
        const module = located ? located.module : modulesByPath.get(folderOfPattern(rule.pattern) ?? (rule.pattern === '*' ? '' : '/'));
        // Past the bound, the finding still comes, without fixes (no search for candidates).
        if (located && real.length > 0 && !rule.ownersFromSection) {
          fixes.push({ title: `Remove the placeholder ${owner} (the line names ${real.join(' ')})`, edits: [removeFromLine(ctx, rule.file, range)] });
        } else if (located) {
          for (const owners of ownerCandidates(ctx, located.path, module)) {
            fixes.push({ title: `Replace ${owner} with ${owners.join(' ')}`, edits: [{ file: rule.file, range, newText: owners.join(' ') }] });
          }
        }
        ctx.report({
          message: `"${owner}" is a placeholder, not an owner: ${rule.ownersFromSection ? 'this section' : `"${rule.pattern}"`} has no owner from it. Name the owning team.`,
          location: at(rule.file, range),
          module: module?.name ?? null,
          fixes,
        });
      });
    }
    for (const contract of ctx.contracts) {
      if (!contract.owner || !isPlaceholderOwner(contract.owner.value)) continue;
      const module = ctx.moduleOf(contract.file);
      const location = contract.owner.location;
      const fixes = ownerCandidates(ctx, contract.file, module)
        .filter((owners) => owners.length === 1)
        .map((owners): Fix => ({ title: `Set the owner to ${owners[0]}`, edits: [{ file: location.file, range: { line: location.line, column: location.column, endLine: location.endLine, endColumn: location.endColumn }, newText: asWritten(ctx, location, owners[0]) }] }));
      ctx.report({
        message: `Owner "${contract.owner.value}" is a placeholder, not an owner: name the team that owns module "${module?.name ?? contract.name?.value ?? contract.file}".`,
        location,
        module: module?.name ?? null,
        fixes,
      });
    }
    for (const entity of ctx.catalog) {
      if (!entity.owner || !isPlaceholderOwner(entity.owner.value)) continue;
      const kind = entity.kind.toLowerCase();
      ctx.report({
        message: `Owner "${entity.owner.value}" of ${entity.kind} "${entity.name}" is a placeholder, not an owner: name the owning Group.`,
        location: entity.owner.location,
        module: kind === 'component' || kind === 'resource' ? (ctx.moduleByName(entity.name)?.name ?? null) : null,
      });
    }
  },
};
