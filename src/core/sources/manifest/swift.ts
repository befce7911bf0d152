/**
 * Swift: `Package.swift`. The package's name is the `name:` argument of the `Package(` call; each
 * `.package(url: "https://github.com/apple/swift-log.git", …)` (or `path:`) depends on the package
 * its URL or path ends with (`swift-log`), as SwiftPM names it; `.package(name: "X", …)` on `X`.
 */
import type { ManifestBuilder } from '../manifest';
import { skipSpaces } from '../../regex';
import { blankComments, identifierEnd, isPlainName, keyedString, stringLiteral } from './scan';

/** `https://github.com/apple/swift-log.git` → `swift-log`; `../Shared/` → `Shared`. */
export function swiftPackageIdentity(location: string): string {
  let end = location.length;
  while (end > 0 && location[end - 1] === '/') end--;
  const trimmed = location.slice(0, end);
  const last = trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return last.endsWith('.git') ? last.slice(0, -4) : last;
}

/** The string of a `key: "…"` argument among a call's arguments, searched up to the call's end. */
function argument(code: string, from: number, key: string): { start: number; end: number } | null {
  let depth = 1;
  for (let i = from; i < code.length && depth > 0; i++) {
    const ch = code[i];
    if (ch === '"') {
      const literal = stringLiteral(code, i);
      if (literal) i = literal.after - 1;
      continue;
    }
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 1 && code.startsWith(key, i) && identifierEnd(code[i - 1] ?? ' ', 0) !== 1) {
      const value = keyedString(code, i, key, ':');
      if (value) return value;
    }
  }
  return null;
}

export function readPackageSwift(b: ManifestBuilder): void {
  const code = blankComments(b.text, '//', true);
  for (let at = code.indexOf('Package'); at >= 0; at = code.indexOf('Package', at + 7)) {
    if (identifierEnd(code[at - 1] ?? ' ', 0) === 1 || code[at - 1] === '.') continue;
    const open = skipSpaces(code, at + 7);
    if (code[open] !== '(') continue;
    const name = argument(code, open + 1, 'name');
    if (name && isPlainName(code.slice(name.start, name.end))) {
      b.name = code.slice(name.start, name.end);
      b.nameRange = [name.start, name.end];
    }
    break;
  }
  for (let at = code.indexOf('.package('); at >= 0; at = code.indexOf('.package(', at + 9)) {
    const from = at + '.package('.length;
    const named = argument(code, from, 'name');
    const location = argument(code, from, 'url') ?? argument(code, from, 'path');
    if (named) b.add(code.slice(named.start, named.end));
    else if (location) b.add(swiftPackageIdentity(code.slice(location.start, location.end)));
  }
}
