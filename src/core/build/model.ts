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
import { buildModules } from './modules';
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

export async function buildModel(input: ModelInputs, memo: TestMemo, pause: () => Promise<void> | null): Promise<BuiltModel> {
  const { files, config } = input;
  await pause();
  const directory = buildTeamDirectory(input.teamsFile, input.catalog, input.codeowners);

  await pause();
  const { modules, typeDeclared, testSubjects } = await buildModules(
    { files, fileSet: input.fileSet, contracts: input.contracts, catalog: input.catalog, manifests: input.manifests, config, ownersOf: input.ownersOf, componentOwners: input.componentOwners ?? null },
    pause,
  );
  // Drafts now, modules once built: the same objects, so the same resolver answers for both.
  const { moduleOf, moduleOfFile, moduleByName } = moduleResolver<ModuleDraft>(modules);
  await pause();
  await assignFiles(modules, files, moduleOfFile, input.priorityTags, config, memo, typeDeclared, pause, testSubjects);

  const teams = assignTeams(modules, directory);
  const teamById = new Map(teams.map((t) => [t.id, t] as const));
  for (let i = 0; i < modules.length; i++) {
    if ((i & 255) === 0) await pause();
    const m = modules[i];
    m.level = isScored(m) ? scorecardLevel(m, m.team === null ? undefined : teamById.get(m.team), config) : 'none';
  }

  const visionFile = input.visionFile;
  const priorities = visionFile
    ? visionFile.priorities.map((p) => ({ id: p.id, title: p.title, owner: p.owner?.value ?? null, metrics: p.metrics, location: p.location, initiatives: initiativesOf(p) }))
    : [];

  return {
    model: {
      root: input.rootLabel,
      modules,
      teams,
      priorities,
      vision: visionFile?.vision ?? null,
      codeowners: input.codeowners,
      priorityTags: input.priorityTags,
      learning: input.learning ?? [],
    },
    directory,
    moduleOf: moduleOf as (path: string) => Module | undefined,
    moduleByName: moduleByName as (name: string) => Module | undefined,
  };
}
