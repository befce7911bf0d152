/* global console, process */
// Copies Mermaid's self-contained browser build (one IIFE that defines `globalThis.mermaid` and
// needs no dynamic imports, so a nonce'd <script> loads it under the webview's CSP) into
// media/mermaid/, with its licence. The diagram webview loads it from there: never fetched.
//   node scripts/bundle-mermaid.mjs
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

export function bundleMermaid(root = ROOT) {
  const pkgDir = dirname(require.resolve('mermaid/package.json'));
  const out = join(root, 'media', 'mermaid');
  mkdirSync(out, { recursive: true });
  const source = join(pkgDir, 'dist', 'mermaid.min.js');
  const target = join(out, 'mermaid.min.js');
  // Skip the 3.5 MB copy when nothing changed.
  if (!existsSync(target) || statSync(target).size !== statSync(source).size || statSync(target).mtimeMs < statSync(source).mtimeMs) {
    copyFileSync(source, target);
  }
  const license = join(pkgDir, 'LICENSE');
  if (existsSync(license)) copyFileSync(license, join(out, 'LICENSE'));
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  // ELK's layouts are bundled by scripts/build.mjs into media/mermaid/layout-elk.js: their licences go beside it.
  for (const [pkg, name] of [['@mermaid-js/layout-elk', 'LICENSE-layout-elk'], ['elkjs', 'LICENSE-elkjs']]) {
    const dir = dirname(require.resolve(`${pkg}/package.json`));
    const file = ['LICENSE', 'LICENSE.md'].map((f) => join(dir, f)).find((f) => existsSync(f));
    if (file) copyFileSync(file, join(out, name));
  }
  return { file: target, version };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { file, version } = bundleMermaid();
  console.log(`mermaid ${version} → ${file}`);
}
