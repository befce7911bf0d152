/**
 * What is under the cursor in a file Northstar reads: a CODEOWNERS pattern or owner, an owner
 * handle, a dependency, a consumed API, a priority id, a rule id or an import into another
 * module. Shared by hovers and go-to-definition; pure (the text is the editor's current one,
 * so unsaved edits are seen).
 *
 * YAML files are read with the `yaml` library and its LineCounter (sources/yaml.ts); the
 * scalar at the offset and its path from the document root (`['dependsOn', 0]`) decide what
 * it is.
 */
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { roleOf } from './analyze';
import type { Analysis } from './api';
import { normalizePath } from './fs';
import { findImportAt, importLanguageOf, resolveImport } from './imports';
import type { CodeownersRule, Module, SourceRange } from './model/types';
import { parseEntityRef } from './sources/backstage';
import { findPriorityTags } from './sources/tags';
import { parseYaml, type YamlDoc } from './sources/yaml';

export type CursorTarget =
  | { kind: 'codeowners-rule'; rule: CodeownersRule; range: SourceRange }
  | { kind: 'owner'; owner: string; range: SourceRange }
  | { kind: 'dependency'; name: string; range: SourceRange }
  | { kind: 'api'; name: string; range: SourceRange }
  | { kind: 'priority'; id: string; range: SourceRange }
  | { kind: 'rule'; id: string; range: SourceRange }
  | { kind: 'import'; specifier: string; module: Module; range: SourceRange };

/** Path of a node from its document's root: map keys and sequence indexes. */
export type YamlPath = (string | number)[];

export interface YamlHit {
  /** The scalar's value as text. */
  value: string;
  path: YamlPath;
  /** True when the scalar is a map key (then `path` ends with the key itself). */
  isKey: boolean;
  range: SourceRange;
}

/** Offset (0-based) of a 1-based line and UTF-16 column; clamped to the text. */
export function offsetAt(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return text.length;
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return Math.min(start + Math.max(0, column - 1), end);
}

function contains(range: SourceRange, line: number, column: number): boolean {
  const afterStart = line > range.line || (line === range.line && column >= range.column);
  const beforeEnd = line < range.endLine || (line === range.endLine && column < range.endColumn);
  return afterStart && beforeEnd;
}

function nodeRange(node: unknown): [number, number] | null {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? [range[0], range[1]] : null;
}

function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const v = node.value;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;
}

/** The scalar at `offset` in a parsed document, with its path (aliases are not followed). */
function scalarAt(doc: YamlDoc, offset: number): YamlHit | undefined {
  const hit = (node: unknown, path: YamlPath, isKey: boolean): YamlHit | undefined => {
    const r = nodeRange(node);
    const value = scalarText(node);
    if (!r || value === null || offset < r[0] || offset >= r[1]) return undefined;
    const loc = doc.offsets(r[0], r[1]);
    return { value, path, isKey, range: { line: loc.line, column: loc.column, endLine: loc.endLine, endColumn: loc.endColumn } };
  };
  const visit = (node: unknown, path: YamlPath, depth: number): YamlHit | undefined => {
    if (depth > 64 || !node) return undefined;
    const r = nodeRange(node);
    if (r && (offset < r[0] || offset > r[1])) return undefined;
    if (isScalar(node)) return hit(node, path, false);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = scalarText(pair.key);
        const onKey = hit(pair.key, key === null ? path : [...path, key], true);
        if (onKey) return onKey;
        if (key === null) continue;
        const found = visit(pair.value, [...path, key], depth + 1);
        if (found) return found;
      }
      return undefined;
    }
    if (isSeq(node)) {
      for (let i = 0; i < node.items.length; i++) {
        const found = visit(node.items[i], [...path, i], depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(doc.doc.contents as Node | null, [], 0);
}

/** The YAML scalar under a 1-based position, in whichever document of the file holds it. */
export function yamlScalarAt(text: string, file: string, line: number, column: number): { hit: YamlHit; doc: YamlDoc } | undefined {
  const offset = offsetAt(text, line, column);
  for (const doc of parseYaml(text, file).documents) {
    const range = doc.doc.range;
    if (range && (offset < range[0] || offset > range[2])) continue;
    const hit = scalarAt(doc, offset);
    if (hit) return { hit, doc };
  }
  return undefined;
}

function pathIs(path: YamlPath, ...pattern: (string | 'INDEX')[]): boolean {
  if (path.length !== pattern.length) return false;
  return pattern.every((p, i) => (p === 'INDEX' ? typeof path[i] === 'number' : path[i] === p));
}

function yamlTarget(file: string, text: string, line: number, column: number): CursorTarget | undefined {
  const role = roleOf(file);
  const found = yamlScalarAt(text, file, line, column);
  if (!found) return undefined;
  const { hit, doc } = found;
  const { path, range } = hit;
  const value = hit.value.trim();
  if (value === '') return undefined;
  switch (role) {
    case 'contract':
      if (hit.isKey) return undefined;
      if (pathIs(path, 'owner')) return { kind: 'owner', owner: value, range };
      // The module's own name: the same module hover as a dependency on it.
      if (pathIs(path, 'name')) return { kind: 'dependency', name: value, range };
      if (pathIs(path, 'dependsOn', 'INDEX')) return { kind: 'dependency', name: value, range };
      if (pathIs(path, 'consumes', 'INDEX')) return { kind: 'api', name: value, range };
      if (pathIs(path, 'provides', 'INDEX', 'name')) return { kind: 'api', name: value, range };
      if (pathIs(path, 'priorities', 'INDEX')) return { kind: 'priority', id: value, range };
      return undefined;
    case 'catalog': {
      if (hit.isKey) return undefined;
      const kind = String(doc.str(doc.get(doc.root, 'kind')) ?? '').toLowerCase();
      if (pathIs(path, 'spec', 'owner')) return { kind: 'owner', owner: value, range };
      if ((kind === 'component' || kind === 'resource') && pathIs(path, 'metadata', 'name')) return { kind: 'dependency', name: value, range };
      if (kind === 'group' && (pathIs(path, 'spec', 'parent') || pathIs(path, 'spec', 'children', 'INDEX'))) return { kind: 'owner', owner: value, range };
      if (pathIs(path, 'spec', 'dependsOn', 'INDEX')) return { kind: 'dependency', name: parseEntityRef(value, 'component').name, range };
      if (pathIs(path, 'spec', 'consumesApis', 'INDEX') || pathIs(path, 'spec', 'providesApis', 'INDEX')) {
        return { kind: 'api', name: parseEntityRef(value, 'api').name, range };
      }
      return undefined;
    }
    case 'teams':
      if (!hit.isKey && (pathIs(path, 'teams', 'INDEX', 'id') || pathIs(path, 'teams', 'INDEX', 'aliases', 'INDEX'))) {
        return { kind: 'owner', owner: value, range };
      }
      return undefined;
    case 'vision':
      if (hit.isKey) return undefined;
      if (pathIs(path, 'priorities', 'INDEX', 'id')) return { kind: 'priority', id: value, range };
      if (pathIs(path, 'priorities', 'INDEX', 'owner')) return { kind: 'owner', owner: value, range };
      return undefined;
    case 'config':
      if (hit.isKey && pathIs(path, 'rules', path[1] as string)) return { kind: 'rule', id: value, range };
      if (!hit.isKey && pathIs(path, 'ignore', 'INDEX', 'rule')) return { kind: 'rule', id: value, range };
      return undefined;
    default:
      return undefined;
  }
}

function codeownersTarget(analysis: Analysis, text: string, line: number, column: number): CursorTarget | undefined {
  const start = offsetAt(text, line, 1);
  const end = text.indexOf('\n', start);
  const lineText = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
  // The rules are the analysed ones: they must still be what the editor shows at that place.
  const same = (range: SourceRange, expected: string) =>
    range.line === range.endLine && lineText.slice(range.column - 1, range.endColumn - 1) === expected;
  for (const rule of analysis.model.codeowners?.rules ?? []) {
    if (contains(rule.patternRange, line, column) && same(rule.patternRange, rule.pattern)) {
      return { kind: 'codeowners-rule', rule, range: rule.patternRange };
    }
    for (let i = 0; i < rule.ownerRanges.length; i++) {
      const range = rule.ownerRanges[i];
      if (contains(range, line, column) && same(range, rule.owners[i])) return { kind: 'owner', owner: rule.owners[i], range };
    }
  }
  return undefined;
}

/** What the cursor is on. `line` and `column` are 1-based (UTF-16 columns), as every core position. */
export function targetAt(analysis: Analysis, file: string, text: string, line: number, column: number): CursorTarget | undefined {
  const path = normalizePath(file);
  if (text.includes('northstar:priority')) {
    const tag = findPriorityTags(text, path).find((t) => contains(t.range, line, column));
    if (tag) return { kind: 'priority', id: tag.priority, range: tag.range };
  }
  if (analysis.model.codeowners && analysis.model.codeowners.file === path) return codeownersTarget(analysis, text, line, column);
  const role = roleOf(path);
  if (role === 'contract' || role === 'catalog' || role === 'teams' || role === 'vision' || role === 'config') {
    return yamlTarget(path, text, line, column);
  }
  const language = importLanguageOf(path);
  if (!language) return undefined;
  const found = findImportAt(text, offsetAt(text, line, column), language);
  if (!found) return undefined;
  const module = resolveImport(analysis, path, found.specifier, language);
  const own = analysis.moduleOf(path);
  if (!module || (own && own.path === module.path && own.name === module.name)) return undefined;
  return { kind: 'import', specifier: found.specifier, module, range: found.range };
}
