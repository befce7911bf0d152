// The browser harness of the tests (test/webview/diagramHarness.ts) and the panel's functions,
// bundled for Node into `work` (a folder inside node_modules, so that the bundle's own requires,
// playwright-core and esbuild, resolve) and loaded. `modules`: the repository's TypeScript files
// to export from, besides the harness. Used by bench/diagram.mjs and bench/layout.mjs.
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

export async function loadHarness(root, work, modules) {
  const bundle = path.join(work, 'harness-bench.cjs');
  const lines = ['test/webview/diagramHarness.ts', ...modules].map((file) => `export * from ${JSON.stringify(path.join(root, file))};`);
  await esbuild.build({
    stdin: { contents: lines.join('\n'), resolveDir: root, loader: 'ts', sourcefile: path.join(work, 'entry.ts') },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: bundle,
    external: ['playwright-core', 'esbuild', 'mermaid', 'vscode'],
    logLevel: 'error',
  });
  return createRequire(path.join(root, 'package.json'))(bundle);
}
