/**
 * The example workspace (examples/acme) loaded into memory once and analysed, with helpers
 * that find a position by the text written there, as a user would point at it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace } from '../../../src/core/analyze';
import type { Analysis } from '../../../src/core/api';
import { InMemoryFileAccess } from '../../../src/core/fs';

/** The repository: above out/test/unit/hover when compiled in place, else the working folder (tests compiled elsewhere). */
export const REPO_ROOT = [path.resolve(__dirname, '..', '..', '..', '..'), process.cwd()].find((dir) =>
  fs.existsSync(path.join(dir, 'examples', 'acme', 'teams.yaml')),
) ?? process.cwd();
export const EXAMPLE = path.join(REPO_ROOT, 'examples', 'acme');

export function loadFolder(folder: string): InMemoryFileAccess {
  const mem = new InMemoryFileAccess();
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relPath);
      else if (entry.isFile()) mem.write(relPath, fs.readFileSync(path.join(dir, entry.name)));
    }
  };
  walk(folder, '');
  return mem;
}

let example: Promise<Analysis> | undefined;

/** The analysis of examples/acme (shared by the tests: snapshots are immutable). */
export function exampleAnalysis(): Promise<Analysis> {
  example ??= analyzeWorkspace(loadFolder(EXAMPLE));
  return example;
}

export function exampleText(file: string): string {
  return fs.readFileSync(path.join(EXAMPLE, file), 'utf8');
}

export interface Point {
  text: string;
  line: number;
  column: number;
}

/**
 * The 1-based position `delta` characters into the `nth` (0-based) occurrence of `needle`
 * in `text`; throws when the needle is not there, so a changed fixture fails loudly.
 */
export function pointIn(text: string, needle: string, nth = 0, delta = 1): Point {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${nth}) not found`);
  }
  const offset = at + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { text, line, column: offset - before.lastIndexOf('\n') };
}

export function pointInExample(file: string, needle: string, nth = 0, delta = 1): Point {
  return pointIn(exampleText(file), needle, nth, delta);
}
