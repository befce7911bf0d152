import { closest, providedApis, resolveApi, resolveModule } from '../helpers';
import type { Rule } from '../rule';

export const unknownDependency: Rule = {
  meta: {
    id: 'contracts/unknown-dependency',
    description: '`dependsOn` naming no module, or `consumes` naming no provided API.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const moduleNames = ctx.model.modules.map((m) => m.name);
    for (const module of ctx.model.modules) {
      for (const ref of module.dependsOn) {
        if (resolveModule(ctx, ref.name)) continue;
        const guess = closest(ref.name, moduleNames);
        ctx.report({
          message: `Module "${module.name}" depends on "${ref.name}", but no module has that name${guess ? ` (did you mean "${guess}"?)` : ''}: fix the name or remove it from "dependsOn".`,
          location: ref.location ?? module.definedAt,
          module: module.name,
        });
      }
      for (const ref of module.consumes) {
        if (resolveApi(ctx, ref.name)) continue;
        const guess = closest(ref.name, providedApis(ctx).keys());
        ctx.report({
          message: `Module "${module.name}" consumes API "${ref.name}", but no module provides it${guess ? ` (did you mean "${guess}"?)` : ''}: fix the name, or add it to the providing module's "provides".`,
          location: ref.location ?? module.definedAt,
          module: module.name,
        });
      }
    }
  },
};
