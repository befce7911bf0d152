/**
 * The analysis across the thread boundary (src/core/engine/remote.ts): after any sequence of
 * edits, the snapshot the host assembles from the worker's parts answers as the worker's own
 * analysis does (model, files, owners, modules, teams, CODEOWNERS usage), and an edit sends
 * only what it changed.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Analysis, FileChange } from '../../../src/core/api';
import { WorkspaceAnalyzer } from '../../../src/core/analyze';
import { SnapshotAssembler, SnapshotDiffer, type SnapshotPart } from '../../../src/core/engine/remote';
import { InMemoryFileAccess } from '../../../src/core/fs';

const TEAMS = ['@acme/payments', '@acme/platform', '@acme/search', '@acme/ghost'];
const MODULES = ['services/payments', 'services/search', 'libs/logger', 'apps/web'];

const contract = (name: string, owner: string, extra = '') =>
  `apiVersion: northstar/v1\nkind: ServiceContract\nname: ${name}\nowner: "${owner}"\ntype: service\ntier: 1\n${extra}`;

const CODEOWNERS = '*  @acme/platform\n/services/payments/  @acme/payments\n/services/search/ @acme/search\n';

function shop(): InMemoryFileAccess {
  return new InMemoryFileAccess({
    '.github/CODEOWNERS': CODEOWNERS,
    'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n    escalation:\n      - { kind: chat, target: "#payments" }\n  - id: "@acme/platform"\n    name: Platform\n  - id: "@acme/search"\n    name: Search\n',
    'vision.yaml': 'apiVersion: northstar/v1\nkind: Vision\nvision:\n  direction: Faster checkout.\npriorities:\n  - id: reliability\n    title: Reliability\n    metrics:\n      - { name: availability, unit: "%", baseline: 99.5, current: 99.8, target: 99.95 }\n',
    'services/payments/service-contract.yaml': contract('payments', '@acme/payments', 'dependsOn: [search]\npriorities: [reliability]\n'),
    'services/payments/src/server.ts': 'export const port = 8080;\n',
    'services/payments/test/server.test.ts': 'import { port } from "../src/server";\n',
    'services/search/service-contract.yaml': contract('search', '@acme/search'),
    'services/search/src/index.ts': '// northstar:priority reliability\nexport {};\n',
    'libs/logger/package.json': '{ "name": "@acme/logger", "version": "1.0.0", "dependencies": { "pino": "^9.0.0" } }',
    'libs/logger/index.ts': 'export const log = console.log;\n',
    'apps/web/package.json': '{ "name": "web", "version": "1.0.0" }',
    'apps/web/src/main.ts': 'export {};\n',
    'docs/readme.md': '# Shop\n',
  });
}

type Edit =
  | { op: 'owner'; module: number; team: number }
  | { op: 'addFile'; module: number; n: number; test: boolean }
  | { op: 'deleteFile'; module: number; n: number }
  | { op: 'codeownersLine'; module: number; team: number }
  | { op: 'dependsOnUnknown'; module: number }
  | { op: 'brokenTeamsBuffer'; on: boolean }
  | { op: 'deleteContract'; module: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('owner' as const), module: fc.nat(1), team: fc.nat(TEAMS.length - 1) }),
  fc.record({ op: fc.constant('addFile' as const), module: fc.nat(MODULES.length - 1), n: fc.nat(5), test: fc.boolean() }),
  fc.record({ op: fc.constant('deleteFile' as const), module: fc.nat(MODULES.length - 1), n: fc.nat(5) }),
  fc.record({ op: fc.constant('codeownersLine' as const), module: fc.nat(MODULES.length - 1), team: fc.nat(TEAMS.length - 1) }),
  fc.record({ op: fc.constant('dependsOnUnknown' as const), module: fc.nat(1) }),
  fc.record({ op: fc.constant('brokenTeamsBuffer' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('deleteContract' as const), module: fc.nat(1) }),
);

/** Apply an edit to the files (and buffers); the change a watcher would report. */
function applyEdit(fs: InMemoryFileAccess, overlays: Map<string, string>, codeowners: { text: string }, e: Edit): FileChange[] {
  const folder = MODULES[e.op === 'brokenTeamsBuffer' ? 0 : e.module];
  switch (e.op) {
    case 'owner': {
      const path = `${folder}/service-contract.yaml`;
      fs.write(path, contract(folder.split('/')[1], TEAMS[e.team]));
      return [{ path, kind: 'changed' }];
    }
    case 'addFile': {
      const path = e.test ? `${folder}/test/extra${e.n}.test.ts` : `${folder}/src/extra${e.n}.ts`;
      const existed = fs.paths().includes(path);
      fs.write(path, 'export const extra = 1;\n');
      return [{ path, kind: existed ? 'changed' : 'created' }];
    }
    case 'deleteFile': {
      const path = `${folder}/src/extra${e.n}.ts`;
      fs.delete(path);
      return [{ path, kind: 'deleted' }];
    }
    case 'codeownersLine': {
      const path = '.github/CODEOWNERS';
      codeowners.text += `/${folder}/ ${TEAMS[e.team]}\n`;
      fs.write(path, codeowners.text);
      return [{ path, kind: 'changed' }];
    }
    case 'dependsOnUnknown': {
      const path = `${folder}/service-contract.yaml`;
      fs.write(path, contract(folder.split('/')[1], TEAMS[0], 'dependsOn: [nowhere]\n'));
      return [{ path, kind: 'changed' }];
    }
    case 'brokenTeamsBuffer':
      if (e.on) overlays.set('teams.yaml', 'apiVersion: northstar/v1\nkind: Teams\nteams: [\n');
      else overlays.delete('teams.yaml');
      return [];
    case 'deleteContract': {
      const path = `${folder}/service-contract.yaml`;
      fs.delete(path);
      return [{ path, kind: 'deleted' }];
    }
  }
}

/** Through structured cloning, as postMessage carries each part. */
function send(parts: SnapshotPart[], assembler: SnapshotAssembler, previous: Analysis | null): Analysis {
  for (const part of parts) assembler.apply(structuredClone(part));
  return assembler.complete(previous);
}

function assertSame(host: Analysis, worker: Analysis): void {
  assert.deepEqual(host.model, JSON.parse(JSON.stringify(worker.model)));
  assert.deepEqual(host.files, worker.files);
  assert.deepEqual(host.rules, JSON.parse(JSON.stringify(worker.rules)));
  assert.deepEqual(host.codeownersStats(), worker.codeownersStats());
  for (const file of [...(worker.files ?? []), 'services/payments/new/file.ts', 'nowhere.txt']) {
    assert.deepEqual(host.ownersOf(file), JSON.parse(JSON.stringify(worker.ownersOf(file))), file);
    assert.equal(host.moduleOf(file)?.name, worker.moduleOf(file)?.name, file);
  }
  for (const m of worker.model.modules) assert.equal(host.moduleByName(m.name)?.path, m.path);
  for (const owner of [...TEAMS, 'group:default/payments', 'payments']) assert.equal(host.teamOf(owner)?.id, worker.teamOf(owner)?.id, owner);
}

describe('analysis across the thread boundary (engine/remote.ts)', () => {
  it('assembles on the host the snapshot the worker analysed, after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
        const fs = shop();
        const overlays = new Map<string, string>();
        const codeowners = { text: CODEOWNERS };
        const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
        const differ = new SnapshotDiffer();
        const assembler = new SnapshotAssembler();
        let worker = await analyzer.analyze();
        let host = send(differ.diff(worker), assembler, null);
        assertSame(host, worker);
        for (const e of edits) {
          const changes = applyEdit(fs, overlays, codeowners, e);
          worker = await analyzer.update(changes, new Map(overlays));
          // Snapshots are immutable: the host's previous one keeps its files and findings.
          const previous = host;
          const before = { files: [...(previous.files ?? [])], findings: [...previous.model.findings] };
          host = send(differ.diff(worker), assembler, host);
          assertSame(host, worker);
          assert.deepEqual(previous.files, before.files);
          assert.deepEqual(previous.model.findings, before.findings);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('sends only what an edit changed: one contract edit sends its file’s findings and its module, not the file list', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
    const differ = new SnapshotDiffer();
    const first = differ.diff(await analyzer.analyze());
    assert.ok(first.some((p) => p.kind === 'files' && p.full && p.first), 'the first snapshot carries the whole file list');

    fs.write('services/search/service-contract.yaml', contract('search', '@acme/search', 'dependsOn: [nowhere]\n'));
    const parts = differ.diff(await analyzer.update([{ path: 'services/search/service-contract.yaml', kind: 'changed' }]));
    assert.deepEqual(parts.filter((p) => p.kind === 'files'), []);
    const findings = parts.flatMap((p) => (p.kind === 'findings' ? p.changed.map(([file]) => file) : []));
    assert.deepEqual(findings, ['services/search/service-contract.yaml']);
    const modules = parts.flatMap((p) => (p.kind === 'modules' ? p.changed.map(([, m]) => m.name) : []));
    assert.ok(modules.includes('search'), JSON.stringify(modules));
    assert.ok(!modules.includes('@acme/logger'), JSON.stringify(modules));
    const meta = parts.find((p) => p.kind === 'meta');
    assert.ok(!meta || (meta.kind === 'meta' && meta.codeowners === undefined && meta.stats === undefined), 'CODEOWNERS and its usage counts do not cross again');
  });

  it('keeps the host’s module resolver and team directory while an edit changes no module and no team', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
    const differ = new SnapshotDiffer();
    const assembler = new SnapshotAssembler();
    const first = send(differ.diff(await analyzer.analyze()), assembler, null);

    // A CODEOWNERS line for a folder no module is in: findings and usage counts change, modules and teams do not.
    fs.write('.github/CODEOWNERS', `${CODEOWNERS}/docs/ @acme/platform\n`);
    const worker = await analyzer.update([{ path: '.github/CODEOWNERS', kind: 'changed' }]);
    const parts = differ.diff(worker);
    assert.deepEqual(parts.filter((p) => p.kind === 'modules'), []);
    const second = send(parts, assembler, first);
    assertSame(second, worker);
    assert.equal(second.model.modules, first.model.modules);
    assert.equal(second.moduleOf, first.moduleOf, 'the same resolver');
    assert.equal(second.teamOf, first.teamOf, 'the same directory');

    // An owner changed: a module changed, so a new resolver answers with the new module.
    fs.write('services/search/service-contract.yaml', contract('search', '@acme/payments'));
    const third = send(differ.diff(await analyzer.update([{ path: 'services/search/service-contract.yaml', kind: 'changed' }])), assembler, second);
    assert.notEqual(third.moduleOf, second.moduleOf);
    assert.deepEqual(third.moduleOf('services/search/src/index.ts')?.owners, ['@acme/payments']);
  });

  it('sends one added file as a delta, and a whole list in bounded chunks', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
    const differ = new SnapshotDiffer({ files: 4, findings: 2, modules: 1 });
    const assembler = new SnapshotAssembler();
    const worker = await analyzer.analyze();
    const first = differ.diff(worker);
    const chunks = first.filter((p) => p.kind === 'files');
    assert.equal(chunks.length, Math.ceil((worker.files ?? []).length / 4));
    for (const p of chunks) assert.ok(p.kind === 'files' && p.added.split('\n').length <= 4);
    let host = send(first, assembler, null);
    assertSame(host, worker);

    fs.write('apps/web/src/added.ts', 'export {};\n');
    const next = await analyzer.update([{ path: 'apps/web/src/added.ts', kind: 'created' }]);
    const parts = differ.diff(next);
    assert.deepEqual(parts.filter((p) => p.kind === 'files'), [{ kind: 'files', full: false, first: false, added: 'apps/web/src/added.ts', removed: '' }]);
    host = send(parts, assembler, host);
    assertSame(host, next);
  });
});
