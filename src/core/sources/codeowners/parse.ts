/**
 * CODEOWNERS parser for the GitHub and GitLab dialects. Pure and total: it never throws.
 *
 * An invalid line is skipped and reported, as GitHub does ("If any line in your CODEOWNERS file
 * contains invalid syntax, that line will be skipped."); GitLab keeps an entry and ignores its
 * malformed owners ("Malformed owners are invalid and ignored"), which is reported too.
 */
import type {
  CodeownersDialect,
  CodeownersFile,
  CodeownersRule,
  CodeownersSection,
  Draft,
  SourceRange,
} from '../../model/types';
import type { DisableComment, ParseProblem } from '../types';
import { ownerProblem } from './owners';

/** GitHub: "CODEOWNERS files must be under 3 MB in size." */
export const MAX_CODEOWNERS_BYTES = 3 * 1024 * 1024;

export interface CodeownersParseResult {
  codeowners: CodeownersFile;
  problems: ParseProblem[];
  disables: DisableComment[];
}

/** The rule list after the directive (with surrounding blanks: the caller splits on them). */
const DISABLE = /^#\s*northstar-disable-next-line(?:\s([\s\S]*))?$/;

const NON_ASCII = /[\u0080-\uffff]/;

/** Bytes of `text` encoded as UTF-8 (without allocating the encoding). */
export function utf8Length(text: string): number {
  // Most files are ASCII: one byte a unit, found by the regex engine without a loop in JavaScript.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

export interface Token {
  text: string;
  /** 0-based UTF-16 offsets in the line (end exclusive). */
  start: number;
  end: number;
}

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v';
}

/** The first token ends at the first whitespace not escaped by a backslash (GitLab: `(?<!\\)\s+`). */
export function patternToken(line: string, from: number, to: number): Token {
  let i = from;
  while (i < to) {
    const ch = line[i];
    if (ch === '\\' && i + 1 < to) {
      i += 2;
      continue;
    }
    if (isSpace(ch)) break;
    i++;
  }
  return { text: line.slice(from, i), start: from, end: i };
}

export function wordTokens(line: string, from: number, to: number): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    while (i < to && isSpace(line[i])) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !isSpace(line[i])) i++;
    out.push({ text: line.slice(start, i), start, end: i });
  }
  return out;
}

function parseDisable(comment: string): string[] | null {
  const m = DISABLE.exec(comment);
  if (!m) return null;
  let list = m[1] ?? '';
  const dash = list.search(/(^|\s)--(\s|$)/);
  if (dash >= 0) list = list.slice(0, dash);
  return list
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Where a line's content starts and ends (0-based, end exclusive): surrounding blanks removed,
 * except an escaped trailing space ("Trailing spaces are ignored unless they are quoted with
 * backslash", gitignore). start >= end: a blank line.
 */
export function contentBounds(line: string): { start: number; end: number } {
  let start = 0;
  let end = line.length;
  while (start < end && isSpace(line[start])) start++;
  while (end > start && isSpace(line[end - 1])) end--;
  if (end < line.length && end > start && line[end - 1] === '\\') end++;
  return { start, end };
}

/** A GitLab section header at the start of a line's content: `[Name]`, `^[Name]`, `[Name][2]`. */
export const GITLAB_HEADER = /^(\^)?\[(.*?)\](?:\[(\d*)\])?/;

/** The parse of one file. Everything positional goes through `range()`. */
class Parser {
  readonly problems: ParseProblem[] = [];
  readonly disables: DisableComment[] = [];
  readonly rules: Draft<CodeownersRule>[] = [];
  readonly sections: Draft<CodeownersSection>[] = [];
  private readonly sectionByKey = new Map<string, Draft<CodeownersSection>>();
  private current: Draft<CodeownersSection>;
  /** Default owners of the header that opened the current run of lines (GitLab applies the current header's). */
  private currentDefaults: { owners: string[]; ranges: SourceRange[] } = { owners: [], ranges: [] };
  private lineNo = 0;
  /** Column offset of the current line (1, or 0 on a line 1 that starts with a BOM). */
  private colBase = 1;

  constructor(
    readonly file: string,
    readonly dialect: CodeownersDialect,
  ) {
    this.current = { name: null, optional: false, approvals: null, defaultOwners: [], line: null };
    this.sections.push(this.current);
  }

  range(start: number, end: number): SourceRange {
    return { line: this.lineNo, column: start + this.colBase, endLine: this.lineNo, endColumn: end + this.colBase };
  }

  problem(message: string, start: number, end: number): void {
    this.problems.push({ ruleId: 'codeowners/syntax', message, location: { file: this.file, ...this.range(start, end) } });
  }

  run(text: string, rulesWanted: boolean): void {
    let pos = 0;
    let lineNo = 0;
    while (pos <= text.length) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      let line = text.slice(pos, nl);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      lineNo++;
      this.lineNo = lineNo;
      this.colBase = 1;
      if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) {
        line = line.slice(1);
        this.colBase = 1;
      }
      this.line(line, rulesWanted);
      pos = nl + 1;
      if (nl === text.length) break;
    }
  }

  private line(line: string, rulesWanted: boolean): void {
    const { start, end } = contentBounds(line);
    if (start >= end) return;
    if (line[start] === '#') {
      const rules = parseDisable(line.slice(start, end));
      if (rules) this.disables.push({ file: this.file, line: this.lineNo + 1, rules });
      return;
    }
    if (!rulesWanted) return;
    if (this.dialect === 'github') this.githubLine(line, start, end);
    else this.gitlabLine(line, start, end);
  }

  // -------------------------------------------------------------------------------- GitHub

  private githubLine(line: string, start: number, end: number): void {
    const pat = patternToken(line, start, end);
    const pattern = pat.text;
    // Owners end where an inline comment starts: `*.js @js-owner #This is an inline comment.`
    const owners: Token[] = [];
    for (const t of wordTokens(line, pat.end, end)) {
      if (t.text.startsWith('#')) break;
      owners.push(t);
    }
    let invalid = false;
    if (pattern.startsWith('\\#')) {
      this.problem(
        'GitHub does not support escaping a pattern that starts with "#" using "\\": this line is skipped.',
        pat.start,
        pat.end,
      );
      invalid = true;
    } else if (pattern.startsWith('!')) {
      this.problem('GitHub does not support "!" to negate a pattern: this line is skipped.', pat.start, pat.end);
      invalid = true;
    } else {
      const br = findBracket(pattern);
      if (br) {
        const header = /^\^?\[[^\]]*\]/.test(pattern);
        this.problem(
          header
            ? 'GitHub does not support GitLab section headers ("[Section]") or "[ ]" character ranges: this line is skipped.'
            : 'GitHub does not support "[ ]" to define a character range: this line is skipped.',
          pat.start + br.start,
          pat.start + br.end,
        );
        invalid = true;
      } else if (pattern === '/') {
        this.problem('The pattern "/" will never match anything; did you mean "*"? This line is skipped.', pat.start, pat.end);
        invalid = true;
      }
    }
    for (const o of owners) {
      const why = ownerProblem(o.text, 'github');
      if (why) {
        this.problem(`${why} GitHub skips this line.`, o.start, o.end);
        invalid = true;
      }
    }
    if (invalid) return;
    this.addRule(pattern, pat, owners.map((o) => o.text), owners.map((o) => this.range(o.start, o.end)), false, false);
  }

  // -------------------------------------------------------------------------------- GitLab

  private gitlabLine(line: string, start: number, end: number): void {
    const text = line.slice(start, end);
    const header = GITLAB_HEADER.exec(text);
    if (header) {
      this.gitlabHeader(line, start, end, header);
      return;
    }
    let quietOwners = false;
    if (/^\^?\[[^\]]+$/.test(text)) {
      // "If a section heading cannot be parsed, the section is: Parsed as an entry."
      this.problem(
        'Section header without its closing "]": GitLab reads this line as an entry of the previous section.',
        start,
        end,
      );
      quietOwners = true;
    }
    const pat = patternToken(line, start, end);
    let pattern = pat.text;
    let exclusion = false;
    if (pattern.startsWith('!')) {
      exclusion = true;
      pattern = pattern.slice(1);
    }
    const owners: string[] = [];
    const ranges: SourceRange[] = [];
    let ownerText = false;
    const words = wordTokens(line, pat.end, end);
    for (let i = 0; i < words.length; i++) {
      const t = words[i];
      ownerText = true;
      if (t.text.startsWith('#')) {
        // "Inline comments are unsupported. Any Code Owners listed in a comment are parsed."
        if (!quietOwners) {
          this.problem(
            'GitLab does not support inline comments: the words after "#" are read as owners, and owners among them still count.',
            t.start,
            words[words.length - 1].end,
          );
        }
        for (const c of words.slice(i)) {
          if (ownerProblem(c.text, 'gitlab') === null && !exclusion) {
            owners.push(c.text);
            ranges.push(this.range(c.start, c.end));
          }
        }
        break;
      }
      const why = ownerProblem(t.text, 'gitlab');
      if (why) {
        if (!quietOwners) this.problem(why, t.start, t.end);
      } else if (!exclusion) {
        owners.push(t.text);
        ranges.push(this.range(t.start, t.end));
      }
    }
    if (exclusion && pattern.length === 0) {
      this.problem('"!" must be followed by a path.', pat.start, pat.end);
      return;
    }
    if (exclusion && ownerText && !quietOwners) {
      this.problem('Owners on an exclusion ("!path") line are ignored: the path needs no approval in this section.', words[0].start, end);
    }
    let inherited = false;
    if (!exclusion && !ownerText) {
      if (this.currentDefaults.owners.length > 0) {
        // "Default owners are applied when specific owners are not specified for file paths."
        for (const item of this.currentDefaults.owners) owners.push(item);
        for (const item of this.currentDefaults.ranges) ranges.push(item);
        inherited = true;
      } else if (!quietOwners) {
        this.problem(
          'This entry has no owners and its section has no default owners: GitLab treats it as invalid and auto-approves it.',
          pat.start,
          pat.end,
        );
      }
    }
    const rule = this.addRule(exclusion ? '!' + pattern : pat.text, pat, owners, ranges, exclusion, inherited);
    rule.section = this.current.name;
  }

  private gitlabHeader(line: string, start: number, end: number, m: RegExpExecArray): void {
    const optional = m[1] !== undefined;
    const name = m[2];
    const approvalsText = m[3];
    const headerEnd = start + m[0].length;
    if (name.trim() === '') this.problem('Section headings must have a name.', start, headerEnd);
    let approvals: number | null = null;
    if (approvalsText !== undefined) {
      const n = approvalsText === '' ? 0 : Number(approvalsText);
      if (n >= 1) approvals = n;
      else {
        this.problem(`"[${approvalsText}]" approvals: GitLab requires at least one approval, so this means 1.`, start + m[0].lastIndexOf('['), headerEnd);
        approvals = 1;
      }
      if (optional && n > 0) {
        this.problem('An optional section ("^[...]") cannot require a number of approvals.', start, headerEnd);
      }
    }
    const defaults: string[] = [];
    const ranges: SourceRange[] = [];
    if (headerEnd < end && !isSpace(line[headerEnd])) {
      const rest = wordTokens(line, headerEnd, end)[0];
      this.problem(`Unexpected "${rest.text}" after the section header: GitLab ignores the rest of this line.`, rest.start, end);
    } else {
      for (const t of wordTokens(line, headerEnd, end)) {
        const why = ownerProblem(t.text, 'gitlab');
        if (why) this.problem(why, t.start, t.end);
        else {
          defaults.push(t.text);
          ranges.push(this.range(t.start, t.end));
        }
      }
    }
    // "Section names are case-insensitive, and sections with duplicate names are combined."
    const key = name.toLowerCase();
    let section = this.sectionByKey.get(key);
    if (!section) {
      section = { name, optional, approvals, defaultOwners: defaults, line: this.lineNo };
      this.sectionByKey.set(key, section);
      this.sections.push(section);
    } else {
      // "If a section is duplicated in the file, and one of them is marked as optional and the other isn't, the section is required."
      section.optional = section.optional && optional;
      if (approvals !== null) section.approvals = Math.max(section.approvals ?? 0, approvals);
      if (section.defaultOwners.length === 0) section.defaultOwners = defaults;
    }
    this.current = section;
    this.currentDefaults = { owners: defaults, ranges };
  }

  private addRule(
    pattern: string,
    tok: Token,
    owners: string[],
    ownerRanges: SourceRange[],
    exclusion: boolean,
    inherited: boolean,
  ): Draft<CodeownersRule> {
    const rule: Draft<CodeownersRule> = {
      file: this.file,
      line: this.lineNo,
      pattern,
      patternRange: this.range(tok.start, tok.end),
      owners,
      ownerRanges,
      section: null,
      exclusion,
      index: this.rules.length,
    };
    if (inherited) rule.ownersFromSection = true;
    this.rules.push(rule);
    return rule;
  }
}

/** An unescaped `[` … `]` in a pattern (0-based, end exclusive), or null. */
function findBracket(pattern: string): { start: number; end: number } | null {
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      for (let j = i + 1; j < pattern.length; j++) {
        if (pattern[j] === '\\') {
          j++;
          continue;
        }
        if (pattern[j] === ']' && j > i + 1) return { start: i, end: j + 1 };
      }
      return null;
    }
  }
  return null;
}

/**
 * Parse a CODEOWNERS file. `file` is its root-relative path (used in every location).
 * GitHub ignores a file of 3 MB or more ("A CODEOWNERS file over this limit will not be
 * loaded"): then one problem on line 1 and no rules.
 */
export function parseCodeowners(text: string, file: string, dialect: CodeownersDialect): CodeownersParseResult {
  const size = utf8Length(text);
  const parser = new Parser(file, dialect);
  try {
    const tooBig = dialect === 'github' && size >= MAX_CODEOWNERS_BYTES;
    parser.run(text, !tooBig);
    if (tooBig) {
      let firstEnd = text.indexOf('\n');
      if (firstEnd < 0) firstEnd = text.length;
      if (firstEnd > 0 && text[firstEnd - 1] === '\r') firstEnd--;
      parser.problems.unshift({
        ruleId: 'codeowners/syntax',
        message: `This CODEOWNERS file is ${(size / 1024 / 1024).toFixed(1)} MB: GitHub does not load CODEOWNERS files of 3 MB or more, so no code owners apply.`,
        location: { file, line: 1, column: 1, endLine: 1, endColumn: Math.max(2, firstEnd + 1) },
      });
    }
  } catch (err) {
    parser.problems.push({
      ruleId: 'codeowners/syntax',
      message: `Could not read this CODEOWNERS file: ${err instanceof Error ? err.message : String(err)}`,
      location: { file, line: 1, column: 1, endLine: 1, endColumn: 2 },
    });
  }
  return {
    codeowners: { file, dialect, rules: parser.rules, sections: parser.sections, size },
    problems: parser.problems,
    disables: parser.disables,
  };
}
