/* global console, document, process */
// Mermaid's default layout (dagre) against ELK on the views a user sees, in headless Chromium,
// in the diagram panel's own page (its HTML, CSP, media/diagram.js as bundled, Mermaid's browser
// build): edge crossings counted from the drawn SVG (test/webview/edgeCrossings.ts) and the
// page's render time (data-render-ms: Mermaid's layout and drawing, insertion, wiring).
//
//   node bench/layout.mjs [--runs 3] [--modules 5000] [--only TEXT] [--json]
//
// Views: the first view (default state) and every group collapsed of three corpus repositories
// (test/fixtures/realworld, materialised as test/e2e/diagram-corpus.test.mjs does, the model from
// `northstar model`), a large expanded view (MetaMask's biggest group opened), and the synthetic
// 5,000-module overview of bench/diagram.mjs. Each view is drawn `runs` times per layout (the
// first drawing without the readability ladder, as bench/diagram.mjs); the table gives medians.
// Needs `npm run build` (dist/cli.js) and `npm run compile-tests` (out/test/realworld).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadHarness } from './lib/harness.mjs';
import { layoutTable } from './lib/layout-table.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { modules: { type: 'string', default: '5000' }, runs: { type: 'string', default: '3' }, json: { type: 'boolean', default: false }, only: { type: 'string', default: '' } } });
const runs = Math.max(1, Number(values.runs));
const modules = Number(values.modules);
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const log = (line) => console.error(line);
const REPOS = ['jkilzi__backstage-community-plugins', 'MetaMask__core', 'square__okhttp'];
const LAYOUTS = ['dagre', 'elk'];

const cache = path.join(ROOT, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const work = mkdtempSync(path.join(cache, 'northstar-bench-layout-'));
const cwd = process.cwd();
try {
  const h = await loadHarness(ROOT, work, ['test/webview/edgeCrossings.ts', 'test/realworld/materialize.ts', 'src/webview/diagram-host.ts']);
  process.chdir(ROOT); // the harness finds the repository from here
  if (!existsSync(path.join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js missing: npm run build first');

  /** A large expanded view: the overview with its biggest group opened that Mermaid can still draw (a bigger one is collapsed again). */
  const biggestGroupOpen = (short, model) => {
    const collapsed = { ...h.defaultState(), collapse: 'all' };
    const groups = [...(h.renderMessage(model, collapsed).diagram?.groups ?? [])].sort((a, b) => b.modules.length - a.modules.length);
    const group = groups.find((g) => h.renderMessage(model, { ...collapsed, expand: [g.key] }).state.expand.length === 1);
    const expand = group ? [group.key] : [];
    return { name: `${short} biggest group (${group?.modules.length ?? 0}) open`, model, state: { ...collapsed, expand } };
  };
  /** The views measured: name, model, state. */
  const views = [];
  const temp = mkdtempSync(path.join(os.tmpdir(), 'northstar-layout-corpus-'));
  try {
    for (const name of REPOS) {
      const { root } = h.materialize(name, temp);
      const model = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, 'bin', 'northstar.js'), 'model', '--root', root], { maxBuffer: 256 << 20, encoding: 'utf8' }));
      const short = name.split('__')[1];
      views.push({ name: `${short} first view`, model, state: h.defaultState() });
      views.push({ name: `${short} all collapsed`, model, state: { ...h.defaultState(), collapse: 'all' } });
      views.push(biggestGroupOpen(short, model));
      // A large flat view: every module its own node (drawn when Mermaid takes it, else listed).
      if (name === 'MetaMask__core') views.push({ name: `${short} collapse none`, model, state: { ...h.defaultState(), collapse: 'none' } });
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  const synthetic = await h.generatedModel(modules, 1);
  views.push({ name: `synthetic ${modules} overview`, model: synthetic, state: h.defaultState() });
  views.push(biggestGroupOpen(`synthetic ${modules}`, synthetic));

  const loadStart = os.loadavg()[0];
  const browser = new h.DiagramBrowser();
  await browser.start();
  const rows = [];
  // --only: the views whose name contains TEXT (corpus repositories are still materialised).
  try {
    for (const view of views.filter((v) => v.name.includes(values.only))) {
      const message = h.renderMessage(view.model, view.state);
      const row = { view: view.name, nodes: message.diagram?.nodes.length ?? 0, edges: message.diagram?.edges.length ?? 0, chosen: message.diagram?.layout ?? 'list' };
      if (!message.diagram) {
        rows.push({ ...row, listed: true });
        log(`${view.name}: shown as a list (${message.list?.length ?? 0} modules), not drawn`);
        continue;
      }
      for (const layout of LAYOUTS) {
        const ms = [];
        const open = [];
        const cpu = [];
        let crossings = null;
        let drawnEdges = 0;
        for (let i = 0; i < runs; i++) {
          const t = now();
          let cdp;
          const beforeLoad = async (p) => {
            cdp = await p.context().newCDPSession(p);
            await cdp.send('Performance.enable');
          };
          const page = await browser.open(view.model, { state: view.state, layout, viewport: { width: 1600, height: 1000 }, beforeLoad });
          const r = await page.rendered();
          open.push(now() - t);
          if (r.render !== 'done') throw new Error(`${view.name} (${layout}) not drawn: ${r.render}`);
          const used = await page.page.evaluate(() => document.body.dataset.layout);
          if (used !== layout) throw new Error(`${view.name}: drawn with ${used}, not ${layout}`);
          if (page.incidents.length > 0) throw new Error(`${view.name} (${layout}) page problems: ${page.incidents.join('; ')}`);
          ms.push(r.ms);
          // CPU time of the page's main thread from opening to drawn (Chromium's TaskDuration): less noisy than wall time on a shared machine.
          const { metrics } = await cdp.send('Performance.getMetrics');
          cpu.push(Math.round((metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000));
          if (crossings === null) ({ crossings, edges: drawnEdges } = await h.drawnCrossings(page.page));
          await page.close();
        }
        row[layout] = { crossings, drawnEdges, renderMs: median(ms), renderSamples: ms, openMs: Math.round(median(open)), cpuMs: median(cpu), cpuSamples: cpu };
        log(`${view.name} ${layout}: ${crossings} crossings, render ${median(ms)} ms (${ms.join(', ')}), open→drawn ${Math.round(median(open))} ms, page CPU ${median(cpu)} ms (${cpu.join(', ')}), load ${os.loadavg()[0].toFixed(1)}`);
      }
      rows.push(row);
    }
  } finally {
    await browser.stop();
  }
  const result = { runs, loadAverage: [loadStart, os.loadavg()[0]], rows };
  if (values.json) console.log(JSON.stringify(result));
  else console.log(layoutTable(result));
} finally {
  process.chdir(cwd);
  rmSync(work, { recursive: true, force: true });
}
