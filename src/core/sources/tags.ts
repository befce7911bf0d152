/**
 * Comment tags read from files' text:
 * - `northstar:priority reliability` (or `a, b`) in a comment of any language links the
 *   file to priorities (DESIGN.md 1.6);
 * - `# northstar-disable-next-line RULE[, RULE]` in YAML and CODEOWNERS files silences
 *   findings on the next line (DESIGN.md 3).
 */
import type { PriorityTag } from '../model/types';
import type { DisableComment } from './types';
import { LineIndex } from './text';
import { trimTrailing } from '../regex';

const PRIORITY_TAG = 'northstar:priority';
/** Comment openers that may appear anywhere on a line (after code). */
const INLINE_MARKERS = ['//', '/*', '#', '--', '<!--', '{-', '(*', ';', '%'];
/** Markers that open a comment only at the start of a line (block-comment continuation, VB, Fortran, batch). */
const LINE_START = /^\s*(\*|'|!|REM\s|::)/i;
const PRIORITY_ID = /[A-Za-z0-9][A-Za-z0-9_.-]*/y;

/**
 * Is a tag preceded by `prefix` (the text before it on its line) inside a comment? True when
 * a comment opener occurs outside string literals, when the line starts with a comment
 * continuation, or when nothing precedes it (a line inside a block comment or docstring).
 */
function isInComment(prefix: string): boolean {
  if (prefix.trim() === '' || LINE_START.test(prefix)) return true;
  let quote: string | null = null;
  for (let i = 0; i < prefix.length; i++) {
    const ch = prefix[i];
    if (quote !== null) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      continue;
    }
    if (INLINE_MARKERS.some((marker) => prefix.startsWith(marker, i))) return true;
  }
  return false;
}

/** Every `northstar:priority` id in a file's comments, with the exact range of each id. */
export function findPriorityTags(text: string, file: string): PriorityTag[] {
  const tags: PriorityTag[] = [];
  if (!text.includes(PRIORITY_TAG)) return tags;
  const lines = new LineIndex(text);
  for (let at = text.indexOf(PRIORITY_TAG); at >= 0; at = text.indexOf(PRIORITY_TAG, at + PRIORITY_TAG.length)) {
    const before = at > 0 ? text[at - 1] : '';
    if (/[\w:/-]/.test(before)) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (!isInComment(text.slice(lineStart, at))) continue;
    let i = at + PRIORITY_TAG.length;
    if (!/[ \t]/.test(text[i] ?? '')) continue;
    while (text[i] === ' ' || text[i] === '\t') i++;
    for (;;) {
      PRIORITY_ID.lastIndex = i;
      const match = PRIORITY_ID.exec(text);
      if (!match) break;
      // A sentence's full stop or an HTML comment's `-->` is not part of the id.
      const id = trimTrailing(match[0], '.-');
      tags.push({ file, priority: id, range: lines.range(i, i + id.length) });
      i += match[0].length;
      let j = i;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] !== ',') break;
      j++;
      while (text[j] === ' ' || text[j] === '\t') j++;
      i = j;
    }
  }
  return tags;
}

const DISABLE = /(?:^|\s)#\s*northstar-disable-next-line\b([^\r\n]*)/;
const RULE_ID = /^(?:\*|[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)?)$/;

/**
 * `# northstar-disable-next-line RULE[, RULE]` comments: each silences the line after it,
 * for the rules listed (none listed: every rule). Text after ` -- ` is a reason, as in ESLint.
 */
export function findDisableComments(text: string, file: string): DisableComment[] {
  const comments: DisableComment[] = [];
  if (!text.includes('northstar-disable-next-line')) return comments;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const match = DISABLE.exec(lines[index]);
    if (!match) continue;
    const list = match[1].split(/\s--\s|\s--$/)[0];
    const rules = list
      .split(/[\s,]+/)
      .map((r) => r.trim())
      .filter((r) => r !== '' && RULE_ID.test(r));
    comments.push({ file, line: index + 2, rules });
  }
  return comments;
}
