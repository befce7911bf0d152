import { hasAlerts, hasRunbook, isScored, runsInProduction } from '../../model/predicates';
import { listText } from '../helpers';
import { moduleRule } from '../rule';

export const criticalGaps = moduleRule({
  meta: {
    id: 'observability/critical-gaps',
    title: 'Tier-1 module without alerts, runbook or SLO',
    gap: { one: 'critical service without alerts, a runbook or an SLO', other: 'critical services without alerts, a runbook or an SLO' },
    description: 'A tier-1 production service, website or job without alerts, a runbook or an SLO.',
    defaultSeverity: 'warning',
    reads: [],
  },
  checkModule(ctx, module) {
    if (!isScored(module)) return;
    if (!runsInProduction(module) || module.tier !== 1 || module.lifecycle !== 'production') return;
    const missing: string[] = [];
    if (!hasAlerts(module)) missing.push('alerts');
    if (!hasRunbook(module)) missing.push('a runbook');
    if (module.slos.length === 0) missing.push('an SLO');
    if (missing.length === 0) return;
    const keys = [
      ...(missing.includes('alerts') ? ['"observability.alerts"'] : []),
      ...(missing.includes('a runbook') ? ['"observability.runbook"'] : []),
      ...(missing.includes('an SLO') ? ['"slos"'] : []),
    ];
    ctx.report({
      message: `Tier-1 production module "${module.name}" has no ${listText(missing.map((m) => m.replace(/^an? /, '')), 'or')}: declare ${listText(keys)} in its service-contract.yaml.`,
      location: module.definedAt,
      module: module.name,
    });
  },
});
