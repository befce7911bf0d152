/**
 * The model after an edit of CODEOWNERS only, built from the previous one: only the modules whose
 * owners come from CODEOWNERS (or that have none) and whose defining file the edit gives other
 * owners are made again; every other module stays the same object, with no full module build,
 * file assignment or comparison of the 2,000 modules (issue 12, as build/contractEdit.ts for a
 * contract edit).
 *
 * It answers only when the result is certainly the full build's (the property test in
 * test/unit/property/incremental.property.test.ts): every other input is the same object as
 * before (files, contracts, catalog, manifests, configuration, component_owners.yml, team
 * directory, priority tags), no group with owners exists (its owners flow to the modules inside
 * it), a module that loses its CODEOWNERS owners has nothing else to take them from, and every
 * owner the edit gives or takes names a declared team (an undeclared team is made by the first
 * module that names it). Anything else returns null: the full build decides.
 */
import type { Module, OwnerSource } from '../model/types';
import { isScored } from '../model/predicates';
import type { TeamDirectory } from '../model/teams';
import { scorecardLevel } from '../scorecard';
import { filesWithOtherOwners } from './codeowners';
import { declaredTeam, unchangedBut, type LastModel } from './contractEdit';
import type { ModelInputs } from './model';

/** Owners a module takes from CODEOWNERS only when nothing declares one (build/modules.ts). */
const FROM_CODEOWNERS_OR_LATER: ReadonlySet<OwnerSource> = new Set<OwnerSource>(['codeowners', 'componentOwners', 'group', null]);

/**
 * The modules after an edit of CODEOWNERS only, the unchanged ones the previous objects; null
 * when the edit is not of that kind or its effect reaches beyond the modules it gives other owners.
 */
export function modulesAfterCodeownersEdit(input: ModelInputs, last: LastModel, directory: TeamDirectory): readonly Module[] | null {
  const before = last.inputs;
  if (!input.codeownersBuild || !before.codeownersBuild || last.ownedGroups || !unchangedBut('codeowners', input, last, directory)) return null;
  if (input.ownersOf === before.ownersOf) return last.modules;

  // Only these modules take their owners from CODEOWNERS; the others' owners are declared.
  const byFile = new Map<string, number[]>();
  last.modules.forEach((m, i) => {
    if (!FROM_CODEOWNERS_OR_LATER.has(m.ownerSource)) return;
    const list = byFile.get(m.definedAt.file);
    if (list) list.push(i);
    else byFile.set(m.definedAt.file, [i]);
  });
  const changed = filesWithOtherOwners(before.codeownersBuild, input.codeownersBuild, byFile.keys());
  if (changed.size === 0) return last.modules;

  const modules = last.modules.slice();
  for (const file of changed) {
    const owners = input.ownersOf(file).owners;
    for (const at of byFile.get(file) ?? []) {
      const old = last.modules[at];
      // component_owners.yml gave it owners while CODEOWNERS named none: which wins now is the full build's to say.
      if (old.ownerSource === 'componentOwners') return null;
      // A group that gains owners gives them to the modules inside it.
      if (old.kind === 'group') return null;
      if (owners.length === 0 && input.componentOwners) return null;
      const team = declaredTeam(owners[0], directory);
      if (team === null || declaredTeam(old.owners[0], directory) === null) return null;
      const m: Module = {
        ...old,
        owners: owners.slice(),
        ownerSource: owners.length > 0 ? 'codeowners' : null,
        ownerLocation: null,
        team: team?.id ?? null,
      };
      modules[at] = { ...m, level: isScored(m) ? scorecardLevel(m, team && last.teamById.get(team.id), input.config) : 'none' };
    }
  }
  return modules;
}
