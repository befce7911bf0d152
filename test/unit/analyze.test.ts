/**
 * The engine as a whole: the walk, module discovery, incremental updates, unsaved buffers,
 * faults injected through the file-access port (CI runs as root, so chmod cannot make a
 * file unreadable), and a subfolder of a repository using the repository's CODEOWNERS.
 */
import assert from 'node:assert/strict';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../src/core/analyze';
import { InMemoryFileAccess } from '../../src/core/fs';

const contract = (name: string, owner: string, extra = '') =>
  `apiVersion: northstar/v1\nkind: ServiceContract\nname: ${name}\nowner: "${owner}"\ntype: service\n${extra}`;

function shop(): InMemoryFileAccess {
  return new InMemoryFileAccess({
    '.github/CODEOWNERS': '*  @acme/platform\n/services/payments/  @acme/payments\n',
    '.gitignore': 'generated/\n*.log\n',
    'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n    escalation:\n      - { kind: chat, target: "#payments" }\n  - id: "@acme/platform"\n    name: Platform\n',
    'services/payments/service-contract.yaml': contract('payments', '@acme/payments', 'observability:\n  metrics: prometheus\n'),
    'services/payments/src/server.ts': 'export const port = 8080;\n',
    'services/payments/src/server.test.ts': 'import { port } from "./server";\n',
    'services/payments/debug.log': 'noise',
    'libs/logger/package.json': '{ "name": "@acme/logger", "version": "1.0.0", "dependencies": { "pino": "^9.0.0" } }',
    'libs/logger/index.ts': '// northstar:priority reliability\nexport const log = console.log;\n',
    'libs/logger/generated/package.json': '{ "name": "generated-client" }',
    'node_modules/left-pad/package.json': '{ "name": "left-pad" }',
    'package.json': '{ "name": "shop", "private": true, "workspaces": ["services/*", "libs/*"] }',
  });
}

describe('analyzeWorkspace', () => {
  it('finds modules from contracts and manifests, skipping .gitignore, node_modules and workspace-only manifests', async () => {
    const analysis = await analyzeWorkspace(shop(), { today: '2026-11-01' });
    assert.deepEqual(
      analysis.model.modules.map((m) => [m.name, m.path, m.source, m.type]),
      [
        ['@acme/logger', 'libs/logger', 'manifest', 'library'],
        ['payments', 'services/payments', 'contract', 'service'],
      ],
    );
    const logger = analysis.moduleByName('@acme/logger')!;
    assert.deepEqual(logger.owners, ['@acme/platform']);
    assert.equal(logger.ownerSource, 'codeowners');
    assert.deepEqual(logger.observability, [{ signal: 'logs', source: 'dependency', detail: 'pino' }]);
    assert.deepEqual(logger.priorities, ['reliability']);
    const payments = analysis.moduleByName('payments')!;
    assert.deepEqual(payments.tests, ['services/payments/src/server.test.ts']);
    assert.equal(analysis.moduleOf('services/payments/src/deep/new-file.ts')?.name, 'payments');
    assert.equal(analysis.moduleOf('README.md'), undefined);
  });

  it('resolves owners for paths that do not exist, with the deciding and overridden lines', async () => {
    const analysis = await analyzeWorkspace(shop());
    const match = analysis.ownersOf('services/payments/src/not-yet.ts');
    assert.deepEqual(match.owners, ['@acme/payments']);
    assert.equal(match.rule?.line, 2);
    assert.deepEqual(match.overridden.map((r) => r.line), [1]);
  });

  it('updates incrementally: a contract edit, a CODEOWNERS edit, a new file and a deletion', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
    const first = await analyzer.analyze();
    assert.equal(first.moduleByName('payments')?.tier, null);

    fs.write('services/payments/service-contract.yaml', contract('payments', '@acme/payments', 'tier: 1\nlifecycle: production\n'));
    const second = await analyzer.update([{ path: 'services/payments/service-contract.yaml', kind: 'changed' }]);
    assert.equal(second.moduleByName('payments')?.tier, 1);
    assert.ok(second.model.findings.some((f) => f.ruleId === 'observability/critical-gaps' && f.module === 'payments'));
    assert.equal(first.moduleByName('payments')?.tier, null, 'an earlier snapshot does not change');

    fs.write('.github/CODEOWNERS', '*  @acme/payments\n');
    const third = await analyzer.update([{ path: '.github/CODEOWNERS', kind: 'changed' }]);
    assert.deepEqual(third.moduleByName('@acme/logger')?.owners, ['@acme/payments']);

    fs.write('services/search/service-contract.yaml', contract('search', '@acme/platform'));
    const fourth = await analyzer.update([{ path: 'services/search/service-contract.yaml', kind: 'created' }]);
    assert.ok(fourth.moduleByName('search'));

    fs.delete('services/search/service-contract.yaml');
    const fifth = await analyzer.update([{ path: 'services/search', kind: 'deleted' }]);
    assert.equal(fifth.moduleByName('search'), undefined);
  });

  it('analyses unsaved editor buffers (overlays) in place of the file on disk', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs);
    await analyzer.analyze();
    const edited = contract('payments', '@acme/payments', 'dependsOn: [ghost]\n');
    const result = await analyzer.update([], new Map([['services/payments/service-contract.yaml', edited]]));
    const finding = result.model.findings.find((f) => f.ruleId === 'contracts/unknown-dependency');
    assert.ok(finding, 'the unsaved dependsOn is seen');
    assert.equal(finding.file, 'services/payments/service-contract.yaml');
    assert.equal(finding.line, 6);
    const reverted = await analyzer.update([], new Map());
    assert.ok(!reverted.model.findings.some((f) => f.ruleId === 'contracts/unknown-dependency'), 'closing the buffer goes back to disk');
  });

  it('reports unreadable files and folders as workspace/skipped and goes on', async () => {
    const fs = shop();
    fs.unreadable.set('libs', 'EACCES');
    fs.unreadable.set('teams.yaml', 'EACCES');
    const analysis = await analyzeWorkspace(fs);
    const skipped = analysis.model.findings.filter((f) => f.ruleId === 'workspace/skipped');
    assert.deepEqual(
      skipped.map((f) => [f.file, f.message]),
      [
        ['libs', 'Skipped "libs": the folder cannot be read (permission denied).'],
        ['teams.yaml', 'Skipped "teams.yaml": the file cannot be read (permission denied).'],
      ],
    );
    assert.ok(analysis.moduleByName('payments'), 'the rest of the workspace is analysed');
  });

  it('reports binary and oversized files named like contracts instead of parsing them', async () => {
    const fs = shop();
    fs.write('services/blob/service-contract.yaml', new Uint8Array([0x61, 0x00, 0x62]));
    fs.write('services/huge/service-contract.yaml', 'x'.repeat(1024 * 1024 + 1));
    const analysis = await analyzeWorkspace(fs);
    const reasons = analysis.model.findings.filter((f) => f.ruleId === 'workspace/skipped').map((f) => f.message);
    assert.deepEqual(reasons, [
      'Skipped "services/blob/service-contract.yaml": binary or not UTF-8 text.',
      'Skipped "services/huge/service-contract.yaml": too large (1.0 MB; the limit is 1.0 MB).',
    ]);
  });

  it('does not hang on a symbolic link loop', async () => {
    const fs = shop();
    fs.links.set('services/payments/src/loop', 'services');
    const analysis = await analyzeWorkspace(fs);
    assert.ok(analysis.model.findings.some((f) => f.ruleId === 'workspace/skipped' && f.file === 'services/payments/src/loop'));
  });

  it('uses the repository root CODEOWNERS when a subfolder is opened', async () => {
    const repo = new InMemoryFileAccess({
      '.github/CODEOWNERS': '/services/payments/src/  @acme/payments\n/services/payments/docs/  @acme/docs\n',
    });
    const sub = new InMemoryFileAccess({
      'service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: payments\n',
      'src/server.ts': 'export {};\n',
    });
    const analysis = await analyzeWorkspace(sub, { repository: { fs: repo, prefix: 'services/payments' } });
    assert.deepEqual(analysis.ownersOf('src/server.ts').owners, ['@acme/payments']);
    assert.equal(analysis.model.codeowners?.file, '../../.github/CODEOWNERS');
    assert.ok(
      !analysis.model.findings.some((f) => f.ruleId === 'codeowners/no-match'),
      'lines about other folders of the repository are not "matching nothing"',
    );
  });

  it('silences findings by severity off, ignore globs and disable comments', async () => {
    const fs = shop();
    fs.write('.github/CODEOWNERS', '*  @acme/platform\n# northstar-disable-next-line codeowners/no-match\n/legacy/  @acme/platform\n/gone/  @acme/platform\n');
    fs.write('.northstar.yaml', 'rules:\n  quality/missing-tests: off\nignore:\n  - rule: codeowners/duplicate-pattern\n    paths: [".github/**"]\n');
    const analysis = await analyzeWorkspace(fs);
    const noMatch = analysis.model.findings.filter((f) => f.ruleId === 'codeowners/no-match').map((f) => f.line);
    assert.deepEqual(noMatch, [4]);
    assert.ok(!analysis.model.findings.some((f) => f.ruleId === 'quality/missing-tests'));
  });
  it('serialises overlapping updates: the last snapshot equals a fresh analysis', async () => {
    const fs = shop();
    const analyzer = new WorkspaceAnalyzer(fs, { today: '2026-11-01' });
    await analyzer.analyze();
    fs.write('services/payments/service-contract.yaml', contract('payments', '@acme/payments', 'tier: 1\n'));
    const first = analyzer.update([{ path: 'services/payments/service-contract.yaml', kind: 'changed' }]);
    fs.write('.github/CODEOWNERS', '*  @acme/payments\n');
    const second = analyzer.update([{ path: '.github/CODEOWNERS', kind: 'changed' }]);
    const [, last] = await Promise.all([first, second]);
    const fresh = await analyzeWorkspace(fs, { today: '2026-11-01' });
    assert.deepEqual(last.model, fresh.model);
  });
});
