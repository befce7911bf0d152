/**
 * A module with nothing known yet: the one place that lists every field's empty value.
 * The engine fills it from contracts, catalog entries and manifests.
 */
import type { Draft, Module, SourceLocation } from './types';

export type ModuleDraft = Draft<Module>;

export function newModule(name: string, path: string, source: Module['source'], definedAt: SourceLocation): ModuleDraft {
  return {
    name,
    path,
    source,
    files: [definedAt.file],
    definedAt,
    description: null,
    owners: [],
    ownerSource: null,
    team: null,
    ownerLocation: null,
    system: null,
    type: 'library',
    tier: null,
    lifecycle: null,
    dependsOn: [],
    consumes: [],
    apis: [],
    testGlobs: null,
    tests: [],
    observability: [],
    slos: [],
    alerts: [],
    runbook: null,
    dashboards: [],
    data: { classification: null },
    security: { threatModel: null, privacyReview: null },
    resilience: { drRehearsal: null },
    priorities: [],
    packageName: null,
    level: 'none',
    kind: 'module',
    experiment: null,
    initiatives: [],
  };
}
