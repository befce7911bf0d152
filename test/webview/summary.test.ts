/**
 * The vision summary page as the panel produces it (summaryHtml + the bundled page script and
 * stylesheet), rendered in headless Chromium: what it shows for the example workspace, what it
 * posts back, live updates, and that hostile names stay text under the CSP.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyzeWorkspace } from '../../src/core/analyze';
import type { Model } from '../../src/core/model/types';
import { LEVEL_LABEL } from '../../src/core/scorecard';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { buildSummaryPageData, summaryHtml } from '../../src/extension/panels/summaryPage';
import { parseSummaryPageMessage as parseSummaryMessage, type SummaryPageData } from '../../src/protocol/summary';
import { contentSecurityPolicy, createNonce, jsonForHtml } from '../../src/extension/panels/webviewHtml';
import { makeFinding, makeModel, makeModule, makeTeam, repoRoot } from '../cli/helpers';

const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

const HOSTILE_IMG = '<img src=x onerror=alert(1)>';
const HOSTILE_SCRIPT = '</script><script>window.__pwned=1</script>';
const HOSTILE_URL = 'javascript:alert(1)';
/** Mermaid syntax, a Mermaid click directive and a Mermaid init directive, as names. */
const MERMAID_EDGE = 'A]-->B[';
const MERMAID_CLICK = 'click X call alert()';
const MERMAID_INIT = '%%{init: {"securityLevel":"loose"}}%%';
const HOSTILE_PRIORITY_ID = '<img src=p onerror=alert(2)>';
const HOSTILE_API = '<b onmouseover=alert(3)>api</b> -->|x|';

/** A stand-in for VS Code's webview host: records what the page posts and keeps its state. */
const VSCODE_API_STUB = `
  window.__posted = [];
  window.__state = undefined;
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
`;

interface Served {
  url: string;
  setPage(html: string): void;
  close(): Promise<void>;
}

/** Serves the page and media/ on 127.0.0.1, as a webview serves its resources from one origin. */
async function serve(files: Record<string, { type: string; body: string }>): Promise<Served> {
  let page = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = url.pathname === '/index.html' ? { type: 'text/html; charset=utf-8', body: page } : files[url.pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPage: (html) => { page = html; },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Styled {
  style: { width: string };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** What the page should print: `%` against the number, a unit of `count` (or none) not at all, any other after a space. */
function unitText(value: number, unit: string | undefined): string {
  if (!unit || unit === 'count') return String(value);
  return unit === '%' ? `${value}%` : `${value} ${unit}`;
}

describe('vision summary webview (Chromium)', function () {
  this.timeout(60_000);
  const root = repoRoot();
  let browser: Browser;
  let server: Served;
  let exampleModel: Model;
  let exampleData: SummaryPageData;
  let page: Page;
  let dialogs: string[];
  let errors: string[];

  before(async () => {
    assert.ok(fs.existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_BIN)`);
    const analysis = await analyzeWorkspace(new NodeFileAccess(path.join(root, 'examples', 'acme')), { rootLabel: 'acme' });
    exampleModel = analysis.model;
    exampleData = buildSummaryPageData(exampleModel, { name: 'acme', uri: 'file:///work/acme' }, [{ name: 'acme', uri: 'file:///work/acme' }], undefined, analysis.config);

    // The page script as scripts/build.mjs bundles it, built fresh so the test sees the source.
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-summary-webview-'));
    await esbuild.build({
      entryPoints: [path.join(root, 'src', 'webview', 'summary.ts')],
      outfile: path.join(outdir, 'summary.js'),
      bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning',
    });
    server = await serve({
      '/media/summary.js': { type: 'text/javascript', body: fs.readFileSync(path.join(outdir, 'summary.js'), 'utf8') },
      '/media/summary.css': { type: 'text/css', body: fs.readFileSync(path.join(root, 'media', 'summary.css'), 'utf8') },
    });
    fs.rmSync(outdir, { recursive: true, force: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await browser.newPage();
    dialogs = [];
    errors = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.addInitScript(VSCODE_API_STUB);
  });

  afterEach(async () => {
    await page?.close();
  });

  function html(data: SummaryPageData, nonce = createNonce()): string {
    return summaryHtml({
      cspSource: server.url,
      scriptUri: `${server.url}/media/summary.js`,
      styleUri: `${server.url}/media/summary.css`,
      nonce,
      data,
    });
  }

  async function open(data: SummaryPageData): Promise<void> {
    server.setPage(html(data));
    await page.goto(`${server.url}/index.html`);
    await page.locator('#priorities, #vision').first().waitFor({ timeout: 10_000 });
  }

  const posted = (): Promise<unknown[]> => page.evaluate('window.__posted') as Promise<unknown[]>;

  it('shows the vision, each priority with its metrics, progress and modules', async () => {
    await open(exampleData);
    assert.equal(await page.locator('h1').innerText(), 'Vision summary');
    const vision = exampleModel.vision;
    assert.ok(vision?.direction && vision.why);
    assert.equal(await page.locator('#vision .direction').innerText(), `Direction: ${vision.direction}`);
    assert.equal(await page.locator('#vision .why').innerText(), `Why: ${vision.why}`);
    assert.deepEqual(await page.locator('#vision .capabilities li').allInnerTexts(), vision.capabilities);

    assert.ok(exampleModel.priorities.length >= 3);
    const articles = page.locator('#priorities article.priority');
    assert.equal(await articles.count(), exampleModel.priorities.length);
    for (const [i, priority] of exampleModel.priorities.entries()) {
      const article = articles.nth(i);
      assert.equal(await article.locator('.priority-title').innerText(), priority.title);
      assert.equal(await article.locator('.priority-id').innerText(), priority.id);
      if (priority.owner) assert.equal(await article.locator('.owner').innerText(), `Owner: ${priority.owner}`);
      const rows = article.locator('tr.metric');
      assert.equal(await rows.count(), priority.metrics.length);
      for (const [j, metric] of priority.metrics.entries()) {
        const row = rows.nth(j);
        assert.equal(await row.locator('.metric-name').innerText(), metric.name);
        const { baseline, current, target } = metric;
        assert.ok(baseline !== undefined && current !== undefined && target !== undefined, `${metric.name} has every value`);
        assert.equal(
          await row.locator('.values').innerText(),
          `${unitText(baseline, metric.unit)} → ${unitText(current, metric.unit)} → ${unitText(target, metric.unit)}`,
        );
        // Progress from baseline to target, also for metrics where lower is better.
        const expected = round1(Math.min(100, Math.max(0, ((current - baseline) / (target - baseline)) * 100)));
        assert.equal(await row.locator('.progress-value').innerText(), `${expected}%`);
        const bar = row.locator('[role=progressbar]');
        assert.equal(await bar.getAttribute('aria-valuenow'), String(expected));
        const width = await bar.locator('.fill').evaluate((e) => (e as unknown as Styled).style.width);
        assert.equal(width, `${expected}%`);
        assert.equal(await row.locator('.direction-hint').count(), target < baseline ? 1 : 0, `${metric.name}: "lower is better" hint`);
      }
      const served = exampleModel.modules.filter((m) => m.priorities.includes(priority.id)).map((m) => m.name).sort();
      assert.deepEqual(await article.locator('button.module').allInnerTexts(), served);
      if (served.length === 0) assert.match(await article.innerText(), /No module serves this priority yet/);
    }
    fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
    await page.screenshot({ path: path.join(root, 'test-results', 'webview-summary.png'), fullPage: true });
  });

  it('computes the example\'s falling metric as progress towards a lower target', async () => {
    // examples/acme/vision.yaml: mean time to restore 95 → 48 → 30 min; (48 − 95) / (30 − 95) = 72.3 %.
    await open(exampleData);
    const row = page.locator('tr.metric', { hasText: 'mean time to restore' });
    assert.equal(await row.locator('.values').innerText(), '95 min → 48 min → 30 min');
    assert.equal(await row.locator('.progress-value').innerText(), '72.3%');
    assert.equal(await row.locator('.direction-hint').innerText(), 'lower is better');
    // A metric counted in "count" prints bare numbers (examples/acme/vision.yaml: localised storefronts live).
    assert.equal(await page.locator('tr.metric', { hasText: 'localised storefronts live' }).locator('.values').innerText(), '0 → 0 → 3');
  });

  it('draws each metric\'s trend as an SVG sparkline with the change since baseline and the last update', async () => {
    // examples/acme/vision.yaml's history samples (no git history here: the folder is read as files).
    await open(exampleData);
    const withTrend = exampleData.summary.priorities.flatMap((p) => p.metrics.filter((m) => m.trend !== null).map((m) => ({ p, m })));
    assert.deepEqual(withTrend.map(({ m }) => m.name), ['checkout conversion rate', 'checkout availability', 'mean time to restore']);
    const rows = page.locator('#trends tr.trend');
    assert.equal(await rows.count(), withTrend.length);
    for (const [i, { p, m }] of withTrend.entries()) {
      const row = rows.nth(i);
      assert.equal(await row.locator('.metric-name').innerText(), m.name);
      assert.equal(await row.locator('.trend-priority').innerText(), `(${p.title})`);
      const points = (await row.locator('svg.sparkline polyline').getAttribute('points'))!.split(' ');
      assert.equal(points.length, m.trend!.points.length, `${m.name}: one vertex per point`);
      assert.equal(await row.locator('.trend-updated').innerText(), m.trend!.lastUpdate);
    }
    const restore = page.locator('#trends tr.trend', { hasText: 'mean time to restore' });
    assert.equal(await restore.locator('.trend-change').innerText(), '−47 min since baseline 95 min');
    // Falling values draw downwards: the first vertex is the highest (smallest y), the last the lowest.
    const ys = (await restore.locator('polyline').getAttribute('points'))!.split(' ').map((xy) => Number(xy.split(',')[1]));
    assert.ok(ys[0] < ys[ys.length - 1], ys.join(' '));
    fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
    await page.locator('#trends').screenshot({ path: path.join(root, 'test-results', 'webview-summary-trends.png') });
  });

  it('shows a hostile metric name in the trends as text', async () => {
    const data = structuredClone(exampleData);
    const metric = data.summary.priorities[0].metrics[0];
    metric.name = HOSTILE_IMG;
    metric.trend = { points: [{ date: '2026-01-01', value: 1, source: 'file' }, { date: '2026-02-01', value: 2, source: 'git' }], baseline: 1, latest: 2, change: 1, lastUpdate: '2026-02-01' };
    await open(data);
    assert.equal(await page.locator('#trends .metric-name').first().innerText(), HOSTILE_IMG);
    assert.equal(await page.locator('#trends img').count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it('keeps the parts of each "Served by" module apart: name, level, then links', async () => {
    await open(exampleData);
    const article = page.locator('#priorities article.priority[data-priority=checkout-conversion]');
    const chip = article.locator('li.module-item', { has: page.locator('button.module', { hasText: 'payments-api' }) });
    // As text (copied, read aloud) and not only by the layout.
    assert.match(await chip.innerText(), /^payments-api gold · dashboard$/i);
    const items = await article.locator('li.module-item').allInnerTexts();
    for (const item of items) assert.match(item, /^[a-z0-9-]+ (gold|silver|bronze|none)( · \S+)*$/i, item);
    // On screen: no chip overlaps the next, and each part of a chip stands apart from the next part.
    const boxes = await article.locator('li.module-item').evaluateAll((els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }));
    for (let i = 1; i < boxes.length; i++) {
      const [a, b] = [boxes[i - 1], boxes[i]];
      assert.ok(b.left >= a.right || b.top >= a.bottom, `module chips ${i - 1} and ${i} overlap or touch`);
    }
    // The name, the level badge and each link (the " · " separators stand between them).
    const parts = await chip.locator('button.module, .level, .module-links > :not(.separator)').evaluateAll((els) => els.map((c) => c.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    assert.equal(parts.length, 3);
    for (let i = 1; i < parts.length; i++) assert.ok(parts[i].left > parts[i - 1].right, `part ${i} of the chip touches the one before`);
  });

  it('shows coverage, capacity, scorecard levels and the top gaps per team', async () => {
    await open(exampleData);
    const modules = exampleModel.modules;
    const owned = modules.filter((m) => m.owners.length > 0).length;
    const tested = modules.filter((m) => m.tests.length > 0).length;
    const running = modules.filter((m) => m.type !== 'library');
    const observed = running.filter((m) => m.observability.length > 0).length;
    const pct = (n: number, of: number): string => `${n} of ${of} (${round1((n / of) * 100)}%)`;
    assert.equal(await page.locator('[data-measure=ownership] .measure-value').innerText(), pct(owned, modules.length));
    assert.equal(await page.locator('[data-measure=tests] .measure-value').innerText(), pct(tested, modules.length));
    assert.equal(await page.locator('[data-measure=observability] .measure-value').innerText(), pct(observed, running.length));
    assert.equal(
      await page.locator('[data-measure=ownership] [role=progressbar]').getAttribute('aria-valuenow'),
      String(round1((owned / modules.length) * 100)),
    );

    const capacity = exampleModel.vision?.capacity;
    assert.ok(capacity);
    const legend = await page.locator('#capacity .legend li').allInnerTexts();
    assert.deepEqual(legend.map((t) => t.trim()), Object.entries(capacity).map(([k, v]) => `${k} ${v}%`));
    const widths = await page.locator('#capacity .segment').evaluateAll((els) => els.map((e) => (e as unknown as Styled).style.width));
    assert.deepEqual(widths, Object.values(capacity).map((v) => `${v}%`));

    for (const level of ['gold', 'silver', 'bronze', 'none'] as const) {
      const count = modules.filter((m) => m.level === level).length;
      assert.equal(await page.locator(`#scorecard [data-level=${level}] .count`).innerText(), String(count), level);
      // As the hover, status bar and tree name it (innerText applies CSS: no text-transform either).
      assert.equal(await page.locator(`#scorecard [data-level=${level}] .name`).innerText(), LEVEL_LABEL[level], level);
    }

    const teams = page.locator('#teams article.team');
    assert.equal(await teams.count(), exampleData.summary.teams.length);
    assert.deepEqual(await page.locator('#teams article.team h3').allInnerTexts(), exampleData.summary.teams.map((t) => t.name));
    // Every error or warning on a module is a gap of its team: the counts add up to the model's.
    const shown = await page.locator('#teams .gaps li').evaluateAll((els) => els.map((e) => e.getAttribute('data-count')));
    const total = shown.reduce((sum, t) => sum + Number(t ?? NaN), 0);
    const expected = exampleData.summary.teams.reduce((sum, t) => sum + t.gaps.reduce((s, g) => s + g.count, 0), 0);
    assert.ok(expected > 0);
    assert.equal(total, expected);
    const unowned = page.locator('#teams article.team.unowned');
    assert.equal(await unowned.locator('h3').innerText(), '(no owner)');
    // Gaps in words, counted, with the rule's id beside them (linked to its page): no "× 1".
    assert.equal(await unowned.locator('.gaps li').innerText(), '1 module without an owner (ownership/missing-owner)');
    assert.equal(await unowned.locator('.gaps li .rule').innerText(), 'ownership/missing-owner');
    const titles = await page.locator('#teams .gap-title').allInnerTexts();
    assert.deepEqual(titles, exampleData.summary.teams.flatMap((t) => t.gaps.map((g) => g.text)));
    assert.ok(titles.includes('1 critical service without alerts, a runbook or an SLO'), titles.join(', '));
    assert.ok(titles.every((t) => !t.includes('/')), `gap titles are words, not ids: ${titles.join(', ')}`);
    assert.deepEqual(errors, []);
  });

  it('lists each module below Gold with what its next level needs, and the criteria not assessed', async () => {
    await open(exampleData);
    const coupons = page.locator('#scorecard .module-levels li[data-module=coupons]');
    assert.equal(await coupons.innerText(), 'coupons Bronze · Orders & Fulfilment — Silver needs: escalation path (team Orders & Fulfilment has none)');
    // libs/proto's tests are ignored in .northstar.yaml: not assessed, and no penalty.
    assert.equal(await page.locator('#scorecard .module-levels li[data-module=proto]').innerText(), 'proto Gold · Platform — not assessed: tests');
    const listed = await page.locator('#scorecard .module-levels li').evaluateAll((els) => els.map((e) => e.getAttribute('data-module')));
    assert.deepEqual(listed, exampleData.summary.modules.filter((m) => m.needs.length > 0 || m.notAssessed.length > 0).map((m) => m.name));
    assert.deepEqual(errors, []);
  });

  it('shows the learning section: notes per quarter, open actions by team, repeated postmortems and every note', async () => {
    await open(exampleData);
    // examples/acme/docs/postmortems/, analysed on the example's pinned today (2026-11-01).
    const quarters = await page.locator('#learning table.learning-quarters tbody tr').allInnerTexts();
    assert.deepEqual(quarters.map((t) => t.split('\t').map((c) => c.trim()).join(' ')), ['2026-Q4 1 0 1', '2026-Q3 1 1 0', '2026-Q2 1 0 0']);
    assert.deepEqual(await page.locator('#learning .learning-actions li').allInnerTexts(), [
      'Platform: 2 open actions, 1 overdue',
      'Payments: 1 open action, 1 overdue',
      'Orders & Fulfilment: 1 open action',
    ]);
    assert.equal(await page.locator('#learning .learning-actions li.overdue').count(), 2);
    const repeated = page.locator('#learning .learning-repeated li');
    assert.equal(await repeated.count(), 1);
    assert.equal(await repeated.locator('button.module').innerText(), 'payments-api');
    assert.equal((await repeated.locator('.repeated-count').innerText()).trim(), '— 2 postmortems, the last on 2026-10-03');
    const notes = page.locator('#learning .learning-notes > li');
    assert.equal(await notes.count(), 5);
    assert.equal(await notes.first().locator('.note-title').innerText(), 'Architecture review: replaying order events');
    assert.equal(await notes.nth(1).locator('.note-kind').innerText(), 'Postmortem (sev1)');
    assert.equal((await notes.nth(1).locator('.note-actions').innerText()).trim(), '· 1 open action, 1 overdue');
    assert.deepEqual(await notes.nth(3).locator('button.module').allInnerTexts(), ['payments-api', 'fraud-scoring']);
    await notes.nth(3).locator('button.module').first().click();
    assert.deepEqual((await posted()).at(-1), { type: 'openModule', name: 'payments-api' });

    // A hostile title and severity are text.
    const hostile = structuredClone(exampleData);
    const note = hostile.summary.learning?.notes[0];
    assert.ok(note);
    note.title = '<img src=x onerror=alert(1)>';
    note.severity = '<b>sev0</b>';
    await open(hostile);
    assert.equal(await page.locator('#learning .learning-notes > li').first().locator('.note-title').innerText(), '<img src=x onerror=alert(1)>');
    assert.equal(await page.locator('#learning img, #learning b').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
  });

  it('without vision.yaml, says so and offers to start the files (the panel runs init on its folder)', async () => {
    await open({ ...exampleData, summary: { ...exampleData.summary, vision: null } });
    assert.match(await page.locator('#vision').innerText(), /No vision\.yaml in this workspace/);
    await page.locator('#vision #start-files').click();
    assert.deepEqual((await posted()).at(-1), { type: 'startFiles' });
    assert.deepEqual(parseSummaryMessage({ type: 'startFiles' }), { type: 'startFiles' }, 'the panel accepts it');
    assert.deepEqual(errors, []);
  });

  it('has no learning section without notes', async () => {
    await open({ ...exampleData, summary: { ...exampleData.summary, learning: null } });
    assert.equal(await page.locator('#learning').count(), 0);
    assert.deepEqual(errors, []);
  });

  it('posts back module clicks, exports, http(s) link clicks and rule docs by id, and keeps its root in the state', async () => {
    await open(exampleData);
    await page.locator('#priorities button.module', { hasText: 'payments-api' }).first().click();
    await page.locator('#export-markdown').click();
    const dashboard = page.locator('#priorities .module-item', { hasText: 'payments-api' }).first().locator('a');
    assert.equal(await dashboard.getAttribute('href'), 'https://grafana.acme.example/d/payments-api/overview');
    await dashboard.click();
    assert.equal(page.url(), `${server.url}/index.html`, 'a link click does not navigate the page');
    // A rule's page is packed in the extension: the page asks for it by id (it cannot open a file: URI).
    await page.locator('#teams article.team.unowned .gaps li .rule').click();
    assert.deepEqual(await posted(), [
      { type: 'ready' },
      { type: 'openModule', name: 'payments-api' },
      { type: 'exportMarkdown' },
      { type: 'openExternal', url: 'https://grafana.acme.example/d/payments-api/overview' },
      { type: 'openRuleDocs', id: 'ownership/missing-owner' },
    ]);
    assert.deepEqual(await page.evaluate('window.__state'), { root: 'file:///work/acme' });
    for (const message of await posted()) assert.deepEqual(parseSummaryMessage(message), message, 'the panel accepts what the page posts');
    assert.equal(await page.locator('#root-picker').count(), 0, 'no folder picker for a single root');
  });

  it('re-draws in place on an update message and offers a picker for several roots', async () => {
    await open(exampleData);
    const updated = structuredClone(exampleData);
    updated.summary.priorities[0].title = 'Checkout in one tap';
    updated.summary.coverage.tests = { count: 19, of: 19, percent: 100 };
    updated.roots = [updated.root, { name: 'storefront', uri: 'file:///work/storefront' }];
    await page.evaluate((data) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage({ type: 'update', data }, '*'), updated);
    await page.locator('.priority-title', { hasText: 'Checkout in one tap' }).waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('[data-measure=tests] .measure-value').innerText(), '19 of 19 (100%)');
    await page.locator('#root-picker').selectOption('file:///work/storefront');
    assert.deepEqual((await posted()).at(-1), { type: 'selectRoot', uri: 'file:///work/storefront' });
  });

  it("draws the example's experiments and a roadmap timeline; their text stays text", async () => {
    await open(exampleData);
    const { experiments, roadmap } = exampleData.summary;
    assert.ok(experiments.length >= 3 && roadmap.length >= 3, 'the example has experiments and initiatives');
    assert.deepEqual(
      await page.locator('#experiments tr.experiment').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-module')}:${r.getAttribute('data-state')}`)),
      experiments.map((e) => `${e.module}:${e.state}`),
    );
    assert.deepEqual(await page.locator('#roadmap .roadmap-priority h3').allInnerTexts(), roadmap.map((r) => r.title));
    // Markers sit in date order from left to right, the overdue one marked, today's line on every lane.
    const reliability = page.locator('#roadmap .roadmap-priority[data-priority=reliability]');
    const lefts = await reliability.locator('.timeline-marker').evaluateAll((ms) => ms.map((m) => parseFloat((m as unknown as { style: { left: string } }).style.left)));
    assert.deepEqual(lefts, [...lefts].sort((a, b) => a - b));
    assert.equal(await reliability.locator('.timeline-marker.overdue').getAttribute('data-initiative'), 'multi-region-checkout');
    assert.equal(await page.locator('#roadmap .timeline-today').count(), roadmap.length);

    const hostile: SummaryPageData = {
      ...exampleData,
      summary: {
        ...exampleData.summary,
        experiments: [{ ...experiments[0], module: HOSTILE_IMG, hypothesis: HOSTILE_SCRIPT, metric: MERMAID_EDGE, target: HOSTILE_IMG }],
        roadmap: [{ priority: HOSTILE_PRIORITY_ID, title: HOSTILE_SCRIPT, initiatives: [{ ...roadmap[0].initiatives[0], title: HOSTILE_IMG, owner: HOSTILE_SCRIPT, modules: [HOSTILE_IMG] }] }],
      },
    };
    await open(hostile);
    assert.equal(await page.locator('#experiments tr.experiment td.hypothesis').innerText(), HOSTILE_SCRIPT);
    assert.equal(await page.locator('#roadmap h3').innerText(), HOSTILE_SCRIPT);
    assert.equal(await page.locator('#roadmap .initiative-title').innerText(), HOSTILE_IMG);
    assert.equal(await page.locator('#roadmap img, #experiments img, #roadmap script, #experiments script').count(), 0);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
  });

  it('shows hostile names and URLs as text: no markup, no script, no dialog', async () => {
    const hostile = makeModel({
      vision: {
        file: 'vision.yaml',
        direction: HOSTILE_SCRIPT,
        why: HOSTILE_IMG,
        capabilities: [HOSTILE_IMG, HOSTILE_SCRIPT, MERMAID_EDGE, MERMAID_CLICK, MERMAID_INIT],
        capacity: { [HOSTILE_IMG]: 60, [HOSTILE_SCRIPT]: 30, [MERMAID_INIT]: 10 },
        capacityLocation: null,
      },
      priorities: [{
        id: 'p1',
        title: HOSTILE_IMG,
        owner: HOSTILE_SCRIPT,
        metrics: [{ name: HOSTILE_SCRIPT, unit: HOSTILE_IMG, baseline: 1, current: 2, target: 3, location: { file: 'vision.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 } }],
        location: { file: 'vision.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 },
      }, ...[HOSTILE_PRIORITY_ID, MERMAID_EDGE, MERMAID_INIT].map((id, i) => ({
        id,
        title: [MERMAID_CLICK, MERMAID_INIT, `${HOSTILE_SCRIPT} ${MERMAID_EDGE}`][i],
        owner: null,
        metrics: [],
        location: { file: 'vision.yaml', line: 2 + i, column: 1, endLine: 2 + i, endColumn: 2 },
      }))],
      teams: [
        makeTeam('@acme/x', HOSTILE_IMG),
        { ...makeTeam('@acme/mermaid', MERMAID_CLICK), escalation: [{ kind: 'pager', target: MERMAID_INIT, url: HOSTILE_URL }, { kind: 'chat', target: MERMAID_EDGE, url: ' JaVaScRiPt:alert(4)' }] },
      ],
      modules: [
        makeModule({ name: HOSTILE_IMG, owners: ['@acme/x'], priorities: ['p1', HOSTILE_PRIORITY_ID], dashboards: [HOSTILE_URL, 'https://ok.example/d'], runbook: HOSTILE_URL }),
        makeModule({ name: HOSTILE_SCRIPT, owners: [HOSTILE_SCRIPT], priorities: ['p1'] }),
        makeModule({
          name: MERMAID_EDGE, owners: ['@acme/mermaid'], priorities: [MERMAID_EDGE, MERMAID_INIT], system: MERMAID_INIT,
          apis: [{ name: HOSTILE_API, type: MERMAID_CLICK, definition: null, location: { file: 'services/x/service-contract.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 } }],
          consumes: [{ name: HOSTILE_API, location: null }],
        }),
        makeModule({ name: MERMAID_CLICK, owners: ['@acme/mermaid'], priorities: [HOSTILE_PRIORITY_ID], dependsOn: [{ name: MERMAID_EDGE, location: null, kind: 'declared', via: 'service-contract.yaml dependsOn' }] }),
        makeModule({ name: MERMAID_INIT, owners: ['@acme/mermaid'], priorities: [MERMAID_INIT], dashboards: [' javascript:alert(5)'] }),
      ],
      findings: [makeFinding({ ruleId: 'quality/missing-tests', file: 'a', module: HOSTILE_IMG })],
    });
    const data = buildSummaryPageData(hostile, { name: HOSTILE_SCRIPT, uri: 'file:///x' }, [{ name: HOSTILE_SCRIPT, uri: 'file:///x' }, { name: HOSTILE_IMG, uri: 'file:///y' }, { name: MERMAID_INIT, uri: 'file:///z' }]);
    data.rules = data.rules.map((r) => ({ ...r, url: HOSTILE_URL }));
    const nonce = createNonce();
    const text = html(data, nonce);

    // The HTML itself: one element each for the data and the script; no workspace text as markup.
    assert.equal(text.match(/<script\b/g)?.length, 2);
    for (const raw of [HOSTILE_IMG, HOSTILE_SCRIPT, HOSTILE_PRIORITY_ID, HOSTILE_API, MERMAID_EDGE, MERMAID_INIT]) {
      assert.ok(!text.includes(raw), `hostile text appears raw in the HTML: ${raw}`);
    }

    server.setPage(text);
    await page.goto(`${server.url}/index.html`);
    await page.locator('#priorities').waitFor({ timeout: 10_000 });

    // The policy as the browser reads it: scripts by nonce only.
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.ok(csp);
    const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'));
    assert.equal(scriptSrc, `script-src 'nonce-${nonce}'`);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, /^default-src 'none';/);

    assert.deepEqual(await page.locator('.priority-title').allInnerTexts(), [HOSTILE_IMG, MERMAID_CLICK, MERMAID_INIT, `${HOSTILE_SCRIPT} ${MERMAID_EDGE}`]);
    assert.deepEqual(await page.locator('.priority-id').allInnerTexts(), ['p1', HOSTILE_PRIORITY_ID, MERMAID_EDGE, MERMAID_INIT]);
    // Hostile ids as attributes: set through the DOM, so a selector by the exact id finds its article.
    const articles = await page.locator('article.priority').evaluateAll((as) => as.map((a) => a.getAttribute('data-priority')));
    assert.deepEqual(articles, ['p1', HOSTILE_PRIORITY_ID, MERMAID_EDGE, MERMAID_INIT]);
    const servedBy = async (id: string): Promise<string[]> =>
      (await page.locator('article.priority').filter({ has: page.locator('.priority-id', { hasText: id }) }).first().locator('button.module').allInnerTexts()).sort();
    assert.deepEqual(await servedBy(HOSTILE_PRIORITY_ID), [HOSTILE_IMG, MERMAID_CLICK].sort());
    assert.deepEqual(await servedBy(MERMAID_INIT), [MERMAID_EDGE, MERMAID_INIT].sort());
    assert.equal(await page.locator('tr.metric .metric-name').innerText(), HOSTILE_SCRIPT);
    assert.equal(await page.locator('#vision .direction').innerText(), `Direction: ${HOSTILE_SCRIPT}`);
    assert.deepEqual(await page.locator('#vision .capabilities li').allInnerTexts(), [HOSTILE_IMG, HOSTILE_SCRIPT, MERMAID_EDGE, MERMAID_CLICK, MERMAID_INIT]);
    assert.deepEqual([...new Set(await page.locator('button.module').allInnerTexts())].sort(), [HOSTILE_SCRIPT, HOSTILE_IMG, MERMAID_EDGE, MERMAID_CLICK, MERMAID_INIT].sort());
    assert.deepEqual(await page.locator('#root-picker option').allInnerTexts(), [HOSTILE_SCRIPT, HOSTILE_IMG, MERMAID_INIT]);
    assert.ok((await page.locator('#teams').innerText()).includes(HOSTILE_IMG));
    assert.ok((await page.locator('#teams h3').allInnerTexts()).includes(MERMAID_CLICK));
    assert.ok((await page.locator('#capacity').innerText()).includes(HOSTILE_SCRIPT));
    assert.ok((await page.locator('#capacity .category').allInnerTexts()).includes(MERMAID_INIT));
    // The API names and escalation steps are not shown on this page; they travel in the data only.
    assert.ok(!(await page.locator('body').innerText()).includes('onmouseover'));
    assert.equal(await page.locator('b').count(), 0, 'a <b> was created from an API name');
    assert.equal(await page.locator('main img').count(), 0, 'an <img> was created from data');
    assert.equal(await page.locator('script').count(), 2, 'a <script> was created from data');

    // Only the http(s) URL is a link; javascript: shows as text, also for rule docs.
    const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    // Its module serves two priorities: the link shows under each.
    assert.deepEqual(hrefs, ['https://ok.example/d', 'https://ok.example/d']);
    assert.ok((await page.locator('#priorities').innerText()).includes(`dashboard: ${HOSTILE_URL}`));
    assert.ok((await page.locator('#priorities').innerText()).includes(`runbook: ${HOSTILE_URL}`));
    assert.ok((await page.locator('#priorities').innerText()).includes('javascript:alert(5)'), 'a javascript: dashboard with a leading space is text');
    // A rule's docs are asked for by id: the URL in the data is only a title, set as text.
    const rule = page.locator('#teams .rule');
    assert.equal(await rule.evaluate((e) => e.tagName), 'BUTTON');
    assert.equal(await rule.innerText(), 'quality/missing-tests');
    assert.equal(await rule.getAttribute('title'), `Open the rule's documentation (${HOSTILE_URL})`);
    await rule.click();
    assert.deepEqual((await posted()).at(-1), { type: 'openRuleDocs', id: 'quality/missing-tests' });
    await page.locator('.link-text').first().click();

    // A script written into the page by hand, without the nonce, is blocked by the CSP: the
    // policy is really enforced, so the checks above are not luck.
    await page.evaluate("const s = document.createElement('script'); s.textContent = 'window.__pwned = 2'; document.body.append(s);");
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined');
    assert.deepEqual(dialogs, []);
    assert.ok(errors.some((e) => /Content Security Policy/i.test(e)), 'the hand-written script was refused by the CSP');
    assert.deepEqual(errors.filter((e) => !/Content Security Policy/i.test(e)), []);
  });
});

describe('vision summary page HTML (no browser)', () => {
  it('embeds data as JSON that cannot close its element, and parses back unchanged', () => {
    const value = { a: '</script><!-- & \u2028 \u2029 >' };
    const json = jsonForHtml(value);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('builds the CSP of DESIGN section 6', () => {
    assert.equal(
      contentSecurityPolicy('https://x.vscode-cdn.net', 'abc'),
      "default-src 'none'; script-src 'nonce-abc'; style-src https://x.vscode-cdn.net 'unsafe-inline'; img-src https://x.vscode-cdn.net data:; font-src https://x.vscode-cdn.net",
    );
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}$/);
  });

  it('accepts only well-formed messages from the page', () => {
    assert.deepEqual(parseSummaryMessage({ type: 'openModule', name: 'x' }), { type: 'openModule', name: 'x' });
    assert.equal(parseSummaryMessage({ type: 'openModule', name: 3 }), undefined);
    assert.equal(parseSummaryMessage({ type: 'openExternal' }), undefined);
    assert.deepEqual(parseSummaryMessage({ type: 'openRuleDocs', id: 'quality/missing-tests', url: 'file:///etc/passwd' }), { type: 'openRuleDocs', id: 'quality/missing-tests' });
    assert.equal(parseSummaryMessage({ type: 'openRuleDocs', id: ['quality/missing-tests'] }), undefined);
    assert.equal(parseSummaryMessage({ type: 'runCommand', command: 'x' }), undefined);
    assert.equal(parseSummaryMessage('exportMarkdown'), undefined);
    assert.equal(parseSummaryMessage(null), undefined);
    assert.deepEqual(parseSummaryMessage({ type: 'selectRoot', uri: 'file:///a', extra: 1 }), { type: 'selectRoot', uri: 'file:///a' });
  });
});
