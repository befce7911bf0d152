/**
 * Declarations → the model of one snapshot (DESIGN section 2): teams, modules and their owning
 * teams, file assignment (tests, tags, inferred types), scorecard levels, priorities. Pure
 * apart from the memo it is handed; findings come after, from the rule run.
 */
import { moduleResolver, type ModuleResolver } from '../model/moduleOf';
import type { ComponentOwnersFile } from '../sources/componentOwners';
import type { CodeownersFile, LearningRecord, Model, Module, NorthstarConfig, OwnerMatch, PriorityTag, Team } from '../model/types';
import type { ModuleDraft } from '../model/module';
import { assignTeams, buildTeamDirectory, sameCodeownersTeams, type TeamDirectory } from '../model/teams';
import { scorecardLevel } from '../scorecard';
import { isScored } from '../model/predicates';
import type { CatalogEntity, ContractDecl, ManifestDecl, TeamsFile, VisionFile } from '../sources/types';
import { assignFiles, type TestMemo } from './assign';
import { buildModules, type ManifestMemo } from './modules';
import { shareUnchanged } from './share';
import { modulesAfterContractEdit, type LastModel } from './contractEdit';
import { modulesAfterCodeownersEdit } from './codeownersEdit';
import type { CodeownersBuild } from './codeowners';
import { initiativesOf } from './strategy';

export interface ModelInputs {
  rootLabel: string;
  files: readonly string[];
  fileSet: ReadonlySet<string>;
  config: NorthstarConfig;
  contracts: readonly ContractDecl[];
  catalog: readonly CatalogEntity[];
  manifests: readonly ManifestDecl[];
  teamsFile: TeamsFile | null;
  visionFile: VisionFile | null;
  /** `.github/component_owners.yml`, when the repository keeps owners there too. */
  componentOwners?: ComponentOwnersFile | null;
  codeowners: CodeownersFile | null;
  priorityTags: PriorityTag[];
  /**
   * Resolves once `priorityTags` holds every tag (the source files' scan may still run): the
   * build waits for it only where it gives modules their tags. Without it, the tags are there.
   */
  tagsReady?: () => Promise<void>;
  /** Postmortems, demos and reviews, `overdue` already decided (build/learning.ts). */
  learning?: readonly LearningRecord[];
  ownersOf(path: string): OwnerMatch;
  /**
   * The CODEOWNERS build behind `ownersOf`: with the last build's, an edit of CODEOWNERS tells
   * which files it gives other owners (build/codeownersEdit.ts). Without it, the full build.
   */
  codeownersBuild?: CodeownersBuild;
}

export interface BuiltModel {
  model: Omit<Model, 'findings'>;
  /** The declared teams and the resolver of names to them. */
  directory: TeamDirectory;
  moduleOf(path: string): Module | undefined;
  moduleByName(name: string): Module | undefined;
}

/**
 * What a model build keeps for the next: the team directory while its declarations are the same
 * objects, and the modules, so that an unchanged module stays the same object (build/share.ts).
 */
export interface ModelCarry {
  directory?: { teamsFile: TeamsFile | null; catalog: readonly CatalogEntity[]; codeowners: CodeownersFile | null; directory: TeamDirectory };
  modules?: readonly Module[];
  manifests?: ManifestMemo;
  /** The last build's inputs and result, from which an edit of contracts only is built (build/contractEdit.ts). */
  last?: LastModel;
}

export async function buildModel(input: ModelInputs, memo: TestMemo, pause: () => Promise<void> | null, carry: ModelCarry = {}): Promise<BuiltModel> {
  await pause();
  const kept = carry.directory;
  // A CODEOWNERS edit that declares no other team keeps the directory (and `teamOf`).
  const directory =
    kept &&
    kept.teamsFile === input.teamsFile &&
    kept.catalog === input.catalog &&
    (kept.codeowners === input.codeowners || sameCodeownersTeams(kept.directory, input.codeowners))
      ? kept.directory
      : buildTeamDirectory(input.teamsFile, input.catalog, input.codeowners);
  carry.directory = { teamsFile: input.teamsFile, catalog: input.catalog, codeowners: input.codeowners, directory };

  const last = carry.last;
  // The partial builds compare the tags: they are all there first.
  if (last && input.tagsReady) await input.tagsReady();
  const patched = last ? (modulesAfterContractEdit(input, last, directory) ?? modulesAfterCodeownersEdit(input, last, directory)) : null;
  let shared: readonly Module[];
  let teams: readonly Team[];
  let resolver: ModuleResolver<Module>;
  if (last && patched) {
    // The teams are the same: every owner the edit touched names a declared team.
    shared = patched;
    teams = last.teams;
    // The same folders in the same order: the folder answers found so far hold.
    resolver = patched === last.modules ? last.resolver : moduleResolver(patched, last.resolver.folders);
    carry.last = { ...last, inputs: input, modules: patched, resolver };
  } else {
    const built = await buildAllModules(input, directory, memo, pause, carry);
    ({ shared, teams } = built);
    resolver = moduleResolver(shared);
    carry.last = { inputs: input, directory, modules: shared, teams, teamById: built.teamById, resolver, ownedGroups: built.ownedGroups };
  }
  carry.modules = shared;
  const { moduleOf, moduleByName } = resolver;

  const visionFile = input.visionFile;
  const priorities = visionFile
    ? visionFile.priorities.map((p) => ({ id: p.id, title: p.title, owner: p.owner?.value ?? null, metrics: p.metrics, location: p.location, initiatives: initiativesOf(p) }))
    : [];

  return {
    model: {
      root: input.rootLabel,
      modules: shared,
      teams,
      priorities,
      vision: visionFile?.vision ?? null,
      codeowners: input.codeowners,
      priorityTags: input.priorityTags,
      learning: input.learning ?? [],
    },
    directory,
    moduleOf,
    moduleByName,
  };
}

/** Every module built from the declarations, files assigned, teams and levels decided; the unchanged ones the previous objects. */
async function buildAllModules(
  input: ModelInputs,
  directory: TeamDirectory,
  memo: TestMemo,
  pause: () => Promise<void> | null,
  carry: ModelCarry,
): Promise<{ shared: readonly Module[]; teams: Team[]; teamById: ReadonlyMap<string, Team>; ownedGroups: boolean }> {
  const { files, config } = input;
  await pause();
  const { modules, typeDeclared, testSubjects, ownedGroups } = await buildModules(
    { files, fileSet: input.fileSet, contracts: input.contracts, catalog: input.catalog, manifests: input.manifests, config, ownersOf: input.ownersOf, componentOwners: input.componentOwners ?? null, memo: (carry.manifests ??= {}) },
    pause,
  );
  const { moduleOfFile } = moduleResolver<ModuleDraft>(modules);
  await pause();
  await assignFiles(modules, files, moduleOfFile, input.priorityTags, config, memo, typeDeclared, pause, testSubjects, input.tagsReady);

  const teams = assignTeams(modules, directory);
  const teamById = new Map(teams.map((t) => [t.id, t] as const));
  for (let i = 0; i < modules.length; i++) {
    if ((i & 255) === 0) await pause();
    const m = modules[i];
    m.level = isScored(m) ? scorecardLevel(m, m.team === null ? undefined : teamById.get(m.team), config) : 'none';
  }

  // Unchanged modules are the previous snapshot's objects; the resolver answers with those.
  return { shared: shareUnchanged(carry.modules ?? null, modules as Module[]), teams, teamById, ownedGroups };
}
