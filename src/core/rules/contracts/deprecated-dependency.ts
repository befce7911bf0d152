import { resolveApi, resolveModule } from '../helpers';
import type { Rule } from '../rule';

export const deprecatedDependency: Rule = {
  meta: {
    id: 'contracts/deprecated-dependency',
    title: 'Depends on a deprecated module',
    gap: { one: 'dependency on a deprecated module', other: 'dependencies on deprecated modules' },
    description: 'A module that depends on a deprecated module, or consumes an API a deprecated module provides.',
    defaultSeverity: 'info',
    // The API index: the modules' `apis` and the catalog's API entities.
    reads: ['catalog'],
    moduleFields: ['name', 'lifecycle', 'dependsOn', 'consumes', 'apis', 'definedAt'],
  },
  check(ctx) {
    for (const module of ctx.model.modules) {
      // A deprecated module is on its way out with its dependencies.
      if (module.lifecycle === 'deprecated') continue;
      for (const ref of module.dependsOn) {
        const target = resolveModule(ctx, ref.name);
        if (!target || target.lifecycle !== 'deprecated' || target === module) continue;
        ctx.report({
          message: `Module "${module.name}" depends on "${target.name}", which is deprecated: plan a move to its replacement.`,
          location: ref.location ?? module.definedAt,
          module: module.name,
        });
      }
      for (const ref of module.consumes) {
        const api = resolveApi(ctx, ref.name);
        const provider = api?.provider;
        if (!provider || provider.lifecycle !== 'deprecated' || provider === module) continue;
        ctx.report({
          message: `Module "${module.name}" consumes API "${api.name}" of "${provider.name}", which is deprecated: plan a move to its replacement.`,
          location: ref.location ?? module.definedAt,
          module: module.name,
        });
      }
    }
  },
};
