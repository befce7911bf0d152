/**
 * What is a module (src/core/build/moduleKinds.ts): each rule as a table of realistic paths.
 */
import assert from 'node:assert/strict';
import { isGroup, isInside, type GroupCandidate } from '../../../src/core/build/moduleKinds';

describe('what is a module (build/moduleKinds)', () => {
  describe('isGroup: a catalog Component over other modules with no package of its own', () => {
    const cases: [string, GroupCandidate, boolean][] = [
      // backstage-community-plugins: workspaces/3scale/catalog-info.yaml beside a Yarn workspace root.
      ['Component over a Yarn workspace', { declaredBy: 'component', packageManifests: 0, holdsModules: true }, true],
      ['Component with its own package.json', { declaredBy: 'component', packageManifests: 1, holdsModules: true }, false],
      ['Component with nothing inside', { declaredBy: 'component', packageManifests: 0, holdsModules: false }, false],
      ['Resource over other modules', { declaredBy: 'resource', packageManifests: 0, holdsModules: true }, false],
      ['contract over other modules', { declaredBy: 'contract', packageManifests: 0, holdsModules: true }, false],
      ['manifest over other modules', { declaredBy: 'manifest', packageManifests: 1, holdsModules: true }, false],
    ];
    for (const [what, candidate, expected] of cases) {
      it(`${what}: ${expected ? 'a group' : 'not a group'}`, () => assert.equal(isGroup(candidate), expected));
    }
  });

  it('isInside: strictly inside a folder, by whole segments', () => {
    assert.equal(isInside('workspaces/3scale/plugins/3scale-backend', 'workspaces/3scale'), true);
    assert.equal(isInside('workspaces/3scale', 'workspaces/3scale'), false);
    assert.equal(isInside('workspaces/3scale-extra', 'workspaces/3scale'), false);
    assert.equal(isInside('packages/a', ''), true);
  });
});
