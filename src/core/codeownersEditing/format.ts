/**
 * The CODEOWNERS formatter: owners start at one column across the whole file, as the CODEOWNERS
 * formatters people use do (the "lined-up" style of the Format CODEOWNERS action, the formatter
 * of the github-code-owners VS Code extension: one column from the longest pattern of the file).
 *
 * - The column is the one the file's rule lines already use when every pattern fits before it
 *   (a hand-chosen wider column is kept: no churn in a file that is already aligned), else the
 *   longest pattern + 1 space; never past `maxColumn`, so one long path does not push every
 *   line: a longer pattern is followed by one space.
 * - Only rule lines change (leading blanks dropped, one space between owners, trailing blanks
 *   dropped). Comments, blank lines and GitLab section headers are left exactly as written; an
 *   inline comment is kept verbatim, with the gap before it (comments aligned by hand stay so);
 *   escaped spaces in patterns (`\ `) stay.
 * - Which patterns and owners a line has never changes (the tests parse before and after), and
 *   formatting twice gives what formatting once gives.
 */
import type { CodeownersDialect, SourceRange } from '../model/types';
import { bomLength, lineParts, splitLines, type LineParts } from './lines';

/** Owners start at most this many characters into a line (0-based offset). */
export const MAX_OWNER_COLUMN = 60;

export interface FormatOptions {
  /** Default MAX_OWNER_COLUMN. */
  readonly maxColumn?: number;
  /** Only lines in this range (1-based, inclusive) are edited; the column still comes from the whole file. */
  readonly lines?: { readonly start: number; readonly end: number };
}

/** Replace `range` (one line's whole text, without its line end) by `newText`. */
export interface LineEdit {
  readonly range: SourceRange;
  readonly newText: string;
}

type RuleParts = Extract<LineParts, { kind: 'rule' }>;

/** Whether a rule line has anything after its pattern that the column applies to. */
function hasTail(parts: RuleParts): boolean {
  return parts.owners.length > 0 || parts.comment !== null;
}

/** The column owners start at, for the rule lines of one file. */
export function ownerColumn(rules: readonly { parts: RuleParts }[], maxColumn = MAX_OWNER_COLUMN): number {
  let longest = 0;
  const used = new Map<number, number>();
  for (const { parts } of rules) {
    const width = parts.pattern.text.length;
    if (!hasTail(parts) || width >= maxColumn) continue;
    longest = Math.max(longest, width);
    // Where this line's owners start now, counted from its content (leading blanks are dropped).
    const tailStart = parts.owners.length > 0 ? parts.owners[0].start : (parts.comment ?? 0);
    const column = tailStart - parts.start;
    used.set(column, (used.get(column) ?? 0) + 1);
  }
  const needed = longest + 1;
  let best = -1;
  let bestCount = 0;
  for (const [column, count] of used) {
    if (count > bestCount || (count === bestCount && column < best)) {
      best = column;
      bestCount = count;
    }
  }
  return best >= needed && best <= maxColumn ? best : needed;
}

function formatRule(line: string, parts: RuleParts, column: number): string {
  if (!hasTail(parts)) return parts.pattern.text;
  const pad = ' '.repeat(Math.max(1, column - parts.pattern.text.length));
  let tail = parts.owners.map((o) => o.text).join(' ');
  if (parts.comment !== null) {
    // The gap before an inline comment is the author's (comments aligned by hand stay aligned).
    const gap = parts.owners.length > 0 ? line.slice(parts.owners[parts.owners.length - 1].end, parts.comment) : '';
    tail += gap + line.slice(parts.comment, parts.end);
  }
  return parts.pattern.text + pad + tail;
}

/**
 * The edits that format a CODEOWNERS text: one per rule line whose text changes, in line order.
 * `dialect` decides what a section header is (GitLab) and what a comment is.
 */
export function formatCodeowners(text: string, dialect: CodeownersDialect, options: FormatOptions = {}): LineEdit[] {
  const lines = splitLines(text);
  const rules: { index: number; parts: RuleParts; line: string; bom: number }[] = [];
  for (const [index, raw] of lines.entries()) {
    const bom = bomLength(raw, index);
    const line = bom ? raw.slice(bom) : raw;
    const parts = lineParts(line, dialect);
    if (parts.kind === 'rule') rules.push({ index, parts, line, bom });
  }
  const column = ownerColumn(rules, options.maxColumn ?? MAX_OWNER_COLUMN);
  const edits: LineEdit[] = [];
  for (const { index, parts, line, bom } of rules) {
    const lineNo = index + 1;
    if (options.lines && (lineNo < options.lines.start || lineNo > options.lines.end)) continue;
    const formatted = formatRule(line, parts, column);
    if (formatted === line) continue;
    edits.push({ range: { line: lineNo, column: 1 + bom, endLine: lineNo, endColumn: 1 + bom + line.length }, newText: formatted });
  }
  return edits;
}

/** The text with edits from formatCodeowners applied (tests, the CLI). Line ends are kept. */
export function applyLineEdits(text: string, edits: readonly LineEdit[]): string {
  if (edits.length === 0) return text;
  const byLine = new Map(edits.map((e) => [e.range.line, e] as const));
  const out: string[] = [];
  let pos = 0;
  let lineNo = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lineNo++;
    const edit = byLine.get(lineNo);
    if (edit) {
      const from = pos + edit.range.column - 1;
      out.push(text.slice(pos, from), edit.newText, text.slice(pos + edit.range.endColumn - 1, nl));
    } else out.push(text.slice(pos, nl));
    if (nl === text.length) break;
    out.push('\n');
    pos = nl + 1;
  }
  return out.join('');
}
