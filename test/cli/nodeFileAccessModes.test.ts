/**
 * NodeFileAccess in both modes (blocking calls for the CLI, callbacks for a host that must stay
 * responsive): the same entries, bytes and errors, and reads within a size limit.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { analyzeWorkspace } from '../../src/core/analyze';
import { removeFolder } from './helpers';

describe('NodeFileAccess modes', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-fs-modes-'));
    fs.mkdirSync(path.join(root, 'services', 'pay'), { recursive: true });
    fs.writeFileSync(path.join(root, 'services', 'pay', 'small.ts'), '// northstar:priority reliability\n');
    // Larger than the adapter's 64 KB scratch buffer, to take the second read path.
    fs.writeFileSync(path.join(root, 'services', 'pay', 'large.ts'), 'x'.repeat(200_000));
    fs.writeFileSync(path.join(root, 'empty.txt'), '');
    fs.symlinkSync(path.join(root, 'services'), path.join(root, 'services-link'));
  });
  after(() => removeFolder(root));

  for (const blocking of [true, false]) {
    describe(blocking ? 'blocking' : 'non-blocking', () => {
      const access = () => new NodeFileAccess(root, { blocking });

      it('reads whole files within the limit, and only the size of larger ones', async () => {
        const a = access();
        assert.equal(new TextDecoder().decode((await a.readFileWithin('services/pay/small.ts', 1024)) as Uint8Array), '// northstar:priority reliability\n');
        const large = (await a.readFileWithin('services/pay/large.ts', 1024 * 1024)) as Uint8Array;
        assert.equal(large.length, 200_000);
        assert.ok(large.every((b) => b === 0x78));
        assert.deepEqual(await a.readFileWithin('services/pay/large.ts', 100_000), { tooLarge: 200_000 });
        assert.deepEqual(await a.readFileWithin('services/pay/small.ts', 10), { tooLarge: 34 });
        assert.equal(((await a.readFileWithin('empty.txt', 10)) as Uint8Array).length, 0);
        await assert.rejects(a.readFileWithin('missing.ts', 10), /ENOENT/);
      });

      it('scans files for a marker as reading and decoding them would (in place and on workers)', async () => {
        const a = access();
        const dir = path.join(root, 'scan');
        fs.mkdirSync(dir, { recursive: true });
        const names: string[] = [];
        // Enough files for the worker threads (2,000 or more), with every kind of result among them.
        for (let i = 0; i < 2100; i++) {
          const name = `scan/f${i}.ts`;
          names.push(name);
          fs.writeFileSync(path.join(root, name), i % 700 === 0 ? `// northstar:priority p${i}\n` : `export const v${i} = ${i};\n`);
        }
        fs.writeFileSync(path.join(dir, 'bom.ts'), '\ufeff// northstar:priority bom\n');
        fs.writeFileSync(path.join(dir, 'nul.ts'), Buffer.from([0x61, 0x00, 0x62]));
        fs.writeFileSync(path.join(dir, 'latin1.ts'), Buffer.from([0x2f, 0x2f, 0xe9, 0x0a]));
        fs.writeFileSync(path.join(dir, 'big.ts'), 'y'.repeat(70_000));
        const extra = ['scan/bom.ts', 'scan/nul.ts', 'scan/latin1.ts', 'scan/big.ts', 'scan/missing.ts', '../outside.ts'];
        for (const list of [extra, [...names, ...extra]]) {
          const results = await a.scanFiles(list, 65_000, 'northstar:priority');
          assert.equal(results.length, list.length);
          const byName = new Map(list.map((p, i) => [p, results[i]]));
          assert.deepEqual(byName.get('scan/bom.ts'), { kind: 'text', text: '// northstar:priority bom\n' });
          assert.deepEqual(byName.get('scan/nul.ts'), { kind: 'binary' });
          assert.deepEqual(byName.get('scan/latin1.ts'), { kind: 'binary' });
          assert.deepEqual(byName.get('scan/big.ts'), { kind: 'tooLarge', size: 70_000 });
          assert.equal(byName.get('scan/missing.ts')?.kind, 'error');
          assert.equal((byName.get('scan/missing.ts') as { code?: string }).code, 'ENOENT');
          assert.equal(byName.get('../outside.ts')?.kind, 'error');
          if (list.length > extra.length) {
            const texts = names.filter((p) => byName.get(p)?.kind === 'text');
            assert.deepEqual(texts, ['scan/f0.ts', 'scan/f700.ts', 'scan/f1400.ts']);
            assert.deepEqual(byName.get('scan/f700.ts'), { kind: 'text', text: '// northstar:priority p700\n' });
            assert.ok(names.every((p) => ['text', 'plain'].includes(byName.get(p)!.kind)));
          }
        }
        fs.rmSync(dir, { recursive: true, force: true });
      });

      it('lists, stats and resolves links alike', async () => {
        const a = access();
        assert.deepEqual(await a.readDirectory(''), [
          { name: 'empty.txt', kind: 'file' },
          { name: 'services', kind: 'directory' },
          { name: 'services-link', kind: 'symlink' },
        ]);
        assert.equal((await a.stat('services-link')).kind, 'directory');
        assert.equal(await a.realPath('services-link'), path.join(fs.realpathSync(root), 'services'));
        await assert.rejects(a.readDirectory('missing'), /ENOENT/);
      });

      it('gives the engine the same analysis', async () => {
        const analysis = await analyzeWorkspace(access(), { rootLabel: 'root' });
        assert.deepEqual(analysis.model.priorityTags.map((t) => [t.file, t.priority]), [['services/pay/small.ts', 'reliability']]);
        // The linked copy of services/ is a loop of the walk, reported and not read twice.
        assert.ok(analysis.model.findings.some((f) => f.ruleId === 'workspace/skipped' && f.file === 'services-link'));
      });
    });
  }

  // Suites' own tests run before the nested ones: the folders made here go before those list the root.
  afterEach(() => {
    for (const folder of ['stream', 'walked']) fs.rmSync(path.join(root, folder), { recursive: true, force: true });
  });

  it('scans files fed while they are found exactly as scanFiles does, in the order given', async () => {
    const dir = path.join(root, 'stream');
    const names: string[] = [];
    // Folders of a few files each, 2,600 in all: past the in-place limit and over several batches.
    for (let d = 0; d < 130; d++) {
      fs.mkdirSync(path.join(dir, `m${d}`), { recursive: true });
      for (let i = 0; i < 20; i++) {
        const name = `stream/m${d}/f${i}.ts`;
        names.push(name);
        fs.writeFileSync(path.join(root, name), (d * 20 + i) % 900 === 0 ? `// northstar:priority p${d}\n` : `export const v = ${i};\n`);
      }
    }
    fs.writeFileSync(path.join(dir, 'm7', 'binary.ts'), Buffer.from([0x61, 0x00]));
    names.splice(150, 0, 'stream/m7/binary.ts', 'stream/m7/missing.ts', '../outside.ts');
    const a = new NodeFileAccess(root);
    const expected = await a.scanFiles(names, 65_000, 'northstar:priority');
    for (const sizes of [[3], [1, 1999, 600], [700, 700, 700, 503]]) {
      const session = a.startScan(65_000, 'northstar:priority');
      let at = 0;
      for (const size of sizes.length === 1 ? Array.from({ length: Math.ceil(names.length / sizes[0]) }, () => sizes[0]) : sizes) {
        session.add(names.slice(at, at + size));
        at += size;
      }
      session.add(names.slice(at));
      const { paths, results } = await session.finish();
      assert.deepEqual(paths, names);
      assert.deepEqual(results, expected);
      assert.equal(session.finish(), session.finish());
      assert.throws(() => session.add(['stream/m0/f0.ts']), /already finished/);
    }
    assert.deepEqual(expected.filter((r) => r.kind === 'text').length, 3);
    assert.deepEqual(expected.slice(150, 153).map((r) => r.kind), ['binary', 'error', 'error']);
  });

  it('gives the same analysis with the scan fed during the walk as with one scan after it', async () => {
    const dir = path.join(root, 'walked');
    for (let d = 0; d < 110; d++) {
      fs.mkdirSync(path.join(dir, `m${d}`), { recursive: true });
      fs.writeFileSync(path.join(dir, `m${d}`, 'service-contract.yaml'), `name: m${d}\nowner: "@acme/t${d % 3}"\n`);
      for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `m${d}`, `f${i}.ts`), i === d % 20 ? `// northstar:priority p${d}\n` : '');
    }
    // A file of every other role, found by the walk's role lists (the role index sorts them):
    // a manifest, a catalog file, CODEOWNERS, teams.yaml, and notes in the learning folder the
    // configuration names (not the default one, whose Markdown is no note then).
    fs.writeFileSync(path.join(dir, 'm3', 'package.json'), '{ "name": "m3" }\n');
    fs.writeFileSync(path.join(dir, 'm4', 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: m4\nspec:\n  type: service\n  owner: t1\n');
    fs.mkdirSync(path.join(dir, '.github'));
    fs.writeFileSync(path.join(dir, '.github', 'CODEOWNERS'), '/m1/ @acme/t1\n/gone/ @acme/t2\n');
    fs.writeFileSync(path.join(dir, 'teams.yaml'), 'teams:\n  - id: t1\n    name: T1\n');
    fs.writeFileSync(path.join(dir, '.northstar.yaml'), 'learning:\n  folders: [notes]\n');
    for (const folder of ['notes', 'docs/postmortems']) {
      fs.mkdirSync(path.join(dir, folder), { recursive: true });
      fs.writeFileSync(path.join(dir, folder, '2026-01-02-outage.md'), '---\nkind: postmortem\ndate: 2026-01-02\n---\n# Outage\n');
    }
    const streamed = new NodeFileAccess(path.join(root, 'walked'));
    assert.ok(streamed.startScan);
    // The same adapter without startScan: the engine scans once the walk is done.
    const afterWalk = new NodeFileAccess(path.join(root, 'walked'));
    Object.defineProperty(afterWalk, 'startScan', { value: undefined });
    const [a, b] = await Promise.all([analyzeWorkspace(streamed, { rootLabel: 'w' }), analyzeWorkspace(afterWalk, { rootLabel: 'w' })]);
    assert.equal(a.model.priorityTags.length, 110);
    assert.equal(a.model.learning.length, 1);
    assert.ok(a.model.findings.some((f) => f.ruleId === 'codeowners/no-match'));
    assert.deepEqual(a.model, b.model);
  });
});
