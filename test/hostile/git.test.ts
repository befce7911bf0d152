/**
 * "Nothing from the repository runs through git": `check --changed-since` reads git's data
 * (src/node/git) instead of running git, whose repository configuration can name programs.
 *
 * Each vector builds a real repository with git (hardened: the fixture builder runs git with
 * `core.fsmonitor=false`, no hooks, no system or global config), computes what hardened git
 * answers, THEN plants the hostile configuration, and runs `northstar check --changed-since`
 * in-process (main()) and through the built CLI (node bin/northstar.js). The hostile programs
 * touch a marker file: it must never appear, and the changed files must be git's answer.
 * Finally the same repository is given to a plain git command, and the marker MUST appear:
 * proof that the vector is live, so the test can fail.
 *
 * Then the index parser on indexes written by real git (v2, v3, v4, split, sparse, conflicts),
 * and on truncated and mutated ones: a clear error, never a hang or another exception.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { changedFiles, CorruptIndexError, GitError, listWorkTreeFiles, mergeSplitIndex, openRepository, parseIndex, type IndexEntry } from '../../src/node/git';
import { decodeEwah, EwahError } from '../../src/node/git/ewah';

// ---------------------------------------------------------------------------------------------
// Fixtures

function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'bin', 'northstar.js')) && fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('project root not found above ' + __dirname);
  }
}

const PROJECT = projectRoot();
const CLI = path.join(PROJECT, 'bin', 'northstar.js');
let scratch: string;
let home: string;

/** The environment for fixture git: no GIT_* from outside, no system or global config. */
function fixtureEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('GIT_')) env[k] = v;
  return { ...env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig'), LC_ALL: 'C' };
}

const IDENTITY = ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main'];
const HARDENED = [...IDENTITY, '-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'protocol.file.allow=always', '-c', 'advice.detachedHead=false'];

function runGit(cwd: string, flags: string[], args: string[], env = fixtureEnv()): SpawnSyncReturns<string> {
  return spawnSync('git', [...flags, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/** git for building fixtures and for the oracle: hardened. Throws on failure. */
function git(cwd: string, ...args: string[]): string {
  const r = runGit(cwd, HARDENED, args);
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

function contract(name: string): string {
  return `name: ${name}\nowner: ghosts\n`;
}

/**
 * Three services, a, b and c (each contract has findings). On `feature` since `main`: a
 * committed change in a, an untracked file in b; c untouched; ignored files everywhere.
 */
function baseRepo(dir: string, extra: Record<string, string> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (const m of ['a', 'b', 'c']) {
    write(dir, `services/${m}/service-contract.yaml`, contract(m));
    write(dir, `services/${m}/src/${m}.txt`, `${m}\n`);
  }
  write(dir, 'README.md', '# shop\n');
  write(dir, '.gitignore', '*.log\nbuild/\n');
  for (const [file, text] of Object.entries(extra)) write(dir, file, text);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
  git(dir, 'checkout', '-q', '-b', 'feature');
  fs.appendFileSync(path.join(dir, 'services/a/src/a.txt'), 'more a\n');
  git(dir, 'commit', '-q', '-am', 'change a');
  write(dir, 'services/b/src/new.txt', 'new\n');
  write(dir, 'debug.log', 'ignored\n');
  write(dir, 'build/out.txt', 'ignored\n');
  write(dir, 'services/c/build/x.txt', 'ignored\n');
  return dir;
}

const BASE_CHANGES = ['services/a/src/a.txt', 'services/b/src/new.txt'];

/** What hardened git says changed since `ref` (the old implementation's two commands). */
function oracle(root: string, ref: string): string[] {
  const base = git(root, 'merge-base', ref, 'HEAD').trim();
  const diff = git(root, 'diff', '--name-only', '--relative', '-z', '--no-renames', base, '--');
  const others = git(root, 'ls-files', '--others', '--exclude-standard', '-z', '--', '.');
  return [...new Set([...diff.split('\0'), ...others.split('\0')].filter((l) => l !== ''))].sort();
}

/** What hardened git lists as the work tree's files (tracked and untracked-not-ignored). */
function gitListing(root: string): string[] {
  const out = git(root, 'ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '.');
  return [...new Set(out.split('\0').filter((l) => l !== '' && !l.endsWith('/')))].sort();
}

/** A program for hostile configs: touches markers/<first argument>; as a filter, passes data through. */
function plantEvil(dir: string): { evil: string; markers: string } {
  const markers = path.join(dir, 'markers');
  fs.mkdirSync(markers, { recursive: true });
  const evil = path.join(dir, 'evil.sh');
  fs.writeFileSync(evil, `#!/bin/sh\ntouch "${markers}/$1"\ncase "$1" in clean|smudge) cat ;; textconv) cat "$2" ;; esac\nexit 0\n`, { mode: 0o755 });
  return { evil, markers };
}

function markersIn(markers: string): string[] {
  return fs.existsSync(markers) ? fs.readdirSync(markers).sort() : [];
}

// ---------------------------------------------------------------------------------------------
// Running northstar

/**
 * Run `fn` with every process-starting function of node:child_process replaced by one that
 * records the attempt and fails: the in-process reader must start none.
 */
async function withoutProcesses<T>(fn: () => Promise<T>): Promise<{ result: T; attempts: string[] }> {
  const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
  // The module object itself (an `import * as` namespace is read-only).
  const module = createRequire(__filename)('node:child_process') as Record<string, unknown>;
  const saved = names.map((n) => [n, module[n]] as const);
  const attempts: string[] = [];
  for (const name of names) {
    module[name] = (...args: unknown[]) => {
      attempts.push(`${name}(${JSON.stringify(args[0])})`);
      throw new Error(`${name} is not allowed here`);
    };
  }
  try {
    return { result: await fn(), attempts };
  } finally {
    for (const [name, original] of saved) module[name] = original;
  }
}

interface CheckOutput {
  findings: Array<{ ruleId: string; file: string; module: string | null; severity: string }>;
}

interface Run {
  how: string;
  code: number;
  stdout: string;
  stderr: string;
}

async function runInProcess(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd });
  return { how: 'main()', code, stdout, stderr };
}

function runSpawned(args: string[], cwd: string): Run {
  if (!fs.existsSync(path.join(PROJECT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
  // The CLI inherits this process's environment (the GIT_* vector sets hostile variables in it).
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return { how: 'bin/northstar.js', code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

async function bothWays(args: string[], cwd: string): Promise<Run[]> {
  return [await runInProcess(args, cwd), runSpawned(args, cwd)];
}

function moduleOfFile(file: string): string | null {
  const m = /^services\/([a-z]+)\//.exec(file);
  return m ? m[1] : null;
}

/**
 * `northstar check --changed-since REF` through main() and the CLI: exit codes agree with the
 * findings, and the findings are exactly those of the modules that `expected` (work-tree paths)
 * touches. Returns the runs.
 */
async function assertCheck(root: string, ref: string, expected: readonly string[], prefix = ''): Promise<void> {
  const all = JSON.parse((await runInProcess(['check', '--format', 'json', '--root', root], root)).stdout) as CheckOutput;
  const touched = new Set(expected.map((f) => moduleOfFile(prefix + f)).filter((m): m is string => m !== null));
  // As the CLI filters: the file changed, or the finding's module (else the module holding its file) was touched.
  const want = all.findings.filter((f) => {
    if (expected.includes(f.file)) return true;
    const module = f.module ?? moduleOfFile(prefix + f.file);
    return module !== null && touched.has(module);
  });
  for (const run of await bothWays(['check', '--format', 'json', '--root', root, '--changed-since', ref], root)) {
    assert.ok(run.code === 0 || run.code === 1, `${run.how}: exit ${run.code}: ${run.stderr}`);
    const out = JSON.parse(run.stdout) as CheckOutput;
    assert.deepEqual(out.findings, want, `${run.how}: findings of the touched modules ${[...touched].join(', ')}`);
  }
}

// ---------------------------------------------------------------------------------------------

describe('git reader: nothing from the repository runs', function () {
  this.timeout(120_000);

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-git-'));
    home = path.join(scratch, 'home');
    fs.mkdirSync(home);
    const version = runGit(scratch, [], ['--version']);
    assert.equal(version.status, 0, 'git must be installed to build the fixtures');
  });
  after(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it('core.fsmonitor in .git/config never runs; the answer is git\'s', async () => {
    const dir = path.join(scratch, 'fsmonitor');
    const { evil, markers } = plantEvil(dir);
    const repo = baseRepo(path.join(dir, 'repo'));
    fs.appendFileSync(path.join(repo, 'README.md'), 'edited, not committed\n');
    const expected = oracle(repo, 'main');
    assert.deepEqual(expected, ['README.md', ...BASE_CHANGES]);
    git(repo, 'config', 'core.fsmonitor', `${evil} fsmonitor`);

    const guarded = await withoutProcesses(async () => ({
      changed: await changedFiles(repo, 'main'),
      listed: await listWorkTreeFiles(repo),
      check: await runInProcess(['check', '--format', 'json', '--root', repo, '--changed-since', 'main'], repo),
    }));
    assert.deepEqual(guarded.attempts, [], 'the reader started no process');
    // The guard itself works: a process started the usual way (a named import) is caught.
    const control = await withoutProcesses(async () => {
      try {
        spawnSync('git', ['--version']);
      } catch {
        // refused by the guard
      }
    });
    assert.deepEqual(control.attempts, ['spawnSync("git")']);
    assert.deepEqual(guarded.result.changed, expected);
    assert.ok(guarded.result.check.code === 0 || guarded.result.check.code === 1, guarded.result.check.stderr);
    await assertCheck(repo, 'main', expected);
    assert.deepEqual(markersIn(markers), [], 'northstar ran the fsmonitor hook');

    runGit(repo, IDENTITY, ['diff', '--name-only', 'main']);
    assert.deepEqual(markersIn(markers), ['fsmonitor'], 'plain git runs it (the vector is live)');
  });

  it('clean and smudge filters from .gitattributes + config never run; content is hashed raw', async () => {
    const dir = path.join(scratch, 'filters');
    const { evil, markers } = plantEvil(dir);
    const repo = baseRepo(path.join(dir, 'repo'), { '.gitattributes': '*.txt filter=evil\n' });
    // A stat-dirty tracked file (touched, same content) and a modified one: git must run the
    // clean filter to compare them; Northstar hashes the bytes.
    fs.appendFileSync(path.join(repo, 'services/a/src/a.txt'), 'uncommitted\n');
    const c = path.join(repo, 'services/c/src/c.txt');
    fs.utimesSync(c, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const expected = oracle(repo, 'main');
    assert.deepEqual(expected, BASE_CHANGES, 'c.txt is touched, not changed');
    git(repo, 'config', 'filter.evil.clean', `${evil} clean`);
    git(repo, 'config', 'filter.evil.smudge', `${evil} smudge`);
    git(repo, 'config', 'filter.evil.required', 'true');

    assert.deepEqual(await changedFiles(repo, 'main'), expected);
    assert.deepEqual(await changedFiles(path.join(repo, 'services'), 'main'), ['a/src/a.txt', 'b/src/new.txt']);
    await assertCheck(repo, 'main', expected);
    assert.deepEqual(markersIn(markers), []);

    runGit(repo, IDENTITY, ['diff', '--name-only', 'main']);
    fs.rmSync(path.join(repo, 'services/b/src/b.txt'));
    runGit(repo, IDENTITY, ['checkout', '--', 'services/b/src/b.txt']);
    assert.deepEqual(markersIn(markers), ['clean', 'smudge'], 'plain git runs both filters');
  });

  it('diff.external and a textconv driver never run', async () => {
    const dir = path.join(scratch, 'external');
    const { evil, markers } = plantEvil(dir);
    const repo = baseRepo(path.join(dir, 'repo'), { '.gitattributes': '*.txt diff=evil\n' });
    const expected = oracle(repo, 'main');
    git(repo, 'config', 'diff.external', `${evil} external`);
    git(repo, 'config', 'diff.evil.textconv', `${evil} textconv`);

    assert.deepEqual(await changedFiles(repo, 'main'), expected);
    await assertCheck(repo, 'main', expected);
    assert.deepEqual(markersIn(markers), []);

    runGit(repo, IDENTITY, ['diff', 'main']);
    runGit(repo, IDENTITY, ['diff', '--no-ext-diff', 'main']);
    assert.deepEqual(markersIn(markers), ['external', 'textconv'], 'plain git runs both');
  });

  it('hooks (core.hooksPath and .git/hooks) never run', async () => {
    const dir = path.join(scratch, 'hooks');
    const { evil, markers } = plantEvil(dir);
    const repo = baseRepo(path.join(dir, 'repo'));
    const expected = oracle(repo, 'main');
    const hooks = path.join(dir, 'hooks');
    fs.mkdirSync(hooks);
    const names = ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman', 'post-merge', 'pre-auto-gc'];
    for (const name of names) {
      fs.writeFileSync(path.join(hooks, name), `#!/bin/sh\nexec ${evil} hook-${name}\n`, { mode: 0o755 });
      fs.writeFileSync(path.join(repo, '.git', 'hooks', name), `#!/bin/sh\nexec ${evil} dothooks-${name}\n`, { mode: 0o755 });
    }
    git(repo, 'config', 'core.hooksPath', hooks);

    assert.deepEqual(await changedFiles(repo, 'main'), expected);
    await assertCheck(repo, 'main', expected);
    assert.deepEqual(markersIn(markers), []);

    runGit(repo, IDENTITY, ['commit', '-q', '--allow-empty', '-m', 'proof']);
    assert.ok(markersIn(markers).includes('hook-pre-commit'), 'plain git runs the hooks');
  });

  it('an embedded bare repository committed as files is never a repository (its core.worktree + core.fsmonitor are ignored)', async () => {
    const dir = path.join(scratch, 'bare');
    const { evil, markers } = plantEvil(dir);
    const upstream = path.join(dir, 'upstream');
    fs.mkdirSync(upstream);
    git(upstream, 'init', '-q', '-b', 'main');
    write(upstream, 'services/a/service-contract.yaml', contract('a'));
    write(upstream, 'services/b/service-contract.yaml', contract('b'));
    // The bare repository, as files: HEAD, config, objects/ and refs/ (kept by placeholder files).
    const bare = 'services/b/vendor.git';
    write(upstream, `${bare}/HEAD`, 'ref: refs/heads/main\n');
    write(upstream, `${bare}/objects/.keep`, '');
    write(upstream, `${bare}/refs/.keep`, '');
    write(upstream, `${bare}/description`, 'innocent\n');
    write(upstream, `${bare}/config`, `[core]\n\trepositoryformatversion = 0\n\tbare = false\n\tworktree = ..\n\tfsmonitor = "${evil} bare"\n`);
    git(upstream, 'add', '-A');
    git(upstream, 'commit', '-q', '-m', 'vendor a bare repository');
    // A plain clone: the bare repository arrives as ordinary files.
    const clone = path.join(dir, 'clone');
    git(dir, 'clone', '-q', upstream, clone);
    fs.appendFileSync(path.join(clone, bare, 'description'), 'edited\n');
    git(clone, 'commit', '-q', '-am', 'edit the description');
    write(clone, `${bare}/notes.txt`, 'untracked\n');
    const root = path.join(clone, bare);

    assert.deepEqual(await changedFiles(root, 'origin/main'), ['description', 'notes.txt']);
    assert.deepEqual(await changedFiles(clone, 'origin/main'), [`${bare}/description`, `${bare}/notes.txt`]);
    await assertCheck(root, 'origin/main', ['description', 'notes.txt'], `${bare}/`);
    const listing = await listWorkTreeFiles(root);
    assert.deepEqual(listing.files, ['HEAD', 'config', 'description', 'notes.txt', 'objects/.keep', 'refs/.keep']);
    assert.deepEqual(markersIn(markers), []);

    runGit(root, IDENTITY, ['status']);
    assert.deepEqual(markersIn(markers), ['bare'], 'plain git, run in the folder, obeys the embedded config');
  });

  it('a .git file whose gitdir: leads outside the root to a planted git dir: read, never obeyed; a gitdir: to a non-git folder is refused', async () => {
    const dir = path.join(scratch, 'gitfile');
    const { evil, markers } = plantEvil(dir);
    const repo = baseRepo(path.join(dir, 'repo'));
    const expected = oracle(repo, 'main');
    const planted = path.join(dir, 'elsewhere', 'planted.git');
    fs.mkdirSync(path.dirname(planted));
    fs.renameSync(path.join(repo, '.git'), planted);
    fs.writeFileSync(path.join(repo, '.git'), `gitdir: ${path.relative(repo, planted)}\n`);
    fs.appendFileSync(path.join(planted, 'config'), `[core]\n\tfsmonitor = "${evil} gitfile"\n\tworktree = ${path.join(dir, 'elsewhere')}\n`);

    assert.deepEqual(await changedFiles(repo, 'main'), expected);
    await assertCheck(repo, 'main', expected);
    assert.deepEqual(markersIn(markers), []);

    // gitdir: to a folder that is not a git directory.
    const bogus = path.join(dir, 'bogus');
    fs.mkdirSync(path.join(bogus, 'objects'), { recursive: true });
    fs.writeFileSync(path.join(bogus, 'config'), `[core]\n\tfsmonitor = "${evil} bogus"\n`);
    const victim = path.join(dir, 'victim');
    fs.mkdirSync(victim);
    fs.writeFileSync(path.join(victim, '.git'), `gitdir: ${bogus}\n`);
    await assert.rejects(changedFiles(victim, 'main'), (e: unknown) => e instanceof GitError && /not a git directory/.test(e.message));
    for (const run of await bothWays(['check', '--root', victim, '--changed-since', 'main'], victim)) {
      assert.equal(run.code, 2, run.how);
      assert.match(run.stderr, /^northstar: --changed-since main: not a git repository: .*not a git directory\n$/, run.how);
    }
    assert.deepEqual(markersIn(markers), []);

    runGit(repo, IDENTITY, ['status']);
    assert.deepEqual(markersIn(markers), ['gitfile'], 'plain git obeys the planted config');
  });

  it('GIT_* variables in the environment (GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT…) redirect nothing', async () => {
    const dir = path.join(scratch, 'environment');
    const { evil, markers } = plantEvil(dir);
    const repo = baseRepo(path.join(dir, 'repo'));
    const expected = oracle(repo, 'main');
    // Another repository, where c changed instead: the variables point there.
    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    git(other, 'init', '-q', '-b', 'main');
    write(other, 'services/c/src/c.txt', 'c\n');
    git(other, 'add', '-A');
    git(other, 'commit', '-q', '-m', 'other');
    const hostile: Record<string, string> = {
      GIT_DIR: path.join(other, '.git'),
      GIT_WORK_TREE: other,
      GIT_INDEX_FILE: path.join(other, '.git', 'index'),
      GIT_OBJECT_DIRECTORY: path.join(other, '.git', 'objects'),
      GIT_COMMON_DIR: path.join(other, '.git'),
      GIT_CEILING_DIRECTORIES: repo,
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${evil} parameters'`,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: `${evil} count`,
      GIT_CONFIG: path.join(other, '.git', 'config'),
      GIT_EXTERNAL_DIFF: `${evil} external`,
    };
    const saved = new Map(Object.keys(hostile).map((k) => [k, process.env[k]]));
    Object.assign(process.env, hostile);
    try {
      assert.deepEqual(await changedFiles(repo, 'main'), expected);
      await assertCheck(repo, 'main', expected);
      assert.deepEqual(markersIn(markers), []);
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    const proof = spawnSync('git', ['diff', '--name-only'], { cwd: repo, env: { ...fixtureEnv(), ...hostile }, encoding: 'utf8' });
    assert.equal(proof.status, 0, proof.stderr);
    const ran = markersIn(markers);
    assert.ok(ran.length === 1 && ['count', 'parameters'].includes(ran[0]), `plain git obeys the environment (${ran.join(', ')})`);
  });

  it('index version 4 (feature.manyFiles) and a split index give git\'s file lists', async () => {
    const dir = path.join(scratch, 'index-formats');
    const v4 = baseRepo(path.join(dir, 'v4'));
    git(v4, 'update-index', '--index-version', '4');
    assert.equal(parseIndex(fs.readFileSync(path.join(v4, '.git', 'index'))).version, 4);
    assert.deepEqual(await changedFiles(v4, 'main'), oracle(v4, 'main'));
    assert.deepEqual((await listWorkTreeFiles(v4)).files, gitListing(v4));
    await assertCheck(v4, 'main', oracle(v4, 'main'));

    const split = splitRepo(path.join(dir, 'split'));
    const expected = oracle(split, 'main');
    assert.ok(expected.includes('services/c/src/f10.txt') && expected.includes('services/c/src/added.txt'), expected.join(' '));
    assert.deepEqual(await changedFiles(split, 'main'), expected);
    assert.deepEqual((await listWorkTreeFiles(split)).files, gitListing(split));
    await assertCheck(split, 'main', expected);
  });

  it('skip-worktree entries, a sparse checkout (also with a sparse index) and a submodule are listed as tracked', async () => {
    const dir = path.join(scratch, 'special');
    const repo = baseRepo(path.join(dir, 'repo'));
    // skip-worktree by hand: the file is gone from disk but tracked.
    git(repo, 'update-index', '--skip-worktree', 'services/c/src/c.txt');
    fs.rmSync(path.join(repo, 'services/c/src/c.txt'));
    // A submodule.
    const sub = path.join(dir, 'sub');
    fs.mkdirSync(sub);
    git(sub, 'init', '-q', '-b', 'main');
    write(sub, 'lib.txt', 'lib\n');
    git(sub, 'add', '-A');
    git(sub, 'commit', '-q', '-m', 'lib');
    git(repo, 'submodule', '--quiet', 'add', sub, 'libs/sub');
    git(repo, 'commit', '-q', '-m', 'add a submodule');

    const listing = await listWorkTreeFiles(repo);
    assert.deepEqual(listing.files, gitListing(repo));
    assert.ok(listing.files.includes('services/c/src/c.txt') && listing.skipWorktree.includes('services/c/src/c.txt'));
    assert.deepEqual(listing.gitlinks, ['libs/sub']);
    assert.ok(listing.files.includes('libs/sub') && !listing.files.some((f) => f.startsWith('libs/sub/')));
    assert.deepEqual(await changedFiles(repo, 'main'), oracle(repo, 'main'));
    assert.deepEqual(await changedFiles(repo, 'main'), ['.gitmodules', 'libs/sub', ...BASE_CHANGES]);
    // A new commit checked out in the submodule: the gitlink path changes.
    assert.deepEqual(await changedFiles(repo, 'HEAD'), ['services/b/src/new.txt']);
    write(path.join(repo, 'libs/sub'), 'lib.txt', 'lib 2\n');
    git(path.join(repo, 'libs/sub'), 'commit', '-q', '-am', 'lib 2');
    assert.deepEqual(await changedFiles(repo, 'HEAD'), oracle(repo, 'HEAD'));
    assert.deepEqual(await changedFiles(repo, 'HEAD'), ['libs/sub', 'services/b/src/new.txt']);
    await assertCheck(repo, 'main', oracle(repo, 'main'));

    // A cone-mode sparse checkout of services/a, then the same with a sparse index.
    const sparse = baseRepo(path.join(dir, 'sparse'));
    fs.rmSync(path.join(sparse, 'services/b/src/new.txt'));
    git(sparse, 'sparse-checkout', 'set', '--cone', 'services/a');
    assert.ok(!fs.existsSync(path.join(sparse, 'services/c/src/c.txt')));
    let sparseListing = await listWorkTreeFiles(sparse);
    assert.deepEqual(sparseListing.files, gitListing(sparse));
    assert.ok(sparseListing.skipWorktree.includes('services/c/src/c.txt'));
    assert.deepEqual(await changedFiles(sparse, 'main'), oracle(sparse, 'main'));
    git(sparse, 'sparse-checkout', 'set', '--cone', '--sparse-index', 'services/a');
    assert.equal(parseIndex(fs.readFileSync(path.join(sparse, '.git', 'index'))).sparse, true, 'git wrote a sparse index');
    sparseListing = await listWorkTreeFiles(sparse);
    assert.deepEqual(sparseListing.files, gitListing(sparse));
    assert.deepEqual(await changedFiles(sparse, 'main'), oracle(sparse, 'main'));
  });

  it('revisions users pass: branch, tag, annotated tag, origin/…, full and short ids, HEAD~N, ^{commit}', async () => {
    const dir = path.join(scratch, 'revisions');
    const repo = baseRepo(path.join(dir, 'repo'));
    git(repo, 'tag', 'light', 'main');
    git(repo, 'tag', '-a', '-m', 'annotated', 'v1', 'main');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const first = git(repo, 'rev-parse', 'main').trim();
    for (const ref of ['main', 'light', 'v1', 'v1^{commit}', 'v1^{}', 'refs/heads/main', first, first.slice(0, 7), 'HEAD~1', 'HEAD^', 'feature~', '@~1']) {
      assert.deepEqual(await changedFiles(repo, ref), oracle(repo, ref), ref);
    }
    for (const ref of ['HEAD', head, 'feature', '@']) assert.deepEqual(await changedFiles(repo, ref), ['services/b/src/new.txt'], ref);
    for (const ref of ['no-such-branch', 'HEAD~5', 'main^2', 'deadbeef', '../../etc/passwd', 'config', 'main..feature', 'main@{1}', 'HEAD:README.md']) {
      await assert.rejects(changedFiles(repo, ref), (e: unknown) => e instanceof GitError && e.message === `unknown revision '${ref}'`, ref);
    }
    await assert.rejects(changedFiles(repo, '--output=/tmp/x'), GitError);
    await assert.rejects(changedFiles(os.tmpdir(), 'main'), (e: unknown) => e instanceof GitError && /not a git repository/.test(e.message));
  });

  it('a linked worktree (.git file → .git/worktrees/NAME, commondir) and a root in a subfolder', async () => {
    const dir = path.join(scratch, 'worktree');
    const repo = baseRepo(path.join(dir, 'repo'));
    const linked = path.join(dir, 'linked');
    git(repo, 'worktree', 'add', '-q', '-b', 'other', linked, 'main');
    write(linked, 'services/c/src/c.txt', 'changed in the linked worktree\n');
    write(linked, 'services/c/src/untracked.txt', 'u\n');
    assert.deepEqual(await changedFiles(linked, 'feature'), oracle(linked, 'feature'));
    assert.deepEqual(await changedFiles(linked, 'main'), ['services/c/src/c.txt', 'services/c/src/untracked.txt']);
    assert.deepEqual(await changedFiles(path.join(linked, 'services', 'c'), 'main'), ['src/c.txt', 'src/untracked.txt']);
    assert.deepEqual((await listWorkTreeFiles(linked)).files, gitListing(linked));
    const services = path.join(repo, 'services');
    assert.deepEqual((await listWorkTreeFiles(services)).files, gitListing(services));
    assert.deepEqual(await changedFiles(services, 'main'), oracle(services, 'main'));
    await assertCheck(linked, 'main', ['services/c/src/c.txt', 'services/c/src/untracked.txt']);
  });

  it('objects borrowed through objects/info/alternates (clone --shared) are not followed out of the repository', async () => {
    const dir = path.join(scratch, 'alternates');
    const repo = baseRepo(path.join(dir, 'repo'));
    const shared = path.join(dir, 'shared');
    git(dir, 'clone', '-q', '--shared', repo, shared);
    assert.ok(fs.existsSync(path.join(shared, '.git', 'objects', 'info', 'alternates')));
    write(shared, 'services/c/src/c.txt', 'changed\n');
    await assert.rejects(changedFiles(shared, 'origin/main'), (e: unknown) => e instanceof GitError && /objects\/info\/alternates/.test(e.message) && !e.message.includes('\n'));
    for (const run of await bothWays(['check', '--root', shared, '--changed-since', 'origin/main'], shared)) {
      assert.equal(run.code, 2, run.how);
      assert.match(run.stderr, /^northstar: --changed-since origin\/main: cannot read the repository's objects: .*alternates.*\n$/, run.how);
    }
    // The listing needs no objects: it works.
    assert.deepEqual((await listWorkTreeFiles(shared)).files, gitListing(shared));
  });

  it('a corrupt index is a one-line failure of the run (exit 2), not a crash', async () => {
    const dir = path.join(scratch, 'corrupt');
    const repo = baseRepo(path.join(dir, 'repo'));
    const file = path.join(repo, '.git', 'index');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 30));
    await assert.rejects(changedFiles(repo, 'main'), CorruptIndexError);
    for (const run of await bothWays(['check', '--root', repo, '--changed-since', 'main'], repo)) {
      assert.equal(run.code, 2, run.how);
      assert.match(run.stderr, /^northstar: --changed-since main: corrupt git index \(.*\): .+\n$/, run.how);
    }
  });
});

/**
 * A split index with replaced, deleted and added entries: 60 files, `--split-index`, then a few
 * changes staged (below splitIndex.maxPercentChange, so git keeps the shared index).
 */
function splitRepo(dir: string): string {
  const extra: Record<string, string> = {};
  for (let i = 0; i < 60; i++) extra[`services/c/src/f${i}.txt`] = `f${i}\n`;
  const repo = baseRepo(dir, extra);
  git(repo, 'update-index', '--split-index');
  git(repo, 'config', 'core.splitIndex', 'true');
  write(repo, 'services/c/src/f10.txt', 'f10 changed\n');
  write(repo, 'services/c/src/added.txt', 'added\n');
  git(repo, 'add', 'services/c/src/f10.txt', 'services/c/src/added.txt');
  git(repo, 'rm', '-q', '--cached', 'services/c/src/f20.txt');
  return repo;
}

// ---------------------------------------------------------------------------------------------
// The index parser

/** `git ls-files --stage` as entries: mode, oid, stage, path. */
function stagedByGit(repo: string): string[] {
  return git(repo, 'ls-files', '--stage', '-z').split('\0').filter((l) => l !== '');
}

function staged(entries: readonly IndexEntry[]): string[] {
  return entries.map((e) => `${e.mode.toString(8).padStart(6, '0')} ${e.oid} ${e.stage}\t${e.path}`);
}

/** `git ls-files --debug` stat data: path → "mtime s:ns size". */
function statByGit(repo: string): Map<string, string> {
  const out = new Map<string, string>();
  let current = '';
  for (const line of git(repo, '-c', 'core.quotePath=false', 'ls-files', '--debug').split('\n')) {
    if (!line.startsWith(' ')) current = line;
    const mtime = /^ {2}mtime: (\d+):(\d+)$/.exec(line);
    if (mtime) out.set(current, `${mtime[1]}:${mtime[2]}`);
    const size = /^ {2}size: (\d+)\t/.exec(line);
    if (size) out.set(current, `${out.get(current)} ${size[1]}`);
  }
  return out;
}

describe('git index parser', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-gitindex-'));
    home = path.join(dir, 'home');
    fs.mkdirSync(home);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const indexOf = (repo: string): Buffer => fs.readFileSync(path.join(repo, '.git', 'index'));

  for (const version of [2, 3, 4]) {
    it(`reads a version ${version} index written by git: paths, modes, ids, stages, stat data`, () => {
      const repo = baseRepo(path.join(dir, `v${version}`), {
        'bin/run.sh': '#!/bin/sh\n',
        'docs/a/very/long/shared/prefix/one.md': '1\n',
        'docs/a/very/long/shared/prefix/two.md': '2\n',
        'docs/a/very/long/other.md': '3\n',
        'ünïcødé/ファイル.txt': 'u\n',
      });
      fs.chmodSync(path.join(repo, 'bin/run.sh'), 0o755);
      fs.symlinkSync('README.md', path.join(repo, 'link-to-readme'));
      git(repo, 'add', '-A');
      if (version >= 3) {
        write(repo, 'later.txt', 'intent\n');
        git(repo, 'add', '-N', 'later.txt');
        git(repo, 'update-index', '--skip-worktree', 'services/c/src/c.txt');
      }
      git(repo, 'update-index', '--index-version', String(version));
      const parsed = parseIndex(indexOf(repo));
      assert.equal(parsed.version, version);
      assert.deepEqual(staged(parsed.entries), stagedByGit(repo));
      const stat = statByGit(repo);
      for (const e of parsed.entries) assert.equal(`${e.mtimeSeconds}:${e.mtimeNanoseconds} ${e.size}`, stat.get(e.path), e.path);
      assert.equal(parsed.entries.find((e) => e.path === 'bin/run.sh')?.mode, 0o100755);
      assert.equal(parsed.entries.find((e) => e.path === 'link-to-readme')?.mode, 0o120000);
      if (version >= 3) {
        assert.deepEqual(parsed.entries.filter((e) => e.intentToAdd).map((e) => e.path), ['later.txt']);
        assert.deepEqual(parsed.entries.filter((e) => e.skipWorktree).map((e) => e.path), ['services/c/src/c.txt']);
      }
    });
  }

  it('reads the cache tree (TREE extension) as git wrote it, and the reader skips base folders it proves unchanged', async () => {
    const repo = baseRepo(path.join(dir, 'cache-tree'));
    const parsed = parseIndex(indexOf(repo));
    assert.equal(parsed.cacheTree.get('')?.oid, git(repo, 'rev-parse', 'HEAD^{tree}').trim());
    for (const folder of ['services', 'services/a', 'services/c/src']) {
      assert.equal(parsed.cacheTree.get(folder)?.oid, git(repo, 'rev-parse', `HEAD:${folder}`).trim(), folder);
    }
    assert.equal(parsed.cacheTree.get('services')?.entryCount, 6);
    // Stage a change: git invalidates the folders above it; the answers stay git's.
    write(repo, 'services/c/src/c.txt', 'staged c\n');
    git(repo, 'add', 'services/c/src/c.txt');
    const after = parseIndex(indexOf(repo));
    assert.equal(after.cacheTree.has('services/c'), false);
    assert.equal(after.cacheTree.get('services/a')?.oid, parsed.cacheTree.get('services/a')?.oid);
    assert.deepEqual(await changedFiles(repo, 'main'), oracle(repo, 'main'));
    assert.deepEqual(await changedFiles(repo, 'HEAD'), oracle(repo, 'HEAD'));
    assert.deepEqual(await changedFiles(path.join(repo, 'services/a'), 'main'), oracle(path.join(repo, 'services/a'), 'main'));
    const opened = openRepository(repo);
    const head = await opened.objects.resolveCommit('HEAD');
    const { files, skipped } = await opened.objects.flattenTree(await opened.objects.treeOf(head), '', (f, o) => after.cacheTree.get(f)?.oid === o);
    assert.deepEqual(skipped.sort(), ['services/a', 'services/b'], 'unchanged folders are not read');
    assert.deepEqual([...files.keys()].sort(), ['.gitignore', 'README.md', 'services/c/service-contract.yaml', 'services/c/src/c.txt']);
    // Packed objects (after gc) are read through isomorphic-git: the same answers.
    git(repo, 'gc', '-q');
    assert.deepEqual(await changedFiles(repo, 'main'), oracle(repo, 'main'));
    assert.deepEqual(await changedFiles(repo, 'HEAD~1'), oracle(repo, 'HEAD~1'));
  });

  it('reads the stages of a merge conflict', () => {
    const repo = baseRepo(path.join(dir, 'conflict'));
    git(repo, 'checkout', '-q', '-b', 'other', 'main');
    write(repo, 'services/a/src/a.txt', 'other a\n');
    git(repo, 'commit', '-q', '-am', 'other a');
    const r = runGit(repo, HARDENED, ['merge', '-q', 'feature']);
    assert.notEqual(r.status, 0, 'the merge conflicts');
    const parsed = parseIndex(indexOf(repo));
    assert.deepEqual(staged(parsed.entries), stagedByGit(repo));
    assert.deepEqual(parsed.entries.filter((e) => e.stage > 0).map((e) => e.stage), [1, 2, 3]);
  });

  it('merges a split index (replace and delete bitmaps, added entries) as git does', () => {
    const repo = splitRepo(path.join(dir, 'split'));
    const parsed = parseIndex(indexOf(repo));
    assert.ok(parsed.link, 'git wrote a link extension');
    assert.ok(parsed.link.replaces.length > 0 && parsed.link.deletes.length > 0, JSON.stringify(parsed.link));
    const shared = parseIndex(fs.readFileSync(path.join(repo, '.git', `sharedindex.${parsed.link.sharedOid}`)));
    assert.deepEqual(staged(mergeSplitIndex(parsed, shared)), stagedByGit(repo));
    // With version 4 as well.
    git(repo, 'update-index', '--index-version', '4');
    write(repo, 'services/c/src/f30.txt', 'f30 changed\n');
    git(repo, 'add', 'services/c/src/f30.txt');
    const v4 = parseIndex(indexOf(repo));
    assert.ok(v4.link);
    const v4Shared = parseIndex(fs.readFileSync(path.join(repo, '.git', `sharedindex.${v4.link.sharedOid}`)));
    assert.deepEqual(staged(mergeSplitIndex(v4, v4Shared)), stagedByGit(repo));
  });

  it('every truncation of a real index is a CorruptIndexError', () => {
    for (const version of [2, 4]) {
      const repo = baseRepo(path.join(dir, `truncate-v${version}`));
      git(repo, 'update-index', '--index-version', String(version));
      const bytes = indexOf(repo);
      for (let length = 0; length < bytes.length; length++) {
        assert.throws(() => parseIndex(bytes.subarray(0, length)), CorruptIndexError, `v${version} truncated to ${length}`);
      }
    }
  });

  it('mutated indexes (checksum disabled) parse or fail with CorruptIndexError, quickly', () => {
    const repo = splitRepo(path.join(dir, 'mutate'));
    const original = indexOf(repo);
    let seed = 12345;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const started = Date.now();
    let failures = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = Buffer.from(original);
      for (let k = 1 + random(4); k > 0; k--) bytes[12 + random(bytes.length - 32)] = random(256);
      bytes.fill(0, bytes.length - 20); // index.skipHash: no checksum to stop the parser early
      try {
        const parsed = parseIndex(bytes);
        assert.ok(parsed.entries.length <= 100);
      } catch (error) {
        assert.ok(error instanceof CorruptIndexError, `round ${round}: ${String(error)}`);
        failures++;
      }
    }
    assert.ok(failures > 0);
    assert.ok(Date.now() - started < 10_000, 'no mutation makes the parser slow');
  });

  it('hostile headers and bitmaps: huge counts, bad prefix lengths, huge EWAH runs, a wrong checksum', () => {
    const repo = baseRepo(path.join(dir, 'hostile'));
    git(repo, 'update-index', '--index-version', '4');
    const original = indexOf(repo);
    const noHash = (b: Buffer): Buffer => {
      b.fill(0, b.length - 20);
      return b;
    };
    const huge = noHash(Buffer.from(original));
    huge.writeUInt32BE(0xffffffff, 8);
    assert.throws(() => parseIndex(huge), /entries cannot fit/);
    const strip = noHash(Buffer.from(original));
    strip[12 + 62] = 0x7f; // the first entry strips 127 bytes from an empty previous path
    assert.throws(() => parseIndex(strip), /strips 127 bytes/);
    const version = noHash(Buffer.from(original));
    version.writeUInt32BE(5, 4);
    assert.throws(() => parseIndex(version), /unsupported index version 5/);
    const damaged = Buffer.from(original);
    damaged[20] ^= 1;
    assert.throws(() => parseIndex(damaged), /checksum mismatch/);

    // EWAH: a run of 2^32-1 words of ones, 10 bits: stops at 10 positions, at once.
    const ewah = Buffer.alloc(8 + 8 + 4);
    ewah.writeUInt32BE(10, 0);
    ewah.writeUInt32BE(1, 4);
    ewah.writeUInt32BE(0x00000001, 8); // hi: bit 0 = running-length bit 31, no literal words
    ewah.writeUInt32BE(0xffffffff, 12); // lo: running bit 1, running length low 31 bits all set
    ewah.writeUInt32BE(0, 16);
    assert.deepEqual(decodeEwah(ewah, 0, ewah.length, 100).positions, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.throws(() => decodeEwah(ewah, 0, ewah.length, 5), EwahError, 'more bits than entries');
    const lying = Buffer.from(ewah);
    lying.writeUInt32BE(0xffffffff, 4); // claims 2^32-1 words
    assert.throws(() => decodeEwah(lying, 0, lying.length, 100), /more than its bytes hold/);
    const literals = Buffer.from(ewah);
    literals.writeUInt32BE(0xfffffffe, 8); // announces 2^31-1 literal words
    assert.throws(() => decodeEwah(literals, 0, literals.length, 100), /literal words/);
  });
});
