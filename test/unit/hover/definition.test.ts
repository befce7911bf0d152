import assert from 'node:assert/strict';
import { definitionAt } from '../../../src/core/definition';
import { exampleAnalysis, pointIn, pointInExample } from './workspace';

async function definition(file: string, needle: string, nth = 0, delta = 1) {
  const p = pointInExample(file, needle, nth, delta);
  return definitionAt(await exampleAnalysis(), file, p.text, p.line, p.column);
}

describe('go to definition', () => {
  it('a dependsOn entry → the name in the module’s contract', async () => {
    assert.deepEqual(await definition('services/payments-api/service-contract.yaml', '[ledger', 0, 2), [
      { file: 'services/ledger/service-contract.yaml', line: 3, column: 7, endLine: 3, endColumn: 13 },
    ]);
  });

  it('a Backstage dependsOn entity reference → the contract of the component', async () => {
    assert.deepEqual(await definition('services/search/catalog-info.yaml', 'component:default/catalog-api'), [
      { file: 'services/catalog-api/service-contract.yaml', line: 3, column: 7, endLine: 3, endColumn: 18 },
    ]);
  });

  it('a consumed API → where its provider declares it', async () => {
    assert.deepEqual(await definition('services/payments-api/service-contract.yaml', 'ledger-events'), [
      { file: 'services/ledger/service-contract.yaml', line: 12, column: 11, endLine: 12, endColumn: 24 },
    ]);
    assert.deepEqual(await definition('jobs/feed-export/catalog-info.yaml', 'catalog-rest'), [
      { file: 'services/catalog-api/service-contract.yaml', line: 12, column: 11, endLine: 12, endColumn: 23 },
    ]);
  });

  it('a priority id in a contract or a code tag → its declaration in vision.yaml', async () => {
    assert.deepEqual(await definition('services/payments-api/service-contract.yaml', 'reliability]'), [
      { file: 'vision.yaml', line: 49, column: 9, endLine: 49, endColumn: 20 },
    ]);
    assert.deepEqual(await definition('services/payments-api/src/routes/payments.ts', 'checkout-conversion'), [
      { file: 'vision.yaml', line: 17, column: 9, endLine: 17, endColumn: 28 },
    ]);
  });

  it('an owner handle → its teams.yaml entry, from CODEOWNERS, a contract, an alias or a Backstage reference', async () => {
    const payments = [{ file: 'teams.yaml', line: 4, column: 9, endLine: 4, endColumn: 25 }];
    assert.deepEqual(await definition('.github/CODEOWNERS', '@acme/payments'), payments);
    assert.deepEqual(await definition('services/payments-api/service-contract.yaml', '"@acme/payments"'), payments);
    assert.deepEqual(await definition('teams.yaml', '"payments-team"'), payments);
    assert.deepEqual(await definition('services/search/catalog-info.yaml', 'group:default/catalog', 1), [
      { file: 'teams.yaml', line: 17, column: 9, endLine: 17, endColumn: 24 },
    ]);
  });

  it('nothing on the declaration itself, on an unknown name, or on a plain value', async () => {
    assert.deepEqual(await definition('teams.yaml', '"@acme/payments"'), []);
    assert.deepEqual(await definition('vision.yaml', 'id: reliability', 0, 5), []);
    assert.deepEqual(await definition('jobs/feed-export/catalog-info.yaml', 'merchandising'), []);
    assert.deepEqual(await definition('services/payments-api/service-contract.yaml', 'structured-json'), []);
    assert.deepEqual(await definition('.github/CODEOWNERS', '/services/ledger/'), []);
  });

  it('an import into another module → the module’s definition', async () => {
    const analysis = await exampleAnalysis();
    const p = pointIn("import { createLogger } from '@acme/logger';\n", 'acme');
    assert.deepEqual(definitionAt(analysis, 'services/coupons/src/index.ts', p.text, p.line, p.column), [
      { file: 'libs/logger/service-contract.yaml', line: 3, column: 7, endLine: 3, endColumn: 13 },
    ]);
  });
});
