/**
 * Package manifests (DESIGN.md 2): the package name, the declared dependencies (for
 * observability evidence, import resolution and edges between modules, each entry with its kind:
 * runtime, dev, peer or optional, its section and where it is written) and whether the manifest only declares a
 * workspace (npm/yarn `workspaces`, a Maven parent with `<modules>`, a Cargo `[workspace]`
 * without `[package]`, `go.work`, a uv workspace root without `[project]`), which is not a
 * module.
 *
 * A manifest that cannot be read still yields a declaration (name null, no dependencies)
 * plus a `workspace/skipped` problem: the folder is still a module.
 *
 * Note for the analysis: pnpm declares workspaces in `pnpm-workspace.yaml`, not in
 * `package.json`; see `WORKSPACE_MARKER_FILES`.
 */
import { parse as parseToml } from 'smol-toml';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ManifestDecl, ManifestDependency, ParseProblem, ParseResult } from './types';
import { baseName, folderOf, LineIndex } from './text';
import { skipSpaces } from '../regex';
import { readComposer } from './manifest/php';
import { readPubspec } from './manifest/dart';
import { readMixExs } from './manifest/elixir';
import { normalizePythonName, readPipfile, readRequirements, readSetupCfg, readSetupPy, requirementName } from './manifest/python';
import { readGemfile, readGemspec } from './manifest/ruby';
import { readPackageSwift } from './manifest/swift';

export { normalizePythonName } from './manifest/python';

export const MANIFEST_FILE_NAMES: readonly string[] = [
  'package.json',
  'go.mod',
  'go.work',
  'Cargo.toml',
  'pyproject.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  // Read only to know whether the folder's build is a multi-project root (never a module itself).
  'settings.gradle',
  'settings.gradle.kts',
  'setup.py',
  'setup.cfg',
  'Pipfile',
  'Gemfile',
  'composer.json',
  'Package.swift',
  'pubspec.yaml',
  'mix.exs',
];

/** `requirements.txt`, `requirements-dev.txt`, `requirements.latest.txt`: pip requirement files. */
function isRequirementsFile(name: string): boolean {
  return name.startsWith('requirements') && name.endsWith('.txt');
}

/** Files that, beside a manifest in the same folder, make it a workspace root only. */
export const WORKSPACE_MARKER_FILES: readonly string[] = ['pnpm-workspace.yaml'];

/** Larger manifests are not read (characters). */
export const MAX_MANIFEST_LENGTH = 5 * 1024 * 1024;

const MANIFEST_NAMES: ReadonlySet<string> = new Set(MANIFEST_FILE_NAMES);

export function isManifestFile(name: string): boolean {
  return (
    MANIFEST_NAMES.has(name) ||
    (name.endsWith('.csproj') && name.length > '.csproj'.length) ||
    (name.endsWith('.gemspec') && name.length > '.gemspec'.length) ||
    isRequirementsFile(name)
  );
}

type Kind = ManifestDecl['kind'];
type DependencyKind = ManifestDependency['kind'];

export class ManifestBuilder {
  readonly lines: LineIndex;
  readonly problems: ParseProblem[] = [];
  name: string | null = null;
  /** The package's one-line description, when the manifest gives one. */
  description: string | null = null;
  nameRange: [number, number] | null = null;
  workspaceOnly = false;
  notAPackage = false;
  backstageRole: string | null = null;
  privatePackage = false;
  includesProjects = false;
  dependencyList = false;
  bom = false;
  testProject = false;
  readonly projectReferences: string[] = [];
  readonly dependencies = new Set<string>();
  readonly entries: ManifestDependency[] = [];

  constructor(
    readonly text: string,
    readonly file: string,
    readonly kind: Kind,
  ) {
    this.lines = new LineIndex(text);
  }

  /** Report what could not be read, at an offset, or a line (and column), else line 1. */
  skip(why: string, at: { offset?: number; line?: number; column?: number } = {}): void {
    let location = this.lines.lineLocation(this.file, at.line ?? 1);
    if (at.offset !== undefined) {
      location = this.lines.location(this.file, at.offset, Math.min(this.text.length, at.offset + 1));
    } else if (at.line !== undefined && at.column !== undefined && at.column >= 1) {
      location = { ...location, column: at.column, endColumn: at.column + 1 };
    }
    this.problems.push({ ruleId: 'workspace/skipped', message: `${this.file} was not fully read: ${why}`, location });
  }

  /**
   * A dependency entry: its kind, the section that lists it (default: the manifest's main one) and
   * the offsets of the name in the text, when known.
   */
  add(name: unknown, kind: DependencyKind = 'runtime', scope: string = defaultScope(this.kind), at: readonly [number, number] | null = null): void {
    if (typeof name !== 'string' || name.trim() === '') return;
    const trimmed = name.trim();
    this.dependencies.add(trimmed);
    const location = at ? this.lines.location(this.file, at[0], at[1]) : null;
    this.entries.push({ name: trimmed, kind, scope, location });
  }

  result(): ParseResult<ManifestDecl> {
    const location = this.nameRange
      ? this.lines.location(this.file, this.nameRange[0], this.nameRange[1])
      : this.lines.lineLocation(this.file, 1);
    return {
      value: {
        file: this.file,
        folder: folderOf(this.file),
        kind: this.kind,
        name: this.name,
        workspaceOnly: this.workspaceOnly,
        dependencies: [...this.dependencies].sort(),
        dependencyEntries: this.entries,
        location,
        ...(this.notAPackage && { notAPackage: true }),
        ...(this.backstageRole !== null && { backstageRole: this.backstageRole }),
        ...(this.privatePackage && { privatePackage: true }),
        ...(this.includesProjects && { includesProjects: true }),
        ...(this.dependencyList && { dependencyList: true }),
        ...(this.description !== null && { description: this.description }),
        ...(this.bom && { bom: true }),
        ...(this.testProject && { testProject: true }),
        ...(this.projectReferences.length > 0 && { projectReferences: [...this.projectReferences].sort() }),
      },
      problems: this.problems,
    };
  }
}

/** A manifest's `description`: one line of text, else null (a contract's description is one sentence). */
function descriptionOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const line = value.trim().split('\n')[0].trim();
  return line === '' ? null : line.slice(0, 300);
}

/** The section a manifest lists its runtime dependencies in, named as its users do. */
function defaultScope(kind: Kind): string {
  switch (kind) {
    case 'go':
      return 'require';
    case 'gradle':
      return 'implementation';
    case 'dotnet':
      return 'PackageReference';
    default:
      return 'dependencies';
  }
}

/** Offsets of `needle` in `text` at or after `from`, or null. */
function findText(text: string, needle: string, from = 0): [number, number] | null {
  const at = needle === '' ? -1 : text.indexOf(needle, from);
  return at < 0 ? null : [at, at + needle.length];
}

/**
 * Where each one-line quoted string (`"…"` or `'…'`) of a text first starts (its content), by one
 * scan: the entries of a long manifest are then located without searching it once per entry.
 */
export function quotedStrings(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  while (i < text.length) {
    const quote = text[i];
    if (quote !== '"' && quote !== "'") {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && text[end] !== quote && text[end] !== '\n') end++;
    if (text[end] !== quote) {
      i = end;
      continue;
    }
    const value = text.slice(i + 1, end);
    if (!out.has(value)) out.set(value, i + 1);
    i = end + 1;
  }
  return out;
}

/** Offsets of a value written in quotes (inside them), from `quotedStrings`, or null. */
function quotedText(strings: ReadonlyMap<string, number>, value: string): [number, number] | null {
  const at = strings.get(value);
  return at === undefined ? null : [at, at + value.length];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

// ---------------------------------------------------------------------------
// package.json

/** Offsets of the string value of a top-level key of a JSON object, found by a small scanner. */
function topLevelStringValue(text: string, key: string): [number, number] | null {
  let depth = 0;
  let i = 0;
  const readString = (start: number): number => {
    let j = start + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = readString(i);
      if (depth === 1) {
        let k = end;
        while (k < text.length && /\s/.test(text[k])) k++;
        if (text[k] === ':' && JSON.parse(text.slice(i, end)) === key) {
          k++;
          while (k < text.length && /\s/.test(text[k])) k++;
          if (text[k] === '"') return [k + 1, readString(k) - 1];
          return null;
        }
      }
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') depth--;
    i++;
  }
  return null;
}

const NPM_SCOPES: readonly (readonly [string, DependencyKind])[] = [
  ['dependencies', 'runtime'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
  ['optionalDependencies', 'optional'],
];

/**
 * Offsets of the keys of the objects that are values of top-level keys `scopes`
 * (`{"devDependencies": {"a": "1"}}` → devDependencies → a → offsets of `a`), by the same kind of
 * scan as `topLevelStringValue`. Only called on text that parsed as JSON.
 */
export function jsonScopeKeyRanges(text: string, scopes: readonly string[]): Map<string, Map<string, [number, number]>> {
  const out = new Map<string, Map<string, [number, number]>>();
  // For each open container, the top-level key whose value it is (null below the top level).
  const stack: (string | null)[] = [];
  let topKey: string | null = null;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      end++;
      let k = end;
      while (k < text.length && /\s/.test(text[k])) k++;
      if (text[k] === ':') {
        const key = JSON.parse(text.slice(i, end)) as string;
        const parent = stack.length === 2 ? stack[1] : null;
        if (parent !== null && scopes.includes(parent)) {
          let keys = out.get(parent);
          if (!keys) out.set(parent, (keys = new Map()));
          keys.set(key, [i + 1, end - 1]);
        }
        topKey = stack.length === 1 ? key : null;
        i = k + 1;
        continue;
      }
      i = end;
      continue;
    }
    if (ch === '{' || ch === '[') {
      stack.push(topKey);
      topKey = null;
    } else if (ch === '}' || ch === ']') stack.pop();
    i++;
  }
  return out;
}

/** The manifest's JSON object, or null (reported) when it is not valid JSON or not an object. */
function readJsonObject(b: ManifestBuilder): Record<string, unknown> | null {
  let data: unknown;
  try {
    data = JSON.parse(b.text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    b.skip(`it is not valid JSON (${message.split('\n')[0]})`, position ? { offset: Number(position[1]) } : {});
    return null;
  }
  if (!isRecord(data)) {
    b.skip('it is not a JSON object');
    return null;
  }
  return data;
}

function readPackageJson(b: ManifestBuilder): void {
  const data = readJsonObject(b);
  if (!data) return;
  b.description = descriptionOf(data.description);
  if (typeof data.name === 'string' && data.name.trim() !== '') {
    b.name = data.name.trim();
    try {
      b.nameRange = topLevelStringValue(b.text, 'name');
    } catch {
      b.nameRange = null;
    }
  }
  const scopes = NPM_SCOPES.map(([scope]) => scope);
  let ranges = new Map<string, Map<string, [number, number]>>();
  try {
    ranges = jsonScopeKeyRanges(b.text, scopes);
  } catch {
    // Positions are a nicety: the entries are still read.
  }
  for (const [scope, kind] of NPM_SCOPES) {
    const deps = data[scope];
    if (isRecord(deps)) for (const name of Object.keys(deps)) b.add(name, kind, scope, ranges.get(scope)?.get(name) ?? null);
  }
  const workspaces = data.workspaces;
  b.workspaceOnly = Array.isArray(workspaces) || (isRecord(workspaces) && Array.isArray(workspaces.packages));
  // A marker such as `{"type":"module"}` or a subpath-export stub names no package and declares no
  // dependency. A package.json that has those keys with values of the wrong type is a broken
  // package (its problems are reported), not a marker.
  const declares = (key: string) => Object.prototype.hasOwnProperty.call(data, key);
  b.notAPackage = !declares('name') && !scopes.some(declares) && !b.workspaceOnly;
  if (isRecord(data.backstage) && typeof data.backstage.role === 'string') b.backstageRole = data.backstage.role;
  if (data.private === true) b.privatePackage = true;
}

// ---------------------------------------------------------------------------
// go.mod / go.work

function readGoMod(b: ManifestBuilder): void {
  let inRequire = false;
  let offset = 0;
  for (const rawLine of b.text.split('\n')) {
    const lineStart = offset;
    offset += rawLine.length + 1;
    // Up to a `//` comment (found by indexOf: a regex for it moved quadratically over `////…`).
    const comment = rawLine.indexOf('//');
    let line = comment >= 0 ? rawLine.slice(0, comment) : rawLine;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    if (inRequire) {
      if (/^\s*\)/.test(line)) inRequire = false;
      else {
        const dep = /^\s*("[^"]+"|\S+)\s+\S+/.exec(line);
        if (dep) b.add(dep[1].replace(/"/g, ''), 'runtime', 'require', goNameRange(line, lineStart, dep[1]));
      }
      continue;
    }
    const module = /^(\s*module\s+)("[^"]+"|\S+)/.exec(line);
    if (module) {
      const written = module[2];
      const quoted = written.startsWith('"');
      b.name = quoted ? written.slice(1, -1) : written;
      const start = lineStart + module[1].length + (quoted ? 1 : 0);
      b.nameRange = [start, start + b.name.length];
      continue;
    }
    if (/^\s*require\s*\(\s*$/.test(line)) {
      inRequire = true;
      continue;
    }
    const single = /^\s*require\s+("[^"]+"|\S+)\s+\S+/.exec(line);
    if (single) b.add(single[1].replace(/"/g, ''), 'runtime', 'require', goNameRange(line, lineStart, single[1], line.indexOf('require') + 7));
  }
}

/** Offsets of a module path written in a go.mod line (inside its quotes, if quoted). */
function goNameRange(line: string, lineStart: number, written: string, from = 0): [number, number] | null {
  const at = line.indexOf(written, from);
  if (at < 0) return null;
  const quoted = written.startsWith('"') ? 1 : 0;
  return [lineStart + at + quoted, lineStart + at + written.length - quoted];
}

// ---------------------------------------------------------------------------
// TOML: Cargo.toml, pyproject.toml

function readToml(b: ManifestBuilder): Record<string, unknown> | null {
  try {
    return parseToml(b.text) as Record<string, unknown>;
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    const first = (e.message ?? String(error)).split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    b.skip(`it is not valid TOML (${first})`, { line: e.line, column: e.column });
    return null;
  }
}

/**
 * The table a TOML header line names (`[ tool . poetry ]  # x` → `tool.poetry`), or null when
 * the line is not a table header (array-of-tables headers `[[…]]` included). A scan, not a
 * regex: the regex it replaces backtracked cubically on `[` followed by thousands of spaces.
 */
export function tomlHeader(line: string): string | null {
  const t = line.trim();
  if (!t.startsWith('[') || t.startsWith('[[')) return null;
  const close = t.indexOf(']');
  if (close < 0) return null;
  const rest = t.slice(close + 1).trimStart();
  if (rest !== '' && !rest.startsWith('#')) return null;
  const inside = t.slice(1, close);
  if (inside.trim() === '') return null;
  return inside
    .split('.')
    .map((part) => part.trim())
    .join('.')
    .replace(/["']/g, '');
}

/**
 * The quoted value of `key = "…"` (or `'…'`) at the start of a line: offsets of the value in the
 * line, or null. The value stops at the first quote of either kind, which must close it.
 */
export function tomlKeyValue(line: string, key: string): [number, number] | null {
  let i = skipSpaces(line, 0);
  if (!line.startsWith(key, i)) return null;
  i = skipSpaces(line, i + key.length);
  if (line[i] !== '=') return null;
  i = skipSpaces(line, i + 1);
  const quote = line[i];
  if (quote !== '"' && quote !== "'") return null;
  let end = i + 1;
  while (end < line.length && line[end] !== '"' && line[end] !== "'") end++;
  if (line[end] !== quote) return null;
  return [i + 1, end];
}

/**
 * The lines of a TOML text with where each starts and the table it is in (`header` set on a
 * table header line, which opens `table`): the one line scan the position finders share.
 */
function* tomlLines(text: string): Generator<{ line: string; lineStart: number; table: string; header: string | null }> {
  let table = '';
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    offset += line.length + 1;
    const header = tomlHeader(line);
    if (header !== null) table = header;
    yield { line, lineStart, table, header };
  }
}

/** Offsets of the string value of `key = "…"` in TOML table `[table]`, by a line scan. */
function tomlStringValue(text: string, table: string, key: string): [number, number] | null {
  for (const { line, lineStart, table: current, header } of tomlLines(text)) {
    if (header !== null || current !== table) continue;
    const value = tomlKeyValue(line, key);
    if (value) return [lineStart + value[0], lineStart + value[1]];
  }
  return null;
}

function readCargo(b: ManifestBuilder): void {
  const data = readToml(b);
  if (!data) return;
  const pkg = data.package;
  if (isRecord(pkg)) b.description = descriptionOf(pkg.description);
  if (isRecord(pkg) && typeof pkg.name === 'string') {
    b.name = pkg.name;
    b.nameRange = tomlStringValue(b.text, 'package', 'name');
  }
  b.workspaceOnly = isRecord(data.workspace) && !isRecord(pkg);
  const keys = tomlKeyOffsets(b.text);
  const readTables = (owner: Record<string, unknown>, prefix: string) => {
    for (const [scope, kind] of CARGO_TABLES) {
      const table = owner[scope];
      if (!isRecord(table)) continue;
      for (const [key, spec] of Object.entries(table)) {
        // `alias = { package = "real-name" }` depends on real-name; `optional = true` is a feature's.
        const name = isRecord(spec) && typeof spec.package === 'string' ? spec.package : key;
        const at = keys.get(`${prefix}${scope}\u0000${key}`);
        b.add(name, isRecord(spec) && spec.optional === true && kind === 'runtime' ? 'optional' : kind, scope, at ? [at, at + key.length] : null);
      }
    }
  };
  readTables(data, '');
  if (isRecord(data.target)) {
    for (const [name, target] of Object.entries(data.target)) if (isRecord(target)) readTables(target, `target.${name.replace(/["']/g, '')}.`);
  }
}

/** Build scripts and tests are not linked into the crate: both are dev edges. */
const CARGO_TABLES: readonly (readonly [string, DependencyKind])[] = [
  ['dependencies', 'runtime'],
  ['dev-dependencies', 'dev'],
  ['build-dependencies', 'dev'],
];

/**
 * Where each key of each TOML table is written, by a line scan: `table\u0000key` → offset of the
 * key (a bare or quoted key starting a line in `[table]`, or the last part of a header
 * `[table.key]`). Approximate (no multi-line values), for locations only.
 */
export function tomlKeyOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const { line, lineStart, table: current, header } of tomlLines(text)) {
    if (header !== null) {
      const dot = header.lastIndexOf('.');
      if (dot > 0) {
        const key = header.slice(dot + 1);
        const at = line.lastIndexOf(key, line.indexOf(']'));
        const entry = `${header.slice(0, dot)}\u0000${key}`;
        if (at >= 0 && !out.has(entry)) out.set(entry, lineStart + at);
      }
      continue;
    }
    const start = skipSpaces(line, 0);
    const quote = line[start] === '"' || line[start] === "'" ? line[start] : '';
    let end = start + quote.length;
    if (quote) while (end < line.length && line[end] !== quote) end++;
    else while (end < line.length && /[A-Za-z0-9_-]/.test(line[end])) end++;
    if (end === start + quote.length) continue;
    const key = line.slice(start + quote.length, end);
    const after = skipSpaces(line, end + quote.length);
    if (line[after] !== '=' && line[after] !== '.') continue;
    const entry = `${current}\u0000${key}`;
    if (!out.has(entry)) out.set(entry, lineStart + start + quote.length);
  }
  return out;
}

function readPyproject(b: ManifestBuilder): void {
  const data = readToml(b);
  if (!data) return;
  const project = data.project;
  const tool = isRecord(data.tool) ? data.tool : {};
  const poetry = isRecord(tool.poetry) ? tool.poetry : null;
  b.description = descriptionOf(isRecord(project) ? project.description : poetry?.description);
  if (isRecord(project) && typeof project.name === 'string') {
    b.name = project.name;
    b.nameRange = tomlStringValue(b.text, 'project', 'name');
  } else if (poetry && typeof poetry.name === 'string') {
    b.name = poetry.name;
    b.nameRange = tomlStringValue(b.text, 'tool.poetry', 'name');
  }
  const uv = isRecord(tool.uv) ? tool.uv : {};
  b.workspaceOnly = isRecord(uv.workspace) && b.name === null;

  const strings = quotedStrings(b.text);
  const addRequirements = (list: unknown, kind: DependencyKind, scope: string) => {
    for (const requirement of asArray(list)) {
      const name = requirementName(requirement);
      if (name) b.add(name, kind, scope, quotedText(strings, String(requirement)));
    }
  };
  if (isRecord(project)) {
    addRequirements(project.dependencies, 'runtime', 'dependencies');
    // Extras are installed on request (and mostly hold test and docs tooling).
    const extras = project['optional-dependencies'];
    if (isRecord(extras)) for (const [extra, list] of Object.entries(extras)) addRequirements(list, 'optional', `optional-dependencies.${extra}`);
  }
  // PEP 735 dependency groups are for development (test, lint, docs); they are never published.
  const groups = data['dependency-groups'];
  if (isRecord(groups)) for (const [group, list] of Object.entries(groups)) addRequirements(list, 'dev', `dependency-groups.${group}`);
  if (poetry) {
    const keys = tomlKeyOffsets(b.text);
    const tables: [unknown, DependencyKind, string][] = [
      [poetry.dependencies, 'runtime', 'tool.poetry.dependencies'],
      [poetry['dev-dependencies'], 'dev', 'tool.poetry.dev-dependencies'],
    ];
    if (isRecord(poetry.group)) {
      for (const [name, group] of Object.entries(poetry.group)) {
        if (isRecord(group)) tables.push([group.dependencies, name === 'main' ? 'runtime' : 'dev', `tool.poetry.group.${name}.dependencies`]);
      }
    }
    for (const [table, kind, scope] of tables) {
      if (!isRecord(table)) continue;
      for (const [key, spec] of Object.entries(table)) {
        if (key.toLowerCase() === 'python') continue;
        const at = keys.get(`${scope}\u0000${key}`);
        const optional = kind === 'runtime' && isRecord(spec) && spec.optional === true;
        b.add(normalizePythonName(key), optional ? 'optional' : kind, scope, at === undefined ? null : [at, at + key.length]);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// XML: pom.xml, *.csproj

function readXml(b: ManifestBuilder, keepAttributes: boolean): Record<string, unknown> | null {
  const valid = XMLValidator.validate(b.text);
  if (valid !== true) {
    b.skip(`it is not well-formed XML (${valid.err.msg})`, { line: valid.err.line, column: valid.err.col });
    return null;
  }
  const parser = new XMLParser({
    ignoreAttributes: !keepAttributes,
    attributeNamePrefix: '@_',
    processEntities: false,
    parseTagValue: false,
    trimValues: true,
    removeNSPrefix: true,
  });
  const data: unknown = parser.parse(b.text);
  return isRecord(data) ? data : null;
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (isRecord(value) && typeof value['#text'] === 'string') return value['#text'].trim() || null;
  return null;
}

const XML_NAME_START = /[A-Za-z_]/;
const XML_NAME_CHAR = /[\w.:-]/;

/**
 * Offsets of the text of `<project><artifactId>` (not the parent's), by a tag-depth scan that
 * skips comments, CDATA, processing instructions and the doctype. Hand-written: the regex it
 * replaces could trade characters between a tag's name and its attributes.
 */
export function pomArtifactIdRange(source: string): [number, number] | null {
  const stack: string[] = [];
  // Where each closing marker was last found: searching again from an earlier offset finds
  // the same one, and a marker once missing is missing for every later offset too.
  const found = new Map<string, number>();
  /** The offset after `end` at or after `from`, or -1 (the construct is unclosed: not one). */
  const after = (from: number, end: string): number => {
    let at = found.get(end);
    if (at === undefined || (at >= 0 && at < from)) {
      at = source.indexOf(end, from);
      found.set(end, at);
    }
    return at < 0 ? -1 : at + end.length;
  };
  const skipped = (i: number): number => {
    if (source.startsWith('<!--', i)) return after(i + 4, '-->');
    if (source.startsWith('<![CDATA[', i)) return after(i + 9, ']]>');
    if (source.startsWith('<?', i)) return after(i + 2, '?>');
    if (source.startsWith('<!DOCTYPE', i)) return after(i + 9, '>');
    return -1;
  };
  let i = source.indexOf('<');
  while (i >= 0 && i < source.length) {
    const next = skipped(i);
    if (next >= 0) i = next;
    else {
      const closing = source[i + 1] === '/';
      let j = i + (closing ? 2 : 1);
      if (!XML_NAME_START.test(source[j] ?? '')) {
        i = source.indexOf('<', i + 1);
        continue;
      }
      const nameStart = j;
      while (j < source.length && XML_NAME_CHAR.test(source[j])) j++;
      const qualified = source.slice(nameStart, j);
      const gt = source.indexOf('>', j);
      if (gt < 0) return null;
      const name = qualified.slice(qualified.lastIndexOf(':') + 1);
      if (closing) stack.pop();
      else if (source[gt - 1] !== '/') {
        if (name === 'artifactId' && stack.length === 1 && stack[0] === 'project') {
          const start = gt + 1;
          const end = source.indexOf('<', start);
          if (end < 0) return null;
          const raw = source.slice(start, end);
          const lead = raw.length - raw.trimStart().length;
          return [start + lead, start + raw.trimEnd().length];
        }
        stack.push(name);
      }
      i = gt + 1;
    }
    i = source.indexOf('<', i);
  }
  return null;
}

function readPom(b: ManifestBuilder): void {
  const data = readXml(b, false);
  if (!data) return;
  const project = data.project;
  if (!isRecord(project)) {
    b.skip('it has no <project> element');
    return;
  }
  b.name = text(project.artifactId);
  if (b.name) b.nameRange = pomArtifactIdRange(b.text);
  const dependencies = isRecord(project.dependencies) ? project.dependencies : {};
  // Entries are found in order from the project's own `<dependencies>` on, outside the blocks
  // that hold other artifact ids or dependency lists.
  const blocks: [number, number][] = [];
  for (const tag of ['parent', 'dependencyManagement', 'build', 'profiles', 'reporting']) {
    const start = b.text.indexOf(`<${tag}>`);
    const end = start < 0 ? -1 : b.text.indexOf(`</${tag}>`, start);
    if (end >= 0) blocks.push([start, end]);
  }
  /** The first `needle` at or after `from` outside those blocks. */
  const findOutside = (needle: string, from: number): [number, number] | null => {
    for (let at = from; ; ) {
      const found = findText(b.text, needle, at);
      if (!found) return null;
      const block = blocks.find(([start, end]) => found[0] >= start && found[0] < end);
      if (!block) return found;
      at = block[1]; // past the found text, which starts inside the block
    }
  };
  let cursor = findOutside('<dependencies>', 0)?.[1] ?? 0;
  // Each miss searches the rest of the file: after a few, the rest are left unlocated.
  let misses = 0;
  for (const dep of asArray(dependencies.dependency)) {
    if (!isRecord(dep)) continue;
    const artifact = text(dep.artifactId);
    const group = text(dep.groupId);
    if (!artifact) continue;
    const [kind, scope] = mavenKind(text(dep.scope), text(dep.optional) === 'true');
    const found = misses < 16 ? findOutside(`>${artifact}<`, cursor) : null;
    if (found) cursor = found[1];
    else misses++;
    b.add(group ? `${group}:${artifact}` : artifact, kind, scope, found ? [found[0] + 1, found[1] - 1] : null);
  }
  const modules = isRecord(project.modules) ? asArray(project.modules.module).filter((m) => text(m) !== null) : [];
  b.workspaceOnly = text(project.packaging) === 'pom' && modules.length > 0;
}

/** Maven scopes: `test` is dev; `provided` and `system` come from the container (peer); `<optional>` is optional. */
function mavenKind(scope: string | null, optional: boolean): [DependencyKind, string] {
  const section = scope === null ? 'dependencies' : `dependencies (scope ${scope})`;
  if (scope === 'test') return ['dev', section];
  if (scope === 'provided' || scope === 'system') return ['peer', section];
  if (optional) return ['optional', `${section} (optional)`];
  return ['runtime', section];
}

function readCsproj(b: ManifestBuilder): void {
  b.name = baseName(b.file).replace(/\.csproj$/, '');
  const data = readXml(b, true);
  if (!data) return;
  const project = data.Project;
  if (!isRecord(project)) return;
  const strings = quotedStrings(b.text);
  for (const group of asArray(project.ItemGroup)) {
    if (!isRecord(group)) continue;
    for (const reference of asArray(group.PackageReference)) {
      if (!isRecord(reference)) continue;
      const include = reference['@_Include'];
      // `PrivateAssets="all"`: analyzers and build tools, not passed on to the project's users.
      const privateAssets = text(reference['@_PrivateAssets']) ?? text(reference.PrivateAssets);
      const dev = privateAssets !== null && privateAssets.toLowerCase() === 'all';
      const at = typeof include === 'string' ? quotedText(strings, include) : null;
      b.add(include, dev ? 'dev' : 'runtime', dev ? 'PackageReference (PrivateAssets all)' : 'PackageReference', at);
      if (typeof include === 'string' && isTestPackage(include)) b.testProject = true;
    }
    for (const reference of asArray(group.ProjectReference)) {
      const target = isRecord(reference) && typeof reference['@_Include'] === 'string' ? resolveRelative(folderOf(b.file), reference['@_Include']) : null;
      if (target) b.projectReferences.push(target);
    }
  }
  const properties = asArray(project.PropertyGroup).filter(isRecord);
  if (properties.some((group) => text(group.IsTestProject)?.toLowerCase() === 'true')) b.testProject = true;
}

/** Packages only a .NET test project references: the test SDK and the test frameworks. */
const DOTNET_TEST_PACKAGES: readonly string[] = ['microsoft.net.test.sdk', 'xunit', 'nunit', 'mstest.testframework', 'mstest', 'mstest.sdk'];

function isTestPackage(name: string): boolean {
  const lower = name.toLowerCase();
  return DOTNET_TEST_PACKAGES.some((p) => lower === p || lower.startsWith(`${p}.`)) && !lower.endsWith('.analyzers');
}

/**
 * A path written relative to `folder` (`..\\..\\Emby.Naming\\Emby.Naming.csproj`, backslashes as MSBuild
 * writes them) as a root-relative path, or null when it climbs out of the root or uses a property
 * (`$(SolutionDir)`).
 */
export function resolveRelative(folder: string, written: string): string | null {
  if (written.includes('$(')) return null;
  const parts = folder === '' ? [] : folder.split('/');
  for (const part of written.trim().split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.length === 0 ? null : parts.join('/');
}

// ---------------------------------------------------------------------------
// Gradle

const GRADLE_CONFIGURATIONS = [
  'implementation',
  'api',
  'compileOnly',
  'runtimeOnly',
  'compileOnlyApi',
  'testImplementation',
  'testRuntimeOnly',
  'testCompileOnly',
  'androidTestImplementation',
  'debugImplementation',
  'releaseImplementation',
  'annotationProcessor',
  'kapt',
  'ksp',
  'developmentOnly',
  'compile',
  'runtime',
  'testCompile',
];

const GRADLE_CONFIGURATION_SET: ReadonlySet<string> = new Set(GRADLE_CONFIGURATIONS);
const IDENTIFIER_CHAR = /[A-Za-z0-9_]/;
const CATALOG_CHAR = /[A-Za-z0-9_.-]/;

/**
 * What one line of a Gradle build declares, by a scan (the regexes it replaces took quadratic
 * time on a configuration name followed by a long run of spaces):
 * - `implementation group: 'g', name: 'a', version: 'v'` → `g:a`
 * - `implementation "g:a:v"`, `implementation("g:a:v")`, `api(platform("g:a:v"))` → `g:a`
 * - `implementation(libs.micrometer.registry.prometheus)` → the version-catalog alias as written
 */
export function gradleDependency(line: string): string | null {
  let i = skipSpaces(line, 0);
  let j = i;
  while (j < line.length && IDENTIFIER_CHAR.test(line[j])) j++;
  if (!GRADLE_CONFIGURATION_SET.has(line.slice(i, j))) return null;
  i = skipSpaces(line, j);
  if (line[i] === '(') i = skipSpaces(line, i + 1);
  const quoted = (from: number, stops: string): [string, number] | null => {
    if (line[from] !== '"' && line[from] !== "'") return null;
    let end = from + 1;
    while (end < line.length && !stops.includes(line[end])) end++;
    if (end === from + 1 || (line[end] !== '"' && line[end] !== "'")) return null;
    return [line.slice(from + 1, end), end + 1];
  };
  const keyed = (from: number, key: string): [string, number] | null => {
    if (!line.startsWith(key, from)) return null;
    let k = skipSpaces(line, from + key.length);
    if (line[k] !== ':' && line[k] !== '=') return null;
    k = skipSpaces(line, k + 1);
    return quoted(k, '"\'');
  };
  const group = keyed(i, 'group');
  if (group) {
    let k = skipSpaces(line, group[1]);
    if (line[k] === ',') {
      k = skipSpaces(line, k + 1);
      const name = keyed(k, 'name');
      if (name) return `${group[0]}:${name[0]}`;
    }
  }
  let k = i;
  for (const wrapper of ['platform', 'enforcedPlatform']) {
    if (!line.startsWith(wrapper, i)) continue;
    const open = skipSpaces(line, i + wrapper.length);
    if (line[open] === '(') k = skipSpaces(line, open + 1);
    break;
  }
  const coordinate = quoted(k, '"\'$');
  if (coordinate) {
    const parts = coordinate[0].split(':');
    return parts.length >= 2 ? `${parts[0]}:${parts[1]}` : null;
  }
  if (line.startsWith('libs.', i) && CATALOG_CHAR.test(line[i + 5] ?? '')) {
    let end = i + 5;
    while (end < line.length && CATALOG_CHAR.test(line[end])) end++;
    return line.slice(i, end);
  }
  return null;
}

/**
 * The lines of a Gradle script that hold code, each with the column its code starts at: lines in
 * `//` comments and inside block comments are skipped (what follows a block's end is kept).
 */
function* gradleCodeLines(text: string): Generator<{ line: string; start: number; offset: number }> {
  let inBlockComment = false;
  let next = 0;
  for (const rawLine of text.split('\n')) {
    let line = rawLine;
    let offset = next;
    next += rawLine.length + 1;
    if (inBlockComment) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      line = line.slice(end + 2);
      offset += end + 2;
      inBlockComment = false;
    }
    const start = skipSpaces(line, 0);
    if (line.startsWith('//', start)) continue;
    if (line.startsWith('/*', start) && !line.includes('*/')) {
      inBlockComment = true;
      continue;
    }
    yield { line, start, offset };
  }
}

/**
 * Does a settings.gradle(.kts) include projects (`include(":okhttp")`, `include ':a', ':b'`)?
 * `includeBuild` (a composite build) does not count. Lines in comments are skipped.
 */
export function gradleIncludesProjects(text: string): boolean {
  for (const { line, start } of gradleCodeLines(text)) {
    if (!line.startsWith('include', start)) continue;
    const after = line[start + 'include'.length] ?? '';
    if (after === '(' || after === ' ' || after === '\t') return true;
  }
  return false;
}

/**
 * The kind of a Gradle configuration's dependencies: tests, annotation processors and
 * development-only variants are dev; `compileOnly` is provided by the runtime (peer).
 */
export function gradleDependencyKind(configuration: string): DependencyKind {
  if (/^(test|androidTest|testFixtures|debug)[A-Z]/.test(configuration) || configuration === 'testCompile') return 'dev';
  if (['annotationProcessor', 'kapt', 'ksp', 'developmentOnly'].includes(configuration)) return 'dev';
  if (configuration === 'compileOnly' || configuration === 'compileOnlyApi') return 'peer';
  return 'runtime';
}

function readGradle(b: ManifestBuilder): void {
  for (const { line, start, offset } of gradleCodeLines(b.text)) {
    const dependency = gradleDependency(line);
    if (dependency === null) {
      if (appliesJavaPlatform(line, start)) b.bom = true;
      continue;
    }
    let end = start;
    while (end < line.length && IDENTIFIER_CHAR.test(line[end])) end++;
    const configuration = line.slice(start, end);
    const at = line.indexOf(dependency, end);
    b.add(dependency, gradleDependencyKind(configuration), configuration, at < 0 ? null : [offset + at, offset + at + dependency.length]);
  }
}

/**
 * Does a line apply Gradle's `java-platform` plugin (`id("java-platform")`, `` `java-platform` ``,
 * `id 'java-platform'`, `apply plugin: 'java-platform'`)? Such a project is a BOM: it
 * publishes versions of others and holds no code.
 */
function appliesJavaPlatform(line: string, start: number): boolean {
  const at = line.indexOf('java-platform', start);
  if (at < 0) return false;
  const before = line[at - 1];
  const after = line[at + 'java-platform'.length];
  return (before === '"' || before === "'" || before === '`') && after === before;
}

// ---------------------------------------------------------------------------

function kindOf(name: string): Kind | null {
  switch (name) {
    case 'package.json':
      return 'npm';
    case 'go.mod':
    case 'go.work':
      return 'go';
    case 'Cargo.toml':
      return 'cargo';
    case 'pyproject.toml':
    case 'setup.py':
    case 'setup.cfg':
    case 'Pipfile':
      return 'python';
    case 'Gemfile':
      return 'ruby';
    case 'composer.json':
      return 'php';
    case 'Package.swift':
      return 'swift';
    case 'pubspec.yaml':
      return 'dart';
    case 'mix.exs':
      return 'elixir';
    case 'pom.xml':
      return 'maven';
    case 'build.gradle':
    case 'build.gradle.kts':
    case 'settings.gradle':
    case 'settings.gradle.kts':
      return 'gradle';
    default:
      if (name.endsWith('.csproj')) return 'dotnet';
      if (name.endsWith('.gemspec')) return 'ruby';
      return isRequirementsFile(name) ? 'python' : null;
  }
}

/** Read a package manifest; `file` is root-relative and its base name says which kind. Never throws. */
export function parseManifest(text: string, file: string): ParseResult<ManifestDecl> {
  const name = baseName(file);
  const kind = kindOf(name);
  if (kind === null) return { value: null, problems: [] };
  const b = new ManifestBuilder(text, file, kind);
  if (text.length > MAX_MANIFEST_LENGTH) {
    b.skip(`it is larger than ${MAX_MANIFEST_LENGTH / 1024 / 1024} MB`);
    if (name === 'go.work') b.workspaceOnly = true;
    return b.result();
  }
  try {
    switch (name) {
      case 'package.json':
        readPackageJson(b);
        break;
      case 'go.mod':
        readGoMod(b);
        break;
      case 'go.work':
        b.workspaceOnly = true;
        break;
      case 'Cargo.toml':
        readCargo(b);
        break;
      case 'pyproject.toml':
        readPyproject(b);
        break;
      case 'pom.xml':
        readPom(b);
        break;
      case 'build.gradle':
      case 'build.gradle.kts':
        readGradle(b);
        break;
      case 'settings.gradle':
      case 'settings.gradle.kts':
        b.workspaceOnly = true;
        b.includesProjects = gradleIncludesProjects(text);
        break;
      case 'setup.py':
        readSetupPy(b);
        break;
      case 'setup.cfg':
        readSetupCfg(b);
        break;
      case 'Pipfile': {
        const data = readToml(b);
        b.dependencyList = true;
        if (data) readPipfile(b, data);
        break;
      }
      case 'Gemfile':
        readGemfile(b);
        break;
      case 'composer.json': {
        const data = readJsonObject(b);
        if (data) {
          b.description = descriptionOf(data.description);
          readComposer(b, data, (key) => topLevelStringValue(b.text, key));
        }
        break;
      }
      case 'Package.swift':
        readPackageSwift(b);
        break;
      case 'pubspec.yaml':
        readPubspec(b);
        break;
      case 'mix.exs':
        readMixExs(b);
        break;
      default:
        if (name.endsWith('.csproj')) readCsproj(b);
        else if (name.endsWith('.gemspec')) readGemspec(b);
        else {
          b.dependencyList = true;
          readRequirements(b);
        }
    }
  } catch (error) {
    b.skip(error instanceof Error ? error.message : String(error));
  }
  return b.result();
}
