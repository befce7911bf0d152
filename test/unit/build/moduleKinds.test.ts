/**
 * What is a module (src/core/build/moduleKinds.ts): each rule as a table of realistic paths.
 */
import assert from 'node:assert/strict';
import { goModuleName, hasPlaceholder, isGoToolPin, isGroup, isInside, isTemplate, isTestFolder, testProjectSubject, type GroupCandidate, type TemplateContext } from '../../../src/core/build/moduleKinds';

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

  describe('isTestFolder: test code, test data and test-only projects are not modules', () => {
    const cases: [string, boolean][] = [
      ['packages/babel-core/test/fixtures/config-ts/simple-ts-esm', true],
      ['packages/babel-runtime/test', true],
      ['test/runtime-integration/webpack-5', true],
      ['packages/backend/src/modules/__fixtures__/dynamic-plugins-root-for-nfs-filter/test-all-nfs-dynamic', true],
      ['workspaces/x/plugins/y/src/actions/annotator/__mocks__', true],
      ['pkg/querier/testdata/mod', true],
      ['e2e-tests', true],
      ['eslint/babel-eslint-tests', true],
      ['regression-test', true],
      ['tests/Jellyfin.Api.Tests', true],
      ['src/Foo.UnitTests', true],
      ['src/Foo.IntegrationTests', true],
      // Published helpers and ordinary packages are modules.
      ['packages/babel-helper-plugin-test-runner', false],
      ['packages/babel-helper-fixtures', false],
      ['eslint/babel-eslint-shared-fixtures', false],
      ['packages/babel-core', false],
      ['Jellyfin.Api', false],
      ['okhttp-testing-support', true], // code only tests use (okhttp's src/main of test helpers)
      ['', false],
    ];
    for (const [folder, expected] of cases) {
      it(`${folder || '(root)'}: ${expected ? 'not a module' : 'may be a module'}`, () => assert.equal(isTestFolder(folder), expected));
    }
  });

  it('testProjectSubject: a .NET test project names the project it tests', () => {
    assert.equal(testProjectSubject('Jellyfin.Api.Tests'), 'Jellyfin.Api');
    assert.equal(testProjectSubject('Jellyfin.Server.Integration.Tests'), 'Jellyfin.Server.Integration');
    assert.equal(testProjectSubject('Foo.UnitTests'), 'Foo');
    assert.equal(testProjectSubject('Foo.IntegrationTests'), 'Foo');
    assert.equal(testProjectSubject('Jellyfin.Api'), null);
    assert.equal(testProjectSubject('.tests'), null);
  });

  describe('isTemplate: template skeletons are not modules', () => {
    const files = new Set([
      'templates/node/template.yaml',
      'templates/node/skeleton/package.json',
      'cookie/cookiecutter.json',
      'cookie/{{cookiecutter.project_slug}}/setup.py',
      'copier-tpl/copier.yml',
      'copier-tpl/src/pyproject.toml',
      'services/api/package.json',
    ]);
    const ctx: TemplateContext = { hasFile: (p) => files.has(p), templateFolders: new Set(['scaffolder/react-app']) };
    const cases: [string, string | null, boolean][] = [
      ['scripts/create-package/package-template', 'PACKAGE_NAME', true],
      ['workspaces/mta/examples/template/content', '${{ values.name }}', true],
      ['_template', '<REPLACE ME>', true],
      ['templates/node/skeleton', 'x', true],
      ['cookie/{{cookiecutter.project_slug}}', null, true],
      ['cookie', 'cookie', true],
      ['copier-tpl/src', 'app', true],
      ['scaffolder/react-app/content', 'app', true],
      ['services/api', '@acme/api', false],
      ['packages/template-utils', '@acme/template-utils', false],
      ['scaffolder', 'scaffolder', false],
    ];
    for (const [folder, name, expected] of cases) {
      it(`${folder} (${name ?? 'no name'}): ${expected ? 'a template' : 'not a template'}`, () => assert.equal(isTemplate(folder, name, ctx), expected));
    }
    it('hasPlaceholder', () => {
      assert.equal(hasPlaceholder('${{ values.name | dump }}'), true);
      assert.equal(hasPlaceholder('@metamask/controller-utils'), false);
      assert.equal(hasPlaceholder(null), false);
    });
  });

  it('goModuleName: the module path\'s last element, without a major-version suffix', () => {
    assert.equal(goModuleName('gitlab.com/gitlab-org/gitaly/v16'), 'gitaly'); // gitaly's go.mod
    assert.equal(goModuleName('github.com/grafana/loki/v3'), 'loki');
    assert.equal(goModuleName('github.com/prometheus/prometheus'), 'prometheus');
    assert.equal(goModuleName('gopkg.in/yaml.v3'), 'yaml.v3');
    assert.equal(goModuleName('example.com/api/v1'), 'v1', 'v0 and v1 take no suffix, so /v1 is a name');
    assert.equal(goModuleName('tools'), 'tools');
  });

  describe('isGoToolPin: go.mod files that only pin tools are not modules', () => {
    const files = new Set(['tools/gofumpt/go.mod', 'tools/gofumpt/tool.go', 'tools/migrate/go.mod', 'tools/migrate/main.go', 'internal/tools/tools.go']);
    const hasFile = (p: string) => files.has(p);
    const cases: [string, boolean][] = [
      ['operator/.bingo', true],
      ['tools/gofumpt', true],
      ['internal/tools', true],
      ['tools/migrate', false],
      ['cmd/gitaly', false],
      ['', false],
    ];
    for (const [folder, expected] of cases) {
      it(`${folder || '(root)'}: ${expected ? 'a tool pin' : 'a module'}`, () => assert.equal(isGoToolPin(folder, hasFile), expected));
    }
  });
});
