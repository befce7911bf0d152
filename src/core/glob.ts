/**
 * Glob matching in linear time, for patterns written by strangers.
 *
 * Every glob Northstar reads comes from a file in the workspace (contract `tests`, the
 * configuration's module and ignore globs, CODEOWNERS lines). Globs compiled to regular
 * expressions backtrack: `**` + `/a*a*a*a*a*b` or a run of `*?*?*?…` against a long name takes
 * minutes in V8's regex engine (and in picomatch). Here a segment is matched by the classic
 * two-pointer wildcard algorithm (a single backtrack point at the last `*`), which is
 * O(name × pattern), and paths by an NFA over segments, so no pattern can hang a run.
 *
 * Syntax (as picomatch with `dot: true`, which Northstar used before): `*`, `?`, `[abc]`,
 * `[a-z]`, `[!a]`/`[^a]`, POSIX classes (`[[:digit:]]`), `\` escapes, `**` as a whole segment
 * (any number of folders), braces `{a,b}` and `{1..3}`, a leading `!` to negate, a leading
 * `./` ignored. Extglobs (`@(a|b)`, `+(a)`) are not supported: their characters are literal.
 */

import { charClassTester } from './regex';

/** Matches one path segment (a file or folder name). `source` identifies equal matchers. */
export interface NameMatcher {
  readonly source: string;
  test(name: string): boolean;
}

/** One element of a segment pattern: a literal character, `?`, a class, or `*`. */
export type WildToken =
  | { t: 'char'; ch: string }
  | { t: 'one' }
  | { t: 'class'; test: (ch: string) => boolean }
  | { t: 'star' };

function tokenAccepts(token: WildToken, ch: string): boolean {
  switch (token.t) {
    case 'char':
      return token.ch === ch;
    case 'one':
      return true;
    case 'class':
      return token.test(ch);
    case 'star':
      return false;
  }
}

/**
 * Does `name` match the tokens? Greedy with one backtrack point: when a later `*` is met, an
 * earlier one never needs to be revisited, so the work is bounded by name × tokens.
 */
export function wildcardMatch(tokens: readonly WildToken[], name: string): boolean {
  let ti = 0;
  let si = 0;
  let starTi = -1;
  let starSi = 0;
  while (si < name.length) {
    const token = tokens[ti];
    if (ti < tokens.length && token.t === 'star') {
      starTi = ti++;
      starSi = si;
    } else if (ti < tokens.length && tokenAccepts(token, name[si])) {
      ti++;
      si++;
    } else if (starTi >= 0) {
      ti = starTi + 1;
      si = ++starSi;
    } else {
      return false;
    }
  }
  while (ti < tokens.length && tokens[ti].t === 'star') ti++;
  return ti === tokens.length;
}

/** A NameMatcher over tokens; consecutive stars are merged first (they mean one star). */
export function tokenMatcher(tokens: readonly WildToken[], source: string): NameMatcher {
  const merged: WildToken[] = [];
  for (const t of tokens) if (!(t.t === 'star' && merged.length > 0 && merged[merged.length - 1].t === 'star')) merged.push(t);
  return { source, test: (name: string) => wildcardMatch(merged, name) };
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7f',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '\\-!"#$%&\'()*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9',
};

function escapeClassChar(ch: string): string {
  return /[\\\]^-]/.test(ch) ? '\\' + ch : ch;
}

/**
 * A bracket expression starting at `pattern[i] === '['`: its one-character test and the index
 * of its closing `]`, or null when it is not closed (then `[` is literal).
 */
function readClass(pattern: string, i: number): { test: (ch: string) => boolean; end: number } | null {
  let j = i + 1;
  let negate = false;
  if (pattern[j] === '!' || pattern[j] === '^') {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  for (; j < pattern.length; j++) {
    const ch = pattern[j];
    if (ch === ']' && !first) {
      if (body === '') return null;
      // A single-character class cannot backtrack (src/core/regex.ts).
      const test = charClassTester(body, negate);
      return { test: (c: string) => c !== '/' && test(c), end: j };
    }
    first = false;
    if (ch === '[' && pattern[j + 1] === ':') {
      const close = pattern.indexOf(':]', j + 2);
      const name = close > 0 ? pattern.slice(j + 2, close) : '';
      if (POSIX_CLASSES[name] !== undefined) {
        body += POSIX_CLASSES[name];
        j = close + 1;
        continue;
      }
    }
    if (ch === '\\' && j + 1 < pattern.length) {
      body += escapeClassChar(pattern[++j]);
      continue;
    }
    if (ch === '-' && body !== '' && j + 1 < pattern.length && pattern[j + 1] !== ']') {
      body += '-';
      continue;
    }
    body += escapeClassChar(ch);
  }
  return null;
}

type GlobSeg = { kind: 'lit'; text: string } | { kind: 'glob'; matcher: NameMatcher } | { kind: 'globstar' };

/** One segment of a glob (no `/` inside) as a literal or a matcher. */
function compileSegment(text: string): GlobSeg {
  const tokens: WildToken[] = [];
  let literal = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) tokens.push({ t: 'char', ch: text[++i] });
    else if (ch === '*') {
      tokens.push({ t: 'star' });
      literal = false;
    } else if (ch === '?') {
      tokens.push({ t: 'one' });
      literal = false;
    } else if (ch === '[') {
      const cls = readClass(text, i);
      if (cls) {
        tokens.push({ t: 'class', test: cls.test });
        i = cls.end;
        literal = false;
      } else tokens.push({ t: 'char', ch });
    } else tokens.push({ t: 'char', ch });
  }
  if (literal) return { kind: 'lit', text: tokens.map((t) => (t as { ch: string }).ch).join('') };
  return { kind: 'glob', matcher: tokenMatcher(tokens, text) };
}

/** Split at `/` outside bracket expressions and escapes. */
function splitSegments(pattern: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      current += ch + pattern[++i];
    } else if (ch === '[') {
      const cls = readClass(pattern, i);
      if (cls && !pattern.slice(i, cls.end + 1).includes('/')) {
        current += pattern.slice(i, cls.end + 1);
        i = cls.end;
      } else current += ch;
    } else if (ch === '/') {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** Most alternatives a brace expression may produce; beyond it braces are literal. */
const MAX_BRACE_EXPANSIONS = 256;

/** Expand `{a,b}` and `{1..3}` (nested too), bounded; a pattern without braces is returned as is. */
export function expandBraces(pattern: string, budget = { left: MAX_BRACE_EXPANSIONS }): string[] {
  let depth = 0;
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') {
      if (depth === 0) open = i;
      depth++;
    } else if (ch === '}' && depth > 0) {
      depth--;
      if (depth === 0) {
        const body = pattern.slice(open + 1, i);
        const alternatives = braceAlternatives(body);
        if (alternatives === null) continue;
        const head = pattern.slice(0, open);
        const tail = pattern.slice(i + 1);
        const out: string[] = [];
        for (const alt of alternatives) {
          for (const rest of expandBraces(head + alt + tail, budget)) {
            if (--budget.left < 0) return [pattern];
            out.push(rest);
          }
        }
        return out;
      }
    }
  }
  return [pattern];
}

function braceAlternatives(body: string): string[] | null {
  const range = /^(-?\d+)\.\.(-?\d+)$/.exec(body) ?? /^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
  if (range) {
    const numeric = /\d/.test(range[1]);
    const a = numeric ? Number(range[1]) : range[1].charCodeAt(0);
    const b = numeric ? Number(range[2]) : range[2].charCodeAt(0);
    if (Math.abs(b - a) >= MAX_BRACE_EXPANSIONS) return null;
    const out: string[] = [];
    for (let v = a; a <= b ? v <= b : v >= b; v += a <= b ? 1 : -1) out.push(numeric ? String(v) : String.fromCharCode(v));
    return out;
  }
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '\\' && i + 1 < body.length) {
      current += ch + body[++i];
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.length > 1 ? parts : null;
}

/** `states` with `s` added, and the states after each globstar from `s` on (a globstar may match no segment). */
function withClosure(segs: readonly GlobSeg[], states: number, s: number): number {
  let out = states;
  for (let at = s; (out & (1 << at)) === 0; at++) {
    out |= 1 << at;
    if (at >= segs.length || segs[at].kind !== 'globstar') break;
  }
  return out;
}

/**
 * Does a compiled segment list match the path's segments? An NFA: no backtracking. The states
 * (0..n, n = accepted) are the bits of a number (globs run over every file of a workspace: no
 * set is allocated per segment); a glob of more than 30 segments takes the set version.
 */
function segmentsMatch(segs: readonly GlobSeg[], parts: readonly string[]): boolean {
  const n = segs.length;
  if (n > 30) return segmentsMatchInSets(segs, parts);
  let states = withClosure(segs, 0, 0);
  for (const part of parts) {
    let next = 0;
    for (let s = 0; s < n; s++) {
      if ((states & (1 << s)) === 0) continue;
      const seg = segs[s];
      if (seg.kind === 'globstar') next = withClosure(segs, next, s);
      else if (seg.kind === 'lit' ? seg.text === part : seg.matcher.test(part)) next = withClosure(segs, next, s + 1);
    }
    if (next === 0) return false;
    states = next;
  }
  return (states & (1 << n)) !== 0;
}

/** segmentsMatch with the states in sets (any number of segments). */
function segmentsMatchInSets(segs: readonly GlobSeg[], parts: readonly string[]): boolean {
  const n = segs.length;
  let states = new Set<number>();
  const addClosure = (set: Set<number>, s: number) => {
    while (!set.has(s)) {
      set.add(s);
      if (s < n && segs[s].kind === 'globstar') s++;
      else break;
    }
  };
  addClosure(states, 0);
  for (const part of parts) {
    const next = new Set<number>();
    for (const s of states) {
      if (s >= n) continue;
      const seg = segs[s];
      if (seg.kind === 'globstar') {
        addClosure(next, s);
      } else if (seg.kind === 'lit' ? seg.text === part : seg.matcher.test(part)) addClosure(next, s + 1);
    }
    if (next.size === 0) return false;
    states = next;
  }
  return states.has(n);
}

/** One glob as a path predicate (paths root-relative, forward slashes). */
export function compileGlob(glob: string): (path: string) => boolean {
  let pattern = glob;
  let negated = false;
  while (pattern.startsWith('!') && !pattern.startsWith('!(')) {
    negated = !negated;
    pattern = pattern.slice(1);
  }
  const alternatives = expandBraces(pattern).map((p) => {
    let q = p;
    while (q.startsWith('./')) q = q.slice(2);
    // An empty segment inside (`a//b`) is dropped; a trailing `/` names a folder, never a file.
    const raw = splitSegments(q).filter((s, i, all) => s !== '' || i === all.length - 1);
    const segs: GlobSeg[] = [];
    for (const s of raw) {
      const seg: GlobSeg = s === '**' ? { kind: 'globstar' } : compileSegment(s);
      if (seg.kind === 'globstar' && segs.length > 0 && segs[segs.length - 1].kind === 'globstar') continue;
      segs.push(seg);
    }
    return segs;
  });
  const matches = (path: string): boolean => {
    const parts = path.split('/');
    return alternatives.some((segs) => segmentsMatch(segs, parts));
  };
  return negated ? (path) => !matches(path) : matches;
}

/** Several globs: a path matches when any of them does. */
export function compileGlobs(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const compiled = globs.map(compileGlob);
  if (compiled.length === 1) return compiled[0];
  return (path) => compiled.some((m) => m(path));
}
