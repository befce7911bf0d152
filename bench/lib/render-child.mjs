/* global process, document, window, console, performance */
// Render a Mermaid source with the bundled Mermaid (media/mermaid/mermaid.min.js) in headless
// Chromium (Debian's, through playwright-core, which never downloads a browser).
// argv: source file, repository root. Prints one JSON line: render samples (ms), SVG size.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const [sourceFile, repo] = process.argv.slice(2);
const require = createRequire(path.join(repo, 'package.json'));
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => existsSync(p));
if (!chromium) {
  console.log(JSON.stringify({ error: 'no Chromium on this machine' }));
  process.exit(0);
}
const { chromium: launcher } = require('playwright-core');
const source = readFileSync(sourceFile, 'utf8');
const mermaidJs = readFileSync(path.join(repo, 'media', 'mermaid', 'mermaid.min.js'), 'utf8');
const browser = await launcher.launch({ executablePath: chromium, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
  await page.addScriptTag({ content: mermaidJs });
  const samples = [];
  let svgBytes = 0;
  for (let i = 0; i < 3; i++) {
    const r = await page.evaluate(async (src) => {
      window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 10_000_000, maxEdges: 100_000 });
      const t = performance.now();
      const { svg } = await window.mermaid.render(`bench${Math.random().toString(36).slice(2)}`, src);
      document.getElementById('out').innerHTML = svg;
      // Layout of the inserted SVG is part of what a user waits for.
      document.getElementById('out').getBoundingClientRect();
      return { ms: performance.now() - t, bytes: svg.length };
    }, source);
    samples.push(r.ms);
    svgBytes = r.bytes;
  }
  const sorted = samples.slice().sort((a, b) => a - b);
  console.log(JSON.stringify({ samples, medianMs: sorted[1], svgBytes, browser: chromium }));
} finally {
  await browser.close();
}
