/**
 * CODEOWNERS patterns compiled into a list of path segments, for both dialects.
 *
 * GitHub: "A CODEOWNERS file uses a pattern that follows most of the same rules used in
 * gitignore files" (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners),
 * with the documented exception that `docs/*` owns `docs/getting-started.md` "but not further
 * nested files like `docs/build-app/troubleshooting.md`".
 *
 * GitLab: "GitLab uses `File::fnmatch` with the `File::FNM_DOTMATCH` and `File::FNM_PATHNAME`
 * flags set" (https://docs.gitlab.com/user/project/codeowners/advanced/), after normalising the
 * pattern: a path without a leading `/` gets `/**` + `/` in front ("Paths without a leading `/`
 * are treated as globstar paths") and a trailing `/` gets `**` + `/*` appended ("End a path with `/`
 * to match all files in the directory and its subdirectories").
 *
 * Both become a `Program`: segments (literal, one-segment glob, or `**` = zero or more
 * segments) plus a mode saying whether the pattern must match the whole file path, or may
 * match a directory above it (gitignore: a matched directory owns everything below it).
 */
import type { CodeownersDialect } from '../../model/types';
import { tokenMatcher, type NameMatcher, type WildToken } from '../../glob';
import { charClassTester } from '../../regex';

export type Seg =
  | { kind: 'lit'; text: string }
  /**
   * One path segment; `any` = a lone `*`; `ext` = the literal extension every match ends with
   * (index key); `extOnly` = the glob is exactly `*.ext`, so a name with that extension matches.
   */
  | { kind: 'glob'; re: NameMatcher; any: boolean; ext: string | null; extOnly: boolean }
  | { kind: 'globstar' };

/**
 * - `exact`: the whole path must match (GitLab; GitHub patterns ending in a lone `*`).
 * - `selfOrDescendants`: the path or one of its directories matches (gitignore).
 * - `descendantsOnly`: one of the path's directories matches (gitignore trailing `/`, `/**`).
 */
export type MatchMode = 'exact' | 'selfOrDescendants' | 'descendantsOnly';

export interface Program {
  segs: Seg[];
  mode: MatchMode;
  /** A pattern that can never match (e.g. `/`, or a trailing backslash). */
  never: boolean;
  /** GitLab: the normalised pattern; entries with the same key replace each other within a section. */
  key: string;
}

const GLOBSTAR: Seg = { kind: 'globstar' };
const ANY: Seg = { kind: 'glob', re: { source: '[^/]*', test: (name) => name.length > 0 && !name.includes('/') }, any: true, ext: null, extOnly: false };

interface PChar {
  ch: string;
  escaped: boolean;
}

function escapeRe(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? '\\' + ch : ch;
}

/** Split a pattern into characters, resolving backslash escapes. `null` = trailing lone backslash. */
function toChars(pattern: string): PChar[] | null {
  const out: PChar[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      if (i + 1 >= pattern.length) return null;
      out.push({ ch: pattern[++i], escaped: true });
    } else {
      out.push({ ch, escaped: false });
    }
  }
  return out;
}

function splitSlash(chars: PChar[]): PChar[][] {
  const parts: PChar[][] = [[]];
  for (const c of chars) {
    if (c.ch === '/' && !c.escaped) parts.push([]);
    else parts[parts.length - 1].push(c);
  }
  return parts;
}

/** A bracket expression `[...]` starting at `i` (fnmatch), or null when unterminated. */
function bracket(chars: PChar[], i: number): { re: string; body: string; negate: boolean; end: number } | null {
  let j = i + 1;
  let negate = false;
  if (j < chars.length && !chars[j].escaped && (chars[j].ch === '!' || chars[j].ch === '^')) {
    negate = true;
    j++;
  }
  let body = '';
  let first = true;
  for (; j < chars.length; j++) {
    const c = chars[j];
    if (!c.escaped && c.ch === ']' && !first) {
      if (body === '') return null;
      // FNM_PATHNAME: a bracket expression never matches `/`.
      return { re: negate ? `[^/${body}]` : `(?!/)[${body}]`, body, negate, end: j };
    }
    first = false;
    if (!c.escaped && c.ch === '-' && body !== '' && j + 1 < chars.length && !(chars[j + 1].ch === ']' && !chars[j + 1].escaped)) {
      body += '-';
      continue;
    }
    body += c.ch === ']' || c.ch === '\\' || c.ch === '^' || c.ch === '-' || c.ch === '[' ? '\\' + c.ch : c.ch;
  }
  return null;
}

/** One segment's characters → a segment. `brackets`: GitLab (fnmatch) supports `[ ]`. */
function segment(chars: PChar[], brackets: boolean): Seg {
  let wild = false;
  for (const c of chars) {
    if (!c.escaped && (c.ch === '*' || c.ch === '?' || (brackets && c.ch === '['))) wild = true;
  }
  if (!wild) return { kind: 'lit', text: chars.map((c) => c.ch).join('') };
  // The regex source only names the segment (equal globs share one index entry); matching is
  // by tokens in linear time, since a regex of `a*a*a*a*b` or `*?*?*?…` backtracks for minutes.
  let src = '';
  let lastStar = false;
  const tokens: WildToken[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (!c.escaped && c.ch === '*') {
      if (!lastStar) {
        src += '[^/]*';
        tokens.push({ t: 'star' });
      }
      lastStar = true;
      continue;
    }
    lastStar = false;
    if (!c.escaped && c.ch === '?') {
      src += '[^/]';
      tokens.push({ t: 'one' });
    } else if (brackets && !c.escaped && c.ch === '[') {
      const b = bracket(chars, i);
      if (b) {
        src += b.re;
        const one = charClassTester(b.body, b.negate);
        tokens.push({ t: 'class', test: (ch) => ch !== '/' && one(ch) });
        i = b.end;
      } else {
        src += '\\[';
        tokens.push({ t: 'char', ch: '[' });
      }
    } else {
      src += escapeRe(c.ch);
      tokens.push({ t: 'char', ch: c.ch });
    }
  }
  if (src === '[^/]*') return ANY;
  const ext = literalExtension(chars, brackets);
  const extOnly =
    ext !== null && chars.length === ext.length + 2 && chars[0].ch === '*' && !chars[0].escaped && chars[1].ch === '.';
  return { kind: 'glob', re: tokenMatcher(tokens, src), any: false, ext, extOnly };
}

/** The literal text after the last `.` when the segment ends with `.<literal>` (e.g. `*.test.js` → `js`). */
function literalExtension(chars: PChar[], brackets: boolean): string | null {
  let ext = '';
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i];
    if (!c.escaped && (c.ch === '*' || c.ch === '?' || c.ch === ']' || (brackets && c.ch === '['))) return null;
    if (c.ch === '.') return ext === '' ? null : ext;
    ext = c.ch + ext;
  }
  return null;
}

function collapseGlobstars(segs: Seg[]): Seg[] {
  const out: Seg[] = [];
  for (const s of segs) {
    if (s.kind === 'globstar' && out.length > 0 && out[out.length - 1].kind === 'globstar') continue;
    out.push(s);
  }
  return out;
}

const NEVER: Program = { segs: [], mode: 'exact', never: true, key: '' };

/**
 * GitHub (gitignore) semantics. `pattern` is as written (escapes kept). Unsupported syntax
 * (`!`, `[ ]`, `\#`) is rejected by the parser before this is called; here `[` is literal.
 */
export function compileGithub(pattern: string): Program {
  const chars = toChars(pattern);
  // "a backslash at the end of a pattern is an invalid pattern that never matches" (gitignore)
  if (chars === null || chars.length === 0) return { ...NEVER, key: pattern };
  let body = chars;
  let anchored = false;
  let dirOnly = false;
  if (!body[0].escaped && body[0].ch === '/') {
    anchored = true;
    body = body.slice(1);
  }
  if (body.length > 0 && !body[body.length - 1].escaped && body[body.length - 1].ch === '/') {
    dirOnly = true;
    body = body.slice(0, -1);
  }
  if (body.length === 0) return { ...NEVER, key: pattern };
  // "If there is a separator at the beginning or middle (or both) of the pattern, then the
  // pattern is relative to the directory level of the particular .gitignore file itself."
  if (body.some((c) => c.ch === '/' && !c.escaped)) anchored = true;
  const raw = splitSlash(body).filter((p) => p.length > 0);
  let segs: Seg[] = raw.map((p) => (p.length === 2 && p.every((c) => c.ch === '*' && !c.escaped) ? GLOBSTAR : segment(p, false)));
  if (!anchored) segs.unshift(GLOBSTAR);
  segs = collapseGlobstars(segs);
  let mode: MatchMode = dirOnly ? 'descendantsOnly' : 'selfOrDescendants';
  // "A trailing "/**" matches everything inside."
  if (segs.length > 1 && segs[segs.length - 1].kind === 'globstar') {
    segs.pop();
    mode = 'descendantsOnly';
  }
  if (segs.length === 1 && segs[0].kind === 'globstar') segs.push(ANY);
  // GitHub: "The `docs/*` pattern will match files like `docs/getting-started.md` but not
  // further nested files like `docs/build-app/troubleshooting.md`."
  const last = segs[segs.length - 1];
  if (last.kind === 'glob' && last.any && mode === 'selfOrDescendants') mode = 'exact';
  return { segs, mode, never: false, key: pattern };
}

/** GitLab's `normalize_pattern`: `*` → `/**` + `/*`; `\#` → `#`; `\ ` → space; globstar prefix; trailing `/`. */
export function normalizeGitlab(pattern: string): string {
  if (pattern === '*') return '/**/*';
  let p = pattern.replace(/^\\#/, '#').replace(/\\\s+/g, ' ');
  if (!p.startsWith('/')) p = '/**/' + p;
  if (p.endsWith('/')) p = p + '**/*';
  return p;
}

/** GitLab semantics: fnmatch(normalised pattern, "/" + path, FNM_PATHNAME | FNM_DOTMATCH). */
export function compileGitlab(pattern: string): Program {
  const key = normalizeGitlab(pattern);
  const chars = toChars(key);
  if (chars === null) return { ...NEVER, key };
  const parts = splitSlash(chars);
  // The normalised pattern starts with `/` and so does the path: drop the empty first part.
  if (parts.length > 0 && parts[0].length === 0) parts.shift();
  const segs: Seg[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const isStars = p.length === 2 && p.every((c) => c.ch === '*' && !c.escaped);
    // In fnmatch only `**/` is recursive; a final `**` is an ordinary `*`.
    if (isStars && i < parts.length - 1) segs.push(GLOBSTAR);
    else if (p.length === 0) {
      // An empty part (`a//b`, or a trailing `/` left after normalising) can never match a file path.
      return { segs: [], mode: 'exact', never: true, key };
    } else segs.push(segment(p, true));
  }
  if (segs.length === 0) return { segs: [], mode: 'exact', never: true, key };
  return { segs: collapseGlobstars(segs), mode: 'exact', never: false, key };
}

export function compilePattern(pattern: string, dialect: CodeownersDialect): Program {
  return dialect === 'gitlab' ? compileGitlab(pattern) : compileGithub(pattern);
}

export function segMatches(seg: Seg, name: string): boolean {
  if (seg.kind === 'lit') return seg.text === name;
  if (seg.kind === 'globstar') return true;
  return seg.any ? name.length > 0 : seg.re.test(name);
}

/**
 * Does `program` match the file path given as segments? A small NFA over segment positions;
 * used for single checks (`ruleMatches`) — the index in ownership.ts does the same with memos.
 */
export function programMatches(program: Program, parts: readonly string[]): boolean {
  if (program.never || parts.length === 0) return false;
  const segs = program.segs;
  const n = segs.length;
  let states = closure([0], segs);
  for (let k = 0; k < parts.length; k++) {
    const next: number[] = [];
    for (const s of states) {
      if (s >= n) continue;
      const seg = segs[s];
      if (seg.kind === 'globstar') next.push(s);
      else if (segMatches(seg, parts[k])) next.push(s + 1);
    }
    states = closure(next, segs);
    if (states.length === 0) return false;
    const accepted = states.includes(n);
    const isFile = k === parts.length - 1;
    if (accepted) {
      if (isFile && program.mode !== 'descendantsOnly') return true;
      if (!isFile && program.mode !== 'exact') return true;
    }
  }
  return false;
}

function closure(states: number[], segs: Seg[]): number[] {
  const out: number[] = [];
  for (let s of states) {
    for (;;) {
      if (!out.includes(s)) out.push(s);
      if (s < segs.length && segs[s].kind === 'globstar') s++;
      else break;
    }
  }
  return out;
}
