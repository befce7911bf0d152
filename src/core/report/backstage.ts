/**
 * `northstar export backstage`: Backstage catalog entities for what the repository's catalog
 * files do not describe yet, so that an organisation gathers every repository's modules and
 * teams in the Backstage it already runs (no server of ours).
 *
 * - A Component per scored module no `catalog-info.yaml` describes (contract- or
 *   manifest-declared), owned by its team; modules without a team are left out and counted.
 * - A Group per team no catalog declares (teams.yaml teams, CODEOWNERS `@org/team` handles,
 *   owners nobody declares), a User per person handle (`@login`, e-mail).
 * - The scorecard as annotations on each exported Component (`northstar.dev/level`,
 *   `northstar.dev/missing`): Backstage shows annotations as they are, and Tech Insights or a
 *   catalog processor can read them.
 *
 * Names follow Backstage's rules (`isValidEntityName`: at most 63 characters of
 * `[A-Za-z0-9-_.]`, starting and ending alphanumeric); a module or team whose name breaks them
 * gets a valid name and keeps its own as `metadata.title`.
 */
import { makeValidator } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import { isArchitecturalDependency, isScored } from '../model/predicates';
import { isPerson, teamOfModule } from '../model/teams';
import type { Model, Module, NorthstarConfig, Team } from '../model/types';
import { SCORECARD_CRITERIA, scorecardCriteria } from '../scorecard';
import { isCatalogFile } from '../sources/backstage';

export interface BackstageEntity {
  apiVersion: 'backstage.io/v1alpha1';
  kind: 'Component' | 'Group' | 'User';
  metadata: { name: string; title?: string; description?: string; annotations?: Record<string, string>; tags?: string[] };
  spec: Record<string, unknown>;
}

export interface BackstageExport {
  entities: BackstageEntity[];
  /** Modules no catalog describes that have no team to own them: not exported. */
  unowned: string[];
}

const validator = makeValidator();

/** Without trailing characters other than letters and digits (a loop: an anchored-at-end regex moves quadratically). */
function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && !/[A-Za-z0-9]/.test(text[end - 1])) end--;
  return text.slice(0, end);
}

/** A valid Backstage object name for `name` (unique among `taken`, which it joins). */
function objectName(name: string, taken: Set<string>): string {
  let base = name
    .replace(/^@/, '')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  base = trimEnd(base.slice(0, 63)) || 'unnamed';
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()) || !validator.isValidEntityName(candidate); n++) {
    const suffix = `-${n}`;
    candidate = `${trimEnd(base.slice(0, 63 - suffix.length))}${suffix}`;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Is the module already in a catalog (a catalog-info file describes it)? */
function inCatalog(module: Module): boolean {
  return module.source === 'catalog' || module.files.some((f) => isCatalogFile(f.slice(f.lastIndexOf('/') + 1)));
}

/** The entity a team is exported as, or null when a catalog declares it already. */
function teamEntity(team: Team, names: Set<string>): BackstageEntity | null {
  if (team.source === 'catalog') return null;
  const id = team.id.trim();
  if (isPerson(team)) {
    const email = /^[^@\s]+@[^@\s]+$/.test(id) ? id : null;
    const name = objectName(email ? email.slice(0, email.indexOf('@')) : id, names);
    const annotations: Record<string, string> = email ? {} : { 'github.com/user-login': id.replace(/^@/, '') };
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, ...(Object.keys(annotations).length > 0 && { annotations }) },
      spec: { profile: { displayName: team.name, ...(email && { email }) }, memberOf: [] },
    };
  }
  // `@acme/payments` is the GitHub team `payments` of the organisation `acme`.
  const handle = /^@([^/\s]+)\/([^/\s]+)$/.exec(id) ?? team.aliases.map((a) => /^@([^/\s]+)\/([^/\s]+)$/.exec(a.trim())).find((m) => m !== null) ?? null;
  const name = objectName(handle && id.startsWith('@') ? handle[2] : id, names);
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name,
      ...(team.name !== name && { title: team.name }),
      ...(handle && { annotations: { 'github.com/team-slug': `${handle[1]}/${handle[2]}` } }),
    },
    spec: { type: 'team', profile: { displayName: team.name }, children: [] },
  };
}

function entityRef(entity: BackstageEntity): string {
  return `${entity.kind.toLowerCase()}:default/${entity.metadata.name}`;
}

export function buildBackstageExport(model: Model, config?: NorthstarConfig): BackstageExport {
  const names = { Component: new Set<string>(), Group: new Set<string>(), User: new Set<string>() };
  // Names the repository's catalog already uses are taken.
  for (const m of model.modules) if (inCatalog(m)) names.Component.add(m.name.toLowerCase());
  const teams = new Map<string, { entity: BackstageEntity | null; ref: string }>();
  const refOf = (team: Team): string => {
    const known = teams.get(team.id);
    if (known) return known.ref;
    const entity = teamEntity(team, isPerson(team) ? names.User : names.Group);
    const ref = entity ? entityRef(entity) : team.id;
    teams.set(team.id, { entity, ref });
    return ref;
  };

  const exported = model.modules.filter((m) => isScored(m) && !inCatalog(m));
  const componentNames = new Map<string, string>();
  for (const m of exported) componentNames.set(m.name, objectName(m.name, names.Component));
  const catalogNames = new Map(model.modules.filter(inCatalog).map((m) => [m.name, m.name]));

  const components: BackstageEntity[] = [];
  const unowned: string[] = [];
  for (const m of exported) {
    const team = teamOfModule(model, m);
    if (!team) {
      unowned.push(m.name);
      continue;
    }
    const name = componentNames.get(m.name)!;
    const criteria = scorecardCriteria(m, team, config);
    // Every criterion missing (not those .northstar.yaml leaves unassessed), as annotation tokens (`escalation-path`, `threat-model`).
    const missing = SCORECARD_CRITERIA.filter((c) => criteria[c.key] === 'missing').map((c) => c.label.toLowerCase().replace(/ /g, '-'));
    const dependsOn = m.dependsOn
      .filter(isArchitecturalDependency)
      .map((d) => componentNames.get(d.name) ?? catalogNames.get(d.name))
      .filter((n): n is string => n !== undefined)
      .map((n) => `component:default/${n}`);
    components.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        ...(m.name !== name && { title: m.name }),
        ...(m.description && { description: m.description }),
        annotations: {
          'northstar.dev/level': m.level,
          ...(missing.length > 0 && { 'northstar.dev/missing': missing.join(',') }),
          'northstar.dev/source-location': m.definedAt.file,
        },
      },
      spec: {
        type: m.type,
        // Backstage requires a lifecycle; a module that declares none says so.
        lifecycle: m.lifecycle ?? 'unknown',
        owner: refOf(team),
        ...(m.system && { system: m.system }),
        ...(dependsOn.length > 0 && { dependsOn: [...new Set(dependsOn)] }),
      },
    });
  }
  // Teams no catalog declares, in the model's order, each once.
  for (const team of model.teams) refOf(team);
  const groups = [...teams.values()].map((t) => t.entity).filter((e): e is BackstageEntity => e !== null);
  return { entities: [...groups, ...components], unowned };
}

/** The entities as one multi-document YAML file (the shape of a `catalog-info.yaml`). */
export function formatBackstageYaml(exported: BackstageExport): string {
  return exported.entities.map((e) => `---\n${stringify(e, { lineWidth: 0 })}`).join('');
}
