// Bundles the extension (Node, `vscode` external), the CLI, and the webview scripts.
// Type checking is `npm run typecheck`; esbuild only transpiles and bundles.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { bundleMermaid } from './bundle-mermaid.mjs';
import { writeRuleDocs } from './rule-docs.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  // The CLI's bundle; dist/cli.js is scripts/cli-loader.cjs, which runs it (with V8's code cache, below).
  { ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/northstar-cli.js', platform: 'node', format: 'cjs', target: 'node20' },
  // Lists a folder's files (git's view) on a worker thread, beside the bundle that starts it.
  { ...common, entryPoints: ['src/node/listWorker.ts'], outfile: 'dist/listWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
  // Analyses a local folder for the extension on a worker thread (src/node/workerAnalyzer.ts starts it).
  { ...common, entryPoints: ['src/node/analysisWorker.ts'], outfile: 'dist/analysisWorker.js', platform: 'node', format: 'cjs', target: 'node20' },
];
for (const page of ['diagram', 'summary']) {
  const entry = `src/webview/${page}.ts`;
  if (existsSync(entry)) builds.push({ ...common, entryPoints: [entry], outfile: `media/${page}.js`, platform: 'browser', format: 'iife', target: 'es2022' });
}

// ELK's layouts for Mermaid (src/webview/diagramElk.ts), loaded by the diagram page only when a
// drawing uses ELK. Always minified: third-party code, 5 MB instead of 12.
if (existsSync('src/webview/diagramElk.ts')) {
  builds.push({ ...common, entryPoints: ['src/webview/diagramElk.ts'], outfile: 'media/mermaid/layout-elk.js', platform: 'browser', format: 'iife', target: 'es2022', minify: true, sourcemap: false });
}

// The rule docs the CLI embeds for SARIF `help` (src/cli/ruleDocs.ts), current before bundling.
writeRuleDocs();

// Mermaid ships as its own browser build: copied into media/, never fetched at run time.
bundleMermaid();

const present = builds.filter((b) => existsSync(b.entryPoints[0]));
mkdirSync('dist', { recursive: true });
copyFileSync('scripts/cli-loader.cjs', 'dist/cli.js');
// The bundle was dist/cli.js before the loader: its source map would now describe nothing.
rmSync('dist/cli.js.map', { force: true });
rmSync('dist/northstar-cli.cache', { force: true });
if (watch) {
  for (const b of present) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
  writeCodeCache();
}

/**
 * V8's code cache for the CLI's bundle (scripts/cli-loader.cjs reads it): made by one check of
 * the example workspace, so that the functions a check compiles are in it. For this Node's V8
 * only; the loader ignores it under any other, or once the bundle changes.
 */
function writeCodeCache() {
  const made = spawnSync(process.execPath, ['dist/cli.js', 'check', '--root', 'examples/acme', '--format', 'json'], {
    env: { ...process.env, NORTHSTAR_WRITE_CODE_CACHE: 'dist/northstar-cli.cache' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  // check exits 1 when it finds errors; the example has none, but either means the run finished.
  if ((made.status !== 0 && made.status !== 1) || !existsSync('dist/northstar-cli.cache')) {
    throw new Error(`making the CLI's code cache failed (exit ${made.status}): ${made.stderr}`);
  }
}
