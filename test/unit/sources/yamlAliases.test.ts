/**
 * YAML aliases: dereferenced through an index built once per document (the library's
 * `Alias.resolve` walks the whole document on each call, so 20,000 aliases in an 80 KB
 * contract took 30 s), and a conversion to plain values bounded by the aliases it would copy,
 * refused with the position of the alias that crosses the bound.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isAlias, visit, type Alias } from 'yaml';
import { MAX_ALIAS_COUNT, parseSingleYaml, parseYaml } from '../../../src/core/sources/yaml';
import { parseContract } from '../../../src/core/sources/contract';

const HEAD = 'apiVersion: northstar/v1\nkind: ServiceContract\nname: ledger\nowner: "@acme/ledger"\n';

function single(text: string) {
  const { doc, problems } = parseSingleYaml(text, 'services/ledger/service-contract.yaml');
  assert.deepEqual(problems, []);
  assert.ok(doc);
  return doc;
}

describe('YAML aliases', () => {
  it('dereferences as Alias.resolve does: the last anchor of that name before the alias', () => {
    const names = fc.constantFrom('a', 'b', 'c');
    const item = fc.oneof(
      names.map((n) => `*${n}`),
      fc.tuple(names, fc.constantFrom('x', '[]', '{}', '[1]')).map(([n, v]) => `&${n} ${v}`),
      fc.constantFrom('plain', '[*a]', '{k: *b}'),
    );
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), (items) => {
        const text = `list: [${items.join(', ')}]\n`;
        const { documents } = parseYaml(text, 'x.yaml');
        fc.pre(documents.length === 1 && !documents[0].hasSyntaxErrors);
        const doc = documents[0];
        const aliases: Alias[] = [];
        visit(doc.doc, { Alias: (_k, node) => void aliases.push(node) });
        for (const alias of aliases) {
          const expected = alias.resolve(doc.doc) ?? null;
          const got = doc.deref(alias);
          // deref follows chains of aliases and yields only scalars and collections.
          const expectedNode = isAlias(expected) ? doc.deref(expected) : expected;
          assert.equal(got, expectedNode, `${text} ${alias.source}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads 20,000 uses of one anchor in linear time', () => {
    const text = `${HEAD}x-dep: &d payments\ndependsOn: [${Array(20_000).fill('*d').join(', ')}]\n`;
    assert.ok(text.length > 80_000);
    const started = performance.now();
    const { value } = parseContract(text, 'services/ledger/service-contract.yaml');
    const ms = performance.now() - started;
    assert.equal(value?.dependsOn.length, 20_000);
    assert.equal(value?.dependsOn[19_999].name, 'payments');
    assert.ok(ms < 2_000, `${Math.round(ms)} ms`);
  });

  it(`converts a document whose expansion copies ${MAX_ALIAS_COUNT} aliases, and refuses one more, at that alias`, () => {
    const uses = (n: number) => `${HEAD}x-dep: &d payments\ndependsOn: [${Array(n).fill('*d').join(', ')}]\n`;
    const fits = single(uses(MAX_ALIAS_COUNT)).toJS();
    assert.equal(fits.error, null);
    assert.equal((fits.value as { dependsOn: string[] }).dependsOn.length, MAX_ALIAS_COUNT);

    const over = single(uses(MAX_ALIAS_COUNT + 1)).toJS();
    assert.match(over.error ?? '', /more than 100 of them.*resource exhaustion/);
    // Line 6: `dependsOn: [*d, *d, …]`; the 101st alias starts at column 13 + 100 × 4.
    assert.deepEqual(over.location, { file: 'services/ledger/service-contract.yaml', line: 6, column: 13 + 4 * MAX_ALIAS_COUNT, endLine: 6, endColumn: 15 + 4 * MAX_ALIAS_COUNT });
  });

  it('bounds aliases of empty collections, which the library does not count', () => {
    const text = `${HEAD}x-none: &e {}\nx-list: [${Array(20_000).fill('*e').join(', ')}]\n`;
    const started = performance.now();
    const result = single(text).toJS();
    assert.ok(performance.now() - started < 1_000);
    assert.match(result.error ?? '', /resource exhaustion/);
    assert.equal(result.location?.line, 6);
  });

  it('counts nested aliases with what they name: nine levels of nine are refused where they pass the bound', () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    }
    const result = single(`${HEAD}${levels.join('\n')}\n`).toJS();
    // a: 0, b: 9, c: 9 × (1 + 9) = 90 → 99 in all; d's first *c adds 1 + 90.
    assert.match(result.error ?? '', /up to \*c/);
    assert.deepEqual([result.location?.line, result.location?.column], [8, 8]);
  });

  it('refuses an alias inside the node it names, at that alias', () => {
    const result = single(`${HEAD}deps: &deps [ *deps ]\n`).toJS();
    assert.match(result.error ?? '', /inside the node it names/);
    assert.deepEqual([result.location?.line, result.location?.column], [5, 15]);
  });

  it('nodeToJS gives nothing for a subtree past the bound, and the value under it', () => {
    const doc = single(`${HEAD}x-dep: &d payments\nsmall: [*d, *d]\nlarge: [${Array(MAX_ALIAS_COUNT + 1).fill('*d').join(', ')}]\n`);
    assert.deepEqual(doc.nodeToJS(doc.get(doc.root, 'small')), ['payments', 'payments']);
    assert.equal(doc.nodeToJS(doc.get(doc.root, 'large')), undefined);
  });
});
