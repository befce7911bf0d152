/**
 * The CLI end to end on a small repository written to a temporary folder. Every case runs
 * twice: in-process through `main(argv, io)` and as a spawned `node out/src/cli/index.js`.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckOutput, GitlabIssue, OwnersEntry, SarifLog, VisionSummary } from '../../src/core/report/types';
import type { Model } from '../../src/core/model/types';
import { copyFixture, githubSarifProblems, removeFolder, repoRoot, RUNNERS, schemaErrors, type RunResult } from './helpers';
import { decodeMermaidEntities, parseFlowchart } from './mermaidParser';

function assertCleanFailure(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 2, `exit code; stderr: ${r.stderr}`);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^northstar: .+\n$/, 'one line on stderr');
  assert.match(r.stderr, pattern);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

const LEDGER_UNKNOWN_DEPENDENCY = {
  ruleId: 'contracts/unknown-dependency',
  severity: 'error',
  file: 'services/ledger/service-contract.yaml',
  line: 14,
  column: 13,
  endLine: 14,
  endColumn: 18,
  module: 'ledger',
};

describe('northstar CLI', function () {
  this.timeout(60000);
  let shop: string;
  let scratch: string;

  before(() => {
    shop = copyFixture('cli-shop');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-scratch-'));
    fs.writeFileSync(path.join(scratch, 'not-a-folder.txt'), 'hello\n');
    fs.mkdirSync(path.join(scratch, 'broken', 'services', 'search'), { recursive: true });
    fs.writeFileSync(
      path.join(scratch, 'broken', 'services', 'search', 'service-contract.yaml'),
      'apiVersion: northstar/v1\nkind: ServiceContract\nname: search\ndependsOn: [index, ranking\n',
    );
  });
  after(() => {
    removeFolder(shop);
    removeFolder(scratch);
  });

  for (const [how, run] of RUNNERS) {
    describe(how, () => {
      it('check (text): stylish output, exit 1 on errors', async () => {
        const r = await run(['check'], shop);
        assert.equal(r.code, 1, r.stderr);
        assert.equal(r.stderr, '');
        const lines = r.stdout.split('\n');
        // The file header is absolute, as ESLint prints it (VS Code's $eslint-stylish matcher reads it so).
        const header = lines.indexOf(path.join(shop, 'services', 'ledger', 'service-contract.yaml'));
        assert.ok(header >= 0, r.stdout);
        assert.ok(
          lines.slice(header + 1).some((l) => /^ {2}14:13 +error +.*ledgr.* +contracts\/unknown-dependency$/.test(l)),
          r.stdout,
        );
        assert.match(r.stdout, /\n✖ \d+ problems \(\d+ errors, \d+ warnings?, \d+ infos?\)\n$/);
      });

      it('check --format json: the published shape, counts that add up', async () => {
        const r = await run(['check', '--format', 'json'], shop);
        assert.equal(r.code, 1);
        const out = JSON.parse(r.stdout) as CheckOutput;
        assert.equal(schemaErrors('check', out), '');
        const found = out.findings.find((f) => f.ruleId === LEDGER_UNKNOWN_DEPENDENCY.ruleId);
        assert.ok(found);
        const { message, ...rest } = found;
        assert.deepEqual(rest, LEDGER_UNKNOWN_DEPENDENCY);
        assert.match(message, /ledgr/);
        assert.equal(out.summary.errors, out.findings.filter((f) => f.severity === 'error').length);
        assert.equal(out.summary.warnings, out.findings.filter((f) => f.severity === 'warning').length);
        assert.equal(out.summary.files, new Set(out.findings.map((f) => f.file)).size);
        assert.equal(out.summary.modules, 4);
        assert.ok(out.findings.every((f) => !f.file.includes('\\') && !path.isAbsolute(f.file)));
      });

      it('check --format sarif and gitlab describe the same findings', async () => {
        const json = JSON.parse((await run(['check', '--format=json'], shop)).stdout) as CheckOutput;
        const sarifRun = await run(['check', '--format=sarif'], shop);
        assert.equal(sarifRun.code, 1);
        const sarif = JSON.parse(sarifRun.stdout) as SarifLog;
        assert.equal(schemaErrors('sarif', sarif), '');
        assert.equal(githubSarifProblems(sarif), '');
        const results = sarif.runs[0].results;
        assert.equal(results.length, json.findings.length);
        // Most severe first; within a severity, in the order of the JSON report.
        const rank = { error: 0, warning: 1, info: 2 };
        const bySeverity = json.findings.map((f, i) => ({ f, i })).sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i).map((x) => x.f);
        results.forEach((r, i) => {
          assert.equal(sarif.runs[0].tool.driver.rules[r.ruleIndex].id, r.ruleId);
          assert.equal(r.ruleId, bySeverity[i].ruleId);
          assert.equal(r.locations[0].physicalLocation.region.startLine, bySeverity[i].line);
          assert.equal(r.locations[0].physicalLocation.artifactLocation.uri, bySeverity[i].file, 'the fixture is no repository: paths from its root');
        });
        assert.deepEqual(sarif.runs[0].properties, { findings: results.length, results: results.length, truncated: null });
        assert.equal(sarifRun.stderr, '');
        assert.ok(sarif.runs[0].tool.driver.rules.some((r) => r.id === 'workspace/skipped'), 'every registered rule is listed');
        const gitlabRun = await run(['check', '--format', 'gitlab'], shop);
        const issues = JSON.parse(gitlabRun.stdout) as GitlabIssue[];
        assert.equal(schemaErrors('gitlab', issues), '');
        assert.deepEqual(
          issues.map((i) => [i.check_name, i.location.path, i.location.lines.begin]),
          json.findings.map((f) => [f.ruleId, f.file, f.line]),
        );
        assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
        assert.deepEqual(issues.map((i) => i.fingerprint).sort(), results.map((r) => r.partialFingerprints['northstar/v1']).sort(), 'one identity for both');
      });

      it('check PATH… keeps findings of those files or folders (relative to the current folder)', async () => {
        const all = JSON.parse((await run(['check', '--format', 'json'], shop)).stdout) as CheckOutput;
        const r = await run(['check', '--format', 'json', 'packages/web-ui', '.github/CODEOWNERS'], shop);
        const some = JSON.parse(r.stdout) as CheckOutput;
        const expected = all.findings.filter((f) => f.file.startsWith('packages/web-ui/') || f.file === '.github/CODEOWNERS');
        assert.ok(expected.length > 0);
        assert.deepEqual(some.findings, expected);
        assert.equal(r.code, expected.some((f) => f.severity === 'error') ? 1 : 0);
        // From inside the payments folder, with the root above it.
        const inner = await run(['check', '--root', '../..', '--format', 'json', '.'], path.join(shop, 'services', 'payments'));
        const innerOut = JSON.parse(inner.stdout) as CheckOutput;
        assert.deepEqual(innerOut.findings, all.findings.filter((f) => f.file.startsWith('services/payments/')));
      });

      it('check --max-warnings: exit 1 above the limit, 0 at it', async () => {
        const web = JSON.parse((await run(['check', '--format', 'json', 'packages/web-ui'], shop)).stdout) as CheckOutput;
        const warnings = web.summary.warnings;
        assert.ok(warnings > 0 && web.summary.errors === 0);
        const over = await run(['check', '--max-warnings', String(warnings - 1), 'packages/web-ui'], shop);
        assert.equal(over.code, 1);
        assert.match(over.stderr, new RegExp(`too many warnings \\(${warnings}\\); the maximum allowed is ${warnings - 1}`));
        const at = await run(['check', '--max-warnings', String(warnings), 'packages/web-ui'], shop);
        assert.equal(at.code, 0, at.stderr);
        assert.equal(at.stderr, '');
      });

      it('owners: text, json and --stdin; paths need not exist', async () => {
        const text = await run(['owners', 'services/payments/src/charge.ts', 'services/ledger/src/legacy/old.go', 'docs/new.md'], shop);
        assert.equal(text.code, 0, text.stderr);
        assert.deepEqual(text.stdout.split('\n'), [
          'services/payments/src/charge.ts    @acme/payments @dana  (.github/CODEOWNERS:4 /services/payments/)  [payments-api]',
          'services/ledger/src/legacy/old.go  (no owners)           (.github/CODEOWNERS:7 /services/ledger/src/legacy/)  [ledger]',
          'docs/new.md                        @acme/platform        (.github/CODEOWNERS:2 *)',
          '',
        ]);
        const json = await run(['owners', '--json', '--explain', '--stdin'], shop, 'services/ledger/src/post.go\r\n\r\nREADME.md\n');
        assert.equal(json.code, 0, json.stderr);
        const entries = JSON.parse(json.stdout) as OwnersEntry[];
        assert.equal(schemaErrors('owners', entries), '');
        assert.deepEqual(entries, [
          {
            path: 'services/ledger/src/post.go',
            owners: ['@acme/finance'],
            rule: { file: '.github/CODEOWNERS', line: 5, pattern: '/services/ledger/' },
            rules: [{ file: '.github/CODEOWNERS', line: 5, pattern: '/services/ledger/' }],
            overridden: [{ file: '.github/CODEOWNERS', line: 2, pattern: '*' }],
            sections: [],
            module: 'ledger',
          },
          {
            path: 'README.md',
            owners: ['@acme/platform'],
            rule: { file: '.github/CODEOWNERS', line: 2, pattern: '*' },
            rules: [{ file: '.github/CODEOWNERS', line: 2, pattern: '*' }],
            overridden: [],
            sections: [],
            module: null,
          },
        ]);
        const outside = await run(['owners', '../elsewhere.txt'], shop);
        assertCleanFailure(outside, /outside the root/);
      });

      it('owners: lean by default, NDJSON, `-` with -z, --unowned, --coverage and its gate, -o', async () => {
        // Lean: no overridden lines unless --explain asks (100,000 paths under `*` repeated it each time).
        const lean = JSON.parse((await run(['owners', '-f', 'json', 'services/ledger/src/post.go'], shop)).stdout) as OwnersEntry[];
        assert.deepEqual(lean, [
          { path: 'services/ledger/src/post.go', owners: ['@acme/finance'], rule: { file: '.github/CODEOWNERS', line: 5, pattern: '/services/ledger/' }, sections: [], module: 'ledger' },
        ]);
        assert.equal(schemaErrors('owners', lean), '');
        // `git diff --name-only -z | northstar owners -f ndjson - -z`: one entry a line.
        const nd = await run(['owners', '-f', 'ndjson', '-', '-z'], shop, 'services/payments/src/charge.ts\0docs/a b.md\0');
        assert.equal(nd.code, 0, nd.stderr);
        const lines = nd.stdout.split('\n');
        assert.equal(lines.pop(), '');
        assert.deepEqual(lines.map((l) => (JSON.parse(l) as OwnersEntry).path), ['services/payments/src/charge.ts', 'docs/a b.md']);
        // Every file owns at least `*`: nothing is unowned, unless a catch-all alone does not count.
        const none = await run(['owners', '--unowned'], shop);
        assert.equal(none.code, 0, none.stderr);
        assert.equal(none.stdout, '');
        const onlyDefault = await run(['owners', '--unowned', '--catch-all-unowned'], shop);
        assert.deepEqual(onlyDefault.stdout.trim().split('\n'), [
          '.github/CODEOWNERS',
          '.northstar.yaml',
          'package.json',
          'services/legacy-billing/service-contract.yaml',
          'services/legacy-billing/src/invoice.py',
          'teams.yaml',
          'vision.yaml',
        ]);
        const coverage = await run(['owners', '--coverage', '--catch-all-unowned', '-f', 'json'], shop);
        assert.equal(coverage.code, 0, coverage.stderr);
        const figures = JSON.parse(coverage.stdout) as { files: { owned: number; total: number; percent: number } };
        assert.deepEqual(figures.files, { owned: 11, total: 18, percent: 61.1 });
        const gate = await run(['owners', '--catch-all-unowned', '--min-coverage', '70'], shop);
        assert.equal(gate.code, 1);
        assert.match(gate.stdout, /^Files with owners: {3}61\.1% \(11 of 18\)/);
        assert.match(gate.stderr, /61\.1% of the files have owners, under the minimum of 70%/);
        assert.equal((await run(['owners', '--catch-all-unowned', '--min-coverage', '60'], shop)).code, 0);
        // The same gate from .northstar.yaml (the editor and CI read one file); a flag still wins.
        const configFile = path.join(shop, '.northstar.yaml');
        const config = fs.readFileSync(configFile, 'utf8');
        fs.writeFileSync(configFile, `${config}ownership:\n  minCoverage: 70\n  catchAllUnowned: true\n`);
        try {
          const configured = await run(['owners', '--coverage'], shop);
          assert.equal(configured.code, 1);
          assert.match(configured.stdout, /^Files with owners: {3}61\.1% \(11 of 18\)/);
          assert.match(configured.stderr, /under the minimum of 70%/);
          assert.equal((await run(['owners', '--coverage', '--min-coverage', '60'], shop)).code, 0);
          assert.deepEqual((await run(['owners', '--unowned'], shop)).stdout, onlyDefault.stdout);
        } finally {
          fs.writeFileSync(configFile, config);
        }
        // -o: UTF-8 into the file, nothing on standard output.
        const file = path.join(shop, 'owners.ndjson');
        const written = await run(['--root', '.', 'owners', '-o', 'owners.ndjson', '-f', 'ndjson', 'README.md'], shop);
        assert.equal(written.code, 0, written.stderr);
        assert.equal(written.stdout, '');
        assert.equal((JSON.parse(fs.readFileSync(file, 'utf8')) as OwnersEntry).path, 'README.md');
        fs.rmSync(file);
      });

      it('check: --quiet keeps errors only; a PATH that matches nothing exits 2 unless allowed; `-` reads PATHs', async () => {
        const all = JSON.parse((await run(['check', '-f', 'json'], shop)).stdout) as CheckOutput;
        const quiet = JSON.parse((await run(['check', '-f', 'json', '--quiet'], shop)).stdout) as CheckOutput;
        assert.ok(all.findings.some((f) => f.severity !== 'error'), 'the shop has warnings to leave out');
        assert.deepEqual(quiet.findings, all.findings.filter((f) => f.severity === 'error'));
        assertCleanFailure(await run(['check', 'services/paymnets'], shop), /no file of the workspace matches 'services\/paymnets'/);
        // -o opens its file at the first write: a run that fails first leaves no empty report to upload.
        assertCleanFailure(await run(['check', '--root', 'no-such-folder', '-f', 'sarif', '-o', 'northstar.sarif'], shop), /root folder not found/);
        assert.equal(fs.existsSync(path.join(shop, 'northstar.sarif')), false);
        const allowed = await run(['check', '--no-error-on-unmatched-pattern', 'services/paymnets'], shop);
        assert.equal(allowed.code, 0, allowed.stderr);
        const viaStdin = JSON.parse((await run(['check', '-f', 'json', '-'], shop, 'services/legacy-billing\n')).stdout) as CheckOutput;
        const direct = JSON.parse((await run(['check', '-f', 'json', 'services/legacy-billing'], shop)).stdout) as CheckOutput;
        assert.ok(direct.findings.length > 0);
        assert.deepEqual(viaStdin.findings, direct.findings);
      });

      it('diagram: Mermaid that parses, focus, unknown focus', async () => {
        const r = await run(['diagram'], shop);
        assert.equal(r.code, 0, r.stderr);
        const parsed = await parseFlowchart(r.stdout);
        assert.deepEqual(parsed.vertices.map((v) => decodeMermaidEntities(v.text).split('<br>')[0].replace(/ \(deprecated\)| ⚠ \d+/g, '')).sort(), [
          '@acme/web-ui',
          'ledger',
          'legacy-billing',
          'payments-api',
        ]);
        assert.deepEqual(parsed.subgraphs.map((s) => s.title).sort(), ['checkout', 'finance']);
        assert.ok(parsed.edges.some((e) => e.stroke === 'dotted' && e.text === 'ledger-events'));
        const team = await parseFlowchart((await run(['diagram', '--group-by', 'team', '--collapse', 'all'], shop)).stdout);
        assert.deepEqual(team.vertices.map((v) => decodeMermaidEntities(v.text).replace(/ ⚠ \d+/, '')).sort(), [
          'Finance (2 modules)',
          'Payments (1 module)',
          'Web (1 module)',
        ]);
        const focus = await parseFlowchart((await run(['diagram', '--focus', 'legacy-billing', '--group-by=none'], shop)).stdout);
        assert.equal(focus.vertices.length, 2);
        assertCleanFailure(await run(['diagram', '--focus', 'nope'], shop), /no module named 'nope'/);
      });

      it('summary: Markdown and JSON', async () => {
        const md = await run(['summary'], shop);
        assert.equal(md.code, 0, md.stderr);
        assert.match(md.stdout, /^# Vision summary\n/);
        assert.ok(md.stdout.includes('| availability | 99.5% | 99.8% | 99.95% | ███████░░░ 66.7% |'));
        const json = await run(['summary', '--format', 'json'], shop);
        const summary = JSON.parse(json.stdout) as VisionSummary;
        assert.equal(schemaErrors('summary', summary), '');
        assert.deepEqual(summary.priorities.map((p) => [p.id, p.modules]), [
          ['reliability', ['ledger', 'payments-api']],
          ['checkout-conversion', ['payments-api']],
          ['cost', ['ledger']],
        ]);
        assert.deepEqual(summary.capacity?.total, 100);
      });

      it('model: the whole model as stable JSON', async () => {
        const a = await run(['model'], shop);
        assert.equal(a.code, 0, a.stderr);
        const model = JSON.parse(a.stdout) as Model;
        assert.equal(schemaErrors('model', model), '');
        assert.deepEqual(model.modules.map((m) => m.name).sort(), ['@acme/web-ui', 'ledger', 'legacy-billing', 'payments-api']);
        assert.equal(a.stdout, JSON.stringify(model, null, 2) + '\n', 'two-space indent');
        const b = await run(['model', '--root', shop], scratch);
        assert.equal(b.stdout, a.stdout, 'same output from another folder');
      });

      it('model: a group owns the packages inside it, and samples are typed so (the schema knows both)', async () => {
        const root = path.join(scratch, 'portal');
        const put = (rel: string, text: string) => {
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), text);
        };
        put('catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: portal\nspec:\n  type: repository\n  owner: portal-team\n  lifecycle: production\n');
        put('package.json', JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*', 'examples/*'] }));
        put('packages/app/package.json', JSON.stringify({ name: 'app' }));
        put('examples/hello/package.json', JSON.stringify({ name: 'hello-example' }));
        const r = await run(['model', '--root', root], scratch);
        assert.equal(r.code, 0, r.stderr);
        const model = JSON.parse(r.stdout) as Model;
        assert.equal(schemaErrors('model', model), '');
        assert.deepEqual(
          model.modules.map((m) => [m.name, m.kind, m.type, m.ownerSource]),
          [
            ['portal', 'group', 'library', 'catalog'],
            ['hello-example', 'module', 'sample', 'group'],
            ['app', 'module', 'library', 'group'],
          ],
        );
      });

      it('model and diagram: each dependency keeps its kind and source; dev edges make no cycle and are drawn on request', async () => {
        const root = path.join(scratch, 'monorepo');
        const write = (rel: string, data: object) => {
          fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
          fs.writeFileSync(path.join(root, rel), JSON.stringify(data, null, 2) + '\n');
        };
        write('package.json', { name: 'root', private: true, workspaces: ['packages/*'] });
        write('packages/core/package.json', { name: '@x/core', dependencies: { '@x/generator': '1' } });
        write('packages/generator/package.json', { name: '@x/generator', devDependencies: { '@x/core': '1' } });
        const r = await run(['model', '--root', root], scratch);
        assert.equal(r.code, 0, r.stderr);
        const model = JSON.parse(r.stdout) as Model;
        assert.equal(schemaErrors('model', model), '');
        assert.deepEqual(
          model.modules.map((m) => [m.name, m.dependsOn]),
          [
            ['@x/core', [{ name: '@x/generator', location: { file: 'packages/core/package.json', line: 4, column: 6, endLine: 4, endColumn: 18 }, kind: 'runtime', via: 'package.json dependencies' }]],
            ['@x/generator', [{ name: '@x/core', location: { file: 'packages/generator/package.json', line: 4, column: 6, endLine: 4, endColumn: 13 }, kind: 'dev', via: 'package.json devDependencies' }]],
          ],
        );
        assert.ok(!model.findings.some((f) => f.ruleId === 'contracts/dependency-cycle'), 'no cycle through a devDependency');
        const plain = await parseFlowchart((await run(['diagram', '--root', root], scratch)).stdout);
        assert.deepEqual(plain.edges.map((e) => e.stroke), ['normal']);
        const all = await parseFlowchart((await run(['diagram', '--root', root, '--all-dependencies'], scratch)).stdout);
        assert.deepEqual(all.edges.map((e) => [e.stroke, decodeMermaidEntities(e.text)]), [['normal', ''], ['dotted', 'dev']]);
      });

      it('help and version', async () => {
        const help = await run(['--help'], shop);
        assert.equal(help.code, 0);
        assert.match(help.stdout, /Usage: northstar \[options\] <command>/);
        const checkHelp = await run(['check', '--help'], shop);
        assert.match(checkHelp.stdout, /--max-warnings N/);
        const version = await run(['--version'], shop);
        const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
        assert.equal(version.stdout, `${pkg.version}\n`);
      });

      it('a broken file inside the workspace is a finding, not a failed run', async () => {
        const r = await run(['check', '--format', 'json'], path.join(scratch, 'broken'));
        assert.equal(r.code, 1, r.stderr);
        const out = JSON.parse(r.stdout) as CheckOutput;
        const yaml = out.findings.find((f) => f.ruleId === 'contracts/yaml');
        assert.ok(yaml, r.stdout);
        assert.equal(yaml.file, 'services/search/service-contract.yaml');
        assert.equal(yaml.severity, 'error');
      });

      it('exit 2 with one clear line: missing root, root that is a file, bad usage', async () => {
        assertCleanFailure(await run(['check', '--root', 'does-not-exist'], scratch), /root folder not found: does-not-exist/);
        assertCleanFailure(await run(['model', '--root', 'not-a-folder.txt'], scratch), /root is not a folder: not-a-folder.txt/);
        assertCleanFailure(await run(['check', '--format', 'xml'], shop), /invalid value 'xml' for '--format'/);
        assertCleanFailure(await run(['check', '--max-warnings'], shop), /needs a value/);
        assertCleanFailure(await run(['deploy'], shop), /unknown command 'deploy'/);
        assertCleanFailure(await run(['summary', '--json'], shop), /unknown option '--json'/);
        assertCleanFailure(await run(['owners'], shop), /needs at least one PATH/);
      });
    });
  }

  describe('check --root SUBFOLDER of a git repository: SARIF and GitLab for CI', () => {
    let repo: string;
    const contract = (top: string) =>
      `${top}apiVersion: northstar/v1\nkind: ServiceContract\nname: pay\nowner: "@acme/pay"\ntype: library\n` +
      'dependsOn: [ledgr]\nsecurity:\n  privacyReview: 2024-01-15\n';
    const codeowners = (top: string) => `${top}/services/pay/ @acme/pay\n/services/pay/ @acme/pay\n/services/gone/ @acme/pay\n`;
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      fs.writeFileSync(path.join(repo, file), text);
    };
    /** The workspace at one moment: `top` is inserted above the first line of CODEOWNERS and of the contract. */
    const layout = (top: string, today: string) => {
      write('apps/shop/.northstar.yaml', `today: ${today}\n`);
      write('apps/shop/.github/CODEOWNERS', codeowners(top));
      write('apps/shop/services/pay/service-contract.yaml', contract(top));
    };
    before(() => {
      repo = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-subfolder-'));
      git(repo, 'init', '-q', '-b', 'main');
      write('README.md', 'The repository root.\n');
      layout('', '2026-12-05');
    });
    after(() => removeFolder(repo));

    for (const [how, run] of RUNNERS) {
      it(`${how}: paths from the repository root; fingerprints survive a line inserted above and the passing of days`, async () => {
        layout('', '2026-12-05');
        const sarifBefore = JSON.parse((await run(['check', '--root', 'apps/shop', '--format', 'sarif'], repo)).stdout) as SarifLog;
        const gitlabBefore = JSON.parse((await run(['check', '--root', 'apps/shop', '--format', 'gitlab'], repo)).stdout) as GitlabIssue[];
        layout('# moved down by one line\n', '2027-03-01');
        const sarifAfter = JSON.parse((await run(['check', '--root', 'apps/shop', '--format', 'sarif'], repo)).stdout) as SarifLog;
        const gitlabAfter = JSON.parse((await run(['check', '--root', 'apps/shop', '--format', 'gitlab'], repo)).stdout) as GitlabIssue[];
        for (const log of [sarifBefore, sarifAfter]) {
          assert.equal(schemaErrors('sarif', log), '');
          assert.equal(githubSarifProblems(log), '');
        }
        for (const issues of [gitlabBefore, gitlabAfter]) assert.equal(schemaErrors('gitlab', issues), '');

        const before = sarifBefore.runs[0].results;
        const after = sarifAfter.runs[0].results;
        const rules = before.map((r) => r.ruleId);
        for (const id of ['codeowners/duplicate-pattern', 'codeowners/no-match', 'contracts/unknown-dependency', 'security/stale-review']) assert.ok(rules.includes(id), `${id} in ${rules.join(', ')}`);
        const uri = (r: (typeof before)[number]) => r.locations[0].physicalLocation.artifactLocation.uri;
        assert.ok(before.some((r) => uri(r) === 'apps/shop/.github/CODEOWNERS'));
        assert.ok(before.some((r) => uri(r) === 'apps/shop/services/pay/service-contract.yaml'));
        assert.ok(before.every((r) => uri(r).startsWith('apps/shop/')), before.map(uri).join(', '));
        assert.ok(gitlabBefore.every((i) => i.location.path.startsWith('apps/shop/')));

        // The same findings, each one line lower, one with another number of days in its message…
        assert.deepEqual(after.map((r) => [r.ruleId, uri(r)]), before.map((r) => [r.ruleId, uri(r)]));
        const moved = before.filter((r) => uri(r).endsWith('CODEOWNERS') || uri(r).endsWith('service-contract.yaml'));
        assert.ok(moved.length >= 4);
        for (const r of moved) {
          const later = after[before.indexOf(r)];
          assert.equal(later.locations[0].physicalLocation.region.startLine, r.locations[0].physicalLocation.region.startLine + 1, r.message.text);
        }
        const stale = (results: typeof before) => results.find((r) => r.ruleId === 'security/stale-review')?.message.text;
        assert.notEqual(stale(after), stale(before), 'the days-ago message changed');
        const duplicate = (results: typeof before) => results.find((r) => r.ruleId === 'codeowners/duplicate-pattern')?.message.text;
        assert.match(duplicate(before) ?? '', /\d/, 'the duplicate-pattern message names a line');
        // …and the same fingerprints, in SARIF and in GitLab.
        assert.deepEqual(after.map((r) => r.partialFingerprints['northstar/v1']), before.map((r) => r.partialFingerprints['northstar/v1']));
        assert.deepEqual(gitlabAfter.map((i) => i.fingerprint), gitlabBefore.map((i) => i.fingerprint));
        assert.deepEqual(gitlabAfter.map((i) => i.location.lines.begin), gitlabBefore.map((i) => i.location.lines.begin + (moved.length > 0 && i.location.path.startsWith('apps/shop/') ? 1 : 0)));
        assert.equal(new Set(gitlabBefore.map((i) => i.fingerprint)).size, gitlabBefore.length);

        // Text: absolute paths, clickable from any current folder; JSON: root-relative, as documented.
        const text = (await run(['check', '--root', 'apps/shop'], repo)).stdout;
        assert.ok(text.split('\n').includes(path.join(repo, 'apps', 'shop', '.github', 'CODEOWNERS')), text);
        // Read as VS Code's built-in $eslint-stylish problem matcher reads it (absolute file locations):
        // its file line, then its problem lines; every file it finds exists.
        const fileLine = /^((?:[a-zA-Z]:)*[./\\]+.*?)$/;
        const problemLine = /^\s+(\d+):(\d+)\s+(error|warning|info)\s+(.+?)(?:\s\s+(.*))?$/;
        let matched = 0;
        for (const block of text.split('\n\n').slice(0, -1)) {
          const [header, ...problems] = block.split('\n');
          assert.match(header, fileLine);
          assert.ok(path.isAbsolute(header) && fs.existsSync(header), header);
          for (const p of problems) assert.match(p, problemLine);
          matched += problems.length;
        }
        assert.equal(matched, after.length, 'every finding is matched');
        const json = JSON.parse((await run(['check', '--root', 'apps/shop', '--format', 'json'], repo)).stdout) as CheckOutput;
        assert.ok(json.findings.some((f) => f.file === '.github/CODEOWNERS'));
      });
    }
  });

  describe('check --changed-since (git)', () => {
    let repo: string;
    before(() => {
      repo = copyFixture('cli-shop');
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'initial');
      git(repo, 'checkout', '-q', '-b', 'feature');
      fs.appendFileSync(path.join(repo, 'services', 'legacy-billing', 'src', 'invoice.py'), 'print("late fee")\n');
      git(repo, 'commit', '-q', '-am', 'late fees');
      fs.writeFileSync(path.join(repo, 'packages', 'web-ui', 'src', 'Link.tsx'), 'export const Link = () => null;\n');
    });
    after(() => removeFolder(repo));

    for (const [how, run] of RUNNERS) {
      it(`${how}: keeps findings of modules touched since the revision (committed and untracked)`, async () => {
        const all = JSON.parse((await run(['check', '--format', 'json'], repo)).stdout) as CheckOutput;
        const r = await run(['check', '--format', 'json', '--changed-since', 'main'], repo);
        const out = JSON.parse(r.stdout) as CheckOutput;
        const expected = all.findings.filter((f) => f.module === 'legacy-billing' || f.module === '@acme/web-ui');
        assert.ok(expected.some((f) => f.module === 'legacy-billing') && expected.some((f) => f.module === '@acme/web-ui'));
        assert.deepEqual(out.findings, expected);
        assert.equal(r.code, expected.some((f) => f.severity === 'error') ? 1 : 0);
        const none = JSON.parse((await run(['check', '--format', 'json', '--changed-since', 'HEAD', 'services'], repo)).stdout) as CheckOutput;
        assert.deepEqual(none.findings, [], 'nothing under services/ changed since HEAD');
      });

      it(`${how}: --format md, the pull-request report: reviewers, team, level and findings of each touched module`, async () => {
        const r = await run(['check', '-f', 'md', '--changed-since', 'main'], repo);
        const json = JSON.parse((await run(['check', '-f', 'json', '--changed-since', 'main'], repo)).stdout) as CheckOutput;
        assert.equal(r.code, json.findings.some((f) => f.severity === 'error') ? 1 : 0, r.stderr);
        const sections = r.stdout.split('\n### ').slice(1).map((s) => s.split('\n')[0]);
        assert.deepEqual(sections, ['@acme/web-ui', 'legacy-billing'], 'the touched modules, by name');
        assert.match(r.stdout, /^## Northstar: 2 modules touched; /);
        // Link.tsx is new under /packages/web-ui/: its CODEOWNERS owner is the one to ask.
        const web = r.stdout.slice(r.stdout.indexOf('### @acme/web-ui'), r.stdout.indexOf('### legacy-billing'));
        assert.match(web, /- \*\*Review\*\*: `@acme\/web` \(1 changed file\)/);
        assert.match(web, /- \*\*Level\*\*: /);
        for (const f of json.findings) assert.ok(r.stdout.includes(`\`${f.ruleId}\` ${f.file.replace(/_/g, '\\_')}:${f.line}`), `${f.ruleId} ${f.file} listed`);
      });

      it(`${how}: a bad revision or no repository is a usage failure`, async () => {
        assertCleanFailure(await run(['check', '--changed-since', 'no-such-branch'], repo), /--changed-since no-such-branch: unknown revision/);
        assertCleanFailure(await run(['check', '--changed-since', 'main', '--root', scratch], repo), /not a git repository/);
      });
    }
  });

  describe('check --format md against the base of the change', () => {
    let repo: string;
    before(() => {
      repo = copyFixture('cli-shop');
      git(repo, 'init', '-q', '-b', 'main');
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'initial');
      git(repo, 'checkout', '-q', '-b', 'feature');
      // Committed: web-ui gains its first test (its missing-tests finding goes, its level rises).
      fs.mkdirSync(path.join(repo, 'packages', 'web-ui', 'test'));
      fs.writeFileSync(path.join(repo, 'packages', 'web-ui', 'test', 'Link.test.tsx'), "test('link', () => {});\n");
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', 'first web test');
      // Not committed: legacy-billing depends on a module that does not exist (a new error), and a
      // line inserted at the top of its contract moves every finding it had (not new).
      const contract = path.join(repo, 'services', 'legacy-billing', 'service-contract.yaml');
      fs.writeFileSync(contract, '# Billing job (being replaced)\n' + fs.readFileSync(contract, 'utf8') + 'dependsOn: [tax-rates]\n');
    });
    after(() => removeFolder(repo));

    for (const [how, run] of RUNNERS) {
      it(`${how}: marks the findings the change brings, lists those it fixed, and the levels it moved`, async () => {
        const r = await run(['check', '-f', 'md', '--changed-since', 'main'], repo);
        assert.equal(r.code, 1, 'the new error fails the check');
        assert.match(r.stdout, /^## Northstar: 2 modules touched; 1 errors, 2 warnings \(1 new, 1 fixed since the base\)$/m);
        const web = r.stdout.slice(r.stdout.indexOf('### @acme/web-ui'), r.stdout.indexOf('### legacy-billing'));
        const billing = r.stdout.slice(r.stdout.indexOf('### legacy-billing'));
        assert.match(web, /- \*\*Level\*\*: Gold \(was No level\)/);
        assert.match(web, /- \*\*Fixed\*\* \(1\):\n\n {2}- ⚠️ `quality\/missing-tests` packages\/web-ui\/package\.json:2: /);
        assert.match(billing, /- \*\*Level\*\*: No level \(unchanged\); Bronze needs: tests/);
        assert.match(billing, /- \*\*Findings\*\* \(1 new\):\n\n {2}- ❌ \*\*new\*\* `contracts\/unknown-dependency` services\/legacy-billing\/service-contract\.yaml:11: /);
        // The findings the base had, one line lower now, are not new.
        assert.equal((billing.match(/\*\*new\*\*/g) ?? []).length, 1, billing);
        assert.match(billing, /- ⚠️ `quality\/missing-tests` services\/legacy-billing\/service-contract\.yaml:4: /);
      });
    }
  });
});
