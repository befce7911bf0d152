import assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';
import { findImportAt, importLanguageOf, resolveImport, type ImportLanguage } from '../../../src/core/imports';
import { exampleAnalysis } from './workspace';

/** `text` with `|` marking the cursor: the import found there (specifier and its 1-based range), or undefined. */
function importAt(marked: string, language: ImportLanguage) {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0, 'mark the cursor with |');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const found = findImportAt(text, offset, language);
  return found && { specifier: found.specifier, range: found.range, text: text.slice(found.start, found.end) };
}

describe('imports: the specifier under the cursor', () => {
  const ts: [string, string | undefined][] = [
    ["import { createLogger } from '@acme/lo|gger';", '@acme/logger'],
    ['import { createLogger } from "|@acme/logger";', '@acme/logger'],
    ["import type { X } from '../../libs/logger/sr|c';", '../../libs/logger/src'],
    ["export * from './rou|tes';", './routes'],
    ["export { a as b } from '@acme/http-client/re|try';", '@acme/http-client/retry'],
    ["import '@acme/poly|fills';", '@acme/polyfills'],
    ["const { getJson } = require('@acme/http|-client');", '@acme/http-client'],
    ["const m = await import('@acme/log|ger');", '@acme/logger'],
    ['const m = await import(`@acme/log|ger`);', '@acme/logger'],
    ["import x = require('@acme/log|ger');", '@acme/logger'],
    ["vi.mock('@acme/log|ger');", '@acme/logger'],
    ["import {\n  a,\n  b,\n} from '@acme/log|ger';", '@acme/logger'],
    ["const s = 'not an im|port';", undefined],
    ["// import x from '@acme/log|ger'", undefined],
    ["imp|ort { a } from '@acme/logger';", undefined],
    ["const xs = Array.from('ab|c');", undefined],
    ["foo.import('@acme/lo|gger');", undefined],
    ['const m = import(`@acme/${na|me}`);', undefined],
    ["const from = 'x'; use('@acme/log|ger');", undefined],
  ];
  for (const [marked, expected] of ts) {
    it(`ts: ${JSON.stringify(marked)} → ${expected ?? 'nothing'}`, () => {
      assert.equal(importAt(marked, 'ts')?.specifier, expected);
    });
  }

  it('ts: the range is the specifier without its quotes, on its own line', () => {
    const found = importAt("import a from 'x';\nimport { b } from '@acme/log|ger';\n", 'js');
    assert.deepEqual(found, { specifier: '@acme/logger', text: '@acme/logger', range: { line: 2, column: 20, endLine: 2, endColumn: 32 } });
  });

  const py: [string, string | undefined][] = [
    ['import acme_fraud.sco|ring', 'acme_fraud.scoring'],
    ['import os, acme_fraud.sco|ring as s', 'acme_fraud.scoring'],
    ['import o|s, acme_fraud.scoring as s', 'os'],
    ['from acme_fraud.sco|ring import score', 'acme_fraud.scoring'],
    ['from acme_fraud.scoring import sc|ore', undefined],
    ['    from catalog_im|port.feed import (parse_csv,', 'catalog_import.feed'],
    ['from .|feed import parse_csv', '.feed'],
    ['from .|. import feed', '..'],
    ['from ..fe|ed import x', '..feed'],
    ['print("import acme_fr|aud")', undefined],
    ['# import acme_fr|aud', undefined],
  ];
  for (const [marked, expected] of py) {
    it(`py: ${JSON.stringify(marked)} → ${expected ?? 'nothing'}`, () => {
      assert.equal(importAt(marked, 'py')?.specifier, expected);
    });
  }

  const go: [string, string | undefined][] = [
    ['package main\n\nimport "f|mt"\n', 'fmt'],
    ['package main\n\nimport j "github.com/acme/shop/services/led|ger/internal/journal"\n', 'github.com/acme/shop/services/ledger/internal/journal'],
    ['package main\n\nimport (\n\t"fmt"\n\n\t"github.com/acme/shop/libs/pro|to/acme/fraud/v1"\n)\n', 'github.com/acme/shop/libs/proto/acme/fraud/v1'],
    ['package main\n\nimport (\n\t_ "github.com/lib/p|q" // driver\n\t. "strings"\n)\n', 'github.com/lib/pq'],
    ['package main\n\nimport (\n\tj `github.com/acme/x|y`\n)\n', 'github.com/acme/xy'],
    ['package main\n\nimport ( "f|mt" )\n', 'fmt'],
    ['package main\n\nimport (\n\t"fmt"\n)\n\nvar (\n\tname "hel|lo"\n)\n', undefined],
    ['package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hel|lo") }\n', undefined],
    ['package main\n\nvar names = []string{\n\t"al|pha",\n}\n', undefined],
  ];
  for (const [marked, expected] of go) {
    it(`go: ${JSON.stringify(marked)} → ${expected ?? 'nothing'}`, () => {
      assert.equal(importAt(marked, 'go')?.specifier, expected);
    });
  }

  it('knows the languages by file extension', () => {
    assert.deepEqual(
      ['a.ts', 'a.tsx', 'a.mts', 'b.js', 'b.jsx', 'b.cjs', 'c.py', 'd.go', 'e.java', 'Makefile'].map(importLanguageOf),
      ['ts', 'ts', 'ts', 'js', 'js', 'js', 'py', 'go', undefined, undefined],
    );
  });
});

describe('imports: resolving to a module of the example workspace', () => {
  const table: [ImportLanguage, string, string, string | undefined][] = [
    // TypeScript / JavaScript: package names, subpaths, relative paths; not other ecosystems' names.
    ['ts', 'services/payments-api/src/server.ts', '@acme/logger', 'logger'],
    ['ts', 'services/payments-api/src/server.ts', '@acme/logger/src/redact', 'logger'],
    ['ts', 'apps/storefront/src/pages/index.tsx', '@acme/http-client', '@acme/http-client'],
    ['js', 'jobs/feed-export/src/index.ts', '@acme/payments-api', 'payments-api'],
    ['ts', 'services/payments-api/src/server.ts', '../../../libs/logger/src', 'logger'],
    ['ts', 'services/payments-api/src/server.ts', './routes/payments', 'payments-api'],
    ['ts', 'apps/storefront/src/checkout/PaymentForm.tsx', '../lib/retry', 'storefront'],
    ['ts', 'services/payments-api/src/server.ts', '../../../../outside', undefined],
    ['ts', 'services/payments-api/src/server.ts', 'react', undefined],
    ['ts', 'services/payments-api/src/server.ts', 'node:fs', undefined],
    ['ts', 'services/payments-api/src/server.ts', '@acme/unknown', undefined],
    ['ts', 'services/payments-api/src/server.ts', 'fraud-scoring', undefined],
    ['ts', 'services/payments-api/src/server.ts', 'github.com/acme/shop/services/ledger', undefined],
    // Python: packages found under the workspace (src/ layout or flat), relative imports.
    ['py', 'services/fraud-scoring/tests/test_scoring.py', 'fraud_scoring.scoring', 'fraud-scoring'],
    ['py', 'services/fraud-scoring/src/fraud_scoring/scoring.py', 'catalog_import.feed', 'catalog-import'],
    ['py', 'services/fraud-scoring/src/fraud_scoring/scoring.py', 'catalog_import', 'catalog-import'],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', 'legacy_csv_export.export', 'legacy-csv-export'],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', 'recommendations.copurchase', 'recommendations'],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', '.feed', 'catalog-import'],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', '..', 'catalog-import'],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', 'os.path', undefined],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', 'structlog', undefined],
    ['py', 'jobs/catalog-import/src/catalog_import/main.py', 'tests.test_feed', undefined],
    // Go: paths under a go.mod module path, the longest first; not the standard library.
    ['go', 'services/orders/cmd/orders/main.go', 'github.com/acme/shop/services/ledger/internal/journal', 'ledger'],
    ['go', 'services/orders/cmd/orders/main.go', 'github.com/acme/shop/services/ledger', 'ledger'],
    ['go', 'services/search/internal/query/query.go', 'github.com/acme/shop/libs/proto/acme/fraud/v1', 'proto'],
    ['go', 'services/orders/cmd/orders/main.go', 'github.com/acme/shop/services/ledgerx', undefined],
    ['go', 'services/orders/cmd/orders/main.go', 'github.com/acme/shop/services/payments-api', undefined],
    ['go', 'services/orders/cmd/orders/main.go', 'fmt', undefined],
    ['go', 'services/orders/cmd/orders/main.go', 'net/http', undefined],
    ['go', 'services/orders/cmd/orders/main.go', 'github.com/go-chi/chi/v5', undefined],
  ];
  for (const [language, from, specifier, expected] of table) {
    it(`${language}: ${specifier} from ${from} → ${expected ?? 'nothing'}`, async () => {
      const analysis = await exampleAnalysis();
      assert.equal(resolveImport(analysis, from, specifier, language)?.name, expected);
    });
  }
});

describe('imports: resolving in smaller workspaces', () => {
  it('a Python package known only by its pyproject name (normalised), and a nested npm package by subpath', async () => {
    const analysis = await analyzeWorkspace(
      new InMemoryFileAccess({
        'py/fraud/pyproject.toml': '[project]\nname = "Acme-Fraud.Scoring"\nversion = "1.0.0"\n',
        'web/ui/package.json': '{ "name": "@acme/ui", "version": "1.0.0" }',
        'web/ui/button/package.json': '{ "name": "@acme/ui-button", "version": "1.0.0" }',
        'web/ui/index.ts': 'export {};\n',
        'app/package.json': '{ "name": "app", "version": "1.0.0" }',
        'app/main.py': 'import acme_fraud_scoring\n',
      }),
    );
    assert.equal(resolveImport(analysis, 'app/main.py', 'acme_fraud_scoring.model', 'py')?.name, 'Acme-Fraud.Scoring');
    assert.equal(resolveImport(analysis, 'app/index.ts', '@acme/ui/button', 'ts')?.name, '@acme/ui-button');
    assert.equal(resolveImport(analysis, 'app/index.ts', '@acme/ui/theme', 'ts')?.name, '@acme/ui');
  });

  it('a Go module at the workspace root and a nested one: the longest module path wins', async () => {
    const analysis = await analyzeWorkspace(
      new InMemoryFileAccess({
        'go.mod': 'module example.com/shop\n\ngo 1.23\n',
        'internal/cart/cart.go': 'package cart\n',
        'tools/gen/go.mod': 'module example.com/shop/tools/gen\n\ngo 1.23\n',
        'tools/gen/main.go': 'package main\n',
      }),
    );
    assert.equal(resolveImport(analysis, 'tools/gen/main.go', 'example.com/shop/internal/cart', 'go')?.path, '');
    assert.equal(resolveImport(analysis, 'internal/cart/cart.go', 'example.com/shop/tools/gen', 'go')?.path, 'tools/gen');
    assert.equal(resolveImport(analysis, 'internal/cart/cart.go', 'example.com/shopping', 'go'), undefined);
  });
});
