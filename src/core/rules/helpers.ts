/**
 * Helpers shared by several rules. Not a rule: the registry test only looks at
 * `rules/<area>/<name>.ts`.
 */
import type { CodeownersFile, CodeownersRule, FixEdit, Module, SourceLocation, SourceRange } from '../model/types';
import { parseEntityRef as parseCatalogRef } from '../sources/backstage';
import type { CodeownersUsage } from './indexes';
import type { CatalogEntity, ContractDecl, ExperimentDecl, InitiativeDecl, ParseProblem } from '../sources/types';
import type { RuleContext } from './rule';

/** Line 1, column 1 of a file (for findings about a whole file with nothing better to point at). */
export function startOfFile(file: string): SourceLocation {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}

export function at(file: string, range: SourceRange): SourceLocation {
  return { file, line: range.line, column: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

/**
 * Report the parse problems that belong to `ruleId` (parse-level rules). A problem is about a
 * module when it is in one of the files that define it (`definingOnly`), or, for skipped
 * files, in any file the module contains.
 */
export function reportProblems(
  ctx: RuleContext,
  ruleId: ParseProblem['ruleId'],
  definingOnly = true,
  keep: (problem: ParseProblem) => boolean = () => true,
): void {
  for (const problem of ctx.problems) {
    if (problem.ruleId !== ruleId || !keep(problem)) continue;
    const file = problem.location.file;
    const module = ctx.moduleOf(file);
    const about = module && (!definingOnly || module.files.includes(file)) ? module.name : null;
    ctx.report({ message: problem.message, location: problem.location, module: about, ...(problem.atLeast ? { atLeast: problem.atLeast } : {}) });
  }
}

/** "a", "a and b", "a, b and c". */
export function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function quoted(items: readonly string[]): string[] {
  return items.map((item) => `"${item}"`);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `ctx.files` as a set (a shared index of the snapshot). */
export function fileSet(ctx: RuleContext): ReadonlySet<string> {
  return ctx.indexes.fileSet();
}

/** The contract declared in a file, by its path. */
export function contractByFile(ctx: RuleContext, file: string): ContractDecl | undefined {
  return ctx.indexes.contractByFile(file);
}

/** The contract that declares a module, if any. */
export function contractOf(ctx: RuleContext, module: Module): ContractDecl | undefined {
  if (module.source !== 'contract') return undefined;
  return contractByFile(ctx, module.definedAt.file) ?? module.files.map((f) => contractByFile(ctx, f)).find(Boolean);
}

/**
 * Backstage entity reference `[kind:][namespace/]name` → its parts, kind and namespace
 * lowercased as Backstage compares them; a handle (`@org/team`) is a name. One parser: the
 * catalog reader's.
 */
export function parseEntityRef(ref: string): { kind: string | null; namespace: string; name: string } {
  const trimmed = ref.trim();
  if (trimmed.startsWith('@')) return { kind: null, namespace: 'default', name: trimmed };
  const parsed = parseCatalogRef(trimmed);
  return { kind: parsed.kind?.toLowerCase() ?? null, namespace: parsed.namespace.toLowerCase(), name: parsed.name };
}

/**
 * Edit distance, for "did you mean" hints on short names; gives up (returns `limit + 1`) as
 * soon as the distance must exceed `limit`, so comparing a name with thousands stays cheap.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (current[j] < rowMin) rowMin = current[j];
    }
    if (rowMin > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length];
}

/** Names longer than this get no "did you mean" hint: the edit distance is quadratic in length. */
const MAX_HINT_LENGTH = 200;

/**
 * Up to `count` candidates close enough to `name` to be a likely typo (the bar `closest` uses),
 * nearest first, ties in the candidates' order.
 */
export function nearest(name: string, candidates: Iterable<string>, count: number): string[] {
  if (name.length > MAX_HINT_LENGTH) return [];
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  const found: { candidate: string; distance: number; order: number }[] = [];
  let order = 0;
  for (const candidate of candidates) {
    order++;
    if (candidate.length > MAX_HINT_LENGTH || Math.abs(candidate.length - name.length) > allowed) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), allowed);
    if (distance <= allowed) found.push({ candidate, distance, order });
  }
  found.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return found.slice(0, count).map((f) => f.candidate);
}

/** The closest candidate to `name`, when close enough to be a likely typo. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_HINT_LENGTH) return undefined;
  const allowed = Math.max(1, Math.floor(name.length / 3));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    if (candidate.length > MAX_HINT_LENGTH || Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance - 1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/** Days from ISO date `from` to ISO date `to`; null when either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = Date.parse(from.slice(0, 10));
  const b = Date.parse(to.slice(0, 10));
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.floor((b - a) / 86_400_000);
}

/**
 * An edit that appends `lines` (without final line break) at the end of a file whose text
 * the engine holds; undefined when the text is not available.
 */
export function appendEdit(ctx: RuleContext, file: string, lines: string): FixEdit | undefined {
  const text = ctx.textOf?.(file);
  if (text === undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const split = text.split('\n');
  const line = split.length;
  const column = split[split.length - 1].length + 1;
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  const body = lines.split('\n').join(eol) + eol;
  return { file, range: { line, column, endLine: line, endColumn: column }, newText: (needsBreak ? eol : '') + body };
}

/** The last position of a CODEOWNERS rule's written content (pattern or last owner). */
export function endOfRule(rule: CodeownersRule): { line: number; column: number } {
  const last = rule.ownerRanges.length > 0 ? rule.ownerRanges[rule.ownerRanges.length - 1] : rule.patternRange;
  return { line: last.endLine, column: last.endColumn };
}

export type { CodeownersUsage } from './indexes';

/**
 * How many workspace files each CODEOWNERS rule matches and wins: one pass over the files,
 * shared by `codeowners/shadowed` and `codeowners/no-match` (a shared index of the snapshot).
 */
export function codeownersUsage(ctx: RuleContext, codeowners: CodeownersFile): CodeownersUsage {
  return ctx.indexes.codeownersUsage(codeowners);
}

/** The CODEOWNERS file a fix should write to when none exists. */
export function defaultCodeownersPath(ctx: RuleContext): string {
  return ctx.config.codeowners.path ?? '.github/CODEOWNERS';
}

/** The teams.yaml a fix should create when none exists. */
export const DEFAULT_TEAMS_FILE = 'teams.yaml';

/** Patterns GitHub cannot express without escapes it does not support. */
export function isPlainPath(path: string): boolean {
  return !/[\s[\]!#*?\\]/.test(path);
}

/**
 * The module a `dependsOn` entry names: a module name, or a Backstage entity reference
 * (`component:default/ledger`) whose name part is a module name.
 */
export function resolveModule(ctx: RuleContext, name: string): Module | undefined {
  const direct = ctx.moduleByName(name);
  if (direct) return direct;
  const parsed = parseEntityRef(name);
  return parsed.name !== name ? ctx.moduleByName(parsed.name) : undefined;
}

/**
 * Every provided API by name (contract `provides`, catalog `providesApis`, catalog API
 * entities), with the module that provides it (null for an API entity no module provides).
 */
export function providedApis(ctx: RuleContext): ReadonlyMap<string, Module | null> {
  return ctx.indexes.providedApis();
}

/** The API a `consumes` entry names (an API name or an `api:` entity reference), if provided. */
export function resolveApi(ctx: RuleContext, name: string): { name: string; provider: Module | null } | undefined {
  const apis = providedApis(ctx);
  if (apis.has(name)) return { name, provider: apis.get(name) ?? null };
  const parsed = parseEntityRef(name).name;
  if (parsed !== name && apis.has(parsed)) return { name: parsed, provider: apis.get(parsed) ?? null };
  return undefined;
}

/**
 * Does the repository declare any team (a teams.yaml entry or a Backstage `Group` entity)?
 * When it does not, owners are taken as written and an owner that nothing declares is not a
 * finding of its own (`ownership/unknown-owner` says so once).
 */
export function declaresTeams(ctx: Pick<RuleContext, 'teamsFile' | 'catalog'>): boolean {
  return (ctx.teamsFile?.teams.length ?? 0) > 0 || ctx.catalog.some((e) => e.kind.toLowerCase() === 'group');
}

/** Is an owner known: a declared team or person, a CODEOWNERS handle, a catalog Group or User? */
export function isKnownOwner(ctx: Pick<RuleContext, 'teamOf' | 'catalog'>, owner: string): boolean {
  if (ctx.teamOf(owner)) return true;
  if (owner.includes('@')) return false;
  const parsed = parseEntityRef(owner);
  return catalogOwnerRefs(ctx.catalog).has(`${parsed.kind ?? 'group'}:${parsed.namespace}/${parsed.name}`.toLowerCase());
}

const ownerRefsCache = new WeakMap<readonly CatalogEntity[], ReadonlySet<string>>();

/** The references of the catalog's Group and User entities, lowercased. */
function catalogOwnerRefs(catalog: readonly CatalogEntity[]): ReadonlySet<string> {
  let refs = ownerRefsCache.get(catalog);
  if (!refs) {
    const set = new Set<string>();
    for (const e of catalog) {
      const kind = e.kind.toLowerCase();
      if (kind === 'group' || kind === 'user') set.add(`${kind}:${e.namespace}/${e.name}`.toLowerCase());
    }
    refs = set;
    ownerRefsCache.set(catalog, refs);
  }
  return refs;
}

/**
 * A bare `jdoe` (or `group:jdoe`) that Backstage reads as a group nobody declares, while
 * CODEOWNERS names the person `@jdoe`: the handle, else undefined.
 */
export function personMeant(ctx: Pick<RuleContext, 'teamOf' | 'catalog'>, owner: string): string | undefined {
  const trimmed = owner.trim();
  if (trimmed.includes('@') || isKnownOwner(ctx, trimmed)) return undefined;
  const parsed = parseEntityRef(trimmed);
  if ((parsed.kind ?? 'group') !== 'group' || parsed.name === '') return undefined;
  const handle = `@${parsed.name}`;
  const team = ctx.teamOf(handle);
  return team && team.aliases.some((a) => a.toLowerCase() === handle.toLowerCase()) && /^@[A-Za-z0-9-]+$/.test(handle) ? handle : undefined;
}

/**
 * Does `ownership/unknown-owner` report this owner on its own line (so that no other rule
 * reports the same cause again)? An owner nothing declares, when the repository declares teams
 * (or, with no teams declared, a `@org/team` handle that CODEOWNERS could name); or a bare `jdoe`
 * where CODEOWNERS names the person `@jdoe`.
 */
export function isReportedUnknown(ctx: Pick<RuleContext, 'teamOf' | 'catalog' | 'teamsFile' | 'codeowners'>, owner: string): boolean {
  const trimmed = owner.trim();
  if (isKnownOwner(ctx, trimmed)) return false;
  if (personMeant(ctx, trimmed)) return true;
  return declaresTeams(ctx) || (ctx.codeowners !== null && trimmed.startsWith('@'));
}

/** An experiment where it is written, with the module it belongs to (DESIGN.md 1.8). */
export interface DeclaredExperiment {
  experiment: ExperimentDecl;
  /** The module's name, else the contract's or entity's name. */
  module: string | null;
  /** The module's lifecycle from the model (contract, else catalog). */
  lifecycle: Module['lifecycle'];
}

/**
 * Every experiment written in the workspace: contracts' `experiment`, then catalog entities'
 * annotation `northstar.dev/experiment`. Each is checked where it is written.
 */
export function declaredExperiments(ctx: RuleContext): DeclaredExperiment[] {
  const out: DeclaredExperiment[] = [];
  for (const contract of ctx.contracts) {
    if (!contract.experiment) continue;
    const module = ctx.moduleOf(contract.file);
    out.push({ experiment: contract.experiment, module: module?.name ?? contract.name?.value ?? null, lifecycle: module?.lifecycle ?? null });
  }
  for (const entity of ctx.catalog) {
    if (!entity.experiment) continue;
    const module = ctx.moduleByName(entity.name);
    out.push({ experiment: entity.experiment, module: module?.name ?? entity.name, lifecycle: module?.lifecycle ?? null });
  }
  return out;
}

/** Every initiative written in vision.yaml, with the priority it is under. */
export function declaredInitiatives(ctx: RuleContext): { priority: string; initiative: InitiativeDecl }[] {
  return (ctx.visionFile?.priorities ?? []).flatMap((p) => p.initiatives.map((initiative) => ({ priority: p.id, initiative })));
}
