/**
 * Import paths in code, for the hover that says who owns the module an import points into.
 *
 * - `findImportAt` finds the import specifier under the cursor: TypeScript/JavaScript
 *   `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`;
 *   Python `import a.b` and `from a.b import c` (relative `from .x import y` too); Go
 *   `import "x"` and import blocks.
 * - `resolveImport` maps a specifier to the workspace module it points into: relative paths,
 *   npm workspace package names (and their subpaths), Python packages found under the
 *   workspace (a package folder, or a pyproject name normalised), and Go import paths under a
 *   `go.mod` module path. Anything else (`react`, `fmt`, `os.path`) resolves to nothing.
 *
 * Positions follow the core's conventions: 1-based lines and columns, end exclusive, UTF-16.
 */
import type { Analysis } from './api';
import { basename, dirname, normalizePath } from './fs';
import type { Module, SourceRange } from './model/types';
import { LineIndex } from './sources/text';
import { resolveRelative } from './sources/yaml';

export type ImportLanguage = 'ts' | 'js' | 'py' | 'go';

export interface ImportAt {
  /** The specifier as written, without quotes (`@acme/logger`, `..foo.bar`, `github.com/x/y`). */
  specifier: string;
  /** Offsets of the specifier in the text, [start, end). */
  start: number;
  end: number;
  range: SourceRange;
}

const LANGUAGE_BY_EXTENSION: Record<string, ImportLanguage> = {
  ts: 'ts', tsx: 'ts', mts: 'ts', cts: 'ts',
  js: 'js', jsx: 'js', mjs: 'js', cjs: 'js',
  py: 'py', pyi: 'py',
  go: 'go',
};

/** The import language of a file, from its extension (undefined for other files). */
export function importLanguageOf(path: string): ImportLanguage | undefined {
  const base = basename(path);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? LANGUAGE_BY_EXTENSION[base.slice(dot + 1).toLowerCase()] : undefined;
}

// ---------------------------------------------------------------------------
// Finding the specifier under the cursor

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return { start, end };
}

interface Literal {
  /** Offset of the opening quote. */
  open: number;
  /** Offset of the closing quote. */
  close: number;
  quote: string;
}

/**
 * String literals of one line, skipping what follows a line comment. `//` opens a comment in
 * TypeScript, JavaScript and Go; block comments that open and close on the line are skipped.
 */
function literalsOfLine(text: string, start: number, end: number, quotes: string): Literal[] {
  const out: Literal[] = [];
  for (let i = start; i < end; i++) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') break;
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0 || close >= end) break;
      i = close + 1;
      continue;
    }
    if (!quotes.includes(ch)) continue;
    let j = i + 1;
    while (j < end && text[j] !== ch) j += text[j] === '\\' && ch !== '`' ? 2 : 1;
    if (j >= end) break; // unterminated on this line
    out.push({ open: i, close: j, quote: ch });
    i = j;
  }
  return out;
}

function result(text: string, start: number, end: number): ImportAt {
  return { specifier: text.slice(start, end), start, end, range: new LineIndex(text).range(start, end) };
}

/** Text before a literal that makes it a module specifier (trailing whitespace allowed, across lines). */
const JS_IMPORT_CONTEXT = /(?:(?<![\w$.])(?:from|import)|(?<![\w$.])(?:require|import)\s*\(|(?<![\w$.])(?:jest|vi)\.(?:mock|requireActual|importActual)\s*\()\s*$/;

function findJsImport(text: string, offset: number): ImportAt | undefined {
  const line = lineBounds(text, offset);
  const literal = literalsOfLine(text, line.start, line.end, `'"\``).find((l) => offset >= l.open && offset <= l.close);
  if (!literal) return undefined;
  const content = text.slice(literal.open + 1, literal.close);
  if (content === '' || (literal.quote === '`' && content.includes('${'))) return undefined;
  const before = text.slice(Math.max(0, literal.open - 200), literal.open);
  if (!JS_IMPORT_CONTEXT.test(before)) return undefined;
  if (literal.quote === '`' && !/\(\s*$/.test(before)) return undefined; // only import(`x`) / require(`x`)
  return result(text, literal.open + 1, literal.close);
}

const DOTTED = /\.*[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*|\.+/y;

function findPythonImport(text: string, offset: number): ImportAt | undefined {
  const line = lineBounds(text, offset);
  const lineText = text.slice(line.start, line.end);
  const from = /^(\s*from\s+)(\.*[A-Za-z_][\w.]*|\.+)(\s+import\b)/.exec(lineText);
  if (from) {
    const start = line.start + from[1].length;
    const end = start + from[2].length;
    return offset >= start && offset < end ? result(text, start, end) : undefined;
  }
  const imp = /^(\s*import\s+)/.exec(lineText);
  if (!imp) return undefined;
  // `import a.b, c.d as e`: each dotted name, separated by commas, up to a comment or `;`.
  let i = line.start + imp[1].length;
  for (;;) {
    while (i < line.end && (text[i] === ' ' || text[i] === '\t')) i++;
    DOTTED.lastIndex = i;
    const m = DOTTED.exec(text);
    if (!m || m.index !== i || i >= line.end) return undefined;
    const start = i;
    const end = Math.min(i + m[0].length, line.end);
    if (offset >= start && offset < end) return result(text, start, end);
    i = end;
    const rest = /^\s+as\s+\w+/.exec(text.slice(i, line.end));
    if (rest) i += rest[0].length;
    while (i < line.end && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== ',') return undefined;
    i++;
  }
}

function findGoImport(text: string, offset: number): ImportAt | undefined {
  const line = lineBounds(text, offset);
  const literal = literalsOfLine(text, line.start, line.end, '"`').find((l) => offset >= l.open && offset <= l.close);
  if (!literal) return undefined;
  const content = text.slice(literal.open + 1, literal.close);
  if (content === '') return undefined;
  const prefix = text.slice(line.start, literal.open);
  const rest = text.slice(literal.close + 1, line.end);
  if (!/^\s*(?:\)\s*)?(?:\/\/.*|\/\*.*)?$/.test(rest)) return undefined;
  if (/^\s*import\s+(?:[\w.]+\s+)?$/.test(prefix) || /^\s*import\s*\(\s*(?:[\w.]+\s+)?$/.test(prefix)) {
    return result(text, literal.open + 1, literal.close);
  }
  if (!/^\s*(?:[\w.]+\s+)?$/.test(prefix)) return undefined;
  // Inside an `import ( … )` block: the last `import (` before this line, with no `)` since.
  const head = text.slice(0, line.start);
  // Line by line (`m`), blank space before `import` within the line: `\s*` there would run
  // across lines, and then every blank line would rescan all those after it.
  const opener = /^[^\S\n\r\u2028\u2029]*import\s*\(/gm;
  let last = -1;
  for (let m = opener.exec(head); m; m = opener.exec(head)) last = m.index + m[0].length;
  if (last < 0) return undefined;
  const between = head.slice(last).replace(/"(?:[^"\\\n]|\\.)*"|`[^`]*`|\/\/[^\n]*/g, '');
  if (between.includes(')')) return undefined;
  return result(text, literal.open + 1, literal.close);
}

/** The import specifier at `offset` (0-based, UTF-16) of `text`, if the cursor is on one. */
export function findImportAt(text: string, offset: number, language: ImportLanguage): ImportAt | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  switch (language) {
    case 'ts':
    case 'js':
      return findJsImport(text, offset);
    case 'py':
      return findPythonImport(text, offset);
    case 'go':
      return findGoImport(text, offset);
  }
}

// ---------------------------------------------------------------------------
// Resolving a specifier to a module

/** Does the module declare itself through a manifest of this kind? */
function hasManifest(module: Module, names: readonly string[]): boolean {
  return module.files.some((f) => names.includes(basename(f)));
}

/** PEP 503 normalisation turned into an import name: `Fraud-Scoring` → `fraud_scoring`. */
function pythonImportName(projectName: string): string {
  return projectName.toLowerCase().replace(/[-_.]+/g, '_');
}

/** Folders that hold a package's sources without being part of its import name. */
const PYTHON_SOURCE_ROOTS = new Set(['src', 'lib', 'python']);
const PYTHON_NOT_PACKAGES = new Set(['tests', 'test', 'testing', 'docs', 'examples', 'scripts', 'benchmarks']);
const PYTHON_NOT_MODULES = new Set(['__init__', '__main__', 'setup', 'conftest', 'noxfile', 'manage']);

interface ResolverIndex {
  npm: Map<string, Module>;
  go: { path: string; module: Module }[];
  /** Top-level Python package (or single-file module) name → where it is (several modules may have one). */
  python: Map<string, string[]>;
  /** Folders that hold Python files, for dotted paths from the workspace root. */
  pythonFolders: Set<string>;
}

function addPython(index: ResolverIndex, name: string, location: string): void {
  const list = index.python.get(name);
  if (!list) index.python.set(name, [location]);
  else if (!list.includes(location)) list.push(location);
}

const indexes = new WeakMap<Analysis, ResolverIndex>();

function indexOf(analysis: Analysis): ResolverIndex {
  const cached = indexes.get(analysis);
  if (cached) return cached;
  const index: ResolverIndex = { npm: new Map(), go: [], python: new Map(), pythonFolders: new Set() };
  for (const m of analysis.model.modules) {
    if (!m.packageName) continue;
    if (hasManifest(m, ['package.json']) && !index.npm.has(m.packageName)) index.npm.set(m.packageName, m);
    if (hasManifest(m, ['go.mod'])) index.go.push({ path: m.packageName, module: m });
  }
  // Longest module path first: nested Go modules win over the one that contains them.
  index.go.sort((a, b) => b.path.length - a.path.length);

  for (const file of analysis.files ?? []) {
    if (!file.endsWith('.py') && !file.endsWith('.pyi')) continue;
    for (let f = dirname(file); f !== '' && !index.pythonFolders.has(f); f = dirname(f)) index.pythonFolders.add(f);
    const owner = analysis.moduleOf(file);
    const base = owner ? owner.path : '';
    const parts = (base === '' ? file : file.slice(base.length + 1)).split('/');
    const roots: string[] = [];
    while (parts.length > 1 && PYTHON_SOURCE_ROOTS.has(parts[0])) roots.push(parts.shift()!);
    const top = parts.length > 1 ? parts[0] : parts[0].replace(/\.pyi?$/, '');
    if (!/^[A-Za-z_]\w*$/.test(top) || PYTHON_NOT_PACKAGES.has(top) || PYTHON_NOT_MODULES.has(top)) continue;
    addPython(index, top, [base, ...roots, top].filter((p) => p !== '').join('/'));
  }
  for (const m of analysis.model.modules) {
    if (!m.packageName || !hasManifest(m, ['pyproject.toml', 'setup.py', 'setup.cfg'])) continue;
    addPython(index, pythonImportName(m.packageName), m.path);
  }
  indexes.set(analysis, index);
  return index;
}

function resolveJs(analysis: Analysis, fromFile: string, specifier: string): Module | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    const target = resolveRelative(dirname(fromFile), specifier);
    return target === null ? undefined : analysis.moduleOf(target);
  }
  if (specifier.startsWith('/') || specifier.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  const module = indexOf(analysis).npm.get(packageName);
  if (!module) return undefined;
  const subpath = parts.slice(specifier.startsWith('@') ? 2 : 1).join('/');
  if (subpath === '') return module;
  // `@acme/ui/button` may live in a nested package of its own.
  return analysis.moduleOf(module.path === '' ? subpath : `${module.path}/${subpath}`) ?? module;
}

function resolvePython(analysis: Analysis, from: string, specifier: string): Module | undefined {
  const dots = /^\.*/.exec(specifier)![0].length;
  const rest = specifier.slice(dots);
  const names = rest === '' ? [] : rest.split('.');
  if (dots > 0) {
    let folder = dirname(from);
    for (let i = 1; i < dots; i++) {
      if (folder === '') return undefined;
      folder = dirname(folder);
    }
    const target = [folder, ...names].filter((p) => p !== '').join('/');
    return analysis.moduleOf(target);
  }
  if (names.length === 0) return undefined;
  const index = indexOf(analysis);
  const candidates = index.python.get(names[0]);
  if (candidates) {
    // As on sys.path, the importing module's own package comes first.
    const own = analysis.moduleOf(from);
    const top = candidates.find((c) => own !== undefined && analysis.moduleOf(c) === own) ?? candidates[0];
    return analysis.moduleOf([top, ...names.slice(1)].join('/'));
  }
  // A dotted path from the workspace root (`services.fraud.api`), when such a folder holds Python.
  const asPath = names.join('/');
  if (index.pythonFolders.has(asPath) || (names.length > 1 && index.pythonFolders.has(names.slice(0, -1).join('/')))) {
    return analysis.moduleOf(asPath);
  }
  return undefined;
}

function resolveGo(analysis: Analysis, fromFile: string, specifier: string): Module | undefined {
  if (specifier.startsWith('./') || specifier.startsWith('../')) {
    const target = resolveRelative(dirname(fromFile), specifier);
    return target === null ? undefined : analysis.moduleOf(target);
  }
  for (const { path, module } of indexOf(analysis).go) {
    if (specifier === path) return module;
    if (specifier.startsWith(path + '/')) {
      const sub = specifier.slice(path.length + 1);
      return analysis.moduleOf(module.path === '' ? sub : `${module.path}/${sub}`) ?? module;
    }
  }
  return undefined;
}

/**
 * The workspace module an import points into, or undefined for a third-party or standard
 * library import (or one that cannot be resolved). `fromFile` is root-relative.
 */
export function resolveImport(analysis: Analysis, fromFile: string, specifier: string, language: ImportLanguage): Module | undefined {
  const spec = specifier.trim();
  if (spec === '') return undefined;
  const from = normalizePath(fromFile);
  switch (language) {
    case 'ts':
    case 'js':
      return resolveJs(analysis, from, spec);
    case 'py':
      return resolvePython(analysis, from, spec);
    case 'go':
      return resolveGo(analysis, from, spec);
  }
}
