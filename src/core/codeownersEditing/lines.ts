/**
 * A CODEOWNERS line cut into what the editor features work on (the pattern, the owners, an
 * inline comment, a GitLab section header), with the parser's own tokenizer
 * (sources/codeowners/parse.ts), so that completion, formatting and links see a line exactly as
 * the rules are read from it.
 */
import type { CodeownersDialect } from '../model/types';
import { contentBounds, GITLAB_HEADER, isSpace, patternToken, wordTokens, type Token } from '../sources/codeowners/parse';

export type { Token } from '../sources/codeowners/parse';

/** Offsets are 0-based UTF-16 offsets in the line (end exclusive). */
export type LineParts =
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment'; readonly start: number; readonly end: number }
  /** GitLab `[Name][2] @default-owner`: `headerEnd` is where `[Name][2]` ends; `owners` its default owners. */
  | { readonly kind: 'header'; readonly start: number; readonly end: number; readonly headerEnd: number; readonly owners: readonly Token[] }
  | {
      readonly kind: 'rule';
      readonly start: number;
      readonly end: number;
      readonly pattern: Token;
      /** The words after the pattern up to an inline comment. */
      readonly owners: readonly Token[];
      /** Where a word starting with `#` begins (GitHub: a comment; GitLab reads those words as owners too), else null. */
      readonly comment: number | null;
    };

export function lineParts(line: string, dialect: CodeownersDialect): LineParts {
  const { start, end } = contentBounds(line);
  if (start >= end) return { kind: 'blank' };
  if (line[start] === '#') return { kind: 'comment', start, end };
  if (dialect === 'gitlab') {
    const header = GITLAB_HEADER.exec(line.slice(start, end));
    if (header) {
      const headerEnd = start + header[0].length;
      // Text glued to the header (`[A]x`) makes GitLab ignore the rest of the line: no owners.
      const owners = headerEnd < end && !isSpace(line[headerEnd]) ? [] : wordTokens(line, headerEnd, end);
      return { kind: 'header', start, end, headerEnd, owners };
    }
  }
  const pattern = patternToken(line, start, end);
  const owners: Token[] = [];
  let comment: number | null = null;
  for (const word of wordTokens(line, pattern.end, end)) {
    if (word.text.startsWith('#')) {
      comment = word.start;
      break;
    }
    owners.push(word);
  }
  return { kind: 'rule', start, end, pattern, owners, comment };
}

/** The lines of a text without their line ends (`\n` or `\r\n`); a BOM stays on line 1 (callers skip it). */
export function splitLines(text: string): string[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Length of a leading byte-order mark on line 1 (0 or 1): positions after it are the parser's columns. */
export function bomLength(line: string, index: number): number {
  return index === 0 && line.charCodeAt(0) === 0xfeff ? 1 : 0;
}
