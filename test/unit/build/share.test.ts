import assert from 'node:assert/strict';
import { sameData, shareUnchanged } from '../../../src/core/build/share';
import { newModule } from '../../../src/core/model/module';
import type { Module } from '../../../src/core/model/types';

const at = (file: string) => ({ file, line: 3, column: 7, endLine: 3, endColumn: 14 });

describe('build/share: structural sharing of modules between snapshots', () => {
  it('sameData compares plain data by value, keys and all', () => {
    assert.ok(sameData({ a: [1, 'x', null, { b: true }] }, { a: [1, 'x', null, { b: true }] }));
    assert.ok(!sameData({ a: [1, 2] }, { a: [1, 2, 3] }));
    assert.ok(!sameData({ x: undefined }, { y: undefined }), 'other keys, both undefined');
    assert.ok(!sameData({ x: 1 }, { x: 1, y: 1 }));
    assert.ok(!sameData({ x: 1, y: 1 }, { x: 1 }));
    assert.ok(!sameData([], {}));
    assert.ok(!sameData({}, []));
    assert.ok(!sameData(null, {}));
    assert.ok(!sameData('1', 1));
  });

  it('keeps the previous module of the same folder and name when equal, the new one otherwise', () => {
    const make = (name: string, path: string, description: string | null): Module => {
      const m = newModule(name, path, 'contract', at(`${path}/service-contract.yaml`));
      m.description = description;
      m.tests = [`${path}/a.test.ts`];
      return m as Module;
    };
    const before = [make('payments', 'services/payments', 'Pays.'), make('ledger', 'services/ledger', null), make('twin', 'libs/twin', null), make('twin', 'libs/twin', 'Second.')];
    const next = [make('payments', 'services/payments', 'Pays.'), make('ledger', 'services/ledger', 'Books.'), make('twin', 'libs/twin', null), make('twin', 'libs/twin', 'Second.'), make('new', 'libs/new', null)];
    const shared = shareUnchanged(before, next);
    assert.equal(shared[0], before[0]);
    assert.equal(shared[1], next[1], 'changed: the new object');
    assert.equal(shared[2], before[2], 'duplicates are paired in order');
    assert.equal(shared[3], before[3]);
    assert.equal(shared[4], next[4]);
    assert.deepEqual(shareUnchanged(null, next), next);
  });
});
