// The host ⇄ page message checks of src/protocol: what the real builders send passes, and every
// kind of message, malformed, is dropped with a logged reason (never thrown, never passed on).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSummaryPageData } from '../../../src/extension/panels/summaryPage';
import {
  crumbsOf,
  defaultViewState,
  type DiagramViewState,
  navOf,
  sameNav,
  normalizeViewState,
  parseDiagramHostMessage,
  parseDiagramPageMessage,
} from '../../../src/protocol/diagram';
import { isSummaryPageData, parseSummaryHostMessage, parseSummaryPageMessage, savedSummaryRoot } from '../../../src/protocol/summary';
import { describe as describeMessage, parseByType } from '../../../src/protocol/validate';
import { moduleDetails, renderMessage } from '../../../src/webview/diagram-host';
import { dep, makeFinding, makeModel, makeModule, makeTeam, repoRoot } from '../../cli/helpers';

type Parse = (raw: unknown, log?: (reason: string) => void) => unknown;

/** Runs `parse` on `raw`, returning what it gave and what it logged. */
function run(parse: Parse, raw: unknown): { result: unknown; logged: string[] } {
  const logged: string[] = [];
  const result = parse(raw, (reason) => logged.push(reason));
  return { result, logged };
}

function assertDropped(parse: Parse, raw: unknown, why: RegExp): void {
  const { result, logged } = run(parse, raw);
  assert.equal(result, undefined, `accepted ${JSON.stringify(raw)}`);
  assert.equal(logged.length, 1, `logged once for ${JSON.stringify(raw)}`);
  assert.match(logged[0], why);
}

const NOT_MESSAGES: unknown[] = [null, undefined, 'ready', 42, true, [], [{ type: 'ready' }], { type: 7 }, {}];

const model = makeModel({
  teams: [{ ...makeTeam('payments', 'Payments'), escalation: [{ kind: 'slack', target: '#pay' }] }],
  modules: [
    makeModule({ name: 'api', owners: ['@payments'], system: 'shop', dependsOn: [dep('ledger')], priorities: ['p1'] }),
    makeModule({ name: 'ledger', owners: ['@someone'], system: 'shop' }),
  ],
  priorities: [{ id: 'p1', title: 'Faster checkout', owner: null, metrics: [], location: null } as never],
  findings: [makeFinding({ ruleId: 'contract/missing-runbook', file: 'services/api/service-contract.yaml', module: 'api' })],
});

describe('protocol: diagram page → host', () => {
  const valid: [string, unknown, unknown][] = [
    ['ready without a saved state', { type: 'ready', state: null }, { type: 'ready', state: null }],
    ['ready with no state field', { type: 'ready' }, { type: 'ready', state: null }],
    ['ready with a state saved by an older version (a folder name)', { type: 'ready', state: { root: 'api', groupBy: 'team' } },
      { type: 'ready', state: { ...defaultViewState(), root: 'api', groupBy: 'team' } }],
    ['update', { type: 'update', state: { ...defaultViewState(), focus: 'api' } }, { type: 'update', state: { ...defaultViewState(), focus: 'api' } }],
    ['open', { type: 'open', module: 'api' }, { type: 'open', module: 'api' }],
    ['select', { type: 'select', module: 'api', extra: '<b>' }, { type: 'select', module: 'api' }],
    ['openFinding', { type: 'openFinding', file: 'a.yaml', line: 3 }, { type: 'openFinding', file: 'a.yaml', line: 3 }],
    ['copy', { type: 'copy', svg: 'x' }, { type: 'copy' }],
    ['export svg', { type: 'export', format: 'svg', svg: '<svg/>' }, { type: 'export', format: 'svg', svg: '<svg/>' }],
    ['export markdown', { type: 'export', format: 'markdown', svg: 1 }, { type: 'export', format: 'markdown' }],
  ];
  for (const [name, raw, expected] of valid) {
    it(`accepts ${name}, rebuilt from the checked fields only`, () => {
      const { result, logged } = run(parseDiagramPageMessage, raw);
      assert.deepEqual(result, expected);
      assert.deepEqual(logged, []);
    });
  }

  const malformed: [string, unknown][] = [
    ['update without a state', { type: 'update' }],
    ['update with a state that is not an object', { type: 'update', state: 'everything' }],
    ['open without a module', { type: 'open' }],
    ['open with a module that is not text', { type: 'open', module: { toString: 'x' } }],
    ['select with a number', { type: 'select', module: 3 }],
    ['openFinding without a line', { type: 'openFinding', file: 'a.yaml' }],
    ['openFinding with a line that is not a number', { type: 'openFinding', file: 'a.yaml', line: '3' }],
    ['openFinding with an infinite line', { type: 'openFinding', file: 'a.yaml', line: Infinity }],
    ['openFinding without a file', { type: 'openFinding', line: 3 }],
    ['export svg without the svg', { type: 'export', format: 'svg' }],
    ['export to an unknown format', { type: 'export', format: 'pdf' }],
  ];
  for (const [name, raw] of malformed) {
    it(`drops ${name} and logs it`, () => assertDropped(parseDiagramPageMessage, raw, /malformed/));
  }

  it('drops messages of unknown types, including inherited property names', () => {
    for (const type of ['runCommand', 'render', 'details', 'toString', '__proto__', 'constructor']) {
      assertDropped(parseDiagramPageMessage, { type }, /unknown type/);
    }
  });

  it('drops what is not a message', () => {
    for (const raw of NOT_MESSAGES) assertDropped(parseDiagramPageMessage, raw, /not a message/);
  });

  it('normalises the view state a page sends: bad values defaulted, unknown fields dropped', () => {
    const { result } = run(parseDiagramPageMessage, {
      type: 'update',
      state: { root: 'file:///a', groupBy: 'evil', collapse: 'all', expand: ['x', 1, 'x'], maxGroups: NaN, focusDepth: 3, view: { x: 1, y: 2, scale: -1 }, filter: { team: 5, onlyProblems: 'yes' }, script: 'alert(1)' },
    });
    const expected: DiagramViewState = { ...defaultViewState(), root: 'file:///a', collapse: 'all', expand: ['x'] };
    assert.deepEqual(result, { type: 'update', state: expected });
  });
});

describe('protocol: diagram navigation (breadcrumb and Back)', () => {
  const state = (over: Partial<DiagramViewState>): DiagramViewState => ({ ...defaultViewState(), ...over });
  const label = (key: string): string => `Team ${key.toUpperCase()}`;

  it('is Overview alone on the first view', () => {
    assert.deepEqual(crumbsOf(state({}), label), [{ label: 'Overview', expand: [], focus: null, current: true }]);
  });

  it('names each opened group in the order opened, then the focus; each step is the view up to it', () => {
    const crumbs = crumbsOf(state({ expand: ['a', 'b'], focus: 'billing-api', focusDepth: 2 }), label);
    assert.deepEqual(
      crumbs.map((c) => [c.label, c.expand, c.focus, c.current]),
      [
        ['Overview', [], null, false],
        ['Team A', ['a'], null, false],
        ['Team B', ['a', 'b'], null, false],
        ['Focus: billing-api (depth 2)', ['a', 'b'], 'billing-api', true],
      ],
    );
  });

  it('remembers what a view shows, not its zoom, selection or readability step', () => {
    const a = state({ expand: ['a'], filter: { team: '@acme/payments', system: null, priority: null, onlyProblems: false } });
    assert.ok(sameNav(navOf(a), navOf({ ...a, view: { x: 1, y: 2, scale: 0.5 }, selected: 'ledger', shrink: 3 })));
    assert.ok(!sameNav(navOf(a), navOf({ ...a, expand: [] })));
    assert.ok(!sameNav(navOf(a), navOf({ ...a, filter: { ...a.filter, team: null } })));
    // A copy: changing the state afterwards does not change what was remembered.
    const nav = navOf(a);
    a.expand.push('b');
    a.filter.team = null;
    assert.deepEqual(nav.expand, ['a']);
    assert.equal(nav.filter.team, '@acme/payments');
  });
});

describe('protocol: diagram host → page', () => {
  const roots = [{ value: 'file:///work/shop', label: 'shop' }];
  const render = renderMessage(model, defaultViewState(), roots);
  const details = { type: 'details', module: 'api', details: moduleDetails(model, 'api') };

  it('accepts what the panel sends: a render and the details of a module (or of none)', () => {
    assert.ok(render.diagram && render.diagram.nodes.length > 0);
    for (const message of [render, details, { type: 'details', module: 'gone', details: null }, renderMessage(model, { ...defaultViewState(), focus: 'nope' })]) {
      const { result, logged } = run(parseDiagramHostMessage, JSON.parse(JSON.stringify(message)));
      assert.deepEqual(result, message);
      assert.deepEqual(logged, []);
    }
  });

  const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const broken: [string, (m: Record<string, unknown>) => void, 'render' | 'details'][] = [
    ['a render without a state', (m) => delete m.state, 'render'],
    ['a render whose state has a bad groupBy', (m) => ((m.state as Record<string, unknown>).groupBy = 'evil'), 'render'],
    ['a render whose state has a bad focus depth', (m) => ((m.state as Record<string, unknown>).focusDepth = 3), 'render'],
    ['a render whose diagram source is not text', (m) => ((m.diagram as Record<string, unknown>).mermaid = ['graph']), 'render'],
    ['a render with a layout the page has not got', (m) => ((m.diagram as Record<string, unknown>).layout = 'elk.force'), 'render'],
    ['a render with a node without modules', (m) => delete ((m.diagram as { nodes: Record<string, unknown>[] }).nodes[0].modules), 'render'],
    ['a render with an edge of an unknown kind', (m) => (m.diagram as { edges: Record<string, unknown>[] }).edges.forEach((e) => (e.kind = 'calls')), 'render'],
    ['a render with roots as plain names', (m) => ((m.choices as Record<string, unknown>).roots = ['shop']), 'render'],
    ['a render without totals', (m) => delete m.totals, 'render'],
    ['a render with a notice that is markup in an object', (m) => (m.notice = { html: '<b>x</b>' }), 'render'],
    ['details without the module name', (m) => delete m.module, 'details'],
    ['details whose owners are strings', (m) => ((m.details as Record<string, unknown>).owners = ['@payments']), 'details'],
    ['details whose findings have no line', (m) => (m.details as { findings: Record<string, unknown>[] }).findings.forEach((f) => delete f.line), 'details'],
  ];
  for (const [name, breakIt, kind] of broken) {
    it(`drops ${name} and logs it`, () => {
      const message = clone(kind === 'render' ? render : details) as unknown as Record<string, unknown>;
      breakIt(message);
      assertDropped(parseDiagramHostMessage, message, /malformed/);
    });
  }

  it('drops unknown message types and what is not a message', () => {
    assertDropped(parseDiagramHostMessage, { type: 'update', data: {} }, /unknown type/);
    assertDropped(parseDiagramHostMessage, { type: 'ready', state: null }, /unknown type/);
    for (const raw of NOT_MESSAGES) assertDropped(parseDiagramHostMessage, raw, /not a message/);
  });
});

describe('protocol: summary page → host', () => {
  it('accepts each message, rebuilt from the checked fields only', () => {
    const cases: [unknown, unknown][] = [
      [{ type: 'openModule', name: 'api' }, { type: 'openModule', name: 'api' }],
      [{ type: 'openExternal', url: 'https://x.test' }, { type: 'openExternal', url: 'https://x.test' }],
      [{ type: 'exportMarkdown', target: '/etc/passwd' }, { type: 'exportMarkdown' }],
      [{ type: 'ready' }, { type: 'ready' }],
      [{ type: 'selectRoot', uri: 'file:///a', extra: 1 }, { type: 'selectRoot', uri: 'file:///a' }],
    ];
    for (const [raw, expected] of cases) assert.deepEqual(run(parseSummaryPageMessage, raw), { result: expected, logged: [] });
  });

  it('drops malformed messages of each kind and logs them', () => {
    for (const raw of [{ type: 'openModule' }, { type: 'openModule', name: 3 }, { type: 'openExternal' }, { type: 'openExternal', url: ['https://x.test'] }, { type: 'selectRoot' }, { type: 'selectRoot', uri: null }]) {
      assertDropped(parseSummaryPageMessage, raw, /malformed/);
    }
  });

  it('drops unknown types and what is not a message', () => {
    for (const type of ['runCommand', 'update', 'hasOwnProperty']) assertDropped(parseSummaryPageMessage, { type }, /unknown type/);
    for (const raw of NOT_MESSAGES) assertDropped(parseSummaryPageMessage, raw, /not a message/);
  });

  it('reads the folder a saved page state names', () => {
    assert.equal(savedSummaryRoot({ root: 'file:///a' }), 'file:///a');
    for (const state of [undefined, null, 'file:///a', { root: 3 }, { root: '' }, {}]) assert.equal(savedSummaryRoot(state), null);
  });
});

describe('protocol: summary host → page', () => {
  const data = buildSummaryPageData(model, { name: 'shop', uri: 'file:///work/shop' }, [{ name: 'shop', uri: 'file:///work/shop' }]);

  it('accepts the data the panel builds, embedded or in an update', () => {
    assert.ok(isSummaryPageData(JSON.parse(JSON.stringify(data))));
    const update = { type: 'update', data };
    assert.deepEqual(run(parseSummaryHostMessage, JSON.parse(JSON.stringify(update))), { result: update, logged: [] });
  });

  const clone = (): Record<string, unknown> => JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  const broken: [string, (d: Record<string, unknown>) => void][] = [
    ['no summary', (d) => delete d.summary],
    ['a root without its URI', (d) => delete (d.root as Record<string, unknown>).uri],
    ['roots that are names', (d) => (d.roots = ['shop'])],
    ['a module of an unknown level', (d) => ((d.modules as Record<string, unknown>[])[0].level = 'platinum')],
    ['a module link without a URL', (d) => ((d.modules as { links: Record<string, unknown>[] }[])[0].links = [{ label: 'x' }])],
    ['coverage without ownership', (d) => delete ((d.summary as { coverage: Record<string, unknown> }).coverage.ownership)],
    ['a team whose levels miss one', (d) => delete ((d.summary as { teams: { levels: Record<string, unknown> }[] }).teams[0].levels.gold)],
    ['rules that are ids only', (d) => (d.rules = ['contract/missing-runbook'])],
  ];
  for (const [name, breakIt] of broken) {
    it(`drops an update with ${name} and logs it`, () => {
      const d = clone();
      breakIt(d);
      assert.equal(isSummaryPageData(d), false);
      assertDropped(parseSummaryHostMessage, { type: 'update', data: d }, /malformed/);
    });
  }

  it('drops unknown types and what is not a message', () => {
    assertDropped(parseSummaryHostMessage, { type: 'render', data }, /unknown type/);
    for (const raw of NOT_MESSAGES) assertDropped(parseSummaryHostMessage, raw, /not a message/);
  });
});

describe('protocol: shared checks', () => {
  it('describes a dropped message without echoing long or markup text', () => {
    assert.equal(describeMessage({ type: '<img src=x onerror=alert(1)>' }), "'?img?src?x?onerror?alert?1??'");
    assert.match(describeMessage({ type: 'x'.repeat(500) }), /^'x{40}…'$/);
    assert.equal(describeMessage([]), 'an array');
    assert.equal(describeMessage(null), 'null');
  });

  it('never throws on hostile input, and a parser that finds nothing is a malformed message', () => {
    const logged: string[] = [];
    const hostile = Object.create(null) as Record<string, unknown>;
    hostile.type = 'open';
    assert.equal(parseByType(hostile, { open: () => undefined }, (r) => logged.push(r)), undefined);
    assert.equal(parseDiagramPageMessage(hostile), undefined);
    assert.deepEqual(logged, ["dropped a malformed 'open' message"]);
  });

  it('normalises a saved view state from anything', () => {
    for (const raw of [undefined, null, 'x', 3, [], { root: 5 }]) assert.deepEqual(normalizeViewState(raw), defaultViewState());
  });

  it('imports nothing from the extension, the webviews, the Node adapters or the CLI (types of the core model and reports only)', () => {
    const dir = path.join(repoRoot(), 'src', 'protocol');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const [, from] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        assert.ok(!/^(vscode|node:)|\/(extension|webview|node|cli)\//.test(from), `${file} imports ${from}`);
        if (from.startsWith('../')) assert.match(from, /^\.\.\/core\/(model|report)\//, `${file} imports ${from}`);
      }
    }
  });
});
