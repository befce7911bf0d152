/**
 * Elixir: `mix.exs`. The application's name is the atom of `app: :name` in the project keyword
 * list; the dependencies are the `{:name, …}` tuples of the `deps` function, those marked
 * `only: :test` / `only: [:dev, :test]` apart. An umbrella project (`apps_path: "apps"`)
 * aggregates the applications under it.
 */
import type { ManifestBuilder } from '../manifest';
import { skipSpaces } from '../../regex';
import { blankComments, identifierEnd } from './scan';

/** Where a keyword `key:` stands at `i` as a whole word, or -1. */
function keyword(code: string, i: number, key: string): number {
  if (!code.startsWith(`${key}:`, i) || identifierEnd(code[i - 1] ?? ' ', 0) === 1) return -1;
  return i + key.length + 1;
}

const ATOM_CHAR = /[A-Za-z0-9_?!]/;

function atomEnd(code: string, i: number): number {
  while (i < code.length && ATOM_CHAR.test(code[i])) i++;
  return i;
}

export function readMixExs(b: ManifestBuilder): void {
  const code = blankComments(b.text, '#');
  for (let at = code.indexOf('app:'); at >= 0; at = code.indexOf('app:', at + 4)) {
    const after = keyword(code, at, 'app');
    if (after < 0) continue;
    const colon = skipSpaces(code, after);
    if (code[colon] !== ':') continue;
    const end = atomEnd(code, colon + 1);
    if (end === colon + 1) continue;
    b.name = code.slice(colon + 1, end);
    b.nameRange = [colon + 1, end];
    break;
  }
  for (let at = code.indexOf('apps_path:'); at >= 0; at = code.indexOf('apps_path:', at + 10)) {
    if (keyword(code, at, 'apps_path') >= 0) b.workspaceOnly = true;
  }
  const deps = depsBody(code);
  if (!deps) return;
  const testOnly: string[] = [];
  for (let i = code.indexOf('{', deps.start); i >= 0 && i < deps.end; i = code.indexOf('{', i + 1)) {
    const colon = skipSpaces(code, i + 1);
    if (code[colon] !== ':') continue;
    const end = atomEnd(code, colon + 1);
    if (end === colon + 1) continue;
    const close = code.indexOf('}', end);
    const tuple = code.slice(end, close < 0 ? deps.end : close);
    const only = tuple.indexOf('only:');
    const name = code.slice(colon + 1, end);
    if (only >= 0 && !tuple.slice(only).includes(':prod')) testOnly.push(name);
    else b.add(name);
  }
  // Dependencies only for :dev or :test, apart so that a kind can be given to them.
  for (const name of testOnly) b.add(name, 'dev', 'mix.exs deps (only: dev/test)');
}

/** The body of `defp deps do … end` (or `def deps`): from its `do` to the next `def`/`defp`, or the text's end. */
function depsBody(code: string): { start: number; end: number } | null {
  for (let at = code.indexOf('deps'); at >= 0; at = code.indexOf('deps', at + 4)) {
    const word = code.slice(Math.max(0, at - 5), at);
    if (!(word.endsWith('defp ') || word.endsWith('def ')) || identifierEnd(code, at) !== at + 4) continue;
    const next = code.indexOf('\n  def', at);
    return { start: at + 4, end: next < 0 ? code.length : next };
  }
  return null;
}
