/* global console, performance, process */
// Where an incremental update spends its time: analyses the benchmark's 100k-file workspace once,
// then profiles `runs` updates after one edit (a contract's description, or a CODEOWNERS line
// added) with node:inspector, and prints the median update and the functions with the most
// time per update (self and inclusive). Files are restored afterwards.
//
//   npm run bench -- --only incremental     (writes the workspace and the core bundle first)
//   node --expose-gc bench/profile-update.mjs [--edit contract|codeowners] [--runs 20] [--top 20]
//
// The workspace and core bundle are the benchmark's (NORTHSTAR_BENCH_DIR, default
// /tmp/northstar-bench). The profile is written to <bench dir>/update-<edit>.cpuprofile, which
// Chrome DevTools opens.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { edit: { type: 'string', default: 'contract' }, runs: { type: 'string', default: '20' }, top: { type: 'string', default: '20' } } });
const work = process.env.NORTHSTAR_BENCH_DIR ?? path.join(os.tmpdir(), 'northstar-bench');
const bundle = path.join(work, 'core.cjs');
const root = path.join(work, 'ws-100000-2000-seed1');
if (!existsSync(bundle) || !existsSync(root)) {
  console.error(`${bundle} or ${root} is missing: run \`npm run bench -- --only incremental\` first`);
  process.exit(2);
}
const core = createRequire(import.meta.url)(bundle);
const runs = Math.max(1, Number(values.runs));

const analyzer = new core.WorkspaceAnalyzer(new core.NodeFileAccess(root), { rootLabel: root });
const first = await analyzer.analyze();
const contract = first.model.modules.find((m) => m.source === 'contract');
const file = values.edit === 'codeowners' ? '.github/CODEOWNERS' : contract.definedAt.file;
const text = readFileSync(path.join(root, file), 'utf8');
const edited = (i) => (values.edit === 'codeowners' ? `${text}/${contract.path}/ @acme/team-${i}\n` : text.replace(/^description: .*$/m, `description: Edited ${i} for the profile.`));

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const times = [];
try {
  for (let i = 0; i < runs; i++) {
    writeFileSync(path.join(root, file), edited(i));
    globalThis.gc?.();
    const t = performance.now();
    await analyzer.update([{ path: file, kind: 'changed' }]);
    times.push(performance.now() - t);
  }
} finally {
  writeFileSync(path.join(root, file), text);
}
const { profile } = await session.post('Profiler.stop');
const out = path.join(work, `update-${values.edit}.cpuprofile`);
writeFileSync(out, JSON.stringify(profile));

// Self and inclusive time per function, per update.
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const name = (n) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const self = new Map();
const inclusive = new Map();
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  self.set(name(byId.get(id)), (self.get(name(byId.get(id))) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const key = name(byId.get(cur));
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
});
const top = (m) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(values.top))
    .map(([k, us]) => `  ${(us / 1000 / runs).toFixed(1).padStart(7)} ms  ${k}`)
    .join('\n');
times.sort((a, b) => a - b);
console.log(`${values.edit} edit: median update ${times[Math.floor(runs / 2)].toFixed(1)} ms over ${runs} (with the profiler; load ${os.loadavg()[0].toFixed(1)}); profile ${out}`);
console.log(`per update, self:\n${top(self)}\nper update, inclusive:\n${top(inclusive)}`);
