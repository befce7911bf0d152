/**
 * What a Backstage repository's catalog reaches (issue "True to real repositories", items 3, 5
 * and 11), on layouts taken from real repositories: a root `Location` that registers
 * `catalog-entities/*.yaml` (redhat-developer/rhdh), a repository-wide Component over its
 * packages, CI tooling under `.ci/`, and another tool's `teams.yaml`.
 */
import assert from 'node:assert/strict';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';
import { appConfigFiles, locationFiles, parseAppConfigLocations, resolveTarget } from '../../../src/core/sources/locations';
import { parseCatalog } from '../../../src/core/sources/backstage';

const rootCatalog = (extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: portal
  annotations:
    github.com/project-slug: acme/portal
spec:
  type: repository
  owner: portal-team
  lifecycle: production
${extra}`;

const rootLocation = `---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: portal-entities
spec:
  targets:
    - ./catalog-entities/all.yaml
`;

function portal(files: Record<string, string> = {}): InMemoryFileAccess {
  return new InMemoryFileAccess({
    'catalog-info.yaml': rootCatalog(rootLocation),
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'plugins/*'] }),
    'packages/app/package.json': JSON.stringify({ name: 'app', private: true }),
    'packages/app/src/App.tsx': 'export const App = () => null;\n',
    'packages/app/src/App.test.tsx': 'test("renders", () => undefined);\n',
    'plugins/scorecard/package.json': JSON.stringify({ name: '@acme/plugin-scorecard' }),
    'plugins/scorecard/src/index.ts': 'export {};\n',
    '.ci/package.json': JSON.stringify({ name: 'ci-scripts', private: true }),
    '.ci/index.js': 'console.log("label the cluster");\n',
    'catalog-entities/all.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: all
spec:
  targets:
    - ./groups/*.yaml
    - ./components.yaml
    - ../../outside.yaml
    - https://github.com/acme/other/blob/main/catalog-info.yaml
`,
    'catalog-entities/groups/portal-team.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: portal-team
  annotations:
    github.com/team-slug: acme/portal-team
spec:
  type: team
  children: []
`,
    'catalog-entities/components.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: upstream-plugin
spec:
  type: library
  owner: portal-team
  lifecycle: production
`,
    ...files,
  });
}

describe('catalog reach: Locations, groups that own their folder, tooling, other tools\' files', () => {
  it('resolves Location targets inside the root only', () => {
    assert.equal(resolveTarget('catalog-entities', './groups.yaml'), 'catalog-entities/groups.yaml');
    assert.equal(resolveTarget('catalog-entities', '../catalog-info.yaml'), 'catalog-info.yaml');
    assert.equal(resolveTarget('', '../outside.yaml'), null);
    assert.equal(resolveTarget('a', '/etc/passwd'), null);
    assert.equal(resolveTarget('', 'https://github.com/acme/portal/blob/main/x.yaml'), null);
    assert.equal(resolveTarget('', 'url:./x.yaml'), null);
    const entities = parseCatalog(
      'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: l\nspec:\n  target: ./a.yaml\n  targets: ["./b/*.yaml", "./missing.yaml"]\n',
      'cat/all.yaml',
    ).value!;
    const files = ['cat/a.yaml', 'cat/all.yaml', 'cat/b/one.yaml', 'cat/b/two.yml', 'cat/b/three.yaml'];
    assert.deepEqual(locationFiles(entities, files, new Set(files)), ['cat/a.yaml', 'cat/b/one.yaml', 'cat/b/three.yaml']);
  });

  it('reads what a Location registers: the Group declares the owner, and a Component elsewhere is no module of that folder', async () => {
    const analysis = await analyzeWorkspace(portal(), { today: '2026-11-01' });
    const unknown = analysis.model.findings.filter((f) => f.ruleId === 'ownership/unknown-owner');
    assert.deepEqual(unknown, [], 'portal-team is declared by catalog-entities/groups/portal-team.yaml');
    assert.equal(analysis.teamOf('portal-team')?.source !== 'undeclared', true);
    assert.equal(analysis.moduleByName('upstream-plugin'), undefined, 'catalog-entities/components.yaml describes code elsewhere');
  });

  it('gives the packages inside a repository-wide Component its owner, and leaves .ci/ tooling out', async () => {
    const analysis = await analyzeWorkspace(portal(), { today: '2026-11-01' });
    const byName = new Map(analysis.model.modules.map((m) => [m.name, m]));
    assert.equal(byName.get('portal')?.kind, 'group');
    for (const name of ['app', '@acme/plugin-scorecard']) {
      const m = byName.get(name)!;
      assert.deepEqual([m.owners, m.ownerSource, m.ownerLocation?.file], [['portal-team'], 'group', 'catalog-info.yaml'], name);
    }
    assert.equal(byName.has('ci-scripts'), false);
    assert.deepEqual(analysis.model.findings.filter((f) => f.ruleId === 'ownership/missing-owner'), []);
  });

  it('a package with an owner of its own (CODEOWNERS) keeps it', async () => {
    const analysis = await analyzeWorkspace(portal({ '.github/CODEOWNERS': '/plugins/scorecard/ @acme/scorecard\n' }), { today: '2026-11-01' });
    const m = analysis.moduleByName('@acme/plugin-scorecard')!;
    assert.deepEqual([m.owners, m.ownerSource], [['@acme/scorecard'], 'codeowners']);
  });

  it('a Location edit is seen on update', async () => {
    const fs = portal();
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
    await analyzer.analyze();
    fs.write('catalog-entities/groups/portal-team.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: other-team\nspec:\n  type: team\n');
    const after = await analyzer.update([{ kind: 'changed', path: 'catalog-entities/groups/portal-team.yaml' }]);
    assert.ok(after.model.findings.some((f) => f.ruleId === 'ownership/unknown-owner' && f.message.includes('portal-team')));
  });

  for (const [file, kind] of [['teams.yaml', 'Teams'], ['vision.yaml', 'Vision']] as const) {
    it(`another tool's ${file} is not read: information, or a warning when it says kind: ${kind}`, async () => {
      const foreign = await analyzeWorkspace(
        new InMemoryFileAccess({ [file]: 'teams:\n  - name: Platform\n    slack: "#platform"\n', 'package.json': '{"name":"x"}' }),
        { today: '2026-11-01' },
      );
      const skipped = foreign.model.findings.filter((f) => f.file === file);
      assert.deepEqual(skipped.map((f) => [f.ruleId, f.severity]), [['workspace/skipped', 'info']]);
      assert.match(skipped[0].message, /not Northstar's \(no "apiVersion: northstar\/v1"\)/);

      const forgotten = await analyzeWorkspace(new InMemoryFileAccess({ [file]: `kind: ${kind}\nteams: []\npriorities: []\n` }), { today: '2026-11-01' });
      const warned = forgotten.model.findings.filter((f) => f.file === file);
      assert.deepEqual(warned.map((f) => [f.ruleId, f.severity, f.line]), [['workspace/skipped', 'warning', 1]]);
      assert.match(warned[0].message, new RegExp(`has "kind: ${kind}" but no "apiVersion: northstar/v1"`));
    });
  }
});

describe('samples (type: sample)', () => {
  const shop = (extra: Record<string, string> = {}) =>
    new InMemoryFileAccess({
      'settings.gradle.kts': 'include(":okhttp")\ninclude(":samples:crawler")\n',
      'build.gradle.kts': 'plugins { id("java") }\n',
      'okhttp/build.gradle.kts': 'plugins { id("java-library") }\n',
      'okhttp/src/main/java/okhttp3/Call.java': 'class Call {}\n',
      'okhttp/src/test/java/okhttp3/CallTest.java': 'class CallTest {}\n',
      'samples/crawler/build.gradle.kts': 'dependencies { implementation(projects.okhttp) }\n',
      'samples/crawler/src/main/java/okhttp3/sample/Crawler.java': 'class Crawler {}\n',
      ...extra,
    });

  it('a module under samples/ is a sample: its missing tests come at info, and coverage leaves it out', async () => {
    const analysis = await analyzeWorkspace(shop(), { today: '2026-11-01' });
    assert.equal(analysis.moduleByName('crawler')?.type, 'sample');
    const tests = analysis.model.findings.filter((f) => f.ruleId === 'quality/missing-tests');
    assert.deepEqual(tests.map((f) => [f.module, f.severity]), [['crawler', 'info']]);
    const { buildSummary } = await import('../../../src/core/report/summary');
    const summary = buildSummary(analysis.model);
    assert.equal(summary.coverage.modules, 1, JSON.stringify(summary.coverage));
  });

  it('samples.severity in .northstar.yaml sets how high their findings go (off drops them)', async () => {
    const warned = await analyzeWorkspace(shop({ '.northstar.yaml': 'samples:\n  severity: warning\n' }), { today: '2026-11-01' });
    assert.deepEqual(warned.model.findings.filter((f) => f.ruleId === 'quality/missing-tests').map((f) => f.severity), ['warning']);
    const off = await analyzeWorkspace(shop({ '.northstar.yaml': 'samples:\n  severity: off\n' }), { today: '2026-11-01' });
    assert.deepEqual(off.model.findings.filter((f) => f.ruleId === 'quality/missing-tests'), []);
  });
});

describe('one folder, several catalog Components (backstage-community-plugins workspaces/acr/plugins/acr)', () => {
  it('each Component of the folder has the tests the folder holds; a catalog file in test data is no module', async () => {
    const analysis = await analyzeWorkspace(
      new InMemoryFileAccess({
        'plugins/acr/package.json': JSON.stringify({ name: '@backstage-community/plugin-acr' }),
        'plugins/acr/src/components/AcrImages.tsx': 'export const AcrImages = () => null;\n',
        'plugins/acr/src/components/AcrImages.test.tsx': 'test("renders", () => undefined);\n',
        'plugins/acr/catalog-info.yaml': [
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: backstage-community-acr\nspec:\n  type: backstage-plugin\n  owner: user:guest\n  lifecycle: experimental\n',
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: backstage-community-acr-frontend\nspec:\n  type: backstage-frontend-plugin\n  owner: user:guest\n  lifecycle: experimental\n',
        ].join('---\n'),
        'plugins/acr/src/actions/mocks/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: n\nspec:\n  type: service\n  owner: o\n',
      }),
      { today: '2026-11-01' },
    );
    assert.deepEqual(
      analysis.model.modules.map((m) => [m.name, m.tests]),
      [
        ['backstage-community-acr', ['plugins/acr/src/components/AcrImages.test.tsx']],
        ['backstage-community-acr-frontend', ['plugins/acr/src/components/AcrImages.test.tsx']],
      ],
    );
    assert.deepEqual(analysis.model.findings.filter((f) => f.ruleId === 'quality/missing-tests'), []);
  });
});

describe('roots and data that are no modules (backstage-community-plugins, redhat-developer/rhdh)', () => {
  it('a private tooling root over independent workspaces, a setup.py with no Python code and example entities are no modules', async () => {
    const analysis = await analyzeWorkspace(
      new InMemoryFileAccess({
        'package.json': JSON.stringify({ name: '@backstage-community/plugins', private: true, devDependencies: { prettier: '^3.0.0', husky: '^9.0.0' } }),
        'workspaces/acr/package.json': JSON.stringify({ name: '@internal/acr', private: true, workspaces: { packages: ['plugins/*'] } }),
        'workspaces/acr/plugins/acr/package.json': JSON.stringify({ name: '@backstage-community/plugin-acr' }),
        'workspaces/acr/plugins/acr/src/index.ts': 'export {};\n',
        'workspaces/acr/plugins/acr/src/index.test.ts': 'test("x", () => undefined);\n',
        'workspaces/adr/plugins/adr/examples/component/catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: component-with-adrs\nspec:\n  type: service\n  owner: user:guest\n  lifecycle: experimental\n',
        'python/setup.py': "from setuptools import setup\n\nsetup(name='Python dependencies', version='1.0')\n",
        'python/requirements.txt': 'pyyaml==6.0.2\n',
        'tools/lint/setup.py': "from setuptools import setup\n\nsetup(name='acme-lint', version='1.0')\n",
        'tools/lint/acme_lint/__init__.py': '',
      }),
      { today: '2026-11-01' },
    );
    assert.deepEqual(analysis.model.modules.map((m) => m.name).sort(), ['@backstage-community/plugin-acr', 'acme-lint']);
  });
});

describe('.github/component_owners.yml (open-telemetry/opentelemetry-python-contrib)', () => {
  it('owns the modules CODEOWNERS un-owns on purpose, by the deepest listed folder', async () => {
    const pyproject = (name: string) => `[project]\nname = "${name}"\nversion = "0.1"\n`;
    const analysis = await analyzeWorkspace(
      new InMemoryFileAccess({
        '.github/CODEOWNERS': '* @open-telemetry/python-approvers\n\n# ...except for changes in any instrumentation.\n/instrumentation\n',
        '.github/component_owners.yml': 'components:\n\n  instrumentation/opentelemetry-instrumentation-aiohttp-client:\n    - herin049\n\n  instrumentation/opentelemetry-instrumentation-botocore/:\n    - lukeina2z\n    - "@yiyuan-he"\n',
        'instrumentation/opentelemetry-instrumentation-aiohttp-client/pyproject.toml': pyproject('opentelemetry-instrumentation-aiohttp-client'),
        'instrumentation/opentelemetry-instrumentation-aiohttp-client/src/x.py': '',
        'instrumentation/opentelemetry-instrumentation-botocore/pyproject.toml': pyproject('opentelemetry-instrumentation-botocore'),
        'instrumentation/opentelemetry-instrumentation-botocore/src/x.py': '',
        'instrumentation/opentelemetry-instrumentation-flask/pyproject.toml': pyproject('opentelemetry-instrumentation-flask'),
        'instrumentation/opentelemetry-instrumentation-flask/src/x.py': '',
        'exporter/opentelemetry-exporter-richconsole/pyproject.toml': pyproject('opentelemetry-exporter-richconsole'),
        'exporter/opentelemetry-exporter-richconsole/src/x.py': '',
      }),
      { today: '2026-11-01' },
    );
    const owners = Object.fromEntries(analysis.model.modules.map((m) => [m.name, [m.owners.join(' '), m.ownerSource, m.ownerLocation?.line ?? null]]));
    assert.deepEqual(owners, {
      'opentelemetry-exporter-richconsole': ['@open-telemetry/python-approvers', 'codeowners', null],
      'opentelemetry-instrumentation-aiohttp-client': ['@herin049', 'componentOwners', 3],
      'opentelemetry-instrumentation-botocore': ['@lukeina2z @yiyuan-he', 'componentOwners', 6],
      'opentelemetry-instrumentation-flask': ['', null, null],
    });
    assert.deepEqual(
      analysis.model.findings.filter((f) => f.ruleId === 'ownership/missing-owner').map((f) => f.module),
      ['opentelemetry-instrumentation-flask'],
    );
  });
});

describe('what a root app-config registers (redhat-developer/rhdh app-config.yaml:150-152)', () => {
  it('file targets from the backend folder, and URLs into this repository by its project slug', () => {
    const locations = parseAppConfigLocations(
      'catalog:\n  locations:\n    - type: url\n      target: https://github.com/acme/portal/blob/main/catalog-entities/all.yaml\n    - type: url\n      target: https://github.com/acme/templates/blob/main/templates.yaml\n    - type: file\n      target: ../../examples/entities.yaml\n    - type: file\n      target: ../../../outside.yaml\n',
      'app-config.yaml',
    );
    assert.equal(locations.length, 4);
    const files = new Set(['catalog-entities/all.yaml', 'examples/entities.yaml', 'templates.yaml']);
    assert.deepEqual(appConfigFiles(locations, new Set(['acme/portal']), files), ['catalog-entities/all.yaml', 'examples/entities.yaml']);
    assert.deepEqual(appConfigFiles(locations, new Set(), files), ['examples/entities.yaml']);
  });

  it('the Group that a URL-registered Location declares is known', async () => {
    const fs = portal({
      'catalog-info.yaml': rootCatalog(),
      'app-config.yaml': 'catalog:\n  locations:\n    - type: url\n      target: https://github.com/acme/portal/blob/main/catalog-entities/all.yaml\n',
    });
    const analysis = await analyzeWorkspace(fs, { today: '2026-11-01' });
    assert.deepEqual(analysis.model.findings.filter((f) => f.ruleId === 'ownership/unknown-owner'), []);
    const without = await analyzeWorkspace(portal({ 'catalog-info.yaml': rootCatalog() }), { today: '2026-11-01' });
    assert.equal(without.model.findings.filter((f) => f.ruleId === 'ownership/unknown-owner').length, 1);
  });
});
