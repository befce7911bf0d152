/**
 * Who owns a path: the CODEOWNERS rules evaluated the way GitHub and GitLab do, fast enough for
 * a million paths against thousands of rules.
 *
 * How it stays fast: every pattern is compiled once into segments (pattern.ts). Walking a path
 * is an NFA over "rule r has matched its first i segments"; the set of live states depends only
 * on the directory, so it is computed once per directory and memoised. Patterns that float
 * (`*.js`, `README.md`, `apps/`, GitLab's relative paths) are never copied into those sets: they
 * are found through indexes keyed by literal segment name and by file extension, so a path only
 * runs the regexes of the few rules that could match it.
 *
 * Semantics:
 * - GitHub: "Order is important; the last matching pattern takes the most precedence."; a
 *   matching line with no owners leaves the path without owners.
 * - GitLab: sections "are analyzed separately"; "Only one Code Owner pattern per section is
 *   matched to a file path"; "Rules defined later in the file take precedence"; owners are the
 *   union over sections; an exclusion (`!path`) that matches means the section gives no owners
 *   ("Files matching an exclusion pattern do not require code owner approval for that section").
 *   As in GitLab, an entry whose normalised pattern repeats an earlier one in the same section
 *   replaces it in place.
 */
import type { CodeownersDialect, CodeownersFile, CodeownersRule, OwnerMatch } from '../../model/types';
import type { NameMatcher } from '../../glob';
import { compilePattern, programMatches, segMatches, type Program, type Seg } from './pattern';
import { isPlaceholderOwner } from '../../model/teams';

/** Below this many candidates a linear scan beats building an index. */
const INDEX_THRESHOLD = 8;

/** Positions sharing one glob: its regex runs once per name (null = `*.ext`, the key is the test). */
interface GlobEntry {
  re: NameMatcher | null;
  positions: number[];
}

/** Candidate lookup for "which of these segments match this name". Payloads are NFA positions. */
class SegIndex {
  private readonly lit = new Map<string, number[]>();
  private readonly ext = new Map<string, GlobEntry[]>();
  /** The lengths of `ext`'s keys: a name whose extension has none of them is looked up without a copy of it. */
  private readonly extLengths = new Set<number>();
  private readonly any: number[] = [];
  private readonly other: GlobEntry[] = [];

  constructor(private readonly segOf: (Seg | null)[]) {}

  add(pos: number): void {
    const seg = this.segOf[pos];
    if (!seg) return;
    if (seg.kind === 'lit') push(this.lit, seg.text, pos);
    else if (seg.kind === 'globstar' || seg.any) this.any.push(pos);
    else if (seg.ext !== null) {
      let list = this.ext.get(seg.ext);
      if (!list) this.ext.set(seg.ext, (list = []));
      this.extLengths.add(seg.ext.length);
      addGlob(list, seg.extOnly ? null : seg.re, pos);
    } else addGlob(this.other, seg.re, pos);
  }

  /** Nothing indexed: no name matches. */
  isEmpty(): boolean {
    return this.lit.size === 0 && this.ext.size === 0 && this.any.length === 0 && this.other.length === 0;
  }

  /**
   * Push every position whose segment matches `name`. Asked once per file: indexed loops (before
   * V8 optimises this, `for…of` makes an iterator result per step).
   */
  query(name: string, out: number[]): void {
    const l = this.lit.get(name);
    if (l) for (let i = 0; i < l.length; i++) out.push(l[i]);
    for (let i = 0; i < this.any.length; i++) out.push(this.any[i]);
    if (this.ext.size > 0) {
      const dot = name.lastIndexOf('.');
      if (dot >= 0 && this.extLengths.has(name.length - dot - 1)) {
        const list = this.ext.get(name.slice(dot + 1));
        if (list) for (let i = 0; i < list.length; i++) if (list[i].re === null || list[i].re!.test(name)) pushAll(out, list[i].positions);
      }
    }
    for (let i = 0; i < this.other.length; i++) if (this.other[i].re!.test(name)) pushAll(out, this.other[i].positions);
  }
}

function pushAll(out: number[], items: readonly number[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
}

function addGlob(list: GlobEntry[], re: NameMatcher | null, pos: number): void {
  for (const e of list) {
    if (e.re === re || (e.re !== null && re !== null && e.re.source === re.source)) {
      e.positions.push(pos);
      return;
    }
  }
  list.push({ re, positions: [pos] });
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}

interface DirState {
  /** Live NFA positions after this directory (closure applied; accept positions dropped). */
  states: number[];
  /** Pattern groups matched by this directory or one above it (patterns that own everything below a directory). */
  matched: number[];
  dirIdx: SegIndex | null;
  /** Positions that can consume the last (file) segment and accept. */
  filePos: number[] | null;
  fileIdx: SegIndex | null;
}

const EMPTY: number[] = [];

export class OwnershipIndex {
  readonly dialect: CodeownersDialect;
  private readonly rules: readonly CodeownersRule[];
  /** Rules with the same compiled pattern share one group: the NFA runs once for all of them. */
  private readonly groups: Program[] = [];
  /** Each group's identity (mode and compiled pattern): the same in any index of the same dialect. */
  private readonly groupIds: string[] = [];
  private readonly groupRules: number[][] = [];
  private readonly groupOf: Int32Array;
  /** Section ordinal of each rule (0 = unnamed / GitHub). */
  private readonly sectionOf: Int32Array;
  private readonly sectionCount: number;
  /** GitLab: an entry's place in its section (first occurrence of its normalised pattern). */
  private readonly precedence: Int32Array;
  /** GitLab: 0 when a later entry with the same normalised pattern in the same section replaced it. */
  private readonly live: Uint8Array;
  private readonly exclusion: Uint8Array;

  // NFA positions: group g, segment i ↦ base[g] + i; base[g] + len(g) is g's accept position.
  private readonly ruleOfPos: Int32Array;
  private readonly segOf: (Seg | null)[];
  private readonly isAccept: Uint8Array;

  /** Floating groups (first segment `**`): their position 1, indexed, for directory and file names. */
  private readonly floatDir: SegIndex;
  private readonly floatFile: SegIndex;
  /** Folder states by folder path: shared with an earlier index that has the same pattern groups (the NFA is the same). */
  private readonly dirs: Map<string, DirState>;

  private readonly posMark: Int32Array;
  private readonly groupMark: Int32Array;
  private epoch = 0;
  private readonly buf: number[] = [];
  private readonly scratchNext: number[] = [];
  private readonly scratchCand: number[] = [];

  /** Compiled patterns by the text compiled (patterns are immutable): a later index of the same dialect reuses them. */
  private readonly compiled = new Map<string, Program>();

  /** `previous`: the index of the file before an edit, whose compiled patterns are reused. */
  constructor(
    readonly file: CodeownersFile,
    previous?: OwnershipIndex | null,
  ) {
    this.dialect = file.dialect;
    this.rules = file.rules;
    const n = this.rules.length;
    const reuse = previous && previous.dialect === this.dialect ? previous.compiled : null;

    this.groupOf = new Int32Array(n);
    const groupIds = new Map<string, number>();
    for (let r = 0; r < n; r++) {
      const text = patternText(this.rules[r], this.dialect);
      let program = this.compiled.get(text) ?? reuse?.get(text);
      if (!program) program = compilePattern(text, this.dialect);
      this.compiled.set(text, program);
      const id = `${program.never ? 'never' : program.mode}\u0000${program.key}`;
      let g = groupIds.get(id);
      if (g === undefined) {
        g = this.groups.length;
        groupIds.set(id, g);
        this.groups.push(program);
        this.groupIds.push(id);
        this.groupRules.push([]);
      }
      this.groupOf[r] = g;
      this.groupRules[g].push(r);
    }

    const sectionIds = new Map<string | null, number>();
    file.sections.forEach((s, i) => {
      const key = s.name === null ? null : s.name.toLowerCase();
      if (!sectionIds.has(key)) sectionIds.set(key, i);
    });
    this.sectionOf = new Int32Array(n);
    this.precedence = new Int32Array(n);
    this.live = new Uint8Array(n);
    this.exclusion = new Uint8Array(n);
    let sectionCount = Math.max(1, file.sections.length);
    const slots = new Map<string, number>();
    const lastOfKey = new Map<string, number>();
    for (let r = 0; r < n; r++) {
      const rule = this.rules[r];
      let sec = 0;
      if (this.dialect === 'gitlab' && rule.section !== null) {
        const key = rule.section.toLowerCase();
        let id = sectionIds.get(key);
        if (id === undefined) {
          id = sectionCount++;
          sectionIds.set(key, id);
        }
        sec = id;
      }
      this.sectionOf[r] = sec;
      this.exclusion[r] = this.dialect === 'gitlab' && rule.exclusion ? 1 : 0;
      if (this.dialect === 'gitlab') {
        const slotKey = `${sec}\u0000${this.groups[this.groupOf[r]].key}`;
        const first = slots.get(slotKey);
        if (first === undefined) slots.set(slotKey, r);
        this.precedence[r] = first ?? r;
        lastOfKey.set(slotKey, r);
      } else {
        this.precedence[r] = r;
        this.live[r] = 1;
      }
    }
    for (const r of lastOfKey.values()) this.live[r] = 1;
    this.sectionCount = sectionCount;

    const ng = this.groups.length;
    if (reuse && sameList(previous!.groupIds, this.groupIds)) {
      // The same pattern groups in the same order (an edit of owners, sections or comments, or a
      // line whose pattern another line already has): the same NFA, so the earlier index's
      // per-folder states stay true and are shared, not recomputed folder by folder.
      const p = previous!;
      this.ruleOfPos = p.ruleOfPos;
      this.segOf = p.segOf;
      this.isAccept = p.isAccept;
      this.floatDir = p.floatDir;
      this.floatFile = p.floatFile;
      this.dirs = p.dirs;
      this.posMark = new Int32Array(this.ruleOfPos.length);
      this.groupMark = new Int32Array(ng);
      return;
    }
    this.dirs = new Map();
    const base = new Int32Array(ng);
    let total = 0;
    for (let g = 0; g < ng; g++) {
      base[g] = total;
      total += this.groups[g].never ? 1 : this.groups[g].segs.length + 1;
    }
    this.ruleOfPos = new Int32Array(total);
    this.segOf = new Array<Seg | null>(total).fill(null);
    this.isAccept = new Uint8Array(total);
    for (let g = 0; g < ng; g++) {
      const p = this.groups[g];
      const len = p.never ? 0 : p.segs.length;
      for (let i = 0; i <= len; i++) {
        this.ruleOfPos[base[g] + i] = g;
        this.segOf[base[g] + i] = i < len ? p.segs[i] : null;
      }
      this.isAccept[base[g] + len] = p.never ? 0 : 1;
    }
    this.posMark = new Int32Array(total);
    this.groupMark = new Int32Array(ng);

    this.floatDir = new SegIndex(this.segOf);
    this.floatFile = new SegIndex(this.segOf);
    const rootStates: number[] = [];
    for (let g = 0; g < ng; g++) {
      const p = this.groups[g];
      if (p.never || p.segs.length < 2 && p.segs[0]?.kind === 'globstar') continue;
      if (p.segs[0].kind === 'globstar') {
        // Position 1 is reachable from every directory through the leading `**`.
        const len = p.segs.length;
        if (len > 2 || p.mode !== 'exact') this.floatDir.add(base[g] + 1);
        if (len === 2 && p.mode !== 'descendantsOnly') this.floatFile.add(base[g] + 1);
      } else {
        rootStates.push(base[g]);
      }
    }
    const root = this.close(rootStates, EMPTY);
    this.dirs.set('', root);
    // Most anchored rules wait at the root: index them now rather than on the first lookup.
    this.buildDirIndex(root);
  }

  private buildDirIndex(d: DirState): SegIndex | null {
    if (d.dirIdx || d.states.length <= INDEX_THRESHOLD) return d.dirIdx;
    d.dirIdx = new SegIndex(this.segOf);
    for (const p of d.states) if (this.usefulForDir(p)) d.dirIdx.add(p);
    return d.dirIdx;
  }

  /** Epsilon closure over `**` and dedupe; accept positions become directory matches. */
  private close(next: number[], parentMatched: number[]): DirState {
    const epoch = ++this.epoch;
    const states: number[] = [];
    let matched = parentMatched;
    for (let k = 0; k < next.length; k++) {
      let p = next[k];
      for (;;) {
        if (this.posMark[p] === epoch) break;
        this.posMark[p] = epoch;
        if (this.isAccept[p]) {
          const g = this.ruleOfPos[p];
          if (this.groups[g].mode !== 'exact') {
            if (matched === parentMatched) matched = parentMatched.slice();
            if (!matched.includes(g)) matched.push(g);
          }
          break;
        }
        states.push(p);
        if (this.segOf[p]!.kind === 'globstar') p++;
        else break;
      }
    }
    return { states, matched, dirIdx: null, filePos: null, fileIdx: null };
  }

  private dirState(dir: string): DirState {
    const hit = this.dirs.get(dir);
    if (hit) return hit;
    const slash = dir.lastIndexOf('/');
    const parent = this.dirState(slash < 0 ? '' : dir.slice(0, slash));
    if (parent.states.length === 0 && this.floatDir.isEmpty()) {
      // Nothing left to match below the parent and no floating pattern: the folder is as its parent.
      this.dirs.set(dir, parent);
      return parent;
    }
    const name = slash < 0 ? dir : dir.slice(slash + 1);
    const next = this.scratchNext;
    next.length = 0;
    const idx = this.buildDirIndex(parent);
    if (idx) {
      const cand = this.scratchCand;
      cand.length = 0;
      idx.query(name, cand);
      for (const p of cand) next.push(this.segOf[p]!.kind === 'globstar' ? p : p + 1);
    } else {
      for (const p of parent.states) {
        const seg = this.segOf[p]!;
        if (seg.kind === 'globstar') next.push(p);
        else if (this.usefulForDir(p) && segMatches(seg, name)) next.push(p + 1);
      }
    }
    const cand = this.scratchCand;
    cand.length = 0;
    this.floatDir.query(name, cand);
    for (const p of cand) next.push(p + 1);
    const state = this.close(next, parent.matched);
    this.dirs.set(dir, state);
    return state;
  }

  /**
   * The prefix of every folder under the topmost folder that shares `dir`'s state `d` (a folder
   * as its parent: nothing live, see `dirState`): "" when that is the root.
   */
  private deadTop(dir: string, d: DirState): string {
    let top = dir;
    while (top !== '') {
      const up = top.lastIndexOf('/');
      const parent = up < 0 ? '' : top.slice(0, up);
      if (this.dirs.get(parent) !== d) break;
      top = parent;
    }
    return top === '' ? '' : `${top}/`;
  }

  /** A position worth advancing on a directory name (not the last segment of a file-only pattern). */
  private usefulForDir(p: number): boolean {
    const seg = this.segOf[p]!;
    if (seg.kind === 'globstar') return true;
    return !(this.isAccept[p + 1] && this.groups[this.ruleOfPos[p]].mode === 'exact');
  }

  /** Positions of `d` that can accept on a file name. */
  private filePositions(d: DirState): number[] {
    if (d.filePos) return d.filePos;
    const out: number[] = [];
    for (const p of d.states) {
      if (this.groups[this.ruleOfPos[p]].mode === 'descendantsOnly') continue;
      const seg = this.segOf[p]!;
      if (seg.kind === 'globstar') {
        // `**` consumes the name and stays; it accepts when only `**`s remain after it.
        let q = p;
        while (!this.isAccept[q] && this.segOf[q]!.kind === 'globstar') q++;
        if (this.isAccept[q]) out.push(p);
      } else if (this.isAccept[p + 1]) out.push(p);
    }
    d.filePos = out;
    if (out.length > INDEX_THRESHOLD) {
      d.fileIdx = new SegIndex(this.segOf);
      for (const p of out) d.fileIdx.add(p);
    }
    return out;
  }

  /** The pattern groups that match `path`, unsorted, into this.buf (reused). */
  private collect(path: string): number[] {
    const out = this.buf;
    out.length = 0;
    const clean = normalizePath(path);
    if (clean === '') return out;
    const slash = clean.lastIndexOf('/');
    const d = this.dirState(slash < 0 ? '' : clean.slice(0, slash));
    return this.collectAt(d, slash < 0 ? clean : clean.slice(slash + 1));
  }

  /** `collect` for the file `name` in the folder whose state is `d`. */
  private collectAt(d: DirState, name: string): number[] {
    const out = this.buf;
    out.length = 0;
    const epoch = ++this.epoch;
    const mark = this.groupMark;
    // Indexed loops: asked once per file (see SegIndex.query).
    const matched = d.matched;
    for (let i = 0; i < matched.length; i++) {
      mark[matched[i]] = epoch;
      out.push(matched[i]);
    }
    const cand = this.scratchCand;
    cand.length = 0;
    const fp = this.filePositions(d);
    if (d.fileIdx) d.fileIdx.query(name, cand);
    else for (let i = 0; i < fp.length; i++) if (segMatches(this.segOf[fp[i]]!, name)) cand.push(fp[i]);
    this.floatFile.query(name, cand);
    for (let i = 0; i < cand.length; i++) {
      const g = this.ruleOfPos[cand[i]];
      if (mark[g] !== epoch) {
        mark[g] = epoch;
        out.push(g);
      }
    }
    return out;
  }

  /**
   * Decide among matching rules: per section ordinal, the deciding rule (-1 = none); for a
   * GitLab section with a matching exclusion, `excluded` is set and the decider is that exclusion.
   */
  private decide(groups: number[], deciders: Int32Array, excluded: Uint8Array): void {
    deciders.fill(-1);
    excluded.fill(0);
    for (const g of groups) {
      for (const r of this.groupRules[g]) {
        if (!this.live[r]) continue;
        const s = this.sectionOf[r];
        if (this.exclusion[r]) {
          if (!excluded[s]) {
            excluded[s] = 1;
            deciders[s] = r;
          } else if (this.precedence[r] > this.precedence[deciders[s]]) deciders[s] = r;
          continue;
        }
        if (excluded[s]) continue;
        const cur = deciders[s];
        if (cur < 0 || this.precedence[r] > this.precedence[cur]) deciders[s] = r;
      }
    }
  }

  /**
   * Who owns `path` (root-relative file path), with the deciding and overridden lines.
   *
   * `overridden` is computed when first read: resolving a million paths only needs the owners,
   * and sorting every path's earlier matching lines was most of the time and garbage there.
   */
  ownersOf(path: string): OwnerMatch {
    const found = this.collect(path);
    if (found.length === 0) return { owners: [], rule: null, rules: [], overridden: [] };
    const groups = found.slice();
    if (this.dialect === 'github') {
      // One section, every line live, no exclusions: the highest matching line decides.
      let best = -1;
      for (const g of groups) {
        const rs = this.groupRules[g];
        const last = rs[rs.length - 1];
        if (last > best) best = last;
      }
      const rule = this.rules[best];
      return this.match(distinct(rule.owners), [rule], groups, best);
    }
    const deciders = new Int32Array(this.sectionCount);
    const excluded = new Uint8Array(this.sectionCount);
    this.decide(groups, deciders, excluded);
    const owners: string[] = [];
    const rules: CodeownersRule[] = [];
    for (let s = 0; s < this.sectionCount; s++) {
      const r = deciders[s];
      if (r < 0) continue;
      rules.push(this.rules[r]);
      if (excluded[s]) continue;
      for (const o of this.rules[r].owners) if (!owners.includes(o) && !isPlaceholderOwner(o)) owners.push(o);
    }
    return this.match(owners, rules, groups, -1);
  }

  /**
   * Only the owners of `path` (a new array), the same as `ownersOf(path).owners`: for callers
   * that resolve many paths and show no explanation (bulk listings, the benchmark).
   */
  ownersOnly(path: string): string[] {
    const groups = this.collect(path);
    if (groups.length === 0) return [];
    if (this.dialect === 'github') {
      let best = -1;
      for (const g of groups) {
        const rs = this.groupRules[g];
        const last = rs[rs.length - 1];
        if (last > best) best = last;
      }
      return distinct(this.rules[best].owners);
    }
    return this.ownersOf(path).owners;
  }

  /** An OwnerMatch whose `overridden` (the other matching lines, in file order) is built on first read. */
  private match(owners: string[], rules: CodeownersRule[], groups: number[], decider: number): OwnerMatch {
    let overridden: CodeownersRule[] | null = null;
    const compute = (): CodeownersRule[] => {
      const deciding = decider >= 0 ? null : new Set(rules.map((r) => r.index));
      const matching: number[] = [];
      for (const g of groups) for (const r of this.groupRules[g]) if (deciding ? !deciding.has(r) : r !== decider) matching.push(r);
      matching.sort((a, b) => a - b);
      return matching.map((r) => this.rules[r]);
    };
    return {
      owners,
      rule: rules[0] ?? null,
      rules,
      get overridden(): CodeownersRule[] {
        return (overridden ??= compute());
      },
      set overridden(value: CodeownersRule[]) {
        overridden = value;
      },
    };
  }

  /** Does this rule's pattern match `path` (ignoring other lines and sections)? */
  ruleMatches(rule: CodeownersRule, path: string): boolean {
    const own =
      this.rules[rule.index] === rule ? this.groups[this.groupOf[rule.index]] : compileRule(rule, this.dialect);
    const clean = normalizePath(path);
    if (clean === '') return false;
    return programMatches(own, clean.split('/'));
  }

  /** Per rule index: how many of `paths` it matches, and how many it decides. */
  stats(paths: readonly string[]): { matched: number[]; won: number[] } {
    const n = this.rules.length;
    const ng = this.groups.length;
    const groupMatched = new Array<number>(ng).fill(0);
    const won = new Array<number>(n).fill(0);
    const deciders = new Int32Array(this.sectionCount);
    const excluded = new Uint8Array(this.sectionCount);
    const single = this.dialect === 'github';
    // GitHub: one section, every line live; the highest rule index decides. groupRules are ascending.
    const lastRule = this.groupRules.map((rs) => rs[rs.length - 1]);
    for (const path of paths) {
      const m = this.collect(path);
      if (m.length === 0) continue;
      for (const g of m) groupMatched[g]++;
      if (single) {
        let best = -1;
        for (const g of m) if (lastRule[g] > best) best = lastRule[g];
        won[best]++;
        continue;
      }
      this.decide(m, deciders, excluded);
      for (let s = 0; s < this.sectionCount; s++) if (deciders[s] >= 0) won[deciders[s]]++;
    }
    const matched = new Array<number>(n);
    for (let r = 0; r < n; r++) matched[r] = groupMatched[this.groupOf[r]];
    return { matched, won };
  }
  /**
   * Per rule index: how many of `paths` it matches, how many it decides, and for a rule that
   * matched a path it did not decide, the line that decided the first such path (in `paths`
   * order): the deciding line of the same section when there is one, else the first deciding
   * line. The same figures as asking `ownersOf` for every path and reading its `rules` and
   * `overridden`, in one pass over the per-directory memo, without building any OwnerMatch.
   */
  usage(paths: readonly string[]): CodeownersUsage {
    const counter = this.usageCounter();
    counter.add(paths, 0, paths.length);
    return counter.finish();
  }

  /**
   * `usage()` in slices: between two slices, `pause()` may return a promise (a macrotask, so
   * that an editor's event loop stays responsive on a large workspace), awaited before the next.
   * The same figures as `usage()`.
   */
  async usageInSlices(paths: readonly string[], pause: () => Promise<void> | null): Promise<CodeownersUsage> {
    const counter = this.usageCounter();
    for (let start = 0; start < paths.length; start += 1024) {
      const wait = pause();
      if (wait) await wait;
      counter.add(paths, start, Math.min(paths.length, start + 1024));
    }
    return counter.finish();
  }

  /** The pass behind `usage()`, a range of paths at a time (paths in workspace order). */
  private usageCounter(): { add(paths: readonly string[], start: number, end: number): void; tally(m: readonly number[], count: number): void; finish(): CodeownersUsage } {
    const n = this.rules.length;
    const ng = this.groups.length;
    const size = this.rules.reduce((max, rule) => Math.max(max, rule.index + 1), 0);
    const groupMatched = new Array<number>(ng).fill(0);
    const wonByPos = new Array<number>(n).fill(0);
    const by = new Array<CodeownersRule | undefined>(n).fill(undefined);
    // Rules of each group still without an `overriddenBy`, compacted as they get one: a group
    // whose only rule left is the one that keeps winning costs one step per path.
    const pending = this.groupRules.map((rs) => rs.slice());
    const deciders = new Int32Array(this.sectionCount);
    const excluded = new Uint8Array(this.sectionCount);
    const single = this.dialect === 'github';
    const lastRule = this.groupRules.map((rs) => rs[rs.length - 1]);
    const winners: CodeownersRule[] = [];
    // Workspace files come sorted: a folder's files follow each other, so its state is looked
    // up once (no slice and hash of the folder's path per file).
    let lastDir: string | null = null;
    let lastState: DirState | null = null;
    /** `count` files (the first of them before any file not yet tallied) matched by the groups `m`. */
    // Indexed loops: run once per file before the function is optimised, where `for…of` makes an iterator result per step.
    const tally = (m: readonly number[], count: number): void => {
      if (m.length === 0) return;
      for (let i = 0; i < m.length; i++) groupMatched[m[i]] += count;
      if (single) {
        let best = -1;
        for (let i = 0; i < m.length; i++) if (lastRule[m[i]] > best) best = lastRule[m[i]];
        wonByPos[best] += count;
        for (let i = 0; i < m.length; i++) {
          const rest = pending[m[i]];
          if (rest.length === 0 || (rest.length === 1 && rest[0] === best)) continue;
          let keep = 0;
          for (let j = 0; j < rest.length; j++) {
            const r = rest[j];
            if (r === best) rest[keep++] = r;
            else by[r] = this.rules[best];
          }
          rest.length = keep;
        }
        return;
      }
      this.decide(m as number[], deciders, excluded);
      winners.length = 0;
      for (let s = 0; s < this.sectionCount; s++) {
        if (deciders[s] < 0) continue;
        wonByPos[deciders[s]] += count;
        winners.push(this.rules[deciders[s]]);
      }
      if (winners.length === 0) return;
      for (const g of m) {
        const rest = pending[g];
        if (rest.length === 0) continue;
        let keep = 0;
        for (const r of rest) {
          if (deciders[this.sectionOf[r]] === r) rest[keep++] = r;
          else {
            const rule = this.rules[r];
            by[r] = winners.find((w) => sameSection(w, rule)) ?? winners[0];
          }
        }
        rest.length = keep;
      }
    };
    const add = (paths: readonly string[], start: number, end: number): void => {
      let dir = lastDir;
      let d = lastState;
      for (let i = start; i < end; i++) {
        const clean = normalizePath(paths[i]);
        if (clean === '') continue;
        const slash = clean.lastIndexOf('/');
        const dirLength = slash < 0 ? 0 : slash;
        if (d === null || dir === null || dir.length !== dirLength || !clean.startsWith(dir)) {
          dir = slash < 0 ? '' : clean.slice(0, slash);
          d = this.dirState(dir);
        }
        tally(this.collectAt(d, slash < 0 ? clean : clean.slice(slash + 1)), 1);
      }
      lastDir = dir;
      lastState = d;
    };
    const finish = (): CodeownersUsage => {
      const usage: CodeownersUsage = {
        matched: new Array<number>(size).fill(0),
        won: new Array<number>(size).fill(0),
        overriddenBy: new Array<CodeownersRule | undefined>(size).fill(undefined),
      };
      for (let r = 0; r < n; r++) {
        const index = this.rules[r].index;
        usage.matched[index] += groupMatched[this.groupOf[r]];
        usage.won[index] += wonByPos[r];
        if (usage.overriddenBy[index] === undefined) usage.overriddenBy[index] = by[r];
      }
      return usage;
    };
    return { add, tally, finish };
  }

  /**
   * The same figures as `usage(classes.paths)`, from the files grouped by what they match: one
   * step per class instead of one per file. Classes come in the order of their first file, so
   * the first file a rule loses is met first, as in `usage()`.
   */
  usageOfClasses(classes: MatchClasses, earlier?: { classes: MatchClasses; usage: CodeownersUsage } | null): CodeownersUsage {
    if (classes.index !== this) throw new Error('match classes of another index');
    if (earlier && this.decidesAs(earlier.classes.index) && classes.groups === earlier.classes.groups && classes.counts === earlier.classes.counts) {
      // The same classes and the same way of deciding among their lines (only owners or
      // comments changed): the same figures, with the "overridden by" lines of this file.
      const { matched, won, overriddenBy } = earlier.usage;
      return { matched: matched.slice(), won: won.slice(), overriddenBy: overriddenBy.map((rule) => rule && this.rules[rule.index]) };
    }
    const counter = this.usageCounter();
    for (let c = 0; c < classes.groups.length; c++) counter.tally(classes.groups[c], classes.counts[c]);
    return counter.finish();
  }

  /**
   * Does this index decide every path as `other` does, line by line (the same groups, each line
   * in the same group, section, place and liveness)? Then usage figures, and every answer of which
   * line decides a path, carry from one to the other.
   */
  decidesAs(other: OwnershipIndex): boolean {
    if (other === this) return true;
    if (other.dialect !== this.dialect || other.rules.length !== this.rules.length || other.sectionCount !== this.sectionCount) return false;
    if (!sameList(other.groupIds, this.groupIds)) return false;
    if (!sameArray(other.groupOf, this.groupOf) || !sameArray(other.sectionOf, this.sectionOf) || !sameArray(other.precedence, this.precedence)) return false;
    if (!sameArray(other.live, this.live) || !sameArray(other.exclusion, this.exclusion)) return false;
    for (let r = 0; r < this.rules.length; r++) if (this.rules[r].index !== r || other.rules[r].index !== r) return false;
    return true;
  }

  /**
   * The workspace's files grouped by the pattern groups (of this index) they match. With the
   * classes of an earlier index over the same paths (a CODEOWNERS edit), nothing is matched
   * again for the patterns both have: only the patterns the edit added are run over the paths,
   * splitting the earlier classes where they match. Paths in workspace order; `pause` as in
   * `usageInSlices`.
   */
  async matchClasses(paths: readonly string[], pause: () => Promise<void> | null, previous?: MatchClasses | null): Promise<MatchClasses> {
    if (previous && previous.paths === paths && previous.index.dialect === this.dialect) return this.carryClasses(previous, pause);
    return this.classify(paths, pause, (d, name) => this.collectAt(d, name), null);
  }

  /**
   * One pass over `paths`: `groupsOf` names the groups (of this index) each file matches, after
   * its folder's (cached) state; `base`, when given, is each file's earlier class, kept apart.
   */
  private async classify(
    paths: readonly string[],
    pause: () => Promise<void> | null,
    groupsOf: (d: DirState, name: string) => number[],
    base: { fileClass: Int32Array; groups: readonly (readonly number[])[] } | null,
    runner: OwnershipIndex = this,
  ): Promise<MatchClasses> {
    const fileClass = new Int32Array(paths.length).fill(-1);
    const groups: number[][] = [];
    const counts: number[] = [];
    // Per folder state (and earlier class): the class of files that add nothing to the folder's own matches, and the others by their extra groups.
    // A file adds one group to its folder's most often (`*.js`): those are keyed by number, not by a string built per file.
    // The maps of files adding one group and of those adding more are made when a folder has such a file (most have none).
    type Entry = { plain: Map<number, number>; one: Map<number, number> | null; extra: Map<string, number> | null };
    const byDir = new Map<DirState, Entry>();
    const width = this.groups.length + 1;
    // The folder's entry and the last plain class are kept between consecutive files (a folder's files follow each other).
    let entryOf: DirState | null = null;
    let entry: Entry = { plain: new Map(), one: null, extra: null };
    let lastEarlier = -1;
    let lastPlain = -1;
    // After an edit, a file the added patterns do not match keeps its earlier class (renumbered, its groups not copied).
    const unsplit = base ? new Int32Array(base.groups.length).fill(-1) : null;
    const classOf = (d: DirState, m: number[], earlier: number): number => {
      if (unsplit && m.length === 0) {
        let c = unsplit[earlier];
        if (c < 0) {
          c = unsplit[earlier] = groups.length;
          groups.push(base!.groups[earlier] as number[]);
          counts.push(0);
        }
        return c;
      }
      const own = d.matched.length;
      if (d === entryOf && m.length === own && earlier === lastEarlier) return lastPlain;
      if (d !== entryOf) {
        entryOf = d;
        let found = byDir.get(d);
        if (!found) byDir.set(d, (found = { plain: new Map(), one: null, extra: null }));
        entry = found;
        lastEarlier = -1;
      }
      let key: string | null = null;
      let oneKey = -1;
      if (m.length === own + 1) oneKey = earlier * width + m[own];
      else if (m.length > own) key = `${earlier}|${m.slice(own).join(',')}`;
      let c = oneKey >= 0 ? entry.one?.get(oneKey) : key === null ? entry.plain.get(earlier) : entry.extra?.get(key);
      if (c === undefined) {
        c = groups.length;
        const found = base ? [...base.groups[earlier], ...m] : m.slice();
        groups.push(found);
        counts.push(0);
        if (oneKey >= 0) (entry.one ??= new Map()).set(oneKey, c);
        else if (key === null) entry.plain.set(earlier, c);
        else (entry.extra ??= new Map()).set(key!, c);
      }
      if (key === null && oneKey < 0) {
        lastEarlier = earlier;
        lastPlain = c;
      }
      return c;
    };
    // A folder where the runner matches nothing, at the folder or by file name: its files keep their earlier class.
    const floatFileEmpty = runner.floatFile.isEmpty();
    const runs = folderRuns(paths);
    let sincePause = 1024;
    // With no floating pattern, a folder where the runner has nothing live and matched nothing
    // stays so below it: the folders under the topmost such one are quiet without a look-up.
    const skipDead = base !== null && floatFileEmpty && runner.floatDir.isEmpty();
    let deadBelow: string | null = null;
    for (let k = 0; k < runs.folders.length; k++) {
      const dir = runs.folders[k];
      const end = runs.starts[k + 1];
      if (dir === null) continue; // empty paths: no class
      let quiet = deadBelow !== null && dir.startsWith(deadBelow);
      const d = quiet ? null : runner.dirState(dir);
      if (d) {
        quiet = base !== null && floatFileEmpty && d.matched.length === 0 && runner.filePositions(d).length === 0;
        if (skipDead && d.states.length === 0 && d.matched.length === 0) deadBelow = runner.deadTop(dir, d);
      }
      if (quiet && base !== null) {
        // Quiet: each file keeps its earlier class, renumbered, without looking at its name.
        for (let i = runs.starts[k]; i < end; i++) {
          if (++sincePause >= 1024) {
            sincePause = 0;
            const wait = pause();
            if (wait) await wait;
          }
          const earlier = base.fileClass[i];
          let c = unsplit![earlier];
          if (c < 0) {
            c = unsplit![earlier] = groups.length;
            groups.push(base.groups[earlier] as number[]);
            counts.push(0);
          }
          fileClass[i] = c;
          counts[c]++;
        }
        continue;
      }
      for (let i = runs.starts[k]; i < end; i++) {
        if (++sincePause >= 1024) {
          sincePause = 0;
          const wait = pause();
          if (wait) await wait;
        }
        const clean = normalizePath(paths[i]);
        const c = classOf(d!, groupsOf(d!, dir === '' ? clean : clean.slice(dir.length + 1)), base ? base.fileClass[i] : 0);
        fileClass[i] = c;
        counts[c]++;
      }
    }
    return { paths, index: this, fileClass, groups, counts };
  }

  /** `matchClasses` after an edit: the classes of `previous` in this index's groups, split by the groups it did not have. */
  private async carryClasses(previous: MatchClasses, pause: () => Promise<void> | null): Promise<MatchClasses> {
    const old = previous.index;
    // The same groups in the same order: the classes hold this index's group numbers already.
    if (sameList(old.groupIds, this.groupIds)) return { paths: previous.paths, index: this, fileClass: previous.fileClass, groups: previous.groups, counts: previous.counts };
    const ids = new Map<string, number>();
    this.groupIds.forEach((id, g) => ids.set(id, g));
    const known = new Set<number>();
    const toNew = old.groupIds.map((id) => {
      const g = ids.get(id);
      if (g === undefined) return -1;
      known.add(g);
      return g;
    });
    // Lines appended with new patterns keep every earlier group's number: the classes' lists as they are.
    const renumbered = toNew.some((g, i) => g !== i);
    const kept = renumbered
      ? previous.groups.map((gs) => {
          const out: number[] = [];
          for (const g of gs) if (toNew[g] >= 0) out.push(toNew[g]);
          return out;
        })
      : previous.groups;
    const added: number[] = [];
    for (let g = 0; g < this.groups.length; g++) if (!known.has(g)) added.push(g);
    if (added.length === 0) return { paths: previous.paths, index: this, fileClass: previous.fileClass, groups: kept, counts: previous.counts };
    // An index of only the added patterns (one line each, in this file's sections) runs over the paths.
    const lines = added.map((g, i) => ({ ...this.rules[this.groupRules[g][0]], index: i }));
    const runner = new OwnershipIndex({ ...this.file, rules: lines }, this);
    const toThis = runner.groupIds.map((id) => ids.get(id)!);
    const base = { fileClass: previous.fileClass, groups: kept };
    return this.classify(
      previous.paths,
      pause,
      (d, name) => {
        const found = runner.collectAt(d, name);
        // collectAt lists the folder's own matches first: the class key relies on that order.
        return found.map((g) => toThis[g]);
      },
      base,
      runner,
    );
  }
}

/** Consecutive paths in one folder: folder `folders[k]` (null: empty paths) holds paths `starts[k]` to `starts[k + 1]` (exclusive). */
interface FolderRuns {
  readonly folders: readonly (string | null)[];
  readonly starts: Int32Array;
}

/** Folder runs by file list (a workspace's list is one array while it is unchanged): each edit of CODEOWNERS walks folders, not names. */
const folderRunsOf = new WeakMap<readonly string[], FolderRuns>();

function folderRuns(paths: readonly string[]): FolderRuns {
  const known = folderRunsOf.get(paths);
  if (known) return known;
  const folders: (string | null)[] = [];
  const starts: number[] = [];
  let dir: string | null | undefined;
  for (let i = 0; i < paths.length; i++) {
    const clean = normalizePath(paths[i]);
    if (clean === '') {
      if (dir !== null) {
        dir = null;
        folders.push(null);
        starts.push(i);
      }
      continue;
    }
    const slash = clean.lastIndexOf('/');
    const dirLength = slash < 0 ? 0 : slash;
    if (dir === undefined || dir === null || dir.length !== dirLength || !clean.startsWith(dir)) {
      dir = slash < 0 ? '' : clean.slice(0, slash);
      folders.push(dir);
      starts.push(i);
    }
  }
  starts.push(paths.length);
  const runs = { folders, starts: Int32Array.from(starts) };
  folderRunsOf.set(paths, runs);
  return runs;
}

/**
 * The files of a workspace grouped by the CODEOWNERS pattern groups they match (classes in the
 * order of their first file): what `usage()` needs, kept between snapshots so that an edit of
 * CODEOWNERS matches only the patterns it added.
 */
export interface MatchClasses {
  readonly paths: readonly string[];
  /** The index whose group numbers `groups` holds. */
  readonly index: OwnershipIndex;
  /** Each path's class (-1: an empty path). Never changed once built: a later carry may share it. */
  readonly fileClass: Int32Array;
  readonly groups: readonly (readonly number[])[];
  readonly counts: readonly number[];
}

/** What `usage()` returns, by rule index. */
export interface CodeownersUsage {
  /** Files each rule matches. */
  matched: number[];
  /** Files each rule decides (wins). */
  won: number[];
  /** For a rule that matched a file but lost it: the line that decided the first such file. */
  overriddenBy: (CodeownersRule | undefined)[];
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameArray(a: Int32Array | Uint8Array, b: Int32Array | Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameSection(a: CodeownersRule, b: CodeownersRule): boolean {
  return (a.section ?? '').toLowerCase() === (b.section ?? '').toLowerCase();
}


/**
 * A copy of `owners` without repeats (a line may name one owner twice) and without placeholders
 * (`@TODO-team` is no owner: a line naming only placeholders leaves the path without owners).
 */
function distinct(owners: readonly string[]): string[] {
  const out: string[] = [];
  for (const o of owners) if (!out.includes(o) && !isPlaceholderOwner(o)) out.push(o);
  return out;
}

/** The pattern a rule compiles (a GitLab exclusion without its `!`). */
function patternText(rule: CodeownersRule, dialect: CodeownersDialect): string {
  return dialect === 'gitlab' && rule.exclusion && rule.pattern.startsWith('!') ? rule.pattern.slice(1) : rule.pattern;
}

function compileRule(rule: CodeownersRule, dialect: CodeownersDialect): Program {
  return compilePattern(patternText(rule, dialect), dialect);
}

/** Root-relative file path: no leading `./` or `/`, no trailing `/`. */
function normalizePath(path: string): string {
  const first = path.charCodeAt(0);
  const lastCode = path.charCodeAt(path.length - 1);
  if (first !== 0x2e && first !== 0x2f && lastCode !== 0x2f) return path; // fast path: not '.', not '/'
  let p = path;
  for (;;) {
    if (p.startsWith('./')) p = p.slice(2);
    else if (p.startsWith('/')) p = p.slice(1);
    else break;
  }
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
}
