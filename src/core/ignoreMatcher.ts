/**
 * `.gitignore` matching that scales with the number of rules. The `ignore` package tests every
 * rule against every path: 50,000 rules over a few thousand paths took 34 s, where
 * `git status` took under one. Here most rules are never looked at for a given path:
 *
 * - a literal name (`Thumbs.db`, `cache/`, `!keep.log`) is indexed by that name;
 * - `*.ext` (`*.log`, `*.tar.gz`, `*.snap/`) by the extension after its last dot;
 * - an anchored literal path (`/build/tmp/`, `docs/site`) by that path;
 * - a pattern of several segments whose last one is a literal name or `*.ext`
 *   (`services/*\/cache/`, `/services/api/**\/*.tmp`) by that name or extension;
 * - an anchored pattern whose first folders are literal (`/services/api/*`) by those folders;
 * - anything else (`**\/tmp*`, `[Bb]in/`, escapes, spaces) is a general rule, tried for every
 *   path.
 *
 * The answer for a path still comes from the `ignore` package, from exactly the rules that can
 * match the path or one of its folders (indexed under their names, extensions and prefixes, and
 * every general rule), in file order: so git's semantics as that package implements them (last
 * match wins, `!` negation, a trailing `/` for folders only, anchoring, no re-including a file
 * whose folder is excluded) hold unchanged, and the index only decides which rules to ask.
 * An index key is only ever a necessary condition for a rule to match: a rule the classifier
 * is unsure of is general. test/unit/ignoreMatcher.test.ts checks equivalence with `ignore`
 * over the whole file on random rule sets.
 *
 * Matching is case-insensitive, as the `ignore` package's default (which the walk used).
 */
import ignore, { type Ignore } from 'ignore';
import { directlyIn } from './fs';

/** Characters of a literal name in a rule the index understands (ASCII only: lower-casing is exact). */
const LITERAL_NAME = /^[A-Za-z0-9_.-]+$/;

type RuleKey = { kind: 'name' | 'ext' | 'path' | 'prefix'; key: string } | { kind: 'general' };

/** How a rule's body (after `!`) may be found: see the module comment. Unsure means general. */
export function classifyRule(line: string): RuleKey {
  let body = line.startsWith('!') ? line.slice(1) : line;
  if (body === '' || line.startsWith('#')) return { kind: 'general' };
  if (body.endsWith('/')) body = body.slice(0, -1);
  const anchoredByLead = body.startsWith('/');
  if (anchoredByLead) body = body.slice(1);
  if (body === '') return { kind: 'general' };
  const parts = body.split('/');
  // Empty, `.` and `..` segments, and anything the literal check refuses, are left to `ignore`.
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return { kind: 'general' };
  const literal = parts.map((p) => LITERAL_NAME.test(p));
  if (parts.length === 1 && !anchoredByLead) {
    if (literal[0]) return { kind: 'name', key: body.toLowerCase() };
    const ext = body.startsWith('*.') ? body.slice(1) : '';
    if (ext.length > 1 && LITERAL_NAME.test(ext)) return { kind: 'ext', key: ext.slice(ext.lastIndexOf('.') + 1).toLowerCase() };
    return { kind: 'general' };
  }
  // A slash at the start or in the middle anchors the rule to the folder of the .gitignore.
  if (literal.every(Boolean)) return { kind: 'path', key: parts.join('/').toLowerCase() };
  // Escapes and brackets could hide where a segment ends: left to `ignore`.
  if (body.includes('\\') || body.includes('[')) return { kind: 'general' };
  // The last segment names what the rule matches (`services/*/cache`, `**/*.snap`): indexed by
  // it, it is asked only for paths with such a name in them.
  const last = parts[parts.length - 1];
  if (literal[parts.length - 1]) return { kind: 'name', key: last.toLowerCase() };
  const lastExt = last.startsWith('*.') ? last.slice(1) : '';
  if (lastExt.length > 1 && LITERAL_NAME.test(lastExt)) return { kind: 'ext', key: lastExt.slice(lastExt.lastIndexOf('.') + 1).toLowerCase() };
  let lead = 0;
  while (literal[lead]) lead++;
  if (lead > 0) return { kind: 'prefix', key: parts.slice(0, lead).join('/').toLowerCase() };
  return { kind: 'general' };
}

/** The lines of a .gitignore as the `ignore` package splits them (one final CR dropped, empty lines skipped). */
function splitLines(text: string): string[] {
  const body = text.endsWith('\r') ? text.slice(0, -1) : text;
  return body.split(/\r?\n/).filter((line) => line !== '');
}

const EMPTY_LIST: readonly number[] = [];

export class GitignoreMatcher {
  private readonly lines: string[];
  /** Each rule as its own `ignore` instance, built when first needed (combined with `add`). */
  private readonly single: (Ignore | undefined)[];
  private readonly byName = new Map<string, number[]>();
  private readonly byExt = new Map<string, number[]>();
  private readonly byPath = new Map<string, number[]>();
  private readonly byPrefix = new Map<string, number[]>();
  private readonly general: number[] = [];
  /** Matchers of the rules that can apply, by the list of their indexes. */
  private readonly combined = new Map<string, Ignore>();
  /**
   * The lengths of the indexed names and extensions. Every key is ASCII, and lower-casing keeps
   * the length of a name whose lower case is ASCII: a name or extension of another length
   * matches no key, and is told so without building its lower case.
   */
  private readonly nameLengths = new Set<number>();
  private readonly extLengths = new Set<number>();
  /** Rules in all (comments included: they are cheap to skip). */
  readonly size: number;
  /** The folder part of the last path asked, lower-cased, and the rules found along it. */
  private lastFolder: string | null = null;
  private lastFolderLower = '';
  private lastFolderFound: readonly number[] = [];

  constructor(text: string) {
    this.lines = splitLines(text);
    this.size = this.lines.length;
    this.single = new Array<Ignore | undefined>(this.lines.length);
    this.lines.forEach((line, index) => {
      if (line.startsWith('#')) return;
      const rule = classifyRule(line);
      if (rule.kind === 'general') this.general.push(index);
      else {
        const map = rule.kind === 'name' ? this.byName : rule.kind === 'ext' ? this.byExt : rule.kind === 'path' ? this.byPath : this.byPrefix;
        const list = map.get(rule.key);
        if (list) list.push(index);
        else map.set(rule.key, [index]);
        if (rule.kind === 'name') this.nameLengths.add(rule.key.length);
        if (rule.kind === 'ext') this.extLengths.add(rule.key.length);
      }
    });
  }

  /** Rules general to every path (the ones the index cannot narrow). */
  get generalCount(): number {
    return this.general.length;
  }

  private rule(index: number): Ignore {
    let one = this.single[index];
    if (!one) {
      // Framed by line breaks so that `ignore` reads it as the line it was (a trailing CR kept,
      // a leading BOM not taken for the file's).
      one = ignore().add(`\n${this.lines[index]}\r\n`);
      this.single[index] = one;
    }
    return one;
  }

  private take(found: number[], list: readonly number[] | undefined): void {
    if (list) for (const index of list) found.push(index);
  }

  /** The rules indexed under each folder of `lower` (a lower-cased folder path) and its prefixes. */
  private rulesAlong(lower: string): number[] {
    const found: number[] = [];
    let start = 0;
    for (;;) {
      const slash = lower.indexOf('/', start);
      const end = slash < 0 ? lower.length : slash;
      const name = lower.slice(start, end);
      const prefix = lower.slice(0, end);
      this.take(found, this.byName.get(name));
      const dot = name.lastIndexOf('.');
      if (dot >= 0) this.take(found, this.byExt.get(name.slice(dot + 1)));
      this.take(found, this.byPath.get(prefix));
      this.take(found, this.byPrefix.get(prefix));
      if (slash < 0) return found;
      start = slash + 1;
    }
  }

  /** Is `path` (relative to the .gitignore's folder; a folder when `isDir`) ignored? */
  ignores(path: string, isDir: boolean): boolean {
    // The rules found through the folders above the name: the walk asks for every entry of a
    // folder in a row, so they are looked up once per folder, not once per entry.
    const slash = path.lastIndexOf('/');
    let lowerFolder = '';
    let folderFound: readonly number[] = EMPTY_LIST;
    if (slash >= 0) {
      if (this.lastFolder === null || !directlyIn(path, this.lastFolder)) {
        const folder = path.slice(0, slash);
        this.lastFolder = folder;
        this.lastFolderLower = folder.toLowerCase();
        this.lastFolderFound = this.rulesAlong(this.lastFolderLower);
      }
      lowerFolder = this.lastFolderLower;
      folderFound = this.lastFolderFound;
    }
    let byName: number[] | undefined;
    let byExt: number[] | undefined;
    let byPath: number[] | undefined;
    let byPrefix: number[] | undefined;
    // Most names have the length of no indexed name, and an extension of no indexed one's length.
    const lastDot = path.lastIndexOf('.');
    if (
      this.nameLengths.has(path.length - slash - 1) ||
      (lastDot > slash && this.extLengths.has(path.length - lastDot - 1)) ||
      this.byPath.size > 0 ||
      this.byPrefix.size > 0
    ) {
      const name = path.slice(slash + 1).toLowerCase();
      byName = this.byName.get(name);
      const dot = name.lastIndexOf('.');
      byExt = dot >= 0 ? this.byExt.get(name.slice(dot + 1)) : undefined;
      if (this.byPath.size > 0 || this.byPrefix.size > 0) {
        const prefix = slash < 0 ? name : `${lowerFolder}/${name}`;
        byPath = this.byPath.get(prefix);
        byPrefix = this.byPrefix.get(prefix);
      }
    }
    // Most paths meet no rule at all: answered without building a list.
    if (folderFound.length === 0 && !byName && !byExt && !byPath && !byPrefix && this.general.length === 0) return false;
    const found = folderFound.slice();
    this.take(found, byName);
    this.take(found, byExt);
    this.take(found, byPath);
    this.take(found, byPrefix);
    const indexes = mergeSorted(found, this.general);
    const key = indexes.join(',');
    let matcher = this.combined.get(key);
    if (!matcher) {
      matcher = ignore();
      for (const index of indexes) matcher.add(this.rule(index));
      this.combined.set(key, matcher);
    }
    return matcher.ignores(isDir ? `${path}/` : path);
  }
}

/** `a` (any order, repeats allowed) and `b` (sorted, distinct) as one sorted list without repeats. */
function mergeSorted(a: number[], b: readonly number[]): number[] {
  if (a.length === 0) return b as number[];
  a.sort((x, y) => x - y);
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const next = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}
