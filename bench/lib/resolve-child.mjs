/* global process */
// One ownership-resolution measurement in its own process, so that its peak RSS is its own.
// argv: JSON { impl, pathsFile, codeownersDir, runs, sampleEvery, answersFile, coreBundle }
// Prints one JSON line: { samples (ms), parseMs, maxRssBytes, inputRssBytes, resolved }.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
const gc = globalThis.gc ?? (() => undefined);

const all = readFileSync(job.pathsFile, 'utf8').split('\n');
if (all[all.length - 1] === '') all.pop();
// The peers run on every `sampleEvery`-th path (1 = all of them).
const paths = job.sampleEvery > 1 ? all.filter((_, i) => i % job.sampleEvery === 0) : all;
const codeownersPath = path.join(job.codeownersDir, '.github', 'CODEOWNERS');
const text = readFileSync(codeownersPath, 'utf8');
gc();
const inputRss = process.memoryUsage().rss;

let resolveAll;
/** The deciding pattern of a path (outside the timed part), for explaining differences. */
let decidingPattern = () => '';
let explainAll = null;
if (job.impl === 'northstar') {
  const core = require(job.coreBundle);
  resolveAll = () => {
    const parsed = core.parseCodeowners(text, '.github/CODEOWNERS', 'github');
    const index = new core.OwnershipIndex(parsed.codeowners);
    decidingPattern = (p) => index.ownersOf(p).rule?.pattern ?? '';
    const out = new Array(paths.length);
    for (let i = 0; i < paths.length; i++) out[i] = index.ownersOnly(paths[i]);
    return out;
  };
  // The full answer (deciding line, overridden lines on demand), as hovers and `owners` use it.
  explainAll = () => {
    const parsed = core.parseCodeowners(text, '.github/CODEOWNERS', 'github');
    const index = new core.OwnershipIndex(parsed.codeowners);
    let n = 0;
    for (let i = 0; i < paths.length; i++) n += index.ownersOf(paths[i]).owners.length;
    return n;
  };
} else if (job.impl === 'codeowners') {
  const Codeowners = require('codeowners');
  resolveAll = () => {
    const co = new Codeowners(job.codeownersDir);
    decidingPattern = (p) => co.ownerEntries.find((e) => e.match(p))?.path ?? '';
    const out = new Array(paths.length);
    for (let i = 0; i < paths.length; i++) out[i] = co.getOwner(paths[i]);
    return out;
  };
} else if (job.impl === 'snyk') {
  const { OwnershipEngine } = require('@snyk/github-codeowners/dist/lib/ownership/OwnershipEngine.js');
  resolveAll = () => {
    const engine = OwnershipEngine.FromCodeownersFile(codeownersPath);
    decidingPattern = (p) => [...engine.matchers].reverse().find((m) => m.match(p))?.path ?? '';
    const out = new Array(paths.length);
    for (let i = 0; i < paths.length; i++) out[i] = engine.calcFileOwnership(paths[i]);
    return out;
  };
} else {
  throw new Error(`unknown implementation ${job.impl}`);
}

const samples = [];
let answers = null;
let answersKeep = null;
for (let run = 0; run < job.runs; run++) {
  const t0 = process.hrtime.bigint();
  answers = resolveAll();
  samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (run < job.runs - 1) {
    answers = null;
    gc();
  }
}

// Peak memory of the resolution runs themselves (before the explain run below).
const maxRssBytes = process.resourceUsage().maxRSS * 1024;
let explainMs = null;
if (explainAll) {
  answersKeep = answers;
  answers = null;
  gc();
  const t0 = process.hrtime.bigint();
  explainAll();
  explainMs = Number(process.hrtime.bigint() - t0) / 1e6;
  answers = answersKeep;
}

if (job.answersFile) {
  // Answers on the common sample (every `compareEvery`-th of the full list), for the agreement check.
  const lines = [];
  const stride = job.compareEvery / job.sampleEvery;
  for (let i = 0; i < answers.length; i += stride) lines.push(`${paths[i]}\t${answers[i].join(' ')}\t${decidingPattern(paths[i])}`);
  writeFileSync(job.answersFile, lines.join('\n'));
}

process.stdout.write(
  JSON.stringify({ samples, explainMs, resolved: paths.length, maxRssBytes, inputRssBytes: inputRss }) + '\n',
);
