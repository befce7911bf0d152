/**
 * The one module allowed to build a regular expression from text that is not a literal
 * (DESIGN.md 6: every regular expression is free of super-linear backtracking). ESLint forbids
 * `new RegExp(x)` / `RegExp(x)` with a non-literal argument everywhere else, and
 * test/unit/regex.test.ts runs a ReDoS checker (recheck) over what each builder here produces.
 *
 * A builder must only ever produce patterns of a fixed, provably linear shape. Today there is
 * one: a single character class, anchored at both ends (`^[…]$`), which matches exactly one
 * character and so cannot backtrack at all. Glob bracket expressions (`[a-z]`, `[!._]`,
 * `[[:digit:]]`) are compiled with it.
 *
 * Also here: small string helpers that replace the regexes the linter refused (`/x+$/`
 * replacements move super-linearly over a long run of `x` followed by something else).
 */

/** Characters a class body may escape with a backslash (besides `\xHH`). */
const CLASS_ESCAPES = '\\][^-trnvf';
const HEX = '0123456789abcdefABCDEF';

/**
 * Is `body` the inside of one regex character class, with nothing that could close it or
 * escape out of it? Every `]` must be escaped, and a backslash may only escape one of
 * `\ ] [ ^ -`, be a control escape (`\t \r \n \v \f`) or a hex escape (`\x7f`): the
 * escapes the glob compilers write, each read the same with or without the `u` flag.
 */
export function isCharClassBody(body: string): boolean {
  if (body === '') return false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\') {
      const next = body[i + 1];
      if (next === 'x') {
        if (!HEX.includes(body[i + 2] ?? 'z') || !HEX.includes(body[i + 3] ?? 'z')) return false;
        i += 3;
      } else if (next !== undefined && CLASS_ESCAPES.includes(next)) i++;
      else return false;
    } else if (ch === ']') return false;
  }
  return true;
}

/** The source a character class test is compiled from (exported for the ReDoS test). */
export function charClassSource(body: string, negate: boolean): string {
  if (!isCharClassBody(body)) throw new Error(`not a character class body: ${JSON.stringify(body)}`);
  return `^[${negate ? '^' : ''}${body}]$`;
}

/**
 * A test of one character against a class written as regex class syntax (`a-z0-9\\-`), the
 * class negated when `negate`. Throws on a body that is not exactly one class.
 */
export function charClassTester(body: string, negate: boolean): (ch: string) => boolean {
  const re = new RegExp(charClassSource(body, negate));
  return (ch: string) => re.test(ch);
}

/** `text` without the characters of `chars` at its end (what `.replace(/[…]+$/, '')` did). */
export function trimTrailing(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return end === text.length ? text : text.slice(0, end);
}

const WHITESPACE = /\s/;

/** Is `ch` (one UTF-16 unit) whitespace as regex `\s` says? */
export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && WHITESPACE.test(ch);
}

/** Index of the first non-whitespace character at or after `i` (or `text.length`). */
export function skipSpaces(text: string, i: number): number {
  while (i < text.length && WHITESPACE.test(text[i])) i++;
  return i;
}
