/**
 * The scorecard level of a module (DESIGN.md section 3): each level needs the one below.
 * A criterion that does not apply to the module counts as met.
 */
import { hasAlerts, hasRunbook, needsThreatModel, runsInProduction } from './model/predicates';
import type { Module, ScorecardLevel, Team } from './model/types';

/**
 * The name of each level as every surface shows it (hover, status bar, tree, summary,
 * diagram details). The lowest level is "No level": a module that has not reached Bronze.
 */
export const LEVEL_LABEL: Readonly<Record<ScorecardLevel, string>> = { none: 'No level', bronze: 'Bronze', silver: 'Silver', gold: 'Gold' };

export interface ScorecardCriteria {
  owner: boolean;
  tests: boolean;
  observability: boolean;
  escalation: boolean;
  slo: boolean;
  alerts: boolean;
  runbook: boolean;
  threatModel: boolean;
}

/** Which criteria a module meets (inapplicable ones count as met). */
/**
 * Which criteria a module meets (inapplicable ones count as met). `team` is the module's team
 * (model/teams.ts): its escalation path is the module's.
 */
export function scorecardCriteria(module: Module, team: Team | undefined): ScorecardCriteria {
  const runs = runsInProduction(module);
  return {
    owner: module.owners.length > 0,
    tests: module.tests.length > 0,
    observability: !runs || module.observability.length > 0,
    escalation: (team?.escalation.length ?? 0) > 0,
    slo: !runs || module.slos.length > 0,
    alerts: !runs || hasAlerts(module),
    runbook: !runs || hasRunbook(module),
    threatModel: !needsThreatModel(module) || (module.security.threatModel ?? '').trim() !== '',
  };
}

export function scorecardLevel(module: Module, team: Team | undefined): ScorecardLevel {
  const c = scorecardCriteria(module, team);
  if (!(c.owner && c.tests)) return 'none';
  if (!(c.observability && c.escalation)) return 'bronze';
  if (!(c.slo && c.alerts && c.runbook && c.threatModel)) return 'silver';
  return 'gold';
}

/** Each criterion, the level it is first needed for, and its name on every surface. */
export const SCORECARD_CRITERIA: readonly { key: keyof ScorecardCriteria; label: string; level: 'bronze' | 'silver' | 'gold' }[] = [
  { key: 'owner', label: 'owner', level: 'bronze' },
  { key: 'tests', label: 'tests', level: 'bronze' },
  { key: 'observability', label: 'observability', level: 'silver' },
  { key: 'escalation', label: 'escalation path', level: 'silver' },
  { key: 'slo', label: 'SLO', level: 'gold' },
  { key: 'alerts', label: 'alerts', level: 'gold' },
  { key: 'runbook', label: 'runbook', level: 'gold' },
  { key: 'threatModel', label: 'threat model', level: 'gold' },
];

const NEXT_LEVEL = { none: 'bronze', bronze: 'silver', silver: 'gold', gold: null } as const;
const ORDER = ['bronze', 'silver', 'gold'];

/** The level after the module's, and the criteria (labels) it still misses for it; none at Gold. */
export function missingForNextLevel(module: Module, team: Team | undefined): { next: 'bronze' | 'silver' | 'gold' | null; missing: string[] } {
  const next = NEXT_LEVEL[module.level];
  if (next === null) return { next, missing: [] };
  const met = scorecardCriteria(module, team);
  return { next, missing: SCORECARD_CRITERIA.filter((c) => ORDER.indexOf(c.level) <= ORDER.indexOf(next) && !met[c.key]).map((c) => c.label) };
}
