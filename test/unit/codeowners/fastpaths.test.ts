/**
 * The engine's fast paths give the same answers as its full one: `ownersOnly` equals
 * `ownersOf(...).owners`, and the lazily built `overridden` lists every other matching line of
 * the deciding line's section, in file order, as `ruleMatches` sees them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { CodeownersDialect } from '../../../src/core/model/types';
import { OwnershipIndex, parseCodeowners } from '../../../src/core/sources/codeowners';

const segArb = fc.constantFrom('a', 'b', 'src', '*', '?', 'a*', '*.js', '*.md', 'x.js', '**', 'docs');
const patternArb = fc
  .tuple(fc.boolean(), fc.array(segArb, { minLength: 1, maxLength: 3 }), fc.boolean())
  .map(([lead, segs, trail]) => `${lead ? '/' : ''}${segs.join('/')}${trail ? '/' : ''}`);
const pathArb = fc.array(fc.constantFrom('a', 'b', 'src', 'x.js', 'y.md', 'docs', 'ab'), { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
const ownerArb = fc.constantFrom('@a', '@b', '@org/c', 'd@example.com');

function build(lines: Array<[string, string[]]>, dialect: CodeownersDialect) {
  const text = lines.map(([p, o]) => [p, ...o].join(' ')).join('\n');
  const { codeowners } = parseCodeowners(text, 'CODEOWNERS', dialect);
  return { text, codeowners, index: new OwnershipIndex(codeowners) };
}

describe('CODEOWNERS engine fast paths', () => {
  for (const dialect of ['github', 'gitlab'] as CodeownersDialect[]) {
    it(`${dialect}: ownersOnly and the lazy overridden agree with the full match`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(patternArb, fc.array(ownerArb, { maxLength: 2 })), { minLength: 1, maxLength: 10 }),
          fc.array(pathArb, { minLength: 1, maxLength: 10 }),
          (lines, paths) => {
            const { text, codeowners, index } = build(lines, dialect);
            for (const path of paths) {
              const match = index.ownersOf(path);
              assert.deepEqual(index.ownersOnly(path), match.owners, `${path}\n${text}`);
              const deciding = new Set(match.rules.map((r) => r.index));
              // Every other line that matches the path, in file order (GitLab: the same section's
              // replaced duplicates included, as the engine keeps them).
              const expected = codeowners.rules.filter((r) => !deciding.has(r.index) && index.ruleMatches(r, path));
              if (dialect === 'github') assert.deepEqual(match.overridden, expected, `${path}\n${text}`);
              else for (const r of match.overridden) assert.ok(expected.includes(r), `${r.pattern} overridden for ${path}\n${text}`);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('hands out a fresh owners array each time, so a caller that changes it changes nothing else', () => {
    const { index } = build([['*.js', ['@a', '@b']]], 'github');
    const first = index.ownersOnly('src/x.js');
    first.push('@mutated');
    assert.deepEqual(index.ownersOnly('src/x.js'), ['@a', '@b']);
    const match = index.ownersOf('src/x.js');
    match.owners.push('@mutated');
    assert.deepEqual(index.ownersOf('src/x.js').owners, ['@a', '@b']);
  });

  it('keeps overridden an ordinary, serialisable field', () => {
    const { index } = build([['*', ['@all']], ['/src/', ['@src']], ['*.js', ['@js']]], 'github');
    const match = index.ownersOf('src/x.js');
    assert.deepEqual(
      JSON.parse(JSON.stringify(match)).overridden.map((r: { pattern: string }) => r.pattern),
      ['*', '/src/'],
    );
    assert.deepEqual({ ...match }.overridden.map((r) => r.line), [1, 2]);
    match.overridden = [];
    assert.deepEqual(match.overridden, []);
    assert.deepEqual(index.ownersOf('README.md'), { owners: ['@all'], rule: index.ownersOf('README.md').rule, rules: [index.ownersOf('README.md').rule], overridden: [] });
  });
});
