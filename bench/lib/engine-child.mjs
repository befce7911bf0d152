/* global process, setInterval, setTimeout, clearInterval */
// In-process engine measurements, each in its own process. argv: JSON job.
//   { task: 'incremental', coreBundle, root, runs }: analyse, then time update() after one
//     contract edit and after one CODEOWNERS edit (files restored afterwards), and time hovers
//     (ownersOf + moduleOf of one file) on the built model.
//   { task: 'stall', coreBundle, root }: analyse with the non-blocking adapter while a timer
//     records the longest gap of the event loop.
//   { task: 'diagram', coreBundle, generator, modules, files, runs }: build the Mermaid overview
//     of a generated workspace of that many modules.
// Prints one JSON line.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const job = JSON.parse(process.argv[2]);
const core = require(job.coreBundle);
const now = () => Number(process.hrtime.bigint()) / 1e6;

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function incremental() {
  const analyzer = new core.WorkspaceAnalyzer(new core.NodeFileAccess(job.root), { rootLabel: job.root });
  const t0 = now();
  const first = await analyzer.analyze();
  const analyzeMs = now() - t0;
  const contract = first.model.modules.find((m) => m.source === 'contract');
  const contractFile = contract.definedAt.file;
  const codeownersFile = '.github/CODEOWNERS';
  const contractText = readFileSync(path.join(job.root, contractFile), 'utf8');
  const codeownersText = readFileSync(path.join(job.root, codeownersFile), 'utf8');
  const samples = { contract: [], codeowners: [] };
  // Each sample starts from a collected heap (node --expose-gc): what is timed is the update,
  // not the garbage the previous one left.
  const gc = globalThis.gc ?? (() => undefined);
  try {
    for (let i = 0; i < job.runs; i++) {
      // A contract edit: a new description (and, every other time, a comment line).
      const edited = contractText.replace(/^description: .*$/m, `description: Edited ${i} for the benchmark.`) + (i % 2 === 0 ? '' : '# touched\n');
      writeFileSync(path.join(job.root, contractFile), edited);
      gc();
      const t = now();
      await analyzer.update([{ path: contractFile, kind: 'changed' }]);
      samples.contract.push(now() - t);
    }
    for (let i = 0; i < job.runs; i++) {
      // A CODEOWNERS edit: one line added at the end (it can change every path's owner).
      writeFileSync(path.join(job.root, codeownersFile), `${codeownersText}/${contract.path}/ @acme/team-${i}\n`);
      gc();
      const t = now();
      await analyzer.update([{ path: codeownersFile, kind: 'changed' }]);
      samples.codeowners.push(now() - t);
    }
  } finally {
    writeFileSync(path.join(job.root, contractFile), contractText);
    writeFileSync(path.join(job.root, codeownersFile), codeownersText);
  }
  const analysis = await analyzer.update([
    { path: contractFile, kind: 'changed' },
    { path: codeownersFile, kind: 'changed' },
  ]);
  // Hover: who owns this file and which module is it in, on the built model.
  const files = readFileSync(path.join(job.pathsFile), 'utf8').split('\n').filter(Boolean);
  const hover = [];
  let seed = 7;
  for (let i = 0; i < 20000; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const p = files[seed % files.length];
    const t = now();
    analysis.ownersOf(p);
    analysis.moduleOf(p);
    hover.push(now() - t);
  }
  const sorted = hover.slice().sort((a, b) => a - b);
  return {
    analyzeMs,
    contractEditMs: samples.contract,
    codeownersEditMs: samples.codeowners,
    hover: { count: hover.length, medianMs: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99), maxMs: sorted[sorted.length - 1] },
  };
}

async function stall() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  // A timer that should fire every 5 ms: the longest gap between two firings is the stall.
  let last = now();
  let longest = 0;
  const timer = setInterval(() => {
    const t = now();
    longest = Math.max(longest, t - last);
    last = t;
  }, 5);
  const t0 = now();
  const analysis = await core.analyzeWorkspace(new core.NodeFileAccess(job.root, { blocking: false }), { rootLabel: job.root });
  const analyzeMs = now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  histogram.disable();
  return {
    analyzeMs,
    modules: analysis.model.modules.length,
    longestStallMs: longest,
    eventLoopDelayMaxMs: histogram.max / 1e6,
    eventLoopDelayP99Ms: histogram.percentile(99) / 1e6,
  };
}

async function diagram() {
  const { generateWorkspace } = await import(pathToFileURL(job.generator).href);
  const ws = generateWorkspace({ modules: job.modules, files: job.files, seed: 1, rules: Math.min(1000, job.modules) });
  const analysis = await core.analyzeWorkspace(new core.InMemoryFileAccess(ws.fileMap()), { rootLabel: 'bench' });
  const samples = [];
  let out = null;
  for (let i = 0; i < job.runs; i++) {
    const t = now();
    out = core.buildDiagram(analysis.model, {});
    samples.push(now() - t);
  }
  const source = typeof out === 'string' ? out : (out?.source ?? out?.mermaid ?? out?.text ?? JSON.stringify(out));
  if (job.sourceFile) writeFileSync(job.sourceFile, source);
  return { modules: analysis.model.modules.length, samples, sourceBytes: source.length };
}

const tasks = { incremental, stall, diagram };
const result = await tasks[job.task]();
result.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(JSON.stringify(result) + '\n');
