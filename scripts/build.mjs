// Bundles the extension (Node, `vscode` external), the CLI, and the webview scripts.
// Type checking is `npm run typecheck`; esbuild only transpiles and bundles.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
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
  { ...common, entryPoints: ['src/cli/index.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20' },
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
if (watch) {
  for (const b of present) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(present.map((b) => esbuild.build(b)));
}
