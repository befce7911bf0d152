/**
 * The CLI keeps a SARIF log under GitHub's 10 MB gzipped (src/cli/sarifBudget.ts): here with a
 * small budget, on output that compresses badly, measured with node:zlib after the fact.
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { writeSarif } from '../../src/core/report/sarif';
import { ChunkWriter } from '../../src/core/report/stream';
import type { SarifLog, SarifRunProperties } from '../../src/core/report/types';
import { GzipBudget, SARIF_MAX_GZIP_BYTES } from '../../src/cli/sarifBudget';
import { sha256Hex } from '../../src/node/hash';
import { makeFinding, schemaErrors } from './helpers';

/** `count` findings whose messages are hex noise (about 2:1 under gzip at best), every third one an error. */
function noisyFindings(count: number) {
  return Array.from({ length: count }, (_, i) =>
    makeFinding({
      ruleId: 'ownership/missing-owner',
      file: `services/s${i}/service-contract.yaml`,
      severity: i % 3 === 2 ? 'error' : 'warning',
      message: `Noise ${createHash('sha512').update(String(i)).digest('hex')}${createHash('sha512').update(`${i}!`).digest('hex')}`,
    }),
  );
}

function run(count: number, limit: number): { text: string; properties: SarifRunProperties; budget: GzipBudget } {
  const chunks: string[] = [];
  const budget = new GzipBudget(limit, 8 * 1024);
  const out = new ChunkWriter(budget.sink((c) => void chunks.push(c)), 16 * 1024);
  const properties = writeSarif(noisyFindings(count), [], budget.counted(out.write), { hash: sha256Hex, room: budget.room });
  out.flush();
  return { text: chunks.join(''), properties, budget };
}

describe('SARIF gzipped-size budget (src/cli/sarifBudget.ts)', () => {
  it('stops before the gzipped log would pass the limit, keeping the most severe results', () => {
    const limit = 200_000;
    const { text, properties, budget } = run(3000, limit);
    const gzipped = gzipSync(text).length;
    assert.ok(gzipped <= limit, `${gzipped} bytes gzipped`);
    assert.ok(gzipped > limit * 0.8, `${gzipped} bytes gzipped: the budget is used, not wasted`);
    assert.ok(budget.size >= gzipped, `the estimate (${budget.size}) bounds the real size (${gzipped})`);
    const log = JSON.parse(text) as SarifLog;
    assert.equal(schemaErrors('sarif', log), '');
    assert.equal(properties.truncated, 'maxSize');
    assert.equal(properties.findings, 3000);
    assert.ok(properties.results > 0 && properties.results < 3000);
    assert.deepEqual(log.runs[0].properties, properties);
    assert.equal(log.runs[0].results.length, properties.results);
    assert.ok(log.runs[0].results.every((r) => r.level === 'error'), 'the 1,000 errors come first, and not all fit');
  });

  it('leaves a log that fits as it is', () => {
    const { text, properties } = run(300, SARIF_MAX_GZIP_BYTES);
    assert.equal(properties.truncated, null);
    assert.equal((JSON.parse(text) as SarifLog).runs[0].results.length, 300);
  });
});
