#!/usr/bin/env node
/**
 * The judgement behind test/fixtures/realworld/<repo>/labels.json, written down as rules so
 * that a reviewer can read and dispute each one. Every finding of `scripts/realworld/run.mjs`
 * (its check.json) is matched by the first rule that applies; the reason names the evidence.
 * A finding no rule covers is printed as UNLABELLED and must be judged by hand before the
 * labels are written. The rules were written after reading every finding against the files
 * (see test/fixtures/realworld/README.md); they are not a second engine.
 *
 *   node scripts/realworld/propose-labels.mjs [--runs DIR] [--write] [NAME…]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gunzipSync } from 'node:zlib';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '..', '..', 'test', 'fixtures', 'realworld');
const args = process.argv.slice(2);
let runs = '/tmp/northstar-realworld';
let write = false;
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = args[++i];
  else if (args[i] === '--write') write = true;
  else names.push(args[i]);
}

function skeletonOf(name) {
  const plain = path.join(corpus, name, 'skeleton.json');
  return JSON.parse(existsSync(plain) ? readFileSync(plain, 'utf8') : gunzipSync(readFileSync(plain + '.gz')).toString('utf8'));
}
const read = (name, p) => readFileSync(path.join(corpus, name, 'files', p), 'utf8');
const dirOf = (p) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');
const inside = (p, folder) => folder === '' || p.startsWith(folder + '/');
/** 1-based line of the first line matching re in a kept file, or 1. */
function lineOf(name, file, re) {
  try {
    const lines = read(name, file).split('\n');
    const i = lines.findIndex((l) => re.test(l));
    return i < 0 ? 1 : i + 1;
  } catch {
    return 1;
  }
}

// ---- What a folder is -------------------------------------------------------------------
const FIXTURE_SEGMENT = /^(test|tests|__tests__|fixtures?|__fixtures__|testdata|test-fixtures|regenerator-fixtures|e2e-tests|integration-tests|__mocks__)$/;
function fixtureSegment(folder) {
  const segs = folder.split('/');
  return segs.find((s) => FIXTURE_SEGMENT.test(s)) ?? null;
}
function templateEvidence(name, module, folder, manifest) {
  if (/\$\{\{|<REPLACE ME>|^PACKAGE_NAME$/.test(module ?? '')) return `its name "${module}" is a template placeholder`;
  const seg = folder.split('/').find((s) => /^(_template|package-template|templates?|skeleton)$/.test(s));
  if (seg) return `folder "${seg}/" holds a template skeleton`;
  return null;
}

/** Test files in a folder by wider conventions than the engine's: the evidence a finding missed. */
const TEST_FILE = [
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)(__tests__|tests?|spec|e2e|e2e-tests|playwright|integration-tests)\//,
  /_test\.go$/,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.py$/,
  /(^|\/)src\/[A-Za-z]*[Tt]est\//,
  /(Test|Tests|IT)\.(kt|java|cs)$/,
  /_spec\.rb$/,
];
function testEvidence(paths, folder) {
  for (const p of paths) {
    if (!inside(p, folder)) continue;
    const rel = folder === '' ? p : p.slice(folder.length + 1);
    if (TEST_FILE.some((re) => re.test(rel))) return p;
  }
  return null;
}

// ---- Per repository context ---------------------------------------------------------------
function context(name) {
  const skeleton = skeletonOf(name);
  const paths = skeleton.files.map((f) => f.path);
  const model = JSON.parse(readFileSync(path.join(runs, name, 'model.json'), 'utf8'));
  const modulesByName = new Map();
  for (const m of model.modules) if (!modulesByName.has(m.name)) modulesByName.set(m.name, m);
  const moduleAt = (file) => {
    let best = null;
    for (const m of model.modules) if (inside(file, m.path) && (best === null || m.path.length > best.path.length)) best = m;
    return best;
  };
  const hasCodeowners = paths.some((p) => /^(\.github\/|\.gitlab\/|docs\/)?CODEOWNERS$/.test(p));
  const hasCatalog = paths.some((p) => /(^|\/)catalog-info\.ya?ml$/.test(p));
  return { name, skeleton, paths, model, modulesByName, moduleAt, hasCodeowners, hasCatalog };
}

// ---- The rules --------------------------------------------------------------------------
const R = (label, reason) => ({ label, reason });

function moduleFolder(ctx, f) {
  const m = f.module ? ctx.model.modules.find((x) => x.name === f.module && (x.definedAt?.file === f.file || inside(f.file, x.path))) : null;
  return m ? m.path : dirOf(f.file);
}

/** Rules that do not depend on the repository. */
function common(ctx, f) {
  const where = `${f.file}:${f.line}`;
  const folder = moduleFolder(ctx, f);
  const rule = f.ruleId;

  if (rule === 'workspace/skipped') {
    if (/symbolic link loop/.test(f.message)) {
      const link = ctx.skeleton.files.find((x) => x.path === f.file);
      return R('wrong', `${f.file} is a symlink to "${link?.symlink}", a folder inside the repository that is walked anyway: no loop, the reason given is false`);
    }
    if (/binary or not UTF-8/.test(f.message)) {
      const seg = fixtureSegment(dirOf(f.file));
      return R('debatable', `true (${f.file} is not UTF-8 text, flagged binary in skeleton.json), but it is ${seg ? `a test fixture under "${seg}/"` : 'not source code'}: noise`);
    }
    if (/disappeared while being read/.test(f.message)) {
      const link = ctx.skeleton.files.find((x) => x.path === f.file);
      return R('wrong', `${f.file} is a dangling symlink to "${link?.symlink}" (untracked build output), not a file that disappeared; and a node_modules link is never read anyway`);
    }
    if (/too large/.test(f.message)) {
      const kind = /(^|\/)vendor\//.test(f.file) ? 'vendored third-party Go code' : /\.yarn\/releases\//.test(f.file) ? "the vendored Yarn release" : fixtureSegment(dirOf(f.file)) ? 'a test fixture' : 'generated code';
      return R('debatable', `true (${f.file} is over 1 MB, size in skeleton.json), but it is ${kind}, read only for northstar:priority tags it never holds: noise`);
    }
    if (/not valid JSON/.test(f.message) && fixtureSegment(dirOf(f.file))) {
      return R('wrong', `${f.file} is a deliberately broken test fixture under "${fixtureSegment(dirOf(f.file))}/", not a manifest of this repository`);
    }
  }

  if (rule === 'contracts/dependency-cycle') {
    const m = /"([^"]+)" → "([^"]+)" → "([^"]+)"/.exec(f.message);
    if (m) {
      const dep = ctx.modulesByName.get(m[2]);
      if (dep) {
        const manifest = dep.definedAt.file;
        try {
          const pkg = JSON.parse(read(ctx.name, manifest));
          const runtime = { ...pkg.dependencies, ...pkg.peerDependencies };
          if (!(m[3] in runtime) && pkg.devDependencies && m[3] in pkg.devDependencies) {
            return R('wrong', `the edge "${m[2]}" → "${m[3]}" exists only in devDependencies (${manifest}:${lineOf(ctx.name, manifest, new RegExp(`"${m[3].replace(/[/@]/g, '\\$&')}"`))}): no runtime cycle`);
          }
        } catch {
          // fall through
        }
      }
    }
  }

  const moduleRules = ['ownership/missing-owner', 'quality/missing-tests', 'observability/missing', 'contracts/duplicate-name', 'ownership/owner-mismatch', 'ownership/unknown-owner'];
  if (moduleRules.includes(rule)) {
    const template = templateEvidence(ctx.name, f.module, folder, f.file);
    if (template) return R('wrong', `not a module: ${template} (${where})`);
    const base = folder.split('/').pop() ?? '';
    if (/(^|[-.])(tests?|Tests)$/.test(base) && rule !== 'ownership/unknown-owner' && rule !== 'ownership/owner-mismatch') {
      return R('wrong', `not a module: ${folder}/ is a test-only project (its name says so), like an X.Tests project in DESIGN 2 (${where})`);
    }
    const seg = fixtureSegment(folder);
    if (seg && rule !== 'ownership/unknown-owner' && rule !== 'ownership/owner-mismatch') {
      return R('wrong', `not a module: ${folder}/ is test code or data under "${seg}/" (${where})`);
    }
  }
  return null;
}

function missingTests(ctx, f, { extra = null } = {}) {
  const folder = moduleFolder(ctx, f);
  const evidence = testEvidence(ctx.paths, folder);
  if (evidence) return R('wrong', `tests exist: ${evidence} (a convention the engine misses, or claimed by a nested module)`);
  if (extra) return extra;
  return R('right', `no test file anywhere under ${folder || 'the root'}/ in the tracked files (skeleton.json)`);
}

function missingOwner(ctx, f) {
  const folder = moduleFolder(ctx, f);
  if (!ctx.hasCodeowners && !ctx.hasCatalog) {
    return R('right', `the repository has no CODEOWNERS and no catalog: ${folder || 'the root'}/ truly has no declared owner`);
  }
  return R('right', `no CODEOWNERS line covers ${folder || 'the root'}/ and no catalog entry owns it`);
}

// ---- Per repository rules ---------------------------------------------------------------
const PER_REPO = {
  MetaMask__core(ctx, f) {
    const folder = moduleFolder(ctx, f);
    if (f.ruleId === 'codeowners/duplicate-pattern') {
      return R('right', `.github/CODEOWNERS:79 and :131 both say "/packages/kyc-controller @MetaMask/universal-kyc": a copy-paste duplicate`);
    }
    if (['quality/missing-tests', 'contracts/duplicate-name'].includes(f.ruleId)) {
      const pkg = JSON.parse(read(ctx.name, f.file));
      if (!pkg.name && typeof pkg.main === 'string' && pkg.main.startsWith('../')) {
        return R('wrong', `not a package: ${f.file} has no name and "main": "${pkg.main}", a subpath-export stub of the enclosing package ${dirOf(folder.replace(/\/mocks$/, '')) || folder}`);
      }
    }
    return null;
  },
  babel__babel(ctx, f) {
    const folder = moduleFolder(ctx, f);
    if (f.ruleId === 'ownership/missing-owner') return missingOwner(ctx, f);
    if (f.ruleId === 'contracts/duplicate-name' && /helpers\/esm$/.test(folder)) {
      return R('wrong', `not a package: ${f.file} only says {"type":"module"} for the helpers/esm folder of ${dirOf(dirOf(folder))}`);
    }
    if (f.ruleId === 'quality/missing-tests' && /helpers\/esm$/.test(folder)) {
      return R('wrong', `not a package: ${f.file} only sets "type": "module" for the helpers/esm folder of ${dirOf(dirOf(folder))}`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder === 'packages/babel-node/scripts') {
      return R('wrong', `not a package: ${f.file} only sets the module type of the scripts folder of @babel/node`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder === 'benchmark') {
      return R('debatable', `@babel/benchmark (benchmark/package.json) is the repository's benchmark harness: code, but asking it for tests is a stretch`);
    }
    if (f.ruleId === 'quality/missing-tests' && /^eslint\/babel-eslint-shared-fixtures$/.test(folder)) {
      return R('wrong', `not a module to test: @babel/eslint-shared-fixtures (${f.file}) is the fixtures package of babel-eslint's tests`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder.startsWith('scripts/')) {
      return R('debatable', `${folder}/ is internal build tooling (private package ${f.file}); tests for it are optional`);
    }
    if (f.ruleId === 'quality/missing-tests') {
      // Babel tests syntax plugins through the parser's and the transforms' fixtures.
      const syntax = /^packages\/babel-plugin-syntax-(.*)$/.exec(folder);
      const r = missingTests(ctx, f);
      if (r.label === 'right' && syntax) {
        return R('debatable', `${folder}/ has no tests of its own, but a syntax plugin only flips a parser flag, tested in packages/babel-parser/test/fixtures/ (Babel's convention)`);
      }
      if (r.label === 'right' && /^packages\/babel-runtime(-corejs3)?$/.test(folder)) {
        return R('wrong', `tests exist: ${folder}/test/ holds its tests but has its own package.json, so the engine made it a separate module "test"`);
      }
      return r;
    }
    if (f.ruleId === 'contracts/duplicate-name' && /\/test$/.test(folder)) {
      return R('wrong', `not a module: ${f.file} is the package.json of a test folder ({"type": ...} only), the tests of ${dirOf(folder)}`);
    }
    return null;
  },
  grafana__loki(ctx, f) {
    if (f.ruleId === 'quality/missing-tests' && f.file === 'operator/.bingo/go.mod') {
      return R('wrong', `not a module: operator/.bingo/ holds bingo's tool-version pins (bingo.mod, controller-gen.mod, …); go.mod:1 says "module _"`);
    }
    if (f.ruleId === 'quality/missing-tests' && f.file.startsWith('pkg/logql/internal/logqltest/')) {
      return R('wrong', `not a module: ${f.file} describes a test helper (logqltest = LogQL test syntax grammar), internal to pkg/logql`);
    }
    return null;
  },
  jellyfin__jellyfin(ctx, f) {
    const folder = moduleFolder(ctx, f);
    const base = folder.split('/').pop();
    if (f.ruleId === 'codeowners/shadowed') {
      return R('right', `.github/CODEOWNERS:3 ".github/ISSUE_TEMPLATE @joshuaboniface" is overridden by :11 ".github/ @jellyfin/core" for every file (the last match wins)`);
    }
    if (/\.Tests$/.test(base) && ['quality/missing-tests', 'ownership/missing-owner'].includes(f.ruleId)) {
      return R('wrong', `not a module: ${base} is a test project (tests of ${base.replace(/\.Tests$/, '')}); DESIGN: a project named X.Tests holds X's tests`);
    }
    if (/\.Fuzz$/.test(base)) {
      return R('debatable', `${base} is a fuzzing harness for ${base.replace(/\.Fuzz$/, '')} (${f.file}): a project, but a test tool, not a product module`);
    }
    if (f.ruleId === 'quality/missing-tests') {
      const testsProject = ctx.paths.find((p) => new RegExp(`^tests/[^/]*${base.replace(/^(Emby|MediaBrowser|Jellyfin)\./, '').replace(/\./g, '\\.')}\\.Tests/.*\\.csproj$`).test(p));
      if (testsProject) return R('wrong', `tests exist: ${testsProject} (DESIGN: X.Tests holds X's tests)`);
      return R('right', `no test project for ${base} under tests/ and no test files in ${folder}/ (skeleton.json)`);
    }
    if (f.ruleId === 'ownership/missing-owner') {
      return R('right', `.github/CODEOWNERS only owns bump_version, .github/ and seven .csproj files (lines 2-11); nothing covers ${folder}/`);
    }
    return null;
  },
  'jkilzi__backstage-community-plugins'(ctx, f) {
    const folder = moduleFolder(ctx, f);
    const ws = /^workspaces\/([^/]+)/.exec(f.file)?.[1];
    const isWorkspaceRoot = ws && f.file === `workspaces/${ws}/catalog-info.yaml`;
    const text = f.file.endsWith('.yaml') ? read(ctx.name, f.file) : '';
    const exampleApp = isWorkspaceRoot && /An example of a Backstage application|john@example\.com/.test(text);
    if (f.ruleId === 'codeowners/no-match') {
      return R('right', `"*/yarn.lock" (.github/CODEOWNERS:9) has a slash inside, so GitHub anchors it at the root: it matches only lock files one level down, and the lock files are at workspaces/<ws>/yarn.lock; the line does nothing (line 8 "yarn.lock" already covers every level)`);
    }
    if (f.ruleId === 'quality/missing-tests' && f.file === 'package.json') {
      return R('wrong', `not a module: the root package.json is the repository's tooling root (workspaces/* are separate Yarn projects), an aggregator`);
    }
    if (isWorkspaceRoot && (f.ruleId === 'quality/missing-tests' || f.ruleId === 'observability/missing')) {
      return R('wrong', `${f.file} describes the whole workspace (its plugins/ and packages/ are modules of their own): a group, not a scored module (DESIGN 2)`);
    }
    if (f.ruleId === 'ownership/unknown-owner' && f.message.startsWith('No teams are declared')) {
      return R('debatable', 'true of the teams that own the plugins (no teams.yaml; no Group entity among the catalog-info.yaml files), and the owners it lists (maintainers, john@example.com, owner-unknown, user:guest, …) are declared nowhere; but Group entities do exist as dev-app example data (workspaces/tech-radar/examples/org.yaml, workspaces/playlist/packages/backend/example-entities/acme/*.yaml), which only Location-following would read');
    }
    if (f.ruleId === 'ownership/unknown-owner' && /CODEOWNERS names the person @/.test(f.message)) {
      const [, owner, handle] = /^Owner "([^"]+)" .*CODEOWNERS names the person (@\S+):/.exec(f.message);
      const codeowners = read(ctx.name, '.github/CODEOWNERS').split('\n');
      const at = codeowners.findIndex((l) => !l.trim().startsWith('#') && l.split(/\s+/).includes(handle));
      const uses = /named by (\d+)/.exec(f.message)?.[1] ?? 1;
      return R('right', `Backstage reads the bare owner "${owner}" (${f.file}:${f.line}) as group:default/${owner}, and no Group "${owner}" is declared in this repository; .github/CODEOWNERS:${at + 1} names the person ${handle}: "user:${owner}" is what Backstage needs (one finding for all ${uses} uses)`);
    }
    if (isWorkspaceRoot && exampleApp && (f.ruleId === 'ownership/owner-mismatch' || f.ruleId === 'ownership/unknown-owner')) {
      return R('debatable', `true as stated, but ${f.file}:${lineOf(ctx.name, f.file, /owner:/)} is the placeholder entity that the workspace template leaves ("An example of a Backstage application", owner john@example.com); the workspace's app-config.yaml does not register it: not the workspace's ownership record`);
    }
    if (/\/examples\//.test(folder) && ['quality/missing-tests', 'observability/missing', 'ownership/unknown-owner', 'ownership/owner-mismatch'].includes(f.ruleId)) {
      return R('wrong', `not a module: ${f.file} is example data loaded by the workspace's dev app (examples/), not a component of this repository`);
    }
    if (/\/src\/actions\/.*\/catalog-info\.yaml$/.test(f.file)) {
      return R('wrong', `not a module: ${f.file} is a sample input of an action's tests (src/actions/…)`);
    }
    if (f.ruleId === 'contracts/duplicate-name' && /\/packages\/(app|backend|app-next)$/.test(folder)) {
      return R('wrong', `each workspace is its own Yarn project (workspaces/${ws}/package.json declares its workspaces); the private dev harness "${f.module ?? folder.split('/').pop()}" is unique inside it`);
    }
    if (f.ruleId === 'contracts/duplicate-name') {
      const m = /already used by ([^ ]+) \(line (\d+)\)/.exec(f.message);
      return R('right', `two catalog entities named alike: ${m?.[1]}:${m?.[2]} and ${f.file}:${f.line} (Backstage would reject the second of the same kind and namespace)`);
    }
    if (f.ruleId === 'ownership/owner-mismatch') {
      const owner = /is owned by "([^"]+)"/.exec(f.message)?.[1];
      const handles = [...f.message.matchAll(/"@([^"]+)"/g)].map((m) => m[1]);
      const bare = owner.replace(/^(user|group):(default\/)?/, '');
      if (handles.some((h) => h.toLowerCase() === bare.toLowerCase())) {
        return R('wrong', `same person: catalog owner "${owner}" (${f.file}:${f.line}) is @${bare}, one of the CODEOWNERS owners`);
      }
      if (owner === 'ibolton@redhat.com' && handles.includes('ibolton336')) {
        return R('debatable', `catalog owner "ibolton@redhat.com" (${f.file}:${f.line}) is most likely @ibolton336, whom CODEOWNERS names; an e-mail and a handle cannot be matched from the files`);
      }
      if (owner === 'user:guest') return R('right', `catalog owner "user:guest" (${f.file}:${f.line}) is Backstage's guest placeholder, not the CODEOWNERS owners: a real disagreement`);
      if (bare === 'maintainers' && handles.includes('backstage/community-plugins-maintainers')) {
        return R('debatable', `catalog owner "maintainers" (${f.file}:${f.line}) most likely means @backstage/community-plugins-maintainers, which CODEOWNERS names; no Group entity says so`);
      }
      if (!/@/.test(owner) && !/^user:/.test(owner) && owner !== 'owner-unknown' && /team|maintainers|community|sharks/.test(owner)) {
        return R('debatable', `catalog owner "${owner}" (${f.file}:${f.line}) is a group defined in no catalog of this repository; the CODEOWNERS people may be its members, so "mismatch" cannot be told from here`);
      }
      return R('right', `catalog owner "${owner}" (${f.file}:${f.line}) is not among the CODEOWNERS owners of the folder: the two sources disagree`);
    }
    if (f.ruleId === 'ownership/unknown-owner') {
      const owner = /Owner "([^"]+)"/.exec(f.message)?.[1];
      if (owner === 'ibolton@redhat.com') return R('debatable', `an e-mail owner (${f.file}:${f.line}) is a person, not a team; most likely the same person as @ibolton336 of .github/CODEOWNERS:46`);
      if (/@example\.com$/.test(owner) || owner === 'owner-unknown' || owner === 'user:guest') return R('right', `"${owner}" (${f.file}:${f.line}) is a placeholder, not an owner`);
      const bare = owner.replace(/^(user|group):(default\/)?/, '');
      const codeowners = read(ctx.name, '.github/CODEOWNERS').split('\n');
      const at = codeowners.findIndex((l) => !l.trimStart().startsWith('#') && new RegExp(`(^|\\s)@${bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'i').test(l));
      if (at >= 0) return R('wrong', `"${owner}" (${f.file}:${f.line}) is the GitHub user @${bare}, whom .github/CODEOWNERS:${at + 1} names: a known owner`);
      return R('debatable', `"${owner}" (${f.file}:${f.line}) is not defined in this repository, but community plugins are registered in Backstage's own catalog, where users and groups may live (a warning, as DESIGN 1.3 says)`);
    }
    if (f.ruleId === 'quality/missing-tests' && /\/packages\/(app|backend|app-next)$/.test(folder)) {
      return missingTests(ctx, f, { extra: R('debatable', `${folder}/ is the workspace's private dev harness app (packages/${folder.split('/').pop()}), not a shipped plugin; no test files in it`) });
    }
    if (f.ruleId === 'observability/missing' && /\/packages\/(app|backend|app-next)$/.test(folder)) {
      return R('wrong', `${folder}/ is the workspace's private dev harness (not deployed), yet typed a service: observability does not apply`);
    }
    if (f.ruleId === 'quality/missing-tests') return missingTests(ctx, f);
    return null;
  },
  'open-telemetry__opentelemetry-python-contrib'(ctx, f) {
    const folder = moduleFolder(ctx, f);
    if (f.ruleId === 'ownership/missing-owner') {
      const listed = ctx.componentOwners.has(folder);
      if (listed) return R('debatable', `.github/CODEOWNERS:8 un-owns /instrumentation on purpose and :1-3 say the owners are in .github/component_owners.yml, which lists ${folder} (a bot's file Northstar does not read)`);
      return R('right', `.github/CODEOWNERS:8 un-owns /instrumentation and .github/component_owners.yml does not list ${folder}: no owner anywhere`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder === 'opentelemetry-contrib-instrumentations') {
      return R('wrong', `opentelemetry-contrib-instrumentations/ is a meta-package (pyproject.toml lists the instrumentations; only version.py in src/): nothing to test`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder.startsWith('.github/')) {
      return R('debatable', `${folder}/ is a CI helper library for generating workflows; tests are optional for it`);
    }
    return null;
  },
  rails__rails(ctx, f) {
    if (f.ruleId === 'ownership/missing-owner') {
      return R('right', `.github/CODEOWNERS has one line (.rubocop.yml @rafaelfranca): nothing owns ${moduleFolder(ctx, f)}/`);
    }
    return null;
  },
  'redhat-developer__rhdh'(ctx, f) {
    const folder = moduleFolder(ctx, f);
    if (f.ruleId === 'ownership/unknown-owner') {
      return R('wrong', `Group "rhdh-team" is defined in this repository: catalog-entities/groups/rhdh-team.yaml (registered by catalog-entities/all.yaml → groups.yaml), which Northstar did not read`);
    }
    if (f.ruleId === 'ownership/missing-owner') {
      return R('wrong', `the repository's own Component "rhdh" (catalog-info.yaml:41-78, spec.owner rhdh-team) covers the whole repository; ${folder}/ is part of it`);
    }
    if (f.ruleId === 'observability/missing' && folder === '.ci') {
      return R('wrong', `.ci/ is CI tooling (package.json of scripts), not a service; typed a service by its folder's deployment files`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder.startsWith('dynamic-plugins/wrappers/')) {
      return R('debatable', `${folder}/ is a thin wrapper that re-exports an upstream plugin as a dynamic plugin (no code of its own to test)`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder.startsWith('.ci')) {
      return R('debatable', `${folder}/ is CI tooling (scripts), not product code`);
    }
    if (f.ruleId === 'quality/missing-tests') return missingTests(ctx, f);
    return null;
  },
  square__okhttp(ctx, f) {
    const folder = moduleFolder(ctx, f);
    if (folder === '' && ['ownership/missing-owner', 'quality/missing-tests'].includes(f.ruleId)) {
      return R('wrong', `not a module: the root build.gradle.kts is the aggregator of the projects that settings.gradle.kts:${lineOf(ctx.name, 'settings.gradle.kts', /^include\(/)} includes`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder === 'okhttp-bom') {
      return R('wrong', `okhttp-bom/ holds only build.gradle.kts: a Maven BOM (bill of materials), no code to test`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder === 'build-logic') {
      return R('debatable', `build-logic/ is the included build of Gradle convention plugins (settings.gradle.kts:4 includeBuild): build tooling, tests optional`);
    }
    if (/^(android-test|android-test-app|container-tests|maven-tests|module-tests|native-image-tests|okhttp-hpacktests|okhttp-osgi-tests|okhttp-testing-support|regression-test)$/.test(folder)) {
      return R('wrong', `not a module: ${folder}/ is a test-only project (its name and src/ say so; okhttp's tests of its libraries), like an X.Tests project in DESIGN 2`);
    }
    if (f.ruleId === 'quality/missing-tests' && folder.startsWith('samples/')) {
      return R('debatable', `${folder}/ is a sample; DESIGN 2 wants samples typed "sample" with quality findings at info, this one is a warning`);
    }
    if (f.ruleId === 'quality/missing-tests') return missingTests(ctx, f);
    if (f.ruleId === 'ownership/missing-owner') return missingOwner(ctx, f);
    return null;
  },
  'xuxiaowei-io__gitaly'(ctx, f) {
    const folderFiles = ctx.paths.filter((p) => inside(p, dirOf(f.file))).map((p) => p.slice(dirOf(f.file).length + 1)).sort().join(',');
    if (f.ruleId === 'quality/missing-tests' && /^tools\/[^/]+\/go\.mod$/.test(f.file) && folderFiles === 'go.mod,go.sum,tool.go') {
      return R('wrong', `not a module: ${dirOf(f.file)}/ holds only go.mod, go.sum and tool.go, which pins a build tool's version (Go's tools pattern)`);
    }
    return null;
  },
};

function label(ctx, f) {
  return common(ctx, f) ?? PER_REPO[ctx.name]?.(ctx, f) ?? (f.ruleId === 'quality/missing-tests' ? missingTests(ctx, f) : null) ?? (f.ruleId === 'ownership/missing-owner' ? missingOwner(ctx, f) : null);
}

/** The folders .github/component_owners.yml lists at the skeleton's commit (466ae4c00de7). */
const OTEL_COMPONENT_OWNERS = [
  'instrumentation/opentelemetry-instrumentation-aiohttp-client', 'instrumentation/opentelemetry-instrumentation-aiokafka',
  'instrumentation/opentelemetry-instrumentation-asyncclick', 'instrumentation/opentelemetry-instrumentation-asyncio',
  'instrumentation/opentelemetry-instrumentation-exceptions', 'instrumentation/opentelemetry-instrumentation-botocore',
  'instrumentation/opentelemetry-instrumentation-pymssql', 'instrumentation/opentelemetry-instrumentation-urllib',
  'instrumentation/opentelemetry-instrumentation-urllib3', 'processor/opentelemetry-processor-baggage',
  'propagator/opentelemetry-propagator-aws-xray', 'resource/opentelemetry-resource-detector-azure',
  'sdk-extension/opentelemetry-sdk-extension-aws', 'util/opentelemetry-util-genai',
];

let unlabelled = 0;
const totals = { right: 0, wrong: 0, debatable: 0 };
for (const name of names.length > 0 ? names : Object.keys(PER_REPO)) {
  const ctx = context(name);
  if (name === 'open-telemetry__opentelemetry-python-contrib') {
    // Listed from the full checkout (.github/component_owners.yml is not in the skeleton: not a file Northstar reads).
    ctx.componentOwners = new Set(OTEL_COMPONENT_OWNERS);
  }
  const findings = JSON.parse(readFileSync(path.join(runs, name, 'check.json'), 'utf8')).findings;
  const labels = [];
  for (const f of findings) {
    const verdict = label(ctx, f);
    if (!verdict) {
      unlabelled++;
      console.log(`UNLABELLED ${name} ${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message.slice(0, 160)}`);
      continue;
    }
    totals[verdict.label]++;
    labels.push({ ruleId: f.ruleId, file: f.file, line: f.line, column: f.column, message: f.message, label: verdict.label, reason: verdict.reason });
  }
  const counts = { right: 0, wrong: 0, debatable: 0 };
  for (const l of labels) counts[l.label]++;
  console.log(`${name}: ${findings.length} findings, ${JSON.stringify(counts)}`);
  if (write && unlabelled === 0) writeFileSync(path.join(corpus, name, 'labels.json'), JSON.stringify(labels, null, 2) + '\n');
}
console.log(`total ${JSON.stringify(totals)}, unlabelled ${unlabelled}`);
