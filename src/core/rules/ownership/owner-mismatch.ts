import { isKnownOwner, isReportedUnknown, listText, quoted } from '../helpers';
import { moduleRule } from '../rule';

export const ownerMismatch = moduleRule({
  meta: {
    id: 'ownership/owner-mismatch',
    title: 'Owner differs from CODEOWNERS',
    gap: { one: 'owner that differs from CODEOWNERS', other: 'owners that differ from CODEOWNERS' },
    description: "A module's declared owner differs from the CODEOWNERS owner of its folder.",
    defaultSeverity: 'info',
    reads: ['codeowners', 'teamOf', 'catalog', 'teamsFile'],
  },
  // Of CODEOWNERS it reads only whether there is one and the answer for the file that declares the owner.
  codeownersFileOf: (module) => ((module.ownerSource === 'contract' || module.ownerSource === 'catalog') && module.ownerLocation?.file) || null,
  checkModule(ctx, module) {
    if (!ctx.codeowners) return;
    /** Teams, not spellings: two names of one team are the same owner. */
    const key = (owner: string): string => ctx.teamOf(owner)?.id ?? owner.toLowerCase();
    if ((module.ownerSource !== 'contract' && module.ownerSource !== 'catalog') || !module.ownerLocation) return;
    if (module.owners.length === 0) return;
    // One cause, one finding: an owner that ownership/unknown-owner reports (nothing declares
    // it, or `jdoe` where CODEOWNERS names the person `@jdoe`) is not a mismatch as well.
    if (module.owners.some((owner) => isReportedUnknown(ctx, owner))) return;
    // Two names are two owners only when both are known: an owner that nothing in the
    // repository declares (no teams.yaml entry, Group or User, not a CODEOWNERS handle) may be
    // the CODEOWNERS team under the name another catalog gives it, so no mismatch can be told.
    // ownership/unknown-owner names it (once, when the repository declares no teams at all).
    if (!module.owners.some((owner) => isKnownOwner(ctx, owner.trim()))) return;
    // The file that declares the owner stands for the folder: it is what a change to the
    // module's contract would ask CODEOWNERS about.
    const match = ctx.ownersOf(module.ownerLocation.file);
    if (!match.rule || match.owners.length === 0) return;
    const codeownersTeams = new Set(match.owners.map(key));
    if (module.owners.some((owner) => codeownersTeams.has(key(owner)))) return;
    const declaredIn = module.ownerSource === 'contract' ? 'its contract' : 'its catalog entry';
    const rule = match.rule;
    ctx.report({
      message:
        `Module "${module.name}" is owned by ${listText(quoted(module.owners))} in ${declaredIn}, ` +
        `but CODEOWNERS (${rule.file} line ${rule.line}, "${rule.pattern}") gives its folder to ${listText(quoted(match.owners))}: ` +
        'make them name the same team, or list one as an alias of the other in teams.yaml.',
      location: module.ownerLocation,
      module: module.name,
    });
  },
});
