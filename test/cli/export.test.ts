/**
 * `northstar export backstage`: entities for what no catalog file describes, each valid by
 * `@backstage/catalog-model`'s own policies and kind validators (what a Backstage catalog runs on
 * ingestion), on the example workspace and on a real repository of the corpus.
 */
import assert from 'node:assert/strict';
import {
  componentEntityV1alpha1Validator,
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  groupEntityV1alpha1Validator,
  NoForeignRootFieldsEntityPolicy,
  parseEntityRef,
  SchemaValidEntityPolicy,
  userEntityV1alpha1Validator,
  type Entity,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { removeFolder, repoRoot, runInProcess } from './helpers';
import { materialize } from '../realworld/materialize';
import { buildBackstageExport } from '../../src/core/report/backstage';

const policy = EntityPolicies.allOf([new DefaultNamespaceEntityPolicy(), new NoForeignRootFieldsEntityPolicy(), new FieldFormatEntityPolicy(), new SchemaValidEntityPolicy()]);
const KINDS = { Component: componentEntityV1alpha1Validator, Group: groupEntityV1alpha1Validator, User: userEntityV1alpha1Validator };

/** Each document through Backstage's validation; returns the entities. */
async function validEntities(yamlText: string): Promise<Entity[]> {
  const entities = parseAllDocuments(yamlText).map((d) => {
    assert.deepEqual(d.errors, []);
    return d.toJS() as Entity;
  });
  for (const raw of entities) {
    const entity = await policy.enforce(raw);
    assert.ok(entity, `${raw.kind} ${raw.metadata.name}: refused by the catalog's policies`);
    const validator = KINDS[raw.kind as keyof typeof KINDS];
    assert.ok(validator, `unexpected kind ${raw.kind}`);
    assert.equal(await validator.check(raw), true, `${raw.kind} ${raw.metadata.name}`);
  }
  return entities;
}

describe('northstar export backstage', function () {
  this.timeout(120_000);

  it('examples/acme: Components for the contract- and manifest-declared modules, Groups for the teams no catalog declares', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-export-acme-'));
    fs.cpSync(path.join(repoRoot(), 'examples', 'acme'), root, { recursive: true });
    try {
      const run = await runInProcess(['export', 'backstage'], root);
      assert.equal(run.code, 0, run.stderr);
      const entities = await validEntities(run.stdout);
      const byKind = (kind: string) => entities.filter((e) => e.kind === kind);
      const names = (kind: string) => byKind(kind).map((e) => e.metadata.name);
      // search is described by services/search/catalog-info.yaml: the catalog has it already.
      assert.ok(!names('Component').includes('search'));
      assert.ok(names('Component').includes('payments-api'));
      // One catalog namespace, no duplicate names.
      for (const kind of ['Component', 'Group', 'User']) assert.equal(new Set(names(kind)).size, names(kind).length, kind);
      // Every owner and dependency points at an exported entity or one the catalog has.
      const exported = new Set(entities.map((e) => `${e.kind.toLowerCase()}:default/${e.metadata.name}`));
      const model = JSON.parse((await runInProcess(['model'], root)).stdout) as { teams: { id: string; source: string }[] };
      const inCatalog = new Set(model.teams.filter((t) => t.source === 'catalog').map((t) => { const r = parseEntityRef(t.id, { defaultKind: 'group' }); return `${r.kind}:${r.namespace}/${r.name}`; }));
      for (const c of byKind('Component')) {
        const spec = c.spec as { owner: string; dependsOn?: string[] };
        const owner = parseEntityRef(spec.owner);
        const ref = `${owner.kind}:${owner.namespace}/${owner.name}`;
        assert.ok(exported.has(ref) || inCatalog.has(ref), `${c.metadata.name} owner ${spec.owner}: neither exported nor in the catalog`);
        for (const d of spec.dependsOn ?? []) assert.match(d, /^component:default\//);
      }
      const payments = byKind('Group').find((g) => g.metadata.annotations?.['github.com/team-slug'] === 'acme/payments');
      assert.ok(payments, 'the @acme/payments team is the Group "payments" with its GitHub team slug');
      assert.equal(payments.metadata.name, 'payments');
      const api = byKind('Component').find((c) => c.metadata.name === 'payments-api')!;
      assert.equal((api.spec as { owner: string }).owner, 'group:default/payments');
      assert.match(api.metadata.annotations?.['northstar.dev/level'] ?? '', /^(none|bronze|silver|gold)$/);
      // The module no team owns is named on stderr, not exported with an invented owner.
      assert.match(run.stderr, /module\(s\) have no team and are not exported: legacy-csv-export/);
    } finally {
      removeFolder(root);
    }
  });

  it('a real repository (MetaMask/core, 98 packages, CODEOWNERS teams): every entity valid, names made valid and unique', async () => {
    const tree = materialize('MetaMask__core');
    try {
      const run = await runInProcess(['export', 'backstage', '-o', 'entities.yaml'], tree.root);
      assert.equal(run.code, 0, run.stderr);
      const entities = await validEntities(fs.readFileSync(path.join(tree.root, 'entities.yaml'), 'utf8'));
      const components = entities.filter((e) => e.kind === 'Component');
      assert.ok(components.length > 50, `${components.length} components`);
      // `@metamask/accounts-controller` is not a valid entity name: a valid one, and the package name as the title.
      const accounts = components.find((c) => c.metadata.title === '@metamask/accounts-controller');
      assert.ok(accounts, 'the scoped package keeps its name as the title');
      assert.equal(accounts.metadata.name, 'metamask-accounts-controller');
    } finally {
      tree.dispose();
    }
  });

  it('names: invalid characters, a leading @, too long, and collisions become valid unique names', () => {
    const module = (name: string) => ({ name, kind: 'module', source: 'manifest', files: ['x/package.json'], team: 't', owners: ['@o/t'], dependsOn: [], level: 'none', type: 'library', lifecycle: null, system: null, description: null, definedAt: { file: 'x/package.json', line: 1, column: 1, endLine: 1, endColumn: 1 } });
    const long = 'a'.repeat(70);
    const model = {
      modules: [module('@scope/pkg'), module('scope-pkg'), module(long), module('--x--')].map((m) => ({ ...m, tests: [], observability: [], slos: [], alerts: [], runbook: null, security: { threatModel: null }, data: { classification: null } })),
      teams: [{ id: 't', name: 'T', aliases: ['@o/t'], escalation: [], source: 'teams', location: null }],
    } as unknown as Parameters<typeof buildBackstageExport>[0];
    const names = buildBackstageExport(model).entities.filter((e) => e.kind === 'Component').map((e) => e.metadata.name);
    assert.deepEqual(names, ['scope-pkg', 'scope-pkg-2', 'a'.repeat(63), 'x']);
  });
});
