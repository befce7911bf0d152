/**
 * Third-party folders (isVendored): a path is vendored when one of its folders is named exactly
 * `vendor`, `third_party`, `third-party` or `.yarn`; a name that only contains one is not.
 */
import assert from 'node:assert/strict';
import { isVendored } from '../../../src/core/build/moduleKinds';
import { roleOf } from '../../../src/core/workspace/roles';

describe('isVendored', () => {
  const cases: Array<[string, boolean]> = [
    ['vendor/github.com/pkg/errors/errors.go', true],
    ['services/api/vendor/lib.go', true],
    ['libs/ui/third_party/icons/index.ts', true],
    ['third-party/sdk/client.py', true],
    ['.yarn/releases/yarn-4.cjs', true],
    ['services/vendors/api.ts', false],
    ['services/vendor-api/src/index.ts', false],
    ['libs/myvendor.ts', false],
    ['tools/third_party_notice/gen.py', false],
    ['apps/web/.yarnrc/x.js', false],
    ['src/index.ts', false],
  ];
  for (const [path, vendored] of cases) {
    it(`${path}: ${vendored ? 'vendored' : 'not vendored'}`, () => {
      assert.equal(isVendored(path), vendored);
      // A vendored source file is not read for priority tags.
      assert.equal(roleOf(path), vendored ? null : 'source');
    });
  }
});
