/**
 * Small scanners of the literal forms the script-like manifests use (Ruby, Elixir, Swift,
 * Python's setup.py): string literals, identifiers, comments. Each step moves forward, so every
 * scan is linear in the text; none is a regular expression that could backtrack.
 */
import { skipSpaces } from '../../regex';

const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;

/** The end offset of an identifier (`[A-Za-z0-9_]*`) starting at `i` (`i` itself when none). */
export function identifierEnd(text: string, i: number): number {
  while (i < text.length && IDENTIFIER_CHAR.test(text[i])) i++;
  return i;
}

/**
 * The content offsets of a single-line string literal opening at `i` (`"…"` or `'…'`, with `\`
 * escapes), and the offset after its closing quote; null when `i` holds no quote or the literal
 * does not close on its line. A literal with interpolation (`#{`, `\(`) is still returned: the
 * caller decides whether it is a plain name.
 */
export function stringLiteral(text: string, i: number): { start: number; end: number; after: number } | null {
  const quote = text[i];
  if (quote !== '"' && quote !== "'") return null;
  let j = i + 1;
  while (j < text.length && text[j] !== quote && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
  if (text[j] !== quote) return null;
  return { start: i + 1, end: j, after: j + 1 };
}

/** Is the literal's content a plain name (no interpolation, no escapes, not empty)? */
export function isPlainName(value: string): boolean {
  return value.trim() !== '' && !value.includes('#{') && !value.includes('\\');
}

/**
 * `text` with every comment replaced by spaces (offsets and line breaks kept), for languages
 * whose comments run from `marker` to the end of the line, outside string literals (`#` in Ruby,
 * Python, Elixir and INI files, `//` in Swift). Swift's `/* … *\/` blocks are blanked too when
 * `blocks` is set.
 */
export function blankComments(text: string, marker: '#' | '//', blocks = false): string {
  const out: string[] = [];
  let i = 0;
  let from = 0;
  const blank = (start: number, end: number) => {
    out.push(text.slice(from, start), text.slice(start, end).replace(/[^\n]/g, ' '));
    from = end;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const literal = stringLiteral(text, i);
      i = literal ? literal.after : i + 1;
      continue;
    }
    if (text.startsWith(marker, i)) {
      let end = text.indexOf('\n', i);
      if (end < 0) end = text.length;
      blank(i, end);
      i = end;
      continue;
    }
    if (blocks && text.startsWith('/*', i)) {
      let end = text.indexOf('*/', i + 2);
      end = end < 0 ? text.length : end + 2;
      blank(i, end);
      i = end;
      continue;
    }
    i++;
  }
  out.push(text.slice(from));
  return out.join('');
}

/** Lines of `text` with the offset each starts at. */
export function* linesOf(text: string): Generator<{ line: string; start: number }> {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    yield { line, start };
    start = end + 1;
  }
}

/**
 * The string literal after `key` and then `separator` (`name =`, `name:`) at offset `i`, with
 * spaces allowed around the separator: its content offsets, or null. `==` is no assignment.
 */
export function keyedString(text: string, i: number, key: string, separator: '=' | ':'): { start: number; end: number; after: number } | null {
  if (!text.startsWith(key, i)) return null;
  if (identifierEnd(text, i + key.length) !== i + key.length) return null;
  let k = skipSpaces(text, i + key.length);
  if (text[k] !== separator || text[k + 1] === '=') return null;
  k = skipSpaces(text, k + 1);
  return stringLiteral(text, k);
}

/** Every string literal between `from` and the `close` bracket matching the one just before `from`, dictionary keys left out. */
export function stringsUntilClose(text: string, from: number, open: string, close: string): { values: string[]; end: number } {
  const values: string[] = [];
  let depth = 1;
  let i = from;
  while (i < text.length && depth > 0) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      const literal = stringLiteral(text, i);
      if (literal) {
        // A dictionary's key (`{"test": [...]}`) is no value.
        if (text[skipSpaces(text, literal.after)] !== ':') values.push(text.slice(literal.start, literal.end));
        i = literal.after;
        continue;
      }
    } else if (ch === open) depth++;
    else if (ch === close) depth--;
    i++;
  }
  return { values, end: i };
}
