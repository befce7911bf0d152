/**
 * YAML reading with exact positions, shared by every YAML reader (contracts, catalog, teams,
 * vision, configuration). Built on the `yaml` library's node ranges and `LineCounter`, the
 * way yaml-language-server does it.
 *
 * Bad input never throws out of here: syntax errors and duplicate keys become
 * `contracts/yaml` problems, oversized or over-deep documents are refused with a problem,
 * and aliases are only ever dereferenced one level at a time, through an index built in one
 * pass (the library's `Alias.resolve` walks the whole document on every call: 20,000 aliases
 * in an 80 KB file took 30 s). An alias bomb is never expanded: before `toJS` the aliases the
 * expansion would copy are counted (each alias with those inside what it names, in linear
 * time), and past MAX_ALIAS_COUNT the conversion is refused with the position of the alias
 * that crossed the bound. The library's own `maxAliasCount` stays on behind it.
 */
import * as yamlLibrary from 'yaml';
import {
  Alias,
  Document,
  LineCounter,
  Pair as YamlPair,
  parseAllDocuments,
  visit,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node,
  type Pair,
} from 'yaml';
import type { SourceLocation } from '../model/types';
import type { Located, ParseProblem } from './types';

// The node tests, bound once: the bundle reaches a CommonJS library's exports through getters,
// and these run for every node of every document (a tenth of reading 2,000 YAML files).
const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary;

/** Larger YAML files are not read (characters). Northstar's files are a few kilobytes. */
export const MAX_YAML_LENGTH = 2 * 1024 * 1024;
/** Deeper nesting is refused: no Northstar or Backstage document comes close. */
export const MAX_YAML_DEPTH = 64;
/**
 * Aliases expanded when converting to plain values, each counted with the aliases inside what
 * it names (`[*b, *b]` where `b: &b [*a, *a]` is 2 + 2 × 2); more means an alias bomb.
 */
export const MAX_ALIAS_COUNT = 100;
/** The `yaml` library's own `maxAliasCount`, a second line behind MAX_ALIAS_COUNT. */
const LIBRARY_ALIAS_COUNT = MAX_ALIAS_COUNT * MAX_ALIAS_COUNT;
/**
 * YAML errors reported per file. Hostile input (100,000 nested brackets) makes the parser
 * report thousands; past the first few, one more problem says how many were left out.
 */
export const MAX_YAML_ERRORS = 20;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPair = Pair<any, any>;

/** Every alias of a document in document order, with the node each names (null: no such anchor before it). */
interface AliasIndex {
  targets: Map<Alias, Node | null>;
  order: Alias[];
}

/** Why a document (or node) may not be converted to plain values: the alias at fault and what it does. */
export interface AliasProblem {
  alias: Alias;
  message: string;
}

/** Children of a node, aliases not followed. */
function childrenOf(node: unknown): unknown[] {
  if (isMap(node)) return (node as YAMLMap).items.flatMap((pair) => [pair.key, pair.value]);
  if (isSeq(node)) return (node as YAMLSeq).items;
  if (isPair(node)) return [node.key, node.value];
  return [];
}

/** One parsed YAML document with position helpers. All accessors tolerate any node shape. */
export class YamlDoc {
  /** True when the document has syntax errors (other than duplicate keys): its shape is a guess. */
  readonly hasSyntaxErrors: boolean;

  constructor(
    readonly doc: Document,
    readonly lineCounter: LineCounter,
    readonly file: string,
    readonly text: string,
    /** Built by the fast path (simpleDocument), which takes no anchor and no alias: nothing to look for. */
    aliasFree = false,
  ) {
    this.hasSyntaxErrors = doc.errors.some((e) => e.code !== 'DUPLICATE_KEY');
    if (aliasFree) this.aliasIndex = { targets: new Map(), order: [] };
  }

  /** The document's top node, aliases followed. */
  get root(): Node | null {
    return this.deref(this.doc.contents);
  }

  private aliasIndex: AliasIndex | null = null;

  /** The document's aliases and what each names, found in one walk (as `Alias.resolve` would: the last anchor of that name before it). */
  private aliases(): AliasIndex {
    if (this.aliasIndex) return this.aliasIndex;
    const targets = new Map<Alias, Node | null>();
    const order: Alias[] = [];
    const anchors = new Map<string, Node>();
    visit(this.doc, {
      Node: (_key, node) => {
        if (isAlias(node)) {
          targets.set(node, anchors.get(node.source) ?? null);
          order.push(node);
        } else {
          const anchor = (node as { anchor?: string }).anchor;
          if (typeof anchor === 'string') anchors.set(anchor, node);
        }
      },
    });
    this.aliasIndex = { targets, order };
    return this.aliasIndex;
  }

  /** The node an alias names, or null. */
  private target(alias: Alias): Node | null {
    const targets = this.aliases().targets;
    if (targets.has(alias)) return targets.get(alias) ?? null;
    try {
      return (alias.resolve(this.doc) as Node | undefined) ?? null;
    } catch {
      return null;
    }
  }

  /** Follow an alias to its anchored node (one step at a time, never expanding). */
  deref(node: unknown): Node | null {
    let current: unknown = node;
    for (let hops = 0; hops < 8 && isAlias(current); hops++) current = this.target(current as Alias);
    if (isAlias(current)) return null;
    return isScalar(current) || isMap(current) || isSeq(current) ? (current as Node) : null;
  }

  /** Location of offsets [start, end), trailing whitespace trimmed. */
  offsets(start: number, end: number): SourceLocation {
    let e = Math.max(start, Math.min(end, this.text.length));
    while (e > start && /\s/.test(this.text[e - 1])) e--;
    const a = this.lineCounter.linePos(start);
    const b = this.lineCounter.linePos(e);
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  /** Location of a node (its value range), or of the document when the node has no range. */
  loc(node: unknown): SourceLocation {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return this.documentLocation();
    return this.offsets(range[0], range[1]);
  }

  /** The document's first line of content (where document-wide findings point). */
  documentLocation(): SourceLocation {
    const contents = this.doc.contents as { range?: [number, number, number] } | null;
    const start = contents?.range ? contents.range[0] : (this.doc.range?.[0] ?? 0);
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.offsets(start, end);
  }

  /** entries() and the first pair of each key, per map node: readers ask one map for many keys. */
  private readonly entriesByMap = new Map<unknown, { pairs: readonly AnyPair[]; byKey: Map<string, AnyPair> }>();

  /** Pairs of a map, with `<<` merge keys expanded (own keys first, as they win). */
  entries(node: unknown): readonly AnyPair[] {
    return this.mapEntries(node).pairs;
  }

  private mapEntries(node: unknown): { pairs: readonly AnyPair[]; byKey: Map<string, AnyPair> } {
    const map = this.deref(node);
    let known = this.entriesByMap.get(map);
    if (!known) {
      const pairs = this.expandEntries(map);
      const byKey = new Map<string, AnyPair>();
      for (const pair of pairs) {
        const key = this.keyText(pair);
        if (key !== null && !byKey.has(key)) byKey.set(key, pair);
      }
      known = { pairs, byKey };
      this.entriesByMap.set(map, known);
    }
    return known;
  }

  private expandEntries(map: Node | null): AnyPair[] {
    if (!isMap(map)) return [];
    const own: AnyPair[] = [];
    const merged: AnyPair[] = [];
    for (const pair of map.items) {
      if (this.isMergeKey(pair.key)) {
        const sourceNode = this.deref(pair.value);
        const sources = isSeq(sourceNode) ? sourceNode.items : [sourceNode];
        for (const source of sources) {
          const sourceMap = this.deref(source);
          if (sourceMap && sourceMap !== map && isMap(sourceMap)) for (const item of sourceMap.items.filter((p) => !this.isMergeKey(p.key))) merged.push(item);
        }
      } else own.push(pair);
    }
    const seen = new Set(own.map((p) => this.keyText(p)));
    const result = [...own];
    for (const pair of merged) {
      const key = this.keyText(pair);
      if (key !== null && !seen.has(key)) {
        seen.add(key);
        result.push(pair);
      }
    }
    return result;
  }

  private isMergeKey(key: unknown): boolean {
    return isScalar(key) && (typeof key.value === 'symbol' || key.value === '<<');
  }

  /** A map key as text (null for keys that are not scalars). */
  keyText(pair: AnyPair): string | null {
    const key = isScalar(pair.key) ? pair.key : this.deref(pair.key);
    if (!isScalar(key) || key.value === null || typeof key.value === 'symbol') return null;
    return String(key.value);
  }

  pair(map: unknown, key: string): AnyPair | undefined {
    return this.mapEntries(map).byKey.get(key);
  }

  /** The value under `key` of a map (alias followed), or null. */
  get(map: unknown, key: string): Node | null {
    return this.deref(this.pair(map, key)?.value ?? null);
  }

  /** Location of a key (for "missing"/"unknown" findings), or null when absent. */
  keyLoc(map: unknown, key: string): SourceLocation | null {
    const pair = this.pair(map, key);
    return pair ? this.loc(pair.key) : null;
  }

  /** Location of the value under `key`, else of the key when the value is empty. */
  valueLoc(map: unknown, key: string): SourceLocation | null {
    const pair = this.pair(map, key);
    if (!pair) return null;
    return this.pairValueLoc(pair);
  }

  pairValueLoc(pair: AnyPair): SourceLocation {
    const value = pair.value as { range?: [number, number, number] } | null;
    if (value?.range && value.range[1] > value.range[0]) return this.loc(value);
    return this.loc(pair.key);
  }

  /** A string scalar's value; anything else (numbers, lists, null) is null. */
  str(node: unknown): string | null {
    const n = this.deref(node);
    return isScalar(n) && typeof n.value === 'string' ? n.value : null;
  }

  /** A non-empty string with its location. */
  located(node: unknown): Located | null {
    const value = this.str(node);
    if (value === null || value.trim() === '') return null;
    return { value, location: this.loc(node) };
  }

  num(node: unknown): number | null {
    const n = this.deref(node);
    return isScalar(n) && typeof n.value === 'number' && Number.isFinite(n.value) ? n.value : null;
  }

  /** A boolean scalar's value (`true`, `false`); anything else is null. */
  bool(node: unknown): boolean | null {
    const n = this.deref(node);
    return isScalar(n) && typeof n.value === 'boolean' ? n.value : null;
  }

  /** Items of a sequence (aliases followed); a lone scalar counts as a one-item list. */
  items(node: unknown): Node[] {
    const n = this.deref(node);
    if (isSeq(n)) return n.items.map((item) => (isAlias(item) ? item : this.deref(item))).filter((x): x is Node => x !== null);
    if (isScalar(n) && n.value !== null && n.value !== '') return [n];
    return [];
  }

  /** String items of a list, with their locations; other items are skipped. */
  strings(node: unknown): Located[] {
    const out: Located[] = [];
    for (const item of this.items(node)) {
      const located = this.located(item);
      if (located) out.push(located);
    }
    return out;
  }

  /**
   * Aliases that expanding `node` copies: its own aliases, each with those inside what it
   * names (memoised per anchored node, so linear in the document). Stops counting past
   * `budget`. Infinity when an alias lies inside the node it names (expansion never ends).
   */
  private expandedAliases(node: unknown, budget: number, memo: Map<Node, number>, open: Set<Node>): number {
    let total = 0;
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const current = stack.pop();
      if (isAlias(current)) {
        total += 1 + this.aliasWeight(current, budget, memo, open);
        if (total > budget) return total;
        continue;
      }
      for (const child of childrenOf(current)) stack.push(child);
    }
    return total;
  }

  /** Aliases copied by expanding what `alias` names (not counting the alias itself). */
  private aliasWeight(alias: Alias, budget: number, memo: Map<Node, number>, open: Set<Node>): number {
    const target = this.target(alias);
    if (!target) return 0;
    const known = memo.get(target);
    if (known !== undefined) return known;
    if (open.has(target)) return Infinity;
    open.add(target);
    const weight = this.expandedAliases(target, budget, memo, open);
    open.delete(target);
    memo.set(target, weight);
    return weight;
  }

  /**
   * Why converting the document to plain values must not be tried, or null: the first alias,
   * in document order, at which the expansion would pass MAX_ALIAS_COUNT aliases, or that lies
   * inside the node it names.
   */
  aliasProblem(): AliasProblem | null {
    const memo = new Map<Node, number>();
    const open = new Set<Node>();
    let total = 0;
    for (const alias of this.aliases().order) {
      const weight = this.aliasWeight(alias, MAX_ALIAS_COUNT, memo, open);
      total += 1 + weight;
      if (weight === Infinity) {
        return { alias, message: `the alias *${alias.source} is inside the node it names, so expanding it never ends (resource exhaustion)` };
      }
      if (total > MAX_ALIAS_COUNT) {
        return {
          alias,
          message: `expanding the aliases up to *${alias.source} copies more than ${MAX_ALIAS_COUNT} of them: refused as an alias bomb (resource exhaustion)`,
        };
      }
    }
    return null;
  }

  /**
   * Plain JavaScript value of the document, or the error when it cannot be built, with where
   * it lies (the alias at fault), else null.
   */
  toJS(): { value: unknown; error: string | null; location: SourceLocation | null } {
    const refused = this.aliasProblem();
    if (refused) return { value: undefined, error: refused.message, location: this.loc(refused.alias) };
    try {
      // The count above is the bound; the library's own (which counts differently, and not at
      // all for anchors on empty collections) stays on behind it, well above it.
      return { value: this.doc.toJS({ maxAliasCount: LIBRARY_ALIAS_COUNT }), error: null, location: null };
    } catch (error) {
      const order = this.aliases().order;
      const at = order.find((a) => this.target(a) === null) ?? order[0];
      return { value: undefined, error: error instanceof Error ? error.message : String(error), location: at ? this.loc(at) : null };
    }
  }

  /** Plain value of one node (alias-bomb safe), or undefined. */
  nodeToJS(node: unknown): unknown {
    const n = this.deref(node);
    if (!n) return undefined;
    if (this.expandedAliases(n, MAX_ALIAS_COUNT, new Map(), new Set()) > MAX_ALIAS_COUNT) return undefined;
    try {
      return n.toJS(this.doc, { maxAliasCount: LIBRARY_ALIAS_COUNT });
    } catch {
      return undefined;
    }
  }

  /**
   * The node at a JSON pointer's segments, and the pair holding it (for its key). Aliases on
   * the way are followed; the last node is returned as written (an alias points at `*ref`).
   */
  nodeAt(segments: readonly string[]): { node: unknown; pair: AnyPair | null; found: boolean } {
    let node: unknown = this.doc.contents;
    let pair: AnyPair | null = null;
    for (const segment of segments) {
      const container = this.deref(node);
      if (isMap(container)) {
        const p = this.pair(container, segment);
        if (!p) return { node, pair, found: false };
        pair = p;
        node = p.value;
      } else if (isSeq(container)) {
        const index = Number(segment);
        if (!Number.isInteger(index) || index < 0 || index >= container.items.length) return { node, pair, found: false };
        node = container.items[index];
        pair = null;
      } else return { node, pair, found: false };
    }
    return { node, pair, found: true };
  }
}

export interface YamlParse {
  documents: YamlDoc[];
  problems: ParseProblem[];
}

function problem(ruleId: ParseProblem['ruleId'], message: string, location: SourceLocation): ParseProblem {
  return { ruleId, message, location };
}

function firstLine(file: string, text: string): SourceLocation {
  let end = text.indexOf('\n');
  if (end < 0) end = text.length;
  if (end > 0 && text[end - 1] === '\r') end--;
  return { file, line: 1, column: 1, endLine: 1, endColumn: end + 1 };
}

/** Nesting depth of a document, counted without following aliases; stops early past `limit`. */
function depthOf(root: unknown, limit: number): number {
  let max = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > max) max = depth;
    if (max > limit) return max;
    if (isMap(node)) {
      for (const pair of (node as YAMLMap).items) {
        stack.push([pair.key, depth + 1]);
        stack.push([pair.value, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (const item of (node as YAMLSeq).items) stack.push([item, depth + 1]);
    } else if (isPair(node)) {
      stack.push([node.key, depth + 1]);
      stack.push([node.value, depth + 1]);
    }
  }
  return max;
}

/** Alias keys looked at per document: resolving one is a search of the document. */
const MAX_ALIAS_KEYS = 1000;

/**
 * Duplicate keys the yaml library does not see (its uniqueKeys compares key nodes, not what an
 * alias stands for): `*a` used as a key twice, `*a` repeating a written key, `<<` twice in one
 * mapping. A key that a `<<` merge brings in and the mapping then overrides is YAML's merge, not
 * a duplicate.
 */
function aliasDuplicateKeys(doc: Document, text: string): Array<{ node: Node; name: string; how: string }> {
  const out: Array<{ node: Node; name: string; how: string }> = [];
  // Only an alias key (`*name`) or a merge key (`<<`) can repeat a key indirectly: a text with
  // neither (most contracts) needs no walk over its document.
  if (!text.includes('*') && !text.includes('<<')) return out;
  let budget = MAX_ALIAS_KEYS;
  visit(doc, {
    Map(_, map) {
      const seen = new Map<unknown, boolean>();
      for (const pair of map.items) {
        const key = pair.key as Node | null;
        if (!key?.range) continue;
        let value: unknown;
        let indirect = false;
        if (isScalar(key) && (typeof key.value === 'symbol' || (key.value === '<<' && key.source === '<<'))) {
          value = MERGE;
          indirect = true;
        } else if (isAlias(key)) {
          if (budget-- <= 0) continue;
          let target: unknown;
          try {
            target = (key as Alias).resolve(doc);
          } catch {
            continue;
          }
          if (!isScalar(target)) continue;
          value = target.value;
          indirect = true;
        } else if (isScalar(key)) value = key.value;
        else continue;
        const before = seen.get(value);
        if (before !== undefined && (indirect || before)) {
          const name = value === MERGE ? '<<' : String(value);
          out.push({ node: key, name, how: value === MERGE ? ' (two `<<` merges: list both sources in one `<<: [*a, *b]`)' : ' (an alias stands for the key it refers to)' });
        } else if (before === undefined) seen.set(value, indirect);
      }
      return undefined;
    },
  });
  return out;
}

const MERGE = Symbol('merge key');

/** The key node starting at an offset (the yaml library reports duplicates by their first character). */
function keyAt(doc: Document, offset: number): Node | null {
  let found: Node | null = null;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key as Node | null;
      if (key?.range && key.range[0] === offset) {
        found = key;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function describeYamlError(code: string, message: string, key: Node | null): string {
  if (code === 'DUPLICATE_KEY') {
    const name = isScalar(key) && key.value !== null && typeof key.value !== 'symbol' ? String(key.value) : null;
    return name !== null ? `duplicate key "${name}": a key may appear only once in a mapping` : 'duplicate key: a key may appear only once in a mapping';
  }
  // The library's message may end with " at line N, column M" and a code frame: cut there.
  const at = /\sat line \d+, column \d+/.exec(message);
  const clean = (at ? message.slice(0, at.index) : message).trim();
  return `invalid YAML: ${clean.charAt(0).toLowerCase()}${clean.slice(1)}`;
}

/**
 * Where flow brackets (`[`, `{`) first nest deeper than `limit`, or -1. Quoted text and
 * comments are skipped roughly: this only spares the parser input that it would refuse anyway
 * (100,000 nested brackets take the `yaml` library seconds and overflow its stack).
 */
function deepFlowOffset(text: string, limit: number): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\\' && quote === '"') i++;
      else if (ch === '\n' && depth === 0) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") {
      const prev = i > 0 ? text[i - 1] : ' ';
      if (depth > 0 || /[\s:[{,]/.test(prev)) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end;
    } else if (ch === '[' || ch === '{') {
      if (++depth > limit) return i;
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
  return -1;
}

/** The options every YAML text is parsed with (logLevel 'error': the library never prints to stderr). */
const PARSE_OPTIONS = { prettyErrors: false, merge: true, uniqueKeys: true, logLevel: 'error' } as const;

/**
 * A plain scalar the fast path takes in a block: no indicator first, no `#`, quote or bracket
 * inside, and a `:` only between two other characters of the scalar (never before a space).
 */
const SIMPLE_PLAIN = /^[A-Za-z0-9_/](?:[\w ,./@()+=-]|:(?=[\w,./@()+=-]))*$/;
/**
 * A plain scalar the fast path takes in a flow collection: no comma or bracket, and a space or
 * `:` only before a name character (never two spaces, never at the end).
 */
const SIMPLE_ITEM = /^[A-Za-z0-9_/](?:[\w./@+=-]|[ :](?=[\w./@+=-]))*$/;
/** A double-quoted string without escapes: printable ASCII only. */
const SIMPLE_QUOTED = /^"[ !#-[\]-~]*"$/;
const SIMPLE_KEY = /^[A-Za-z][\w-]*$/;
/** Plain scalars the core schema reads as something other than a string (null, booleans). */
const NOT_A_STRING = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const SMALL_INT = /^(?:0|[1-9]\d{0,14})$/;
const SMALL_FLOAT = /^(?:0|[1-9]\d{0,14})\.\d{1,15}$/;
/** What the core schema reads as a number, of the plain scalars that start with a digit (int, octal, hex, float, exponent). */
const CORE_NUMBER = /^(?:0o[0-7]+|0x[\da-fA-F]+|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)$/;

/** A plain scalar's value as the core schema reads it, or undefined when the fast path leaves it to the library. */
function simplePlain(source: string): { value: string | number; minFractionDigits?: number } | undefined {
  if (NOT_A_STRING.test(source)) return undefined;
  const first = source.charCodeAt(0);
  if (first < 48 || first > 57) return { value: source };
  if (SMALL_INT.test(source)) return { value: Number(source) };
  if (SMALL_FLOAT.test(source)) {
    // As the library's float: a trailing zero is kept as a minimum of fraction digits.
    const dot = source.indexOf('.');
    return source.endsWith('0') ? { value: Number(source), minFractionDigits: source.length - dot - 1 } : { value: Number(source) };
  }
  return CORE_NUMBER.test(source) ? undefined : { value: source };
}

function simpleScalar(value: string | number, source: string, type: 'PLAIN' | 'QUOTE_DOUBLE', start: number, end: number, nodeEnd: number): Scalar {
  const scalar = new Scalar(value);
  scalar.range = [start, end, nodeEnd];
  scalar.source = source;
  scalar.type = type;
  return scalar;
}

/** A plain or escape-free double-quoted scalar of a flow collection, or null. */
function flowScalar(source: string, start: number, nodeEnd: number): Scalar | null {
  if (source.charCodeAt(0) === 34 /* " */) {
    return SIMPLE_QUOTED.test(source) ? simpleScalar(source.slice(1, -1), source.slice(1, -1), 'QUOTE_DOUBLE', start, start + source.length, nodeEnd) : null;
  }
  const plain = SIMPLE_ITEM.test(source) ? simplePlain(source) : undefined;
  return plain === undefined ? null : withFraction(simpleScalar(plain.value, source, 'PLAIN', start, start + source.length, nodeEnd), plain.minFractionDigits);
}

/** The library's Directives class (not exported by name): what a document's directives are. */
let directives: (new (init: { version: '1.2' }) => unknown) | null = null;
function directivesClass(): new (init: { version: '1.2' }) => unknown {
  directives ??= new Document().directives!.constructor as new (init: { version: '1.2' }) => unknown;
  return directives;
}

/** The fast path's reading position: the start of a line. */
interface SimpleReader {
  readonly text: string;
  readonly schema: Document['schema'];
  at: number;
}

/** Spaces before the current line's content; -1 at the end of the text, -2 for a blank line (the fast path stops there). */
function lineIndent(r: SimpleReader): number {
  if (r.at >= r.text.length) return -1;
  let i = r.at;
  while (r.text.charCodeAt(i) === 32) i++;
  return r.text.charCodeAt(i) === 10 || i >= r.text.length ? -2 : i - r.at;
}

/** A value written on its key's or dash's line, [start, end) up to the line break, or null. */
function inlineValue(r: SimpleReader, start: number, end: number): Node | null {
  const source = r.text.slice(start, end);
  const first = source.charCodeAt(0);
  if (first === 34 /* " */) {
    if (!SIMPLE_QUOTED.test(source)) return null;
    return simpleScalar(source.slice(1, -1), source.slice(1, -1), 'QUOTE_DOUBLE', start, end, end + 1);
  }
  if (first === 91 /* [ */) {
    if (source.length < 3 || source.charCodeAt(source.length - 1) !== 93 /* ] */) return null;
    const seq = new YAMLSeq(r.schema);
    seq.flow = true;
    let at = start + 1;
    for (const item of source.slice(1, -1).split(', ')) {
      const scalar = flowScalar(item, at, at + item.length);
      if (!scalar) return null;
      seq.items.push(scalar);
      at += item.length + 2;
    }
    seq.range = [start, end, end + 1];
    return seq;
  }
  if (first === 123 /* { */) {
    if (source.length < 5 || !source.startsWith('{ ') || !source.endsWith(' }')) return null;
    const map = new YAMLMap(r.schema);
    map.flow = true;
    const keys = new Set<string>();
    const entries = source.slice(2, -2).split(', ');
    let at = start + 2;
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      const colon = entry.indexOf(': ');
      const key = colon < 0 ? '' : entry.slice(0, colon);
      if (!SIMPLE_KEY.test(key) || NOT_A_STRING.test(key) || keys.has(key)) return null;
      keys.add(key);
      const valueAt = at + colon + 2;
      const valueSource = entry.slice(colon + 2);
      // The space before the closing brace belongs to the last value's node.
      const value = flowScalar(valueSource, valueAt, valueAt + valueSource.length + (i === entries.length - 1 ? 1 : 0));
      if (!value) return null;
      map.items.push(new YamlPair(simpleScalar(key, key, 'PLAIN', at, at + colon, at + colon), value));
      at += entry.length + 2;
    }
    map.range = [start, end, end + 1];
    return map;
  }
  if (source.charCodeAt(source.length - 1) === 32 || !SIMPLE_PLAIN.test(source)) return null;
  const plain = simplePlain(source);
  return plain === undefined ? null : withFraction(simpleScalar(plain.value, source, 'PLAIN', start, end, end + 1), plain.minFractionDigits);
}

/** A number's scalar keeps how many fraction digits were written when the last is a zero (as the library's float). */
function withFraction(scalar: Scalar, minFractionDigits: number | undefined): Scalar {
  if (minFractionDigits !== undefined) scalar.minFractionDigits = minFractionDigits;
  return scalar;
}

/** A block mapping whose keys stand `indent` spaces in, from the current line on (its first key after a dash when `dashed`); null where the fast path stops. */
function simpleBlockMap(r: SimpleReader, indent: number, dashed = false): YAMLMap | null {
  const map = new YAMLMap(r.schema);
  const keys = new Set<string>();
  const first = r.at + indent;
  // A list item's mapping (`dashed`) starts on the dash's line, its first key after `- `.
  for (let firstLine = dashed; ; firstLine = false) {
    const spaces = firstLine ? indent : lineIndent(r);
    if (spaces === -1 || (spaces >= 0 && spaces < indent)) break;
    if (spaces !== indent) return null;
    const lineStart = r.at + indent;
    const end = r.text.indexOf('\n', lineStart);
    const colon = r.text.indexOf(':', lineStart);
    if (end < 0 || colon < 0 || colon > end) return null;
    const key = r.text.slice(lineStart, colon);
    if (!SIMPLE_KEY.test(key) || NOT_A_STRING.test(key) || keys.has(key)) return null;
    keys.add(key);
    let value: Node | null;
    if (colon + 1 === end) {
      // `key:` and its value on the lines below, two spaces further in: a mapping or a list.
      r.at = end + 1;
      if (lineIndent(r) !== indent + 2) return null;
      value = r.text.startsWith('- ', r.at + indent + 2) ? simpleBlockSeq(r, indent + 2) : simpleBlockMap(r, indent + 2);
    } else {
      value = r.text.charCodeAt(colon + 1) === 32 ? inlineValue(r, colon + 2, end) : null;
      r.at = end + 1;
    }
    if (!value) return null;
    map.items.push(new YamlPair(simpleScalar(key, key, 'PLAIN', lineStart, colon, colon), value));
  }
  map.range = [first, r.at, r.at];
  return map;
}

/** A block list whose dashes stand `indent` spaces in, each item on its dash's line or a mapping from there; null where the fast path stops. */
function simpleBlockSeq(r: SimpleReader, indent: number): YAMLSeq | null {
  const seq = new YAMLSeq(r.schema);
  const first = r.at + indent;
  while (lineIndent(r) === indent && r.text.startsWith('- ', r.at + indent)) {
    const start = r.at + indent + 2;
    const end = r.text.indexOf('\n', start);
    if (end < 0) return null;
    // `- key: value` (or `- key:`) begins a mapping; anything else is a one-line item (which never holds `: `).
    const colon = r.text.indexOf(':', start);
    const next = colon < 0 || colon >= end ? -1 : r.text.charCodeAt(colon + 1);
    if ((next === 32 || next === 10) && SIMPLE_KEY.test(r.text.slice(start, colon))) {
      const map = simpleBlockMap(r, indent + 2, true);
      if (!map) return null;
      seq.items.push(map);
      continue;
    }
    const item = inlineValue(r, start, end);
    if (!item) return null;
    seq.items.push(item);
    r.at = end + 1;
  }
  seq.range = [first, r.at, r.at];
  return seq;
}

/**
 * The document of a text the library would compose trivially, built directly: block mappings
 * of `key: value` lines (a value below its key two spaces further in: a mapping, or a list whose
 * items are one-line values or mappings), each value a plain scalar that reads as a string, a small integer or a
 * decimal, a double-quoted string without escapes, or a flow list or `{ k: v }` mapping of
 * such plain scalars; no comments, anchors, tags, blank lines, tabs or carriage returns, unique
 * keys, and a final line break. The nodes, ranges and sources are the ones the library gives
 * such a text (a test compares them, test/unit/sources/yamlFastPath.test.ts); anything else
 * returns null and goes to the library. Generated and hand-written contracts are mostly this
 * shape, and the library's lexer, parser and composer cost about half a millisecond per such
 * file in a cold process.
 */
export function simpleDocument(text: string): Document | null {
  const length = text.length;
  if (length === 0 || length > 64 * 1024 || text.charCodeAt(length - 1) !== 10) return null;
  // As the library's composer makes each document: its options carry the stream's directives.
  const doc = new Document(undefined, { _directives: new (directivesClass())({ version: '1.2' }), ...PARSE_OPTIONS } as typeof PARSE_OPTIONS);
  const reader: SimpleReader = { text, schema: doc.schema, at: 0 };
  const map = simpleBlockMap(reader, 0);
  if (!map || reader.at !== length) return null;
  doc.contents = map;
  doc.range = [0, length, length];
  return doc;
}

/**
 * Parse every document of a YAML file. Problems: `contracts/yaml` for syntax errors and
 * duplicate keys, `workspace/skipped` for a file too large to read. Never throws.
 */
export function parseYaml(text: string, file: string): YamlParse {
  if (text.length > MAX_YAML_LENGTH) {
    return {
      documents: [],
      problems: [
        problem(
          'workspace/skipped',
          `${file} was not read: it is ${Math.round(text.length / 1024)} KB, more than the ${MAX_YAML_LENGTH / 1024 / 1024} MB limit for YAML files`,
          firstLine(file, text),
        ),
      ],
    };
  }
  if (deepFlowOffset(text, MAX_YAML_DEPTH * 4) >= 0) {
    return {
      documents: [],
      problems: [problem('contracts/yaml', `YAML nested more than ${MAX_YAML_DEPTH} levels deep: the document was not read`, firstLine(file, text))],
    };
  }
  const problems: ParseProblem[] = [];
  const documents: YamlDoc[] = [];
  const reported = new Set<string>();
  let leftOut = 0;
  let firstLeftOut: SourceLocation | null = null;
  try {
    // Line starts are taken from the text itself: the parser's own LineCounter misses the
    // line breaks inside tokens it cannot parse, which shifts every later position.
    const lineCounter = new LineCounter();
    lineCounter.addNewLine(0);
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
    // PARSE_OPTIONS' logLevel 'error': the library never prints a warning to stderr (a collection
    // used as a key warns when converted); what matters to the user becomes a problem here instead.
    const simple = simpleDocument(text);
    const parsed = simple ? [simple] : parseAllDocuments(text, PARSE_OPTIONS);
    const docs: Document[] = Array.isArray(parsed) ? parsed : [];
    for (const doc of docs) {
      const yamlDoc = new YamlDoc(doc, lineCounter, file, text, doc === simple);
      for (const error of doc.errors) {
        const pos: [number, number] = [error.pos[0], Math.max(error.pos[0], error.pos[1])];
        const key = error.code === 'DUPLICATE_KEY' ? keyAt(doc, pos[0]) : null;
        if (key?.range) pos[1] = key.range[1];
        // A zero-width error (e.g. "missing ]" at the end) still needs one character to show.
        const end = pos[1] > pos[0] ? pos[1] : Math.min(text.length, pos[0] + 1);
        const location = yamlDoc.offsets(pos[0], end);
        if (location.endLine === location.line && location.endColumn === location.column) location.endColumn++;
        const message = describeYamlError(error.code, error.message, key);
        // The parser may report one mistake twice (same message, same place).
        const id = `${message}\u0000${location.line}:${location.column}`;
        if (reported.has(id)) continue;
        if (reported.size >= MAX_YAML_ERRORS) {
          leftOut++;
          firstLeftOut ??= location;
          continue;
        }
        reported.add(id);
        problems.push(problem('contracts/yaml', message, location));
      }
      for (const key of aliasDuplicateKeys(doc, text)) {
        if (reported.size >= MAX_YAML_ERRORS) {
          leftOut++;
          firstLeftOut ??= yamlDoc.offsets(key.node.range![0], key.node.range![1]);
          continue;
        }
        const location = yamlDoc.offsets(key.node.range![0], key.node.range![1]);
        const message = `duplicate key "${key.name}": a key may appear only once in a mapping${key.how}`;
        const id = `${message}\u0000${location.line}:${location.column}`;
        if (reported.has(id)) continue;
        reported.add(id);
        problems.push(problem('contracts/yaml', message, location));
      }
      const depth = depthOf(doc.contents, MAX_YAML_DEPTH);
      if (depth > MAX_YAML_DEPTH) {
        problems.push(problem('contracts/yaml', `YAML nested more than ${MAX_YAML_DEPTH} levels deep: the document was not read`, yamlDoc.documentLocation()));
        continue;
      }
      documents.push(yamlDoc);
    }
  } catch (error) {
    problems.push(problem('contracts/yaml', `YAML could not be read: ${error instanceof Error ? error.message : String(error)}`, firstLine(file, text)));
  }
  if (leftOut > 0 && firstLeftOut) {
    problems.push(problem('contracts/yaml', `invalid YAML: ${leftOut} more error${leftOut === 1 ? '' : 's'} in this file, not listed one by one`, firstLeftOut));
  }
  return { documents, problems };
}

/** True for a document with no content (an empty file, a trailing `---`). */
export function isEmptyDocument(doc: YamlDoc): boolean {
  const contents = doc.doc.contents;
  return contents === null || (isScalar(contents) && (contents as Scalar).value === null);
}

/**
 * The one document of a single-document file (contract, teams, vision, configuration).
 * Extra documents are reported and ignored.
 */
export function parseSingleYaml(text: string, file: string): { doc: YamlDoc | null; problems: ParseProblem[] } {
  const { documents, problems } = parseYaml(text, file);
  const nonEmpty = documents.filter((d) => !isEmptyDocument(d));
  if (nonEmpty.length > 1) {
    problems.push(
      problem('contracts/schema', `${file} must hold one YAML document; this one and any after it are ignored`, nonEmpty[1].documentLocation()),
    );
  }
  return { doc: nonEmpty[0] ?? documents[0] ?? null, problems };
}

/** Resolve a path written relative to a folder into a root-relative path (null if it leaves the root). */
export function resolveRelative(folder: string, path: string): string | null {
  const raw = path.replace(/\\/g, '/').trim();
  if (raw === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return null;
  const parts = raw.startsWith('/') ? [] : folder === '' ? [] : folder.split('/');
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** The problem reported when a reader fails unexpectedly (it still never throws). */
export function readFailure(file: string, error: unknown): ParseProblem {
  return problem(
    'contracts/yaml',
    `${file} could not be read: ${error instanceof Error ? error.message : String(error)}`,
    { file, line: 1, column: 1, endLine: 1, endColumn: 2 },
  );
}

/** The problem for a file with no YAML document at all (a Northstar file that must hold one). */
export function emptyFile(file: string, text: string): ParseProblem {
  return problem('contracts/schema', 'the document is empty', firstLine(file, text));
}

/**
 * Is this `teams.yaml` or `vision.yaml` another tool's (DESIGN 1.4, 1.5)? A file is Northstar's
 * when it says so with `apiVersion: northstar/…`; otherwise it is not read, and a
 * `workspace/skipped` problem says why: at warning when it has Northstar's `kind` (a forgotten
 * `apiVersion`), else at information. Null when the file is Northstar's.
 */
export function notNorthstars(doc: YamlDoc, file: string, kind: 'Teams' | 'Vision'): ParseProblem | null {
  const apiVersion = doc.str(doc.get(doc.root, 'apiVersion'))?.trim() ?? '';
  if (apiVersion.startsWith('northstar/')) return null;
  const where = doc.valueLoc(doc.root, 'apiVersion') ?? doc.documentLocation();
  if (doc.str(doc.get(doc.root, 'kind'))?.trim() === kind) {
    return {
      ruleId: 'workspace/skipped',
      message: `${file} was not read: it has "kind: ${kind}" but no "apiVersion: northstar/v1", which makes a file Northstar's. Add that line if it is.`,
      location: where,
      atLeast: 'warning',
    };
  }
  return {
    ruleId: 'workspace/skipped',
    message: `${file} was not read: it is not Northstar's (no "apiVersion: northstar/v1"), so it belongs to another tool.`,
    location: where,
  };
}
