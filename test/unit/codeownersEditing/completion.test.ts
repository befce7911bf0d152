import assert from 'node:assert/strict';
import fc from 'fast-check';
import { codeownersCompletions, COMPLETION_LIMIT, escapePatternName, listFolder } from '../../../src/core/codeownersEditing';
import { ownerHover } from '../../../src/core/hover';
import { exampleAnalysis, exampleText } from '../hover/workspace';
import { after, filesOnly, GITHUB_CODEOWNERS, shopAnalysis } from './workspace';

const CODEOWNERS = '.github/CODEOWNERS';

describe('codeownersEditing: completion of owners', () => {
  it('offers the owners the example file already uses first, most used first, then the other teams, with name, source and hover', async () => {
    const analysis = await exampleAnalysis();
    // The storefront line with its owner being typed anew.
    const text = exampleText(CODEOWNERS).replace('/apps/                              @acme/web', '/apps/                              @');
    const at = after(text, '/apps/                              @');
    assert.deepEqual(at, { line: 21, column: 38 });
    const result = codeownersCompletions(analysis, CODEOWNERS, text, at.line, at.column);
    assert.ok(result);
    assert.equal(result.complete, true);
    assert.deepEqual(result.items.map((i) => [i.label, i.detail, i.kind]), [
      ['@acme/platform', 'Platform · teams.yaml · used 6× in this file', 'team'],
      ['@acme/catalog', 'Catalog & Search · teams.yaml · used 4× in this file', 'team'],
      ['@acme/orders', 'Orders & Fulfilment · teams.yaml · used 4× in this file', 'team'],
      ['@acme/payments', 'Payments · teams.yaml · used 4× in this file', 'team'],
      ['@acme/growth', 'Growth · teams.yaml · used 3× in this file', 'team'],
      ['@acme/web', 'Storefront Web · teams.yaml', 'team'],
    ]);
    // The typed `@` is what an item replaces.
    for (const item of result.items) assert.deepEqual(item.range, { line: 21, column: 37, endLine: 21, endColumn: 38 });
    assert.deepEqual(result.items.map((i) => i.sortText), ['0', '1', '2', '3', '4', '5']);
    assert.equal(result.items[3].documentation, ownerHover(analysis, '@acme/payments'));
    assert.match(result.items[3].documentation ?? '', /Escalation path:\n1\. chat: \[`#payments-oncall`\]/);
  });

  it('replaces the whole word under the cursor, and leaves out the owners the line already has', async () => {
    const analysis = await exampleAnalysis();
    const text = '/docs/ @acme/platform @acme/pay';
    const result = codeownersCompletions(analysis, CODEOWNERS, text, 1, 28);
    assert.ok(result);
    assert.ok(!result.items.some((i) => i.label === '@acme/platform'));
    assert.deepEqual(result.items[0].range, { line: 1, column: 23, endLine: 1, endColumn: 32 });
    assert.ok(result.items.some((i) => i.label === '@acme/payments'));
  });

  it('offers Backstage groups and users by their GitHub handle, teams.yaml e-mail aliases, never a catalog reference', async () => {
    const analysis = await shopAnalysis();
    const text = `${GITHUB_CODEOWNERS}/services/cart/src/ `;
    const at = after(text, '/services/cart/src/ ');
    const result = codeownersCompletions(analysis, CODEOWNERS, text, at.line, at.column);
    assert.ok(result);
    assert.deepEqual(result.items.map((i) => [i.label, i.detail, i.kind]), [
      ['@shop/platform', 'CODEOWNERS · used 2× in this file', 'team'],
      ['@jdoe', 'jdoe · Backstage catalog · used 1× in this file', 'person'],
      ['@shop/checkout', 'Checkout Squad · Backstage catalog · used 1× in this file', 'team'],
      ['@shop/payments', 'Payments · teams.yaml · used 1× in this file', 'team'],
      ['payments@shop.example', 'Payments · teams.yaml', 'team'],
    ]);
    // An empty word: the items insert at the cursor.
    assert.deepEqual(result.items[0].range, { line: 6, column: 21, endLine: 6, endColumn: 21 });
  });

  it('completes GitLab section default owners after the header, and nothing inside the header or on an exclusion', async () => {
    const analysis = await shopAnalysis();
    const text = '[Payments][2] @\n/services/payments/\n!/services/payments/test/ \n';
    const header = codeownersCompletions(analysis, '.gitlab/CODEOWNERS', text, 1, 16);
    assert.ok(header);
    // Nothing used yet: teams.yaml's names, then the catalog's, then those only CODEOWNERS knows.
    assert.deepEqual(header.items.map((i) => i.label), ['@shop/payments', 'payments@shop.example', '@jdoe', '@shop/checkout', '@shop/platform']);
    assert.deepEqual(header.items[0].range, { line: 1, column: 15, endLine: 1, endColumn: 16 });
    assert.equal(codeownersCompletions(analysis, '.gitlab/CODEOWNERS', text, 1, 5), null);
    assert.equal(codeownersCompletions(analysis, '.gitlab/CODEOWNERS', text, 3, 27), null);
  });

  it('offers GitLab roles only where they are owners: never in a GitHub file', async () => {
    const analysis = await shopAnalysis({ 'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@@maintainers"\n    name: Maintainers\n' });
    const gitlab = codeownersCompletions(analysis, '.gitlab/CODEOWNERS', '/docs/ @', 1, 9);
    assert.ok(gitlab?.items.some((i) => i.label === '@@maintainers'));
    const github = codeownersCompletions(analysis, CODEOWNERS, '/docs/ @', 1, 9);
    assert.ok(github && !github.items.some((i) => i.label === '@@maintainers'));
  });

  it('offers nothing in a comment line or after an inline comment', async () => {
    const analysis = await exampleAnalysis();
    assert.equal(codeownersCompletions(analysis, CODEOWNERS, '# owners: @', 1, 12), null);
    assert.equal(codeownersCompletions(analysis, CODEOWNERS, '/docs/ @acme/web # ask @', 1, 25), null);
  });
});

describe('codeownersEditing: completion of paths', () => {
  it('completes the next segment of an anchored path in the example: folders with a trailing slash', async () => {
    const analysis = await exampleAnalysis();
    const text = `${exampleText(CODEOWNERS)}/services/pay`;
    const at = after(text, '/services/pay');
    const result = codeownersCompletions(analysis, CODEOWNERS, text, at.line, at.column);
    assert.ok(result);
    assert.deepEqual(result.items.map((i) => [i.label, i.insertText, i.kind, i.retrigger]), [['payments-api/', 'payments-api/', 'folder', true]]);
    assert.deepEqual(result.items[0].range, { line: at.line, column: 11, endLine: at.line, endColumn: 14 });
  });

  it('lists the root on an empty line and after a leading slash, folders before files', async () => {
    const analysis = await shopAnalysis();
    const empty = codeownersCompletions(analysis, CODEOWNERS, '\n', 1, 1);
    const anchored = codeownersCompletions(analysis, CODEOWNERS, '/', 1, 2);
    const expected = ['.github/', 'docs/', 'services/', 'README.md', 'catalog-info.yaml', 'teams.yaml'];
    for (const result of [empty, anchored]) {
      assert.ok(result);
      assert.deepEqual([...result.items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((i) => i.label), expected);
    }
    assert.deepEqual(anchored?.items[0].range, { line: 1, column: 2, endLine: 1, endColumn: 2 });
  });

  it('completes files in a folder, escaping a space as the pattern must write it, and reads typed escapes back', async () => {
    const analysis = await shopAnalysis();
    const docs = codeownersCompletions(analysis, CODEOWNERS, '/docs/', 1, 7);
    assert.deepEqual(docs?.items.map((i) => [i.label, i.insertText, i.kind]), [['My Guide.md', 'My\\ Guide.md', 'file'], ['architecture.md', 'architecture.md', 'file']]);
    const typed = codeownersCompletions(analysis, CODEOWNERS, '/docs/My\\ G @shop/platform', 1, 12);
    assert.deepEqual(typed?.items.map((i) => i.insertText), ['My\\ Guide.md']);
    assert.deepEqual(typed?.items[0].range, { line: 1, column: 7, endLine: 1, endColumn: 12 });
  });

  it('completes unanchored paths and GitLab exclusions, and nothing after a glob', async () => {
    const analysis = await shopAnalysis();
    assert.deepEqual(codeownersCompletions(analysis, CODEOWNERS, 'services/ca', 1, 12)?.items.map((i) => i.label), ['cart/']);
    assert.deepEqual(codeownersCompletions(analysis, '.gitlab/CODEOWNERS', '!/services/payments/t', 1, 22)?.items.map((i) => i.label), ['test/']);
    assert.equal(codeownersCompletions(analysis, CODEOWNERS, '**/src/', 1, 8), null);
    assert.equal(codeownersCompletions(analysis, CODEOWNERS, '/services/*.', 1, 13), null);
    assert.deepEqual(codeownersCompletions(analysis, CODEOWNERS, '/nowhere/', 1, 10)?.items, []);
  });

  it('stays bounded and fast on 100,000 files', () => {
    const files: string[] = [];
    for (let f = 0; f < 1000; f++) for (let n = 0; n < 100; n++) files.push(`pkg${String(f).padStart(4, '0')}/src/file${String(n).padStart(3, '0')}.ts`);
    files.sort();
    const analysis = filesOnly(files);
    const first = Date.now();
    const root = codeownersCompletions(analysis, CODEOWNERS, '/', 1, 2);
    const firstMs = Date.now() - first;
    assert.ok(root);
    assert.equal(root.items.length, COMPLETION_LIMIT);
    assert.equal(root.complete, false);
    assert.equal(root.items[0].label, 'pkg0000/');
    assert.equal(root.items[COMPLETION_LIMIT - 1].label, 'pkg0199/');
    const narrowed = codeownersCompletions(analysis, CODEOWNERS, '/pkg09', 1, 7);
    assert.equal(narrowed?.items.length, 100);
    assert.equal(narrowed?.complete, true);
    const started = Date.now();
    for (let i = 0; i < 100; i++) codeownersCompletions(analysis, CODEOWNERS, `/pkg${String(i * 7).padStart(4, '0')}/src/file0`, 1, 23);
    const perQuery = (Date.now() - started) / 100;
    assert.ok(firstMs < 250, `first completion took ${firstMs} ms`);
    assert.ok(perQuery < 10, `a completion took ${perQuery} ms`);
  });

  it('lists a folder exactly as a plain scan of the file list would, for random trees', () => {
    const segment = fc.constantFrom('a', 'b', 'a-b', 'a.b', 'a0', 'ab', 'B', 'x y');
    fc.assert(
      fc.property(fc.uniqueArray(fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'))), fc.array(segment, { maxLength: 2 }), fc.constantFrom('', 'a', 'b'), (paths, folderParts, prefix) => {
        // A path cannot be both a file and a folder.
        const files = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}/`)));
        const folder = folderParts.join('/');
        const base = folder ? `${folder}/` : '';
        const expected = new Map<string, boolean>();
        for (const f of files) {
          if (!f.startsWith(base + prefix)) continue;
          const rest = f.slice(base.length);
          const slash = rest.indexOf('/');
          expected.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
        }
        const got = listFolder(files, folder, prefix, 1000);
        assert.deepEqual(new Map(got.entries.map((e) => [e.name, e.folder])), expected);
        assert.equal(got.entries.length, expected.size);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes what a pattern would read otherwise', () => {
    assert.equal(escapePatternName('My Guide.md', false), 'My\\ Guide.md');
    assert.equal(escapePatternName('what?[1]*.md', false), 'what\\?\\[1\\]\\*.md');
    assert.equal(escapePatternName('#notes', true), '\\#notes');
    assert.equal(escapePatternName('#notes', false), '#notes');
  });
});
