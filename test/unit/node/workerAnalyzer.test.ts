/**
 * The analysis worker end to end (src/node/workerAnalyzer.ts ⇄ analysisWorker.ts, compiled into
 * out/): on a folder on disk, the snapshot the host keeps is the one an analysis in this thread
 * gives, after the first analysis, after a file changes on disk, and with an unsaved buffer.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Analysis } from '../../../src/core/api';
import { WorkspaceAnalyzer } from '../../../src/core/analyze';
import { NodeFileAccess } from '../../../src/node/nodeFileAccess';
import { localAnalyzeOptions } from '../../../src/node/setup';
import { WorkerAnalyzer } from '../../../src/node/workerAnalyzer';

const TODAY = '2026-11-01';

const FILES: Record<string, string> = {
  '.github/CODEOWNERS': '*  @acme/platform\n/services/payments/  @acme/payments\n',
  'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n  - id: "@acme/platform"\n    name: Platform\n',
  'services/payments/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: payments\nowner: "@acme/payments"\ntype: service\ntier: 1\ndependsOn: [ledger]\n',
  'services/payments/src/server.ts': 'export const port = 8080;\n',
  'services/ledger/package.json': '{ "name": "ledger", "version": "1.0.0" }',
  'services/ledger/src/index.ts': '// northstar:priority reliability\nexport {};\n',
};

function same(host: Analysis, local: Analysis): void {
  // The model's root is the folder either way; positions, findings and modules must agree.
  assert.deepEqual(host.model, JSON.parse(JSON.stringify(local.model)));
  assert.deepEqual(host.files, local.files);
  for (const file of local.files ?? []) {
    assert.deepEqual(host.ownersOf(file), JSON.parse(JSON.stringify(local.ownersOf(file))), file);
    assert.equal(host.moduleOf(file)?.name, local.moduleOf(file)?.name, file);
  }
  assert.deepEqual(host.codeownersStats(), local.codeownersStats());
}

describe('WorkerAnalyzer (analysis on a worker thread)', function () {
  this.timeout(60_000);
  let dir: string;
  let worker: WorkerAnalyzer | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-worker-'));
    for (const [rel, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
  });

  afterEach(() => {
    worker?.dispose();
    worker = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the snapshot of an analysis in this thread, first and after changes on disk and in unsaved buffers', async () => {
    worker = new WorkerAnalyzer({ root: dir, today: TODAY });
    const local = new WorkspaceAnalyzer(new NodeFileAccess(dir), { ...localAnalyzeOptions(dir), today: TODAY });
    assert.equal(worker.analysis, null);

    const first = await worker.analyze();
    same(first, await local.analyze());
    assert.equal(worker.analysis, first);
    assert.ok(first.model.findings.length > 0, 'the fixture has findings to carry');
    assert.ok(!first.model.findings.some((f) => f.ruleId === 'contracts/unknown-dependency'));

    // A file changed on disk and a file created: the watcher's changes.
    fs.writeFileSync(path.join(dir, 'services/payments/service-contract.yaml'), FILES['services/payments/service-contract.yaml'].replace('[ledger]', '[nowhere]'));
    fs.writeFileSync(path.join(dir, 'services/ledger/src/extra.test.ts'), 'export {};\n');
    const changes = [
      { path: 'services/payments/service-contract.yaml', kind: 'changed' as const },
      { path: 'services/ledger/src/extra.test.ts', kind: 'created' as const },
    ];
    const second = await worker.update(changes);
    same(second, await local.update(changes));
    assert.ok(second.model.findings.some((f) => f.ruleId === 'contracts/unknown-dependency' && f.message.includes('nowhere')));

    // An unsaved buffer that breaks teams.yaml, then its removal.
    const overlays = new Map([['teams.yaml', 'apiVersion: northstar/v1\nkind: Teams\nteams: [\n']]);
    const third = await worker.update([], overlays);
    same(third, await local.update([], overlays));
    assert.ok(third.model.findings.some((f) => f.ruleId === 'contracts/yaml' && f.file === 'teams.yaml'));
    same(await worker.update([], new Map()), await local.update([], new Map()));
  });

  it('refuses requests once disposed', async () => {
    worker = new WorkerAnalyzer({ root: dir, today: TODAY });
    await worker.analyze();
    worker.dispose();
    await assert.rejects(worker.update([]), /stopped/);
  });
});
