/**
 * The linear-time glob matcher (src/core/glob.ts) against picomatch, which Northstar used
 * before, on random ordinary patterns and paths; and on the patterns that made picomatch and
 * regexes hang. The seed is printed; replay with NORTHSTAR_SEED=<seed>.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, compileGlobs, wildcardMatch, type WildToken } from '../../../src/core/glob';

const seed = process.env.NORTHSTAR_SEED !== undefined ? Number(process.env.NORTHSTAR_SEED) : Date.now() % 2 ** 31;
const options = { seed, numRuns: Number(process.env.NORTHSTAR_PROPERTY_RUNS ?? 500) };

const nameChar = fc.constantFrom('a', 'b', '.', '-', '_', 'x');
// Root-relative paths never hold `.` or `..` segments (normalizePath removes them).
const name = fc.array(nameChar, { minLength: 1, maxLength: 5 }).map((cs) => cs.join('')).filter((n) => n !== '.' && n !== '..');
const filePath = fc.array(name, { minLength: 1, maxLength: 5 }).map((parts) => parts.join('/'));
const globSegment = fc.oneof(
  { weight: 1, arbitrary: fc.constant('**') },
  { weight: 4, arbitrary: fc.array(fc.constantFrom('a', 'b', '.', 'x', '*', '?', '[ab]', '[a-b]'), { minLength: 1, maxLength: 5 }).map((cs) => cs.join('')) },
);
const glob = fc.array(globSegment, { minLength: 1, maxLength: 4 }).map((segs) => segs.join('/'));

describe(`linear-time globs (seed ${seed})`, function () {
  this.timeout(60_000);

  before(function () {
    console.log(`      property seed ${seed}: replay with NORTHSTAR_SEED=${seed}`);
  });

  it('answers as picomatch (dot: true) on ordinary patterns', function () {
    fc.assert(
      fc.property(glob, fc.array(filePath, { minLength: 1, maxLength: 8 }), (pattern, paths) => {
        // Runs of stars that picomatch reads as a globstar inside a segment are outside this comparison.
        fc.pre(!/[^/]\*\*|\*\*[^/]/.test(pattern));
        // picomatch lets `x/**` and `?/**` match the folder itself but not `*/**`: here all of them do.
        fc.pre(!/\*[^/]*\/\*\*$/.test(pattern));
        // picomatch's fast path for a lone `*.*` wants something after the dot (`a.` does not
        // match, while `a/*.*` matches `a/b.`); git's fnmatch lets the star match nothing, as ours
        // does (pinned in the brace and negation case below). Seed 1132906656 found it.
        fc.pre(pattern !== '*.*');
        const reference = picomatch(pattern, { dot: true });
        const ours = compileGlob(pattern);
        for (const p of paths) assert.equal(ours(p), reference(p), `${pattern} on ${p}`);
      }),
      options,
    );
  });

  it('matches a segment like a regex of its tokens, also with many stars', function () {
    const token = fc.constantFrom<WildToken>({ t: 'char', ch: 'a' }, { t: 'char', ch: 'b' }, { t: 'one' }, { t: 'star' });
    fc.assert(
      fc.property(fc.array(token, { maxLength: 10 }), fc.stringMatching(/^[ab]{0,12}$/), (tokens, text) => {
        const source = tokens.map((t) => (t.t === 'char' ? t.ch : t.t === 'one' ? '.' : '.*')).join('');
        assert.equal(wildcardMatch(tokens, text), new RegExp(`^${source}$`, 's').test(text), `${source} on ${text}`);
      }),
      options,
    );
  });

  it('answers at once on the patterns that make backtracking matchers hang', function () {
    const long = 'a'.repeat(5000);
    const started = performance.now();
    const patterns = ['**/**/**/**/**/**/a*a*a*a*a*b', `**/${'*?'.repeat(200)}b`, `${'a*'.repeat(2000)}b`, `${'[a-z]*'.repeat(100)}b`, `${'{a,b}'.repeat(40)}`];
    const matcher = compileGlobs(patterns);
    for (let depth = 0; depth < 20; depth++) assert.equal(matcher(`${'x/'.repeat(depth)}${long}`), false);
    assert.equal(compileGlob(patterns[0])(`x/y/${'a'.repeat(300)}b`), true);
    assert.ok(performance.now() - started < 2000, `took ${Math.round(performance.now() - started)} ms`);
  });

  it('expands braces, keeps a leading ! as negation, ignores ./ and treats a trailing / as a folder', function () {
    // A star may match nothing, as in git's fnmatch: `*.*` matches `a.` (picomatch's fast path says no).
    assert.equal(compileGlob('*.*')('a.'), true);
    assert.equal(compileGlob('src/*.{ts,js}')('src/a.js'), true);
    assert.equal(compileGlob('src/file{1..3}.ts')('src/file2.ts'), true);
    assert.equal(compileGlob('src/file{1..3}.ts')('src/file4.ts'), false);
    assert.equal(compileGlob('!**/*.md')('docs/a.md'), false);
    assert.equal(compileGlob('!**/*.md')('docs/a.ts'), true);
    assert.equal(compileGlob('./test/**')('test/a/b.ts'), true);
    assert.equal(compileGlob('test/')('test'), false);
    assert.equal(compileGlob('[[:digit:]]*.txt')('7up.txt'), true);
    assert.equal(compileGlob('a\\*b')('a*b'), true);
    assert.equal(compileGlob('a\\*b')('axb'), false);
  });

  it('matches globs of any length: up to 30 segments in a bit set, longer ones in sets, with the same answers', function () {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (depth, extra, star) => {
        // `a/a/…/a/*` (depth segments) against paths of depth-1 … depth+3 segments, with and without `**` in the middle.
        const segments = Array.from({ length: depth }, (_, i) => (star && i === Math.floor(depth / 2) ? '**' : 'a'));
        const pattern = `${segments.join('/')}/*.ts`;
        const path = [...Array.from({ length: depth + extra - 1 }, () => 'a'), 'b.ts'].join('/');
        const expected = picomatch(pattern, { dot: true })(path);
        assert.equal(compileGlob(pattern)(path), expected, `${pattern} on ${path}`);
      }),
      options,
    );
  });
});
