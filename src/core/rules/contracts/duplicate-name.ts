import type { Module } from '../../model/types';
import { isInside } from '../../fs';
import type { Rule } from '../rule';

export const duplicateName: Rule = {
  meta: {
    id: 'contracts/duplicate-name',
    title: 'Two modules with one name',
    gap: { one: 'module name used twice', other: 'module names used twice' },
    description: 'Two modules with one name.',
    defaultSeverity: 'error',
    reads: ['manifests'],
    moduleFields: ['name', 'path', 'source', 'packageName', 'definedAt'],
  },
  check(ctx) {
    // Package names are unique per project: a repository holding several independent npm/yarn
    // workspaces (each its own root, e.g. one per Backstage plugin family) may repeat a package
    // name (`app`, `backend`) across them. A contract or catalog name is unique in the repository.
    const roots = ctx.manifests.filter((m) => m.workspaceOnly).map((m) => m.folder).sort((a, b) => b.length - a.length);
    const projectOf = (module: Module): string => roots.find((root) => isInside(module.path, root)) ?? '';
    // A manifest that names no package (a Gemfile or requirements.txt alone) leaves its module
    // the folder's name, which nobody declared: two `examples/manual` folders do not clash.
    const declared = (m: Module): boolean => m.source !== 'manifest' || m.packageName !== null;
    // Two manifests that declare different packages do not clash when the short names shown for
    // them agree: Go names a module by its path's last element, and loki's root
    // `github.com/grafana/loki/v3` and `github.com/grafana/loki/operator/api/loki` are both "loki".
    const samePackage = (a: Module, b: Module): boolean => a.source !== 'manifest' || b.source !== 'manifest' || a.packageName === b.packageName;
    const clash = (a: Module, b: Module): boolean =>
      declared(a) && declared(b) && samePackage(a, b) && (a.source !== 'manifest' || b.source !== 'manifest' || projectOf(a) === projectOf(b));
    const byName = new Map<string, Module[]>();
    for (const module of ctx.model.modules) {
      const same = byName.get(module.name);
      if (same) same.push(module);
      else byName.set(module.name, [module]);
    }
    for (const [name, modules] of byName) {
      if (modules.length < 2) continue;
      for (let i = 1; i < modules.length; i++) {
        const first = modules.slice(0, i).find((earlier) => clash(earlier, modules[i]));
        if (!first) continue;
        ctx.report({
          message: `Module name "${name}" is already used by ${first.definedAt.file} (line ${first.definedAt.line}): module names must be unique, so rename one of them.`,
          location: modules[i].definedAt,
          module: name,
        });
      }
    }
  },
};
