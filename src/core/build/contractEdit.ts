/**
 * The model after an edit of contracts only, built from the previous one: the modules of the
 * edited contracts are built again and every other module stays the same object, with no full
 * module build, file assignment or comparison of the 2,000 modules (issue 12: an edit in the
 * editor must not wait for the whole workspace).
 *
 * It answers only when the result is certainly the full build's (build/model.ts, the property
 * test in test/unit/property/incremental.property.test.ts): every other input is the same object
 * as before (files, catalog, manifests, configuration, CODEOWNERS and the owners it gives, team
 * directory, priority tags), each edited contract is still there in the same file, and its module
 * is its folder's only module, made by the contract alone (no catalog entry or manifest joins
 * it). Anything else, including what flows between modules (an owner from a group or from
 * component_owners.yml, an undeclared team, a type inferred from files, other test globs, a
 * rename where .NET test projects name modules), returns null: the full build decides.
 */
import type { Module, Team } from '../model/types';
import type { ModuleResolver } from '../model/moduleOf';
import { isScored } from '../model/predicates';
import type { TeamDirectory } from '../model/teams';
import { scorecardLevel } from '../scorecard';
import type { ModelInputs } from './model';
import { contractModule, declaresType, dedupeEvidence } from './modules';
import { sameData, sameItems } from './share';

/** What the last model build was made of and gave, for the next to start from. */
export interface LastModel {
  inputs: ModelInputs;
  directory: TeamDirectory;
  modules: readonly Module[];
  teams: readonly Team[];
  /** Its teams by id, as the full build looks them up for scorecard levels. */
  teamById: ReadonlyMap<string, Team>;
  /** The resolver of `modules` (which module a file is in), kept while they are the same array. */
  resolver: ModuleResolver<Module>;
  /**
   * Did a group with owners (kept or left out by the configuration's module globs) give or may
   * it give owners to the modules inside it (build/modules.ts)? A CODEOWNERS edit is then left
   * to the full build (build/codeownersEdit.ts).
   */
  ownedGroups: boolean;
}

/** More edited contracts than this in one update: the full build (a checkout, a search-and-replace). */
const MAX_EDITED = 16;

/**
 * The modules after an edit of contracts only, the unchanged ones the previous objects; null
 * when the edit is not of that kind or its effect reaches beyond the edited modules.
 */
export function modulesAfterContractEdit(input: ModelInputs, last: LastModel, directory: TeamDirectory): readonly Module[] | null {
  const before = last.inputs;
  if (!unchangedBut('contracts', input, last, directory) || input.contracts.length !== before.contracts.length) return null;
  const edited: number[] = [];
  for (let i = 0; i < input.contracts.length; i++) {
    if (input.contracts[i] === before.contracts[i]) continue;
    if (input.contracts[i].file !== before.contracts[i].file || edited.length === MAX_EDITED) return null;
    edited.push(i);
  }
  if (edited.length === 0) return last.modules;

  let modules: Module[] | null = null;
  for (const i of edited) {
    const contract = input.contracts[i];
    // The contract's module: its folder's only one, made by the contract alone.
    const at = onlyModuleOf(last.modules, contract.folder);
    if (at < 0) return null;
    const old = last.modules[at];
    if (old.source !== 'contract' || old.files.length !== 1 || old.files[0] !== contract.file || old.packageName !== null) return null;
    if (!declaresType(contract)) return null;
    const m = contractModule(contract);
    // Which files are its tests: the same while its globs are.
    if (!sameData(m.testGlobs, old.testGlobs)) return null;
    if (m.name !== old.name && !renameStaysInside(input, old.name, m.name)) return null;
    if (m.owners.length === 0) {
      const match = input.ownersOf(m.definedAt.file);
      // Nor CODEOWNERS: component_owners.yml or a group may name one (buildModules).
      if (match.owners.length === 0) return null;
      m.owners = match.owners.slice();
      m.ownerSource = 'codeowners';
    }
    // An undeclared team is made by the first module that names it: the full build decides.
    const team = declaredTeam(m.owners[0], directory);
    if (team === null || declaredTeam(old.owners[0], directory) === null) return null;
    m.team = team?.id ?? null;
    m.tests = old.tests.slice();
    for (const tag of input.priorityTags) {
      if (last.resolver.moduleOfFile(tag.file) === old && !m.priorities.includes(tag.priority)) m.priorities.push(tag.priority);
    }
    m.observability = dedupeEvidence(m.observability);
    m.level = isScored(m) ? scorecardLevel(m as Module, team && last.teamById.get(team.id), input.config) : 'none';
    if (sameData(old, m)) continue;
    modules ??= last.modules.slice();
    modules[at] = m as Module;
  }
  return modules ?? last.modules;
}

/**
 * Is every input of the model but the edited kind (`contracts`, or CODEOWNERS and the owners it
 * gives) the same object as at the last build, and the team directory the same? The guard both
 * partial builds start from (this file, codeownersEdit.ts).
 */
export function unchangedBut(edited: 'contracts' | 'codeowners', input: ModelInputs, last: LastModel, directory: TeamDirectory): boolean {
  const before = last.inputs;
  return (
    input.files === before.files &&
    input.catalog === before.catalog &&
    input.manifests === before.manifests &&
    input.config === before.config &&
    (edited === 'contracts' || input.contracts === before.contracts) &&
    (edited === 'codeowners' || (input.codeowners === before.codeowners && input.ownersOf === before.ownersOf)) &&
    (input.componentOwners ?? null) === (before.componentOwners ?? null) &&
    directory === last.directory &&
    sameItems(input.priorityTags, before.priorityTags)
  );
}

/** The index of the only module of `folder` (modules are sorted by folder), or -1. */
function onlyModuleOf(modules: readonly Module[], folder: string): number {
  let lo = 0;
  let hi = modules.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (modules[mid].path < folder) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= modules.length || modules[lo].path !== folder) return -1;
  return lo + 1 < modules.length && modules[lo + 1].path === folder ? -1 : lo;
}

/**
 * A module's name reaches other modules through package edges (none here: no manifest joins
 * it) and .NET test projects: the tests of `X.Tests` go to module X, and a test project names
 * the modules it tests. Neither may involve the old or the new name.
 */
function renameStaysInside(input: ModelInputs, oldName: string, newName: string): boolean {
  if (input.manifests.some((mf) => mf.kind === 'dotnet')) return false;
  const a = `${oldName}.`;
  const b = `${newName}.`;
  return !input.files.some((f) => f.includes(a) || f.includes(b));
}

/** The declared team of an owner; undefined for no owner; null for an owner no declaration names. */
export function declaredTeam(owner: string | undefined, directory: TeamDirectory): Team | undefined | null {
  if (owner === undefined) return undefined;
  return directory.teamOf(owner) ?? null;
}

