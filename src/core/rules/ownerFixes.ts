/**
 * Fixes that finish the ownership job (issue 15): they write a real owner where one can be
 * inferred, complete an owner-less CODEOWNERS line instead of adding a second one, and keep the
 * file's own alignment. Shared by `ownership/missing-owner` and `ownership/placeholder-owner`.
 * Not a rule: the registry test only looks at `rules/<area>/<name>.ts`.
 */
import { isPlaceholderOwner, PLACEHOLDER_OWNER } from '../model/teams';
import type { CodeownersFile, CodeownersRule, Fix, FixEdit, Module, SourceLocation } from '../model/types';
import { contractOf, defaultCodeownersPath, isPlainPath } from './helpers';
import type { RuleContext } from './rule';

/** At most this many "assign to …" fixes per finding: a quick-fix menu, not a directory. */
export const MAX_OWNER_CANDIDATES = 3;

/** A module's folder as a path (no leading or trailing `/`), from a CODEOWNERS pattern naming exactly a folder; null otherwise. */
export function folderOfPattern(pattern: string): string | null {
  if (/[*?[\]\\!\s]/.test(pattern.replace(/\/\*\*$/, ''))) return null;
  const path = pattern.replace(/\/\*\*$/, '/').replace(/^\//, '').replace(/\/$/, '');
  return path === '' ? null : path;
}

/** The declared owner a contract or catalog entity writes for the module, when it is a placeholder. */
export function declaredPlaceholder(ctx: RuleContext, module: Module): SourceLocation | undefined {
  const contract = contractOf(ctx, module);
  if (contract?.owner && isPlaceholderOwner(contract.owner.value)) return contract.owner.location;
  for (const entity of ctx.catalog) {
    if (entity.name !== module.name || !entity.owner) continue;
    const kind = entity.kind.toLowerCase();
    if ((kind === 'component' || kind === 'resource') && isPlaceholderOwner(entity.owner.value)) return entity.owner.location;
  }
  return undefined;
}

/**
 * The CODEOWNERS line that gives the module's defining file only placeholder owners, if any: the
 * module has no owner because of it, and `ownership/placeholder-owner` reports it there.
 */
export function codeownersPlaceholder(ctx: RuleContext, module: Module): CodeownersRule | undefined {
  const match = ctx.ownersOf(module.definedAt.file);
  return match.rules.find((r) => !r.exclusion && r.owners.length > 0 && r.owners.every(isPlaceholderOwner));
}

/**
 * Owners that could own `path` (a module's defining file), best first, one entry per candidate
 * (a CODEOWNERS line may name several owners): the module's declared owner (contract, catalog),
 * the owners of the nearest earlier CODEOWNERS line that matches it, then teams.yaml's teams in
 * file order. Placeholders and repeats left out; at most MAX_OWNER_CANDIDATES.
 */
export function ownerCandidates(ctx: RuleContext, path: string, module: Module | undefined): string[][] {
  const out: string[][] = [];
  const seen = new Set<string>();
  const add = (owners: readonly string[]): void => {
    const real = owners.map((o) => o.trim()).filter((o) => o !== '' && !isPlaceholderOwner(o));
    if (real.length === 0) return;
    const key = real.map((o) => (ctx.teamOf(o)?.id ?? o).toLowerCase()).join(' ');
    if (seen.has(key)) return;
    seen.add(key);
    out.push(real);
  };
  if (module) {
    const contract = contractOf(ctx, module);
    // A CODEOWNERS owner is written as a handle: only a declared owner that is one (or names a team that has one).
    const declared = [contract?.owner?.value, ...ctx.catalog.filter((e) => e.name === module.name).map((e) => e.owner?.value)];
    for (const owner of declared) {
      if (!owner) continue;
      const handle = owner.trim().startsWith('@') ? owner.trim() : ctx.teamOf(owner)?.aliases.find((a) => a.startsWith('@'));
      if (handle) add([handle]);
    }
  }
  const match = ctx.ownersOf(path);
  // The deciding line gives no owner; the nearest line it overrode may.
  for (const rule of [...match.overridden].reverse()) {
    if (rule.exclusion || rule.owners.every(isPlaceholderOwner)) continue;
    add(rule.owners);
    break;
  }
  for (const team of ctx.teamsFile?.teams ?? []) add([team.id]);
  return out.slice(0, MAX_OWNER_CANDIDATES);
}

interface FileText {
  text: string;
  lines: string[];
  eol: string;
}

function fileText(ctx: RuleContext, file: string): FileText | undefined {
  const text = ctx.textOf?.(file);
  if (text === undefined) return undefined;
  return { text, lines: text.split('\n').map((l) => l.replace(/\r$/, '')), eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * The column the owners start at on the lines nearest `line` (the same section for GitLab), when
 * those lines align their owners past a single space; null when they do not (single space then).
 */
export function alignedOwnerColumn(codeowners: CodeownersFile, line: number, section: string | null): number | null {
  const written = codeowners.rules
    .filter((r) => !r.ownersFromSection && r.ownerRanges.length > 0 && r.ownerRanges[0].line === r.line && (r.section ?? '') === (section ?? ''))
    .sort((a, b) => Math.abs(a.line - line) - Math.abs(b.line - line) || a.line - b.line)
    .slice(0, 4);
  if (written.length < 2) return null;
  const column = written[0].ownerRanges[0].column;
  if (!written.every((r) => r.ownerRanges[0].column === column)) return null;
  // Aligned only when some line pads its owners (one space everywhere is the single-space style).
  return written.some((r) => column > r.patternRange.endColumn + 1) ? column : null;
}

/** The text between a pattern ending at `endColumn` and its owners starting at `column`, or one space. */
function gap(endColumn: number, column: number | null): string {
  return column !== null && column > endColumn + 1 ? ' '.repeat(column - endColumn) : ' ';
}

/** The pattern a new CODEOWNERS line writes for a module folder (`*` for the root). */
export function patternFor(module: Module): string | null {
  if (!isPlainPath(module.path)) return null;
  return module.path === '' ? '*' : `/${module.path}/`;
}

/**
 * The owner-less line for the module's folder that leaves it without owner, if it names that
 * folder exactly: a fix completes it instead of adding a second line (a duplicate pattern).
 */
export function ownerlessLineFor(ctx: RuleContext, module: Module): CodeownersRule | undefined {
  const rule = ctx.ownersOf(module.definedAt.file).rule;
  if (!rule || rule.exclusion || rule.ownersFromSection || rule.owners.length > 0) return undefined;
  if (module.path === '') return rule.pattern === '*' ? rule : undefined;
  return folderOfPattern(rule.pattern) === module.path && (rule.pattern.startsWith('/') || module.path.includes('/')) ? rule : undefined;
}

/** Owners inserted at the end of an owner-less line's pattern, aligned like the lines around it. */
export function completeLineEdit(ctx: RuleContext, codeowners: CodeownersFile, rule: CodeownersRule, owners: readonly string[]): FixEdit {
  const end = rule.patternRange.endColumn;
  const column = alignedOwnerColumn(codeowners, rule.line, rule.section);
  const t = fileText(ctx, rule.file);
  const rest = t?.lines[rule.line - 1]?.slice(end - 1) ?? '';
  // Replace the blanks after the pattern; a trailing comment stays, one space after the owners.
  const blanks = /^[ \t]*/.exec(rest)?.[0].length ?? 0;
  const comment = rest.length > blanks ? ' ' : '';
  return {
    file: rule.file,
    range: { line: rule.line, column: end, endLine: rule.line, endColumn: end + blanks },
    newText: gap(end, column) + owners.join(' ') + comment,
  };
}

/**
 * A new line `pattern owners`: for the root module (`*`) first, so that every later line still
 * overrides it; otherwise appended at the end (the last match wins). Creates `.github/CODEOWNERS`
 * when there is none.
 */
export function addLineEdit(ctx: RuleContext, pattern: string, owners: readonly string[]): FixEdit | undefined {
  const codeowners = ctx.codeowners;
  if (!codeowners) return { file: defaultCodeownersPath(ctx), range: null, newText: `${pattern} ${owners.join(' ')}\n` };
  const t = fileText(ctx, codeowners.file);
  if (t === undefined) return undefined;
  const first = pattern === '*' || codeowners.rules.length === 0;
  const near = first ? 1 : t.lines.length;
  const last = codeowners.rules.reduce<CodeownersRule | undefined>((a, b) => (a && a.line > b.line ? a : b), undefined);
  const section = first ? (codeowners.rules[0]?.section ?? null) : (last?.section ?? null);
  const column = alignedOwnerColumn(codeowners, near, section);
  const line = pattern + gap(pattern.length + 1, column) + owners.join(' ');
  if (first) return { file: codeowners.file, range: { line: 1, column: 1, endLine: 1, endColumn: 1 }, newText: line + t.eol };
  const raw = t.text.split('\n');
  const end = { line: raw.length, column: raw[raw.length - 1].length + 1 };
  const lead = t.text.length > 0 && !t.text.endsWith('\n') ? t.eol : '';
  return { file: codeowners.file, range: { ...end, endLine: end.line, endColumn: end.column }, newText: lead + line + t.eol };
}

/** "Assign services/billing/ to @acme/payments in CODEOWNERS" fixes, one per candidate; the placeholder when there is none. */
export function assignFixes(ctx: RuleContext, module: Module): Fix[] {
  const pattern = patternFor(module);
  if (pattern === null) return [];
  const folder = module.path === '' ? 'the root folder' : `${module.path}/`;
  const ownerless = ctx.codeowners ? ownerlessLineFor(ctx, module) : undefined;
  const edit = (owners: readonly string[]): FixEdit | undefined =>
    ownerless && ctx.codeowners ? completeLineEdit(ctx, ctx.codeowners, ownerless, owners) : addLineEdit(ctx, pattern, owners);
  const where = ownerless ? `on CODEOWNERS line ${ownerless.line}` : 'in CODEOWNERS';
  const fixes: Fix[] = [];
  for (const owners of ownerCandidates(ctx, module.definedAt.file, module)) {
    const e = edit(owners);
    if (e) fixes.push({ title: `Assign ${folder} to ${owners.join(' ')} ${where}`, edits: [e] });
  }
  if (fixes.length > 0) return fixes;
  const e = edit([PLACEHOLDER_OWNER]);
  return e ? [{ title: `Assign ${folder} to the placeholder ${PLACEHOLDER_OWNER} ${where} (no team is known: replace it)`, edits: [e] }] : [];
}
