/**
 * A map's pairs and the pair of one key (YamlDoc.entries / pair / get), kept per map node once
 * asked: the first pair of a key wins, own keys before merged ones, and asking again (or asking
 * another map of the same document) gives the same answers. And keys repeated indirectly (an
 * alias key, a second merge key) are reported, while a text with neither is not walked for them.
 */
import assert from 'node:assert/strict';
import { parseYaml } from '../../../src/core/sources/yaml';

function docOf(text: string) {
  const { documents } = parseYaml(text, 'services/ledger/service-contract.yaml');
  assert.equal(documents.length, 1);
  return documents[0];
}

const valueOf = (doc: ReturnType<typeof docOf>, map: unknown, key: string) => {
  const node = doc.get(map, key);
  return node && 'value' in node ? (node as { value: unknown }).value : null;
};

describe('YAML map entries', () => {
  it('answers the first pair of a repeated key, every time it is asked', () => {
    const doc = docOf('name: first\nowner: "@acme/ledger"\nname: second\n');
    for (let i = 0; i < 3; i++) {
      assert.equal(valueOf(doc, doc.root, 'name'), 'first');
      assert.equal(doc.keyLoc(doc.root, 'name')?.line, 1);
    }
    assert.deepEqual(doc.entries(doc.root).map((p) => doc.keyText(p)), ['name', 'owner', 'name']);
  });

  it('puts own keys before merged ones, and an own key wins over a merged one', () => {
    const doc = docOf('base: &base {tier: 3, system: billing}\nservice:\n  <<: *base\n  tier: 1\n  name: ledger\n');
    const service = doc.get(doc.root, 'service');
    assert.deepEqual(doc.entries(service).map((p) => doc.keyText(p)), ['tier', 'name', 'system']);
    assert.equal(valueOf(doc, service, 'tier'), 1);
    assert.equal(valueOf(doc, service, 'system'), 'billing');
    // The anchored map answers for itself, not with what the merge added to another.
    const base = doc.get(doc.root, 'base');
    assert.equal(valueOf(doc, base, 'tier'), 3);
    assert.equal(doc.pair(base, 'name'), undefined);
  });

  it('answers nothing for a key that is absent or for a node that is not a map', () => {
    const doc = docOf('name: ledger\nlist: [a, b]\n');
    assert.equal(doc.pair(doc.root, 'owner'), undefined);
    assert.equal(doc.get(doc.get(doc.root, 'list'), 'a'), null);
    assert.deepEqual(doc.entries(doc.get(doc.root, 'list')), []);
    assert.deepEqual(doc.entries(null), []);
  });
});

describe('YAML keys repeated through an alias or a merge', () => {
  const problemsOf = (text: string) => parseYaml(text, 'services/ledger/service-contract.yaml').problems.map((p) => `${p.ruleId} ${p.location.line}:${p.location.column} ${p.message}`);

  it('reports a key that an alias key repeats', () => {
    assert.deepEqual(problemsOf('defaults: &t tier\nservice:\n  tier: 1\n  *t : 2\n'), [
      'contracts/yaml 4:3 duplicate key "tier": a key may appear only once in a mapping (an alias stands for the key it refers to)',
    ]);
  });

  it('reports two merge keys in one mapping', () => {
    assert.deepEqual(problemsOf('a: &a {tier: 1}\nb: &b {system: x}\nservice:\n  <<: *a\n  <<: *b\n  name: ledger\n'), [
      'contracts/yaml 5:3 duplicate key "<<": a key may appear only once in a mapping (two `<<` merges: list both sources in one `<<: [*a, *b]`)',
    ]);
  });

  it('reports nothing for globs and one merge', () => {
    assert.deepEqual(problemsOf('tests: ["**/*.spec.ts"]\nbase: &b {tier: 1}\nservice:\n  <<: *b\n  name: ledger\n'), []);
    assert.deepEqual(problemsOf('name: ledger\ntier: 1\n'), []);
  });
});
