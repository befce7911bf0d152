/**
 * Declarations → the model of one snapshot (DESIGN section 2): teams, modules and their owning
 * teams, file assignment (tests, tags, inferred types), scorecard levels, priorities. Pure
 * apart from the memo it is handed; findings come after, from the rule run.
 */
import { moduleResolver } from '../model/moduleOf';
import type { ComponentOwnersFile } from '../sources/componentOwners';
import type { CodeownersFile, LearningRecord, Model, Module, NorthstarConfig, OwnerMatch, PriorityTag } from '../model/types';
import type { ModuleDraft } from '../model/module';
import { assignTeams, buildTeamDirectory, type TeamDirectory } from '../model/teams';
import { scorecardLevel } from '../scorecard';
import { isScored } from '../model/predicates';
import type { CatalogEntity, ContractDecl, ManifestDecl, TeamsFile, VisionFile } from '../sources/types';
import { assignFiles, type TestMemo } from './assign';
import { buildModules, type ManifestMemo } from './modules';
import { shareUnchanged } from './share';
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
  /** Postmortems, demos and reviews, `overdue` already decided (build/learning.ts). */
  learning?: readonly LearningRecord[];
  ownersOf(path: string): OwnerMatch;
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
}

export async function buildModel(input: ModelInputs, memo: TestMemo, pause: () => Promise<void> | null, carry: ModelCarry = {}): Promise<BuiltModel> {
  const { files, config } = input;
  await pause();
  const kept = carry.directory;
  const directory =
    kept && kept.teamsFile === input.teamsFile && kept.catalog === input.catalog && kept.codeowners === input.codeowners
      ? kept.directory
      : buildTeamDirectory(input.teamsFile, input.catalog, input.codeowners);
  carry.directory = { teamsFile: input.teamsFile, catalog: input.catalog, codeowners: input.codeowners, directory };

  await pause();
  const { modules, typeDeclared, testSubjects } = await buildModules(
    { files, fileSet: input.fileSet, contracts: input.contracts, catalog: input.catalog, manifests: input.manifests, config, ownersOf: input.ownersOf, componentOwners: input.componentOwners ?? null, memo: (carry.manifests ??= {}) },
    pause,
  );
  const { moduleOfFile } = moduleResolver<ModuleDraft>(modules);
  await pause();
  await assignFiles(modules, files, moduleOfFile, input.priorityTags, config, memo, typeDeclared, pause, testSubjects);

  const teams = assignTeams(modules, directory);
  const teamById = new Map(teams.map((t) => [t.id, t] as const));
  for (let i = 0; i < modules.length; i++) {
    if ((i & 255) === 0) await pause();
    const m = modules[i];
    m.level = isScored(m) ? scorecardLevel(m, m.team === null ? undefined : teamById.get(m.team), config) : 'none';
  }

  // Unchanged modules are the previous snapshot's objects; the resolver answers with those.
  const shared = shareUnchanged(carry.modules ?? null, modules as Module[]);
  carry.modules = shared;
  const { moduleOf, moduleByName } = moduleResolver(shared);

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
