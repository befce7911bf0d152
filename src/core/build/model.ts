/**
 * Declarations → the model of one snapshot (DESIGN section 2): teams, modules and their owning
 * teams, file assignment (tests, tags, inferred types), scorecard levels, priorities. Pure
 * apart from the memo it is handed; findings come after, from the rule run.
 */
import { dirname, normalizePath } from '../fs';
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
  const byFolder = new Map<string, ModuleDraft>();
  const byName = new Map<string, ModuleDraft>();
  for (const m of modules) {
    if (!byFolder.has(m.path)) byFolder.set(m.path, m);
    if (!byName.has(m.name)) byName.set(m.name, m);
  }
  const folderCache = new Map<string, ModuleDraft | null>();
  const moduleOfFolder = (folder: string): ModuleDraft | null => {
    const cached = folderCache.get(folder);
    if (cached !== undefined) return cached;
    const found = byFolder.get(folder) ?? (folder === '' ? null : moduleOfFolder(dirname(folder)));
    folderCache.set(folder, found);
    return found;
  };
  const moduleOf = (path: string): Module | undefined => {
    const p = normalizePath(path);
    return byFolder.get(p) ?? moduleOfFolder(dirname(p)) ?? undefined;
  };
  // Workspace files are already clean: no normalising on this path, called once per file.
  const moduleOfFile = (file: string): ModuleDraft | undefined => byFolder.get(file) ?? moduleOfFolder(dirname(file)) ?? undefined;
  await pause();
  await assignFiles(modules, files, moduleOfFile, input.priorityTags, config, memo, typeDeclared, pause, testSubjects);

  const teams = assignTeams(modules, directory);
  const teamById = new Map(teams.map((t) => [t.id, t] as const));
  for (let i = 0; i < modules.length; i++) {
    if ((i & 255) === 0) await pause();
    const m = modules[i];
    m.level = isScored(m) ? scorecardLevel(m, m.team === null ? undefined : teamById.get(m.team)) : 'none';
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
    moduleOf,
    moduleByName: (name) => byName.get(name),
  };
}
