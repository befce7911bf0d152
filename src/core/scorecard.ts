/**
 * The scorecard level of a module (DESIGN.md section 3): each level needs the one below.
 * A criterion that does not apply to the module counts as met.
 */
import type { Module, ScorecardLevel, Team } from './model/types';

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
export function scorecardCriteria(module: Module, teamOf: (owner: string) => Team | undefined): ScorecardCriteria {
  const runs = module.type !== 'library';
  const signal = (name: string): boolean => module.observability.some((e) => e.signal === name);
  const needsThreatModel = module.tier === 1 || (module.data.classification ?? '').toLowerCase() === 'pii';
  return {
    owner: module.owners.length > 0,
    tests: module.tests.length > 0,
    observability: !runs || module.observability.length > 0,
    escalation: module.owners.some((owner) => (teamOf(owner)?.escalation.length ?? 0) > 0),
    slo: !runs || module.slos.length > 0,
    alerts: !runs || module.alerts.length > 0 || signal('alerts'),
    runbook: !runs || module.runbook !== null || signal('runbook'),
    threatModel: !needsThreatModel || (module.security.threatModel ?? '').trim() !== '',
  };
}

export function scorecardLevel(module: Module, teamOf: (owner: string) => Team | undefined): ScorecardLevel {
  const c = scorecardCriteria(module, teamOf);
  if (!(c.owner && c.tests)) return 'none';
  if (!(c.observability && c.escalation)) return 'bronze';
  if (!(c.slo && c.alerts && c.runbook && c.threatModel)) return 'silver';
  return 'gold';
}
