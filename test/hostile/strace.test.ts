/**
 * Proof by tracing (DESIGN 6): the built CLI (`node bin/northstar.js`, after `npm run build`)
 * runs under `strace -f` on a hostile workspace whose links, `.git/config` (core.fsmonitor,
 * filters, a diff driver, hooks, core.excludesFile), `.gitattributes` and enclosing CODEOWNERS
 * (a symbolic link) point at canary files beside the root and in a scratch $HOME. It fails when
 *   - a canary path is opened (or executed),
 *   - a program other than node (and git, while GIT_MAY_RUN) is executed,
 *   - a socket is created or connected (socket, connect, bind, listen, accept; socketpair is
 *     how Node gives a child process its standard streams, not a network socket),
 *   - a file above the root is opened other than the enclosing repository's CODEOWNERS
 *     candidates and its `.git` data (listed by exact path below),
 * the runtime's own files aside (node, its libraries and OpenSSL/zone files, /proc, /sys,
 * /dev/null, /dev/urandom, the package's bin/, dist/, package.json and node_modules/).
 *
 * strace is Debian's `strace` (.ci/run installs it). Missing in CI (process.env.CI), or unable to
 * trace there, this test FAILS; outside CI it says why and is skipped.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repositoryRoot } from './corpus';

/**
 * `check --changed-since` reads git's data with Northstar's own reader (src/node/git/) and
 * never runs git: any git execve fails the test. (True only while git was still run: what git
 * and the programs it started did was then reported, not failed.)
 */
export const GIT_MAY_RUN = false;

interface Syscall {
  pid: number;
  name: string;
  args: string;
  result: string;
}

/** strace -f -y lines, with `<unfinished ...>` / `<... resumed>` halves joined per pid. */
export function parseStrace(text: string): Syscall[] {
  const pending = new Map<number, string>();
  const out: Syscall[] = [];
  for (const raw of text.split('\n')) {
    const space = raw.indexOf(' ');
    if (space <= 0) continue;
    const pid = Number(raw.slice(0, space));
    if (!Number.isInteger(pid)) continue;
    let line = raw.slice(space + 1).trimStart();
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.endsWith('<unfinished ...>')) {
      pending.set(pid, line.slice(0, -'<unfinished ...>'.length));
      continue;
    }
    if (line.startsWith('<...')) {
      const resumed = line.indexOf('resumed>');
      line = (pending.get(pid) ?? '') + (resumed >= 0 ? line.slice(resumed + 'resumed>'.length) : line);
      pending.delete(pid);
    }
    const open = line.indexOf('(');
    const eq = line.lastIndexOf(' = ');
    if (open <= 0 || eq < 0) continue;
    const close = line.lastIndexOf(')', eq);
    out.push({ pid, name: line.slice(0, open), args: line.slice(open + 1, close > open ? close : eq), result: line.slice(eq + 3).trim() });
  }
  return out;
}

/** The first quoted string of a syscall's arguments (strace escapes `"` and `\` inside). */
function firstString(args: string): { value: string; before: string } | null {
  const start = args.indexOf('"');
  if (start < 0) return null;
  let value = '';
  for (let i = start + 1; i < args.length; i++) {
    const ch = args[i];
    if (ch === '\\' && i + 1 < args.length) {
      value += args[++i];
      continue;
    }
    if (ch === '"') return { value, before: args.slice(0, start) };
    value += ch;
  }
  return null;
}

/** `18</some/dir>` (strace -y) → `/some/dir`; AT_FDCWD → null. */
function dirOfFd(before: string): string | null {
  const lt = before.indexOf('<');
  const gt = before.indexOf('>', lt);
  return lt >= 0 && gt > lt ? before.slice(lt + 1, gt) : null;
}

const OPENS = new Set(['open', 'openat', 'openat2', 'creat']);
const NETWORK = new Set(['socket', 'connect', 'bind', 'listen', 'accept', 'accept4']);

interface Workspace {
  scratch: string;
  home: string;
  repo: string;
  root: string;
  canaries: string[];
  /** Opens above the root that are allowed, by exact path. */
  allowedAbove: Set<string>;
}

/** Git without the machine's or the user's configuration, for setting the workspace up. */
function gitSetUp(cwd: string, home: string, args: string[]): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

function buildWorkspace(): Workspace {
  const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'northstar-strace-')));
  chmodSync(scratch, 0o755);
  const home = path.join(scratch, 'home');
  const repo = path.join(scratch, 'repo');
  const root = path.join(repo, 'services', 'payments');
  const canaries: string[] = [];
  const canary = (file: string, executable = false): string => {
    mkdirSync(path.dirname(file), { recursive: true });
    // A canary that runs leaves a mark, and says so on stdout; one that is read shows its owners.
    writeFileSync(file, executable ? `#!/bin/sh\ntouch '${file}.RAN'\necho canary\n` : '* @canary/leak\nname: canary-leak\n');
    if (executable) chmodSync(file, 0o755);
    canaries.push(file);
    return file;
  };
  mkdirSync(path.join(root, 'src'), { recursive: true });
  writeFileSync(path.join(root, 'service-contract.yaml'), 'apiVersion: northstar/v1\nkind: ServiceContract\nname: payments\nowner: "@acme/pay"\n');
  writeFileSync(path.join(root, 'src', 'pay.go'), 'package pay // northstar:priority reliability\n');
  writeFileSync(path.join(repo, 'README.md'), '# shop\n');
  gitSetUp(repo, home, ['init', '-q', '-b', 'main', '.']);
  gitSetUp(repo, home, ['add', '-A']);
  gitSetUp(repo, home, ['commit', '-q', '-m', 'init']);

  // Beside the root, above it, and in the scratch $HOME.
  const fsmonitor = canary(path.join(scratch, 'canary-fsmonitor'), true);
  const filter = canary(path.join(scratch, 'canary-filter'), true);
  const textconv = canary(path.join(scratch, 'canary-textconv'), true);
  const hooks = path.join(scratch, 'canary-hooks');
  for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction']) canary(path.join(hooks, hook), true);
  const excludes = canary(path.join(scratch, 'canary-excludes'));
  const attributes = canary(path.join(scratch, 'canary-attributes'));
  const codeowners = canary(path.join(scratch, 'canary-codeowners'));
  const sibling = canary(path.join(repo, 'services', 'canary-sibling.yaml'));
  const folder = path.join(scratch, 'canary-folder');
  canary(path.join(folder, 'service-contract.yaml'));
  canary(path.join(folder, 'CODEOWNERS'));
  const homeVision = canary(path.join(home, 'canary-vision.yaml'));
  canary(path.join(home, '.config', 'git', 'ignore'));
  canary(path.join(home, '.config', 'git', 'attributes'));
  const homeConfig = path.join(home, '.gitconfig');
  writeFileSync(homeConfig, `[core]\n\tfsmonitor = ${fsmonitor}\n\texcludesFile = ${excludes}\n\tattributesFile = ${attributes}\n`);
  canaries.push(homeConfig);

  appendFileSync(
    path.join(repo, '.git', 'config'),
    `[core]\n\tfsmonitor = ${fsmonitor}\n\texcludesFile = ${excludes}\n\tattributesFile = ${attributes}\n\thooksPath = ${hooks}\n` +
      `[filter "canary"]\n\tclean = ${filter}\n\tsmudge = ${filter}\n\tprocess = ${filter}\n\trequired = true\n` +
      `[diff "canary"]\n\ttextconv = ${textconv}\n\tcommand = ${textconv}\n` +
      `[diff]\n\texternal = ${textconv}\n`,
  );
  writeFileSync(path.join(repo, '.gitattributes'), '* filter=canary diff=canary\n');
  // The enclosing repository's CODEOWNERS is a link out; its .github a link to a folder out.
  symlinkSync(codeowners, path.join(repo, 'CODEOWNERS'));
  symlinkSync(folder, path.join(repo, '.github'));
  // Links in the root to canaries beside it, above it and in $HOME.
  symlinkSync('../canary-sibling.yaml', path.join(root, 'catalog-info.yaml'));
  symlinkSync(homeVision, path.join(root, 'vision.yaml'));
  symlinkSync(codeowners, path.join(root, 'teams.yaml'));
  symlinkSync(excludes, path.join(root, '.gitignore'));
  symlinkSync(folder, path.join(root, 'linked'));
  symlinkSync(sibling, path.join(root, 'src', 'deep.ts'));
  // A change since HEAD, for --changed-since.
  appendFileSync(path.join(root, 'src', 'pay.go'), '// changed\n');

  const allowedAbove = new Set<string>([
    // The enclosing repository's CODEOWNERS candidates (DESIGN 1.1), opened without following links.
    path.join(repo, '.github', 'CODEOWNERS'),
    path.join(repo, 'CODEOWNERS'),
    path.join(repo, 'docs', 'CODEOWNERS'),
    path.join(repo, '.gitlab', 'CODEOWNERS'),
  ]);
  // For --changed-since, the git reader applies git's ignore rules to untracked files: the
  // .gitignore of each folder from the repository root down to the root (as git does).
  for (let dir = path.dirname(root); dir.length >= repo.length; dir = path.dirname(dir)) allowedAbove.add(path.join(dir, '.gitignore'));
  return { scratch, home, repo, root, canaries, allowedAbove };
}

/** The `.git` data of the enclosing repository (what the git reader may open). */
function isGitData(ws: Workspace, file: string): boolean {
  const git = path.join(ws.repo, '.git');
  return file === git || file.startsWith(git + path.sep);
}

function runtimeFiles(): { exact: Set<string>; prefixes: string[] } {
  const pkg = repositoryRoot();
  const exact = new Set<string>([process.execPath, realpathSync(process.execPath), '/dev/null', '/dev/urandom', '/etc/ld.so.cache', '/etc/ld.so.preload', '/etc/localtime', path.join(pkg, 'package.json')]);
  const prefixes = [
    '/lib/', '/lib64/', '/usr/lib/', '/usr/lib64/', '/usr/local/lib/', '/usr/share/zoneinfo/', '/etc/ssl/', '/usr/lib/ssl/', '/proc/', '/sys/',
    path.join(pkg, 'bin') + path.sep,
    path.join(pkg, 'dist') + path.sep,
    path.join(pkg, 'node_modules') + path.sep,
  ];
  const modules = path.join(pkg, 'node_modules');
  if (existsSync(modules)) prefixes.push(realpathSync(modules) + path.sep);
  // node's own installation (its libraries, when not under /usr/lib).
  prefixes.push(path.dirname(path.dirname(realpathSync(process.execPath))) + path.sep + 'lib' + path.sep);
  return { exact, prefixes };
}

interface Verdict {
  violations: string[];
  /** What git (and the programs git started) did while GIT_MAY_RUN: reported, not failed. */
  gitDid: string[];
  opened: number;
}

function judge(ws: Workspace, calls: readonly Syscall[], firstPid: number): Verdict {
  const runtime = runtimeFiles();
  const node = new Set([process.execPath, realpathSync(process.execPath)]);
  const parent = new Map<number, number>();
  const cwd = new Map<number, string>([[firstPid, ws.root]]);
  const gitPids = new Set<number>();
  const inGit = (pid: number): boolean => {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && hops < 1000; p = parent.get(p), hops++) if (gitPids.has(p)) return true;
    return false;
  };
  const isCanary = (file: string) => ws.canaries.some((c) => file === c || file.startsWith(c + path.sep) || file === `${c}.RAN`) || file.startsWith(ws.home + path.sep);
  const inside = (file: string) => file === ws.root || file.startsWith(ws.root + path.sep);
  const isRuntime = (file: string) => runtime.exact.has(file) || runtime.prefixes.some((p) => file.startsWith(p));
  const violations: string[] = [];
  const gitDid: string[] = [];
  let opened = 0;
  // First the process tree and who became git: with -f a child's calls may be logged before the
  // parent's clone returns.
  for (const call of calls) {
    if (call.result.startsWith('-1')) continue;
    if (call.name === 'clone' || call.name === 'clone3' || call.name === 'fork' || call.name === 'vfork') {
      const child = Number(call.result.split(' ')[0]);
      if (Number.isInteger(child)) parent.set(child, call.pid);
    } else if (call.name === 'execve' && GIT_MAY_RUN) {
      const str = firstString(call.args);
      const file = str ? path.resolve(ws.root, str.value) : '';
      if (path.basename(file) === 'git' || file.includes(`${path.sep}git-core${path.sep}`)) gitPids.add(call.pid);
    }
  }
  for (const call of calls) {
    const ok = !call.result.startsWith('-1');
    if ((call.name === 'clone' || call.name === 'clone3' || call.name === 'fork' || call.name === 'vfork') && ok) {
      const child = Number(call.result.split(' ')[0]);
      if (Number.isInteger(child)) cwd.set(child, cwd.get(call.pid) ?? ws.root);
      continue;
    }
    const git = inGit(call.pid);
    const report = (what: string) => (git && GIT_MAY_RUN ? gitDid : violations).push(`${what} (pid ${call.pid}${git ? ', started by git' : ''})`);
    if (NETWORK.has(call.name)) {
      report(`${call.name}(${call.args.slice(0, 120)})`);
      continue;
    }
    const str = firstString(call.args);
    if (!str) continue;
    const base = dirOfFd(str.before) ?? cwd.get(call.pid) ?? ws.root;
    const file = path.resolve(base, str.value);
    if (call.name === 'chdir' && ok) {
      cwd.set(call.pid, file);
      continue;
    }
    if (call.name === 'execve') {
      if (isCanary(file)) report(`executed a canary: ${file}`);
      if (!ok) continue;
      if (node.has(file)) continue;
      if (path.basename(file) === 'git' || file.includes(`${path.sep}git-core${path.sep}`)) {
        if (GIT_MAY_RUN) gitDid.push(`ran ${file}`);
        else violations.push(`executed git: ${file} (GIT_MAY_RUN is false)`);
        continue;
      }
      report(`executed ${file}`);
      continue;
    }
    if (!OPENS.has(call.name)) continue;
    opened++;
    // The path asked for, and (strace -y) the file the descriptor really is: a link followed by
    // the kernel shows only in the latter.
    const got = ok ? dirOfFd(call.result) : null;
    for (const at of got !== null && got !== file ? [file, got] : [file]) {
      if (isCanary(at)) report(`opened a canary: ${at} (asked for ${file})`);
      else if (git) continue;
      else if (inside(at) || isRuntime(at) || ws.allowedAbove.has(at) || isGitData(ws, at)) continue;
      else report(`opened a file above the root: ${at} (asked for ${file}) = ${call.result}`);
    }
  }
  return { violations, gitDid, opened };
}

function straceAvailable(): string | null {
  const version = spawnSync('strace', ['-V'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return `strace is not installed (${version.error?.message ?? version.stderr.trim()}): apt-get install strace (.ci/run installs it)`;
  const probe = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', process.execPath, '-e', '0'], { encoding: 'utf8' });
  if (probe.status !== 0) return `strace cannot trace here: ${probe.stderr.trim().split('\n')[0]}`;
  return null;
}

function runTraced(ws: Workspace, args: string[], log: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = path.join(repositoryRoot(), 'bin', 'northstar.js');
  return new Promise((resolve, reject) => {
    const child = spawn('strace', ['-f', '-qq', '-y', '-s', '4096', '-e', 'trace=%file,%process,%network', '-o', log, process.execPath, entry, ...args, '--root', ws.root], {
      cwd: ws.root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: ws.home, NO_COLOR: '1', LANG: 'C.UTF-8' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`northstar ${args.join(' ')} under strace did not finish within 60 s`));
    }, 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}

describe('strace: the CLI opens nothing outside the root, runs nothing and connects nowhere (DESIGN 6)', function () {
  this.timeout(120_000);
  let ws: Workspace | null = null;

  before(function () {
    const missing = straceAvailable();
    if (missing) {
      if (process.env.CI) throw new Error(`${missing} — in CI this is a failure, not a skip`);
      console.log(`      skipped outside CI: ${missing}`);
      this.skip();
    }
    if (!existsSync(path.join(repositoryRoot(), 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` first');
    ws = buildWorkspace();
  });
  after(function () {
    if (ws) rmSync(ws.scratch, { recursive: true, force: true });
  });

  const commands: string[][] = [['check'], ['check', '--format', 'sarif'], ['owners', 'src/pay.go'], ['model'], ['check', '--changed-since', 'HEAD']];
  for (const command of commands) {
    it(`northstar ${command.join(' ')}`, async function () {
      const w = ws!;
      const log = path.join(w.scratch, `strace-${command.join('-').split('/').join('_')}.log`);
      const run = await runTraced(w, command, log);
      const calls = parseStrace(readFileSync(log, 'utf8'));
      assert.ok(calls.length > 0, 'strace recorded nothing');
      const verdict = judge(w, calls, calls[0].pid);
      const gitRan = verdict.gitDid.length > 0;
      if (gitRan) {
        // Until the git reader lands: what git did on the hostile repository, once per kind.
        const kinds = [...new Set(verdict.gitDid.map((d) => (d.includes(' (pid') ? d.slice(0, d.lastIndexOf(' (pid')) : d).split(' = ')[0]))];
        console.log(`      GIT_MAY_RUN: git and what it started did ${verdict.gitDid.length} thing(s) the test forgives for now:\n${kinds.map((k) => `        - ${k}`).join('\n')}`);
      }
      assert.deepEqual(verdict.violations, [], `what the CLI did that DESIGN 6 forbids (${verdict.opened} opens traced)`);
      assert.ok(verdict.opened > 10, `opens were traced (${verdict.opened})`);
      if (!(gitRan && GIT_MAY_RUN)) {
        // Nothing a canary holds reached the output, and the CLI finished normally.
        assert.ok([0, 1].includes(run.code ?? -1), `exit code ${run.code}: ${run.stderr.slice(0, 300)}`);
        assert.ok(!run.stdout.includes('canary'), 'canary content in the output');
        assert.equal(run.stderr, '');
      } else {
        assert.ok(!run.stdout.includes('@canary/leak'), 'canary content in the output');
      }
      // The links out were reported, not followed (a finding per link in check and model).
      if (command[0] === 'check' && command.length === 1) {
        // `linked` (a link to a folder out) is no finding: in a git work tree the link is one file of
        // git's list, never walked into (the trace above shows nothing under it was opened).
        for (const link of ['catalog-info.yaml', 'vision.yaml', 'teams.yaml', 'src/deep.ts']) assert.ok(run.stdout.includes(link), `${link} reported`);
      }
    });
  }

  it('judges a trace as it should: a canary open, an execve and a socket are caught', function () {
    const w = ws!;
    const calls = parseStrace(
      [
        `100 execve("${process.execPath}", ["node"], 0x0 /* 1 var */) = 0`,
        `100 openat(AT_FDCWD, "${w.canaries[0]}", O_RDONLY) = 3`,
        `100 openat(AT_FDCWD, "${path.join(w.repo, '.gitattributes')}", O_RDONLY) = 3`,
        `100 openat(AT_FDCWD, "${path.join(w.repo, 'CODEOWNERS')}", O_RDONLY|O_NOFOLLOW <unfinished ...>`,
        `101 execve("/bin/sh", ["sh"], 0x0 /* 1 var */) = 0`,
        `100 <... openat resumed>) = -1 ELOOP (Too many levels of symbolic links)`,
        `100 socket(AF_INET, SOCK_STREAM, IPPROTO_TCP) = 5`,
        `100 openat(7</tmp>, "x", O_RDONLY) = 3`,
        `100 openat(AT_FDCWD, "${path.join(w.root, 'teams.yaml')}", O_RDONLY) = 3<${w.canaries[1]}>`,
      ].join('\n'),
    );
    const verdict = judge(w, calls, 100);
    assert.equal(verdict.violations.length, 6, verdict.violations.join('\n'));
    assert.ok(verdict.violations[5].startsWith(`opened a canary: ${w.canaries[1]}`));
    assert.ok(verdict.violations[0].startsWith('opened a canary'));
    assert.ok(verdict.violations[1].startsWith('opened a file above the root'));
    assert.ok(verdict.violations[2].startsWith('executed /bin/sh'));
    assert.ok(verdict.violations[3].startsWith('socket('));
    assert.ok(verdict.violations[4].includes('/tmp/x'));
  });
});
