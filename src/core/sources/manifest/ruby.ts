/**
 * Ruby: a `*.gemspec` names the gem (`spec.name = "x"` inside `Gem::Specification.new do |spec|`)
 * and declares its dependencies (`add_dependency`, `add_runtime_dependency`, and, apart,
 * `add_development_dependency`); a `Gemfile` names nothing and lists gems (`gem "x"`), those in
 * a `group :test` / `:development` block apart.
 */
import type { ManifestBuilder } from '../manifest';
import { skipSpaces } from '../../regex';
import { blankComments, identifierEnd, isPlainName, keyedString, linesOf, stringLiteral } from './scan';

/** After `receiver.` at `i` (any receiver: `s`, `spec`, `gem`), the method name and where it ends. */
function method(line: string, i: number): { name: string; end: number } | null {
  const receiverEnd = identifierEnd(line, i);
  if (receiverEnd === i || line[receiverEnd] !== '.') return null;
  const end = identifierEnd(line, receiverEnd + 1);
  return end === receiverEnd + 1 ? null : { name: line.slice(receiverEnd + 1, end), end };
}

/** The first argument of a call at `i` when it is a string literal: `"x"`, `("x"`, ` "x", ">= 1"`. */
function firstStringArgument(line: string, i: number): { start: number; end: number } | null {
  let k = skipSpaces(line, i);
  if (line[k] === '(') k = skipSpaces(line, k + 1);
  else if (k === i) return null;
  return stringLiteral(line, k);
}

const RUNTIME_DEPENDENCY = new Set(['add_dependency', 'add_runtime_dependency']);

export function readGemspec(b: ManifestBuilder): void {
  const code = blankComments(b.text, '#');
  const development: string[] = [];
  for (const { line, start } of linesOf(code)) {
    const i = skipSpaces(line, 0);
    const call = method(line, i);
    if (!call) continue;
    if (call.name === 'name' && b.name === null) {
      const value = keyedString(line, call.end - 4, 'name', '=');
      const name = value ? line.slice(value.start, value.end) : '';
      if (value && isPlainName(name)) {
        b.name = name;
        b.nameRange = [start + value.start, start + value.end];
      }
      continue;
    }
    if (!RUNTIME_DEPENDENCY.has(call.name) && call.name !== 'add_development_dependency') continue;
    const argument = firstStringArgument(line, call.end);
    if (!argument) continue;
    const dependency = line.slice(argument.start, argument.end);
    if (call.name === 'add_development_dependency') development.push(dependency);
    else b.add(dependency);
  }
  // Development dependencies (tests, tooling), apart so that a kind can be given to them.
  for (const dependency of development) b.add(dependency, 'dev', 'add_development_dependency');
}

/** Gemfile groups whose gems are for development and tests only. */
const DEVELOPMENT_GROUPS = new Set(['test', 'development', 'ci', 'rubocop', 'lint', 'doc', 'docs']);

/** Does a line open a block that a later `end` closes (`group :test do`, `platforms :jruby do |x|`, `if …`)? */
function opensBlock(line: string): boolean {
  const t = line.trim();
  if (t.endsWith(' do') || t === 'do') return true;
  if (t.endsWith('|') && t.includes(' do |')) return true;
  const word = t.slice(0, identifierEnd(t, 0));
  return word === 'if' || word === 'unless' || word === 'case' || word === 'begin' || word === 'def' || word === 'while' || word === 'until';
}

/** The group symbols of `group :test, :development do` (empty when the line is no group). */
function groupNames(line: string): string[] {
  const i = skipSpaces(line, 0);
  if (!line.startsWith('group', i) || identifierEnd(line, i) !== i + 5) return [];
  const names: string[] = [];
  for (let k = i + 5; k < line.length; k++) {
    if (line[k] !== ':') continue;
    const end = identifierEnd(line, k + 1);
    if (end > k + 1) names.push(line.slice(k + 1, end));
    k = end;
  }
  return names;
}

export function readGemfile(b: ManifestBuilder): void {
  b.dependencyList = true;
  const code = blankComments(b.text, '#');
  // One entry per open block: whether it is a development/test group.
  const blocks: boolean[] = [];
  const development: string[] = [];
  for (const { line } of linesOf(code)) {
    const i = skipSpaces(line, 0);
    const word = line.slice(i, identifierEnd(line, i));
    if (word === 'end' && blocks.length > 0) {
      blocks.pop();
      continue;
    }
    if (opensBlock(line)) {
      const groups = groupNames(line);
      blocks.push(groups.length > 0 && groups.every((g) => DEVELOPMENT_GROUPS.has(g)));
    }
    if (word !== 'gem') continue;
    const argument = firstStringArgument(line, i + 3);
    if (!argument) continue;
    const dependency = line.slice(argument.start, argument.end);
    if (blocks.includes(true) || inlineDevelopmentGroup(line)) development.push(dependency);
    else b.add(dependency);
  }
  // Development and test gems (`group :test do`, `group: :development`), apart so that a kind can be given to them.
  for (const dependency of development) b.add(dependency, 'dev', 'Gemfile development/test group');
}

/** `gem "x", group: :test` or `groups: [:development, :test]`. */
function inlineDevelopmentGroup(line: string): boolean {
  const at = line.indexOf('group');
  if (at < 0) return false;
  const names: string[] = [];
  for (let k = at; k < line.length; k++) {
    if (line[k] !== ':' || line[k + 1] === ' ') continue;
    const end = identifierEnd(line, k + 1);
    if (end > k + 1) names.push(line.slice(k + 1, end));
    k = end;
  }
  return names.length > 0 && names.every((g) => DEVELOPMENT_GROUPS.has(g));
}
