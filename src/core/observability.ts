/**
 * Evidence of observability that needs no source reading: well-known libraries declared as
 * dependencies in a module's manifests, and Backstage annotations.
 */
import type { EscalationStep, ObservabilityEvidence, ObservabilitySignal } from './model/types';

/** Dependency name → signal. A trailing `*` matches any suffix (scoped families). */
const LIBRARIES: ReadonlyArray<[string, ObservabilitySignal]> = [
  // OpenTelemetry
  ['@opentelemetry/*', 'traces'],
  ['go.opentelemetry.io/otel*', 'traces'],
  ['opentelemetry-*', 'traces'],
  ['io.opentelemetry*', 'traces'],
  ['OpenTelemetry*', 'traces'],
  ['open-telemetry/*', 'traces'], // PHP (composer)
  ['opentelemetry', 'traces'], // Dart, Elixir (`opentelemetry`, `opentelemetry_api`, …)
  ['opentelemetry_*', 'traces'],
  ['swift-otel', 'traces'],
  ['swift-distributed-tracing', 'traces'],
  // Prometheus clients and Micrometer
  ['prom-client', 'metrics'],
  ['github.com/prometheus/client_golang*', 'metrics'],
  ['prometheus-client', 'metrics'],
  ['prometheus_client', 'metrics'],
  ['prometheus-fastapi-instrumentator', 'metrics'],
  ['io.prometheus*', 'metrics'],
  ['prometheus-net*', 'metrics'],
  ['prometheus', 'metrics'],
  ['micrometer-*', 'metrics'],
  ['io.micrometer*', 'metrics'],
  ['hot-shots', 'metrics'],
  ['promphp/*', 'metrics'], // PHP
  ['prometheus_exporter', 'metrics'], // Ruby
  ['yabeda*', 'metrics'],
  ['statsd-instrument', 'metrics'],
  ['swift-prometheus', 'metrics'],
  ['swift-metrics', 'metrics'],
  ['prom_ex', 'metrics'], // Elixir
  ['telemetry_metrics*', 'metrics'],
  // Structured loggers
  ['pino', 'logs'],
  ['winston', 'logs'],
  ['bunyan', 'logs'],
  ['go.uber.org/zap', 'logs'],
  ['github.com/rs/zerolog', 'logs'],
  ['github.com/sirupsen/logrus', 'logs'],
  ['log/slog', 'logs'],
  ['structlog', 'logs'],
  ['python-json-logger', 'logs'],
  ['loguru', 'logs'],
  ['net.logstash.logback*', 'logs'],
  ['logstash-logback-encoder', 'logs'],
  ['Serilog*', 'logs'],
  ['tracing-subscriber', 'logs'],
  ['lograge', 'logs'], // Ruby
  ['semantic_logger', 'logs'],
  ['rails_semantic_logger', 'logs'],
  ['monolog/monolog', 'logs'], // PHP
  ['swift-log', 'logs'],
  ['logger_json', 'logs'], // Elixir
  ['tracing', 'traces'],
  // Error tracking and APM
  ['@sentry/*', 'errors'],
  ['sentry-sdk', 'errors'],
  ['github.com/getsentry/sentry-go', 'errors'],
  ['io.sentry*', 'errors'],
  ['sentry', 'errors'],
  ['sentry-ruby', 'errors'],
  ['sentry-rails', 'errors'],
  ['sentry/*', 'errors'], // PHP: sentry/sentry, sentry/sentry-laravel, sentry/sentry-symfony
  ['sentry-cocoa', 'errors'],
  ['sentry_flutter', 'errors'],
  ['sentry_dart', 'errors'],
  ['firebase_crashlytics', 'errors'],
  ['dd-trace', 'traces'],
  ['ddtrace', 'traces'],
  ['gopkg.in/DataDog/dd-trace-go*', 'traces'],
  ['github.com/DataDog/dd-trace-go*', 'traces'],
  ['datadog', 'metrics'],
  ['datadog/*', 'traces'], // PHP: datadog/dd-trace
  ['datadog_flutter_plugin', 'traces'],
  ['spandex*', 'traces'], // Elixir
  ['newrelic', 'traces'],
  ['newrelic_rpm', 'traces'], // Ruby
  ['github.com/newrelic/go-agent*', 'traces'],
  ['com.newrelic*', 'traces'],
];

function libraryMatcher(pattern: string): (name: string) => boolean {
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return (name) => name.startsWith(prefix);
  }
  return (name) => name === pattern;
}

const COMPILED = LIBRARIES.map(([pattern, signal]) => ({ test: libraryMatcher(pattern), signal }));

/**
 * The well-known library a dependency name is, by name (null: none): a monorepo's thousands of
 * manifests share most of their dependency names, each tried against every library once.
 */
const knownByName = new Map<string, (typeof COMPILED)[number] | null>();

function knownLibrary(dep: string): (typeof COMPILED)[number] | null {
  let known = knownByName.get(dep);
  if (known === undefined) {
    known = COMPILED.find((c) => c.test(dep)) ?? null;
    // Bounded: names come from the workspace.
    if (knownByName.size >= 50_000) knownByName.clear();
    knownByName.set(dep, known);
  }
  return known;
}

/** Evidence from declared dependencies; `extra` are names from `.northstar.yaml` (`observability.libraries`). */
export function evidenceFromDependencies(dependencies: readonly string[], extra: readonly string[] = []): ObservabilityEvidence[] {
  const evidence: ObservabilityEvidence[] = [];
  const extraMatchers = extra.length === 0 ? [] : extra.map(libraryMatcher);
  for (const dep of dependencies) {
    const known = knownLibrary(dep);
    if (known) evidence.push({ signal: known.signal, source: 'dependency', detail: dep });
    else if (extraMatchers.some((m) => m(dep))) evidence.push({ signal: 'metrics', source: 'dependency', detail: dep });
  }
  return evidence;
}

/** Backstage annotation key prefix → signal. */
const ANNOTATIONS: ReadonlyArray<[string, ObservabilitySignal]> = [
  ['pagerduty.com/', 'oncall'],
  ['opsgenie.com/', 'oncall'],
  ['splunk.com/on-call-', 'oncall'],
  ['grafana/', 'dashboards'],
  ['datadoghq.com/', 'metrics'],
  ['newrelic.com/', 'metrics'],
  ['sentry.io/', 'errors'],
  ['prometheus.io/', 'metrics'],
];

export function evidenceFromAnnotations(annotations: Readonly<Record<string, string>>): ObservabilityEvidence[] {
  const evidence: ObservabilityEvidence[] = [];
  for (const key of Object.keys(annotations).sort()) {
    const hit = ANNOTATIONS.find(([prefix]) => key.startsWith(prefix));
    if (hit) evidence.push({ signal: hit[1], source: 'catalog', detail: key });
  }
  return evidence;
}

/**
 * Backstage's on-call annotations (the PagerDuty, Opsgenie and Splunk On-Call plugins'), on a
 * Group (the team's escalation) or on a Component (that module's own), as escalation steps.
 * Keys and tokens are not shown: an integration key is a credential of sorts, and says nothing
 * a person can act on.
 */
const ON_CALL: ReadonlyArray<{ key: string; step: (value: string) => string }> = [
  { key: 'pagerduty.com/service-id', step: (v) => `PagerDuty service ${v}` },
  { key: 'pagerduty.com/integration-key', step: () => 'PagerDuty (integration in the catalog entry)' },
  { key: 'opsgenie.com/team', step: (v) => `Opsgenie team ${v}` },
  { key: 'opsgenie.com/component-selector', step: (v) => `Opsgenie components ${v}` },
  { key: 'splunk.com/on-call-team', step: (v) => `Splunk On-Call team ${v}` },
  { key: 'splunk.com/on-call-routing-key', step: (v) => `Splunk On-Call routing key ${v}` },
];

/** Is this annotation key one that names an on-call rotation? */
export function isOnCallAnnotation(key: string): boolean {
  return ON_CALL.some((a) => a.key === key);
}

/** The escalation steps an entity's on-call annotations give, in the order of ON_CALL; one per key with a value. */
export function onCallSteps(annotations: Readonly<Record<string, string>>): EscalationStep[] {
  const steps: EscalationStep[] = [];
  for (const a of ON_CALL) {
    const value = annotations[a.key]?.trim();
    if (value) steps.push({ kind: 'pager', target: a.step(value) });
  }
  return steps;
}
