#!/usr/bin/env node
/**
 * Runs the built CLI (bin/northstar.js, `npm run build`) on each skeleton of the real-world
 * corpus, materialised by test/realworld/materialize.ts (`npm run compile-tests`), and prints
 * one row per repository: files, modules, findings by rule, wall time and peak memory
 * (/usr/bin/time -v). Outputs are kept under the --out folder (default /tmp/northstar-realworld).
 *
 *   node scripts/realworld/run.mjs [--out DIR] [NAME…]
 *   node scripts/realworld/run.mjs --full GITDIR NAME   # the same on a full checkout
 *                                                       # (git archive) and a diff of findings
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const projectRoot = path.resolve(here, '..', '..');
const require = createRequire(import.meta.url);
const materializer = path.join(projectRoot, 'out', 'test', 'realworld', 'materialize.js');
if (!existsSync(materializer)) {
  console.error('run `npm run compile-tests` first (out/test/realworld/materialize.js is missing)');
  process.exit(2);
}
const { corpusNames, materialize } = require(materializer);
const cli = path.join(projectRoot, 'bin', 'northstar.js');

const args = process.argv.slice(2);
let outDir = path.join(os.tmpdir(), 'northstar-realworld');
let full = null;
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') outDir = args[++i];
  else if (args[i] === '--full') full = args[++i];
  else names.push(args[i]);
}
mkdirSync(outDir, { recursive: true });

/** Runs the CLI under /usr/bin/time -v; returns stdout, seconds and peak RSS in MB. */
function timed(command, root, outFile) {
  const run = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, command, '--root', root, ...(command === 'check' ? ['--format', 'json'] : [])], {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  writeFileSync(outFile, run.stdout);
  const wall = /Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(run.stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(run.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(run.stderr);
  if (run.status !== 0 && run.status !== 1) throw new Error(`northstar ${command} exited ${run.status}: ${run.stderr.slice(-2000)}`);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const cpuSeconds = user && system ? Number(user[1]) + Number(system[1]) : NaN;
  return { stdout: run.stdout, seconds, cpuSeconds, peakMB: rss ? Number(rss[1]) / 1024 : NaN };
}

function measure(name, root, files) {
  const dir = path.join(outDir, name);
  mkdirSync(dir, { recursive: true });
  const check = timed('check', root, path.join(dir, 'check.json'));
  const model = JSON.parse(timed('model', root, path.join(dir, 'model.json')).stdout);
  const findings = JSON.parse(check.stdout).findings;
  const byRule = {};
  for (const f of findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  return { name, files, modules: model.modules.length, findings: findings.length, byRule, seconds: check.seconds, cpuSeconds: check.cpuSeconds, peakMB: check.peakMB, findingsList: findings, model };
}

/**
 * Writes every tracked file of `commit` into `dest` with its real content (git archive cannot:
 * a snapshot lacks blobs of 4 MiB and more, and those are recreated sparse at their size,
 * which is all the engine looks at for a file that large). Returns the absent paths.
 */
function checkout(gitDir, commit, dest) {
  const entries = [];
  for (const record of execFileSync('git', ['--git-dir', gitDir, 'ls-tree', '-r', '-l', '-z', commit], { maxBuffer: 1 << 30 }).toString('utf8').split('\0')) {
    if (record === '') continue;
    const tab = record.indexOf('\t');
    const [mode, type, object, size] = record.slice(0, tab).split(/\s+/);
    // "BAD": a blob of 4 MiB or more that the snapshot lacks; 4 MiB, as the skeleton records it.
    if (type === 'blob') entries.push({ path: record.slice(tab + 1), mode, object, size: size === 'BAD' ? 4 * 1024 * 1024 : Number(size) });
  }
  const absent = [];
  const chunk = 2000;
  for (let i = 0; i < entries.length; i += chunk) {
    const part = entries.slice(i, i + chunk);
    const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { input: part.map((e) => e.object).join('\n') + '\n', maxBuffer: 1 << 30 });
    let at = 0;
    for (const e of part) {
      const headerEnd = batch.indexOf(10, at);
      const header = batch.subarray(at, headerEnd).toString('latin1').split(' ');
      const target = path.join(dest, e.path);
      mkdirSync(path.dirname(target), { recursive: true });
      if (header[1] === 'missing') {
        absent.push(e.path);
        writeFileSync(target, '');
        truncateSync(target, e.size);
        at = headerEnd + 1;
        continue;
      }
      const size = Number(header[2]);
      const content = batch.subarray(headerEnd + 1, headerEnd + 1 + size);
      at = headerEnd + 1 + size + 1;
      if (e.mode === '120000') symlinkSync(content.toString('utf8'), target);
      else {
        writeFileSync(target, content);
        if (e.mode === '100755') chmodSync(target, 0o755);
      }
    }
  }
  return absent;
}

/** Findings as comparable lines (rule, place, message). */
const key = (f) => `${f.ruleId} ${f.file}:${f.line}:${f.column} ${f.message}`;

if (full !== null) {
  const name = names[0];
  const sk = materialize(name);
  const skeletonRun = measure(name, sk.root, sk.skeleton.fileCount);
  const base = mkdtempSync(path.join(os.tmpdir(), `northstar-full-${name}-`));
  const absent = checkout(full, sk.skeleton.commit, base);
  // git's view: the same commit, tracked files only (the archive has no untracked files).
  const home = mkdtempSync(path.join(os.tmpdir(), 'northstar-home-'));
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: home };
  const g = ['-c', 'core.fsmonitor=false', '-c', 'gc.auto=0', '-c', 'user.name=x', '-c', 'user.email=x@y', '-c', 'core.hooksPath=/dev/null'];
  execFileSync('git', [...g, 'init', '-q'], { cwd: base, env });
  execFileSync('git', [...g, 'add', '-A', '-f', '.'], { cwd: base, env, stdio: ['ignore', 'ignore', 'ignore'] });
  execFileSync('git', [...g, 'commit', '-q', '--no-verify', '-m', 'full'], { cwd: base, env });
  const fullRun = measure(name + '.full', base, sk.skeleton.fileCount);
  const a = new Set(skeletonRun.findingsList.map(key));
  const b = new Set(fullRun.findingsList.map(key));
  const onlySkeleton = [...a].filter((k) => !b.has(k));
  const onlyFull = [...b].filter((k) => !a.has(k));
  const modulesA = JSON.stringify(skeletonRun.model.modules.map((m) => [m.name, m.path, m.owners, m.type]));
  const modulesB = JSON.stringify(fullRun.model.modules.map((m) => [m.name, m.path, m.owners, m.type]));
  console.log(JSON.stringify({ name, absentFromSnapshot: absent.length, skeletonFindings: a.size, fullFindings: b.size, onlySkeleton, onlyFull, sameModules: modulesA === modulesB, skeletonSeconds: skeletonRun.seconds, fullSeconds: fullRun.seconds }, null, 2));
  sk.dispose();
  rmSync(base, { recursive: true, force: true, maxRetries: 5 });
  rmSync(home, { recursive: true, force: true });
  process.exit(onlySkeleton.length === 0 && onlyFull.length === 0 && modulesA === modulesB ? 0 : 1);
}

const rows = [];
for (const name of names.length > 0 ? names : corpusNames()) {
  const sk = materialize(name);
  try {
    const row = measure(name, sk.root, sk.skeleton.fileCount);
    row.commit = sk.skeleton.commit;
    rows.push(row);
    console.error(`${name}: ${row.files} files, ${row.modules} modules, ${row.findings} findings, ${row.seconds.toFixed(2)} s wall, ${row.cpuSeconds.toFixed(2)} s CPU, ${row.peakMB.toFixed(0)} MB`);
  } finally {
    sk.dispose();
  }
}
writeFileSync(path.join(outDir, 'rows.json'), JSON.stringify(rows.map(({ findingsList: _f, model: _m, ...r }) => r), null, 2) + '\n');
console.log(JSON.stringify(rows.map(({ findingsList: _f, model: _m, ...r }) => r), null, 2));
