/**
 * What is a module (DESIGN section 2), each rule written once. The engine (build/modules.ts)
 * asks these predicates; they look at paths and declarations only, never at source code.
 *
 * - A catalog Component whose folder holds other modules and which has no manifest of its own
 *   besides an aggregator is a **group** (shown like a System): its owner is checked, it is not
 *   scored (`isGroup`).
 * - Test code, test data and test-only projects are not modules (`isTestFolder`): a manifest under
 *   `test/`, `tests/`, `__tests__/`, `fixtures/`, `__fixtures__/`, `__mocks__/`, `testdata/`, or in
 *   a test project's folder (`e2e-tests/`, `container-tests/`, `regression-test/`, .NET `X.Tests`,
 *   `X.UnitTests`, `X.IntegrationTests`). A .NET test project `X.Tests` holds X's tests
 *   (`testProjectSubject`).
 * - Templates are not modules (`isTemplate`): anything under a Backstage `Template` entity's
 *   folder, a `skeleton/` or `template/` folder beside a `template.yaml`, a cookiecutter or copier
 *   template (`{{cookiecutter.*}}` folder names, `cookiecutter.json`, `copier.yml`), and a
 *   declaration whose name holds an unrendered placeholder (`${{`, `{{`, `<REPLACE`, `PACKAGE_NAME`).
 * - A package.json that names no package and declares no dependencies is no package (a
 *   subpath-export stub, a `{"type": "module"}` marker): `ManifestDecl.notAPackage`.
 * - Aggregators are not modules: a manifest that only declares a workspace
 *   (`ManifestDecl.workspaceOnly`), a Gradle build beside a settings.gradle that includes projects
 *   (`ManifestDecl.includesProjects`), a meta-gem over the gems inside its folder (`isMetaGem`), a
 *   BOM (`ManifestDecl.bom`). Go tool pins are not modules (`isGoToolPin`).
 * - A dependency list (Gemfile, Pipfile, requirements*.txt) names no package
 *   (`isModuleDependencyList`): beside another manifest it adds that module's dependencies, beside
 *   an aggregator it is the workspace's development list, under `docs/` it builds documentation;
 *   alone it is an application module named by its folder.
 * - A JVM project whose only sources are test source sets (`src/test`, `src/androidTest`,
 *   `src/jvmTest`, …) is a test project (`isTestOnlyProject`); so is a .NET project that references
 *   a test SDK or framework (`ManifestDecl.testProject`): it holds the tests of every project it
 *   references (`<ProjectReference>`).
 */

/** What the engine knows about a module when it decides whether it is a group. */
export interface GroupCandidate {
  /** The declaration that made the module: a catalog `Component` or `Resource`, a contract, or a manifest. */
  declaredBy: 'component' | 'resource' | 'contract' | 'manifest';
  /** Manifests in its folder that are packages (aggregators such as a Yarn workspace root not counted). */
  packageManifests: number;
  /** Whether another module lies strictly inside its folder. */
  holdsModules: boolean;
}

/**
 * A catalog Component whose folder holds other modules and has no package of its own (its only
 * manifest, if any, aggregates the others) is a group: e.g. `workspaces/3scale/catalog-info.yaml`
 * beside a Yarn workspace root over `workspaces/3scale/plugins/*`.
 */
export function isGroup(m: GroupCandidate): boolean {
  return m.declaredBy === 'component' && m.packageManifests === 0 && m.holdsModules;
}

/** Is `inner` strictly inside folder `outer` (root-relative folders, "" for the root)? */
export function isInside(inner: string, outer: string): boolean {
  if (inner === outer) return false;
  return outer === '' || inner.startsWith(`${outer}/`);
}

/** Folder names that hold test code or test data, whatever their parent. */
const TEST_SEGMENTS: ReadonlySet<string> = new Set(['test', 'tests', '__tests__', 'fixtures', '__fixtures__', 'mocks', '__mocks__', 'testdata', 'fuzz', 'fuzzing']);
/** Name endings (lower case) of a test-only project's folder: `e2e-tests`, `Jellyfin.Api.Tests`. */
const TEST_PROJECT_ENDINGS: readonly string[] = [
  '-tests',
  '_tests',
  '-test',
  '.tests',
  '.unittests',
  '.integrationtests',
  // Code that only tests use: `okhttp-testing-support`, `spring-test-support`, `acme-test-utils`.
  '-testing-support',
  '-test-support',
  '-test-utils',
  '-test-helpers',
  // An app that only exists to run tests against the library: okhttp's `android-test-app`.
  '-test-app',
  '-testapp',
];
/** .NET test project endings, longest first: `Jellyfin.Api.UnitTests` tests `Jellyfin.Api`. */
const DOTNET_TEST_ENDINGS: readonly string[] = ['.integrationtests', '.unittests', '.tests'];

/** Is one folder name (a path segment) test code, test data or a test-only project? */
export function isTestSegment(segment: string): boolean {
  const lower = segment.toLowerCase();
  return TEST_SEGMENTS.has(lower) || TEST_PROJECT_ENDINGS.some((e) => lower.endsWith(e) && lower.length > e.length);
}

/**
 * Is a manifest's folder test code, test data or a test-only project (so not a module)? Any
 * segment counts: `packages/babel-core/test/fixtures/config-ts/simple-ts-esm`,
 * `packages/backend/src/modules/__fixtures__/x`, `tests/Jellyfin.Api.Tests`, `e2e-tests`.
 * Published helpers whose names merely mention tests (`babel-helper-plugin-test-runner`,
 * `babel-helper-fixtures`) are modules.
 */
export function isTestFolder(folder: string): boolean {
  return folder !== '' && folder.split('/').some(isTestSegment);
}

/**
 * Is a manifest's folder tooling hidden by convention (a segment starting with `.`: `.ci/`,
 * `.github/actions/x`, `.yarn/plugins`) or vendored third-party code (`vendor/`)? CI scripts,
 * editor or build helpers and other people's code there are not modules of the product: not
 * scored, not asked for owners. Their files still count for CODEOWNERS.
 */
export function isToolingFolder(folder: string): boolean {
  return folder !== '' && folder.split('/').some((s) => s.startsWith('.') || VENDORED_SEGMENTS.has(s));
}

/**
 * Folders of third-party code kept in the repository (Go and Composer `vendor/`, `third_party/`,
 * Yarn's `.yarn/`): not the team's code, so no module and no priority-tag scan.
 */
export const VENDORED_SEGMENTS: ReadonlySet<string> = new Set(['vendor', 'third_party', 'third-party', '.yarn']);
const VENDORED_NAMES: readonly string[] = [...VENDORED_SEGMENTS];

export function isVendored(path: string): boolean {
  // Asked for every source file: most paths hold none of the names, told without splitting.
  if (!VENDORED_NAMES.some((name) => path.includes(name))) return false;
  return path.split('/').some((s) => VENDORED_SEGMENTS.has(s));
}


/**
 * The project a .NET test project's folder name tests (`Jellyfin.Api.Tests` → `Jellyfin.Api`),
 * or null when the name is not one.
 */
export function testProjectSubject(segment: string): string | null {
  const lower = segment.toLowerCase();
  const ending = DOTNET_TEST_ENDINGS.find((e) => lower.endsWith(e) && lower.length > e.length);
  return ending ? segment.slice(0, segment.length - ending.length) : null;
}

/** Text a template engine replaces: a name holding one is a template's, not a module's. */
const PLACEHOLDERS: readonly string[] = ['${{', '{{', '<REPLACE', 'PACKAGE_NAME'];
/** Files that make their folder (and everything under it) a cookiecutter or copier template. */
const TEMPLATE_ROOT_FILES: readonly string[] = ['cookiecutter.json', 'copier.yml', 'copier.yaml'];
/** Scaffolder skeleton folders, a template when a `template.yaml` sits beside them. */
const SKELETON_SEGMENTS: ReadonlySet<string> = new Set(['skeleton', 'template']);

/** Does a name (package name, catalog name, folder name) hold an unrendered placeholder? */
export function hasPlaceholder(name: string | null | undefined): boolean {
  return name !== null && name !== undefined && PLACEHOLDERS.some((p) => name.includes(p));
}

/** What is known about the workspace when deciding whether a folder is a template. */
export interface TemplateContext {
  /** Is this root-relative file in the workspace? */
  hasFile: (path: string) => boolean;
  /** Folders of Backstage `Template` entities. */
  templateFolders: ReadonlySet<string>;
}

/**
 * Is a declaration in `folder`, named `name`, part of a template (so not a module)?
 * E.g. `scripts/create-package/package-template` (name `PACKAGE_NAME`),
 * `workspaces/mta/examples/template/content` (name `${{ values.name }}`), `_template` (name
 * `<REPLACE ME>`), `{{cookiecutter.project_slug}}/api`, `templates/node/skeleton` beside
 * `templates/node/template.yaml`.
 */
export function isTemplate(folder: string, name: string | null, ctx: TemplateContext): boolean {
  if (hasPlaceholder(name)) return true;
  const segments = folder === '' ? [] : folder.split('/');
  for (let i = 0; i <= segments.length; i++) {
    const at = segments.slice(0, i).join('/');
    const inFolder = (f: string) => (at === '' ? f : `${at}/${f}`);
    if (i > 0 && segments[i - 1].includes('{{')) return true;
    if (i < segments.length && ctx.templateFolders.has(at)) return true;
    if (TEMPLATE_ROOT_FILES.some((f) => ctx.hasFile(inFolder(f)))) return true;
    if (i < segments.length && SKELETON_SEGMENTS.has(segments[i]) && (ctx.hasFile(inFolder('template.yaml')) || ctx.hasFile(inFolder('template.yml')))) return true;
  }
  return false;
}

/**
 * Is a go.mod a tool pin rather than a module: anything under a `.bingo/` folder
 * (`operator/.bingo/go.mod`), or a go.mod under a `tools/` folder beside a `tool.go` or `tools.go`
 * (`tools/gofumpt/go.mod` + `tools/gofumpt/tool.go`, the `//go:build tools` convention)?
 */
export function isGoToolPin(folder: string, hasFile: (path: string) => boolean): boolean {
  const segments = folder === '' ? [] : folder.split('/');
  if (segments.includes('.bingo')) return true;
  if (!segments.includes('tools')) return false;
  return hasFile(`${folder}/tool.go`) || hasFile(`${folder}/tools.go`);
}

/** Folder names of documentation builds: a dependency list there installs the docs toolchain. */
const DOCS_SEGMENTS: ReadonlySet<string> = new Set(['docs', 'doc', 'documentation']);

/** What the engine knows about a folder's manifests when it decides whether a dependency list is a module. */
export interface DependencyListContext {
  /** The list's folder. */
  folder: string;
  /** Manifests in the same folder other than dependency lists, module or not. */
  packageManifestsBeside: number;
  /** Of those, how many make a module. */
  packageModulesBeside: number;
  /** Does the folder hold code of the list's language (`.rb` for a Gemfile, `.py` for Python lists)? */
  holdsCode: boolean;
}

/**
 * Does a dependency list (Gemfile, Pipfile, requirements*.txt) make or join a module? Alone it is an
 * application module named by its folder; beside a package that is a module it adds that module's
 * dependencies; beside only aggregators it is the workspace's development list (rails' root
 * Gemfile beside its meta-gem and Yarn workspace root), not a module; under a documentation folder
 * (`docs/requirements.txt`) it installs the docs toolchain. Test folders are excluded for every
 * manifest.
 */
export function isModuleDependencyList(ctx: DependencyListContext): boolean {
  if (ctx.packageManifestsBeside > 0 && ctx.packageModulesBeside === 0) return false;
  // Alone, a list with no code of its language beside or below it installs tools for something
  // else (loki's clients/cmd/fluentd/docker/Gemfile for a docker-compose set-up): no module.
  if (ctx.packageManifestsBeside === 0 && !ctx.holdsCode) return false;
  return ctx.folder === '' || !ctx.folder.split('/').some((s) => DOCS_SEGMENTS.has(s.toLowerCase()));
}

/**
 * Is a gemspec a meta-gem, an aggregator like a Maven parent: its dependencies include two or more
 * gems defined inside its own folder, and it has no `lib/` of its own? E.g. rails' root
 * `rails.gemspec` over `actionpack/actionpack.gemspec`, `activerecord/activerecord.gemspec`, ….
 */
export function isMetaGem(dependencies: readonly string[], innerGems: ReadonlySet<string>, hasLib: boolean): boolean {
  if (hasLib) return false;
  return dependencies.filter((d) => innerGems.has(d)).length >= 2;
}

/** Is a source-set folder under `src/` a test one (`test`, `androidTest`, `jvmTest`, `commonTest`, `androidHostTest`)? */
export function isTestSourceSet(name: string): boolean {
  return name === 'test' || name === 'tests' || name.endsWith('Test') || name.endsWith('Tests');
}

/**
 * Is a JVM project (Gradle or Maven) a test project: it has source sets under `src/`, and all are
 * test ones (okhttp's `okhttp-hpacktests/` holds only `src/test/`)? `sourceSets` are the names of
 * the folders under its `src/` that hold files.
 */
export function isTestOnlyProject(sourceSets: ReadonlySet<string>): boolean {
  return sourceSets.size > 0 && [...sourceSets].every(isTestSourceSet);
}

/**
 * A Go module's name: the last element of its module path, without Go's major-version suffix
 * (`gitlab.com/gitlab-org/gitaly/v16` is `gitaly`: "v2 and later" end the path in `/vN`).
 * `gopkg.in/yaml.v3` keeps its `.v3`, which is part of that path's last element.
 */
export function goModuleName(modulePath: string): string {
  const path = /\/v(?:[2-9]|[1-9]\d+)$/.test(modulePath) ? modulePath.slice(0, modulePath.lastIndexOf('/')) : modulePath;
  return path.slice(path.lastIndexOf('/') + 1) || modulePath;
}
