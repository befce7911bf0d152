import type { Module, SourceLocation, Team } from '../../model/types';
import type { Rule } from '../rule';

export const noEscalation: Rule = {
  meta: {
    id: 'ownership/no-escalation',
    title: 'No escalation path',
    gap: { one: 'team without an escalation path', other: 'teams without an escalation path' },
    description: 'A team that owns a tier-1 or tier-2 module has no escalation path.',
    defaultSeverity: 'warning',
    // The teams come from teamOf alone, kept while the teams declared are (a CODEOWNERS edit of known handles).
    reads: ['teamOf'],
    moduleFields: ['tier', 'owners', 'name', 'ownerLocation', 'definedAt'],
  },
  check(ctx) {
    const critical = new Map<string, { team: Team; modules: Module[] }>();
    for (const module of ctx.model.modules) {
      if (module.tier !== 1 && module.tier !== 2) continue;
      for (const owner of module.owners) {
        const team = ctx.teamOf(owner);
        if (!team || team.escalation.length > 0) continue;
        const entry = critical.get(team.id) ?? { team, modules: [] };
        if (!entry.modules.includes(module)) entry.modules.push(module);
        critical.set(team.id, entry);
      }
    }
    for (const { team, modules } of critical.values()) {
      // Most critical first, then by name, so the message and the module are stable.
      modules.sort((a, b) => (a.tier ?? 9) - (b.tier ?? 9) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const first = modules[0];
      const location: SourceLocation = team.location ?? first.ownerLocation ?? first.definedAt;
      const others = modules.length > 1 ? ` and ${modules.length - 1} more` : '';
      const where =
        team.source === 'teams'
          ? 'add "escalation" steps (chat, pager, person) to it in teams.yaml'
          : 'declare it in teams.yaml with "escalation" steps (chat, pager, person)';
      ctx.report({
        message: `Team "${team.id}" owns tier-${first.tier} module "${first.name}"${others} but has no escalation path: ${where}.`,
        location,
        module: first.name,
      });
    }
  },
};
