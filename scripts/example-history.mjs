// The example workspace with a git history: copies examples/acme to a temporary folder and makes
// it a repository whose vision.yaml was committed in a scripted series of dated commits
// (GIT_AUTHOR_DATE / GIT_COMMITTER_DATE), so that the summary's metric trends have a history to
// read. Used by `npm start` and the tests through scripts/vscode/run.mjs exampleWorkspace(); the
// project's own commits are never touched, and examples/acme stays a plain folder.
//
//   node scripts/example-history.mjs [DIR]   prints the folder it made (DIR/acme, or a new temporary one)
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLE = join(ROOT, 'examples', 'acme');

/**
 * What the metrics' `current` said at each commit (by metric name), oldest first. The last commit
 * is examples/acme/vision.yaml as it is; a metric not named keeps the value it had before.
 */
export const VISION_COMMITS = [
  {
    date: '2025-12-01T09:30:00Z',
    message: 'Vision for 2026: four priorities and their baselines',
    current: {
      'checkout conversion rate': 2.1,
      'payment authorisation rate': 91.0,
      'checkout availability': 99.5,
      'mean time to restore': 95,
      'price and stock propagation p95': 240,
      'search results with stale price': 3.8,
      'revenue share outside the home market': 4,
      'localised storefronts live': 0,
    },
  },
  {
    date: '2026-02-03T16:05:00Z',
    message: 'January numbers: 3DS retry and the new stock pipeline',
    current: { 'checkout conversion rate': 2.2, 'payment authorisation rate': 91.8, 'checkout availability': 99.61, 'mean time to restore': 88, 'price and stock propagation p95': 180, 'search results with stale price': 3.5 },
  },
  {
    date: '2026-04-07T11:20:00Z',
    message: 'Q1 review: availability and freshness up, first EU orders',
    current: { 'checkout conversion rate': 2.3, 'payment authorisation rate': 92.5, 'checkout availability': 99.7, 'mean time to restore': 70, 'price and stock propagation p95': 120, 'search results with stale price': 2.6, 'revenue share outside the home market': 4.5 },
  },
  {
    date: '2026-06-02T14:45:00Z',
    message: 'May numbers after the payments failover drill',
    current: { 'checkout conversion rate': 2.5, 'payment authorisation rate': 93.0, 'checkout availability': 99.78, 'mean time to restore': 61, 'price and stock propagation p95': 60, 'search results with stale price': 1.8, 'revenue share outside the home market': 5 },
  },
  {
    date: '2026-07-28T10:10:00Z',
    message: 'Mid-year review: reliability and freshness numbers',
    current: { 'checkout availability': 99.82, 'mean time to restore': 48, 'price and stock propagation p95': 35 },
  },
  { date: '2026-09-29T15:00:00Z', message: 'September numbers: conversion, authorisation, stale prices, EU revenue', current: null },
];

/** The vision file as it was on `date`: each metric's `current` as scripted, and only the history samples taken by then. */
export function visionAt(finalText, values, date) {
  const doc = parseDocument(finalText);
  const day = date.slice(0, 10);
  for (const priority of doc.get('priorities')?.items ?? []) {
    for (const metric of priority.get('metrics')?.items ?? []) {
      const name = metric.get('name');
      if (Object.hasOwn(values, name)) metric.set('current', values[name]);
      const history = metric.get('history');
      if (history) {
        history.items = history.items.filter((sample) => String(sample.get('date')) <= day);
        if (history.items.length === 0) metric.delete('history');
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}

function git(cwd, args, date) {
  const env = { PATH: process.env.PATH, HOME: cwd, LANG: 'C', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  if (date) Object.assign(env, { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  const result = spawnSync('git', ['-c', 'user.name=Acme Strategy Bot', '-c', 'user.email=strategy@acme.example', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed in ${cwd}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

/**
 * Copy examples/acme into `parent` (a new temporary folder by default) as `acme/`, and commit its
 * vision.yaml history there. Returns the workspace folder.
 */
export function createExampleRepository(parent = mkdtempSync(join(tmpdir(), 'northstar-example-'))) {
  const workspace = join(parent, 'acme');
  mkdirSync(parent, { recursive: true });
  cpSync(EXAMPLE, workspace, { recursive: true });
  const finalText = readFileSync(join(EXAMPLE, 'vision.yaml'), 'utf8');
  git(workspace, ['init', '-q', '-b', 'main']);
  const values = {};
  VISION_COMMITS.forEach((step, i) => {
    Object.assign(values, step.current ?? {});
    writeFileSync(join(workspace, 'vision.yaml'), step.current === null ? finalText : visionAt(finalText, values, step.date));
    git(workspace, i === 0 ? ['add', '-A'] : ['add', 'vision.yaml']);
    git(workspace, ['commit', '-q', '-m', step.message], step.date);
  });
  return workspace;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(createExampleRepository(process.argv[2] ? resolve(process.argv[2]) : undefined));
}
