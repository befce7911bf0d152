/**
 * Fixture repositories: each folder under test/fixtures/repos/ looks like a real repository,
 * and its expected findings are written beside it as `<name>.findings.json`.
 * `UPDATE_GOLDENS=1 npm run test:unit` rewrites them (then read the diff before committing).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace } from '../../src/core/analyze';
import { InMemoryFileAccess } from '../../src/core/fs';
import type { Finding } from '../../src/core/model/types';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'repos');

/** Load a folder from disk into memory, so fixtures run through the same port as tests. */
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

export function withoutFixes(findings: readonly Finding[]): Omit<Finding, 'fix' | 'moreFixes'>[] {
  return findings.map(({ fix: _fix, moreFixes: _more, ...rest }) => rest);
}

describe('fixture repositories', () => {
  const names = fs.existsSync(FIXTURES)
    ? fs.readdirSync(FIXTURES, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];

  it('has fixture repositories, each with its expected findings beside it', () => {
    assert.ok(names.length >= 3, `expected at least 3 fixture repositories in ${FIXTURES}`);
    for (const name of names) {
      const expected = path.join(FIXTURES, `${name}.findings.json`);
      assert.ok(fs.existsSync(expected) || process.env.UPDATE_GOLDENS, `missing ${expected}`);
    }
  });

  for (const name of names) {
    it(`${name}: findings match ${name}.findings.json`, async () => {
      const analysis = await analyzeWorkspace(loadFolder(path.join(FIXTURES, name)), { today: '2026-11-01' });
      const actual = withoutFixes(analysis.model.findings);
      const expectedFile = path.join(FIXTURES, `${name}.findings.json`);
      if (process.env.UPDATE_GOLDENS) fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
      const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as unknown;
      assert.deepEqual(actual, expected);
    });
  }
});
