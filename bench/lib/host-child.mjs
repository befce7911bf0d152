/* global console, process, setInterval, setImmediate, setTimeout, clearInterval */
// The extension's host-side code against the analysis worker, in a plain Node process:
//   { coreBundle, workerScript, root, pathsFile, edits }
// WorkerAnalyzer (src/node/workerAnalyzer.ts) starts dist/analysisWorker.js on `root`; every
// callback it runs on this (the "host") thread is timed by src/node/hostTiming.ts. Measured:
// the first analysis, `edits` contract edits and `edits` CODEOWNERS edits (each followed by
// 200 hovers: ownersOf + moduleOf of a random file, timed as host callbacks too), and beside
// them the longest gap of a 5 ms timer (the event loop as a whole, which includes Node's own
// work such as garbage collection: reported, not gated).
// Prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
const core = require(job.coreBundle);
const now = () => Number(process.hrtime.bigint()) / 1e6;

core.setHostTiming(true);
let last = now();
let gap = 0;
const timer = setInterval(() => {
  const t = now();
  gap = Math.max(gap, t - last);
  last = t;
}, 5);

const files = readFileSync(job.pathsFile, 'utf8').split('\n').filter(Boolean);
let seed = 11;
const hover = core.timed('hover: ownersOf + moduleOf', (analysis, p) => {
  analysis.ownersOf(p);
  analysis.moduleOf(p);
});
const hovers = async (analysis) => {
  for (let i = 0; i < 200; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    hover(analysis, files[seed % files.length]);
    if (i % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
};
const phase = async (name, run) => {
  core.resetHostTiming();
  last = now();
  gap = 0;
  const t = now();
  const analysis = await run();
  const ms = now() - t;
  await hovers(analysis);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const report = core.hostTimingReport();
  return { name, ms, longestCallbackMs: report.longestMs, longestLabel: report.longestLabel, timerGapMs: gap, byLabel: report.byLabel, analysis };
};

const analyzer = new core.WorkerAnalyzer({ root: job.root, script: job.workerScript });
const phases = [];
const first = await phase('first analysis', () => analyzer.analyze());
phases.push(first);
const contract = first.analysis.model.modules.find((m) => m.source === 'contract');
const contractFile = contract.definedAt.file;
const codeownersFile = '.github/CODEOWNERS';
const contractText = readFileSync(path.join(job.root, contractFile), 'utf8');
const codeownersText = readFileSync(path.join(job.root, codeownersFile), 'utf8');
try {
  for (let i = 0; i < job.edits; i++) {
    writeFileSync(path.join(job.root, contractFile), contractText.replace(/^description: .*$/m, `description: Host edit ${i}.`));
    phases.push(await phase('contract edit', () => analyzer.update([{ path: contractFile, kind: 'changed' }])));
  }
  for (let i = 0; i < job.edits; i++) {
    writeFileSync(path.join(job.root, codeownersFile), `${codeownersText}/${contract.path}/ @acme/host-${i}\n`);
    phases.push(await phase('CODEOWNERS edit', () => analyzer.update([{ path: codeownersFile, kind: 'changed' }])));
  }
} finally {
  writeFileSync(path.join(job.root, contractFile), contractText);
  writeFileSync(path.join(job.root, codeownersFile), codeownersText);
}
const final = await phase('restored', () => analyzer.update([{ path: contractFile, kind: 'changed' }, { path: codeownersFile, kind: 'changed' }]));
phases.push(final);
analyzer.dispose();
clearInterval(timer);
const longest = phases.reduce((a, b) => (b.longestCallbackMs > a.longestCallbackMs ? b : a));
console.log(JSON.stringify({
  files: first.analysis.files.length,
  modules: first.analysis.model.modules.length,
  findings: first.analysis.model.findings.length,
  longestCallbackMs: longest.longestCallbackMs,
  longestLabel: `${longest.name}: ${longest.longestLabel}`,
  longestTimerGapMs: Math.max(...phases.map((p) => p.timerGapMs)),
  phases: phases.map((p) => ({ name: p.name, ms: p.ms, longestCallbackMs: p.longestCallbackMs, longestLabel: p.longestLabel, timerGapMs: p.timerGapMs, byLabel: p.byLabel })),
}));
