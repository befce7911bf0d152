/**
 * Which files a local folder has (src/node/files.ts, DESIGN 1.9): git's list in a git work tree,
 * read without running git, the configurable walk outside one. Each case is a real repository
 * made by git in a temporary folder, shaped like the ones that showed the problem (a Gradle
 * project whose `build/` holds sources, a monorepo with symbolic links, a submodule and a
 * sparse checkout).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../src/core/analyze';
import type { Analysis } from '../../src/core/api';
import { listLocalFiles } from '../../src/node/files';
import { listWorkTreeFiles } from '../../src/node/git';
import { presentInWorkTree } from '../../src/node/git/worktree';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';
import { localAnalyzeOptions } from '../../src/node/setup';

/** git with no system or user configuration (a `core.excludesFile` of the machine must not count). */
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'protocol.file.allow=always', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
}

function write(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

/** What `git ls-files --cached --others --exclude-standard` lists, the oracle for git's list. */
function gitListing(root: string): string[] {
  return git(root, 'ls-files', '--cached', '--others', '--exclude-standard', '-z')
    .split('\0')
    .filter((p) => p !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function analyze(root: string): Promise<Analysis> {
  return analyzeWorkspace(new NodeFileAccess(root), { ...localAnalyzeOptions(root), today: '2026-06-01' });
}

function findings(analysis: Analysis, ruleId: string): string[] {
  return analysis.model.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.file}:${f.line} ${f.message}`);
}

/** A Gradle project: the build logic's sources live in `build/` and `buildSrc/`, tracked. */
const GRADLE_PROJECT = {
  '.github/CODEOWNERS': [
    '*                     @acme/platform',
    '/build/               @acme/build-tools',
    '/app/src/             @acme/payments',
    '/docs/generated/      @acme/docs',
    '',
  ].join('\n'),
  '.gitignore': ['/build/out/', '*.log', 'dist/', '.gradle/', ''].join('\n'),
  'app/.gitignore': 'src/generated/\n',
  'settings.gradle.kts': 'rootProject.name = "ledger"\ninclude("app")\n',
  'build/conventions/src/main/kotlin/ledger.java-conventions.gradle.kts': 'plugins { java }\n',
  'build/conventions/build.gradle.kts': 'plugins { `kotlin-dsl` }\n',
  'app/build.gradle.kts': 'plugins { id("ledger.java-conventions") }\n',
  'app/src/main/java/com/acme/ledger/Ledger.java': 'package com.acme.ledger;\npublic class Ledger {}\n',
  'app/src/test/java/com/acme/ledger/LedgerTest.java': 'package com.acme.ledger;\nclass LedgerTest {}\n',
};

describe('the files of a local folder (git list or walk)', function () {
  this.timeout(60_000);
  let scratch: string;

  before(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-files-'));
  });

  after(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  function repository(name: string, files: Record<string, string>): string {
    const root = path.join(scratch, name);
    write(root, files);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
    return root;
  }

  it('lists what git lists: a tracked build/ folder, untracked files not ignored, tracked files even where ignored', async () => {
    const root = repository('gradle', GRADLE_PROJECT);
    // Tracked although ignored (added with -f, as generated docs often are).
    write(root, { 'docs/generated/api.md': '# API\n', 'dist/.gitkeep': '' });
    fs.appendFileSync(path.join(root, '.gitignore'), 'docs/generated/\n');
    git(root, 'add', '-f', 'docs/generated/api.md', 'dist/.gitkeep', '.gitignore');
    git(root, 'commit', '-q', '-m', 'docs');
    // Untracked: one listed, the rest ignored by the root and nested .gitignore and by info/exclude.
    write(root, {
      'app/src/main/java/com/acme/ledger/Fees.java': 'package com.acme.ledger;\nclass Fees {}\n',
      'app/src/generated/Parser.java': 'class Parser {}\n',
      'build/out/conventions.jar': 'PK',
      'dist/ledger.jar': 'PK',
      'gradle-build.log': 'BUILD SUCCESSFUL\n',
      'notes/scratch.md': 'todo\n',
    });
    fs.appendFileSync(path.join(root, '.git', 'info', 'exclude'), 'notes/\n');

    const listing = await listLocalFiles(root);
    assert.equal(listing.source, 'git');
    assert.deepEqual(listing.source === 'git' && listing.files, gitListing(root));
    const analysis = await analyze(root);
    assert.deepEqual(analysis.files, gitListing(root));
    for (const listed of ['build/conventions/build.gradle.kts', 'app/src/main/java/com/acme/ledger/Fees.java', 'docs/generated/api.md', 'dist/.gitkeep']) {
      assert.ok(analysis.files!.includes(listed), listed);
    }
    for (const unlisted of ['app/src/generated/Parser.java', 'build/out/conventions.jar', 'dist/ledger.jar', 'gradle-build.log', 'notes/scratch.md']) {
      assert.ok(!analysis.files!.includes(unlisted), unlisted);
    }
    // `/build/` and `/docs/generated/` match files git tracks: no codeowners/no-match, and the owners agree.
    assert.deepEqual(findings(analysis, 'codeowners/no-match'), []);
    assert.deepEqual(analysis.ownersOf('build/conventions/build.gradle.kts').owners, ['@acme/build-tools']);
  });

  it('lists on a worker thread (the extension host is not held), with the same answer as in place', async () => {
    const root = repository('gradle-worker', GRADLE_PROJECT);
    write(root, { 'app/src/main/java/com/acme/ledger/Fees.java': 'class Fees {}\n' });
    const { listOnWorker, listedMessage } = await import('../../src/node/files');
    const onWorker = await listOnWorker(root);
    assert.ok(onWorker !== null, 'the worker script out/src/node/listWorker.js ran');
    assert.deepEqual(onWorker, await listedMessage(root));
    assert.ok(onWorker.source === 'git' && onWorker.files.split('\u0000').includes('app/src/main/java/com/acme/ledger/Fees.java'));
  });

  it('does not walk into tracked symbolic links: no loop or dangling-link findings for them', async () => {
    const root = repository('links', {
      '.cursor/skills/review/SKILL.md': '# Review\n',
      'operator/website/package.json': '{ "name": "website", "private": true }\n',
      'operator/docs/index.md': '# Operator\n',
      'CODEOWNERS': '/operator/ @acme/operator\n/.claude/ @acme/devex\n',
    });
    fs.mkdirSync(path.join(root, '.claude'));
    fs.symlinkSync('../.cursor/skills', path.join(root, '.claude', 'skills'));
    fs.symlinkSync('../docs', path.join(root, 'operator', 'website', 'docs'));
    fs.symlinkSync('../../node_modules', path.join(root, 'operator', 'website', 'node_modules'));
    fs.symlinkSync('../../../.', path.join(root, 'operator', 'website', 'loop'));
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'links');

    const analysis = await analyze(root);
    assert.deepEqual(analysis.files, gitListing(root));
    assert.ok(analysis.files!.includes('.claude/skills') && !analysis.files!.some((f) => f.startsWith('.claude/skills/')));
    assert.deepEqual(findings(analysis, 'workspace/skipped'), []);
    assert.deepEqual(findings(analysis, 'codeowners/no-match'), []);
  });

  it('counts a submodule as its folder and sparse-checkout files by path, reading neither', async () => {
    const library = repository('money-lib', { 'src/money.ts': 'export type Cents = number;\n' });
    const root = repository('monorepo', {
      'CODEOWNERS': [
        '/services/ @acme/platform',
        '/services/billing/ @acme/billing',
        '/libs/money @acme/finance',
        '/libs/money/src/ @acme/finance',
        '',
      ].join('\n'),
      'services/api/service-contract.yaml': 'name: api\nowner: "@acme/platform"\n',
      'services/api/src/server.ts': 'export {};\n',
      'services/billing/service-contract.yaml': 'name: billing\nowner: "@acme/billing"\nkind: [\n',
      'services/billing/src/invoice.ts': 'export {};\n',
    });
    git(root, 'submodule', '--quiet', 'add', library, 'libs/money');
    git(root, 'commit', '-q', '-m', 'money library');
    git(root, 'sparse-checkout', 'set', '--cone', 'services/api');
    assert.ok(!fs.existsSync(path.join(root, 'services/billing/src/invoice.ts')));

    const listing = await listLocalFiles(root);
    assert.ok(listing.source === 'git');
    assert.deepEqual(listing.files, gitListing(root));
    assert.deepEqual(listing.unread, ['libs/money', 'services/billing/service-contract.yaml', 'services/billing/src/invoice.ts']);

    const analysis = await analyze(root);
    // Outside the sparse checkout, still the repository's: `/services/billing/` matches. The
    // submodule's path matches `/libs/money`; its files are the other repository's.
    assert.deepEqual(findings(analysis, 'codeowners/no-match'), ['CODEOWNERS:4 Pattern "/libs/money/src/" matches no file: fix the path (renamed or moved?) or remove the line.']);
    assert.deepEqual(analysis.ownersOf('services/billing/src/invoice.ts').owners, ['@acme/billing']);
    // Not read: the broken contract outside the checkout gives no finding, and nothing is "skipped".
    assert.deepEqual(analysis.model.modules.map((m) => m.name), ['api']);
    assert.deepEqual(findings(analysis, 'workspace/skipped'), []);
    assert.deepEqual(findings(analysis, 'contracts/yaml'), []);
  });

  it('tells which tracked files are on disk from what the untracked walk read, and by asking where it did not go', async () => {
    const root = repository('on-disk', GRADLE_PROJECT);
    // Tracked where the untracked walk never reads (an ignored folder, added with -f), and where it does.
    write(root, { 'dist/keep.txt': 'kept\n', 'dist/gone.txt': 'gone\n', 'tools/x.ts': 'export {};\n', 'tools/y.ts': 'export {};\n', 'tools/z.ts': 'export {};\n' });
    git(root, 'add', '-f', 'dist/keep.txt', 'dist/gone.txt', 'tools/x.ts', 'tools/y.ts', 'tools/z.ts');
    git(root, 'commit', '-q', '-m', 'more');
    fs.rmSync(path.join(root, 'dist/gone.txt'));
    fs.rmSync(path.join(root, 'tools/x.ts'));
    // A tracked file that is now a folder, and a folder of tracked files that is now a link (git's "beyond a symbolic link").
    fs.rmSync(path.join(root, 'tools/y.ts'));
    fs.mkdirSync(path.join(root, 'tools/y.ts'));
    fs.renameSync(path.join(root, 'build'), path.join(root, 'build-moved'));
    fs.symlinkSync('build-moved', path.join(root, 'build'));
    // An untracked nested repository: git lists none of its files, and neither does the listing.
    write(root, { 'nested/c.ts': 'export {};\n' });
    git(path.join(root, 'nested'), 'init', '-q');
    const listing = await listWorkTreeFiles(root);
    const tracked = git(root, 'ls-files', '--cached', '-z').split('\0').filter((p) => p !== '');
    // The answer before the walk's reads served it: every tracked file asked on its own.
    const present = presentInWorkTree(root, tracked);
    assert.deepEqual(listing.missing, tracked.filter((p) => !present.has(p)).sort());
    assert.deepEqual(listing.missing, ['build/conventions/build.gradle.kts', 'build/conventions/src/main/kotlin/ledger.java-conventions.gradle.kts', 'dist/gone.txt', 'tools/x.ts', 'tools/y.ts']);
    assert.deepEqual(listing.nestedRepositories, ['nested/']);
    const listed = await listLocalFiles(root);
    assert.ok(listed.source === 'git');
    for (const gone of [...listing.missing, 'nested/c.ts']) assert.ok(!listed.files.includes(gone), gone);
    for (const kept of ['dist/keep.txt', 'tools/z.ts', 'build-moved/conventions/build.gradle.kts']) assert.ok(listed.files.includes(kept), kept);
  });

  it('reads the index files while the list of files is made, and keeps only what the list holds', async () => {
    // The example workspace as a repository, then a tagged source file deleted and an untracked one added.
    const root = path.join(scratch, 'early');
    fs.cpSync(path.join(__dirname, '..', '..', '..', 'examples', 'acme'), root, { recursive: true });
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'initial');
    fs.rmSync(path.join(root, 'services/payments-api/src/routes/payments.ts'));
    write(root, { 'services/catalog-api/src/main/java/com/acme/catalog/Stock.java': 'package com.acme.catalog;\n// northstar:priority checkout-conversion\nclass Stock {}\n' });
    const options = { ...localAnalyzeOptions(root), today: '2026-06-01' };
    const told: string[] = [];
    const early = await analyzeWorkspace(new NodeFileAccess(root), { ...options, listFiles: (tell) => options.listFiles!((paths) => { told.push(...paths); tell?.(paths); }) });
    const late = await analyzeWorkspace(new NodeFileAccess(root), { ...options, listFiles: () => options.listFiles!() });
    // Told early: the deleted file (the index still has it), not the untracked one; the list decides.
    assert.ok(told.includes('services/payments-api/src/routes/payments.ts'));
    assert.ok(!told.includes('services/catalog-api/src/main/java/com/acme/catalog/Stock.java'));
    assert.deepEqual(JSON.stringify(early.model), JSON.stringify(late.model));
    // Equal counts on both sides (one source file gone, one added): only the list, not the count, may decide.
    const tagged = (analysis: Analysis) => analysis.model.modules.filter((m) => m.priorities.includes('checkout-conversion')).map((m) => m.name).sort();
    assert.ok(tagged(early).includes('catalog-api'), 'the tag of the untracked file counts');
  });

  it('leaves out a tracked file deleted from disk, as the file event does', async () => {
    const root = repository('deleted', GRADLE_PROJECT);
    fs.rmSync(path.join(root, 'app/src/test/java/com/acme/ledger/LedgerTest.java'));
    const analysis = await analyze(root);
    assert.ok(!analysis.files!.includes('app/src/test/java/com/acme/ledger/LedgerTest.java'));
    assert.ok(analysis.files!.includes('app/src/main/java/com/acme/ledger/Ledger.java'));
  });

  it('keeps up with created files as git would list them: an untracked file appears, an ignored one does not', async () => {
    const root = repository('events', GRADLE_PROJECT);
    const analyzer = new WorkspaceAnalyzer(new NodeFileAccess(root), { ...localAnalyzeOptions(root), today: '2026-06-01' });
    await analyzer.analyze();
    write(root, {
      'app/src/main/java/com/acme/ledger/Fees.java': 'class Fees {}\n',
      'app/src/generated/Lexer.java': 'class Lexer {}\n',
      'build/out/app.jar': 'PK',
      'build/conventions/src/main/kotlin/ledger.publishing.gradle.kts': 'plugins { `maven-publish` }\n',
    });
    const updated = await analyzer.update([
      { path: 'app/src/main/java/com/acme/ledger/Fees.java', kind: 'created' },
      { path: 'app/src/generated/Lexer.java', kind: 'created' },
      { path: 'build/out/app.jar', kind: 'created' },
      { path: 'build/conventions/src/main/kotlin/ledger.publishing.gradle.kts', kind: 'created' },
    ]);
    assert.deepEqual(updated.files, gitListing(root));
    assert.deepEqual(updated.files, (await analyze(root)).files);
  });

  it('walks a corrupt repository instead, with a finding that says why and how to repair it', async () => {
    const root = repository('corrupt', GRADLE_PROJECT);
    fs.writeFileSync(path.join(root, '.git', 'index'), Buffer.from('DIRC\0\0\0\x02garbage'));
    const listing = await listLocalFiles(root);
    assert.equal(listing.source, 'walk');
    const analysis = await analyze(root);
    const skipped = analysis.model.findings.filter((f) => f.ruleId === 'workspace/skipped');
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].message, /^Git's list of files could not be read \(.+\), so the folder was walked instead.*git reset/);
    assert.ok(analysis.files!.includes('app/src/main/java/com/acme/ledger/Ledger.java'));
    // The walk skips build/ by name: the reason the git list exists.
    assert.ok(!analysis.files!.some((f) => f.startsWith('build/')));
  });

  describe('outside a git work tree', () => {
    it('walks with the built-in skip list, adjusted by .northstar.yaml walk.skipFolders and walk.walkFolders', async () => {
      const root = path.join(scratch, 'plain');
      write(root, {
        ...GRADLE_PROJECT,
        'node_modules/left-pad/index.js': 'module.exports = {};\n',
        'app/generated/Parser.java': 'class Parser {}\n',
      });
      assert.deepEqual(await listLocalFiles(root), { source: 'walk', problems: [] });
      let analysis = await analyze(root);
      assert.ok(!analysis.files!.some((f) => f.startsWith('build/')));
      assert.ok(analysis.files!.includes('app/generated/Parser.java'));
      assert.deepEqual(findings(analysis, 'codeowners/no-match').map((f) => f.split(' ')[0]), ['.github/CODEOWNERS:2', '.github/CODEOWNERS:4']);

      write(root, { '.northstar.yaml': 'walk:\n  skipFolders: [generated]\n  walkFolders: [build]\n' });
      analysis = await analyze(root);
      assert.ok(analysis.files!.includes('build/conventions/build.gradle.kts'));
      assert.ok(!analysis.files!.includes('app/generated/Parser.java'));
      assert.ok(!analysis.files!.some((f) => f.startsWith('node_modules/')));
      assert.deepEqual(findings(analysis, 'codeowners/no-match').map((f) => f.split(' ')[0]), ['.github/CODEOWNERS:4']);
    });

    it('walks again when the walk configuration changes', async () => {
      const root = path.join(scratch, 'plain-events');
      write(root, GRADLE_PROJECT);
      const analyzer = new WorkspaceAnalyzer(new NodeFileAccess(root), localAnalyzeOptions(root));
      assert.ok(!(await analyzer.analyze()).files!.some((f) => f.startsWith('build/')));
      write(root, { '.northstar.yaml': 'walk:\n  walkFolders: [build]\n' });
      const updated = await analyzer.update([{ path: '.northstar.yaml', kind: 'created' }]);
      assert.ok(updated.files!.includes('build/conventions/build.gradle.kts'));
    });

    it('reports a dangling link as a link to a missing target', async () => {
      const root = path.join(scratch, 'plain-links');
      write(root, { 'web/package.json': '{ "name": "web" }\n' });
      fs.symlinkSync('../missing', path.join(root, 'web', 'node_modules'));
      fs.symlinkSync('missing.ts', path.join(root, 'web', 'index.ts'));
      const analysis = await analyze(root);
      const skipped = findings(analysis, 'workspace/skipped');
      assert.equal(skipped.length, 2);
      for (const f of skipped) {
        assert.match(f, /a symbolic link to a missing target/);
        assert.doesNotMatch(f, /disappeared/);
      }
    });
  });
});
