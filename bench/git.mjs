/* global console, process */
/**
 * `node bench/git.mjs [--runs N] [--rebuild]`: Northstar's git reader (src/node/git, which never
 * runs git) against git itself, on a 100,000-file repository with index version 4.
 *
 * The repository is built once and cached in /tmp/northstar-bench/git-100k (2,000 folders of 50
 * files, `git add` in batches, committed on main; on `feature`: 200 files changed and committed,
 * 50 modified and 10 deleted without committing, 20 untracked files, ignored build output).
 * The reader is bundled from the same sources as dist/ (as bench/run.mjs bundles the core).
 *
 * Timed, median of N runs (default 3), each warm (the page cache holds the repository):
 * - listing: listWorkTreeFiles(root) vs `git ls-files -z --cached --others --exclude-standard`
 *   (the same answer), and `git ls-files -z` (the index alone) for reference;
 * - changed files: changedFiles(root, 'main') vs what the old implementation ran
 *   (`git merge-base`, `git diff --name-only`, `git ls-files --others`), and
 *   `git diff --name-only <base>` alone.
 * git runs hardened (`-c core.fsmonitor=false -c core.untrackedCache=false …`, no system or
 * global config), as a benchmark on a trusted repository would. Answers are compared first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, unlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const runs = Number(option('runs', '3'));
const work = path.join(os.tmpdir(), 'northstar-bench');
const root = path.join(work, 'git-100k');
const FOLDERS = 2000;
const PER_FOLDER = 50;
const log = (line) => console.error(line);
const now = () => Number(process.hrtime.bigint()) / 1e6;

const env = { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))), GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LC_ALL: 'C' };
const HARDENED = [
  '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.untrackedCache=false',
  '-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main',
];

function git(...gitArgs) {
  const r = spawnSync('git', [...HARDENED, ...gitArgs], { cwd: root, env, encoding: 'utf8', maxBuffer: 1024 * 2 ** 20 });
  if (r.status !== 0) throw new Error(`git ${gitArgs.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

const folder = (i) => `services/s${String(i).padStart(4, '0')}/src`;
const file = (i, j) => `${folder(i)}/f${String(j).padStart(3, '0')}.ts`;

function build() {
  log(`building ${FOLDERS * PER_FOLDER} files in ${root} …`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  git('init', '-q', '-b', 'main');
  git('config', 'feature.manyFiles', 'true');
  git('config', 'index.version', '4');
  writeFileSync(path.join(root, '.gitignore'), 'dist/\n*.log\n');
  for (let i = 0; i < FOLDERS; i++) {
    mkdirSync(path.join(root, folder(i)), { recursive: true });
    for (let j = 0; j < PER_FOLDER; j++) writeFileSync(path.join(root, file(i, j)), `export const v${i}_${j} = ${i * j};\n`);
  }
  const BATCH = 100;
  for (let i = 0; i < FOLDERS; i += BATCH) {
    const batch = [];
    for (let k = i; k < Math.min(FOLDERS, i + BATCH); k++) batch.push(folder(k));
    git('add', '--', ...batch);
  }
  git('add', '.gitignore');
  git('commit', '-q', '-m', 'initial');
  git('checkout', '-q', '-b', 'feature');
  for (let k = 0; k < 200; k++) appendFileSync(path.join(root, file(k * 7, k % PER_FOLDER)), '// committed change\n');
  git('commit', '-q', '-am', 'change 200 files');
  for (let k = 0; k < 50; k++) appendFileSync(path.join(root, file(k * 31 + 3, (k * 3) % PER_FOLDER)), '// uncommitted\n');
  for (let k = 0; k < 10; k++) unlinkSync(path.join(root, file(k * 101 + 5, 7)));
  for (let k = 0; k < 20; k++) writeFileSync(path.join(root, `${folder(k * 97)}/new${k}.ts`), 'export {};\n');
  mkdirSync(path.join(root, 'dist'), { recursive: true });
  for (let k = 0; k < 100; k++) writeFileSync(path.join(root, `dist/out${k}.js`), '');
  // Settle the index's stat data (as any git command would after the edits) so both sides start alike.
  git('update-index', '-q', '--refresh');
  writeFileSync(path.join(root, '.git', 'northstar-bench-complete'), 'ok\n');
}

async function bundleReader() {
  const esbuild = await import('esbuild');
  const outfile = path.join(work, 'git-reader.cjs');
  await esbuild.build({
    stdin: { contents: "export { changedFiles, listWorkTreeFiles, parseIndex } from './src/node/git';", resolveDir: repo, sourcefile: 'bench-git.ts', loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function time(label, fn) {
  const samples = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    result = await fn();
    samples.push(now() - t0);
  }
  return { label, median: median(samples), samples, result };
}

const lines = (text) => [...new Set(text.split('\0').filter((l) => l !== ''))].sort();

mkdirSync(work, { recursive: true });
if (args.includes('--rebuild') || !existsSync(path.join(root, '.git', 'northstar-bench-complete'))) build();
const reader = await bundleReader();
const fs = await import('node:fs');
const indexBytes = fs.readFileSync(path.join(root, '.git', 'index'));
const parsed = reader.parseIndex(indexBytes);
log(`index: version ${parsed.version}, ${parsed.entries.length} entries, ${(indexBytes.length / 2 ** 20).toFixed(1)} MB; git ${git('--version').trim().replace('git version ', '')}; node ${process.version}; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(2)}`);

const results = [];
const listMine = await time('listWorkTreeFiles (reader)', () => reader.listWorkTreeFiles(root));
const listGit = await time('git ls-files -z --cached --others --exclude-standard', () => lines(git('ls-files', '-z', '--cached', '--others', '--exclude-standard')));
const listIndex = await time('git ls-files -z (index only)', () => lines(git('ls-files', '-z')));
if (JSON.stringify(listMine.result.files) !== JSON.stringify(listGit.result)) throw new Error('the listings differ');
results.push(listMine, listGit, listIndex);

const changedMine = await time("changedFiles(root, 'main') (reader)", () => reader.changedFiles(root, 'main'));
const changedGit = await time('git merge-base + diff --name-only + ls-files --others', () => {
  const base = git('merge-base', 'main', 'HEAD').trim();
  return [...new Set([...lines(git('diff', '--name-only', '--relative', '-z', '--no-renames', base, '--')), ...lines(git('ls-files', '--others', '--exclude-standard', '-z', '--', '.'))])].sort();
});
const base = git('merge-base', 'main', 'HEAD').trim();
const diffOnly = await time('git diff --name-only <base> (alone)', () => lines(git('diff', '--name-only', '-z', base, '--')));
if (JSON.stringify(changedMine.result) !== JSON.stringify(changedGit.result)) {
  throw new Error(`the changed files differ: ${changedMine.result.length} vs ${changedGit.result.length}`);
}
results.push(changedMine, changedGit, diffOnly);

const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`\nGit reader vs git, ${parsed.entries.length} tracked files (index v${parsed.version}), median of ${runs} warm runs\n`);
console.log('| measurement | median | runs |');
console.log('|---|---:|---|');
for (const r of results) console.log(`| ${r.label} | ${fmt(r.median)} | ${r.samples.map(fmt).join(', ')} |`);
console.log('');
console.log(`listing: reader / git = ${(listMine.median / listGit.median).toFixed(2)} (${listMine.result.files.length} files)`);
console.log(`changed files: reader / git = ${(changedMine.median / changedGit.median).toFixed(2)} (${changedMine.result.length} paths); reader / git diff alone = ${(changedMine.median / diffOnly.median).toFixed(2)}`);
