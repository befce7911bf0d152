/**
 * The hostile corpus (manifest.json): every case through the core in-process and through the
 * CLI spawned, each run under a watchdog (10 s unless the case is a declared scale case).
 * Nothing may crash, hang, or answer differently from what the manifest expects.
 *
 * Unreadable files: the core's port refuses them (CI runs as root, where chmod changes
 * nothing); the CLI meets them for real, chmod 000 and run as `nobody` through setpriv.
 */
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core/model/types';
import {
  analysisRoot,
  compareWithManifest,
  DEFAULT_LIMIT_MS,
  expectedExitFromFindings,
  loadManifest,
  lockPaths,
  makeScratch,
  materialize,
  repositoryRoot,
  runCli,
  runCoreIsolated,
  unprivilegedUser,
  type HostileCase,
} from './corpus';
import { GENERATORS } from './generate';

const cases = loadManifest();

function chownTree(dir: string, uid: number, gid: number): void {
  chownSync(dir, uid, gid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(full, uid, gid);
    else chownSync(full, uid, gid);
  }
}

/** What a crash looks like on stderr: a stack trace or the CLI's last-resort message. */
function assertNoCrash(stderr: string): void {
  assert.ok(!/^\s+at .+:\d+:\d+\)?$/m.test(stderr), `a stack trace on stderr:\n${stderr.slice(0, 2000)}`);
  assert.ok(!stderr.includes('internal error'), `an internal error:\n${stderr.slice(0, 2000)}`);
}

describe('hostile inputs', function () {
  let scratch = '';
  const user = unprivilegedUser();

  before(function () {
    scratch = makeScratch();
    if ('reason' in user) console.log(`      (unreadable files: the CLI runs as the current user: ${user.reason})`);
  });
  after(function () {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('has a manifest entry for every committed case and every generator, and a reason for each', function () {
    const committed = readdirSync(path.join(repositoryRoot(), 'test', 'hostile', 'cases')).sort();
    assert.deepEqual(committed.filter((id) => !cases.some((c) => c.id === id && c.files)), [], 'committed folders missing from the manifest');
    assert.deepEqual(Object.keys(GENERATORS).filter((g) => !cases.some((c) => c.generator === g)), [], 'generators missing from the manifest');
    const ids = cases.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'case ids are unique');
    for (const c of cases) {
      assert.ok(c.title.length > 10, `${c.id} says what it is`);
      assert.ok([0, 1, 2].includes(c.exitCode), `${c.id}: exit code`);
      assert.equal(c.exitCode === 2, c.root !== undefined, `${c.id}: exit code 2 only for an unusable root`);
      if (c.files) assert.ok(existsSync(path.join(repositoryRoot(), 'test', 'hostile', 'cases', c.id)), `${c.id}: committed files`);
      if (!c.root) assert.ok(c.expect.length + (c.modules?.length ?? 0) + (c.owners?.length ?? 0) > 0, `${c.id} checks something`);
    }
    assert.ok(cases.length >= 40, `at least 40 hostile cases (${cases.length})`);
  });

  for (const c of cases) describeCase(c);

  describe('real permissions, as an unprivileged user', function () {
    this.timeout(60_000);

    it('reports a folder and files the user may not read, and refuses a root it may not read (exit 2)', async function () {
      if ('reason' in user && process.getuid?.() === 0) {
        // Root without a way to drop privileges: chmod cannot make anything unreadable to it.
        console.log(`      skipped: ${user.reason}`);
        this.skip();
      }
      const runAs = 'reason' in user ? undefined : user;
      const root = path.join(scratch, 'real-permissions');
      GENERATORS['unreadable-files'](root);
      GENERATORS['unreadable-folder'](root);
      // A tree the unprivileged user owns, as a clone of its own would be.
      if (runAs) chownTree(root, runAs.uid, runAs.gid);
      const locked = ['services/secret', 'services/locked/service-contract.yaml', 'teams.yaml'];
      for (const p of locked) chmodSync(path.join(root, ...p.split('/')), 0o000);
      try {
        const run = await runCli(['check', '--format', 'json'], root, { user: runAs, limitMs: DEFAULT_LIMIT_MS });
        assertNoCrash(run.stderr);
        assert.equal(run.code, 0, run.stderr);
        const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
        const denied = findings.filter((f) => f.ruleId === 'workspace/skipped' && f.message.includes('permission denied')).map((f) => f.file);
        assert.deepEqual(denied.sort(), [...locked].sort());

        chmodSync(root, 0o000);
        const refused = await runCli(['check', '--root', root], scratch, { user: runAs, limitMs: DEFAULT_LIMIT_MS });
        assertNoCrash(refused.stderr);
        assert.equal(refused.code, 2);
        assert.match(refused.stderr, /^northstar: cannot read root folder .*permission denied/);
      } finally {
        chmodSync(root, 0o755);
        for (const p of locked) chmodSync(path.join(root, ...p.split('/')), 0o755);
        rmSync(root, { recursive: true, force: true });
      }
    });
  });

  function describeCase(c: HostileCase): void {
    describe(c.id + (c.scale ? ' (scale case)' : ''), function () {
      const limitMs = c.limitMs ?? DEFAULT_LIMIT_MS;
      // The watchdogs below fail a slow run; mocha's own timeout also covers writing the files.
      this.timeout(limitMs * 2 + 60_000);
      let root = '';
      before(function () {
        root = materialize(c, scratch);
      });
      after(function () {
        if (root) rmSync(root, { recursive: true, force: true });
      });

      if (!c.root) {
        it(`core: ${c.title}`, async function () {
          const run = await runCoreIsolated(c, root);
          assert.deepEqual(compareWithManifest(c, run.findings, run), []);
          assert.equal(expectedExitFromFindings(run.findings), c.exitCode, 'errors among the findings decide the exit code');
          // A model that survives hostility must still serialise (the CLI prints it, the extension posts it).
          assert.ok(run.modelLength > 0);
        });
      }

      it(`CLI check, spawned${c.unreadable ? ' (files really unreadable)' : ''}`, async function () {
        const args = ['check', '--root', analysisRoot(c, root), '--format', 'json'];
        let undo: (() => void) | null = null;
        let runAs: { uid: number; gid: number } | undefined;
        if (c.unreadable) {
          undo = lockPaths(root, c.unreadable);
          if (!('reason' in user)) runAs = user;
          else if (process.getuid?.() === 0) {
            // Root reads everything: the CLI would not meet the unreadable files.
            undo();
            undo = null;
            this.skip();
          }
        }
        try {
          const run = await runCli(args, c.root ? scratch : root, { user: runAs, limitMs });
          assert.equal(run.signal, null, `killed by ${run.signal}`);
          assertNoCrash(run.stderr);
          assert.equal(run.code, c.exitCode, `exit code (stderr: ${run.stderr.slice(0, 500)})`);
          if (c.root) {
            assert.match(run.stderr, /^northstar: (root folder not found|root is not a folder)/);
            return;
          }
          const output = JSON.parse(run.stdout) as { findings: Finding[] };
          assert.deepEqual(compareWithManifest(c, output.findings), []);
          // Nothing but the CLI's own messages reaches stderr (no library warning, no log line).
          assert.equal(run.stderr, '', 'stderr');
          assert.ok(!run.stdout.includes('@canary/'), 'a canary outside the root was read');
        } finally {
          undo?.();
        }
      });

      for (const ask of c.cliOwners ?? []) {
        it(`CLI owners ${ask.path} from ${ask.cwd || '.'}, spawned`, async function () {
          const given = ask.path.split('{case}').join(root);
          const run = await runCli(['owners', '--json', '--root', analysisRoot(c, root), given], path.join(root, ...ask.cwd.split('/')), { limitMs });
          assertNoCrash(run.stderr);
          assert.equal(run.code, 0, run.stderr);
          const entries = JSON.parse(run.stdout) as Array<{ owners: string[] }>;
          assert.deepEqual(entries.map((e) => e.owners), [ask.owners]);
        });
      }

      for (const command of c.commands ?? []) {
        it(`CLI ${command.join(' ')}, spawned`, async function () {
          const run = await runCli([...command, '--root', analysisRoot(c, root)], analysisRoot(c, root), { limitMs });
          assert.equal(run.signal, null);
          assertNoCrash(run.stderr);
          assert.equal(run.code, command[0] === 'check' ? c.exitCode : 0, run.stderr);
          assert.ok(run.stdout.length > 0);
          // Canaries outside the root (generate.ts) own everything as @canary/…: never in any output.
          assert.ok(!run.stdout.includes('@canary/'), 'a canary outside the root was read');
        });
      }
    });
  }
});
