/**
 * Python beyond pyproject.toml: `setup.py` (`setup(name="x", install_requires=[…])`), `setup.cfg`
 * (`[metadata] name`, `[options] install_requires`), and the dependency lists that name no
 * package: `Pipfile` (`[packages]`, `[dev-packages]`) and `requirements*.txt`.
 */
import type { ManifestBuilder } from '../manifest';
import { skipSpaces } from '../../regex';
import { blankComments, identifierEnd, isPlainName, keyedString, linesOf, stringLiteral, stringsUntilClose } from './scan';

/** PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePythonName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

const NAME_START = /[A-Za-z0-9]/;
const NAME_CHAR = /[A-Za-z0-9._-]/;

/** The distribution name of a PEP 508 requirement (`requests[socks]>=2 ; python_version<"3.8"`). */
export function requirementName(requirement: unknown): string | null {
  if (typeof requirement !== 'string') return null;
  const i = skipSpaces(requirement, 0);
  if (!NAME_START.test(requirement[i] ?? '')) return null;
  let end = i + 1;
  while (end < requirement.length && NAME_CHAR.test(requirement[end])) end++;
  return normalizePythonName(requirement.slice(i, end));
}

/**
 * requirements.txt: one requirement per line; options (`-r other.txt`, `-e .`, `--hash`), URLs and
 * paths name no distribution and are passed over.
 */
export function readRequirements(b: ManifestBuilder): void {
  b.dependencyList = true;
  for (const { line } of linesOf(blankComments(b.text, '#'))) {
    const t = line.trim();
    if (t === '' || t.startsWith('-') || t.includes('://') || t.startsWith('.') || t.startsWith('/')) continue;
    const name = requirementName(t);
    if (name) b.add(name);
  }
}

/** Pipfile (TOML): `[packages]`, then `[dev-packages]` apart. */
export function readPipfile(b: ManifestBuilder, data: Record<string, unknown>): void {
  b.dependencyList = true;
  const table = (key: string) => (typeof data[key] === 'object' && data[key] !== null && !Array.isArray(data[key]) ? Object.keys(data[key]) : []);
  for (const name of table('packages')) b.add(normalizePythonName(name));
  // Development packages, apart so that a kind can be given to them.
  for (const name of table('dev-packages')) b.add(normalizePythonName(name), 'dev', 'Pipfile dev-packages');
}

/** Keyword arguments of `setup(…)` holding test-only requirements. */
const TEST_REQUIRES = new Set(['tests_require', 'extras_require', 'setup_requires']);

/**
 * setup.py: the `name="x"` and `install_requires=[…]` keyword arguments of the `setup(` call (from
 * setuptools or distutils), string literals only. A name computed at run time is not read.
 */
export function readSetupPy(b: ManifestBuilder): void {
  const code = blankComments(b.text, '#');
  let call = -1;
  for (let at = code.indexOf('setup'); at >= 0; at = code.indexOf('setup', at + 5)) {
    const before = code[at - 1] ?? ' ';
    if (identifierEnd(before, 0) === 1 && before !== '.') continue;
    const open = skipSpaces(code, at + 5);
    if (code[open] === '(') {
      call = open + 1;
      break;
    }
  }
  if (call < 0) return;
  const testOnly: string[] = [];
  let depth = 1;
  for (let i = call; i < code.length && depth > 0; i++) {
    const ch = code[i];
    if (ch === '"' || ch === "'") {
      const literal = stringLiteral(code, i);
      if (literal) i = literal.after - 1;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (depth !== 1 || identifierEnd(code, i) === i || identifierEnd(code[i - 1] ?? ' ', 0) === 1) continue;
    const word = code.slice(i, identifierEnd(code, i));
    if (word === 'name' && b.name === null) {
      const value = keyedString(code, i, 'name', '=');
      const name = value ? code.slice(value.start, value.end) : '';
      if (value && isPlainName(name)) {
        b.name = name;
        b.nameRange = [value.start, value.end];
      }
    } else if (word === 'install_requires' || TEST_REQUIRES.has(word)) {
      const equals = skipSpaces(code, i + word.length);
      const open = skipSpaces(code, equals + 1);
      if (code[equals] !== '=' || (code[open] !== '[' && code[open] !== '{')) continue;
      const { values } = stringsUntilClose(code, open + 1, code[open], code[open] === '[' ? ']' : '}');
      for (const value of values) {
        const name = requirementName(value);
        if (name && word === 'install_requires') b.add(name);
        else if (name) testOnly.push(name);
      }
    }
    i = identifierEnd(code, i) - 1;
  }
  // Test, extra and build requirements, apart so that a kind can be given to them.
  for (const name of testOnly) b.add(name, 'dev', 'setup.py tests_require/extras');
}

/**
 * setup.cfg (INI): `[metadata] name = x` and the requirement lines of `[options] install_requires`
 * (and, apart, `tests_require` and `[options.extras_require]`), which continue on indented lines.
 */
export function readSetupCfg(b: ManifestBuilder): void {
  let section = '';
  let key = '';
  const testOnly: string[] = [];
  const take = (value: string) => {
    const name = requirementName(value);
    if (!name) return;
    if (section === 'options' && key === 'install_requires') b.add(name);
    else if ((section === 'options' && key === 'tests_require') || section === 'options.extras_require') testOnly.push(name);
  };
  for (const { line, start } of linesOf(blankComments(b.text, '#'))) {
    const t = line.trim();
    if (t === '' || t.startsWith(';')) continue;
    if (t.startsWith('[') && t.endsWith(']')) {
      section = t.slice(1, -1).trim();
      key = '';
      continue;
    }
    const continued = line.length > 0 && (line[0] === ' ' || line[0] === '\t');
    if (continued) {
      take(t);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    key = line.slice(0, eq).trim();
    const valueStart = skipSpaces(line, eq + 1);
    const value = line.slice(valueStart).trimEnd();
    if (section === 'metadata' && key === 'name' && value !== '' && b.name === null && isPlainName(value) && !value.includes(':')) {
      b.name = value;
      b.nameRange = [start + valueStart, start + valueStart + value.length];
    } else if (value !== '') take(value);
  }
  // Test and extra requirements, apart so that a kind can be given to them.
  for (const name of testOnly) b.add(name, 'dev', 'setup.cfg extras');
}
