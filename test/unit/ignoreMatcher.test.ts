/**
 * The indexed .gitignore matcher answers exactly as the `ignore` package given the whole file
 * (the walk's matcher before), on random small rule sets, while it asks only the rules that
 * can apply: a file of 50,000 rules is matched in time that does not grow with them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ignore from 'ignore';
import { classifyRule, GitignoreMatcher } from '../../src/core/ignoreMatcher';

const SEGMENTS = ['a', 'b', 'A', 'k', 'ab.log', 'a.log', 'b.txt', 'B.LOG', 'c.tar.gz', '*', '**', '*.log', '*.LOG', '*.gz', '*.tar.gz', 'a*', '?', '[ab]', '[!a]', '\\*', '\\!a', '.', '..', 'x y', 'b-1_2', '***'];

const rule = fc
  .tuple(
    fc.constantFrom('', '', '', '!', '#', '\\#', '\\!'),
    fc.constantFrom('', '', '/'),
    fc.array(fc.constantFrom(...SEGMENTS), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '', '/', '//', '/**', ' ', '\\ ', '\r'),
  )
  .map(([bang, lead, segments, tail]) => bang + lead + segments.join('/') + tail);

const rules = fc
  .array(fc.oneof({ weight: 8, arbitrary: rule }, { weight: 1, arbitrary: fc.constantFrom('', '   ', '#comment', '!') }), { minLength: 1, maxLength: 8 })
  .chain((lines) => fc.constantFrom('\n', '\r\n').map((eol) => lines.join(eol) + eol));

// Non-ASCII names too: the Kelvin sign lower-cases to `k`, and `İ` to two code units (the
// matcher tells names from indexed ones by their length first).
const path = fc.tuple(
  fc.array(fc.constantFrom('a', 'b', 'A', 'a.log', 'b.txt', 'B.LOG', 'c.tar.gz', 'x y', 'ab', '.a', 'b-1_2', 'a.b.log', '\u212a', '\u0130.log', 'a\u0130.log', 'ab.\u0130og', '\u212a.LOG'), { minLength: 1, maxLength: 4 }),
  fc.boolean(),
);

describe('GitignoreMatcher', () => {
  it('answers as the ignore package on random rule sets (last match wins, negation, folders only, anchoring)', () => {
    fc.assert(
      fc.property(rules, fc.array(path, { minLength: 1, maxLength: 12 }), (text, paths) => {
        const expected = ignore().add(text);
        const matcher = new GitignoreMatcher(text);
        for (const [segments, isDir] of paths) {
          const p = segments.join('/');
          assert.equal(matcher.ignores(p, isDir), expected.ignores(isDir ? `${p}/` : p), `${JSON.stringify(text)} on ${p}${isDir ? '/' : ''}`);
        }
      }),
      { numRuns: 4000 },
    );
  });

  it('indexes literal names, extensions, anchored paths and literal prefixes; the rest is general', () => {
    assert.deepEqual(classifyRule('Thumbs.db'), { kind: 'name', key: 'thumbs.db' });
    assert.deepEqual(classifyRule('!cache/'), { kind: 'name', key: 'cache' });
    assert.deepEqual(classifyRule('*.tar.GZ'), { kind: 'ext', key: 'gz' });
    assert.deepEqual(classifyRule('/build/tmp/'), { kind: 'path', key: 'build/tmp' });
    assert.deepEqual(classifyRule('docs/site'), { kind: 'path', key: 'docs/site' });
    assert.deepEqual(classifyRule('/services/api/**/*.tmp'), { kind: 'ext', key: 'tmp' });
    assert.deepEqual(classifyRule('services/*/Cache/'), { kind: 'name', key: 'cache' });
    assert.deepEqual(classifyRule('/services/api/*'), { kind: 'prefix', key: 'services/api' });
    for (const general of ['**/tmp*', '[Bb]in/', '\\#notes', 'a b', '*', 'a//b', 'a/./b', '!', 'x\\ ', 'a/[b]/c', 'a\\/b/c', '*/x*']) {
      assert.deepEqual(classifyRule(general), { kind: 'general' }, general);
    }
  });

  it('matches 50,000 rules over 2,000 paths in well under a second, asking only a few general rules', () => {
    const lines = ['# generated', '*.tmp', '**/scratch*/', '!important.tmp'];
    for (let i = 0; i < 50_000; i++) {
      switch (i % 5) {
        case 0:
          lines.push(`/services/svc-${i % 400}/tmp-${i}/`);
          break;
        case 1:
          lines.push(`*.gen${i}`);
          break;
        case 2:
          lines.push(`cache-${i}/`);
          break;
        case 3:
          lines.push(`services/svc-${i % 400}/**/*.snap${i}`);
          break;
        default:
          lines.push(`!services/svc-${i % 400}/keep-${i}.txt`);
      }
    }
    lines.push('/services/svc-7/');
    const text = lines.join('\n') + '\n';
    const matcher = new GitignoreMatcher(text);
    assert.equal(matcher.generalCount, 1);
    const started = performance.now();
    let ignored = 0;
    for (let s = 0; s < 400; s++) {
      for (const file of ['src/main.go', 'README.md', `tmp-${s * 5}`, 'x.tmp', 'important.tmp']) {
        if (matcher.ignores(`services/svc-${s}/${file}`, file.startsWith('tmp-'))) ignored++;
      }
    }
    const ms = performance.now() - started;
    assert.ok(ms < 1_000, `${Math.round(ms)} ms`);
    // Spot checks (the ignore package itself takes seconds on this file: the point of the index).
    const expected: [string, boolean][] = [
      ['services/svc-7/src/main.go', true],
      ['services/svc-8/x.tmp', true],
      ['services/svc-8/important.tmp', false],
      ['services/svc-5/tmp-5/', true],
      ['services/svc-6/tmp-5/', false],
      ['services/svc-3/a/b.snap3', true],
      ['services/svc-3/a/b.snap8', false],
      ['services/svc-4/keep-4.txt', false],
      ['services/scratch-1/', true],
    ];
    for (const [p, answer] of expected) {
      const isDir = p.endsWith('/');
      assert.equal(matcher.ignores(isDir ? p.slice(0, -1) : p, isDir), answer, p);
    }
    // x.tmp in every folder, and all of svc-7.
    assert.ok(ignored >= 400 + 4, String(ignored));
  });
});
