/**
 * Questions about a module that several rules and surfaces ask, each answered once.
 */
import type { DependencyKind, Module } from './types';

/** Does the module run in production (a service, website or job), rather than being linked in? */
export function runsInProduction(module: Pick<Module, 'type'>): boolean {
  return module.type === 'service' || module.type === 'website' || module.type === 'job';
}

export function hasAlerts(module: Module): boolean {
  return module.alerts.length > 0 || module.observability.some((e) => e.signal === 'alerts');
}

export function hasRunbook(module: Module): boolean {
  return module.runbook !== null || module.observability.some((e) => e.signal === 'runbook');
}

export function isPii(module: Module): boolean {
  return (module.data.classification ?? '').toLowerCase() === 'pii';
}

/** Tier 1 or personal data: a threat model is expected. */
export function needsThreatModel(module: Module): boolean {
  return module.tier === 1 || isPii(module);
}

const OWNER_SOURCES = {
  contract: 'its contract',
  catalog: 'its catalog entry',
  codeowners: 'CODEOWNERS',
  componentOwners: '.github/component_owners.yml',
  group: 'the catalog Component that contains it',
} as const;

/** Where the module's owners come from, in words every surface uses ("its contract"); null without owners. */
export function ownerSourceText(module: Pick<Module, 'ownerSource'>): string | null {
  return module.ownerSource ? OWNER_SOURCES[module.ownerSource] : null;
}

/** Folders whose modules are examples or samples, when nothing declares the type. */
const SAMPLE_SEGMENTS: ReadonlySet<string> = new Set(['example', 'examples', 'sample', 'samples']);

/** Is a module at this path an example or sample (`samples/crawler`, `x/examples/manual`)? */
export function isSamplePath(path: string): boolean {
  return path.split('/').some((s) => SAMPLE_SEGMENTS.has(s.toLowerCase()));
}

/** Does the module count in coverage (ownership, tests, levels)? Not a group, not a sample. */
export function inCoverage(module: Pick<Module, 'kind' | 'type'>): boolean {
  return isScored(module) && module.type !== 'sample';
}

/**
 * Is the module scored (tests, observability, security, scorecard level, coverage)? A group
 * (a catalog Component that only groups the modules in its folder) is not; its owner is still checked.
 */
export function isScored(module: Pick<Module, 'kind'>): boolean {
  return module.kind !== 'group';
}

/**
 * Does a dependency of this kind shape the architecture: does it count for cycles and is it drawn
 * in the default diagram? Runtime and declared edges do. Dev edges do not: a package may test with
 * the package that depends on it. Peer edges do not: the host provides the peer and loads the
 * package (a plugin), so the edge points against the direction of loading; counted, every plugin
 * ecosystem becomes one tangle (Babel's helpers declare `@babel/core` as a peer while
 * `@babel/core` depends on them). Optional edges do not: the package runs without them, and
 * Python projects mostly use extras for test and documentation tooling.
 */
export function isArchitecturalDependency(dependency: { readonly kind: DependencyKind }): boolean {
  return dependency.kind === 'runtime' || dependency.kind === 'declared';
}

/** Precedence when one module depends on another through several entries: the first kind listed wins. */
export const DEPENDENCY_KIND_ORDER: readonly DependencyKind[] = ['declared', 'runtime', 'peer', 'optional', 'dev'];
