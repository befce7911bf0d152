/**
 * The walk and the in-memory workspace after their speed-ups: the same files as the plain
 * reading of `.gitignore` and of the folder tree gives, and loops found whatever the order.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ignore from 'ignore';
import { InMemoryFileAccess, type FileStat } from '../../src/core/fs';
import { MAX_GITIGNORE_BYTES, SKIPPED_FOLDERS, walkWorkspace } from '../../src/core/walk';

/** A workspace whose root .gitignore claims `size` bytes and must never be read whole. */
class HugeGitignore extends InMemoryFileAccess {
  reads = 0;

  constructor(
    private readonly size: number,
    private readonly within: boolean,
  ) {
    super({ '.gitignore': '*.log\n', 'app.log': 'x', 'src/main.go': 'package main\n' });
    if (!within) (this as { readFileWithin?: unknown }).readFileWithin = undefined;
  }

  override async readFile(path: string): Promise<Uint8Array> {
    if (path === '.gitignore') this.reads++;
    return super.readFile(path);
  }

  override async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    if (path === '.gitignore' && this.size > maxBytes) return { tooLarge: this.size };
    return super.readFileWithin(path, maxBytes);
  }

  override async stat(path: string): Promise<FileStat> {
    return path === '.gitignore' ? { kind: 'file', size: this.size } : super.stat(path);
  }
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('walkWorkspace', () => {
  it('applies nested .gitignore files, by name and by path, with negations and folder-only lines', async () => {
    const fs = new InMemoryFileAccess({
      '.gitignore': 'node_modules/\n*.log\n!keep.log\nbuild/\n',
      'keep.log': 'kept',
      'debug.log': 'ignored',
      'build/out.js': 'ignored: folder-only line',
      'src/build': 'a file named build is not a folder: kept',
      'src/app.ts': 'kept',
      'src/trace.log': 'ignored by the root file at any depth',
      'services/pay/.gitignore': '/generated\nsecrets/*.pem\n# a comment\n',
      'services/pay/generated/api.ts': 'ignored: anchored to services/pay',
      'services/pay/src/generated/keep.ts': 'kept: the anchor is the .gitignore folder',
      'services/pay/secrets/key.pem': 'ignored',
      'services/pay/secrets/README.md': 'kept',
      'services/pay/keep.log': 'kept by the root negation',
    });
    const walk = await walkWorkspace(fs);
    assert.deepEqual(walk.files, [
      '.gitignore',
      'keep.log',
      'services/pay/.gitignore',
      'services/pay/keep.log',
      'services/pay/secrets/README.md',
      'services/pay/src/generated/keep.ts',
      'src/app.ts',
      'src/build',
    ]);
    assert.deepEqual(walk.gitignores, ['.gitignore', 'services/pay/.gitignore']);
  });

  it('lists files in code unit order of their paths, also where names sort around "/" (a-b, a.b, a, a0, a/…)', async () => {
    // Characters below and above "/" (0x2F) in names: a folder "a" must come after the file "a-b" and before "a0".
    const nameArb = fc.constantFrom('a', 'a-b', 'a.b', 'a0', 'A', 'b', '-', '.x', 'é', 'a b', 'z');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(nameArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }), async (paths) => {
        const files: Record<string, string> = {};
        const folders = new Set<string>();
        for (const parts of paths) {
          const path = parts.join('/');
          if (parts.some((_, i) => parts.slice(0, i + 1).join('/') in files) || folders.has(path)) continue;
          for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
          files[path] = 'x';
        }
        const walk = await walkWorkspace(new InMemoryFileAccess(files));
        assert.deepEqual(walk.files, Object.keys(files).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      }),
      { numRuns: 300 },
    );
  });

  it('lists the same files as a literal reading of the root .gitignore (random trees and rules)', async () => {
    const nameArb = fc.constantFrom('a', 'b', 'x.log', 'y.ts', 'build', 'keep.log', 'node_modules', 'dist', 'c.md');
    const ruleArb = fc.constantFrom('*.log', '!keep.log', 'build/', 'b', '/a', 'a/b', '*.md', 'x*', '!c.md', 'dist');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(nameArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.array(ruleArb, { maxLength: 5 }),
        async (paths, rules) => {
          const files: Record<string, string> = { '.gitignore': rules.join('\n') + '\n' };
          // A name cannot be both a file and a folder: keep the first use of each prefix.
          const folders = new Set<string>();
          for (const parts of paths) {
            const path = parts.join('/');
            const clash = parts.some((_, i) => `${parts.slice(0, i + 1).join('/')}` in files) || folders.has(path);
            if (clash) continue;
            for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
            files[path] = 'x';
          }
          const walk = await walkWorkspace(new InMemoryFileAccess(files));
          const matcher = ignore().add(rules.join('\n'));
          const expected = Object.keys(files)
            .filter((p) => !p.split('/').slice(0, -1).some((s) => SKIPPED_FOLDERS.has(s)))
            .filter((p) => !matcher.ignores(p))
            .sort();
          assert.deepEqual(walk.files, expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  for (const within of [true, false]) {
    it(`reports a .gitignore over ${MAX_GITIGNORE_BYTES / 1024 / 1024} MB as skipped, with its size, without reading it (${within ? 'readFileWithin' : 'stat, then read'})`, async () => {
      const fs = new HugeGitignore(1.5 * 1024 * 1024 * 1024, within);
      const walk = await walkWorkspace(fs);
      assert.equal(fs.reads, 0);
      assert.deepEqual(walk.files, ['.gitignore', 'app.log', 'src/main.go']);
      assert.deepEqual(walk.gitignores, []);
      assert.deepEqual(
        walk.problems.map((p) => [p.ruleId, p.location.file, p.message]),
        [['workspace/skipped', '.gitignore', 'Skipped ".gitignore": it is 1.5 GB, more than the 8.0 MB limit for .gitignore files, so it was not read and its rules are not applied.']],
      );
    });
  }

  it('reports a binary .gitignore as skipped instead of dropping it silently', async () => {
    const fs = new InMemoryFileAccess({ '.gitignore': new Uint8Array([0x2a, 0x00, 0x0a]), 'app.log': 'x' });
    const walk = await walkWorkspace(fs);
    assert.deepEqual(walk.files, ['.gitignore', 'app.log']);
    assert.equal(walk.problems.length, 1);
    assert.match(walk.problems[0].message, /"\.gitignore": it is not UTF-8 text/);
  });

  it('reports a link back into the workspace as a loop, whichever folder is read first', async () => {
    const fs = new InMemoryFileAccess({ 'a/x.ts': '1', 'b/y.ts': '2', 'z/w.ts': '3' });
    fs.links.set('a/to-b', 'b');
    fs.links.set('z/back', 'z');
    const walk = await walkWorkspace(fs);
    assert.deepEqual(walk.files, ['a/x.ts', 'b/y.ts', 'z/w.ts']);
    assert.deepEqual(
      walk.problems.map((p) => p.location.file),
      ['a/to-b', 'z/back'],
    );
  });
});

describe('InMemoryFileAccess', () => {
  it('keeps its folder index in step with writes, deletes and links', async () => {
    const fs = new InMemoryFileAccess({ 'a/b/c.ts': '1', 'a/d.ts': '2' });
    assert.deepEqual(await fs.readDirectory('a'), [
      { name: 'b', kind: 'directory' },
      { name: 'd.ts', kind: 'file' },
    ]);
    fs.write('a/e/f.ts', '3');
    fs.delete('a/b/c.ts');
    fs.links.set('a/l', 'a/e');
    assert.deepEqual(await fs.readDirectory('a'), [
      { name: 'd.ts', kind: 'file' },
      { name: 'e', kind: 'directory' },
      { name: 'l', kind: 'symlink' },
    ]);
    await assert.rejects(fs.readDirectory('a/b'), /ENOENT/);
    assert.deepEqual(await fs.readDirectory('a/l'), [{ name: 'f.ts', kind: 'file' }]);
    assert.equal((await fs.stat('a/e')).kind, 'directory');
    assert.equal(text(await fs.readFile('a/l/f.ts')), '3');
  });

  it('reads within a limit without handing out a larger file', async () => {
    const fs = new InMemoryFileAccess({ 'small.txt': 'abc', 'big.txt': 'x'.repeat(100) });
    assert.equal(text((await fs.readFileWithin('small.txt', 3)) as Uint8Array), 'abc');
    assert.deepEqual(await fs.readFileWithin('big.txt', 99), { tooLarge: 100 });
  });
});
