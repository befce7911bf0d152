/**
 * What is a module (DESIGN section 2), each rule written once. The engine (build/modules.ts)
 * asks these predicates; they look at paths and declarations only, never at source code.
 *
 * - A catalog Component whose folder holds other modules and which has no manifest of its own
 *   besides an aggregator is a **group** (shown like a System): its owner is checked, it is not
 *   scored (`isGroup`).
 */

/** What the engine knows about a module when it decides whether it is a group. */
export interface GroupCandidate {
  /** The declaration that made the module: a catalog `Component` or `Resource`, a contract, or a manifest. */
  declaredBy: 'component' | 'resource' | 'contract' | 'manifest';
  /** Manifests in its folder that are packages (aggregators such as a Yarn workspace root not counted). */
  packageManifests: number;
  /** Whether another module lies strictly inside its folder. */
  holdsModules: boolean;
}

/**
 * A catalog Component whose folder holds other modules and has no package of its own (its only
 * manifest, if any, aggregates the others) is a group: e.g. `workspaces/3scale/catalog-info.yaml`
 * beside a Yarn workspace root over `workspaces/3scale/plugins/*`.
 */
export function isGroup(m: GroupCandidate): boolean {
  return m.declaredBy === 'component' && m.packageManifests === 0 && m.holdsModules;
}

/** Is `inner` strictly inside folder `outer` (root-relative folders, "" for the root)? */
export function isInside(inner: string, outer: string): boolean {
  if (inner === outer) return false;
  return outer === '' || inner.startsWith(`${outer}/`);
}
