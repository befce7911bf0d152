/**
 * What an update keeps from the previous snapshot, case by case (the property test in
 * test/unit/property/incremental.property.test.ts checks the same on random edit sequences):
 * modules an edit did not change are the previous objects (build/share.ts), per-module rules keep
 * their findings only while what they read besides the module is the same, rules that name what
 * they read are not run again while it is unchanged, and findings that depend on other modules
 * (unknown dependency, duplicate name, cycle) follow an edit of one contract.
 */
import assert from 'node:assert/strict';
import type { Analysis, FileChange } from '../../../src/core/api';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';
import { ruleById } from '../../../src/core/rules';

const TODAY = '2026-11-01';

const contract = (name: string, owner: string, extra = '') =>
  `apiVersion: northstar/v1\nkind: ServiceContract\nname: ${name}\nowner: "${owner}"\ntype: service\ntier: 2\n${extra}`;

const TEAMS = 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n  - id: "@acme/platform"\n    name: Platform\n';

function shop(): InMemoryFileAccess {
  return new InMemoryFileAccess({
    '.github/CODEOWNERS': '*  @acme/platform\n/services/payments/  @acme/payments\n/services/ledger/ @acme/platform\n/services/gone/ @acme/platform\n',
    'teams.yaml': TEAMS,
    'services/payments/service-contract.yaml': contract('payments', '@acme/payments', 'dependsOn: [ledger]\n'),
    'services/payments/src/server.ts': 'export const port = 8080;\n',
    'services/payments/test/server.test.ts': 'import { port } from "../src/server";\n',
    'services/ledger/service-contract.yaml': contract('ledger', '@acme/payments'),
    'services/ledger/src/index.ts': 'export {};\n',
    'services/search/service-contract.yaml': contract('search', '@acme/platform', 'dependsOn: [ledger]\n'),
    'packages/backend/package.json': JSON.stringify({ name: 'backend', dependencies: { '@backstage/backend-defaults': '^0.8.0' } }),
    'packages/backend/src/index.ts': 'const backend = createBackend();\nbackend.start();\n',
  });
}

/** Apply `edit` to the files, update, and check the update against a fresh analysis. */
async function step(fs: InMemoryFileAccess, analyzer: WorkspaceAnalyzer, writes: Record<string, string>): Promise<Analysis> {
  const changes: FileChange[] = Object.entries(writes).map(([path, text]) => {
    const existed = fs.paths().includes(path);
    fs.write(path, text);
    return { path, kind: existed ? 'changed' : 'created' };
  });
  const updated = await analyzer.update(changes);
  const fresh = await analyzeWorkspace(fs, { today: TODAY });
  assert.deepEqual(updated.model, fresh.model);
  return updated;
}

const moduleNamed = (a: Analysis, name: string) => a.model.modules.find((m) => m.name === name);
const ids = (a: Analysis, ruleId: string) => a.model.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.module ?? f.file}: ${f.message}`);

describe('incremental updates: what an update keeps', () => {
  it('keeps the modules an edit did not change as the same objects, and replaces the one it did', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    const before = await analyzer.analyze();
    const after = await step(fs, analyzer, { 'services/search/service-contract.yaml': contract('search', '@acme/platform', 'dependsOn: [ledger]\ndescription: Finds things.\n') });
    assert.equal(moduleNamed(after, 'payments'), moduleNamed(before, 'payments'));
    assert.equal(moduleNamed(after, 'ledger'), moduleNamed(before, 'ledger'));
    assert.notEqual(moduleNamed(after, 'search'), moduleNamed(before, 'search'));
    assert.equal(moduleNamed(after, 'search')?.description, 'Finds things.');
    // The resolvers answer with the same objects as the model.
    assert.equal(after.moduleOf('services/payments/src/server.ts'), moduleNamed(after, 'payments'));
    assert.equal(after.moduleByName('search'), moduleNamed(after, 'search'));
  });

  it('runs a per-module rule again on every module when what it reads besides the module changes (teams.yaml: owner-mismatch)', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    const before = await analyzer.analyze();
    // ledger's contract says @acme/payments, CODEOWNERS @acme/platform: a mismatch, until one team has both names.
    assert.deepEqual(ids(before, 'ownership/owner-mismatch').length, 1);
    const aliased = TEAMS.replace('    name: Payments\n', '    name: Payments\n    aliases: ["@acme/platform"]\n').replace('  - id: "@acme/platform"\n    name: Platform\n', '');
    const after = await step(fs, analyzer, { 'teams.yaml': aliased });
    assert.deepEqual(ids(after, 'ownership/owner-mismatch'), []);
  });

  it('runs missing-tests again when a manifest changes and its module does not (a backend app becomes a composition root)', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    const before = await analyzer.analyze();
    assert.equal(ids(before, 'quality/missing-tests').filter((f) => f.startsWith('backend:')).length, 1);
    const after = await step(fs, analyzer, {
      'packages/backend/package.json': JSON.stringify({ name: 'backend', backstage: { role: 'backend' }, dependencies: { '@backstage/backend-defaults': '^0.8.0' } }),
    });
    assert.equal(moduleNamed(after, 'backend'), moduleNamed(before, 'backend'), 'the module itself is unchanged');
    assert.deepEqual(ids(after, 'quality/missing-tests').filter((f) => f.startsWith('backend:')), []);
  });

  it('follows one contract edit into findings about other modules: unknown dependency, duplicate name, cycle', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    await analyzer.analyze();
    // ledger renamed: payments and search now depend on nothing.
    let a = await step(fs, analyzer, { 'services/ledger/service-contract.yaml': contract('books', '@acme/payments') });
    assert.equal(ids(a, 'contracts/unknown-dependency').length, 2);
    // search renamed to payments: two modules of one name.
    a = await step(fs, analyzer, { 'services/search/service-contract.yaml': contract('payments', '@acme/platform') });
    assert.ok(ids(a, 'contracts/duplicate-name').length > 0);
    // back, and a cycle: books → payments → books.
    a = await step(fs, analyzer, {
      'services/search/service-contract.yaml': contract('search', '@acme/platform'),
      'services/ledger/service-contract.yaml': contract('books', '@acme/payments', 'dependsOn: [payments]\n'),
      'services/payments/service-contract.yaml': contract('payments', '@acme/payments', 'dependsOn: [books]\n'),
    });
    assert.deepEqual(ids(a, 'contracts/unknown-dependency'), []);
    assert.deepEqual(ids(a, 'contracts/duplicate-name'), []);
    assert.equal(ids(a, 'contracts/dependency-cycle').length, 1);
  });

  it('follows contract edits of owner, tier and test globs, and contracts removed and added, as a fresh analysis', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    await analyzer.analyze();
    let a = await step(fs, analyzer, { 'services/ledger/service-contract.yaml': contract('ledger', '@acme/platform').replace('tier: 2', 'tier: 1') });
    assert.equal(moduleNamed(a, 'ledger')?.team, '@acme/platform');
    assert.equal(moduleNamed(a, 'ledger')?.tier, 1);
    // No owner in the contract: CODEOWNERS names @acme/platform for services/ledger/.
    a = await step(fs, analyzer, { 'services/ledger/service-contract.yaml': contract('ledger', '@TODO-team') });
    assert.equal(moduleNamed(a, 'ledger')?.ownerSource, 'codeowners');
    a = await step(fs, analyzer, { 'services/payments/service-contract.yaml': contract('payments', '@acme/payments', 'dependsOn: [ledger]\ntests: ["src/**"]\n') });
    assert.deepEqual(moduleNamed(a, 'payments')?.tests, ['services/payments/src/server.ts']);
    fs.delete('services/search/service-contract.yaml');
    a = await analyzer.update([{ path: 'services/search/service-contract.yaml', kind: 'deleted' }]);
    assert.deepEqual(a.model, (await analyzeWorkspace(fs, { today: TODAY })).model);
    assert.equal(moduleNamed(a, 'search'), undefined);
    a = await step(fs, analyzer, { 'services/search/service-contract.yaml': contract('search', '@acme/platform', 'dependsOn: [ledger]\n') });
    assert.ok(moduleNamed(a, 'search'));
  });

  it('reports the findings of what an edit left alone as the same objects, and applies a new disable comment to them', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    const before = await analyzer.analyze();
    // Per-module rules (quality/missing-tests, observability/missing…) keep their reports for an unchanged module.
    const about = (a: Analysis, name: string) => a.model.findings.filter((f) => f.module === name && ruleById(f.ruleId)?.checkModule);
    assert.ok(about(before, 'ledger').length > 0);
    let after = await step(fs, analyzer, { 'services/search/service-contract.yaml': contract('search', '@acme/platform', 'dependsOn: [ledger]\ndescription: Finds.\n') });
    about(before, 'ledger').forEach((f, i) => assert.equal(about(after, 'ledger')[i], f));
    // A disable comment in another file silences one of them: the kept findings are decided again.
    const silenced = about(before, 'ledger')[0];
    const text = contract('ledger', '@acme/payments').split('\n');
    text.splice(silenced.line - 1, 0, `# northstar-disable-next-line ${silenced.ruleId}`);
    after = await step(fs, analyzer, { 'services/ledger/service-contract.yaml': text.join('\n') });
    assert.ok(!after.model.findings.some((f) => f.ruleId === silenced.ruleId && f.module === 'ledger' && f.message === silenced.message));
  });

  it('does not run a rule that names what it reads while that is unchanged, and runs it once it changes', async () => {
    const rule = ruleById('codeowners/no-match');
    assert.ok(rule?.meta.reads);
    const original = rule.check;
    let runs = 0;
    rule.check = (ctx) => {
      runs++;
      original(ctx);
    };
    try {
      const fs = shop();
      const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
      const first = await analyzer.analyze();
      assert.equal(runs, 1);
      assert.deepEqual(ids(first, 'codeowners/no-match').length, 1, '/services/gone/ matches no file');
      // No fresh analysis here (it would run the rule too): the other tests compare with one.
      fs.write('services/search/service-contract.yaml', contract('search', '@acme/platform', 'description: Finds.\n'));
      const edited = await analyzer.update([{ path: 'services/search/service-contract.yaml', kind: 'changed' }]);
      assert.equal(runs, 1, 'a contract edit changes neither the file list nor CODEOWNERS');
      assert.deepEqual(ids(edited, 'codeowners/no-match'), ids(first, 'codeowners/no-match'));
      fs.write('services/gone/service-contract.yaml', contract('gone', '@acme/platform'));
      const added = await analyzer.update([{ path: 'services/gone/service-contract.yaml', kind: 'created' }]);
      assert.equal(runs, 2, 'a new file: the file list changed');
      assert.deepEqual(ids(added, 'codeowners/no-match'), []);
    } finally {
      rule.check = original;
    }
  });
});

describe('incremental updates after CODEOWNERS edits equal a fresh analysis', () => {
  const finding = (a: Analysis, ruleId: string) => a.model.findings.filter((f) => f.ruleId === ruleId);

  it('GitHub: owners changed, a comment moving every line, a line added and removed', async () => {
    const fs = shop();
    const base = '*  @acme/platform\n/services/payments/  @acme/payments\n/services/ledger/ @acme/platform\n/services/serch/ @acme/platform\n';
    fs.write('.github/CODEOWNERS', base);
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    await analyzer.analyze();
    // ledger's contract names @acme/payments, CODEOWNERS @acme/platform; /services/serch/ is a typo for search.
    let a = await step(fs, analyzer, { '.github/CODEOWNERS': base });
    assert.equal(finding(a, 'ownership/owner-mismatch').length, 1);
    const [dead] = finding(a, 'codeowners/no-match');
    assert.equal(dead.line, 4);
    assert.deepEqual(dead.fix?.edits.map((e) => [e.range?.line, e.newText]), [[4, '/services/search/']]);

    // Owners only: the same lines decide, ledger's owners agree now.
    const owners = base.replace('/services/ledger/ @acme/platform', '/services/ledger/ @acme/payments');
    a = await step(fs, analyzer, { '.github/CODEOWNERS': owners });
    assert.deepEqual(finding(a, 'ownership/owner-mismatch'), []);
    assert.equal(finding(a, 'codeowners/no-match')[0].line, 4);

    // A comment on top: every finding and fix follows its line.
    a = await step(fs, analyzer, { '.github/CODEOWNERS': `# owners of the shop\n${owners}` });
    const moved = finding(a, 'codeowners/no-match')[0];
    assert.equal(moved.line, 5);
    assert.deepEqual(moved.fix?.edits.map((e) => [e.range?.line, e.newText]), [[5, '/services/search/']]);

    // A line added: a module without an owner of its own gets the new line's owners.
    a = await step(fs, analyzer, { '.github/CODEOWNERS': `# owners of the shop\n${owners}/packages/backend/ @acme/payments\n` });
    assert.deepEqual(moduleNamed(a, 'backend')?.owners, ['@acme/payments']);

    // The line removed again, and the typo's line too.
    a = await step(fs, analyzer, { '.github/CODEOWNERS': owners.replace('/services/serch/ @acme/platform\n', '') });
    assert.deepEqual(moduleNamed(a, 'backend')?.owners, ['@acme/platform']);
    assert.deepEqual(finding(a, 'codeowners/no-match'), []);
  });

  it('rebuilds only the modules a line gives other owners: a package owned by CODEOWNERS, a file no module is defined by, a group-inherited owner', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    const base = '*  @acme/platform\n/services/payments/  @acme/payments\n/services/ledger/ @acme/payments\n';
    fs.write('.github/CODEOWNERS', base);
    await analyzer.analyze();
    let before = await step(fs, analyzer, { '.github/CODEOWNERS': base });

    // The backend package takes its owners from CODEOWNERS: only it is built again.
    let a = await step(fs, analyzer, { '.github/CODEOWNERS': `${base}/packages/backend/ @acme/payments\n` });
    assert.deepEqual([moduleNamed(a, 'backend')?.owners, moduleNamed(a, 'backend')?.team], [['@acme/payments'], '@acme/payments']);
    for (const name of ['payments', 'ledger', 'search']) assert.equal(moduleNamed(a, name), moduleNamed(before, name), name);
    assert.equal(a.model.teams, before.model.teams);
    assert.equal(a.teamOf, before.teamOf, 'the same handles: the same team directory');

    // A line for a file no module is defined by: every module stays as it was.
    before = a;
    a = await step(fs, analyzer, { '.github/CODEOWNERS': `${base}/packages/backend/ @acme/payments\n/packages/backend/src/ @acme/platform\n` });
    assert.equal(a.model.modules, before.model.modules);
    assert.deepEqual(a.ownersOf('packages/backend/src/index.ts').owners, ['@acme/platform']);

    // A repository-wide catalog Component over packages/ gives its owner to what CODEOWNERS un-owns there.
    const group = 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: packages\nspec:\n  type: repository\n  owner: "@acme/platform"\n';
    a = await step(fs, analyzer, { 'packages/catalog-info.yaml': group });
    a = await step(fs, analyzer, { '.github/CODEOWNERS': `${base}/packages/backend/\n` });
    assert.deepEqual([moduleNamed(a, 'backend')?.owners, moduleNamed(a, 'backend')?.ownerSource], [['@acme/platform'], 'group']);
    a = await step(fs, analyzer, { '.github/CODEOWNERS': `${base}/packages/backend/ @acme/payments\n` });
    assert.deepEqual([moduleNamed(a, 'backend')?.owners, moduleNamed(a, 'backend')?.ownerSource], [['@acme/payments'], 'codeowners']);
  });

  it('checks owner-mismatch again only on the modules whose CODEOWNERS answer or module changed', async () => {
    const rule = ruleById('ownership/owner-mismatch')!;
    const original = rule.checkModule!;
    const checked: string[] = [];
    rule.checkModule = (ctx, module) => {
      checked.push(module.name);
      original.call(rule, ctx, module);
    };
    try {
      const fs = shop();
      const base = '*  @acme/platform\n/services/payments/  @acme/payments\n/services/ledger/ @acme/platform\n';
      fs.write('.github/CODEOWNERS', base);
      const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
      await analyzer.analyze();
      const edit = async (text: string) => {
        fs.write('.github/CODEOWNERS', text);
        checked.length = 0;
        const a = await analyzer.update([{ path: '.github/CODEOWNERS', kind: 'changed' }]);
        const names = [...checked].sort();
        assert.deepEqual(a.model, (await analyzeWorkspace(fs, { today: TODAY })).model);
        return { a, checked: names };
      };
      let r = await edit(`${base}/packages/backend/ @acme/payments\n`);
      assert.deepEqual(r.checked, ['backend'], 'the backend package changed owners; the contracts asked about files whose answer is the same');
      assert.equal(finding(r.a, 'ownership/owner-mismatch').length, 1);

      // A comment on top: every deciding line moves, and with it the mismatch message's line.
      r = await edit(`# the shop\n${base}/packages/backend/ @acme/payments\n`);
      assert.deepEqual(r.checked, ['ledger', 'payments', 'search']);
      assert.match(finding(r.a, 'ownership/owner-mismatch')[0].message, /line 4/);

      r = await edit(`# the shop\n${base.replace('/services/ledger/ @acme/platform', '/services/ledger/ @acme/payments')}/packages/backend/ @acme/payments\n`);
      assert.deepEqual(r.checked, ['ledger']);
      assert.deepEqual(finding(r.a, 'ownership/owner-mismatch'), []);
    } finally {
      rule.checkModule = original;
    }
  });

  it('GitLab: a path without its trailing "/" made a folder, owners and a section renamed', async () => {
    const fs = shop();
    fs.delete('.github/CODEOWNERS');
    const base = '[Services]\n*  @acme/platform\n/services/payments/  @acme/payments\n/services/ledger @acme/payments\n\n[Sources] @acme/platform\n*.ts\n';
    fs.write('.gitlab/CODEOWNERS', base);
    const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
    await analyzer.analyze();
    let a = await step(fs, analyzer, { '.gitlab/CODEOWNERS': base });
    // GitLab reads /services/ledger as a file: it matches nothing, ledger stays @acme/platform's in CODEOWNERS.
    assert.match(finding(a, 'codeowners/no-match')[0].message, /GitLab reads a path without a trailing "\/" as a file/);
    assert.equal(finding(a, 'ownership/owner-mismatch').length, 1);

    const folder = base.replace('/services/ledger @acme/payments', '/services/ledger/ @acme/payments');
    a = await step(fs, analyzer, { '.gitlab/CODEOWNERS': folder });
    assert.deepEqual(finding(a, 'codeowners/no-match'), []);
    assert.deepEqual(finding(a, 'ownership/owner-mismatch'), []);
    assert.deepEqual(a.ownersOf('services/ledger/src/index.ts').owners, ['@acme/payments', '@acme/platform']);

    // A section's default owners changed, then the section renamed: the same lines decide.
    assert.deepEqual(a.ownersOf('services/search/x.ts').owners, ['@acme/platform']);
    a = await step(fs, analyzer, { '.gitlab/CODEOWNERS': folder.replace('[Sources] @acme/platform', '[Sources] @acme/search') });
    assert.deepEqual(a.ownersOf('services/search/x.ts').owners, ['@acme/platform', '@acme/search']);
    a = await step(fs, analyzer, { '.gitlab/CODEOWNERS': folder.replace('[Sources] @acme/platform', '[TypeScript] @acme/search') });
    assert.deepEqual(a.ownersOf('services/search/x.ts').rules.map((r) => r.section), ['Services', 'TypeScript']);
  });
});
