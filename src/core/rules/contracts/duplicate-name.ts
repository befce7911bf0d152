import type { Module } from '../../model/types';
import type { Rule } from '../rule';

export const duplicateName: Rule = {
  meta: {
    id: 'contracts/duplicate-name',
    description: 'Two modules with one name.',
    defaultSeverity: 'error',
  },
  check(ctx) {
    const byName = new Map<string, Module[]>();
    for (const module of ctx.model.modules) {
      const same = byName.get(module.name);
      if (same) same.push(module);
      else byName.set(module.name, [module]);
    }
    for (const [name, modules] of byName) {
      if (modules.length < 2) continue;
      const first = modules[0];
      for (const module of modules.slice(1)) {
        ctx.report({
          message: `Module name "${name}" is already used by ${first.definedAt.file} (line ${first.definedAt.line}): module names must be unique, so rename one of them.`,
          location: module.definedAt,
          module: name,
        });
      }
    }
  },
};
