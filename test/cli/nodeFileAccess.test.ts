import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace } from '../../src/core/analyze';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { removeFolder } from './helpers';

describe('NodeFileAccess', () => {
  let root: string;
  let access: NodeFileAccess;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-fs-'));
    fs.mkdirSync(path.join(root, 'services', 'payments', 'src'), { recursive: true });
    fs.writeFileSync(path.join(root, 'services', 'payments', 'src', 'pay.ts'), 'export const pay = 1;\n');
    fs.writeFileSync(path.join(root, 'README.md'), '# Shop\n');
    fs.symlinkSync(path.join(root, 'services'), path.join(root, 'services-link'));
    fs.symlinkSync('..', path.join(root, 'services', 'payments', 'src', 'loop'));
    fs.symlinkSync(path.join(root, 'gone.txt'), path.join(root, 'dangling'));
    access = new NodeFileAccess(root);
  });
  after(() => removeFolder(root));

  it('lists folders with kinds, links not followed, sorted', async () => {
    assert.deepEqual(await access.readDirectory(''), [
      { name: 'README.md', kind: 'file' },
      { name: 'dangling', kind: 'symlink' },
      { name: 'services', kind: 'directory' },
      { name: 'services-link', kind: 'symlink' },
    ]);
    assert.deepEqual(await access.readDirectory('services/payments/src'), [
      { name: 'loop', kind: 'symlink' },
      { name: 'pay.ts', kind: 'file' },
    ]);
  });

  it('reads files and stats through links; a dangling link rejects', async () => {
    assert.equal(new TextDecoder().decode(await access.readFile('services-link/payments/src/pay.ts')), 'export const pay = 1;\n');
    assert.equal((await access.stat('services-link')).kind, 'directory');
    assert.equal((await access.stat('README.md')).size, 7);
    await assert.rejects(access.stat('dangling'), /ENOENT/);
    await assert.rejects(access.readFile('missing.txt'), /ENOENT/);
  });

  it('gives real paths that reveal a loop, and refuses paths that climb out of the root', async () => {
    const realRoot = fs.realpathSync(root);
    assert.equal(await access.realPath('services/payments/src/loop'), path.join(realRoot, 'services', 'payments'));
    assert.equal(await access.realPath('services-link'), path.join(realRoot, 'services'));
    assert.throws(() => access.absolute('../etc/passwd'), /outside the root/);
  });

  it('lets the engine analyse a tree with a symlink loop without hanging', async () => {
    const analysis = await analyzeWorkspace(access, { rootLabel: root });
    const skipped = analysis.model.findings.filter((f) => f.ruleId === 'workspace/skipped').map((f) => f.file);
    assert.ok(skipped.includes('services/payments/src/loop'), skipped.join(', '));
    assert.ok(skipped.includes('dangling'), skipped.join(', '));
    assert.ok(!analysis.model.findings.some((f) => f.ruleId === 'internal/rule-error'));
  });
});
