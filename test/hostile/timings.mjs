/* global process, console */
// Time of each hostile case through the core, for `npm run bench`.
//
//   node test/hostile/timings.mjs [--check] [--limit-ms N]
//
// or from bench/run.mjs:
//
//   import { hostileTimings } from '../test/hostile/timings.mjs';
//   const { failures } = await hostileTimings({ check: args.includes('--check') });
//   if (failures.length > 0) process.exitCode = 1;
//
// With `check`, every case must finish within `limitMs` (1 s), except the deliberate scale
// cases (marked `scale` in manifest.json), which only have their own watchdog limit.
// The corpus (TypeScript) is bundled with esbuild into a temporary file first, so this runs
// after `npm run build` without the compiled tests.
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export const CHECK_LIMIT_MS = 1000;

/**
 * @param {{ check?: boolean, limitMs?: number, log?: (line: string) => void }} [options]
 * @returns {Promise<{ timings: { id: string, ms: number, scale: boolean }[], failures: string[] }>}
 */
export async function hostileTimings(options = {}) {
  const { check = false, limitMs = CHECK_LIMIT_MS, log = (line) => console.log(line) } = options;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'northstar-hostile-bench-'));
  const bundle = path.join(dir, 'corpus.cjs');
  try {
    await esbuild.build({
      entryPoints: [path.join(here, 'corpus.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
    });
    const cwd = process.cwd();
    // The corpus finds manifest.json from the current directory or above.
    process.chdir(path.resolve(here, '..', '..'));
    let timings;
    try {
      timings = await require(bundle).timeHostileCases();
    } finally {
      process.chdir(cwd);
    }
    const failures = [];
    const width = Math.max(...timings.map((t) => t.id.length));
    log(`hostile inputs (${timings.length} cases through the core; --check limit ${limitMs} ms, scale cases exempt)`);
    for (const t of [...timings].sort((a, b) => b.ms - a.ms)) {
      const over = !t.scale && t.ms > limitMs;
      if (over) failures.push(`${t.id}: ${t.ms.toFixed(0)} ms > ${limitMs} ms`);
      log(`  ${t.id.padEnd(width)}  ${t.ms.toFixed(0).padStart(7)} ms${t.scale ? '  (scale case)' : ''}${over ? '  OVER THE LIMIT' : ''}`);
    }
    if (check && failures.length > 0) log(`hostile inputs over ${limitMs} ms:\n  ${failures.join('\n  ')}`);
    return { timings, failures: check ? failures : [] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--limit-ms');
  const limitMs = at >= 0 ? Number(args[at + 1]) : CHECK_LIMIT_MS;
  const { failures } = await hostileTimings({ check: args.includes('--check'), limitMs });
  if (failures.length > 0) process.exitCode = 1;
}
