/* global console, process */
// The 5,000-module architecture overview, timed in headless Chromium exactly as the panel shows
// it: the HTML from diagramHtml(), media's diagram.js bundled from src/webview/diagram.ts,
// Mermaid's browser build, the page's CSP, and the message the panel sends (renderMessage).
//
//   node bench/diagram.mjs [--modules 5000] [--runs 3] [--json]
//
// Prints the workspace analysis time (not the webview's cost), the time to build the message,
// Mermaid's render inside the page (render + insertion + wiring, data-render-ms), and page
// open → drawn. With --json, one JSON line instead.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadHarness } from './lib/harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { modules: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } } });
const modules = Number(values.modules);
const runs = Math.max(1, Number(values.runs));
const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Inside node_modules so that the bundle's own requires (playwright-core, esbuild) resolve.
const cache = path.join(ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(path.join(cache, 'northstar-bench-diagram-'));
const cwd = process.cwd();
try {
  const h = await loadHarness(ROOT, work, ['src/webview/diagram-host.ts']);
  process.chdir(ROOT); // the harness finds the repository from here

  let t = now();
  const model = await h.generatedModel(modules, 1);
  const analyzeMs = now() - t;
  const buildSamples = [];
  let message;
  for (let i = 0; i < runs; i++) {
    t = now();
    message = h.renderMessage(model, h.defaultState());
    buildSamples.push(now() - t);
  }
  const browser = new h.DiagramBrowser();
  await browser.start();
  const renderSamples = [];
  const openSamples = [];
  let nodes = 0;
  let edges = 0;
  let render = '';
  try {
    for (let i = 0; i < runs; i++) {
      t = now();
      const page = await browser.open(model, { viewport: { width: 1600, height: 1000 } });
      const r = await page.rendered();
      openSamples.push(now() - t);
      renderSamples.push(r.ms);
      render = r.render;
      nodes = await page.page.locator('#stage svg g.node').count();
      edges = await page.page.locator('#stage svg path.flowchart-link').count();
      if (page.incidents.length > 0) throw new Error(`page problems: ${page.incidents.join('; ')}`);
      await page.close();
    }
  } finally {
    await browser.stop();
  }
  if (render !== 'done') throw new Error(`the overview was not drawn (${render})`);
  const result = {
    modules: model.modules.length,
    nodes,
    edges,
    hiddenEdges: message.diagram?.hiddenEdges ?? null,
    sourceChars: message.diagram?.mermaid.length ?? 0,
    analyzeMs: Math.round(analyzeMs),
    buildMs: Math.round(median(buildSamples) * 10) / 10,
    renderMs: median(renderSamples),
    openToDrawnMs: Math.round(median(openSamples)),
    renderSamples,
  };
  if (values.json) console.log(JSON.stringify(result));
  else {
    console.log(`diagram: ${result.modules} modules → ${nodes} nodes, ${edges} edges (${result.hiddenEdges} lighter edges hidden), ${result.sourceChars} characters of Mermaid`);
    console.log(`  analysis (engine, in memory)   ${result.analyzeMs} ms`);
    console.log(`  message built (renderMessage)  ${result.buildMs} ms`);
    console.log(`  Mermaid render in the page     ${result.renderMs} ms (median of ${runs}: ${renderSamples.join(', ')})`);
    console.log(`  page open → overview drawn     ${result.openToDrawnMs} ms`);
  }
} finally {
  process.chdir(cwd);
  rmSync(work, { recursive: true, force: true });
}
