/* global console, process */
/**
 * `npm run bench` (= `npm run build && node bench/run.mjs`): Northstar at monorepo scale, side
 * by side with the npm CODEOWNERS libraries, on seeded synthetic monorepos (bench/generate.mjs).
 *
 *   node bench/run.mjs [--check] [--quick] [--only resolve,check,incremental,stall,host,extension,diagram,hostile,layout]
 *                      [--runs N] [--full-peers] [--from FILE]
 *
 * Every measurement runs in its own process, so that peak RSS is that measurement's own.
 * Results: bench/results/<date>.json (every raw sample, runs, machine) and .md, plus latest.*.
 * `--check` compares the medians with the targets (bench/README.md) and exits 1 if one is
 * missed; `--from FILE` checks (and prints) a results file without measuring again.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWorkspace, writeWorkspace } from './generate.mjs';
import { layoutTable } from './lib/layout-table.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const quick = flag('quick');
const only = new Set(option('only', 'resolve,check,incremental,stall,host,extension,diagram,hostile').split(','));
const runsOverride = option('runs', null);
const work = process.env.NORTHSTAR_BENCH_DIR ?? path.join(os.tmpdir(), 'northstar-bench');
mkdirSync(work, { recursive: true });

/** The targets of the performance issue, checked by --check. Values in ms and bytes. */
export const TARGETS = [
  { id: 'resolve-1m-5k-time', label: '1M paths × 5k rules resolved', max: 5000, unit: 'ms' },
  { id: 'resolve-1m-5k-rss', label: '1M × 5k peak memory', max: 500 * 2 ** 20, unit: 'bytes' },
  { id: 'resolve-agreement', label: 'answers identical to GitHub semantics (unexplained differences)', max: 0, unit: 'count' },
  { id: 'owners-process-vs-snyk', label: '`owners - -f json` whole process, 100k paths × 1k rules, faster than @snyk/github-codeowners per path', min: 200, unit: 'times' },
  { id: 'check-100k-time', label: '`northstar check`, 100k files / 2,000 modules, cold', max: 1500, unit: 'ms' },
  { id: 'check-100k-rss', label: '`northstar check` peak RSS', max: 400 * 2 ** 20, unit: 'bytes' },
  { id: 'incremental-contract', label: 'update after one contract edit', max: 50, unit: 'ms' },
  { id: 'incremental-codeowners', label: 'update after one CODEOWNERS edit', max: 50, unit: 'ms' },
  { id: 'hover', label: 'hover: owner of a file (p99)', max: 1, unit: 'ms' },
  { id: 'stall', label: 'longest event-loop stall while analysing 200k files', max: 50, unit: 'ms' },
  { id: 'host-200k', label: 'longest Northstar callback on the host thread, analysis on the worker, 200k files (median of runs)', max: 50, unit: 'ms' },
  { id: 'host-1m', label: 'longest Northstar callback on the host thread, analysis on the worker, 1M files (median of runs)', max: 50, unit: 'ms' },
  { id: 'activation', label: 'extension activation', max: 100, unit: 'ms' },
  { id: 'diagram-5000', label: '5,000-module overview: built, panel opened and drawn', max: 2000, unit: 'ms' },
];

const median = (xs) => {
  if (!xs || xs.length === 0) return null;
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mb = (bytes) => (bytes == null ? '—' : `${(bytes / 2 ** 20).toFixed(0)} MB`);
const fmtMs = (ms) => (ms == null ? '—' : ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(2)} ms`);
const log = (line) => console.error(line);
/** The 1-minute load average when a measurement started and ended (the machine is shared: say how busy it was). */
const loadText = ([start, end]) => `load average ${start.toFixed(1)} → ${end.toFixed(1)}`;

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  };
}

/** Bundle the core (the same sources as dist/) for in-process measurements. */
async function bundleCore() {
  const esbuild = await import('esbuild');
  const outfile = path.join(work, 'core.cjs');
  // What the benchmark drives in-process: the same sources as dist/, without the CLI around them.
  const contents = [
    "export { WorkspaceAnalyzer, analyzeWorkspace } from './src/core/analyze';",
    "export { InMemoryFileAccess } from './src/core/fs';",
    "export { NodeFileAccess } from './src/node/nodeFileAccess';",
    "export { parseCodeowners, OwnershipIndex } from './src/core/sources/codeowners';",
    "export { buildDiagram } from './src/core/report/mermaid';",
    "export { WorkerAnalyzer } from './src/node/workerAnalyzer';",
    "export { setHostTiming, resetHostTiming, hostTimingReport, timed } from './src/node/hostTiming';",
  ].join('\n');
  await esbuild.build({
    stdin: { contents, resolveDir: repo, sourcefile: 'bench-core.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Run a node script in its own process; returns its last stdout line parsed as JSON. */
function runNode(script, job, extraArgs = []) {
  const res = spawnSync(process.execPath, [...extraArgs, script, JSON.stringify(job)], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (res.status !== 0) throw new Error(`${path.basename(script)} ${job.impl ?? job.task} failed (${res.status}): ${res.stderr.slice(-2000)}`);
  const lines = res.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]);
}

// ---------------------------------------------------------------------------
// 1. Ownership resolution

const RESOLVE_CONFIGS = [
  { id: '100k-1k', files: 100_000, rules: 1000, modules: 2000, peerPaths: 2000 },
  { id: '100k-5k', files: 100_000, rules: 5000, modules: 2000, peerPaths: 500 },
  { id: '1m-5k', files: 1_000_000, rules: 5000, modules: 5000, peerPaths: 500 },
];

/** Paths and CODEOWNERS of a configuration on disk (the peers read CODEOWNERS from a folder). */
function prepareResolve(cfg) {
  const dir = path.join(work, `resolve-${cfg.id}-seed1`);
  const pathsFile = path.join(dir, 'paths.txt');
  const stamp = `v3 ${cfg.files} ${cfg.rules} ${cfg.modules}`;
  const stampFile = path.join(dir, 'stamp');
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    log(`  generating ${cfg.files} paths × ${cfg.rules} rules…`);
    const ws = generateWorkspace({ modules: cfg.modules, files: cfg.files, rules: cfg.rules, seed: 1 });
    mkdirSync(path.join(dir, '.github'), { recursive: true });
    writeFileSync(path.join(dir, '.github', 'CODEOWNERS'), ws.codeowners);
    writeFileSync(pathsFile, ws.paths.join('\n') + '\n');
    writeFileSync(stampFile, stamp);
  }
  return { dir, pathsFile };
}

/**
 * Where the peers are known to depart from GitHub's documented rules, a difference is
 * explained, not a failure. codeowners@5.1.1 hands patterns to node-ignore 3 unchanged, so
 * `docs/*` also matches nested files; GitHub documents that `docs/*` matches
 * `docs/getting-started.md` "but not further nested files like
 * `docs/build-app/troubleshooting.md`". (@snyk/github-codeowners patches exactly that.)
 */
const PEER_DEVIATIONS = {
  codeowners: [
    { why: '`dir/*` matches nested files (gitignore), not only direct children (GitHub)', test: (pattern) => /\/\*$/.test(pattern) },
    // gitignore, which GitHub follows: "?" matches any one character except "/". node-ignore 3 escapes it.
    { why: '`?` is taken literally, not as any one character', test: (pattern) => pattern.includes('?') },
  ],
  snyk: [],
};

function compareAnswers(oursFile, theirsFile, peer) {
  const ours = readFileSync(oursFile, 'utf8').split('\n');
  const theirs = readFileSync(theirsFile, 'utf8').split('\n');
  let agree = 0;
  const explained = {};
  const unexplained = [];
  for (let i = 0; i < ours.length; i++) {
    const [path_, ownersA, patternA] = ours[i].split('\t');
    const [, ownersB, patternB] = (theirs[i] ?? '').split('\t');
    if (ownersA === ownersB) {
      agree++;
      continue;
    }
    const why = PEER_DEVIATIONS[peer].find((d) => d.test(patternA ?? '') || d.test(patternB ?? ''));
    if (why) explained[why.why] = (explained[why.why] ?? 0) + 1;
    else unexplained.push({ path: path_, northstar: `${ownersA} (${patternA})`, [peer]: `${ownersB} (${patternB})` });
  }
  return { compared: ours.length, agree, explained, unexplained: unexplained.length, unexplainedExamples: unexplained.slice(0, 5) };
}

function benchResolve(coreBundle, results) {
  const child = path.join(here, 'lib', 'resolve-child.mjs');
  const configs = quick ? RESOLVE_CONFIGS.slice(0, 1) : RESOLVE_CONFIGS;
  for (const cfg of configs) {
    log(`resolve ${cfg.id}`);
    const { dir, pathsFile } = prepareResolve(cfg);
    const sampleEvery = flag('full-peers') ? 1 : Math.max(1, Math.round(cfg.files / cfg.peerPaths));
    const entry = { id: cfg.id, paths: cfg.files, rules: cfg.rules, peerSampleEvery: sampleEvery, impls: {} };
    for (const impl of ['northstar', 'codeowners', 'snyk']) {
      const runs = Number(runsOverride ?? (impl === 'northstar' ? (cfg.files >= 1_000_000 ? 3 : 5) : 3));
      const answersFile = path.join(dir, `answers-${impl}.tsv`);
      const r = runNode(
        child,
        { impl, pathsFile, codeownersDir: dir, runs, sampleEvery: impl === 'northstar' ? 1 : sampleEvery, compareEvery: sampleEvery, answersFile, coreBundle },
        ['--expose-gc', '--max-old-space-size=8192'],
      );
      const perPath = median(r.samples) / r.resolved;
      r.medianMs = median(r.samples);
      r.extrapolated = r.resolved < cfg.files;
      r.fullMs = perPath * cfg.files;
      entry.impls[impl] = r;
      log(`  ${impl}: ${r.extrapolated ? `~${fmtMs(r.fullMs)} (extrapolated from ${r.resolved} paths)` : fmtMs(r.fullMs)}, peak ${mb(r.maxRssBytes)}`);
    }
    entry.agreement = {};
    for (const peer of ['codeowners', 'snyk']) {
      entry.agreement[peer] = compareAnswers(path.join(dir, 'answers-northstar.tsv'), path.join(dir, `answers-${peer}.tsv`), peer);
    }
    if (cfg.id === '100k-1k') entry.ownersProcess = benchOwnersProcess(pathsFile, cfg.rules, dir);
    results.resolve.push(entry);
  }
}

/**
 * The whole `northstar owners - -f json` process (start-up, stdin, CODEOWNERS, every path, the
 * JSON written) over `pathsFile`, in `root` (a root holding only that CODEOWNERS when `root` is
 * not given): median of 3 runs, with the output's size.
 */
function benchOwnersProcess(pathsFile, rules, codeownersDir, root) {
  let at = root;
  if (!at) {
    at = path.join(work, `owners-root-${rules}`);
    mkdirSync(path.join(at, '.github'), { recursive: true });
    writeFileSync(path.join(at, '.github', 'CODEOWNERS'), readFileSync(path.join(codeownersDir, '.github', 'CODEOWNERS')));
  }
  const input = readFileSync(pathsFile, 'utf8');
  const samples = [];
  let bytes = 0;
  for (let i = 0; i < 3; i++) {
    const r = timedProcess([path.join(repo, 'dist', 'cli.js'), 'owners', '--root', at, '-', '-f', 'json'], path.join(work, 'usage.json'), input);
    if (r.status !== 0) throw new Error(`northstar owners exited ${r.status}: ${r.stderr}`);
    bytes = Buffer.byteLength(r.stdout);
    samples.push({ wallMs: r.wallMs, maxRssBytes: r.maxRssBytes });
  }
  const result = { medianWallMs: median(samples.map((s) => s.wallMs)), maxRssBytes: Math.max(...samples.map((s) => s.maxRssBytes)), bytes, modules: Boolean(root) };
  log(`  owners - -f json process${root ? ' (workspace with modules)' : ''}: ${fmtMs(result.medianWallMs)}, ${mb(result.maxRssBytes)}, ${mb(bytes)} written`);
  return result;
}

// ---------------------------------------------------------------------------
// 2. `northstar check` on a workspace on disk

async function prepareWorkspace(files, modules) {
  const dir = path.join(work, `ws-${files}-${modules}-seed1`);
  const ws = generateWorkspace({ modules, files, rules: 1000, seed: 1 });
  const written = await writeWorkspace(ws, dir, `v3 ${files} ${modules} 1000`);
  if (written) log(`  wrote ${files} files, ${modules} modules to ${dir}`);
  const pathsFile = path.join(dir, '.bench-paths');
  writeFileSync(pathsFile, ws.paths.join('\n') + '\n');
  return { dir, pathsFile };
}

function timedProcess(argv, usageFile, input) {
  rmSync(usageFile, { force: true });
  const t0 = process.hrtime.bigint();
  const res = spawnSync(process.execPath, ['-r', path.join(here, 'lib', 'usage.cjs'), ...argv], {
    env: { ...process.env, NORTHSTAR_BENCH_USAGE: usageFile },
    ...(input !== undefined && { input }),
    maxBuffer: 512 * 2 ** 20,
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  return { wallMs, status: res.status, stdout: res.stdout, stderr: res.stderr, ...usage };
}

async function benchCheck(results) {
  const files = quick ? 20_000 : 100_000;
  const modules = quick ? 400 : 2000;
  log(`check ${files} files / ${modules} modules`);
  const { dir, pathsFile } = await prepareWorkspace(files, modules);
  results.ownersWorkspace = benchOwnersProcess(pathsFile, 1000, null, dir);
  const runs = Number(runsOverride ?? 5);
  const samples = [];
  let findings = null;
  const loadAtStart = os.loadavg()[0];
  for (let i = 0; i < runs; i++) {
    const r = timedProcess([path.join(repo, 'dist', 'cli.js'), 'check', '--root', dir, '--format', 'json'], path.join(work, 'usage.json'));
    if (r.status !== 0 && r.status !== 1) throw new Error(`northstar check exited ${r.status}: ${r.stderr}`);
    findings ??= JSON.parse(r.stdout).findings.length;
    samples.push({ wallMs: r.wallMs, cpuMs: r.cpuMs, maxRssBytes: r.maxRssBytes });
    log(`  run ${i + 1}: ${fmtMs(r.wallMs)} wall, ${fmtMs(r.cpuMs)} CPU, ${mb(r.maxRssBytes)} (load average ${os.loadavg()[0].toFixed(1)})`);
  }
  results.check = {
    files,
    modules,
    findings,
    runs,
    samples,
    medianWallMs: median(samples.map((s) => s.wallMs)),
    medianCpuMs: median(samples.map((s) => s.cpuMs)),
    maxRssBytes: Math.max(...samples.map((s) => s.maxRssBytes)),
    loadAverage: [loadAtStart, os.loadavg()[0]],
  };
}

// ---------------------------------------------------------------------------
// 3. Incremental updates and hovers; 4. event-loop stall

async function benchIncremental(coreBundle, results) {
  const files = quick ? 20_000 : 100_000;
  const modules = quick ? 400 : 2000;
  log(`incremental (${files} files)`);
  const { dir, pathsFile } = await prepareWorkspace(files, modules);
  const loadAtStart = os.loadavg()[0];
  const r = runNode(path.join(here, 'lib', 'engine-child.mjs'), { task: 'incremental', coreBundle, root: dir, pathsFile, runs: Number(runsOverride ?? 7) }, ['--expose-gc']);
  r.loadAverage = [loadAtStart, os.loadavg()[0]];
  r.medianContractMs = median(r.contractEditMs);
  r.medianCodeownersMs = median(r.codeownersEditMs);
  results.incremental = { files, modules, ...r };
  log(`  contract edit ${fmtMs(r.medianContractMs)}, CODEOWNERS edit ${fmtMs(r.medianCodeownersMs)}, hover p99 ${fmtMs(r.hover.p99Ms)} (${loadText(r.loadAverage)})`);
}

async function benchStall(coreBundle, results) {
  const files = quick ? 20_000 : 200_000;
  const modules = quick ? 400 : 4000;
  log(`event-loop stall (${files} files)`);
  const { dir } = await prepareWorkspace(files, modules);
  const r = runNode(path.join(here, 'lib', 'engine-child.mjs'), { task: 'stall', coreBundle, root: dir });
  results.stall = { files, modules, where: 'a Node process running the core with NodeFileAccess({ blocking: false }), not the real extension host', ...r };
  log(`  longest stall ${fmtMs(r.longestStallMs)} (analysis ${fmtMs(r.analyzeMs)})`);
}

// ---------------------------------------------------------------------------
// 4b. The host thread with the analysis on a worker (src/node/workerAnalyzer.ts)

const HOST_SIZES = [
  { id: '200k', files: 200_000, modules: 4000 },
  { id: '1m', files: 1_000_000, modules: 10_000 },
];

async function benchHost(coreBundle, results) {
  const sizes = quick ? [{ id: '20k', files: 20_000, modules: 400 }] : HOST_SIZES.filter((s) => option('host-sizes', '200k,1m').split(',').includes(s.id));
  const workerScript = path.join(repo, 'dist', 'analysisWorker.js');
  results.host = [];
  for (const size of sizes) {
    log(`host thread, analysis on the worker (${size.files} files)`);
    const { dir, pathsFile } = await prepareWorkspace(size.files, size.modules);
    const runs = Number(runsOverride ?? 3);
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const loadAverage = os.loadavg();
      const r = runNode(path.join(here, 'lib', 'host-child.mjs'), { task: 'host', coreBundle, workerScript, root: dir, pathsFile, edits: 3 });
      samples.push({ ...r, loadAverage });
      log(`  run ${i + 1}: longest callback ${fmtMs(r.longestCallbackMs)} (${r.longestLabel}), timer gap ${fmtMs(r.longestTimerGapMs)}, first analysis ${fmtMs(r.phases[0].ms)}, load ${loadAverage.map((x) => x.toFixed(1)).join(' ')}`);
    }
    results.host.push({
      ...size,
      where: 'a plain Node process: WorkerAnalyzer on this thread, dist/analysisWorker.js on a worker; every host callback timed (src/node/hostTiming.ts)',
      runs,
      samples,
      medianLongestCallbackMs: median(samples.map((s) => s.longestCallbackMs)),
      medianTimerGapMs: median(samples.map((s) => s.longestTimerGapMs)),
      medianFirstAnalysisMs: median(samples.map((s) => s.phases[0].ms)),
    });
  }
}

// ---------------------------------------------------------------------------
// 4. Extension: bundle sizes, .vsix, activation

function folderSize(dir, filter = () => true) {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += folderSize(p, filter);
    else if (filter(e.name)) total += statSync(p).size;
  }
  return total;
}

function benchExtension(results) {
  log('extension');
  const sizes = {};
  for (const f of existsSync(path.join(repo, 'dist')) ? readdirSync(path.join(repo, 'dist')) : []) {
    sizes[`dist/${f}`] = statSync(path.join(repo, 'dist', f)).size;
  }
  const ext = {
    sizes,
    distBytes: folderSize(path.join(repo, 'dist')),
    distWithoutMapsBytes: folderSize(path.join(repo, 'dist'), (n) => !n.endsWith('.map')),
    mediaBytes: folderSize(path.join(repo, 'media')),
    vsixBytes: null,
    vsixNote: null,
    activation: null,
  };
  // .vsix: vsce from the npm registry, when it can be had.
  const vsix = path.join(work, 'northstar.vsix');
  rmSync(vsix, { force: true });
  // The base URLs only satisfy vsce's check of README links (package.json names no repository).
  const base = 'https://github.com/northstar-dev/northstar/blob/main';
  const pack = spawnSync('npx', ['--yes', '@vscode/vsce@3', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--baseContentUrl', base, '--baseImagesUrl', base, '-o', vsix], {
    cwd: repo,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (existsSync(vsix)) ext.vsixBytes = statSync(vsix).size;
  else ext.vsixNote = `vsce could not package: ${(pack.stderr || pack.stdout || String(pack.error ?? '')).trim().split('\n').slice(-3).join(' ')}`;

  // Activation: load dist/extension.js and call activate() against a stub of the vscode API in a
  // fresh process. This times the bundle's load and activate()'s own work, not the real host's
  // extension scanning (measured in VS Code with "Developer: Show Running Extensions").
  const activations = [];
  for (let i = 0; i < Number(runsOverride ?? 5); i++) {
    const r = spawnSync(process.execPath, [path.join(here, 'lib', 'activate-child.cjs'), path.join(repo, 'dist', 'extension.js')], { encoding: 'utf8' });
    try {
      activations.push(JSON.parse(r.stdout.trim().split('\n').pop()));
    } catch {
      ext.activation = { error: (r.stderr || 'no output').trim().split('\n')[0].slice(0, 300) };
      break;
    }
  }
  if (activations.length > 0 && !ext.activation) {
    ext.activation = {
      samples: activations,
      loadMs: median(activations.map((a) => a.loadMs)),
      activateMs: median(activations.map((a) => a.activateMs)),
      medianMs: median(activations.map((a) => a.loadMs + a.activateMs)),
    };
  }
  results.extension = ext;
  log(`  dist ${mb(ext.distBytes)} (${mb(ext.distWithoutMapsBytes)} without maps), vsix ${ext.vsixBytes == null ? 'n/a' : mb(ext.vsixBytes)}, activation ${fmtMs(ext.activation?.medianMs)}`);
}

// ---------------------------------------------------------------------------
// 5. Diagram

async function benchDiagram(coreBundle, results) {
  const modules = quick ? 500 : 5000;
  log(`diagram (${modules} modules)`);
  const sourceFile = path.join(work, `diagram-${modules}.mmd`);
  const r = runNode(path.join(here, 'lib', 'engine-child.mjs'), {
    task: 'diagram',
    coreBundle,
    generator: path.join(here, 'generate.mjs'),
    modules,
    files: modules * 4,
    runs: Number(runsOverride ?? 5),
    sourceFile,
  });
  r.medianMs = median(r.samples);
  results.diagram = { ...r, render: null, panel: null };
  // The diagram engineer's bench/diagram.mjs times the real panel page (its HTML, CSP, bundled
  // script and Mermaid) in headless Chromium; when it is here, it is the figure that counts.
  const panelScript = path.join(here, 'diagram.mjs');
  if (existsSync(panelScript)) {
    const panel = spawnSync(process.execPath, [panelScript, '--modules', String(modules), '--runs', '3', '--json'], { encoding: 'utf8', timeout: 600_000, cwd: repo });
    try {
      results.diagram.panel = JSON.parse(panel.stdout.trim().split('\n').pop());
    } catch {
      results.diagram.panel = { error: (panel.stderr || panel.stdout || 'no output').trim().slice(-500) };
    }
  }
  // Mermaid alone on the overview source, in a bare page.
  const render = spawnSync(process.execPath, [path.join(here, 'lib', 'render-child.mjs'), sourceFile, repo], { encoding: 'utf8', timeout: 240_000 });
  try {
    results.diagram.render = JSON.parse(render.stdout.trim().split('\n').pop());
  } catch {
    results.diagram.render = { error: (render.stderr || render.stdout || 'no output').trim().slice(-500) };
  }
  log(`  generation ${fmtMs(r.medianMs)}; render ${results.diagram.render?.medianMs != null ? fmtMs(results.diagram.render.medianMs) : results.diagram.render?.error}`);
}

/**
 * 5b. Layout: dagre against ELK on the corpus views and the synthetic overview (bench/layout.mjs,
 * about 10 minutes on 2 cores): only with `--only layout`, it is not part of a complete run.
 */
function benchLayout(results) {
  const modules = quick ? 500 : 5000;
  log(`layout: dagre against ELK (${modules}-module overview and three corpus repositories)`);
  const r = spawnSync(process.execPath, [path.join(here, 'layout.mjs'), '--modules', String(modules), '--runs', String(runsOverride ?? 3), '--json'], { encoding: 'utf8', timeout: 1_800_000, cwd: repo, maxBuffer: 64 * 2 ** 20 });
  try {
    results.layout = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    results.layout = { error: (r.stderr || r.stdout || 'no output').trim().slice(-500) };
  }
}

// ---------------------------------------------------------------------------
// Report

/** Reference figures measured elsewhere (not by this script): hmarr/codeowners, Go. */
const GO_REFERENCE = { '100k-1k': { ms: 1400, rss: 23 * 2 ** 20 }, '100k-5k': { ms: 8400, rss: null }, '1m-5k': { ms: 86_000, rss: null } };

function measuredValues(results) {
  const v = {};
  const big = results.resolve?.find((e) => e.id === '1m-5k');
  if (big) {
    v['resolve-1m-5k-time'] = big.impls.northstar.medianMs;
    v['resolve-1m-5k-rss'] = big.impls.northstar.maxRssBytes;
  }
  if (results.resolve?.length) {
    v['resolve-agreement'] = results.resolve.reduce((n, e) => n + Object.values(e.agreement).reduce((k, a) => k + a.unexplained, 0), 0);
  }
  const owners = results.resolve?.find((e) => e.id === '100k-1k');
  if (owners?.ownersProcess) v['owners-process-vs-snyk'] = owners.impls.snyk.fullMs / owners.ownersProcess.medianWallMs;
  if (results.check) {
    v['check-100k-time'] = results.check.medianWallMs;
    v['check-100k-rss'] = results.check.maxRssBytes;
  }
  if (results.incremental) {
    v['incremental-contract'] = results.incremental.medianContractMs;
    v['incremental-codeowners'] = results.incremental.medianCodeownersMs;
    v.hover = results.incremental.hover.p99Ms;
  }
  if (results.stall) v.stall = results.stall.longestStallMs;
  for (const h of results.host ?? []) v[`host-${h.id}`] = h.medianLongestCallbackMs;
  if (results.extension?.activation?.medianMs != null) v.activation = results.extension.activation.medianMs;
  const panel = results.diagram?.panel;
  if (panel?.openToDrawnMs != null) v['diagram-5000'] = panel.buildMs + panel.openToDrawnMs;
  else if (results.diagram?.render?.medianMs != null) v['diagram-5000'] = results.diagram.render.medianMs + results.diagram.medianMs;
  return v;
}

function fmtValue(value, unit) {
  if (value == null) return 'not measured';
  if (unit === 'bytes') return mb(value);
  if (unit === 'count') return String(value);
  if (unit === 'times') return `${Math.round(value).toLocaleString('en')}×`;
  return fmtMs(value);
}

function markdown(results) {
  const out = [];
  const m = results.machine;
  out.push(`Measured ${results.date} on ${m.cpu}, ${m.cores} cores, ${mb(m.memoryBytes)}, Node ${m.node} (load average at start ${m.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')}).`);
  out.push('');
  if (results.resolve?.length) {
    out.push('**Ownership resolution** (owners of every path, CODEOWNERS parsed and indexed included; median of the runs; peak RSS of the whole process, paths included):');
    out.push('');
    out.push('| paths × rules | Northstar | codeowners 5.1.1 | @snyk/github-codeowners 1.1.0 | hmarr/codeowners (Go, reference) | Northstar vs npm peers |');
    out.push('|---|---|---|---|---|---|');
    for (const e of results.resolve) {
      const ns = e.impls.northstar;
      const cell = (r) => `${r.extrapolated ? '~' : ''}${fmtMs(r.fullMs)}${r.extrapolated ? '*' : ''}, ${mb(r.maxRssBytes)}${r.extrapolated ? '*' : ''}`;
      const go = GO_REFERENCE[e.id];
      const ratio = (r) => `${Math.round(r.fullMs / ns.fullMs).toLocaleString('en')}×`;
      out.push(
        `| ${e.paths.toLocaleString('en')} × ${e.rules.toLocaleString('en')} | ${cell(ns)} | ${cell(e.impls.codeowners)} | ${cell(e.impls.snyk)} | ${go ? `${fmtMs(go.ms)}${go.rss ? `, ${mb(go.rss)}` : ''}` : '—'} | ${ratio(e.impls.codeowners)} / ${ratio(e.impls.snyk)} |`,
      );
    }
    out.push('');
    out.push('\\* extrapolated from a sample (every n-th path; memory is the sample run\'s).');
    const explain = results.resolve.filter((e) => e.impls.northstar.explainMs != null).map((e) => `${e.id} ${fmtMs(e.impls.northstar.explainMs)}`);
    if (explain.length > 0) {
      out.push('');
      out.push(`Northstar's full answer per path (\`ownersOf\`: owners, deciding line, overridden lines on demand), one run: ${explain.join(', ')}.`);
    }
    out.push('');
    out.push('Agreement with the peers, path by path on the sample:');
    out.push('');
    for (const e of results.resolve) {
      const parts = Object.entries(e.agreement).map(([peer, a]) => {
        const expl = Object.entries(a.explained).map(([why, n]) => `${n} where the peer departs from GitHub's docs: ${why}`);
        return `${peer} ${a.agree}/${a.compared} identical${expl.length ? `, ${expl.join('; ')}` : ''}${a.unexplained ? `, **${a.unexplained} unexplained**` : ''}`;
      });
      out.push(`- ${e.id}: ${parts.join('; ')}.`);
    }
    out.push('');
  }
  out.push('**Targets** (`npm run bench -- --check`):');
  out.push('');
  out.push('| what | target | measured | |');
  out.push('|---|---|---|---|');
  const values = measuredValues(results);
  for (const t of TARGETS) {
    const v = values[t.id];
    const ok = v == null ? 'not measured' : meets(t, v) ? 'met' : t.min !== undefined || t.max === 0 ? 'missed' : `missed (${(v / t.max).toFixed(v / t.max < 1.1 ? 2 : 1)}×)`;
    out.push(`| ${t.label} | ${targetText(t)} | ${fmtValue(v, t.unit)} | ${ok} |`);
  }
  out.push('');
  if (results.check) {
    const c = results.check;
    out.push(`\`northstar check\` on ${c.files.toLocaleString('en')} files / ${c.modules.toLocaleString('en')} modules (whole process, ${c.runs} runs): median ${fmtMs(c.medianWallMs)} wall, ${fmtMs(c.medianCpuMs)} CPU (all threads), peak ${mb(c.maxRssBytes)}, ${c.findings} findings${c.loadAverage ? `; ${loadText(c.loadAverage)}` : ''}.`);
  }
  const ownersRun = results.resolve?.find((e) => e.id === '100k-1k')?.ownersProcess;
  if (ownersRun || results.ownersWorkspace) {
    const w = results.ownersWorkspace;
    out.push(
      `\`northstar owners - -f json\`, 100,000 paths on stdin, whole process: ${ownersRun ? `${fmtMs(ownersRun.medianWallMs)} in a root holding only the 1,000-rule CODEOWNERS (${mb(ownersRun.bytes)} written, peak ${mb(ownersRun.maxRssBytes)})` : 'not run'}` +
        `${w ? `; ${fmtMs(w.medianWallMs)} in the generated workspace with its modules (${mb(w.bytes)} written)` : ''}.`,
    );
  }
  if (results.incremental) {
    const i = results.incremental;
    out.push(`Incremental (${i.files.toLocaleString('en')} files, first analysis ${fmtMs(i.analyzeMs)}): contract edit ${fmtMs(i.medianContractMs)}, CODEOWNERS edit ${fmtMs(i.medianCodeownersMs)}; hover (owners + module of a file) median ${fmtMs(i.hover.medianMs)}, p99 ${fmtMs(i.hover.p99Ms)}, max ${fmtMs(i.hover.maxMs)}${i.loadAverage ? `; ${loadText(i.loadAverage)}` : ''}.`);
  }
  if (results.stall) {
    out.push(`Event loop while analysing ${results.stall.files.toLocaleString('en')} files (${results.stall.where}): longest stall ${fmtMs(results.stall.longestStallMs)}, analysis ${fmtMs(results.stall.analyzeMs)}.`);
  }
  for (const h of results.host ?? []) {
    const loads = h.samples.map((x) => x.loadAverage[0].toFixed(1)).join(', ');
    const longest = h.samples.map((x) => `${fmtMs(x.longestCallbackMs)} (${x.longestLabel})`).join('; ');
    out.push(`Host thread with the analysis on a worker, ${h.files.toLocaleString('en')} files (${h.where}; ${h.runs} runs, 1-minute load ${loads}): longest Northstar callback median ${fmtMs(h.medianLongestCallbackMs)} [${longest}]; longest 5 ms-timer gap (not gated) median ${fmtMs(h.medianTimerGapMs)}; first analysis median ${fmtMs(h.medianFirstAnalysisMs)}.`);
  }
  if (results.extension) {
    const x = results.extension;
    const act = x.activation?.medianMs != null ? `${fmtMs(x.activation.medianMs)} (load ${fmtMs(x.activation.loadMs)} + activate() ${fmtMs(x.activation.activateMs)}, stubbed vscode API)` : `not measured (${x.activation?.error ?? 'no result'})`;
    out.push(`Extension: dist/ ${mb(x.distBytes)} (${mb(x.distWithoutMapsBytes)} without source maps), media/ ${mb(x.mediaBytes)}, .vsix ${x.vsixBytes == null ? `not built (${x.vsixNote})` : mb(x.vsixBytes)}; activation ${act}.`);
  }
  if (results.diagram) {
    const d = results.diagram;
    const render = d.render?.medianMs != null ? `rendered by Mermaid in headless Chromium in ${fmtMs(d.render.medianMs)}` : `render not measured (${d.render?.error ?? 'no result'})`;
    const panel = d.panel?.openToDrawnMs != null
      ? `; in the panel's own page (bench/diagram.mjs): message built in ${fmtMs(d.panel.buildMs)}, Mermaid render ${fmtMs(d.panel.renderMs)}, page open → drawn ${fmtMs(d.panel.openToDrawnMs)}`
      : d.panel?.error ? `; panel page not measured (${d.panel.error.split('\n')[0]})` : '';
    out.push(`Diagram: ${d.modules.toLocaleString('en')} modules, overview source built in ${fmtMs(d.medianMs)} (${(d.sourceBytes / 1024).toFixed(0)} KB), ${render}${panel}.`);
  }
  if (results.layout) out.push(results.layout.error ? `Layout: not measured (${results.layout.error.split('\n')[0]})` : layoutTable(results.layout), '');
  out.push('');
  out.push('Reproduce: `npm run bench` (about 10 minutes on 2 cores; `-- --quick` for a smaller run, `-- --check` to compare with the targets).');
  return out.join('\n') + '\n';
}

/** A target is a ceiling (`max`) or, for ratios against a peer, a floor (`min`). */
function meets(t, v) {
  return t.min !== undefined ? v >= t.min : v <= t.max;
}

function targetText(t) {
  if (t.min !== undefined) return `≥ ${fmtValue(t.min, t.unit)}`;
  return t.unit === 'count' ? String(t.max) : `< ${fmtValue(t.max, t.unit)}`;
}

function check(results) {
  const values = measuredValues(results);
  let missed = 0;
  for (const failure of results.hostile?.failures ?? []) {
    console.log(`MISSED       hostile case over 1 s: ${failure}`);
    missed++;
  }
  for (const t of TARGETS) {
    const v = values[t.id];
    const state = v == null ? 'NOT MEASURED' : meets(t, v) ? 'ok' : 'MISSED';
    if (state === 'MISSED') missed++;
    console.log(`${state.padEnd(12)} ${t.label}: ${fmtValue(v, t.unit)} (target ${targetText(t)})`);
  }
  return missed;
}

async function main() {
  const from = option('from', null);
  let results;
  if (from) {
    results = JSON.parse(readFileSync(from, 'utf8'));
  } else {
    results = { date: new Date().toISOString(), machine: machine(), args, resolve: [] };
    try {
      results.commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    } catch {
      results.commit = null;
    }
    if (!existsSync(path.join(repo, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first (npm run bench does)');
    const coreBundle = await bundleCore();
    if (only.has('resolve')) benchResolve(coreBundle, results);
    if (only.has('check')) await benchCheck(results);
    if (only.has('incremental')) await benchIncremental(coreBundle, results);
    if (only.has('stall')) await benchStall(coreBundle, results);
    if (only.has('host')) await benchHost(coreBundle, results);
    if (only.has('extension')) benchExtension(results);
    if (only.has('diagram')) await benchDiagram(coreBundle, results);
    if (only.has('layout')) benchLayout(results);
    if (only.has('hostile')) {
      // Each hostile-input case through the core (test/hostile/manifest.json); --check holds
      // the ordinary cases to 1 s, the deliberate scale cases only to their watchdog.
      const { hostileTimings } = await import('../test/hostile/timings.mjs');
      const { timings, failures } = await hostileTimings({ check: true });
      results.hostile = { timings, failures };
    }
    results.machine.loadAverageAtEnd = os.loadavg();
    const dir = path.join(here, 'results');
    mkdirSync(dir, { recursive: true });
    const name = results.date.replace(/[:.]/g, '-');
    // A partial run (--only, --quick) is kept under its date but does not replace latest.*,
    // which stays the last complete run.
    const complete = !quick && option('only', null) === null;
    const md = markdown(results);
    writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(results, null, 2) + '\n');
    writeFileSync(path.join(dir, `${name}.md`), md);
    if (complete) {
      writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
      writeFileSync(path.join(dir, 'latest.md'), md);
    }
  }
  console.log(markdown(results));
  if (flag('check')) {
    const missed = check(results);
    if (missed > 0) {
      console.log(`${missed} target(s) missed.`);
      process.exitCode = 1;
    }
  }
}

await main();
