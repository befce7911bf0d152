/**
 * src/core/regex.ts is the one module allowed to build a RegExp from non-literal text (ESLint
 * forbids it elsewhere). Every pattern it can build goes through a ReDoS checker here: recheck,
 * with its pure-JavaScript backend (no native binary, no Java, no network), so the check runs
 * the same on every machine. A builder that produced a pattern with super-linear backtracking
 * fails this test.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { check } from 'recheck';
import { charClassSource, charClassTester, isCharClassBody, trimTrailing, skipSpaces } from '../../src/core/regex';
import { compileGlob } from '../../src/core/glob';

/** recheck's verdict on a pattern: 'safe', or why not (with the attack it found). */
async function verdict(source: string): Promise<string> {
  const previous = process.env.RECHECK_BACKEND;
  process.env.RECHECK_BACKEND = 'pure';
  try {
    const result = await check(source, '', { timeout: 10_000 });
    if (result.status === 'safe') return 'safe';
    if (result.status === 'vulnerable') return `vulnerable (${result.complexity.type}; attack ${JSON.stringify(result.attack.pattern)})`;
    return `unknown (${result.error.kind})`;
  } finally {
    if (previous === undefined) delete process.env.RECHECK_BACKEND;
    else process.env.RECHECK_BACKEND = previous;
  }
}

/** Class bodies as the glob and CODEOWNERS compilers write them (POSIX classes, escapes, ranges). */
const REAL_BODIES = [
  'a-z',
  'a-zA-Z',
  '\\x00-\\x7f',
  ' \\t',
  '\\x00-\\x1f\\x7f',
  '0-9',
  '\\x21-\\x7e',
  '\\x20-\\x7e',
  '\\-!"#$%&\'()*+,./:;<=>?@[\\]^_`{|}~',
  ' \\t\\r\\n\\v\\f',
  'A-Za-z0-9_',
  'A-Fa-f0-9',
  '\\]',
  '\\\\',
  '\\^',
  '[',
  '.',
  '*',
  '(',
];

/** Characters that mean something in regex syntax, plus a few ordinary ones. */
const BODY_CHAR = fc.constantFrom(
  ...'ab0-^]\\[(){}|*+?.$/:!'.split(''),
  ...['\\]', '\\\\', '\\-', '\\^', '\\[', '\\t', '\\x41', '\\x7f'],
  // Escapes it refuses: a class shorthand, a backreference, a Unicode escape, an incomplete one.
  ...['\\d', '\\w', '\\s', '\\b', '\\1', '\\u{61}', '\\x4', '\\c'],
);

describe('regex helper (src/core/regex.ts)', function () {
  this.timeout(120_000);

  it('builds only single character classes, refusing a body that would close or escape one', function () {
    assert.equal(charClassSource('a-z', false), '^[a-z]$');
    assert.equal(charClassSource('a-z', true), '^[^a-z]$');
    for (const bad of ['', ']', 'a]|(a+)+', '\\', 'a\\', ']+[', '\\d', '\\u{61}', '\\x4']) {
      assert.equal(isCharClassBody(bad), false, bad);
      assert.throws(() => charClassSource(bad, false), /not a character class body/, bad);
    }
  });

  it('tests one character, as the class says', function () {
    const digit = charClassTester('0-9', false);
    assert.equal(digit('7'), true);
    assert.equal(digit('x'), false);
    assert.equal(digit('77'), false);
    const notDot = charClassTester('.', true);
    assert.equal(notDot('.'), false);
    assert.equal(notDot('a'), true);
  });

  it('every class body the compilers write gives a pattern recheck calls safe', async function () {
    for (const body of REAL_BODIES) {
      for (const negate of [false, true]) {
        const source = charClassSource(body, negate);
        assert.equal(await verdict(source), 'safe', source);
      }
    }
  });

  it('every pattern it can build from random bodies is safe (recheck), or is refused', async function () {
    await fc.assert(
      fc.asyncProperty(fc.array(BODY_CHAR, { minLength: 1, maxLength: 12 }), fc.boolean(), async (chars, negate) => {
        const body = chars.join('');
        if (!isCharClassBody(body)) {
          assert.throws(() => charClassSource(body, negate));
          return;
        }
        let source: string;
        try {
          source = charClassSource(body, negate);
          new RegExp(source);
        } catch {
          return; // not a valid regex (e.g. a reversed range): nothing is built
        }
        assert.equal(await verdict(source), 'safe', source);
      }),
      { numRuns: 60 },
    );
  });

  it('recheck itself finds the backtracking this module must never produce', async function () {
    // The check above is only worth something if the checker can say no: here it must.
    assert.match(await verdict('^(?:[a-z]+)+$'), /^vulnerable \(exponential/);
    assert.match(await verdict('^\\s*\\[\\s*([^\\]]+?)\\s*\\]$'), /^vulnerable \(polynomial/);
  });

  it('glob bracket expressions built through it match as before', function () {
    assert.equal(compileGlob('src/[a-c]*.ts')('src/b.ts'), true);
    assert.equal(compileGlob('src/[!a-c]*.ts')('src/b.ts'), false);
    assert.equal(compileGlob('src/[[:digit:]].ts')('src/7.ts'), true);
  });

  it('string helpers replace the trailing-run regexes exactly', function () {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '.', '-', '=', '/', ' ') }), (text) => {
        assert.equal(trimTrailing(text, '.-'), text.replace(/[.-]+$/, ''));
        assert.equal(trimTrailing(text, '='), text.replace(/[=]+$/, ''));
        assert.equal(trimTrailing(text, '/'), text.replace(/\/+$/, ''));
      }),
    );
    assert.equal(skipSpaces('  \t x', 0), 4);
    assert.equal(skipSpaces('   ', 1), 3);
  });
});
