/**
 * The diagram's layout choice (`layoutFor`, src/webview/diagram-host.ts): ELK for a large
 * expanded drawing, dagre for every collapsed overview (the 5,000-module one included) and for
 * a drawing without edges; and the render message carries the choice for the drawing it sends.
 */
import * as assert from 'node:assert/strict';
import { DEFAULT_MAX_GROUPS } from '../../../src/core/report/mermaid';
import type { DiagramEdge, DiagramNode } from '../../../src/core/report/types';
import { defaultState, ELK_MIN_NODES, layoutFor, renderMessage } from '../../../src/webview/diagram-host';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';

const nodes = (n: number): DiagramNode[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `m${i + 1}`,
    label: `pkg-${i}`,
    detail: null,
    modules: [`pkg-${i}`],
    group: null,
    level: 'bronze',
    collapsed: false,
    deprecated: false,
    findings: { errors: 0, warnings: 0, infos: 0 },
    file: null,
    focus: false,
  }));
const edges = (n: number): DiagramEdge[] => Array.from({ length: n }, (_, i) => ({ from: `m${i + 1}`, to: `m${i + 2}`, kind: 'dependsOn', apis: [], count: 1, label: null }));

describe('diagram layout choice', () => {
  it('draws a large expanded view with ELK, from ELK_MIN_NODES nodes on', () => {
    assert.equal(layoutFor({ nodes: nodes(ELK_MIN_NODES), edges: edges(1) }), 'elk');
    assert.equal(layoutFor({ nodes: nodes(53), edges: edges(52) }), 'elk');
    assert.equal(layoutFor({ nodes: nodes(98), edges: edges(97) }), 'elk');
    assert.equal(layoutFor({ nodes: nodes(ELK_MIN_NODES - 1), edges: edges(28) }), 'dagre');
  });

  it('keeps every collapsed overview on dagre: its groups and "N more" stay under the threshold', () => {
    assert.ok(DEFAULT_MAX_GROUPS + 1 < ELK_MIN_NODES);
    // The 5,000-module overview of bench/diagram.mjs: 13 nodes, 60 edges.
    assert.equal(layoutFor({ nodes: nodes(13), edges: edges(12) }), 'dagre');
    assert.equal(layoutFor({ nodes: nodes(DEFAULT_MAX_GROUPS + 1), edges: edges(DEFAULT_MAX_GROUPS) }), 'dagre');
  });

  it('draws a view without edges with dagre, however large: nothing to cross', () => {
    assert.equal(layoutFor({ nodes: nodes(200), edges: [] }), 'dagre');
  });

  it('sends the choice with the drawing: ELK for 40 modules in a chain, dagre once they are filtered to a few', async () => {
    const files: Record<string, string> = {
      'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/web"\n    name: Web\n  - id: "@acme/data"\n    name: Data\n',
    };
    for (let i = 0; i < 40; i++) {
      const lines = ['apiVersion: northstar/v1', 'kind: ServiceContract', `name: pkg-${i}`, `owner: "@acme/${i < 35 ? 'web' : 'data'}"`, 'type: library'];
      if (i < 39) lines.push(`dependsOn: [pkg-${i + 1}]`);
      files[`packages/pkg-${i}/service-contract.yaml`] = lines.join('\n') + '\n';
    }
    const { model } = await analyzeWorkspace(new InMemoryFileAccess(files), { today: '2026-11-01' });
    const flat = renderMessage(model, { ...defaultState(), groupBy: 'none' });
    assert.equal(flat.diagram?.nodes.length, 40);
    assert.equal(flat.diagram?.layout, 'elk');
    const few = renderMessage(model, { ...defaultState(), groupBy: 'none', filter: { team: '@acme/data', system: null, priority: null, onlyProblems: false } });
    assert.equal(few.diagram?.nodes.length, 5);
    assert.equal(few.diagram?.layout, 'dagre');
  });
});
