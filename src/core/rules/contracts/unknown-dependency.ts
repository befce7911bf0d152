import { closest, providedApis, resolveApi, resolveModule } from '../helpers';
import type { Rule } from '../rule';

/**
 * A reference written in a Backstage catalog file may name an entity of another repository's
 * catalog (DESIGN 1.3): a warning, worded so. One in a contract, Northstar's own file, is an error.
 */
function fromCatalog(file: string | undefined): boolean {
  return file !== undefined && !/(^|\/)service-contract\.ya?ml$/.test(file);
}

export const unknownDependency: Rule = {
  meta: {
    id: 'contracts/unknown-dependency',
    title: 'Unknown dependency',
    gap: { one: 'dependency on nothing that exists', other: 'dependencies on nothing that exists' },
    description: '`dependsOn` naming no module, or `consumes` naming no provided API.',
    defaultSeverity: 'error',
    // The API index: the modules' `apis` and the catalog's API entities.
    reads: ['catalog'],
    moduleFields: ['name', 'dependsOn', 'consumes', 'apis', 'definedAt'],
  },
  check(ctx) {
    const moduleNames = ctx.model.modules.map((m) => m.name);
    for (const module of ctx.model.modules) {
      for (const ref of module.dependsOn) {
        if (resolveModule(ctx, ref.name)) continue;
        // Never the module itself: "did you mean" its own name fixes nothing.
        const guess = closest(ref.name, moduleNames.filter((n) => n !== module.name));
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        const location = ref.location ?? module.definedAt;
        if (fromCatalog(ref.location?.file)) {
          ctx.report({
            message: `Module "${module.name}" depends on "${ref.name}", which no entity of this repository is${hint}: fix the reference, unless it names an entity of another repository's catalog.`,
            location,
            module: module.name,
            severity: 'warning',
          });
          continue;
        }
        ctx.report({
          message: `Module "${module.name}" depends on "${ref.name}", but no module has that name${hint}: fix the name or remove it from "dependsOn".`,
          location,
          module: module.name,
        });
      }
      for (const ref of module.consumes) {
        if (resolveApi(ctx, ref.name)) continue;
        const own = new Set(module.apis.map((a) => a.name));
        const guess = closest(ref.name, [...providedApis(ctx).keys()].filter((n) => !own.has(n)));
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        const location = ref.location ?? module.definedAt;
        if (fromCatalog(ref.location?.file)) {
          ctx.report({
            message: `Module "${module.name}" consumes API "${ref.name}", which no entity of this repository provides${hint}: fix the reference, unless another repository's catalog defines it.`,
            location,
            module: module.name,
            severity: 'warning',
          });
          continue;
        }
        ctx.report({
          message: `Module "${module.name}" consumes API "${ref.name}", but no module provides it${hint}: fix the name, or add it to the providing module's "provides".`,
          location,
          module: module.name,
        });
      }
    }
  },
};
