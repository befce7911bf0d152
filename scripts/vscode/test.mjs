// `npm run test:vscode`: Northstar's tests in a real VS Code (code-server + headless Chromium).
//   1. install code-server on demand   2. build the extension   3. compile the tests
//   4. integration tests (mocha inside the extension host) on a trusted folder, a restricted
//      folder and a multi-root workspace   5. Playwright UI tests (test/e2e/*.test.mjs)
//
//   node scripts/vscode/test.mjs [--only integration|e2e] [--scenario NAME] [--verbose]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { ROOT, ensureSystemPackages, installCodeServer } from './install.mjs';
import { LARGE_FOLDER_NAME, writeLargeWorkspace } from './large-workspace.mjs';
import { exampleWorkspace, log, runExtensionTests } from './run.mjs';
import { runVsixTest } from './vsix.mjs';

const { values: opts } = parseArgs({ options: { only: { type: 'string' }, scenario: { type: 'string' }, verbose: { type: 'boolean' } } });

const FIXTURES = join(ROOT, 'test', 'fixtures');

const SCENARIOS = [
  { name: 'default', workspace: exampleWorkspace(), trusted: true, folders: [basename(exampleWorkspace())] },
  { name: 'restricted', workspace: join(FIXTURES, 'vscode-ws'), trusted: false, folders: ['vscode-ws'] },
  { name: 'multi-root', workspace: join(FIXTURES, 'vscode-multiroot', 'shopco.code-workspace'), trusted: true, folders: ['shopco', 'storefront'] },
  // Two folders both named `api`: the panels find folders by URI (only the panel tests run here;
  // other tests identify folders by name).
  {
    name: 'same-names', workspace: join(FIXTURES, 'vscode-samename', 'same-names.code-workspace'), trusted: true, folders: ['api', 'api'],
    env: { NORTHSTAR_TEST_FILES: 'diagram.test.js,summary.test.js' },
  },
  // Every quick fix applied in turn (test/integration/quickfixes.test.ts) on a temporary copy of
  // test/fixtures/vscode-fixes: the fixes write and create files.
  {
    name: 'fixes', trusted: true, folders: ['vscode-fixes'], env: { NORTHSTAR_TEST_FILES: 'quickfixes.test.js' },
    prepare() {
      const dir = mkdtempSync(join(tmpdir(), 'northstar-fixes-'));
      const workspace = join(dir, 'vscode-fixes');
      cpSync(join(FIXTURES, 'vscode-fixes'), workspace, { recursive: true });
      return { workspace, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  // 200,000 files generated into a temp folder: hovers and the status bar answer while the first
  // analysis runs (test/integration/responsiveness.test.ts, the only file this scenario runs).
  {
    // NORTHSTAR_HOST_TIMING: every Northstar callback on the host's thread is timed (src/node/hostTiming.ts), and the test logs the longest.
    name: 'large', trusted: true, folders: [LARGE_FOLDER_NAME], env: { NORTHSTAR_TEST_FILES: 'responsiveness.test.js', NORTHSTAR_HOST_TIMING: '1' },
    async prepare() {
      const dir = mkdtempSync(join(tmpdir(), 'northstar-large-'));
      const workspace = join(dir, LARGE_FOLDER_NAME);
      mkdirSync(workspace);
      const t = Date.now();
      const files = await writeLargeWorkspace(workspace);
      log(`large: ${files} files generated in ${((Date.now() - t) / 1000).toFixed(1)}s`);
      return { workspace, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

const totals = { passed: 0, failed: 0 };
const problems = [];

function step(name, command, args) {
  const t = Date.now();
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  const ok = r.status === 0;
  log(`${name}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
  if (!ok) { totals.failed++; problems.push(name); }
  return ok;
}

async function integration() {
  const testsPath = join(ROOT, 'out', 'test', 'integration', 'index.js');
  for (const s of SCENARIOS.filter((x) => !opts.scenario || x.name === opts.scenario)) {
    const prepared = s.prepare ? await s.prepare() : undefined;
    const resultsDir = mkdtempSync(join(tmpdir(), 'northstar-results-'));
    const resultsFile = join(resultsDir, 'results.json');
    const t = Date.now();
    const code = await runExtensionTests({
      name: s.name, extensionPath: ROOT, testsPath, workspace: prepared?.workspace ?? s.workspace, trusted: s.trusted, verbose: opts.verbose,
      env: { NORTHSTAR_TEST_RESULTS: resultsFile, NORTHSTAR_TEST_TRUSTED: String(s.trusted), NORTHSTAR_TEST_FOLDERS: s.folders.join(','), ...s.env },
    }).catch((e) => { log(`${s.name}: ${e instanceof Error ? e.message : e}`); return 2; });
    prepared?.cleanup();
    const results = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
    rmSync(resultsDir, { recursive: true, force: true });
    if (results) {
      totals.passed += results.passed;
      totals.failed += results.failed;
      for (const f of results.failures) problems.push(`integration/${s.name}: ${f}`);
    }
    if (code !== 0 && !(results && results.failed > 0)) {
      totals.failed++; // the run itself broke: no results, or a non-zero exit without a failed test
      problems.push(`integration/${s.name}: harness exit ${code}`);
    }
    log(`integration/${s.name}: ${results ? `${results.passed} passed, ${results.failed} failed` : 'no results'} in ${((Date.now() - t) / 1000).toFixed(1)}s`);
  }
}

async function e2e() {
  const dir = join(ROOT, 'test', 'e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort() : [];
  if (files.length === 0) { totals.failed++; problems.push('e2e: no test/e2e/*.test.mjs'); return; }
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: false });
  for (const f of files) mocha.addFile(join(dir, f));
  await mocha.loadFilesAsync();
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => { totals.passed++; });
    runner.on('fail', (t, err) => { totals.failed++; problems.push(`e2e: ${t.fullTitle()}: ${err?.message ?? err}`); });
  });
}

const t0 = Date.now();
try {
  installCodeServer();
  ensureSystemPackages();
} catch (e) {
  console.error(`[vscode] ${e instanceof Error ? e.message : e}`);
  process.exit(1);
}
const built = step('build', process.execPath, ['scripts/build.mjs']);
// tsc still emits when it reports type errors: those count as a failure, and the tests run anyway.
step('compile tests', process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json']);
if (built) {
  if (opts.only !== 'e2e') await integration();
  if (opts.only !== 'integration') await e2e();
  // 6. the packaged .vsix installed into a fresh code-server (scripts/vscode/vsix.mjs); full runs only
  if (!opts.only && !opts.scenario) {
    const v = await runVsixTest({ verbose: opts.verbose });
    totals.passed += v.passed; totals.failed += v.failed; problems.push(...v.problems);
  }
}
for (const p of problems) console.log(`  FAILED ${p}`);
console.log(`vscode: ${totals.passed} passed, ${totals.failed} failed (${((Date.now() - t0) / 1000).toFixed(0)}s)`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
