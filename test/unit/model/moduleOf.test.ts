import assert from 'node:assert/strict';
import { moduleResolver } from '../../../src/core/model/moduleOf';

const m = (name: string, path: string) => ({ name, path });

describe('model/moduleOf: the deepest module containing a path', () => {
  const modules = [m('root', ''), m('payments', 'services/payments'), m('worker', 'services/payments/worker'), m('twin', 'libs/a'), m('twin', 'libs/b')];

  it('answers the deepest module of a file, the root module outside the others, the first of a name', () => {
    const r = moduleResolver(modules);
    assert.equal(r.moduleOf('services/payments/worker/src/main.ts'), modules[2]);
    assert.equal(r.moduleOf('./services/payments/src/../index.ts'), modules[1]);
    assert.equal(r.moduleOfFile('README.md'), modules[0]);
    assert.equal(r.moduleByName('twin'), modules[3]);
    assert.equal(moduleResolver(modules.slice(1)).moduleOf('README.md'), undefined);
  });

  it('shares the folder answers with a list whose modules were replaced in place, and answers with the new objects', () => {
    const before = moduleResolver(modules);
    assert.equal(before.moduleOf('services/payments/src/a.ts'), modules[1]);
    const renamed = modules.slice();
    renamed[1] = m('billing', 'services/payments');
    const after = moduleResolver(renamed, before.folders);
    assert.equal(after.folders, before.folders);
    assert.equal(after.moduleOf('services/payments/src/a.ts'), renamed[1]);
    assert.equal(after.moduleByName('billing'), renamed[1]);
    assert.equal(after.moduleByName('payments'), undefined);
    assert.equal(before.moduleOf('services/payments/src/a.ts'), modules[1], 'the earlier resolver still answers with its own modules');
  });
});
