/**
 * The diagram's grouping (`auto` and the honest explicit choices), focus depth, bundled edges and
 * `--format md`: hand-made models, then real repositories of the corpus (test/fixtures/realworld).
 */
import * as assert from 'node:assert/strict';
import { buildDiagram } from '../../src/core/report/mermaid';
import { diagramMarkdown, MARKDOWN_MAX_EDGES, MARKDOWN_MAX_TEXT } from '../../src/core/report/diagramMarkdown';
import type { Module } from '../../src/core/model/types';
import { materialize, type Materialized } from '../realworld/materialize';
import { dep, makeModel, makeModule, runInProcess } from './helpers';
import { parseFlowchart } from './mermaidParser';

function names(d: ReturnType<typeof buildDiagram>): string[] {
  return d.nodes.flatMap((n) => n.modules).sort();
}

/** Each ```mermaid block of a Markdown page. */
function blocks(md: string): string[] {
  const out: string[] = [];
  const parts = md.split('```mermaid\n');
  for (const p of parts.slice(1)) out.push(p.slice(0, p.indexOf('\n```')));
  return out;
}

function edgesOf(source: string): number {
  return source.split('\n').filter((l) => l.includes('-->') || l.includes('-.->')).length;
}

describe('diagram grouping: auto and explicit', () => {
  it('auto takes declared systems when most modules have one', () => {
    const d = buildDiagram(makeModel({ modules: [makeModule({ name: 'a', system: 'x' }), makeModule({ name: 'b', system: 'y' }), makeModule({ name: 'c' })] }));
    assert.equal(d.grouping.by, 'system');
    assert.match(d.grouping.reason, /2 modules of 3 declare a system \(2 systems\); the other 1 is in \(no system\)/);
    assert.match(d.mermaid.split('\n')[1], /^ {2}%% grouped by system: /);
  });

  it('auto falls back to the folder structure (workspaces/x/plugins), naming the folders', () => {
    const modules: Module[] = [];
    for (const ws of ['acr', 'quay', 'rbac']) {
      modules.push(makeModule({ name: `${ws}-root`, path: `workspaces/${ws}` }));
      for (const p of ['front', 'back']) modules.push(makeModule({ name: `${ws}-${p}`, path: `workspaces/${ws}/plugins/${ws}-${p}`, system: ws === 'acr' && p === 'front' ? 'one' : null }));
    }
    const d = buildDiagram(makeModel({ modules }), { collapse: 'none' });
    assert.equal(d.grouping.by, 'folder');
    assert.match(d.grouping.reason, /^only one system is declared .*; grouped by the folders under workspaces\/ \(3 groups/);
    assert.deepEqual(d.groups.map((g) => [g.label, g.modules.length]), [['workspaces/acr', 3], ['workspaces/quay', 3], ['workspaces/rbac', 3]]);
  });

  it('auto falls back to teams when every module sits side by side in one folder; explicit system means system', () => {
    const modules = ['a', 'b', 'c', 'd'].map((n, i) => makeModule({ name: n, path: `packages/${n}`, owners: [i < 2 ? '@x/one' : '@x/two'] }));
    const d = buildDiagram(makeModel({ modules }));
    assert.equal(d.grouping.by, 'team');
    assert.match(d.grouping.reason, /no module declares a system and every module is in packages\/; grouped by the 2 teams/);
    const sys = buildDiagram(makeModel({ modules }), { groupBy: 'system', collapse: 'all' });
    assert.equal(sys.grouping.by, 'system');
    assert.deepEqual(sys.groups.map((g) => [g.label, g.modules.length]), [['(no system)', 4]], 'no borrowed team or folder groups');
  });
});

describe('diagram focus depth', () => {
  // x → a → m → b → y, plus a → b (an edge among neighbours), s → b (a dependent of a dependency) and y → z.
  const model = () =>
    makeModel({
      modules: [
        makeModule({ name: 'x', dependsOn: [dep('a')] }),
        makeModule({ name: 'a', dependsOn: [dep('m'), dep('b')] }),
        makeModule({ name: 'm', dependsOn: [dep('b')] }),
        makeModule({ name: 'b', dependsOn: [dep('y')] }),
        makeModule({ name: 's', dependsOn: [dep('b')] }),
        makeModule({ name: 'y', dependsOn: [dep('z')] }),
        makeModule({ name: 'z' }),
      ],
    });
  const edgeNames = (d: ReturnType<typeof buildDiagram>) => {
    const byId = new Map(d.nodes.map((n) => [n.id, n.modules[0]]));
    return d.edges.map((e) => `${byId.get(e.from)}>${byId.get(e.to)}`).sort();
  };

  it('depth 1: the module, its neighbours, and only the edges that touch it', () => {
    const d = buildDiagram(model(), { focus: 'm', groupBy: 'none' });
    assert.deepEqual(names(d), ['a', 'b', 'm']);
    assert.deepEqual(edgeNames(d), ['a>m', 'm>b']);
  });

  it('depth 2: dependencies of dependencies and dependents of dependents, with the edges that lead to them', () => {
    const d = buildDiagram(model(), { focus: 'm', focusDepth: 2, groupBy: 'none' });
    assert.deepEqual(names(d), ['a', 'b', 'm', 'x', 'y']);
    assert.deepEqual(edgeNames(d), ['a>m', 'm>b', 'x>a', 'b>y'].sort());
  });

  it('the CLI: --depth needs --focus; --focus X --depth 1 draws only edges touching X', async () => {
    const r = await runInProcess(['diagram', '--depth', '2'], process.cwd());
    assert.equal(r.code, 2);
    assert.match(r.stderr, /'--depth' goes with --focus MODULE/);
    const help = await runInProcess(['diagram', '--help'], process.cwd());
    assert.match(help.stdout, /--depth 1\|2/);
    assert.match(help.stdout, /-f, --format FORMAT mmd/);
  });
});

describe('diagram --format md', () => {
  it('an overview, then a block per group, each under GitHub Mermaid limits; names stay text', async () => {
    const modules: Module[] = [];
    for (let g = 0; g < 4; g++) {
      for (let i = 0; i < 30; i++) {
        const deps = [];
        for (let j = 0; j < 30; j++) if (j !== i) deps.push(dep(`m-${g}-${j}`));
        deps.push(dep(`m-${(g + 1) % 4}-${i}`));
        modules.push(makeModule({ name: `m-${g}-${i}`, path: `packages/g${g}/m${i}`, dependsOn: deps }));
      }
    }
    modules.push(makeModule({ name: '<img src=x onerror=alert(1)>', path: 'packages/g0/evil' }));
    const md = diagramMarkdown(makeModel({ modules }));
    const found = blocks(md);
    assert.ok(found.length > 5, `${found.length} blocks: the 870-edge groups are split`);
    assert.match(md, /^# Architecture\n\nGrouped by folder: /);
    assert.match(md, /## packages\/g0 \(31 modules\), part 1 of \d+/);
    for (const b of found) {
      assert.ok(b.length < MARKDOWN_MAX_TEXT && edgesOf(b) < MARKDOWN_MAX_EDGES, `${b.length} chars, ${edgesOf(b)} edges`);
      await parseFlowchart(b);
    }
    assert.ok(!md.includes('<img'), 'a module name never becomes markup');
  });
});

describe('diagram on real repositories (test/fixtures/realworld)', function () {
  this.timeout(180_000);
  const trees = new Map<string, Materialized>();
  const tree = (name: string): string => {
    let t = trees.get(name);
    if (!t) trees.set(name, (t = materialize(name)));
    return t.root;
  };
  after(() => {
    for (const t of trees.values()) t.dispose();
  });
  const run = async (name: string, ...argv: string[]) => {
    const root = tree(name);
    const r = await runInProcess(['diagram', '--root', root, ...argv], root);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout;
  };

  it('MetaMask/core: every package side by side in packages/ and no system: grouped by its CODEOWNERS teams', async () => {
    const out = await run('MetaMask__core');
    assert.match(out.split('\n')[1], /^ {2}%% grouped by team: no module declares a system and every module is in packages\/; grouped by the \d+ teams/);
    await parseFlowchart(out);
  });

  it('redhat-developer/rhdh: one declared system is not a grouping: its folders (dynamic-plugins/wrappers, packages, plugins)', async () => {
    const out = await run('redhat-developer__rhdh');
    assert.match(out.split('\n')[1], /^ {2}%% grouped by folder: only one system is declared \(1 module of 52\); grouped by folder \(6 groups: dynamic-plugins\/wrappers\/, packages\/, plugins\//);
  });

  it('backstage-community-plugins: 28 of 392 modules declare a system; grouped by its workspaces/* folders', async () => {
    const out = await run('jkilzi__backstage-community-plugins');
    assert.match(out.split('\n')[1], /^ {2}%% grouped by folder: only 28 modules of 392 declare a system \(4 systems\); grouped by the folders under workspaces\/ \(\d+ groups: workspaces\/tech-insights\//);
  });

  for (const [name, focus] of [['MetaMask__core', '@metamask/controller-utils'], ['redhat-developer__rhdh', 'backend']] as const) {
    it(`${name}: --focus ${focus} --depth 1 draws only edges touching it; --format md blocks are within limits and parse`, async () => {
      const parsed = await parseFlowchart(await run(name, '--focus', focus, '--depth', '1', '--group-by', 'none', '--collapse', 'none'));
      const focusNode = parsed.vertices.find((v) => v.text.split('<br>')[0] === focus);
      assert.ok(focusNode, `focus node ${focus}`);
      assert.ok(parsed.edges.length > 0);
      for (const e of parsed.edges) assert.ok(e.start === focusNode.id || e.end === focusNode.id, `${e.start} → ${e.end} does not touch ${focus}`);
      const md = await run(name, '--format', 'md');
      const found = blocks(md);
      assert.ok(found.length > 1);
      for (const b of found) {
        assert.ok(b.length < MARKDOWN_MAX_TEXT && edgesOf(b) < MARKDOWN_MAX_EDGES);
        await parseFlowchart(b);
      }
    });
  }
});
