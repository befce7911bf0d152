/**
 * The YAML fast path (simpleDocument in sources/yaml.ts): a plain block-mapping text is built
 * directly, without the library's lexer, parser and composer, and must give exactly the nodes
 * the library gives (types, values, sources, scalar styles, ranges, the document's range and
 * options), so that every reader, position and schema check is the same either way. Anything
 * the fast path is not sure of goes to the library.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { parseYaml, simpleDocument } from '../../../src/core/sources/yaml';

const OPTIONS = { prettyErrors: false, merge: true, uniqueKeys: true, logLevel: 'error' } as const;

/** Every own enumerable property, recursively, with each object's class and the library's node-type symbol. */
function shape(value: unknown, seen = new Set<unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  const out: Record<string, unknown> = { class: (value as object).constructor?.name };
  for (const symbol of Object.getOwnPropertySymbols(value)) out[String(symbol)] = (value as Record<symbol, unknown>)[symbol];
  for (const [key, inner] of Object.entries(value)) out[key] = shape(inner, seen);
  seen.delete(value);
  return out;
}

function libraryDocument(text: string) {
  const docs = parseAllDocuments(text, OPTIONS);
  assert.ok(Array.isArray(docs));
  assert.equal(docs.length, 1);
  return docs[0];
}

function assertSameAsLibrary(text: string): void {
  const fast = simpleDocument(text);
  assert.ok(fast, `the fast path should take ${JSON.stringify(text)}`);
  const library = libraryDocument(text);
  assert.deepEqual(library.errors, []);
  assert.deepEqual(shape(fast), shape(library), JSON.stringify(text));
  assert.deepEqual(fast.toJS(), library.toJS());
}

const CONTRACT = [
  'apiVersion: northstar/v1',
  'kind: ServiceContract',
  'name: quota-1072',
  'description: The quota-1072 library, generated for the benchmark.',
  'owner: "@acme/team-16"',
  'type: library',
  'system: checkout',
  'lifecycle: production',
  'tier: 2',
  'dependsOn: [promo-280, refund-284, events-623]',
  'priorities: [reliability]',
  '',
].join('\n');

describe('YAML fast path', () => {
  it('builds a flat contract exactly as the library composes it', () => {
    assertSameAsLibrary(CONTRACT);
  });

  const taken = [
    'name: ledger\n',
    'tier: 0\ncount: 123456789012345\n',
    'owner: "@acme/ledger"\nempty: ""\nodd: "a # b [c] {d}, e: f \'g\' ~"\n',
    'path: /srv/ledger/run\nmixed: a.b_c-d/e@f+g=h (i)\nspaced: two  spaces inside\n',
    'list: [a, b2, c_3, 4, /x, y.z]\none: [solo]\nnumbers: [1, 22, 0]\n',
    'Name_with-dash: value\nN: v\n',
    'yes: no\non: off\ny: n\nNaN: nan\ninf: Infinity\n',
    'url: https//not-a-url-without-colon\n',
    'owner: group:default/team-156\nurl: https://example.com/x\ncolon: a:b\nlist: [component:ledger-1105, b]\nmap: { a: b:c }\n',
    'window: 30d\nratio: 99.9\nkept: 99.90\nzero: 0.0\nversion: 1.2.3\nwords: 30 days\n',
    'observability:\n  logs: structured-json\n  alerts: [x-errors]\n  runbook: README.md\nslos:\n  - { name: availability, objective: 99.9, window: 30d }\n  - { name: latency, objective: 99.90 }\nz: 1\n',
    'a:\n  b:\n    c: deep\n    d: [1, 2.50]\n  e: "@x"\nf:\n  - plain item\n  - "quoted"\n  - [a, b]\n  - 7\n',
    'last:\n  - { a: b }\n',
    'nested:\n  inner: x\n',
    'version: 1.5\nstarts: 2fa-service\nfloatItem: [1.5]\nparent:\n  child: x\nlist:\n  - a\n',
    'quotedItem: ["a", b, "group:default/t"]\nspaceItem: [a b, c]\nmap: { unit: "%", name: metric 0 }\n',
    'teams:\n  - id: "@a/t0"\n    name: Team 0\n    escalation:\n      - { kind: chat, target: "#t0" }\n  - id: b\n  - plain\n  - a:b\n  - c: d\n    e:\n      f: g\nz: 1\n',
  ];
  for (const text of taken) it(`takes ${JSON.stringify(text)}`, () => assertSameAsLibrary(text));

  const refused = [
    '',
    'name: ledger', // no final line break
    'name: ledger\r\n',
    'name:\tledger\n',
    'name: ledger # comment\n',
    '# comment\nname: ledger\n',
    'name: ledger\n\nowner: x\n',
    '---\nname: ledger\n',
    'name: ledger\n---\nname: other\n',
    'name: ledger\nname: again\n',
    'true: x\n',
    'null: x\n',
    'flag: true\n',
    'flag: False\n',
    'nothing: null\n',
    'nothing: ~\n',
    'nothing: \n',
    'octal: 007\n',
    'hex: 0x1F\n',
    'big: 1234567890123456\n',
    'negative: -1\n',
    'signed: +1\n',
    'inf: .inf\n',
    'at: @acme/ledger\n',
    'tick: `x`\n',
    'anchor: &a value\n',
    'alias: *a\n',
    '<<: {a: 1}\n',
    'tag: !!str 1\n',
    'single: \'quoted\'\n',
    'escaped: "a\\"b"\n',
    'escaped: "a\\nb"\n',
    'unicode: "café"\n',
    'plain: café\n',
    'colon: a: b\n',
    'colon: a:\n',
    'colon: a: \n',
    'items: [a:, b]\n',
    'trailing: value \n',
    'double:  value\n',
    'empty: []\n',
    'tight: [a,b]\n',
    'spaced: [ a, b ]\n',
    'nested: [a, [b]]\n',
    'boolItem: [a, true]\n',
    'map: {a: 1}\n',
    'block: |\n  text\n',
    'folded: >\n  text\n',
    '- a\n- b\n',
    ' indented: x\n',
    '"quoted key": x\n',
    'key with space: x\n',
    '1: x\n',
    '? complex\n: x\n',
    '%YAML 1.2\n---\na: b\n',
    'float: 1.\n',
    'exp: 1e3\n',
    'octal: 0o17\n',
    'items: [1e3]\n',
    'map: { a: 1e3 }\n',
    'map: {a: b}\n',
    'map: { a: b, a: c }\n',
    'map: { a: b,c: d }\n',
    'map: { a:b }\n',
    'map: { }\n',
    'map: { "a": b }\n',
    'map: { a: [b] }\n',
    'parent:\n    child: four spaces\n',
    'parent:\n child: one space\n',
    'parent:\n- compact\n',
    'parent:\n  - a\n  b: c\n',
    'parent:\n  child: x\n    deeper: y\n',
    'parent:\n  child: x\n\n',
    'parent:\n  - a\n\nnext: b\n',
    'parent:\n  -\n',
    'parent:\n  - - a\n',
    'parent:\n  child: x\n  child: y\n',
    'spaced: [a  b]\n',
    'spaced: [a ]\n',
    'map: { a: "x\\"y" }\n',
    'parent:\n  - a: b\n   c: d\n',
    'parent:\n  - a: b\n      c: d\n',
    'parent:\n  - a: b\n    a: c\n',
    'parent:\n',
    'parent: x\n  child: y\n',
  ];
  for (const text of refused) {
    it(`leaves ${JSON.stringify(text)} to the library`, () => assert.equal(simpleDocument(text), null));
  }

  it('agrees with the library on generated texts (seeded)', () => {
    // Lines built from pieces that are near the edge of what the fast path takes.
    const keys = ['name', 'tier', 'a', 'x-y', 'k_1', 'true', 'Null', 'on', '1x', 'b c', '<<'];
    const values = [
      'ledger', '2', '0', '07', '1.0', '1.50', '99.9', '1.', '1e3', '30d', '0x1F', '-3', 'true', 'TRUE', 'no', '~', 'null', '', ' x', 'x ', 'a b',
      'a  b', 'a,b', 'a, b', '(x)', 'x=y', 'a+b', '/p/q', '_u', '.hidden', '@t', '"@t"', '""', '"a\'b"', '"a\\\\b"', "'s'", '[a]', '[a, 2]', '[]',
      '[a,b]', '[ a ]', '[a, true]', '[a, 1.5]', '[a, -1]', '[a, [b]]', '{a: b}', '{ a: b }', '{ a: 1.0, b: 30d }', '{ a: b, a: c }', '{ a: [b] }',
      '[a  b]', '[a ]', '[ a]', '["a", "b\\"c"]', '{ a: "b" }', '{ a: b , c: d }', 'group:default/t', 'a:', ':a', 'a::b', 'a: :b', 'a:,b', 'a:/b', 'http://x', '[component:x, y]', '[a:, b]', '{ a: b:c }', '{ a:b: c }',
      'a: b', 'a #c', '#c', '&a x', '*a', '!t x', '|', '>', 'x\t', 'é', '"é"', '9999999999999999', '123456789012345',
    ];
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(list: readonly T[]) => list[next(list.length)];
    // Mostly pieces the fast path takes, so that most texts are compared and not only refused.
    const good = ['ledger', '2', '1.50', '30d', 'a b', '"@t"', '[a, 2]', '{ a: 1.0, b: 30d }', 'group:default/t', '[component:x, y]', '[a b, "c"]', '{ a: "%", b: c d }'];
    const value = () => (next(4) === 0 ? pick(values) : pick(good));
    const key = (i: number) => (next(5) === 0 ? pick(keys) : `k${i}`);
    /** A block mapping `indent` spaces in: one-line values, and now and then a mapping or list below a key. */
    const block = (indent: number, depth: number): string[] => {
      const lines: string[] = [];
      const pad = ' '.repeat(indent);
      for (let i = 1 + next(3); i > 0; i--) {
        const kind = depth < 2 ? next(7) : 0;
        if (kind === 4) lines.push(`${pad}${key(i)}:`, ...block(indent + pick([2, 2, 2, 2, 2, 1, 4]), depth + 1));
        else if (kind === 5) {
          lines.push(`${pad}${key(i)}:`);
          const dash = ' '.repeat(indent + pick([2, 2, 2, 2, 2, 0]));
          for (let j = 1 + next(3); j > 0; j--) lines.push(`${dash}- ${value()}`);
        } else if (kind === 6) {
          // A list of mappings: `- key: value` and the item's further keys below it.
          lines.push(`${pad}${key(i)}:`);
          const dash = ' '.repeat(indent + 2);
          for (let j = 1 + next(2); j > 0; j--) {
            const item = block(indent + 4 + pick([0, 0, 0, 0, 1, -1]), depth + 1);
            lines.push(`${dash}- ${item[0].trimStart()}`, ...item.slice(1));
          }
        } else lines.push(`${pad}${key(i)}: ${value()}`);
      }
      return lines;
    };
    let compared = 0;
    let nested = 0;
    let listsOfMaps = 0;
    for (let round = 0; round < 15000; round++) {
      const text = block(0, 0).join('\n') + (next(10) === 0 ? '' : '\n');
      if (!simpleDocument(text)) continue;
      compared++;
      if (text.includes('\n ')) nested++;
      if (/- \w+:/.test(text)) listsOfMaps++;
      assertSameAsLibrary(text);
    }
    // The generator reaches the fast path often enough, nested too, for the comparison to mean something.
    assert.ok(compared > 1000 && nested > 100 && listsOfMaps > 80, `only ${compared} generated texts took the fast path (${nested} nested, ${listsOfMaps} with lists of mappings)`);
  });

  it('gives the same documents, positions and problems through parseYaml', () => {
    const { documents, problems } = parseYaml(CONTRACT, 'libs/quota-1072/service-contract.yaml');
    assert.deepEqual(problems, []);
    assert.equal(documents.length, 1);
    const doc = documents[0];
    assert.deepEqual(doc.valueLoc(doc.root, 'owner'), { file: 'libs/quota-1072/service-contract.yaml', line: 5, column: 8, endLine: 5, endColumn: 23 });
    assert.deepEqual(doc.items(doc.get(doc.root, 'dependsOn')).map((n) => doc.loc(n).column), [13, 24, 36]);
  });
});
