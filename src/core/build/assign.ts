/**
 * Files → modules: each file belongs to the deepest module that contains it; that decides the
 * module's test files, its priority tags, and (where nothing declares it) whether it is a
 * service, from its deployment files.
 */
import { compileGlobs } from '../glob';
import type { ModuleDraft } from '../model/module';
import type { NorthstarConfig, PriorityTag } from '../model/types';
import { testProjectSubject } from './moduleKinds';
import { isSamplePath } from '../model/predicates';

/**
 * Test files by convention (DESIGN.md 3, quality/missing-tests), every ecosystem in one list:
 * JavaScript (`*.test.*`, `*.spec.*`, `__tests__/`, Cypress `cypress/`, Playwright and others
 * `e2e/`, `*.e2e.*`), Go (`*_test.go`), pytest (`test_*.py`, `*_test.py`, `conftest.py`), RSpec
 * (`spec/`, `*_spec.rb`) and Minitest (`test/`, `*_test.rb`), JVM source sets (`src/test/`,
 * Android `src/androidTest/`, Kotlin multiplatform `src/jvmTest/`, `src/commonTest/`,
 * `src/androidHostTest/`, … any `src/<x>Test/`), PHP and .NET `tests/`, Swift `Tests/`, Elixir
 * `*_test.exs`.
 */
export const TEST_CONVENTIONS = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/test/**',
  '**/tests/**',
  '**/Tests/**',
  '**/__tests__/**',
  '**/*_test.go',
  '**/test_*.py',
  '**/*_test.py',
  '**/conftest.py',
  '**/spec/**',
  '**/*_spec.rb',
  '**/*_test.rb',
  '**/*_test.exs',
  '**/cypress/**',
  '**/e2e/**',
  '**/*.e2e.*',
  '**/src/test/**',
  '**/src/*Test/**',
];

/** Does a path name a test word at all? Every default convention does: the globs run on the few paths that pass. */
function mayBeTest(path: string): boolean {
  return path.includes('test') || path.includes('spec') || path.includes('Test') || path.includes('e2e') || path.includes('cypress');
}

const SERVICE_FILES = new Set(['Dockerfile', 'Containerfile', 'Procfile', 'Chart.yaml', 'fly.toml', 'app.yaml', 'serverless.yml', 'skaffold.yaml']);
const SERVICE_FOLDERS = ['k8s/', 'kubernetes/', 'helm/', 'deploy/', 'deployment/'];
/** The last letters and the lengths of SERVICE_FILES' names: most names are told apart by them, without a copy of the name. */
const SERVICE_FILE_LAST = new Set([...SERVICE_FILES].map((name) => name.charCodeAt(name.length - 1)));
const SERVICE_FILE_LENGTHS = new Set([...SERVICE_FILES].map((name) => name.length));

/** Is a module's file (its path inside the module) a deployment file or in a deployment folder: a hint the module is a service? */
export function isServiceHint(rel: string): boolean {
  for (let i = 0; i < SERVICE_FOLDERS.length; i++) if (rel.startsWith(SERVICE_FOLDERS[i])) return true;
  if (!SERVICE_FILE_LAST.has(rel.charCodeAt(rel.length - 1))) return false;
  const length = rel.length - rel.lastIndexOf('/') - 1;
  return SERVICE_FILE_LENGTHS.has(length) && SERVICE_FILES.has(rel.slice(rel.length - length));
}

/** What assignFiles remembers between snapshots: is this file a test, for this module key. */
export interface TestMemo {
  conventions: string;
  byFile: Map<string, { key: string; isTest: boolean }>;
  /** The last whole assignment: per module (by index), its test files and whether it holds deployment files. */
  assignment?: { files: readonly string[]; layout: string; tests: string[][]; hints: boolean[] };
}

/** Give each file to its module: tests, priority tags and the type inferred from deployment files. */
export async function assignFiles(
  modules: readonly ModuleDraft[],
  files: readonly string[],
  moduleOf: (path: string) => ModuleDraft | undefined,
  tags: readonly PriorityTag[],
  config: NorthstarConfig,
  memo: TestMemo,
  typeDeclared: ReadonlySet<ModuleDraft>,
  pause: () => Promise<void> | null,
  testSubjects: ReadonlyMap<string, readonly ModuleDraft[]> = new Map(),
  /** Resolves once `tags` holds every tag (ModelInputs.tagsReady). */
  tagsReady?: () => Promise<void>,
): Promise<void> {
  const conventions = config.tests.patterns ?? TEST_CONVENTIONS;
  // Whether a file is a test depends on its module's folder and globs and on the conventions:
  // remembered between snapshots, so an edit does not run every glob over every file again.
  const conventionsKey = conventions.join('\u0000');
  if (memo.conventions !== conventionsKey) {
    memo.conventions = conventionsKey;
    memo.byFile.clear();
  }
  const testers = new Map<ModuleDraft, (relative: string) => boolean>();
  const serviceHints = new Set<ModuleDraft>();
  const tests = new Map<ModuleDraft, string[]>();
  // One compiled matcher for the conventions, shared by every module that has no globs of its own.
  // Every default convention names `test` or `spec`: a path with neither is no test, and most
  // paths are not, so the glob matcher runs on a few of them.
  const conventionGlobs = compileGlobs(conventions);
  const prefiltered = conventions === TEST_CONVENTIONS;
  const byConvention = prefiltered ? (rel: string) => mayBeTest(rel) && conventionGlobs(rel) : conventionGlobs;
  // Which module's tests each file is, and which modules hold deployment files, depend only on
  // the file list, the modules' folders and globs, and the conventions: the whole assignment is
  // kept while those are the same (a contract or CODEOWNERS edit moves no file).
  const subjectsKey = [...testSubjects].map(([folder, targets]) => `${folder}\u0000${targets.map((t) => t.path).join('\u0000')}`).join('\n');
  const layout = `${conventionsKey}\n${modules.map((m) => (m.testGlobs ? `${m.path}\u0000${m.testGlobs.join('\u0000')}` : m.path)).join('\n')}\n${subjectsKey}`;
  const kept = memo.assignment;
  if (kept && kept.files === files && kept.layout === layout) {
    modules.forEach((m, i) => {
      tests.set(m, kept.tests[i].slice());
      if (kept.hints[i] && !typeDeclared.has(m)) serviceHints.add(m);
    });
  } else {
    const hinted = new Set<ModuleDraft>();
    for (const m of modules) {
      testers.set(m, m.testGlobs ? ((g) => (rel: string) => g(m.path === '' ? rel : `${m.path}/${rel}`))(compileGlobs(m.testGlobs)) : byConvention);
      tests.set(m, []);
    }
    // A .NET test project is no module: its files are the tests of every project it references
    // (`testSubjects`), else, for one named `X.Tests`, of X when X is one.
    const byName = new Map<string, ModuleDraft>();
    for (const m of modules) if (!byName.has(m.name)) byName.set(m.name, m);
    const testedBy = (file: string): readonly ModuleDraft[] | undefined => {
      if (testSubjects.size > 0) {
        for (let folder = file.lastIndexOf('/'); folder > 0; folder = file.lastIndexOf('/', folder - 1)) {
          const targets = testSubjects.get(file.slice(0, folder));
          if (targets) return targets;
        }
      }
      if (!/tests\//i.test(file)) return undefined;
      const segments = file.split('/');
      for (let s = segments.length - 2; s >= 0; s--) {
        const subject = testProjectSubject(segments[s]);
        const target = subject === null ? undefined : byName.get(subject);
        if (target) return [target];
      }
      return undefined;
    };
    for (let i = 0; i < files.length; i++) {
      if ((i & 511) === 0) await pause();
      const file = files[i];
      const subjectsOf = testedBy(file);
      if (subjectsOf) {
        for (const subject of subjectsOf) tests.get(subject)!.push(file);
        continue;
      }
      const m = moduleOf(file);
      if (!m) continue;
      const rel = m.path === '' ? file : file.slice(m.path.length + 1);
      const tester = testers.get(m)!;
      let isTest: boolean;
      // No test word in the path, under the default conventions: no glob to run, nothing to remember.
      if (tester === byConvention && prefiltered && !mayBeTest(rel)) isTest = false;
      else {
        const key = m.testGlobs ? `${m.path}\u0000${m.testGlobs.join('\u0000')}` : m.path;
        const known = memo.byFile.get(file);
        if (known !== undefined && known.key === key) isTest = known.isTest;
        else {
          isTest = tester(rel);
          memo.byFile.set(file, { key, isTest });
        }
      }
      if (isTest) tests.get(m)!.push(file);
      if (!hinted.has(m) && isServiceHint(rel)) hinted.add(m);
    }
    for (const m of hinted) if (!typeDeclared.has(m)) serviceHints.add(m);
    memo.assignment = { files, layout, tests: modules.map((m) => tests.get(m)!.slice()), hints: modules.map((m) => hinted.has(m)) };
  }
  // Several modules of one folder (a catalog-info.yaml with a frontend and a backend Component
  // beside one package.json) share the folder's files: each has the tests the folder holds.
  const byPath = new Map<string, ModuleDraft[]>();
  for (const m of modules) {
    if (m.testGlobs) continue;
    const same = byPath.get(m.path);
    if (same) same.push(m);
    else byPath.set(m.path, [m]);
  }
  for (const same of byPath.values()) {
    if (same.length < 2) continue;
    const shared = [...new Set(same.flatMap((m) => tests.get(m)!))].sort();
    for (const m of same) tests.set(m, shared.slice());
  }
  for (const m of modules) {
    m.tests = tests.get(m)!;
    if (!typeDeclared.has(m)) {
      const segments = m.path.split('/');
      const inServiceFolder = segments.slice(0, -1).some((s) => s === 'services' || s === 'apps');
      m.type = isSamplePath(m.path) ? 'sample' : inServiceFolder || serviceHints.has(m) ? 'service' : 'library';
    }
  }
  if (tagsReady) await tagsReady();
  for (const tag of tags) {
    const m = moduleOf(tag.file);
    if (m && !m.priorities.includes(tag.priority)) m.priorities.push(tag.priority);
  }
}
