/**
 * The one place that decides which team a name refers to, which team owns a module, and what
 * a team is called. Every surface asks here (through the model it builds) and never
 * resolves a handle itself.
 *
 * One team, several names (DESIGN 1.4): a teams.yaml id and its aliases; a Backstage `Group`
 * entity under its reference and its `github.com/team-slug` handle; every CODEOWNERS handle;
 * and, failing those, a Backstage owner `payments` (or `group:default/payments`) matching the
 * team part of exactly one `@org/payments` handle. Names compare case-insensitively.
 *
 * People (DESIGN 1.3): a Backstage `user:jdoe` (in any namespace) and the CODEOWNERS handle
 * `@jdoe` are one person, as is a `User` entity whose `github.com/user-login` annotation is
 * `jdoe`. A bare `jdoe` is `group:default/jdoe`, as Backstage reads it: never a person.
 * A person is an owner, never a "team" on the surfaces (`isPerson`).
 *
 * A module's team: the team of its first owner, where the owners come with one precedence,
 * decided by the module builder: the contract's `owner`, else the catalog's `spec.owner`, else
 * the CODEOWNERS owners of the file that defines the module (in the module's folder). An owner
 * that nothing declares is still the module's team: an *undeclared* team, shown under its own
 * name (the reference's name part: `merchandising` for `group:default/merchandising`) and
 * counted like any other.
 */
import type { CatalogEntity, TeamsFile } from '../sources/types';
import { onCallSteps } from '../observability';
import { parseEntityRef } from '../sources/backstage';
import type { ModuleDraft } from './module';
import type { CodeownersFile, Draft, EscalationStep, Module, Model, SourceLocation, Team } from './types';

export interface TeamDirectory {
  /** The declared teams: teams.yaml, Backstage groups, CODEOWNERS handles (in that order). */
  readonly teams: readonly Team[];
  /** The declared team a handle or reference names, if any. */
  teamOf(name: string): Team | undefined;
}

const key = (name: string): string => name.trim().toLowerCase();

/** A GitHub user handle `@jdoe` (no `/org` part). */
export function isUserHandle(name: string): boolean {
  return /^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name.trim());
}

/**
 * A person rather than a team: a GitHub user handle, an e-mail address, or a Backstage `user:`
 * reference. Surfaces say "owner"/"person" for these, never "Team".
 */
export function isPerson(team: Pick<Team, 'id'>): boolean {
  const id = team.id.trim();
  if (isUserHandle(id)) return true;
  if (/^[^@\s]+@[^@\s]+$/.test(id)) return true;
  return !id.includes('@') && (parseEntityRef(id, 'group').kind ?? '').toLowerCase() === 'user';
}

/** The handle Northstar writes when it knows no owner: an obvious placeholder the reviewer replaces. */
export const PLACEHOLDER_OWNER = '@TODO-team';

/**
 * A placeholder, not an owner: `@TODO-team` (what Northstar's fixes write when nothing names a
 * team) and the same words people use for it, `@TODO`, `@TBD`, `@FIXME`, with or without `-team`
 * and an `@org/` part, in any case; and as Backstage references (`TODO`, `group:default/tbd`). It never counts as an owner (CODEOWNERS matching, a module's
 * owners, coverage, levels); `ownership/placeholder-owner` reports where it is written.
 */
export function isPlaceholderOwner(name: string): boolean {
  return /^(?:@|group:)?(?:[\w.-]+\/)?(?:todo|tbd|fixme)(?:-team)?$/i.test(name.trim());
}

/** "team" or "owner" (a person), for messages and surfaces. */
export function ownerWord(team: Pick<Team, 'id'>): 'team' | 'person' {
  return isPerson(team) ? 'person' : 'team';
}

/** `group:default/x` → `x`; `@org/x` and `a@b.c` stay as written. */
function displayNameOf(owner: string): string {
  const trimmed = owner.trim();
  if (trimmed.includes('@')) return trimmed;
  return parseEntityRef(trimmed, 'group').name || trimmed;
}

/** The comparable form of a catalog-style reference (`x`, `group:x`, `group:default/x` are one). */
function refKey(owner: string): string {
  const trimmed = owner.trim();
  if (trimmed.includes('@')) return key(trimmed);
  const ref = parseEntityRef(trimmed, 'group');
  return `${(ref.kind ?? 'group').toLowerCase()}:${ref.namespace.toLowerCase()}/${ref.name.toLowerCase()}`;
}

export function buildTeamDirectory(
  teamsFile: TeamsFile | null,
  catalog: readonly CatalogEntity[],
  codeowners: CodeownersFile | null,
): TeamDirectory {
  const teams: Draft<Team>[] = [];
  const byAlias = new Map<string, Draft<Team>>();
  const addAlias = (team: Draft<Team>, alias: string) => {
    if (!team.aliases.includes(alias)) team.aliases.push(alias);
    if (!byAlias.has(key(alias))) byAlias.set(key(alias), team);
  };

  for (const decl of teamsFile?.teams ?? []) {
    if (byAlias.has(key(decl.id))) continue;
    const team: Draft<Team> = { id: decl.id, name: decl.name ?? decl.id, aliases: [], escalation: [...decl.escalation], source: 'teams', location: decl.location };
    teams.push(team);
    addAlias(team, decl.id);
    for (const alias of decl.aliases) addAlias(team, alias);
  }

  // Backstage groups and users: one owner under several names (the entity reference, and the
  // GitHub handle its `github.com/team-slug` or `github.com/user-login` annotation gives).
  for (const entity of catalog) {
    const kind = entity.kind.toLowerCase();
    if (kind !== 'group' && kind !== 'user') continue;
    const ref = `${kind}:${entity.namespace}/${entity.name}`;
    const login = entity.annotations[kind === 'group' ? 'github.com/team-slug' : 'github.com/user-login']?.trim();
    const handle = login ? (login.startsWith('@') ? login : `@${login}`) : null;
    const existing = byAlias.get(key(ref)) ?? (handle ? byAlias.get(key(handle)) : undefined);
    const owner: Draft<Team> = existing ?? {
      id: handle ?? ref,
      name: entity.title ?? entity.name,
      aliases: [],
      escalation: [],
      source: 'catalog',
      location: entity.location,
    };
    if (!existing) teams.push(owner);
    addAlias(owner, ref);
    if (handle) addAlias(owner, handle);
    // A team that teams.yaml gives no escalation path takes its Group's on-call annotations.
    if (kind === 'group' && owner.escalation.length === 0) for (const step of onCallSteps(entity.annotations)) owner.escalation.push(step);
  }

  // Every CODEOWNERS handle names an owner, even when nothing else declares it.
  for (const { owner, location } of codeownersHandles(codeowners)) {
    if (byAlias.has(key(owner))) continue;
    const team: Draft<Team> = { id: owner, name: owner, aliases: [], escalation: [], source: 'codeowners', location };
    teams.push(team);
    addAlias(team, owner);
  }

  return directoryOf(teams);
}

/** Each CODEOWNERS handle (placeholders aside) where it is first written, in file order, one per name compared case-insensitively. */
function codeownersHandles(codeowners: CodeownersFile | null): { owner: string; location: SourceLocation }[] {
  const out: { owner: string; location: SourceLocation }[] = [];
  const seen = new Set<string>();
  for (const rule of codeowners?.rules ?? []) {
    for (const [index, owner] of rule.owners.entries()) {
      const k = key(owner);
      if (seen.has(k) || isPlaceholderOwner(owner)) continue;
      seen.add(k);
      out.push({ owner, location: { file: rule.file, ...rule.ownerRanges[index] } });
    }
  }
  return out;
}

/** A directory's teams CODEOWNERS alone declares, and the names of the others (kept per directory: one per edit otherwise). */
const splitTeams = new WeakMap<TeamDirectory, { declared: Set<string>; made: Team[] }>();

/**
 * Would `codeowners`, with the teams.yaml and catalog `directory` was built from, give the same
 * directory? All it reads of CODEOWNERS is the teams CODEOWNERS alone declares: each handle that
 * teams.yaml and the catalog do not name, where it is first written. An edit that adds a line of
 * known handles, changes a pattern or a comment below them keeps the directory (and `teamOf`).
 */
export function sameCodeownersTeams(directory: TeamDirectory, codeowners: CodeownersFile | null): boolean {
  let split = splitTeams.get(directory);
  if (!split) {
    split = { declared: new Set<string>(), made: [] };
    for (const team of directory.teams) {
      if (team.source === 'codeowners') split.made.push(team);
      else for (const alias of team.aliases) split.declared.add(key(alias));
    }
    splitTeams.set(directory, split);
  }
  const { declared, made } = split;
  let i = 0;
  for (const { owner, location } of codeownersHandles(codeowners)) {
    if (declared.has(key(owner))) continue;
    const team = made[i++] as Team | undefined;
    const at = team?.location;
    if (!team || !at || team.id !== owner || at.file !== location.file || at.line !== location.line || at.column !== location.column) return false;
    if (at.endLine !== location.endLine || at.endColumn !== location.endColumn) return false;
  }
  return i === made.length;
}

/**
 * The resolver over a list of teams (their ids and aliases): exact names first, then a
 * Backstage reference's `[kind:][namespace/]name`, then a bare `payments` naming the team
 * whose `@org/payments` handle is the only one with that team part.
 */
export function directoryOf(teams: readonly Team[]): TeamDirectory {
  const byAlias = new Map<string, Team>();
  for (const team of teams) {
    for (const alias of [team.id, ...team.aliases]) if (!byAlias.has(key(alias))) byAlias.set(key(alias), team);
  }
  const byTeamPart = new Map<string, Team[]>();
  for (const team of teams) {
    for (const alias of team.aliases) {
      if (!alias.startsWith('@')) continue;
      const slash = alias.indexOf('/');
      if (slash < 2 || slash === alias.length - 1 || alias.indexOf('/', slash + 1) !== -1 || /\s/.test(alias)) continue;
      const part = key(alias.slice(slash + 1));
      const list = byTeamPart.get(part) ?? [];
      if (!list.includes(team)) list.push(team);
      byTeamPart.set(part, list);
    }
  }

  const cache = new Map<string, Team | undefined>();
  const teamOf = (name: string): Team | undefined => {
    const k = key(name);
    if (cache.has(k)) return cache.get(k);
    let team = byAlias.get(k);
    if (!team && !k.includes('@')) {
      const ref = parseEntityRef(name.trim(), 'group');
      const kind = (ref.kind ?? 'group').toLowerCase();
      team = byAlias.get(`${kind}:${ref.namespace.toLowerCase()}/${ref.name.toLowerCase()}`);
      // `user:jdoe` in any namespace is the GitHub user `@jdoe` when nothing declares it otherwise.
      if (!team && kind === 'user') team = byAlias.get(key(`@${ref.name}`));
      if (!team && kind === 'group' && ref.namespace.toLowerCase() === 'default') {
        const candidates = byTeamPart.get(ref.name.toLowerCase());
        if (candidates && candidates.length === 1) team = candidates[0];
      }
    }
    cache.set(k, team);
    return team;
  };
  return { teams, teamOf };
}

/**
 * Give every module its team (`module.team`, a team id) and return the model's team list: the
 * declared teams, then one undeclared team per owner that nothing declares, in module order.
 */
export function assignTeams(modules: readonly ModuleDraft[], directory: TeamDirectory): Team[] {
  const teams: Team[] = [...directory.teams];
  const undeclared = new Map<string, Draft<Team>>();
  for (const m of modules) {
    const owner = m.owners[0];
    if (owner === undefined) {
      m.team = null;
      continue;
    }
    const declared = directory.teamOf(owner);
    if (declared) {
      m.team = declared.id;
      continue;
    }
    const k = refKey(owner);
    let team = undeclared.get(k);
    if (!team) {
      team = { id: owner.trim(), name: displayNameOf(owner), aliases: [owner.trim()], escalation: [], source: 'undeclared', location: m.ownerLocation };
      undeclared.set(k, team);
      teams.push(team);
    } else if (!team.aliases.includes(owner.trim())) {
      team.aliases.push(owner.trim());
    }
    m.team = team.id;
  }
  return teams;
}

/** The team of a module (from the model), or undefined when it has no owner. */
export function teamOfModule(model: Pick<Model, 'teams'>, module: Pick<Module, 'team'>): Team | undefined {
  return module.team === null ? undefined : model.teams.find((t) => t.id === module.team);
}

/**
 * How to escalate about a module, decided here only: its own on-call (a catalog Component's
 * on-call annotations) first, then its team's path (teams.yaml, else its Group's on-call
 * annotations). The hover's "how to escalate" and the scorecard's escalation criterion ask here.
 */
export interface ModuleEscalation {
  readonly steps: readonly EscalationStep[];
  /** Steps from the module's own catalog entry (the first `own` of `steps`). */
  readonly own: number;
  readonly team: Team | undefined;
}

export function escalationOf(module: Pick<Module, 'escalation'>, team: Team | undefined): ModuleEscalation {
  const own = module.escalation ?? [];
  return { steps: [...own, ...(team?.escalation ?? [])], own: own.length, team };
}

/** Does escalationOf give the module any step? (Counted, not built: the scorecard asks for every module on every update.) */
export function hasEscalation(module: Pick<Module, 'escalation'>, team: Team | undefined): boolean {
  return (module.escalation?.length ?? 0) + (team?.escalation.length ?? 0) > 0;
}

export interface TeamModules {
  /** null: the modules that no owner claims. */
  readonly team: Team | null;
  readonly modules: readonly Module[];
}

/**
 * Modules grouped by their team: teams by display name (case-insensitive), then the modules
 * without an owner last; modules in model order. The tree, the summary and the diagram's team
 * groups all come from here.
 */
export function modulesByTeam(model: Pick<Model, 'teams' | 'modules'>): TeamModules[] {
  const byId = new Map(model.teams.map((t) => [t.id, t] as const));
  const groups = new Map<string | null, Module[]>();
  for (const m of model.modules) {
    const list = groups.get(m.team);
    if (list) list.push(m);
    else groups.set(m.team, [m]);
  }
  const out: TeamModules[] = [];
  for (const [id, modules] of groups) if (id !== null) out.push({ team: byId.get(id) ?? null, modules });
  out.sort((a, b) => compareNames(a.team?.name ?? '', b.team?.name ?? '') || compareNames(a.team?.id ?? '', b.team?.id ?? ''));
  const unowned = groups.get(null);
  if (unowned) out.push({ team: null, modules: unowned });
  return out;
}

function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}
