/**
 * The panel's pure side: view state → builder options → the message drawn, the fallbacks that
 * keep a view under Mermaid's limits, the side panel's details, the exports; and the builder's
 * large-graph behaviour (fallback groups, counted group edges, the edge budget, focus depth 2).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import type { Model } from '../../src/core/model/types';
import { buildDiagram, DEFAULT_MAX_EDGES, DEFAULT_MAX_GROUPS } from '../../src/core/report/mermaid';
import { defaultState, diagramOptions, markdownExport, MERMAID_MAX_EDGES, moduleDetails, normalizeState, openTarget, renderMessage } from '../../src/webview/diagram-host';
import { parseFlowchart } from '../cli/mermaidParser';
import { analyze, exampleModel, generatedModel, repoRoot } from './diagramHarness';
import { MAX_SHRINK, nextShrink, parseDiagramHostMessage, parseDiagramPageMessage } from '../../src/protocol/diagram';
import type { OwnerMatch } from '../../src/core/model/types';

/** A chain a → b → c → d → e with one API consumed, as contracts. */
function chainWorkspace(): Record<string, string> {
  const files: Record<string, string> = {
    'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/core"\n    name: Core\n    escalation:\n      - { kind: chat, target: "#core" }\n',
  };
  const names = ['a', 'b', 'c', 'd', 'e'];
  names.forEach((n, i) => {
    const lines = ['apiVersion: northstar/v1', 'kind: ServiceContract', `name: ${n}`, 'owner: "@acme/core"', 'type: library', 'system: core'];
    if (i + 1 < names.length) lines.push(`dependsOn: [${names[i + 1]}]`);
    files[`libs/${n}/service-contract.yaml`] = lines.join('\n') + '\n';
  });
  return files;
}

describe('diagram panel logic', function () {
  this.timeout(120_000);
  let acme: Model;
  before(async () => {
    acme = await exampleModel();
  });

  it('normalises any persisted state: bad values default, unknown fields drop', () => {
    assert.deepEqual(normalizeState(undefined), defaultState());
    assert.deepEqual(normalizeState('x'), defaultState());
    const s = normalizeState({
      groupBy: 'team',
      collapse: 'bogus',
      expand: ['a', 3, 'a', 'b'],
      maxGroups: -4,
      focus: 'x',
      focusDepth: 2,
      filter: { team: '@t', system: 7, onlyProblems: 'yes' },
      allDependencies: 'yes',
      view: { x: 1, y: 2, scale: 0 },
      extra: true,
    });
    assert.equal(normalizeState({ allDependencies: true }).allDependencies, true);
    assert.deepEqual(s, {
      ...defaultState(),
      groupBy: 'team',
      expand: ['a', 'b'],
      focus: 'x',
      focusDepth: 2,
      filter: { team: '@t', system: null, priority: null, onlyProblems: false },
    });
  });

  it('draws what `northstar diagram` prints for the same grouping, collapse and focus', async () => {
    const root = path.join(repoRoot(), 'examples', 'acme');
    for (const [argv, state] of [
      [[], {}],
      [['--group-by', 'team', '--collapse', 'all'], { groupBy: 'team', collapse: 'all' }],
      [['--focus', 'payments-api', '--group-by', 'none'], { focus: 'payments-api', groupBy: 'none' }],
      [['--all-dependencies'], { allDependencies: true }],
    ] as const) {
      let out = '';
      const code = await main(['diagram', '--root', root, ...argv], { stdout: (t: string) => (out += t), stderr: () => undefined });
      assert.equal(code, 0);
      const msg = renderMessage(acme, { ...defaultState(), ...state });
      assert.equal(msg.diagram?.mermaid, out, `same source for ${argv.join(' ') || '(defaults)'}`);
    }
  });

  it('focus depth 2 reaches neighbours of neighbours; an unknown focus is cleared with a notice', async () => {
    const model = await analyze(chainWorkspace());
    const names = (depth: 1 | 2) => buildDiagram(model, { focus: 'c', focusDepth: depth }).nodes.map((n) => n.modules[0]).sort();
    assert.deepEqual(names(1), ['b', 'c', 'd']);
    assert.deepEqual(names(2), ['a', 'b', 'c', 'd', 'e']);
    const msg = renderMessage(model, { ...defaultState(), focus: 'gone' });
    assert.equal(msg.state.focus, null);
    assert.match(msg.notice ?? '', /gone/);
    assert.equal(msg.diagram?.nodes.length, 5);
  });

  it('5,000 modules: collapsed overview within the group and edge budgets, modules without a system in (no system)', async () => {
    const model = await generatedModel(5000, 1);
    const msg = renderMessage(model, defaultState());
    const d = msg.diagram;
    assert.ok(d);
    assert.equal(msg.notice?.includes('hidden') ?? false, d.hiddenEdges > 0);
    assert.ok(d.collapsed && d.nodes.every((n) => n.collapsed));
    assert.ok(d.nodes.length <= DEFAULT_MAX_GROUPS && d.edges.length <= DEFAULT_MAX_EDGES, `${d.nodes.length} nodes, ${d.edges.length} edges`);
    assert.equal(d.nodes.reduce((n, x) => n + x.modules.length, 0), 5000, 'every module is in a node');
    assert.ok(d.mermaid.length < 50_000);
    const noSystem = model.modules.filter((m) => m.system === null);
    assert.ok(noSystem.length > 0, 'the generator makes modules without a system');
    // auto takes the declared systems (most modules have one); system means system: no borrowed team or folder groups.
    assert.equal(d.grouping.by, 'system');
    assert.match(d.grouping.reason, /of 5000 declare a system/);
    const catchAll = d.groups.find((g) => g.key === '');
    assert.equal(catchAll?.label, '(no system)');
    assert.deepEqual([...(catchAll?.modules ?? [])].sort(), noSystem.map((m) => m.name).sort());
    // The heaviest edges are the ones kept.
    const counts = d.edges.map((e) => e.count);
    // Each bundled edge says how many dependencies it stands for.
    assert.ok(Math.min(...counts) >= 1 && d.edges.every((e) => e.label === `${e.count} ${e.count === 1 ? 'dependency' : 'dependencies'}` || e.kind === 'consumes'));
    await parseFlowchart(d.mermaid);

    // Every module at once is too much for Mermaid: a list of them, and a notice, not an error.
    const none = renderMessage(model, { ...defaultState(), collapse: 'none' });
    assert.equal(none.diagram, null);
    assert.match(none.notice ?? '', /too many to draw/);
    assert.equal(none.list?.length, new Set(model.modules.map((m) => m.name)).size);
    assert.match(none.readability ?? '', /modules: shown as a list; focus a module or filter to draw\.$/);
    // Expanding every group at once collapses them again.
    const all = renderMessage(model, { ...defaultState(), expand: d.groups.map((g) => g.key) });
    assert.ok(all.diagram && all.diagram.edges.length <= MERMAID_MAX_EDGES);
    assert.deepEqual(all.state.expand, []);
    assert.match(all.notice ?? '', /collapsed again/);
  });

  it('details: owners with teams, escalation, priorities, findings, neighbours; open target; Markdown export', () => {
    const d = moduleDetails(acme, 'payments-api');
    assert.ok(d);
    assert.deepEqual(d.owners, [{ handle: '@acme/payments', team: 'Payments' }]);
    assert.equal(d.escalation[0].team, 'Payments');
    assert.deepEqual(d.escalation[0].steps[0], { kind: 'chat', target: '#payments-oncall', url: 'https://chat.acme.example/channels/payments-oncall' });
    assert.deepEqual(d.priorities.map((p) => p.id), ['checkout-conversion', 'reliability']);
    assert.equal(d.priorities[0].title, 'Make checkout effortless');
    assert.deepEqual(d.findings, acme.findings.filter((f) => f.module === 'payments-api').map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, line: f.line })));
    assert.ok(d.dependsOn.includes('ledger'));
    assert.equal(moduleDetails(acme, 'nope'), null);
    assert.deepEqual(openTarget(acme, 'payments-api'), { file: 'services/payments-api/service-contract.yaml', line: 3, column: 7, folder: 'services/payments-api' });

    const mermaid = renderMessage(acme, defaultState()).diagram?.mermaid ?? '';
    const md = markdownExport(mermaid, 'acme');
    assert.equal(md, `# Architecture: acme\n\n\`\`\`mermaid\n${mermaid}\`\`\`\n`);
    assert.deepEqual(diagramOptions(defaultState()).filter, {});
  });

  it('details: the level explained as the hover and tree explain it; a Component\'s own on-call first', () => {
    const coupons = moduleDetails(acme, 'coupons');
    assert.deepEqual(coupons?.scorecard, {
      next: 'silver',
      met: ['owner', 'tests', 'observability'],
      needs: [{ label: 'escalation path', detail: 'team Orders & Fulfilment has none' }],
      notAssessed: [],
    });
    assert.equal(moduleDetails(acme, 'payments-api')?.scorecard?.next, null);
    // services/search/catalog-info.yaml: `pagerduty.com/service-id`, before team Catalog & Search's path.
    const search = moduleDetails(acme, 'search');
    assert.deepEqual(search?.escalation.map((e) => [e.team, e.steps[0]?.target]), [['search', 'PagerDuty service PSRCH42'], ['Catalog & Search', '#catalog-help']]);
  });

  it('details: the team by its name and the deciding CODEOWNERS line', () => {
    const m = acme.modules.find((x) => x.name === 'payments-api');
    assert.ok(m);
    const rule = { file: '.github/CODEOWNERS', line: 12, owners: ['@acme/payments'] };
    const ownersOf = (p: string): OwnerMatch => {
      assert.equal(p, m.definedAt.file, 'asked for the module\'s defining file');
      return { owners: rule.owners, rule: rule as never, rules: [] } as unknown as OwnerMatch;
    };
    const d = moduleDetails(acme, 'payments-api', undefined, ownersOf);
    assert.ok(d);
    assert.equal(d.team, 'Payments');
    assert.equal(d.scorecard?.next, null, 'payments-api is Gold');
    assert.deepEqual(d.codeowners, rule);
    assert.equal(moduleDetails(acme, 'payments-api')?.codeowners, null, 'no CODEOWNERS answer, no line');
    // What the host sends passes the page's checks.
    assert.ok(parseDiagramHostMessage({ type: 'details', module: 'payments-api', details: d }));
  });

  it('readability ladder: each tooSmall step draws fewer nodes or edges, or top to bottom, then a list of the view', async () => {
    const big = await generatedModel(500);
    const base = renderMessage(big, defaultState());
    assert.equal(base.readability, null);
    assert.equal(base.list, null);
    const steps = [];
    for (let shrink = 1; shrink <= MAX_SHRINK; shrink++) steps.push(renderMessage(big, { ...defaultState(), shrink }));
    const drawn = steps.filter((m) => m.diagram !== null);
    assert.ok(drawn.length >= 2, `${drawn.length} drawings before the list`);
    for (const m of drawn) assert.match(m.readability ?? '', /^500 modules are too small to read in one drawing: /);
    const last = drawn.at(-1)?.diagram;
    assert.ok(last && base.diagram);
    assert.ok(last.nodes.length <= 8 && last.edges.length <= 12, `${last.nodes.length} nodes, ${last.edges.length} edges at the last step`);
    assert.match(last.mermaid, /^flowchart TB/);
    const list = steps.at(-1);
    assert.ok(list);
    assert.equal(list.diagram, null);
    assert.equal(list.list?.length, 500, 'every module of the collapsed view is listed');
    assert.equal(list.readability, '500 modules: shown as a list; focus a module or filter to draw.');
    assert.ok(parseDiagramHostMessage(list), 'the list message passes the page\'s checks');

    // An opened group that is still too small: the list holds that group's modules, one row per name.
    const group = base.diagram.groups.find((g) => g.collapsed && g.modules.length > 3);
    assert.ok(group);
    const opened = renderMessage(big, { ...defaultState(), expand: [group.key], shrink: MAX_SHRINK });
    assert.deepEqual(opened.list?.map((r) => r.module), [...new Set(group.modules)].sort((a, b) => a.localeCompare(b, 'en')));
    const row = opened.list?.[0];
    assert.ok(row && typeof row.findings.errors === 'number' && ['none', 'bronze', 'silver', 'gold'].includes(row.level));

    // A view without groups cannot collapse: drawn top to bottom, then listed.
    const flat = renderMessage(acme, { ...defaultState(), groupBy: 'none', shrink: 1 });
    assert.match(flat.diagram?.mermaid ?? '', /^flowchart TB/);
    assert.match(flat.readability ?? '', /drawn top to bottom/);
    assert.ok(renderMessage(acme, { ...defaultState(), groupBy: 'none', shrink: 2 }).list);
    // A depth-2 focus says how to draw it.
    const hub = renderMessage(acme, { ...defaultState(), focus: 'ledger', focusDepth: 2, shrink: MAX_SHRINK });
    assert.match(hub.readability ?? '', /shown as a list; use depth 1 or filter to draw\.$/);
  });

  it('page messages: tooSmall and openCodeowners are checked; shrink is normalised', () => {
    assert.deepEqual(parseDiagramPageMessage({ type: 'tooSmall', textPx: 7.5, shrink: 0 }), { type: 'tooSmall', textPx: 7.5, shrink: 0 });
    assert.equal(parseDiagramPageMessage({ type: 'tooSmall', textPx: '7', shrink: 0 }), undefined);
    assert.equal(parseDiagramPageMessage({ type: 'tooSmall', textPx: 7 }), undefined, 'the step measured is required');
    // A report moves the ladder once: a late or repeated one (another step's drawing) is ignored.
    assert.equal(nextShrink({ shrink: 1 }, { shrink: 1 }), 2);
    assert.equal(nextShrink({ shrink: 2 }, { shrink: 1 }), null);
    assert.equal(nextShrink({ shrink: MAX_SHRINK }, { shrink: MAX_SHRINK }), null);
    assert.deepEqual(parseDiagramPageMessage({ type: 'openCodeowners', module: 'a' }), { type: 'openCodeowners', module: 'a' });
    assert.equal(normalizeState({ shrink: 99 }).shrink, MAX_SHRINK);
    assert.equal(normalizeState({ shrink: -1 }).shrink, 0);
    assert.equal(normalizeState({}).shrink, 0);
  });
});
