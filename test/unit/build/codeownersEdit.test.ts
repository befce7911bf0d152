/**
 * build/codeownersEdit.ts: which CODEOWNERS edits the model build answers from the previous model
 * (the modules whose CODEOWNERS owners changed built again, the others the same objects), which
 * it leaves to the full build, and that either way the model is the one a build from nothing
 * gives. Also: the team directory is kept across an edit that names the same handles first at
 * the same places (build/model.ts, model/teams.ts codeownersHandles).
 */
import assert from 'node:assert/strict';
import { buildCodeowners, type CodeownersCarry } from '../../../src/core/build/codeowners';
import { modulesAfterCodeownersEdit } from '../../../src/core/build/codeownersEdit';
import type { ModelInputs } from '../../../src/core/build/model';
import { parseCatalog } from '../../../src/core/sources/backstage';
import { parseComponentOwners } from '../../../src/core/sources/componentOwners';
import { defaultConfig } from '../../../src/core/sources/config';
import { parseContract } from '../../../src/core/sources/contract';
import { parseManifest } from '../../../src/core/sources/manifest';
import { parseTeams } from '../../../src/core/sources/teams';
import type { CatalogEntity } from '../../../src/core/sources/types';
import { buildEdit } from '../../support/modelEdit';

const contract = (name: string, owner: string | null) =>
  `apiVersion: northstar/v1\nkind: ServiceContract\nname: ${name}\n${owner === null ? '' : `owner: "${owner}"\n`}type: service\ntier: 2\n`;
const pkg = (name: string) => JSON.stringify({ name, dependencies: {} });

const FILES = [
  '.github/CODEOWNERS',
  'libs/http/package.json',
  'libs/http/src/index.ts',
  'libs/log/package.json',
  'libs/log/src/index.ts',
  'services/ledger/service-contract.yaml',
  'services/ledger/src/index.ts',
  'services/payments/service-contract.yaml',
  'services/payments/src/server.ts',
  'services/payments/test/server.test.ts',
  'teams.yaml',
];
const TEAMS = 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n  - id: "@acme/platform"\n    name: Platform\n';
const BASE = '*  @acme/platform\n/libs/http/  @acme/payments\n/services/ledger/  @acme/payments\n';

/**
 * The inputs of one workspace with CODEOWNERS as given, everything else the same objects every
 * time: payments declares its owner, ledger leaves it to CODEOWNERS, the two libraries are packages.
 */
function workspace(extra: { catalog?: CatalogEntity[]; componentOwners?: string } = {}) {
  const config = defaultConfig();
  const contracts = [
    parseContract(contract('ledger', null), 'services/ledger/service-contract.yaml').value!,
    parseContract(contract('payments', '@acme/payments'), 'services/payments/service-contract.yaml').value!,
  ];
  const manifests = [parseManifest(pkg('@acme/http'), 'libs/http/package.json').value!, parseManifest(pkg('@acme/log'), 'libs/log/package.json').value!];
  const teamsFile = parseTeams(TEAMS, 'teams.yaml').value;
  const componentOwners = extra.componentOwners ? parseComponentOwners(extra.componentOwners, '.github/component_owners.yml').value : null;
  const catalog = extra.catalog ?? [];
  const carry: CodeownersCarry = {};
  return (codeowners: string): ModelInputs => {
    const build = buildCodeowners(config, { has: (p) => p === '.github/CODEOWNERS', textOf: (p) => (p === '.github/CODEOWNERS' ? codeowners : undefined) }, null, carry);
    const index = build.index!;
    return {
      rootLabel: 'shop',
      files: FILES,
      fileSet: new Set(FILES),
      config,
      contracts,
      catalog,
      manifests,
      teamsFile,
      visionFile: null,
      componentOwners,
      codeowners: build.codeowners,
      codeownersBuild: build,
      priorityTags: [],
      ownersOf: (path: string) => index.ownersOf(path),
    };
  };
}

/** Build `first`, then ask whether `next` is answered from it, and build `next` on the carry. */
const edit = (first: ModelInputs, next: ModelInputs) => buildEdit(first, next, modulesAfterCodeownersEdit);

describe('build/codeownersEdit: a CODEOWNERS edit rebuilds only the modules it gives other owners', () => {
  it("rebuilds a module whose owners come from CODEOWNERS when a line changes its defining file's owners; the others stay the same objects", async () => {
    const inputs = workspace();
    const r = await edit(inputs(BASE), inputs(BASE.replace('/services/ledger/  @acme/payments', '/services/ledger/  @acme/platform')));
    assert.ok(r.answered);
    assert.ok(r.sameDirectory, 'the same handles first at the same places: the same team directory');
    const ledger = r.named(r.after, 'ledger');
    assert.deepEqual([ledger?.owners, ledger?.ownerSource, ledger?.team], [['@acme/platform'], 'codeowners', '@acme/platform']);
    assert.notEqual(ledger, r.named(r.before, 'ledger'));
    for (const name of ['payments', '@acme/http', '@acme/log']) assert.equal(r.named(r.after, name), r.named(r.before, name), name);
    assert.equal(r.after.teams, r.before.teams);
  });

  it('keeps every module when the line added changes only files no module is defined by', async () => {
    const inputs = workspace();
    const r = await edit(inputs(BASE), inputs(`${BASE}/libs/log/src/ @acme/payments\n/services/payments/ @acme/platform\n`));
    assert.ok(r.answered);
    assert.equal(r.after.modules, r.before.modules, 'the same array: payments declares its owner, src/ defines no module');
  });

  it('answers a line that un-owns a package and one that gives it owners again', async () => {
    const inputs = workspace();
    let r = await edit(inputs(BASE), inputs(`${BASE}/libs/log/\n`));
    assert.ok(r.answered);
    assert.deepEqual([r.named(r.after, '@acme/log')?.owners, r.named(r.after, '@acme/log')?.ownerSource, r.named(r.after, '@acme/log')?.team], [[], null, null]);
    r = await edit(inputs(`${BASE}/libs/log/\n`), inputs(`${BASE}/libs/log/ @acme/payments\n`));
    assert.ok(r.answered);
    assert.deepEqual(r.named(r.after, '@acme/log')?.owners, ['@acme/payments']);
  });

  it('keeps the team directory and every module when a comment moves lines whose handles teams.yaml declares', async () => {
    const inputs = workspace();
    const r = await edit(inputs(BASE), inputs(`# the shop\n${BASE}`));
    assert.ok(r.sameDirectory);
    assert.ok(r.answered);
    assert.equal(r.after.modules, r.before.modules);
  });

  it('rebuilds the team directory when a handle only CODEOWNERS names is new or first written elsewhere, and then leaves the modules to the full build', async () => {
    const inputs = workspace();
    let r = await edit(inputs(BASE), inputs(`${BASE}/libs/log/ @acme/search\n`));
    assert.ok(!r.sameDirectory);
    assert.ok(!r.answered);
    assert.ok(r.after.teams.some((t) => t.id === '@acme/search'));
    // @acme/docs is a team only CODEOWNERS names: its team points at the line that first names it.
    const docs = `${BASE}/libs/log/ @acme/docs\n`;
    r = await edit(inputs(docs), inputs(`# the shop\n${docs}`));
    assert.ok(!r.sameDirectory, 'the handle moved a line down');
    assert.equal(r.after.teams.find((t) => t.id === '@acme/docs')?.location?.line, 5);
    // The only line naming it removed: the team is gone.
    r = await edit(inputs(docs), inputs(BASE));
    assert.ok(!r.sameDirectory);
    assert.ok(!r.after.teams.some((t) => t.id === '@acme/docs'));
  });

  it('leaves to the full build: a group giving its owners to the modules inside it, and component_owners.yml', async () => {
    // A repository-wide catalog Component over libs/ owns what inside it names no owner.
    const group = parseCatalog(
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: libs\nspec:\n  type: repository\n  owner: platform\n',
      'libs/catalog-info.yaml',
    ).value!;
    let inputs = workspace({ catalog: group });
    let r = await edit(inputs(BASE), inputs(`${BASE}/libs/log/\n`));
    assert.ok(!r.answered);
    assert.equal(r.named(r.after, '@acme/log')?.ownerSource, 'group');

    inputs = workspace({ componentOwners: 'components:\n  libs/log:\n    - "@acme/payments"\n' });
    r = await edit(inputs(BASE), inputs(`${BASE}/libs/log/\n`));
    assert.ok(!r.answered);
    assert.equal(r.named(r.after, '@acme/log')?.ownerSource, 'componentOwners');
    r = await edit(inputs(`${BASE}/libs/log/\n`), inputs(`${BASE}/libs/log/ @acme/platform\n`));
    assert.ok(!r.answered);
    assert.equal(r.named(r.after, '@acme/log')?.ownerSource, 'codeowners');
  });
});
