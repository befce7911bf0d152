import * as assert from 'node:assert/strict';
import { appendEdit, closest, daysBetween, editDistance, listText, parseEntityRef } from '../../../src/core/rules/helpers';
import type { RuleContext } from '../../../src/core/rules/rule';

describe('rule helpers', () => {
  it('editDistance counts edits and stops early past its limit', () => {
    const table: [string, string, number][] = [
      ['ledger', 'ledger', 0],
      ['ledgr', 'ledger', 1],
      ['reliabilty', 'reliability', 1],
      ['payments', 'paymnets', 2],
      ['', 'abc', 3],
    ];
    for (const [a, b, distance] of table) assert.equal(editDistance(a, b), distance, `${a} / ${b}`);
    assert.equal(editDistance('checkout', 'ledger', 2), 3);
  });

  it('closest suggests only likely typos', () => {
    const names = ['ledger', 'fraud-scoring', 'payments-api', 'payments-web'];
    assert.equal(closest('ledgr', names), 'ledger');
    assert.equal(closest('Payments-API', names), 'payments-api');
    assert.equal(closest('fraud-scorign', names), 'fraud-scoring');
    assert.equal(closest('billing', names), undefined);
    assert.equal(closest('x', []), undefined);
    const many = Array.from({ length: 5000 }, (_, i) => `service-${i}`);
    assert.equal(closest('service-4999x', many), 'service-4999');
  });

  it('parseEntityRef reads [kind:][namespace/]name', () => {
    assert.deepEqual(parseEntityRef('component:default/ledger'), { kind: 'component', namespace: 'default', name: 'ledger' });
    assert.deepEqual(parseEntityRef('Group:Acme/payments'), { kind: 'group', namespace: 'acme', name: 'payments' });
    assert.deepEqual(parseEntityRef('ledger'), { kind: null, namespace: 'default', name: 'ledger' });
    assert.deepEqual(parseEntityRef('@acme/payments'), { kind: null, namespace: 'default', name: '@acme/payments' });
  });

  it('daysBetween counts calendar days and rejects non-dates', () => {
    assert.equal(daysBetween('2026-06-15', '2026-11-01'), 139);
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('soon', '2026-11-01'), null);
  });

  it('listText joins with commas and a conjunction', () => {
    assert.equal(listText([]), '');
    assert.equal(listText(['a']), 'a');
    assert.equal(listText(['a', 'b'], 'or'), 'a or b');
    assert.equal(listText(['a', 'b', 'c']), 'a, b and c');
  });

  it('appendEdit appends at the end, adding a missing line break and keeping CRLF', () => {
    const ctx = (text: string | undefined) => ({ textOf: () => text }) as unknown as RuleContext;
    assert.deepEqual(appendEdit(ctx('a\nb\n'), 'f', 'c'), { file: 'f', range: { line: 3, column: 1, endLine: 3, endColumn: 1 }, newText: 'c\n' });
    assert.deepEqual(appendEdit(ctx('a\nb'), 'f', 'c'), { file: 'f', range: { line: 2, column: 2, endLine: 2, endColumn: 2 }, newText: '\nc\n' });
    assert.deepEqual(appendEdit(ctx('a\r\n'), 'f', 'c\nd'), { file: 'f', range: { line: 2, column: 1, endLine: 2, endColumn: 1 }, newText: 'c\r\nd\r\n' });
    assert.equal(appendEdit(ctx(undefined), 'f', 'c'), undefined);
  });
});
