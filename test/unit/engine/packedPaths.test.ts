import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PackedPaths } from '../../../src/core/engine/packedPaths';

/** Paths as a workspace has them: a few folders deep, names that sort around each other. */
const path = fc
  .array(fc.constantFrom('apps', 'libs', 'services', 'web', 'src', 'test', 'a', 'a.b', 'a-b', 'index.ts', 'README.md', 'Z'), { minLength: 1, maxLength: 4 })
  .map((parts) => parts.join('/'));

function chunks(sorted: readonly string[], size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i === 0 || i < sorted.length; i += size) out.push(sorted.slice(i, i + size).join('\n'));
  return out;
}

describe('the host’s packed file list (engine/packedPaths.ts)', () => {
  it('holds the paths the worker sent, in order, after any sequence of edits, and never changes a list handed out', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(path),
        fc.array(fc.record({ added: fc.array(path, { maxLength: 6 }), removed: fc.array(path, { maxLength: 6 }) }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        (start, edits, size) => {
          let expected = [...start].sort();
          let packed = chunks(expected, size).reduce((list, run) => list.append(run), PackedPaths.EMPTY);
          assert.deepEqual(packed.toArray(), expected);
          assert.equal(packed.length, expected.length);
          for (const e of edits) {
            const before = packed;
            const beforePaths = [...before.toArray()];
            packed = packed.edit(e.added, e.removed, size);
            const set = new Set(expected);
            for (const p of e.removed) set.delete(p);
            for (const p of e.added) set.add(p);
            expected = [...set].sort();
            assert.deepEqual(packed.toArray(), expected);
            assert.equal(packed.length, expected.length);
            assert.deepEqual(before.toArray(), beforePaths, 'the earlier list is unchanged');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits only the run an edit falls in, and cuts a run grown past the limit', () => {
    const files = Array.from({ length: 30 }, (_, i) => `src/f${String(i).padStart(2, '0')}.ts`);
    const packed = PackedPaths.fromRuns(chunks(files, 10));
    const edited = packed.edit(['src/f05a.ts', 'src/f05b.ts'], ['src/f21.ts'], 11);
    assert.equal(edited.length, 31);
    assert.deepEqual(edited.toArray().slice(4, 9), ['src/f04.ts', 'src/f05.ts', 'src/f05a.ts', 'src/f05b.ts', 'src/f06.ts']);
    assert.ok(!edited.toArray().includes('src/f21.ts'));
    // 12 paths in the first run, at most 11 a run: cut in two, so the list reads the same.
    assert.deepEqual(edited.toArray(), [...files.slice(0, 6), 'src/f05a.ts', 'src/f05b.ts', ...files.slice(6)].filter((f) => f !== 'src/f21.ts').sort());
    // A path before every run goes into the first.
    assert.deepEqual(packed.edit(['a.ts'], [], 10).toArray()[0], 'a.ts');
    // The paths of an unchanged list are made once.
    assert.equal(packed.toArray(), packed.toArray());
  });
});
