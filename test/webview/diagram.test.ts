/**
 * The diagram webview in headless Chromium: the panel's own HTML and script, Mermaid's browser
 * build under the real CSP, fed by the functions the panel calls. Checks the drawn SVG.
 */
import * as assert from 'node:assert/strict';
import type { Model } from '../../src/core/model/types';
import { PALETTES } from '../../src/webview/diagramPalette';
import { LEVEL_LABEL } from '../../src/core/scorecard';
import { buildDiagram, DEFAULT_MAX_EDGES, DEFAULT_MAX_GROUPS } from '../../src/core/report/mermaid';
import { defaultState, diagramOptions, renderMessage } from '../../src/webview/diagram-host';
import type { DiagramViewState, DiagramPageMessage as WebviewMessage } from '../../src/protocol/diagram';
import { drawnEdges, drawnNodes, drawnSubgraphs, exampleModel, generatedModel, useDiagramBrowser } from './diagramHarness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any;

const LEVEL_FILL: Record<string, string> = {
  gold: 'rgb(251, 231, 161)',
  silver: 'rgb(227, 231, 235)',
  bronze: 'rgb(243, 211, 176)',
  none: 'rgb(238, 238, 238)',
};

function lastOf<T extends WebviewMessage['type']>(posted: WebviewMessage[], type: T): Extract<WebviewMessage, { type: T }> | undefined {
  return posted.filter((m): m is Extract<WebviewMessage, { type: T }> => m.type === type).at(-1);
}

describe('diagram webview (Chromium)', function () {
  this.timeout(120_000);
  const open = useDiagramBrowser();
  let acme: Model;
  before(async () => {
    acme = await exampleModel();
  });

  it('draws the example workspace: nodes, subgraphs by system, solid and dashed edges, levels, findings, deprecation', async () => {
    const p = await open(acme);
    assert.equal((await p.rendered()).render, 'done');
    const expected = buildDiagram(acme, diagramOptions(defaultState()));
    const nodes = await drawnNodes(p.page);
    assert.equal(nodes.length, acme.modules.length, 'one node per module (the example is small: nothing collapsed)');
    assert.deepEqual(nodes.map((n) => n.id).sort(), expected.nodes.map((n) => n.id).sort());
    const systems = [...new Set(acme.modules.map((m) => m.system).filter((s) => s))].sort();
    assert.deepEqual((await drawnSubgraphs(p.page)).sort(), systems);
    const edges = await drawnEdges(p.page);
    assert.equal(edges.length, expected.edges.length);
    assert.equal(edges.filter((e) => e.dashed).length, expected.edges.filter((e) => e.kind === 'consumes').length);
    assert.ok(edges.some((e) => e.dashed) && edges.some((e) => !e.dashed), 'both kinds drawn');
    const labels = await p.page.$$eval('#stage svg g.edgeLabel', (els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
    for (const e of expected.edges.filter((x) => x.kind === 'consumes')) assert.ok(labels.includes(e.label ?? ''), `edge label ${e.label}`);

    for (const node of expected.nodes) {
      const drawn = nodes.find((n) => n.id === node.id);
      assert.ok(drawn, node.id);
      const m = acme.modules.find((x) => x.name === node.modules[0]);
      assert.ok(m);
      assert.equal(drawn.fill, LEVEL_FILL[m.level], `${m.name} coloured as ${m.level}`);
      assert.ok(drawn.text.startsWith(m.name), `${drawn.text} shows the name`);
      // The module's team by its display name (model/teams.ts), as on every other surface.
      const team = acme.teams.find((t) => t.id === m.team);
      assert.ok(drawn.text.includes(team?.name ?? 'no owner'), `${drawn.text} shows the team`);
      const problems = acme.findings.filter((f) => f.module === m.name && f.severity !== 'info').length;
      assert.equal(drawn.text.includes('⚠'), problems > 0, `${m.name}: mark iff findings`);
      assert.equal(drawn.classes.includes('deprecated'), m.lifecycle === 'deprecated');
      if (m.lifecycle === 'deprecated') assert.match(drawn.text, /\(deprecated\)/);
    }
    assert.ok(acme.modules.some((m) => m.lifecycle === 'deprecated'), 'the example has a deprecated module');
    assert.deepEqual(await p.page.evaluate(() => (window as unknown as { __csp: string[] }).__csp), [], 'no CSP violation');
  });

  it('a click on a node selects it and fills the side panel beside the drawing; double-click or the button opens the contract', async () => {
    const p = await open(acme);
    const target = acme.modules.find((m) => m.name === 'payments-api');
    assert.ok(target);
    await p.page.locator('#stage g.node', { hasText: 'payments-api' }).first().click();
    await p.page.locator('#details:not([hidden]) h2', { hasText: 'payments-api' }).waitFor();
    assert.deepEqual(lastOf(p.posted, 'select'), { type: 'select', module: 'payments-api' });
    assert.equal(lastOf(p.posted, 'open'), undefined, 'a click opens nothing');
    const text = await p.page.locator('#detailsBody').innerText();
    // The team by its name (teams.yaml names @acme/payments "Payments"), the handle second.
    assert.match(text, /Owner\s+Payments\s+declared as @acme\/payments/);
    assert.match(text, new RegExp(`Scorecard\\s+${LEVEL_LABEL[target.level]}`));
    // Gold: every criterion met (core/scorecard.ts levelExplanation).
    assert.match(text, /Gold: every criterion met\./);
    assert.match(text, /Escalation[\s\S]*#payments-oncall/);
    for (const id of target.priorities) assert.ok(text.includes(id), `priority ${id}`);
    // Findings: one list item each, with the rule, the message and the file:line to open.
    const findings = acme.findings.filter((f) => f.module === 'payments-api');
    assert.equal(await p.page.locator('#detailsBody li.finding').count(), findings.length);
    if (findings.length > 0) {
      const f = findings[0];
      const item = p.page.locator('#detailsBody li.finding').first();
      assert.equal(await item.locator('.rule').innerText(), f.ruleId);
      await item.locator('button.where').click();
      assert.deepEqual(lastOf(p.posted, 'openFinding'), { type: 'openFinding', file: f.file, line: f.line });
    }
    // The panel is beside the canvas, not over it.
    const d = await p.page.locator('#details').boundingBox();
    const c = await p.page.locator('#canvas').boundingBox();
    assert.ok(d && c && c.x + c.width <= d.x + 0.5, `canvas ${JSON.stringify(c)} left of details ${JSON.stringify(d)}`);
    await p.page.getByRole('button', { name: 'Open contract' }).click();
    assert.deepEqual(lastOf(p.posted, 'open'), { type: 'open', module: 'payments-api' });
    await p.page.locator('#stage g.node', { hasText: 'ledger' }).first().dblclick();
    assert.deepEqual(lastOf(p.posted, 'open'), { type: 'open', module: 'ledger' });
    // Keyboard: Enter on a focused node selects it.
    await p.page.locator('#stage g.node', { hasText: 'ledger' }).first().focus();
    await p.page.keyboard.press('Enter');
    assert.deepEqual(lastOf(p.posted, 'select'), { type: 'select', module: 'ledger' });
  });

  it('filters by team, system, priority and problems; focus with depth 1 and 2; group by team', async () => {
    const p = await open(acme);
    const count = async (): Promise<number> => (await drawnNodes(p.page)).length;
    let renders = 1;
    const expectModules = (state: Partial<DiagramViewState>): number => {
      const s = { ...defaultState(), ...state };
      return buildDiagram(acme, diagramOptions(s)).nodes.length;
    };

    await p.page.selectOption('#team', '@acme/payments');
    await p.rendered(++renders);
    assert.equal(lastOf(p.posted, 'update')?.state.filter.team, '@acme/payments');
    const payments = acme.modules.filter((m) => m.owners.some((o) => o === '@acme/payments' || o === 'group:default/payments' || o === 'payments-team'));
    assert.equal(await count(), payments.length);
    assert.ok(payments.length >= 2);

    await p.page.selectOption('#team', '');
    await p.rendered(++renders);
    await p.page.selectOption('#system', 'checkout');
    await p.rendered(++renders);
    assert.equal(await count(), acme.modules.filter((m) => m.system === 'checkout').length);

    await p.page.selectOption('#system', '');
    await p.rendered(++renders);
    await p.page.selectOption('#priority', 'reliability');
    await p.rendered(++renders);
    assert.equal(await count(), acme.modules.filter((m) => m.priorities.includes('reliability')).length);

    await p.page.selectOption('#priority', '');
    await p.rendered(++renders);
    await p.page.check('#onlyProblems');
    await p.rendered(++renders);
    const problems = new Set(acme.findings.filter((f) => f.severity !== 'info' && f.module).map((f) => f.module));
    assert.equal(await count(), problems.size);
    assert.ok(problems.size > 0 && problems.size < acme.modules.length);
    await p.page.uncheck('#onlyProblems');
    await p.rendered(++renders);
    await p.page.check('#allDependencies');
    await p.rendered(++renders);
    assert.equal(lastOf(p.posted, 'update')?.state.allDependencies, true);
    await p.page.uncheck('#allDependencies');
    await p.rendered(++renders);
    assert.equal(lastOf(p.posted, 'update')?.state.allDependencies, false);
    assert.match(await p.page.locator('footer.legend').innerText(), /dev, peer/);

    await p.page.fill('#search', 'fraud-scoring');
    await p.page.press('#search', 'Enter');
    await p.rendered(++renders);
    const depth1 = expectModules({ focus: 'fraud-scoring', focusDepth: 1 });
    assert.equal(await count(), depth1);
    assert.ok((await drawnNodes(p.page)).some((n) => n.text.startsWith('fraud-scoring') && n.classes.includes('focus')));
    await p.page.selectOption('#depth', '2');
    await p.rendered(++renders);
    const depth2 = expectModules({ focus: 'fraud-scoring', focusDepth: 2 });
    assert.equal(await count(), depth2);
    assert.ok(depth2 > depth1, `depth 2 (${depth2}) shows more than depth 1 (${depth1})`);
    await p.page.click('#clearFocus');
    await p.rendered(++renders);
    assert.equal(await count(), acme.modules.length);

    await p.page.selectOption('#groupBy', 'team');
    await p.rendered(++renders);
    const teamTitles = await drawnSubgraphs(p.page);
    assert.ok(teamTitles.includes('Payments') && teamTitles.includes('Platform'), teamTitles.join(', '));
  });

  it('keeps its state across a reload (serializer) and follows the colour theme', async () => {
    const p = await open(acme, { theme: 'vscode-dark' });
    assert.equal(await p.page.evaluate(() => document.body.dataset.mermaidTheme), 'dark');
    // The dark palette (diagramPalette.ts) reaches Mermaid: its edge colour is in the drawing.
    const darkLines = await p.page.$eval('#stage svg', (svg, line) => svg.innerHTML.toLowerCase().includes(line), PALETTES.dark.line);
    assert.ok(darkLines, "the dark palette's colours are in the SVG");
    await p.page.selectOption('#system', 'growth');
    await p.rendered(2);
    // The readability ladder may draw it once more, smaller (tooSmall): zoom on the settled drawing.
    await p.page.waitForFunction(() => document.body.dataset.render === 'done' && document.body.dataset.settled === 'true');
    const fitted = p.saved()?.view?.scale;
    await p.page.click('#zoomIn');
    // setState reaches the host asynchronously.
    for (let i = 0; i < 50 && p.saved()?.view?.scale === fitted; i++) await new Promise((r) => setTimeout(r, 20));
    const saved = p.saved();
    assert.ok(fitted && saved?.view && Math.abs(saved.view.scale / fitted - 1.25) < 1e-6, 'zoom in scales by 1.25 and is saved');
    assert.equal(saved?.filter.system, 'growth');
    assert.ok(saved?.view && saved.view.scale > 0);
    await p.reload();
    assert.equal(await p.page.inputValue('#system'), 'growth');
    assert.equal((await drawnNodes(p.page)).length, acme.modules.filter((m) => m.system === 'growth').length);
    const transform = await p.page.$eval('#stage', (e) => (e as unknown as { style: { transform: string } }).style.transform);
    assert.ok(saved?.view);
    const scale = Number(/scale\(([\d.]+)\)/.exec(transform)?.[1]);
    assert.ok(Math.abs(scale - saved.view.scale) < 1e-4, `${transform} restores the zoom ${saved.view.scale}`);

    await p.setTheme('vscode-high-contrast');
    await p.rendered(2);
    await p.page.waitForFunction(() => document.body.dataset.mermaidTheme === 'hc-dark');
    await p.setTheme('vscode-light');
    await p.page.waitForFunction(() => document.body.dataset.mermaidTheme === 'light');
  });

  it('export buttons: the drawn SVG goes to the host; copy and the source exports are requested', async () => {
    const p = await open(acme);
    await p.page.click('#exportSvg');
    await p.page.click('#copyMermaid');
    await p.page.click('#exportMermaid');
    await p.page.click('#exportMarkdown');
    // The SVG is drawn again in the light palette first: it arrives last.
    for (let i = 0; i < 100 && p.posted.filter((m) => m.type === 'export' || m.type === 'copy').length < 4; i++) await p.page.waitForTimeout(100);
    const exports = p.posted.filter((m) => m.type === 'export' || m.type === 'copy');
    assert.deepEqual(
      exports.map((m) => (m.type === 'export' ? m.format : m.type)).sort(),
      ['copy', 'markdown', 'mermaid', 'svg'],
    );
    const first = exports.find((m) => m.type === 'export' && m.format === 'svg');
    assert.ok(first);
    assert.ok(first.type === 'export' && first.format === 'svg');
    assert.match(first.svg, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    for (const m of acme.modules) assert.ok(first.svg.includes(m.name.replace(/&/g, '&amp;')), `the SVG shows ${m.name}`);
    // A standalone SVG file: it parses as XML in the browser.
    const parsesAsXml = await p.page.evaluate(
      (text) => new (window as { DOMParser: new () => { parseFromString(t: string, type: string): { querySelector(s: string): unknown } } }).DOMParser().parseFromString(text, 'image/svg+xml').querySelector('parsererror') === null,
      first.svg,
    );
    assert.ok(parsesAsXml, 'the exported SVG is well-formed XML');
  });

  it('refreshes live when the model changes', async () => {
    const p = await open(acme);
    const before = (await drawnNodes(p.page)).length;
    const transform = () => p.page.$eval('#stage', (e) => (e as unknown as { style: { transform: string } }).style.transform);
    await p.page.click('#zoomIn');
    await p.page.click('#zoomIn');
    const zoomed = await transform();
    const fewer: Model = { ...acme, modules: acme.modules.filter((m) => m.name !== 'search') };
    await p.refresh(fewer);
    await p.rendered(2);
    assert.equal((await drawnNodes(p.page)).length, before - 1);
    assert.ok(!(await drawnNodes(p.page)).some((n) => n.text.startsWith('search')));
    assert.equal(await transform(), zoomed, 'a live refresh keeps the pan and zoom');
  });

  it('500 modules: collapsed groups with counts and counted edges; a click expands one group, its title collapses it', async () => {
    const model = await generatedModel(500, 3);
    const p = await open(model);
    const msg = renderMessage(model, defaultState());
    assert.ok(msg.diagram?.collapsed);
    let nodes = await drawnNodes(p.page);
    assert.equal(nodes.length, msg.diagram.nodes.length);
    assert.ok(nodes.every((n) => /\(\d+ modules?\)|\d+ more/.test(n.text)), 'every node is a group with its count');
    assert.equal(nodes.reduce((sum, n) => sum + Number(/(\d+) modules?\)/.exec(n.text)?.[1] ?? 0), 0), 500, 'the counts add up to every module');
    const edgeLabels = await p.page.$$eval('#stage svg g.edgeLabel', (els) => els.map((e) => (e.textContent ?? '').trim()).filter(Boolean));
    // A bundled edge says how many dependencies it stands for ("3 dependencies").
    assert.ok(edgeLabels.some((l) => /^\d+ dependencies$/.test(l) && Number.parseInt(l, 10) > 1), 'edges between groups carry their counts');

    const group = msg.diagram.nodes.find((n) => n.collapsed && n.group !== null && n.modules.length < 60);
    assert.ok(group);
    await p.page.locator(`#stage g.node[data-node="${group.id}"]`).click();
    await p.rendered(2);
    assert.deepEqual(lastOf(p.posted, 'update')?.state.expand, [group.group]);
    nodes = await drawnNodes(p.page);
    const expandedModules = nodes.filter((n) => !/\(\d+ modules?\)|\d+ more/.test(n.text));
    assert.equal(expandedModules.length, group.modules.length, 'the group shows its modules');
    assert.equal((await drawnSubgraphs(p.page)).length, 1);
    const after = renderMessage(model, lastOf(p.posted, 'update')?.state ?? defaultState()).diagram;
    assert.ok(after);
    assert.equal(nodes.length, after.nodes.length);
    assert.equal(after.nodes.filter((n) => !n.collapsed).length, group.modules.length, 'the other groups stay collapsed');

    await p.page.locator('#stage g.cluster .cluster-label').first().click();
    await p.rendered(3);
    assert.deepEqual(lastOf(p.posted, 'update')?.state.expand, []);
    assert.equal((await drawnNodes(p.page)).length, msg.diagram.nodes.length);
  });

  it('a way back: the breadcrumb names the opened group and the focus, each step leads back, and Back (Alt+←) undoes each change', async () => {
    const model = await generatedModel(500, 3);
    const p = await open(model);
    const crumbs = (): Promise<string[]> => p.page.$$eval('#crumbList li', (els) => els.map((e) => (e.textContent ?? '').trim()));
    const current = (): Promise<string> => p.page.locator('#crumbList [aria-current="page"]').innerText();
    assert.deepEqual(await crumbs(), ['Overview']);
    assert.equal(await p.page.locator('#back').isDisabled(), true, 'nothing to go back to on the first view');
    const overview = (await drawnNodes(p.page)).length;

    // Open a group: the breadcrumb names it as the drawing does.
    const msg = renderMessage(model, defaultState());
    const group = msg.diagram?.nodes.find((n) => n.collapsed && n.group !== null && n.modules.length < 60);
    assert.ok(group && group.group !== null);
    const label = msg.diagram?.groups.find((g) => g.key === group.group)?.label;
    assert.ok(label);
    await p.page.locator(`#stage g.node[data-node="${group.id}"]`).click();
    await p.rendered(2);
    assert.deepEqual(await crumbs(), ['Overview', label]);
    assert.equal(await current(), label);

    // Focus one of its modules: a third step.
    const member = group.modules[0];
    await p.page.fill('#search', member);
    await p.page.press('#search', 'Enter');
    await p.rendered(3);
    assert.deepEqual(await crumbs(), ['Overview', label, `Focus: ${member}`]);

    // The group's step leads back to the opened group without the focus.
    await p.page.locator('#crumbList button', { hasText: label }).click();
    await p.rendered(4);
    let state = lastOf(p.posted, 'update')?.state;
    assert.equal(state?.focus, null);
    assert.deepEqual(state?.expand, [group.group]);
    assert.equal(await p.page.inputValue('#search'), '');

    // Overview closes every group.
    await p.page.locator('#crumbList button', { hasText: 'Overview' }).click();
    await p.rendered(5);
    assert.deepEqual(lastOf(p.posted, 'update')?.state.expand, []);
    assert.equal((await drawnNodes(p.page)).length, overview);
    assert.deepEqual(await crumbs(), ['Overview']);

    // Back walks the same way in reverse: the opened group, then the focus, then the group again.
    await p.page.click('#back');
    await p.rendered(6);
    assert.deepEqual(await crumbs(), ['Overview', label]);
    await p.page.locator('#canvas').focus();
    await p.page.keyboard.press('Alt+ArrowLeft');
    await p.rendered(7);
    state = lastOf(p.posted, 'update')?.state;
    assert.equal(state?.focus, member);
    assert.equal(await p.page.inputValue('#search'), member);
    await p.page.click('#back');
    await p.rendered(8);
    assert.deepEqual(await crumbs(), ['Overview', label]);
    await p.page.click('#back');
    await p.rendered(9);
    assert.deepEqual(await crumbs(), ['Overview']);
    assert.equal(await p.page.locator('#back').isDisabled(), true, 'back at the first view');
  });

  it('a filter closes the groups opened before it (a new overview of what it keeps)', async () => {
    const model = await generatedModel(500, 3);
    const p = await open(model);
    const msg = renderMessage(model, defaultState());
    const group = msg.diagram?.nodes.find((n) => n.collapsed && n.group !== null && n.modules.length < 60);
    assert.ok(group);
    await p.page.locator(`#stage g.node[data-node="${group.id}"]`).click();
    await p.rendered(2);
    assert.deepEqual(lastOf(p.posted, 'update')?.state.expand, [group.group]);
    const team = msg.choices.teams[0].value;
    await p.page.selectOption('#team', team);
    await p.rendered(3);
    const state = lastOf(p.posted, 'update')?.state;
    assert.equal(state?.filter.team, team);
    assert.deepEqual(state?.expand, []);
    await p.page.click('#back');
    await p.rendered(4);
    assert.deepEqual(lastOf(p.posted, 'update')?.state.expand, [group.group], 'Back reopens the group, unfiltered');
    assert.equal(lastOf(p.posted, 'update')?.state.filter.team, null);
  });

  it('"N more" shows the next groups when clicked', async () => {
    const model = await generatedModel(300, 5);
    const p = await open(model);
    await p.page.selectOption('#groupBy', 'team');
    await p.rendered(2);
    const more = p.page.locator('#stage g.node', { hasText: / more \(/ });
    assert.equal(await more.count(), 1, 'the smallest teams fold into "N more"');
    const before = (await drawnNodes(p.page)).length;
    await more.click();
    await p.rendered(3);
    assert.equal(lastOf(p.posted, 'update')?.state.maxGroups, 48);
    assert.ok((await drawnNodes(p.page)).length > before);
  });

  it('5,000 modules open on a collapsed, readable overview without a Mermaid error', async function () {
    this.timeout(300_000);
    const model = await generatedModel(5000, 1);
    assert.equal(model.modules.length, 5000);
    const p = await open(model, { viewport: { width: 1600, height: 1000 } });
    const result = await p.rendered();
    assert.equal(result.render, 'done');
    const nodes = await drawnNodes(p.page);
    assert.ok(nodes.length > 1 && nodes.length <= DEFAULT_MAX_GROUPS, `${nodes.length} group nodes`);
    assert.ok((await drawnEdges(p.page)).length <= DEFAULT_MAX_EDGES);
    assert.equal(await p.page.locator('#stage svg[aria-roledescription="error"], .error-icon').count(), 0);
    console.log(`      5,000 modules: overview drawn in ${result.ms} ms (${nodes.length} nodes)`);
  });
});
