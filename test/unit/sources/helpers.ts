/** Helpers for the source readers' tests: ranges as short strings, found by searching the text. */
import type { SourceRange } from '../../../src/core/model/types';

/** `line:column-endLine:endColumn`, the compact form the assertions compare. */
export function span(range: SourceRange): string {
  return `${range.line}:${range.column}-${range.endLine}:${range.endColumn}`;
}

/**
 * The range of the `nth` (0-based) occurrence of `needle` in `text`, computed independently
 * of the readers: 1-based lines and columns, end exclusive, UTF-16 columns.
 */
export function spanOf(text: string, needle: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    return `${line}:${column}`;
  };
  return `${position(at)}-${position(at + needle.length)}`;
}

/** Problems as `ruleId span message` lines, for one readable assertion. */
export function problemLines(problems: { ruleId: string; message: string; location: SourceRange }[]): string[] {
  return problems.map((p) => `${p.ruleId} ${span(p.location)} ${p.message}`);
}
