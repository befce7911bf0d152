/**
 * build/contractEdit.ts: which contract edits the model build answers from the previous model
 * (the edited modules built again, the others the same objects), which it leaves to the full
 * build, and that either way the model is the one a build from nothing gives.
 */
import assert from 'node:assert/strict';
import { modulesAfterContractEdit } from '../../../src/core/build/contractEdit';
import type { ModelInputs } from '../../../src/core/build/model';
import { parseCatalog } from '../../../src/core/sources/backstage';
import { OwnershipIndex, parseCodeowners } from '../../../src/core/sources/codeowners';
import { defaultConfig } from '../../../src/core/sources/config';
import { parseContract } from '../../../src/core/sources/contract';
import { parseManifest } from '../../../src/core/sources/manifest';
import { parseTeams } from '../../../src/core/sources/teams';
import type { ContractDecl } from '../../../src/core/sources/types';
import { buildEdit } from '../../support/modelEdit';

const contract = (name: string, owner: string | null, extra = '') =>
  `apiVersion: northstar/v1\nkind: ServiceContract\nname: ${name}\n${owner === null ? '' : `owner: "${owner}"\n`}type: service\ntier: 2\n${extra}`;

const CONTRACTS: Record<string, string> = {
  'services/payments/service-contract.yaml': contract('payments', '@acme/payments', 'dependsOn: [ledger]\n'),
  'services/ledger/service-contract.yaml': contract('ledger', '@acme/payments'),
  'services/search/service-contract.yaml': contract('search', '@acme/platform', 'dependsOn: [ledger]\n'),
  'services/portal/service-contract.yaml': contract('portal', '@acme/platform'),
};
const CATALOG = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: portal\n  description: The portal.\nspec:\n  type: website\n  owner: platform\n';
const PACKAGE = JSON.stringify({ name: '@acme/http', dependencies: {} });
const FILES = [
  '.github/CODEOWNERS',
  'libs/http/package.json',
  'libs/http/src/index.ts',
  'services/ledger/service-contract.yaml',
  'services/ledger/src/index.ts',
  'services/payments/service-contract.yaml',
  'services/payments/src/server.ts',
  'services/payments/test/server.test.ts',
  'services/portal/catalog-info.yaml',
  'services/portal/service-contract.yaml',
  'services/search/service-contract.yaml',
  'services/search/spec/search.ts',
  'teams.yaml',
];
const TEAMS = 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n  - id: "@acme/platform"\n    name: Platform\n';

/** The inputs of one workspace, its contracts as given; everything else the same objects every time. */
function workspace() {
  const config = defaultConfig();
  const codeowners = parseCodeowners('*  @acme/platform\n/services/ledger/  @acme/payments\n', '.github/CODEOWNERS', 'github').codeowners;
  const index = new OwnershipIndex(codeowners);
  const ownersOf = (path: string) => index.ownersOf(path);
  const catalog = parseCatalog(CATALOG, 'services/portal/catalog-info.yaml').value ?? [];
  const manifests = [parseManifest(PACKAGE, 'libs/http/package.json').value!];
  const teamsFile = parseTeams(TEAMS, 'teams.yaml').value;
  const parsed = new Map<string, ContractDecl>();
  const decl = (file: string, text: string): ContractDecl => {
    const key = `${file}\u0000${text}`;
    let c = parsed.get(key);
    if (!c) parsed.set(key, (c = parseContract(text, file).value!));
    return c;
  };
  return (contracts: Record<string, string>, files: readonly string[] = FILES): ModelInputs => ({
    rootLabel: 'shop',
    files,
    fileSet: new Set(files),
    config,
    contracts: Object.entries(contracts)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([file, text]) => decl(file, text)),
    catalog,
    manifests,
    teamsFile,
    visionFile: null,
    codeowners,
    priorityTags: [],
    ownersOf,
  });
}

/** Build `first`, then ask whether `next` is answered from it, and build `next` on the carry. */
const edit = (first: ModelInputs, next: ModelInputs) => buildEdit(first, next, modulesAfterContractEdit);

const withContract = (file: string, text: string) => ({ ...CONTRACTS, [file]: text });

describe('build/contractEdit: a contract edit builds only its module', () => {
  it('rebuilds the edited module alone; the others stay the same objects', async () => {
    const inputs = workspace();
    const { before, after, answered, named } = await edit(inputs(CONTRACTS), inputs(withContract('services/search/service-contract.yaml', contract('search', '@acme/platform', 'dependsOn: [ledger]\ndescription: Finds.\n'))));
    assert.ok(answered);
    assert.equal(named(after, 'search')?.description, 'Finds.');
    for (const name of ['payments', 'ledger', 'portal', '@acme/http']) {
      assert.ok(named(before, name), name);
      assert.equal(named(after, name), named(before, name), name);
    }
    assert.equal(after.teams, before.teams);
  });

  it('answers a rename of a module others depend on (their edges name it; the rules report them)', async () => {
    const inputs = workspace();
    const { after, answered, named } = await edit(inputs(CONTRACTS), inputs(withContract('services/ledger/service-contract.yaml', contract('books', '@acme/payments'))));
    assert.ok(answered);
    assert.equal(named(after, 'ledger'), undefined);
    assert.deepEqual(named(after, 'payments')?.dependsOn.map((d) => d.name), ['ledger']);
  });

  it('answers another declared owner, another tier, and an owner left to CODEOWNERS', async () => {
    const inputs = workspace();
    let r = await edit(inputs(CONTRACTS), inputs(withContract('services/payments/service-contract.yaml', contract('payments', '@acme/platform', 'dependsOn: [ledger]\n').replace('tier: 2', 'tier: 1'))));
    assert.ok(r.answered);
    assert.equal(r.named(r.after, 'payments')?.team, '@acme/platform');
    assert.equal(r.named(r.after, 'payments')?.tier, 1);
    r = await edit(inputs(CONTRACTS), inputs(withContract('services/ledger/service-contract.yaml', contract('ledger', null))));
    assert.ok(r.answered);
    assert.deepEqual(r.named(r.after, 'ledger')?.owners, ['@acme/payments']);
    assert.equal(r.named(r.after, 'ledger')?.ownerSource, 'codeowners');
  });

  it('leaves to the full build: new test globs, an undeclared owner, a contract added or removed, a folder a catalog entry shares', async () => {
    const inputs = workspace();
    const cases: Record<string, Record<string, string>> = {
      'test globs': withContract('services/search/service-contract.yaml', contract('search', '@acme/platform', 'dependsOn: [ledger]\ntests: ["spec/**"]\n')),
      'undeclared owner': withContract('services/search/service-contract.yaml', contract('search', '@acme/nobody', 'dependsOn: [ledger]\n')),
      'contract removed': Object.fromEntries(Object.entries(CONTRACTS).filter(([file]) => !file.startsWith('services/search/'))),
      'catalog entry in the folder': withContract('services/portal/service-contract.yaml', contract('portal', '@acme/platform', 'description: Renamed.\n')),
    };
    for (const [label, contracts] of Object.entries(cases)) {
      const { answered } = await edit(inputs(CONTRACTS), inputs(contracts));
      assert.equal(answered, false, label);
    }
    const added = await edit(inputs(CONTRACTS), inputs(withContract('libs/log/service-contract.yaml', contract('log', '@acme/platform')), [...FILES, 'libs/log/service-contract.yaml'].sort()));
    assert.equal(added.answered, false, 'contract added');
    const globs = await edit(inputs(CONTRACTS), inputs(cases['test globs']));
    assert.deepEqual(globs.named(globs.after, 'search')?.tests, ['services/search/spec/search.ts']);
  });
});
