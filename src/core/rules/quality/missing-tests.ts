import { isScored } from '../../model/predicates';
import { listText, quoted } from '../helpers';
import type { Rule } from '../rule';

export const missingTests: Rule = {
  meta: {
    id: 'quality/missing-tests',
    description: 'A module with no test files (its contract\'s "tests" globs, else the usual conventions).',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    for (const module of ctx.model.modules) {
      if (!isScored(module)) continue;
      if (module.tests.length > 0) continue;
      const message =
        module.testGlobs && module.testGlobs.length > 0
          ? `Module "${module.name}" has no test files: none matches its "tests" globs ${listText(quoted(module.testGlobs), 'or')}. Add tests or fix the globs.`
          : `Module "${module.name}" has no test files: add tests (e.g. *.test.ts, *_test.go, test_*.py, a test/ folder), or declare where they are with "tests" in its service-contract.yaml.`;
      ctx.report({ message, location: module.definedAt, module: module.name });
    }
  },
};
