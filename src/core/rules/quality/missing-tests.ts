import { lowerBound } from '../../fs';
import { isScored } from '../../model/predicates';
import type { Module } from '../../model/types';
import { listText, quoted } from '../helpers';
import { moduleRule, type RuleContext } from '../rule';

/** Code files, for telling a one-file wrapper from a package with code of its own. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|go|py|java|kt|rb|cs|rs|php|swift|dart|exs?|scala)$/;

/** A package name compared across scopes: `@backstage/plugin-signals` → `backstage-plugin-signals`. */
function flatName(name: string): string {
  return name.toLowerCase().replace(/^@/, '').replace('/', '-');
}

/**
 * Is the module only an entry point over other packages, with one code file? Two kinds say so:
 * - a wrapper that re-publishes one of its dependencies: named after it, with the scope folded in
 *   and at most a `-dynamic`/`-wrapper` suffix (redhat-developer/rhdh's
 *   dynamic-plugins/wrappers/backstage-plugin-signals over `@backstage/plugin-signals`); its code
 *   and tests are the upstream package's;
 * - a Backstage backend app (`backstage.role: backend`), whose one `src/index.ts` adds plugins to
 *   `createBackend()` and starts it: a composition root, tested through the plugins it wires
 *   (Backstage's app template has no tests for it either).
 */
function isEntryPointOnly(ctx: RuleContext, module: Module): boolean {
  const own = flatName(module.packageName ?? module.name).replace(/-(?:dynamic|wrapper)$/, '');
  const manifests = ctx.manifests.filter((mf) => mf.folder === module.path);
  const wraps = manifests.some((mf) => mf.dependencies.some((d) => flatName(d) === own));
  const compositionRoot = manifests.some((mf) => mf.backstageRole === 'backend');
  if (!wraps && !compositionRoot) return false;
  // The module's code files: the sorted file list's range under its folder.
  const prefix = module.path === '' ? '' : `${module.path}/`;
  let code = 0;
  for (let i = lowerBound(ctx.files, prefix); i < ctx.files.length && ctx.files[i].startsWith(prefix); i++) {
    if (CODE_FILE.test(ctx.files[i]) && !/(?:^|\/)\.[^/]*$/.test(ctx.files[i]) && ++code > 1) return false;
  }
  return true;
}

export const missingTests = moduleRule({
  meta: {
    id: 'quality/missing-tests',
    title: 'No tests',
    gap: { one: 'module without tests', other: 'modules without tests' },
    description: 'A module with no test files (its contract\'s "tests" globs, else the usual conventions).',
    defaultSeverity: 'warning',
    reads: ['files', 'manifests'],
  },
  checkModule(ctx, module) {
    if (!isScored(module)) return;
    if (module.tests.length > 0) return;
    if (!module.testGlobs && isEntryPointOnly(ctx, module)) return;
    const message =
      module.testGlobs && module.testGlobs.length > 0
        ? `Module "${module.name}" has no test files: none matches its "tests" globs ${listText(quoted(module.testGlobs), 'or')}. Add tests or fix the globs.`
        : `Module "${module.name}" has no test files: add tests (e.g. *.test.ts, *_test.go, test_*.py, a test/ folder), or declare where they are with "tests" in its service-contract.yaml.`;
    ctx.report({ message, location: module.definedAt, module: module.name });
  },
});
