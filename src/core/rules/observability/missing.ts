import { isScored, runsInProduction } from '../../model/predicates';
import { moduleRule } from '../rule';

export const observabilityMissing = moduleRule({
  meta: {
    id: 'observability/missing',
    title: 'No observability',
    gap: { one: 'service without observability', other: 'services without observability' },
    description: 'A service, website or job with no observability evidence (contract, catalog annotations or dependencies).',
    defaultSeverity: 'warning',
    reads: [],
  },
  checkModule(ctx, module) {
    if (!isScored(module)) return;
    if (!runsInProduction(module) || module.observability.length > 0) return;
    const where =
      module.source === 'catalog'
        ? 'add an observability annotation (grafana/…, datadoghq.com/…, sentry.io/…) to its catalog entry'
        : 'declare "observability" (logs, metrics, traces) in its service-contract.yaml';
    ctx.report({
      message: `${module.type[0].toUpperCase()}${module.type.slice(1)} "${module.name}" has no observability evidence: ${where}, or depend on a client library (OpenTelemetry, Prometheus, a structured logger).`,
      location: module.definedAt,
      module: module.name,
    });
  },
});
