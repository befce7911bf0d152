/**
 * The first analysis takes the source files' scan late: the model build waits for it only where
 * it gives modules their tags, and the problems and disable comments of the source files join
 * the others in their usual order. A second analysis on the same analyzer (whose model carry
 * holds the first build, which partial builds compare tags with), an update after a tag moves,
 * and a fresh analyzer must all agree with each other.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceAnalyzer } from '../../src/core/analyze';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { removeFolder } from './helpers';

describe('source facts taken late in the first analysis', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-late-tags-'));
    fs.writeFileSync(
      path.join(root, 'vision.yaml'),
      'apiVersion: northstar/v1\nkind: Vision\nvision:\n  direction: Ship.\npriorities:\n  - id: speed\n    title: Speed\n  - id: trust\n    title: Trust\n',
    );
    // Enough source files for the scan's worker (2,000 or more), tags in some, a disable comment
    // and a binary source file (a problem) in others.
    for (let d = 0; d < 30; d++) {
      const dir = path.join(root, 'services', `s${d}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'service-contract.yaml'), `name: s${d}\nowner: "@acme/t${d % 4}"\n`);
      for (let i = 0; i < 80; i++) {
        const text = i === 0 ? `// northstar:priority ${d % 2 === 0 ? 'speed' : 'trust'}\n` : i === 1 && d % 5 === 0 ? '// northstar:priority nonexistent\n' : `export const v = ${i};\n`;
        fs.writeFileSync(path.join(dir, `f${i}.ts`), text);
      }
    }
    fs.writeFileSync(path.join(root, 'services', 's3', 'blob.ts'), Buffer.from([0x61, 0x00, 0x62]));
  });
  after(() => removeFolder(root));

  it('gives the same model in a first analysis, a second one on the same analyzer, and a fresh one', async () => {
    const analyzer = new WorkspaceAnalyzer(new NodeFileAccess(root), { rootLabel: 'late', today: '2026-12-01' });
    const first = await analyzer.analyze();
    assert.equal(first.model.priorityTags.length, 36);
    assert.deepEqual(first.model.modules.filter((m) => m.priorities.length > 0).length, 30);
    assert.ok(first.model.findings.some((f) => f.ruleId === 'strategy/unknown-priority'));
    assert.ok(first.model.findings.some((f) => f.ruleId === 'workspace/skipped' && f.file === 'services/s3/blob.ts'));
    const second = await analyzer.analyze();
    assert.deepEqual(second.model, first.model);
    const fresh = await new WorkspaceAnalyzer(new NodeFileAccess(root), { rootLabel: 'late', today: '2026-12-01' }).analyze();
    assert.deepEqual(fresh.model, first.model);
  });

  it('gives an update after a tag moves the model a fresh analysis gives', async () => {
    const analyzer = new WorkspaceAnalyzer(new NodeFileAccess(root), { rootLabel: 'late', today: '2026-12-01' });
    await analyzer.analyze();
    fs.writeFileSync(path.join(root, 'services', 's1', 'f0.ts'), 'export const v = 0;\n');
    fs.writeFileSync(path.join(root, 'services', 's1', 'f9.ts'), '// northstar:priority speed\n');
    const updated = await analyzer.update([
      { path: 'services/s1/f0.ts', kind: 'changed' },
      { path: 'services/s1/f9.ts', kind: 'changed' },
    ]);
    const fresh = await new WorkspaceAnalyzer(new NodeFileAccess(root), { rootLabel: 'late', today: '2026-12-01' }).analyze();
    assert.deepEqual(updated.model, fresh.model);
    assert.deepEqual(fresh.model.modules.find((m) => m.name === 's1')?.priorities, ['speed']);
  });
});
