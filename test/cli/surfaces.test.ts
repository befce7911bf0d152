/**
 * One model, one answer: for every fixture workspace and the example, each surface the CLI and
 * the core give shows the pinned values of test/fixtures/surfaces/ (test/support/surfaces.ts):
 * `owners` the file's CODEOWNERS owners; `model`, `summary --format json`, the diagram grouped
 * by team and the module hover the module's team, by its display name, and its level.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace } from '../../src/core/analyze';
import { code, dependencyHover, escapeMarkdown } from '../../src/core/hover';
import type { Model } from '../../src/core/model/types';
import type { VisionSummary } from '../../src/core/report/types';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { localAnalyzeOptions } from '../../src/node/setup';
import { DIAGRAM_LEVEL_NAMES, hoverScorecard, projectRoot, surfaceTables } from '../support/surfaces';
import { runInProcess } from './helpers';
import { decodeMermaidEntities, parseFlowchart } from './mermaidParser';

async function json<T>(argv: string[]): Promise<T> {
  const run = await runInProcess(argv, projectRoot());
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as T;
}

describe('one answer on every surface (test/fixtures/surfaces)', function () {
  this.timeout(60_000);
  for (const [name, table] of surfaceTables()) {
    describe(name, () => {
      // A copy outside Northstar's own repository: the fixture stands for a repository of its
      // own, and in Northstar's work tree git's list would count what Northstar tracks for it
      // (a fixture's node_modules/, its ignored generated/ folder). Outside git, it is walked.
      let root = '';
      before(() => {
        root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), `northstar-surfaces-${name}-`)), path.basename(table.workspace));
        fs.cpSync(path.join(projectRoot(), table.workspace), root, { recursive: true, verbatimSymlinks: true });
      });
      after(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }));

      it('pins every module of the workspace', async () => {
        const model = await json<Model>(['model', '--root', root]);
        assert.deepEqual(model.modules.map((m) => m.name).sort(), table.modules.map((r) => r.module).sort());
      });

      it('owners: the file owners CODEOWNERS gives, and the module', async () => {
        const entries = await json<{ path: string; owners: string[]; module: string | null }[]>(['owners', '--root', root, '--json', ...table.modules.map((r) => path.join(root, r.file))]);
        assert.deepEqual(
          entries.map((e) => ({ file: e.path, owners: e.owners, module: e.module })),
          table.modules.map((r) => ({ file: r.file, owners: r.fileOwners, module: r.module })),
        );
      });

      it('model: the module team, its display name and level', async () => {
        const model = await json<Model>(['model', '--root', root]);
        for (const row of table.modules) {
          const m = model.modules.find((x) => x.name === row.module && x.path === row.path);
          assert.ok(m, row.module);
          const team = model.teams.find((t) => t.id === m.team);
          assert.deepEqual({ team: m.team, name: team?.name ?? null, level: m.level }, { team: row.team, name: row.teamName, level: row.level }, row.module);
        }
      });

      it('summary: each module counted once, under its team, and in ownership coverage', async () => {
        const summary = await json<VisionSummary>(['summary', '--root', root, '--format', 'json']);
        for (const row of table.modules) {
          const entries = summary.teams.filter((t) => t.modules.includes(row.module));
          assert.equal(entries.length, 1, `${row.module} is listed under ${entries.length} teams`);
          assert.deepEqual({ team: entries[0].team, name: entries[0].name }, { team: row.team, name: row.teamName ?? '(no owner)' }, row.module);
        }
        assert.equal(summary.coverage.ownership.count, table.modules.filter((r) => r.team !== null).length);
        assert.equal(new Set(summary.teams.map((t) => t.name)).size, summary.teams.length, 'a team name appears twice');
      });

      it('diagram by team: one group per team, named by its display name; nodes show it', async () => {
        const run = await runInProcess(['diagram', '--root', root, '--group-by', 'team', '--collapse', 'none'], projectRoot());
        assert.equal(run.code, 0, run.stderr);
        const chart = await parseFlowchart(run.stdout);
        const text = (id: string) => decodeMermaidEntities(chart.vertices.find((v) => v.id === id)?.text ?? '');
        const nodesOf = (module: string) =>
          chart.vertices.filter((v) => decodeMermaidEntities(v.text).split('<br>')[0].replace(/ ⚠ \d+$/, '').replace(/ \(deprecated\)$/, '') === module);
        const titles = chart.subgraphs.map((s) => decodeMermaidEntities(s.title));
        assert.equal(new Set(titles).size, titles.length, `a team group appears twice: ${titles.join(', ')}`);
        for (const row of table.modules) {
          // Two modules may share a name (a duplicate-name finding): one of the nodes is this one.
          const node = nodesOf(row.module).find((v) => text(v.id).endsWith(`<br>${row.teamName ?? 'no owner'} · ${DIAGRAM_LEVEL_NAMES[row.level]}`));
          assert.ok(node, `no node for ${row.module} showing ${row.teamName} · ${DIAGRAM_LEVEL_NAMES[row.level]}: ${nodesOf(row.module).map((v) => text(v.id)).join(' | ')}`);
          const group = chart.subgraphs.find((s) => s.nodes.includes(node.id));
          assert.equal(group ? decodeMermaidEntities(group.title) : null, row.teamName, row.module);
        }
      });

      it('module hover: the team by its display name, and the level', async () => {
        const analysis = await analyzeWorkspace(new NodeFileAccess(root), localAnalyzeOptions(root));
        // A hover by name answers for the first module of that name: rows of a repeated name are skipped.
        const names = table.modules.map((r) => r.module);
        for (const row of table.modules.filter((r) => names.indexOf(r.module) === names.lastIndexOf(r.module))) {
          const hover = dependencyHover(analysis, row.module);
          if (row.teamName === null) assert.match(hover, /Owner: none declared/, row.module);
          else assert.ok(hover.includes(escapeMarkdown(row.teamName)) || hover.includes(code(row.teamName)), `${row.module}: ${hover}`);
          const level = hoverScorecard(row.level);
          assert.ok(hover.includes(level), `${row.module}: ${hover}`);
        }
      });
    });
  }
});
