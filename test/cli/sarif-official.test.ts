/**
 * `check --format sarif` against the official SARIF 2.1.0 schema (test/fixtures/sarif), on the
 * example workspace and the CLI fixture, besides the project's own stricter output schema.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { copyFixture, removeFolder, repoRoot, runInProcess } from './helpers';

function officialValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'test', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  // draft-04 header → draft-07 header; the rules themselves are the same in both drafts.
  const { id, $schema: _draft, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: id as string, $schema: 'http://json-schema.org/draft-07/schema#' });
}

describe('SARIF output against the official 2.1.0 schema', function () {
  this.timeout(120_000);
  const validate = officialValidator();

  for (const [name, rootOf, dispose] of [
    ['examples/acme', () => path.join(repoRoot(), 'examples', 'acme'), () => undefined],
    ['cli-shop', () => copyFixture('cli-shop'), (dir: string) => removeFolder(dir)],
  ] as const) {
    it(`${name}: valid, with results`, async () => {
      const root = rootOf();
      try {
        const run = await runInProcess(['check', '--root', root, '-f', 'sarif'], root);
        assert.ok(run.code === 0 || run.code === 1, run.stderr);
        const log = JSON.parse(run.stdout) as { runs: { results: unknown[] }[] };
        assert.ok(log.runs[0].results.length > 0);
        const ok = validate(log);
        assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
      } finally {
        dispose(root);
      }
    });
  }

  it('rejects a log the schema forbids (the check can fail)', async () => {
    const root = path.join(repoRoot(), 'examples', 'acme');
    const log = JSON.parse((await runInProcess(['check', '--root', root, '-f', 'sarif'], root)).stdout) as { runs: { results: { level: string }[] }[] };
    log.runs[0].results[0].level = 'fatal';
    assert.equal(validate(log), false);
  });
});
