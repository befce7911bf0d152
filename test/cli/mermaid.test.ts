import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildDiagram, escapeMermaidLabel } from '../../src/core/report/mermaid';
import type { Draft, Model, Module } from '../../src/core/model/types';
import { dep, makeFinding, makeModel, makeModule, makeTeam, ref } from './helpers';
import { decodeMermaidEntities, parseFlowchart } from './mermaidParser';

/** A node's label lines as a browser shows them: the name line and, for modules, owner and level. */
function lines(text: string): string[] {
  return decodeMermaidEntities(text).split('<br>');
}

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  'A]-->B[',
  '"quoted"',
  'end',
  'click X call alert()',
  '%%{init: {"securityLevel": "loose"}}%%',
  'style m1 fill:#f00',
  'a\nb; m9["x"]',
  'x --- y ==> z -.-> w',
  '`**md**`',
  'o-auth',
  'subgraph',
  '&amp; &lt;b&gt;',
];

function shop(): Model {
  const modules: Module[] = [
    makeModule({
      name: 'payments-api',
      system: 'checkout',
      owners: ['@acme/payments'],
      level: 'silver',
      dependsOn: [dep('ledger'), dep('fraud-scoring')],
      consumes: [ref('ledger-events')],
    }),
    makeModule({ name: 'ledger', system: 'finance', owners: ['@acme/finance'], level: 'gold', apis: [{ name: 'ledger-events', type: 'asyncapi', definition: null, location: { file: 'services/ledger/service-contract.yaml', line: 9, column: 13, endLine: 9, endColumn: 26 } }] }),
    makeModule({ name: 'fraud-scoring', system: 'checkout', owners: ['group:default/risk'], level: 'bronze' }),
    makeModule({ name: 'old-billing', system: 'finance', owners: ['@acme/finance'], lifecycle: 'deprecated', dependsOn: [dep('ledger')] }),
    makeModule({ name: 'web-ui', path: 'packages/web-ui', type: 'library', owners: [], level: 'none', dependsOn: [dep('payments-api'), dep('nonexistent')] }),
  ];
  return makeModel({
    modules,
    teams: [makeTeam('@acme/payments', 'Payments'), makeTeam('@acme/finance', 'Finance'), makeTeam('@acme/risk', 'Risk', ['group:default/risk'])],
    findings: [
      makeFinding({ ruleId: 'quality/missing-tests', file: 'services/payments-api/service-contract.yaml', module: 'payments-api' }),
      makeFinding({ ruleId: 'contracts/unknown-dependency', severity: 'error', file: 'packages/web-ui/package.json', module: 'web-ui' }),
      makeFinding({ ruleId: 'ownership/missing-owner', file: 'packages/web-ui/package.json', module: 'web-ui' }),
      makeFinding({ ruleId: 'contracts/deprecated-dependency', severity: 'info', file: 'x', module: 'ledger' }),
    ],
  });
}

function nodeOf(d: ReturnType<typeof buildDiagram>, name: string) {
  const node = d.nodes.find((n) => n.modules.length === 1 && n.modules[0] === name && !n.collapsed);
  assert.ok(node, `node for ${name}`);
  return node;
}

/** A model of `groups` systems × `perGroup` modules, each depending on the next module. */
function big(groups: number, perGroup: number): Model {
  const modules: Module[] = [];
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < perGroup; i++) {
      const name = `svc-${g}-${i}`;
      const next = i + 1 < perGroup ? `svc-${g}-${i + 1}` : `svc-${(g + 1) % groups}-0`;
      modules.push(makeModule({ name, system: `system-${String(g).padStart(2, '0')}`, dependsOn: [dep(next)], level: i % 2 ? 'bronze' : 'silver' }));
    }
  }
  return makeModel({ modules });
}

describe('mermaid diagram', () => {
  it('draws modules in system subgraphs, solid dependsOn edges and dashed labelled API edges', async () => {
    const d = buildDiagram(shop(), { groupBy: 'system', collapse: 'none' });
    const parsed = await parseFlowchart(d.mermaid);
    const pay = nodeOf(d, 'payments-api');
    const ledger = nodeOf(d, 'ledger');
    const fraud = nodeOf(d, 'fraud-scoring');
    assert.deepEqual(parsed.subgraphs.map((s) => [s.title, [...s.nodes].sort()]), [
      ['checkout', [pay.id, fraud.id].sort()],
      ['finance', [ledger.id, nodeOf(d, 'old-billing').id].sort()],
    ]);
    const webUi = nodeOf(d, 'web-ui');
    assert.ok(!parsed.subgraphs.some((s) => s.nodes.includes(webUi.id)), 'a module with no system is outside the subgraphs');
    const edges = parsed.edges.map((e) => [e.start, e.end, e.stroke, decodeMermaidEntities(e.text)]);
    assert.deepEqual(
      edges.filter((e) => e[0] === pay.id).sort(),
      [
        [pay.id, fraud.id, 'normal', ''],
        [pay.id, ledger.id, 'dotted', 'ledger-events'],
        [pay.id, ledger.id, 'normal', ''],
      ].sort(),
    );
    assert.ok(!d.edges.some((e) => e.to === e.from), 'no self edges');
    assert.equal(d.edges.filter((e) => e.from === webUi.id).length, 1, 'unknown dependencies are not drawn');
  });

  it('leaves dev, peer and optional dependencies out by default, and draws them dotted and labelled when asked', async () => {
    const model = makeModel({
      modules: [
        makeModule({ name: 'core', system: 'babel', dependsOn: [dep('generator', 'runtime'), dep('helper', 'runtime')] }),
        makeModule({ name: 'generator', system: 'babel', dependsOn: [dep('core', 'dev')] }),
        makeModule({ name: 'helper', system: 'babel', dependsOn: [dep('core', 'peer'), dep('fsevents', 'optional')] }),
        makeModule({ name: 'fsevents', system: 'babel' }),
      ],
    });
    const plain = buildDiagram(model, { collapse: 'none' });
    const core = nodeOf(plain, 'core');
    assert.deepEqual(
      plain.edges.map((e) => [e.from, e.to, e.kind]),
      [
        [core.id, nodeOf(plain, 'generator').id, 'dependsOn'],
        [core.id, nodeOf(plain, 'helper').id, 'dependsOn'],
      ],
    );
    assert.ok(!plain.mermaid.includes('linkStyle'));
    // Focus follows the drawn edges only: fsevents is an optional dependency of helper.
    assert.deepEqual(buildDiagram(model, { collapse: 'none', focus: 'helper' }).nodes.map((n) => n.label).sort(), ['core', 'helper']);

    const all = buildDiagram(model, { collapse: 'none', allDependencies: true });
    const id = (name: string) => nodeOf(all, name).id;
    assert.deepEqual(
      all.edges.map((e) => [e.from, e.to, e.kind, e.label]),
      [
        [id('core'), id('generator'), 'dependsOn', null],
        [id('core'), id('helper'), 'dependsOn', null],
        [id('generator'), id('core'), 'dev', 'dev'],
        [id('helper'), id('core'), 'peer', 'peer'],
        [id('helper'), id('fsevents'), 'optional', 'optional'],
      ],
    );
    const parsed = await parseFlowchart(all.mermaid);
    assert.deepEqual(
      parsed.edges.map((e) => [e.start, e.end, e.stroke, decodeMermaidEntities(e.text), e.style.length > 0]),
      [
        [id('core'), id('generator'), 'normal', '', false],
        [id('core'), id('helper'), 'normal', '', false],
        [id('generator'), id('core'), 'dotted', 'dev', true],
        [id('helper'), id('core'), 'dotted', 'peer', true],
        [id('helper'), id('fsevents'), 'dotted', 'optional', true],
      ],
    );

    // Collapsed: a bundled edge counts only edges of its own kind (dev edges never weigh a runtime
    // one) and says how many dependencies it stands for.
    const collapsed = buildDiagram(
      makeModel({
        modules: [
          makeModule({ name: 'a', system: 'one', dependsOn: [dep('c', 'runtime'), dep('d', 'dev')] }),
          makeModule({ name: 'b', system: 'one', dependsOn: [dep('d', 'dev')] }),
          makeModule({ name: 'c', system: 'two', dependsOn: [dep('e', 'dev')] }),
          makeModule({ name: 'd', system: 'two' }),
          makeModule({ name: 'e', system: 'three' }),
        ],
      }),
      { collapse: 'all', allDependencies: true },
    );
    assert.deepEqual(
      collapsed.edges.map((e) => [e.kind, e.label]),
      [
        ['dependsOn', '1 dependency'],
        ['dev', '2 dev dependencies'],
        ['dev', '1 dev dependency'],
      ],
    );
  });

  it('classes nodes by scorecard level, marks deprecated modules and findings', async () => {
    const d = buildDiagram(shop(), { collapse: 'none' });
    const parsed = await parseFlowchart(d.mermaid);
    const classes = new Map(parsed.vertices.map((v) => [v.id, v.classes]));
    assert.deepEqual(classes.get(nodeOf(d, 'ledger').id), ['lvlGold']);
    assert.deepEqual(classes.get(nodeOf(d, 'payments-api').id), ['lvlSilver']);
    assert.deepEqual(classes.get(nodeOf(d, 'fraud-scoring').id), ['lvlBronze']);
    assert.deepEqual(classes.get(nodeOf(d, 'old-billing').id), ['lvlNone', 'deprecated']);
    const text = new Map(parsed.vertices.map((v) => [v.id, lines(v.text)]));
    assert.deepEqual(text.get(nodeOf(d, 'web-ui').id), ['web-ui ⚠ 2', 'no owner · No level']);
    assert.deepEqual(text.get(nodeOf(d, 'payments-api').id), ['payments-api ⚠ 1', 'Payments · Silver']);
    assert.deepEqual(text.get(nodeOf(d, 'ledger').id), ['ledger', 'Finance · Gold'], 'info findings are not marked');
    assert.deepEqual(text.get(nodeOf(d, 'old-billing').id), ['old-billing (deprecated)', 'Finance · No level']);
    assert.deepEqual(nodeOf(d, 'web-ui').findings, { errors: 1, warnings: 1, infos: 0 });
    assert.equal(nodeOf(d, 'ledger').file, 'services/ledger/service-contract.yaml');
    for (const level of ['lvlNone', 'lvlBronze', 'lvlSilver', 'lvlGold', 'deprecated']) assert.match(d.mermaid, new RegExp(`classDef ${level} `));
  });

  it('keeps hostile module, system and API names as text, with generated ids', async () => {
    const modules = HOSTILE.map((name, i) =>
      makeModule({
        name,
        path: `services/m${i}`,
        system: HOSTILE[(i + 1) % HOSTILE.length],
        dependsOn: i > 0 ? [dep(HOSTILE[i - 1])] : [],
        consumes: i === 2 ? [ref('<b>api</b> --> x')] : [],
        apis: i === 5 ? [{ name: '<b>api</b> --> x', type: 'other', definition: null, location: { file: 'a', line: 1, column: 1, endLine: 1, endColumn: 2 } }] : [],
      }),
    );
    const d = buildDiagram(makeModel({ modules }), { groupBy: 'system', collapse: 'none' });
    const parsed = await parseFlowchart(d.mermaid);
    assert.deepEqual(parsed.clicks, []);
    assert.equal(parsed.vertices.length, HOSTILE.length, 'one vertex per module, none injected');
    for (const v of parsed.vertices) assert.match(v.id, /^m\d+$/);
    assert.deepEqual(parsed.vertices.map((v) => lines(v.text)[0]).sort(), [...HOSTILE].sort());
    assert.ok(parsed.vertices.every((v) => lines(v.text).length === 2), 'a name never adds a line break');
    assert.deepEqual(parsed.subgraphs.map((s) => decodeMermaidEntities(s.title)).sort(), [...HOSTILE].sort());
    for (const s of parsed.subgraphs) assert.match(s.id, /^s\d+$/);
    assert.equal(parsed.edges.length, HOSTILE.length - 1 + 1);
    assert.ok(parsed.edges.some((e) => decodeMermaidEntities(e.text) === '<b>api</b> --> x'));
    // No raw markup, directive or quoted name survives into the source.
    // The only markup is the line break we put in module labels.
    assert.equal(d.mermaid.split('<br>').length - 1, HOSTILE.length, 'one line break per module node');
    // The one comment is ours (which grouping and why), on its own line; names in it are escaped.
    const [header, comment, ...body] = d.mermaid.split('\n');
    assert.equal(header, 'flowchart LR');
    assert.match(comment, /^ {2}%% grouped by system: as asked: /);
    assert.ok(!comment.slice(4).includes('%') && !comment.includes('{'));
    const source = body.join('\n').replace(/<br>/g, '');
    for (const bad of ['<', '%%', '"quoted"', '`']) assert.ok(!source.includes(bad), `source contains ${bad}`);
    for (const v of parsed.vertices) assert.deepEqual(v.classes, ['lvlNone']);
  });

  it('escapes any label so that Mermaid reads back exactly that text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), async (name, system) => {
        const d = buildDiagram(makeModel({ modules: [makeModule({ name, system: system || null })] }), { collapse: 'none' });
        const parsed = await parseFlowchart(d.mermaid);
        assert.equal(parsed.vertices.length, 1);
        // An empty name still draws a node: a zero-width space.
        assert.deepEqual(lines(parsed.vertices[0].text), [name === '' ? '\u200b' : name, 'no owner · No level']);
      }),
      { numRuns: 60 },
    );
    assert.equal(escapeMermaidLabel('payments-api v2.1'), 'payments-api v2.1');
    assert.equal(escapeMermaidLabel('<a>"#'), '#60;a#62;#34;#35;');
    assert.equal(escapeMermaidLabel(' a b '), '#32;a b#32;');
  });

  it('groups by team (teams resolved through aliases) and by folder', async () => {
    const byTeam = buildDiagram(shop(), { groupBy: 'team', collapse: 'none' });
    const parsed = await parseFlowchart(byTeam.mermaid);
    assert.deepEqual(parsed.subgraphs.map((s) => s.title).sort(), ['Finance', 'Payments', 'Risk']);
    assert.equal(nodeOf(byTeam, 'fraud-scoring').group, '@acme/risk');
    const byFolder = buildDiagram(shop(), { groupBy: 'folder', collapse: 'none' });
    assert.deepEqual(byFolder.groups.map((g) => [g.label, g.modules.length]), [
      ['packages', 1],
      ['services', 4],
    ]);
    const flat = buildDiagram(shop(), { groupBy: 'none' });
    assert.equal((await parseFlowchart(flat.mermaid)).subgraphs.length, 0);
    assert.equal(flat.nodes.length, 5);
  });

  it('collapse auto: expanded up to 60 modules, groups as counted nodes beyond', async () => {
    const small = buildDiagram(big(6, 10), { collapse: 'auto' });
    assert.equal(small.collapsed, false);
    assert.equal(small.nodes.length, 60);
    const large = buildDiagram(big(7, 10), { collapse: 'auto' });
    assert.equal(large.collapsed, true);
    assert.equal(large.nodes.length, 7);
    assert.ok(large.nodes.every((n) => n.collapsed && n.modules.length === 10 && /^g\d+$/.test(n.id)));
    const parsed = await parseFlowchart(large.mermaid);
    assert.equal(parsed.vertices.length, 7);
    assert.equal(decodeMermaidEntities(parsed.vertices[0].text), 'system-00 (10 modules)');
    // Within a group the chain collapses away; between groups one edge each, counted once.
    assert.equal(large.edges.length, 7);
    assert.ok(large.edges.every((e) => e.count === 1 && e.kind === 'dependsOn'));
    assert.ok(parsed.vertices.every((v) => v.classes.includes('collapsed') && v.classes.includes('lvlBronze')));
  });

  it('collapse all / none, counted edges, and groups expanded on demand', async () => {
    const model = big(3, 4);
    // Two extra edges from system-00 to system-01 make three in all.
    (model.modules[0] as Draft<Module>).dependsOn.push(dep('svc-1-1'), dep('svc-1-2'));
    const all = buildDiagram(model, { collapse: 'all' });
    assert.equal(all.nodes.length, 3);
    const g0 = all.nodes.find((n) => n.group === 'system-00');
    const g1 = all.nodes.find((n) => n.group === 'system-01');
    const edge = all.edges.find((e) => e.from === g0?.id && e.to === g1?.id);
    assert.equal(edge?.count, 3);
    assert.equal(edge?.label, '3 dependencies');
    const parsed = await parseFlowchart(all.mermaid);
    assert.ok(parsed.edges.some((e) => e.start === g0?.id && e.end === g1?.id && e.text === '3 dependencies'));

    const none = buildDiagram(big(7, 10), { collapse: 'none' });
    assert.equal(none.nodes.length, 70);
    assert.equal(none.collapsed, false);

    const partly = buildDiagram(model, { collapse: 'all', expand: ['system-01'] });
    assert.equal(partly.nodes.filter((n) => n.collapsed).length, 2);
    assert.equal(partly.nodes.filter((n) => !n.collapsed).length, 4);
    const p = await parseFlowchart(partly.mermaid);
    assert.equal(p.subgraphs.length, 1);
  });

  it('folds the smallest groups into "N more" when there are too many', async () => {
    const modules: Module[] = [];
    for (let g = 0; g < 30; g++) {
      for (let i = 0; i <= (g < 5 ? 5 : 1); i++) modules.push(makeModule({ name: `m-${g}-${i}`, system: `sys-${String(g).padStart(2, '0')}` }));
    }
    const d = buildDiagram(makeModel({ modules }), { collapse: 'all', maxGroups: 10 });
    assert.equal(d.nodes.length, 10);
    const more = d.nodes.find((n) => n.group === null);
    assert.ok(more);
    assert.equal(more.modules.length, 21 * 2);
    assert.match(more.label, /^21 more \(21 groups, 42 modules\)$/);
    for (let g = 0; g < 5; g++) assert.ok(d.nodes.some((n) => n.group === `sys-0${g}`), `largest group sys-0${g} kept`);
    await parseFlowchart(d.mermaid);
  });

  it('focus shows the module and its direct neighbours in both directions', async () => {
    const d = buildDiagram(shop(), { focus: 'payments-api', collapse: 'none' });
    assert.deepEqual(d.nodes.map((n) => n.modules[0]).sort(), ['fraud-scoring', 'ledger', 'payments-api', 'web-ui']);
    assert.equal(nodeOf(d, 'payments-api').focus, true);
    const parsed = await parseFlowchart(d.mermaid);
    assert.ok(parsed.vertices.find((v) => v.id === nodeOf(d, 'payments-api').id)?.classes.includes('focus'));
    const leaf = buildDiagram(big(7, 10), { focus: 'svc-3-5' });
    assert.deepEqual(leaf.nodes.map((n) => n.modules).flat().sort(), ['svc-3-4', 'svc-3-5', 'svc-3-6']);
    assert.equal(leaf.collapsed, false);
    assert.equal(buildDiagram(shop(), { focus: 'missing' }).nodes.length, 0);
  });

  it('filters by team, system, priority and problems', () => {
    const model = shop();
    (model.modules[2] as Draft<Module>).priorities = ['reliability'];
    const names = (o: Parameters<typeof buildDiagram>[1]) => buildDiagram(model, o).nodes.map((n) => n.modules[0]).sort();
    assert.deepEqual(names({ filter: { team: 'group:default/risk' } }), ['fraud-scoring']);
    assert.deepEqual(names({ filter: { team: '@acme/finance' } }), ['ledger', 'old-billing']);
    assert.deepEqual(names({ filter: { system: 'checkout' } }), ['fraud-scoring', 'payments-api']);
    assert.deepEqual(names({ filter: { priority: 'reliability' } }), ['fraud-scoring']);
    assert.deepEqual(names({ filter: { onlyProblems: true } }), ['payments-api', 'web-ui']);
  });

  it('is deterministic: the same model gives the same source', () => {
    const a = buildDiagram(shop());
    const reversed = shop();
    (reversed as Draft<Model>).modules.reverse();
    assert.equal(buildDiagram(reversed).mermaid, a.mermaid);
  });
});

describe('mermaid diagram of an empty model', () => {
  it('draws one note that says there are no modules and why, and Mermaid parses it', async () => {
    const d = buildDiagram(makeModel({ modules: [] }));
    const parsed = await parseFlowchart(d.mermaid);
    assert.equal(parsed.vertices.length, 1, d.mermaid);
    assert.match(decodeMermaidEntities(d.mermaid), /empty\["No modules: this folder has no service-contract\.yaml/);
  });
});
