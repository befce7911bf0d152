/**
 * The layout of a drawing (issue 14): a view the host chooses ELK for (`layoutFor`) is drawn
 * with ELK in the panel's page, under its CSP, ELK's script loaded from media/ only then; a view
 * left to dagre never loads it. And the crossing counter of bench/layout.mjs on real drawings.
 */
import * as assert from 'node:assert/strict';
import type { Model } from '../../src/core/model/types';
import { defaultState, renderMessage } from '../../src/webview/diagram-host';
import { analyze, drawnEdges, drawnNodes, exampleModel, type DiagramPage, useDiagramBrowser } from './diagramHarness';
import { drawnCrossings } from './edgeCrossings';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any, window: any;

const TEAMS = 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/platform"\n    name: Platform\n    escalation:\n      - { kind: chat, target: "#platform" }\n';

/** A workspace of libraries under libs/<name>, each with its dependencies. */
function workspace(deps: Record<string, string[]>): Record<string, string> {
  const files: Record<string, string> = { 'teams.yaml': TEAMS };
  for (const [name, on] of Object.entries(deps)) {
    const lines = ['apiVersion: northstar/v1', 'kind: ServiceContract', `name: ${name}`, 'owner: "@acme/platform"', 'type: library'];
    if (on.length > 0) lines.push(`dependsOn: [${on.join(', ')}]`);
    files[`libs/${name}/service-contract.yaml`] = lines.join('\n') + '\n';
  }
  return files;
}

/** K3,3: three services each using the same three libraries. No drawing of it is free of crossings. */
const K33 = { api: ['auth', 'billing', 'search'], web: ['auth', 'billing', 'search'], jobs: ['auth', 'billing', 'search'], auth: [], billing: [], search: [] };

/** Forty-two packages in three layers (apps → features → core), each using two of the layer below. */
function layered(): Record<string, string[]> {
  const deps: Record<string, string[]> = {};
  const core = Array.from({ length: 10 }, (_, i) => `core-${i}`);
  const features = Array.from({ length: 16 }, (_, i) => `feature-${i}`);
  const apps = Array.from({ length: 16 }, (_, i) => `app-${i}`);
  for (const c of core) deps[c] = [];
  features.forEach((f, i) => (deps[f] = [core[i % core.length], core[(i * 3 + 1) % core.length]]));
  apps.forEach((a, i) => (deps[a] = [features[i], features[(i * 5 + 2) % features.length]]));
  return deps;
}

describe('diagram layout (Chromium)', function () {
  this.timeout(180_000);
  const csp = (p: DiagramPage): Promise<string[]> => p.page.evaluate(() => [...window.__csp]);
  const open = useDiagramBrowser(async (p) => assert.deepEqual(await csp(p), [], 'no Content-Security-Policy violation'));
  const elkLoaded = (p: DiagramPage): Promise<boolean> => p.page.evaluate(() => window.northstarElkLayouts !== undefined);

  it('draws a large expanded view with ELK: the layout the host chose, its script loaded from media/, every node and edge drawn', async () => {
    const model = await analyze(workspace(layered()));
    const state = { ...defaultState(), groupBy: 'none' as const };
    const message = renderMessage(model, state);
    assert.ok(message.diagram);
    assert.equal(message.diagram.nodes.length, 42);
    assert.equal(message.diagram.layout, 'elk', 'the host chose ELK for 42 nodes');
    const p = await open(model, { state, viewport: { width: 1600, height: 1000 } });
    assert.equal((await p.rendered()).render, 'done');
    assert.equal(await p.page.evaluate(() => document.body.dataset.layout), 'elk');
    assert.equal(await elkLoaded(p), true, 'ELK was loaded for this drawing');
    const scripts = await p.page.evaluate(() => [...document.querySelectorAll('script[src]')].map((s: { src: string }) => new URL(s.src).pathname));
    assert.ok(scripts.includes('/media/mermaid/layout-elk.js'), scripts.join(', '));
    assert.equal((await drawnNodes(p.page)).length, 42);
    assert.equal((await drawnEdges(p.page)).length, message.diagram.edges.length);
    // ELK's drawing is laid out (not every node at one place): nodes spread over both axes.
    const spread = await p.page.evaluate(() => {
      const boxes = [...document.querySelectorAll('#stage svg g.node')].map((n: { getBoundingClientRect(): { x: number; y: number } }) => n.getBoundingClientRect());
      return { xs: new Set(boxes.map((b: { x: number }) => Math.round(b.x))).size, ys: new Set(boxes.map((b: { y: number }) => Math.round(b.y))).size };
    });
    assert.ok(spread.xs >= 3 && spread.ys >= 3, JSON.stringify(spread));
  });

  it('draws a small view with dagre and never loads ELK', async () => {
    const acme: Model = await exampleModel();
    assert.equal(renderMessage(acme, defaultState()).diagram?.layout, 'dagre');
    const p = await open(acme);
    assert.equal((await p.rendered()).render, 'done');
    assert.equal(await p.page.evaluate(() => document.body.dataset.layout), 'dagre');
    assert.equal(await elkLoaded(p), false);
  });

  it('counts the crossings of real drawings: none for a chain, at least one for K3,3 in either layout', async () => {
    const state = { ...defaultState(), groupBy: 'none' as const };
    const chain = await analyze(workspace({ a: ['b'], b: ['c'], c: ['d'], d: [] }));
    const k33 = await analyze(workspace(K33));
    for (const layout of ['dagre', 'elk'] as const) {
      const line = await open(chain, { state, layout });
      assert.equal((await line.rendered()).render, 'done');
      assert.deepEqual(await drawnCrossings(line.page), { crossings: 0, edges: 3 }, layout);
      const p = await open(k33, { state, layout });
      assert.equal((await p.rendered()).render, 'done');
      assert.equal(await p.page.evaluate(() => document.body.dataset.layout), layout);
      const counted = await drawnCrossings(p.page);
      assert.equal(counted.edges, 9, layout);
      assert.ok(counted.crossings >= 1, `${layout}: K3,3 drawn with ${counted.crossings} crossings`);
    }
  });
});
