// Experiments (contract and catalog annotation) and initiatives (vision.yaml) read with their
// positions; bad input is a problem at its place, never a crash (DESIGN.md 1.8).
import assert from 'node:assert/strict';
import { parseCatalog } from '../../../src/core/sources/backstage';
import { parseContract } from '../../../src/core/sources/contract';
import { parseVision } from '../../../src/core/sources/vision';
import { text } from '../rules/tester';

const at = (source: string, needle: string) => {
  const lines = source.split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
};

describe('experiments and initiatives (sources)', () => {
  it('reads a contract experiment and initiatives with positions', () => {
    const source = text`
      apiVersion: northstar/v1
      kind: ServiceContract
      name: wallets
      lifecycle: experimental
      initiatives: [one-page-checkout]
      experiment:
        hypothesis: Wallet buttons raise conversion.
        successCriterion: { metric: checkout conversion rate, target: 3.0, by: 2026-12-15 }
        started: 2026-09-01
        decideBy: 2026-12-31
        decision: extend
    `;
    const { value, problems } = parseContract(source, 'svc/service-contract.yaml');
    assert.deepEqual(problems, []);
    const e = value!.experiment!;
    assert.equal(e.hypothesis, 'Wallet buttons raise conversion.');
    assert.equal(e.successCriterion!.target!.value, '3');
    assert.equal(e.decision!.value, 'extend');
    assert.deepEqual({ line: e.decideBy!.location.line, column: e.decideBy!.location.column }, at(source, '2026-12-31'));
    assert.deepEqual({ line: e.location.line, column: e.location.column }, { line: 6, column: 1 });
    assert.deepEqual(value!.initiatives.map((i) => i.name), ['one-page-checkout']);
  });

  it('a wrong decision word is a schema problem at the word and reads as no decision', () => {
    const source = 'apiVersion: northstar/v1\nkind: ServiceContract\nname: wallets\nexperiment:\n  decision: ship-it\n';
    const { value, problems } = parseContract(source, 'service-contract.yaml');
    assert.equal(value!.experiment!.decision, null);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'contracts/schema');
    assert.deepEqual([problems[0].location.line, problems[0].location.column], [5, 13]);
  });

  it("maps problems and values inside a block annotation to the catalog file's lines", () => {
    const source = text`
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: recommendations
        annotations:
          northstar.dev/experiment: |
            hypothesis: Rails raise basket size.
            decideBy: 2026-10-15
            decision: maybe
      spec: { type: service, lifecycle: production, owner: growth }
    `;
    const { value, problems } = parseCatalog(source, 'catalog-info.yaml');
    const entity = value![0];
    assert.deepEqual({ line: entity.experiment!.decideBy!.location.line, column: entity.experiment!.decideBy!.location.column }, at(source, '2026-10-15'));
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^annotation northstar\.dev\/experiment: /);
    assert.deepEqual({ line: problems[0].location.line, column: problems[0].location.column }, at(source, 'maybe'));
  });

  it('an annotation that is not YAML is a problem in the annotation, and the entity is still read', () => {
    const source = text`
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: recommendations
        annotations:
          northstar.dev/experiment: "{ hypothesis: [unclosed"
      spec: { type: service, owner: growth }
    `;
    const { value, problems } = parseCatalog(source, 'catalog-info.yaml');
    assert.equal(value!.length, 1);
    assert.equal(value![0].experiment, null);
    assert.ok(problems.length > 0);
    for (const p of problems) {
      assert.equal(p.ruleId, 'contracts/yaml');
      assert.equal(p.location.line, 6);
    }
  });

  it('reads initiatives under a priority, and reports an unknown status where it is written', () => {
    const source = text`
      apiVersion: northstar/v1
      kind: Vision
      priorities:
        - id: reliability
          title: Reliability first
          initiatives:
            - { id: multi-region, title: Multi-region, owner: "@acme/platform", status: active, due: 2027-01-31, modules: [ledger], metric: availability }
            - { id: chaos-days, title: Chaos days, status: someday }
    `;
    const { value, problems } = parseVision(source, 'vision.yaml');
    const [first, second] = value!.priorities[0].initiatives;
    assert.equal(first.id.value, 'multi-region');
    assert.equal(first.status!.value, 'active');
    assert.deepEqual(first.modules.map((m) => m.name), ['ledger']);
    assert.equal(first.metric!.value, 'availability');
    assert.equal(second.status, null);
    assert.equal(problems.length, 1);
    assert.deepEqual({ line: problems[0].location.line, column: problems[0].location.column }, at(source, 'someday'));
  });
});
