/**
 * The diagram's readability in headless Chromium, from what the browser draws: text contrast
 * (WCAG 2.x, ≥ 4.5:1) of every node, cluster and edge label against what it is drawn on, in each
 * VS Code theme kind; nodes that stand out from their cluster (fill or border ≥ 3:1); an exported
 * SVG with its own light background from the dark theme; fit that never enlarges past 100%; and
 * the readability ladder (too-small text → collapsed groups → a list that says why).
 */
import * as assert from 'node:assert/strict';
import type { Model } from '../../src/core/model/types';
import { MIN_TEXT_PX } from '../../src/protocol/diagram';
import { exampleModel, generatedModel, type DiagramPage, type Theme, useDiagramBrowser } from './diagramHarness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any, getComputedStyle: any, Node: any;

interface Pair {
  what: string;
  fg: string;
  bg: string;
}

/** Relative luminance and contrast ratio (WCAG 2.x) of CSS `rgb()`/`rgba()` colours; alpha composited over `base`. */
function rgb(css: string, base: [number, number, number] = [255, 255, 255]): [number, number, number] {
  const m = /rgba?\(([^)]*)\)/.exec(css);
  if (!m) throw new Error(`not a colour: ${css}`);
  const [r, g, b, a = 1] = m[1].split(/[\s,/]+/).filter((x) => x !== '').map(Number);
  return [r * a + base[0] * (1 - a), g * a + base[1] * (1 - a), b * a + base[2] * (1 - a)];
}
function luminance([r, g, b]: [number, number, number]): number {
  const c = (v: number): number => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
}
export function contrast(a: string, b: string, base?: [number, number, number]): number {
  const bg = rgb(b, base);
  const la = luminance(rgb(a, bg));
  const lb = luminance(bg);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Every label of the drawing with its text colour and the colour it sits on; nodes inside clusters with the cluster's fill. */
async function colourPairs(p: DiagramPage): Promise<{ text: Pair[]; nodes: { what: string; fill: string; stroke: string; cluster: string }[]; page: string }> {
  return p.page.evaluate(() => {
    const style = (e: unknown) => getComputedStyle(e);
    const ownText = (e: { childNodes: Iterable<{ nodeType: number; textContent: string }> }) =>
      [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
    const text: { what: string; fg: string; bg: string }[] = [];
    const nodes: { what: string; fill: string; stroke: string; cluster: string }[] = [];
    const pageBg = style(document.body).backgroundColor;
    const svg = document.querySelector('#stage svg');
    const backdrop = (e: { parentElement: unknown }, shape: string): string => {
      // The first HTML ancestor with a background inside the label, else the SVG shape behind it.
      for (let x = e as { parentElement: unknown; localName?: string } | null; x && x.localName !== 'foreignObject'; x = x.parentElement as typeof x) {
        const bg = style(x).backgroundColor;
        if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
      }
      return shape;
    };
    for (const node of svg.querySelectorAll('g.node')) {
      const shape = node.querySelector('rect, polygon, path');
      const fill = style(shape).fill;
      for (const t of node.querySelectorAll('span, p, div')) if (ownText(t)) text.push({ what: `node ${t.textContent.trim()}`, fg: style(t).color, bg: backdrop(t, fill) });
      // Nodes inside a subgraph: Mermaid draws them in a group beside the cluster's rect.
      const inCluster = [...svg.querySelectorAll('g.cluster')].find((c: { getBoundingClientRect(): DOMRectLike }) => {
        const a = c.getBoundingClientRect();
        const b = node.getBoundingClientRect();
        return b.left >= a.left && b.right <= a.right && b.top >= a.top && b.bottom <= a.bottom;
      });
      if (inCluster) nodes.push({ what: node.textContent.trim(), fill, stroke: style(shape).stroke, cluster: style(inCluster.querySelector('rect')).fill });
    }
    for (const c of svg.querySelectorAll('g.cluster')) {
      const fill = style(c.querySelector('rect')).fill;
      for (const t of c.querySelectorAll('.cluster-label span, .cluster-label p, .cluster-label div, .cluster-label text, .cluster-label tspan'))
        if (ownText(t)) text.push({ what: `cluster ${t.textContent.trim()}`, fg: style(t).color, bg: backdrop(t, fill) });
    }
    for (const e of svg.querySelectorAll('g.edgeLabel span, g.edgeLabel p, g.edgeLabel div'))
      if (ownText(e)) text.push({ what: `edge ${e.textContent.trim()}`, fg: style(e).color, bg: backdrop(e, pageBg) });
    return { text, nodes, page: pageBg };
    interface DOMRectLike {
      left: number;
      right: number;
      top: number;
      bottom: number;
    }
  });
}

describe('diagram webview: themes, fit and readability (Chromium)', function () {
  this.timeout(180_000);
  const open = useDiagramBrowser();
  let acme: Model;
  before(async () => {
    acme = await exampleModel();
  });

  const themes: Theme[] = ['vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light'];
  for (const theme of themes) {
    it(`${theme}: every text ≥ 4.5:1 on its fill, every node ≥ 3:1 against its cluster (fill or border)`, async () => {
      // Expanded subgraphs by system, every level, edge labels: the example drawn whole.
      const p = await open(acme, { theme, viewport: { width: 2400, height: 1400 }, state: { ...(await import('../../src/protocol/diagram')).defaultViewState(), collapse: 'none', groupBy: 'system' } });
      const { text, nodes } = await colourPairs(p);
      assert.ok(text.filter((t) => t.what.startsWith('node')).length >= acme.modules.length, 'every node label measured');
      assert.ok(text.some((t) => t.what.startsWith('cluster')), 'cluster labels measured');
      assert.ok(text.some((t) => t.what.startsWith('edge')), 'edge labels measured');
      assert.ok(nodes.length > 0, 'nodes inside clusters measured');
      const levels = new Set(acme.modules.map((m) => m.level));
      assert.ok(levels.size >= 3, `the example shows ${[...levels].join(', ')}`);
      const worst = text.map((t) => ({ ...t, ratio: contrast(t.fg, t.bg) })).sort((a, b) => a.ratio - b.ratio);
      for (const t of worst) assert.ok(t.ratio >= 4.5, `${theme}: ${t.what}: ${t.fg} on ${t.bg} is ${t.ratio.toFixed(2)}:1`);
      for (const n of nodes) {
        const ratio = Math.max(contrast(n.fill, n.cluster), contrast(n.stroke, n.cluster));
        assert.ok(ratio >= 3, `${theme}: node ${n.what} (${n.fill}, border ${n.stroke}) on cluster ${n.cluster}: ${ratio.toFixed(2)}:1`);
      }
      console.log(`      ${theme}: lowest text contrast ${worst[0].ratio.toFixed(2)}:1 (${worst[0].what}); lowest node/cluster ${Math.min(...nodes.map((n) => Math.max(contrast(n.fill, n.cluster), contrast(n.stroke, n.cluster)))).toFixed(2)}:1`);
    });
  }

  it('an SVG exported from the dark theme carries a light background and the light palette', async () => {
    const p = await open(acme, { theme: 'vscode-dark' });
    await p.page.click('#exportSvg');
    for (let i = 0; i < 100 && !p.posted.some((m) => m.type === 'export'); i++) await p.page.waitForTimeout(100);
    const exported = p.posted.find((m) => m.type === 'export');
    assert.ok(exported && exported.type === 'export' && exported.format === 'svg');
    const svg = exported.svg;
    // Drawn in a light page, alone: its background rect is white and every label reads on it.
    const check = await p.page.evaluate((text: string) => {
      const holder = document.createElement('div');
      holder.style.background = '#ffffff';
      const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
      holder.append(document.importNode(doc.documentElement, true));
      document.body.append(holder);
      const root = holder.querySelector('svg');
      const first = root.querySelector('rect');
      const edge = root.querySelector('path.flowchart-link');
      const result = { background: first?.getAttribute('fill'), edge: edge ? getComputedStyle(edge).stroke : '', darkBody: document.body.classList.contains('vscode-dark') };
      holder.remove();
      return result;
    }, svg);
    assert.equal(check.background, '#ffffff');
    assert.ok(check.darkBody, 'exported while the page is dark');
    assert.ok(contrast(check.edge, 'rgb(255, 255, 255)') >= 3, `edges ${check.edge} read on white`);
    // The page went back to its own palette after the export.
    assert.equal(await p.page.evaluate(() => document.body.dataset.mermaidTheme), 'dark');
  });

  it('fit never enlarges past 100%; a resize refits', async () => {
    const tiny = await generatedModel(2, 3);
    const p = await open(tiny, { viewport: { width: 1400, height: 900 } });
    const scale = async () => p.page.$eval('#stage', (e: { style: { transform: string } }) => Number(/scale\(([\d.]+)\)/.exec(e.style.transform)?.[1]));
    assert.equal(await scale(), 1, 'a 2-node graph is drawn at 100%, not blown up');
    const px = Number(await p.page.evaluate(() => document.body.dataset.minTextPx));
    assert.ok(px >= MIN_TEXT_PX && px <= 17, `text ${px} px at 100%`);
    const five = await open(acme, { viewport: { width: 1400, height: 900 }, state: { ...(await import('../../src/protocol/diagram')).defaultViewState(), collapse: 'none' } });
    const before = await five.page.$eval('#stage', (e: { style: { transform: string } }) => e.style.transform);
    await five.page.setViewportSize({ width: 700, height: 600 });
    await five.page.waitForFunction((b: string) => document.getElementById('stage').style.transform !== b, before);
    const box = await five.page.locator('#stage svg').boundingBox();
    const canvas = await five.page.locator('#canvas').boundingBox();
    assert.ok(box && canvas && box.width <= canvas.width + 1, `the drawing (${box?.width}) refitted into the smaller canvas (${canvas?.width})`);
  });

  it('too small at its fit: groups collapse, then a searchable list says why; a user change starts again', async () => {
    const acmeAll = await open(acme, { readable: true, viewport: { width: 1400, height: 900 }, state: { ...(await import('../../src/protocol/diagram')).defaultViewState(), collapse: 'none' } });
    await acmeAll.page.waitForFunction(() => document.body.dataset.settled === 'true');
    const first = acmeAll.posted.find((m) => m.type === 'tooSmall');
    assert.ok(first && first.type === 'tooSmall' && first.textPx < MIN_TEXT_PX, 'the whole example at 1400×900 is under 11 px: the page said so');
    const px = Number(await acmeAll.page.evaluate(() => document.body.dataset.minTextPx));
    assert.ok(px >= MIN_TEXT_PX, `collapsed: ${px} px`);
    assert.match(await acmeAll.page.locator('#status').innerText(), /too small to read in one drawing: groups collapsed/);

    // 500 modules grouped: the ladder ends on the largest groups and heaviest edges, readable.
    const big = await generatedModel(500);
    const grouped = await open(big, { readable: true, viewport: { width: 1400, height: 900 } });
    await grouped.page.waitForFunction(() => document.body.dataset.settled === 'true' && document.body.dataset.render !== 'pending');
    if ((await grouped.page.evaluate(() => document.body.dataset.render)) === 'done') {
      assert.ok(Number(await grouped.page.evaluate(() => document.body.dataset.minTextPx)) >= MIN_TEXT_PX);
      assert.match(await grouped.page.locator('#status').innerText(), /too small to read in one drawing: the largest groups and the heaviest edges drawn/);
    }
    // Not grouped, nothing collapses: drawn top to bottom, then a list.
    const { defaultViewState } = await import('../../src/protocol/diagram');
    const p = await open(big, { readable: true, viewport: { width: 1400, height: 900 }, state: { ...defaultViewState(), groupBy: 'none' } });
    await p.page.waitForFunction(() => document.body.dataset.render === 'list');
    assert.match(await p.page.locator('#status').innerText(), /500 modules: shown as a list; focus a module or filter to draw/);
    assert.equal(await p.page.locator('#moduleRows tr').count(), 500);
    assert.ok(await p.page.locator('#canvas').isHidden());
    const name = big.modules[7].name;
    await p.page.fill('#listSearch', name);
    const rows = p.page.locator('#moduleRows tr');
    assert.ok((await rows.count()) >= 1 && (await rows.count()) < 500);
    await p.page.locator(`#moduleRows tr[data-module="${name}"]`).click();
    await p.page.locator('#details:not([hidden]) h2', { hasText: name }).waitFor();
    // Focusing on that module is a change of view: drawn again from step 0.
    await p.page.getByRole('button', { name: 'Focus here' }).click();
    await p.page.waitForFunction(() => document.body.dataset.render === 'done' && document.body.dataset.settled === 'true');
    const update = p.posted.filter((m) => m.type === 'update').at(-1);
    assert.ok(update && update.type === 'update' && update.state.shrink === 0 && update.state.focus === name);
  });

  it('a view collapsed for want of room is tried again from its drawing when the room grows', async () => {
    // The whole example, uncollapsed, in a small editor: the ladder collapses its groups.
    const { defaultViewState } = await import('../../src/protocol/diagram');
    const p = await open(acme, { readable: true, viewport: { width: 700, height: 500 }, state: { ...defaultViewState(), collapse: 'none' } });
    await p.page.waitForFunction(() => document.body.dataset.settled === 'true' && document.body.dataset.render !== 'pending');
    const small = p.posted.filter((m) => m.type === 'tooSmall').length;
    assert.ok(small >= 1, 'too small at 700×500');
    const updates = p.posted.filter((m) => m.type === 'update').length;
    // A smaller editor refits only: no new attempt.
    await p.page.setViewportSize({ width: 660, height: 480 });
    await p.page.waitForTimeout(300);
    assert.equal(p.posted.filter((m) => m.type === 'update').length, updates, 'less room: no redraw from the start');
    // Much more room: the view is asked again from step 0, and at 2400×1400 the whole example reads without collapsing.
    await p.page.setViewportSize({ width: 2400, height: 1400 });
    for (let i = 0; i < 100 && p.posted.filter((m) => m.type === 'update').length === updates; i++) await p.page.waitForTimeout(100);
    const again = p.posted.filter((m) => m.type === 'update').at(-1);
    assert.ok(again && again.type === 'update' && again.state.shrink === 0, 'the ladder starts again');
    await p.page.waitForTimeout(300);
    await p.page.waitForFunction(() => document.body.dataset.settled === 'true' && document.body.dataset.render === 'done');
    assert.ok(Number(await p.page.evaluate(() => document.body.dataset.minTextPx)) >= MIN_TEXT_PX);
    assert.doesNotMatch(await p.page.locator('#status').innerText(), /too small to read in one drawing/, 'drawn whole in the larger room');
  });
});
