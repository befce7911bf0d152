/**
 * The vision file's git history (src/node/git/history.ts, through the worker of src/node/history.ts):
 * repositories made by git in a temporary folder with dated commits, read without running git.
 * And the example workspace with its scripted history (scripts/example-history.mjs), as
 * `npm start` and the real-VS-Code tests open it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileHistory } from '../../src/node/git/history';
import { readVisionHistory } from '../../src/node/history';
import { repoRoot, runInProcess } from './helpers';

function git(cwd: string, date: string | null, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.com',
      ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}),
    },
  });
}

const vision = (current: number) => `apiVersion: northstar/v1\nkind: Vision\npriorities:\n  - id: reliability\n    metrics:\n      - { name: availability, baseline: 99.5, current: ${current}, target: 99.95 }\n`;

/** Commit `files` at `date` (ISO) and return the commit id. */
function commit(root: string, date: string, files: Record<string, string>, message = `change at ${date}`): string {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  git(root, date, 'add', '-A');
  git(root, date, 'commit', '-q', '-m', message);
  return git(root, null, 'rev-parse', 'HEAD').trim();
}

const ALL = { maxCommits: 200, since: '2000-01-01', until: '2100-01-01' };

describe('vision.yaml git history (src/node/git/history.ts)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-history-'));
    git(dir, null, 'init', '-q', '-b', 'main');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives one version per change of the file, newest first, dated by the commit that introduced it', async () => {
    const first = commit(dir, '2026-01-10T09:00:00Z', { 'vision.yaml': vision(99.6), 'README.md': 'shop\n' });
    commit(dir, '2026-02-01T09:00:00Z', { 'README.md': 'shop, docs\n' });
    const third = commit(dir, '2026-03-05T09:00:00Z', { 'vision.yaml': vision(99.7) });
    commit(dir, '2026-04-01T09:00:00Z', { 'README.md': 'shop, more docs\n' });
    const revisions = await fileHistory(dir, { path: 'vision.yaml', ...ALL });
    assert.deepEqual(
      revisions.map((r) => [r.commit, r.date, r.text]),
      [
        [third, '2026-03-05T09:00:00.000Z', vision(99.7)],
        [first, '2026-01-10T09:00:00.000Z', vision(99.6)],
      ],
    );
  });

  it('stops after maxCommits commits and before since; leaves out commits after until', async () => {
    commit(dir, '2025-06-01T09:00:00Z', { 'vision.yaml': vision(99.5) });
    commit(dir, '2026-01-10T09:00:00Z', { 'vision.yaml': vision(99.6) });
    commit(dir, '2026-03-05T09:00:00Z', { 'vision.yaml': vision(99.7) });
    commit(dir, '2026-12-01T09:00:00Z', { 'vision.yaml': vision(99.9) });
    const days = async (request: Partial<typeof ALL>) => (await fileHistory(dir, { path: 'vision.yaml', ...ALL, ...request })).map((r) => r.date.slice(0, 10));
    assert.deepEqual(await days({}), ['2026-12-01', '2026-03-05', '2026-01-10', '2025-06-01']);
    assert.deepEqual(await days({ maxCommits: 2 }), ['2026-12-01', '2026-03-05']);
    assert.deepEqual(await days({ since: '2026-01-01' }), ['2026-12-01', '2026-03-05', '2026-01-10']);
    assert.deepEqual(await days({ until: '2026-11-01' }), ['2026-03-05', '2026-01-10', '2025-06-01']);
    assert.deepEqual(await days({ maxCommits: 0 }), []);
  });

  it('reads the file at the root folder of a subfolder workspace, and nothing outside a repository', async () => {
    commit(dir, '2026-01-10T09:00:00Z', { 'shop/vision.yaml': vision(99.6), 'vision.yaml': vision(1) });
    const revisions = await readVisionHistory(path.join(dir, 'shop'), { path: 'vision.yaml', ...ALL });
    assert.deepEqual(revisions.map((r) => r.text), [vision(99.6)], 'read on the worker, under the subfolder');
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-nogit-'));
    try {
      assert.deepEqual(await fileHistory(outside, { path: 'vision.yaml', ...ALL }), []);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('leaves out a committed link, a version over the size limit and an unborn branch', async () => {
    assert.deepEqual(await fileHistory(dir, { path: 'vision.yaml', ...ALL }), [], 'no commit yet');
    commit(dir, '2026-01-10T09:00:00Z', { 'vision.yaml': vision(99.6) });
    commit(dir, '2026-02-10T09:00:00Z', { 'vision.yaml': `${vision(99.7)}# ${'x'.repeat(1024 * 1024)}\n` });
    fs.rmSync(path.join(dir, 'vision.yaml'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'vision.yaml'));
    commit(dir, '2026-03-10T09:00:00Z', {});
    const revisions = await fileHistory(dir, { path: 'vision.yaml', ...ALL });
    assert.deepEqual(revisions.map((r) => r.date.slice(0, 10)), ['2026-01-10']);
  });
});

describe('the example workspace with its scripted history (scripts/example-history.mjs)', function () {
  this.timeout(60_000);
  let parent: string;
  let workspace: string;
  before(async () => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-example-test-'));
    const script = (await import(path.join(repoRoot(), 'scripts', 'example-history.mjs'))) as { createExampleRepository(parent: string): string };
    workspace = script.createExampleRepository(parent);
  });
  after(() => fs.rmSync(parent, { recursive: true, force: true }));

  it('is a copy of examples/acme whose last commit is the example as it is', () => {
    assert.equal(path.basename(workspace), 'acme');
    assert.equal(git(workspace, null, 'status', '--porcelain'), '', 'nothing left uncommitted');
    assert.equal(fs.readFileSync(path.join(workspace, 'vision.yaml'), 'utf8'), fs.readFileSync(path.join(repoRoot(), 'examples', 'acme', 'vision.yaml'), 'utf8'));
    assert.deepEqual(git(workspace, null, 'log', '--format=%cs').trim().split('\n'), ['2026-09-29', '2026-07-28', '2026-06-02', '2026-04-07', '2026-02-03', '2025-12-01']);
  });

  it('gives the summary trends from the commits and the samples, and the last-update dates', async () => {
    const run = await runInProcess(['summary', '--root', workspace, '--format', 'json'], workspace);
    assert.equal(run.stderr, '');
    const summary = JSON.parse(run.stdout) as { priorities: { id: string; metrics: { name: string; trend: { points: { date: string; value: number; source: string }[]; change: number; lastUpdate: string } | null }[] }[] };
    const metric = (name: string) => summary.priorities.flatMap((p) => p.metrics).find((m) => m.name === name)!.trend!;
    // Committed only: one point per commit that changed it.
    assert.deepEqual(metric('payment authorisation rate').points.map((p) => `${p.date} ${p.value} ${p.source}`), [
      '2025-12-01 91 git',
      '2026-02-03 91.8 git',
      '2026-04-07 92.5 git',
      '2026-06-02 93 git',
      '2026-09-29 93.4 git',
    ]);
    assert.equal(metric('payment authorisation rate').change, 2.4);
    assert.equal(metric('payment authorisation rate').lastUpdate, '2026-09-29');
    // Samples and commits together; the newest sample is later than the last commit.
    const restore = metric('mean time to restore');
    assert.deepEqual(restore.points.map((p) => p.value), [95, 88, 80, 70, 61, 48]);
    assert.equal(restore.change, -47);
    assert.equal(restore.lastUpdate, '2026-09-07');
    // Never changed since the first commit.
    assert.equal(metric('localised storefronts live').lastUpdate, '2025-12-01');

    const md = await runInProcess(['summary', '--root', workspace, '--format', 'md'], workspace);
    assert.ok(md.stdout.includes('| payment authorisation rate | checkout-conversion | ▁▃▅▇█ | +2.4% (from 91) | 2026-09-29 |'), md.stdout);
  });

  it('reports the metrics not updated for more than 90 days before the pinned today', async () => {
    const run = await runInProcess(['check', '--root', workspace, '--format', 'json'], workspace);
    const findings = (JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === 'strategy/stale-metric');
    assert.deepEqual(findings.map((f) => /^Metric "([^"]+)"/.exec(f.message)?.[1]), ['checkout availability', 'price and stock propagation p95', 'localised storefronts live']);
  });
});
