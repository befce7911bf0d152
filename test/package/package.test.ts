/**
 * The npm package as a user gets it: `npm pack` (whose prepack builds the CLI) in the repository,
 * the tarball's file list, then the tarball installed into an empty folder with the registry
 * out of reach (`--offline`: the package has no dependencies, the bundle holds them), and every
 * command of the installed `northstar` run against a copy of examples/acme.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NPM, cleanEnv, copyAcme, ok, repoRoot, run, tempDir, type Ran } from './run';

interface Packed {
  filename: string;
  size: number;
  entryCount: number;
  files: { path: string }[];
}

const ROOT = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

describe('npm package (npm pack, installed offline into an empty folder)', function () {
  this.timeout(240_000);
  let tmp: string;
  let packed: Packed;
  let bin: string;
  let acme: string;

  before(() => {
    tmp = tempDir('package-test');
    const out = ok(NPM, ['pack', '--json', '--pack-destination', tmp], ROOT);
    // Lifecycle scripts may print before the JSON.
    packed = (JSON.parse(out.stdout.slice(out.stdout.indexOf('['))) as Packed[])[0];
    const project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'uses-northstar', version: '1.0.0', private: true }));
    ok(NPM, ['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, packed.filename)], project);
    bin = path.join(project, 'node_modules', '.bin', process.platform === 'win32' ? 'northstar.cmd' : 'northstar');
    acme = copyAcme(tmp);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const northstar = (...args: string[]): Ran => run(bin, args, path.dirname(acme), cleanEnv());

  it('packs the CLI bundle, its loader, its worker, the bin and the legal files, and nothing else', () => {
    const files = packed.files.map((f) => f.path).sort();
    assert.deepEqual(files, ['LICENSE', 'README.md', 'bin/northstar.js', 'dist/cli.js', 'dist/listWorker.js', 'dist/northstar-cli.js', 'package.json']);
    assert.equal(packed.entryCount, 7);
    // A minified, self-contained bundle: well under 1 MB packed (it was 2.7 MB of sources and tests with no bundle).
    assert.ok(packed.size < 1_000_000, `the tarball is ${packed.size} bytes`);
  });

  it('declares no dependencies, so installing it needs no registry', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(tmp, 'project', 'node_modules', 'northstar', 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
      assert.equal(installed[key], undefined, `package.json has ${key}`);
    }
    // Only northstar itself was installed.
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'project', 'node_modules')).filter((n) => !n.startsWith('.')), ['northstar']);
  });

  it('northstar --version prints the package version', () => {
    const r = northstar('--version');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), pkg.version);
  });

  it('northstar check finds the example\'s warnings and exits 0; SARIF is valid JSON; --max-warnings 0 exits 1', () => {
    const text = northstar('check', '--root', 'acme');
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^ {2}\d+:\d+ {2}warning {2}Pattern "\/services\/legacy-cart\/" matches no file.*codeowners\/no-match$/m);
    assert.match(text.stdout, /^⚠ \d+ problems \(0 errors, \d+ warnings, \d+ infos\)$/m);
    const sarif = northstar('check', '--root', 'acme', '--format', 'sarif');
    assert.equal(sarif.status, 0, sarif.stderr);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: { tool: { driver: { name: string; version?: string } }; results: unknown[] }[] };
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].tool.driver.name, 'northstar');
    assert.ok(log.runs[0].results.length > 0);
    assert.equal(northstar('check', '--root', 'acme', '--max-warnings', '0').status, 1);
    assert.equal(northstar('check', '--root', 'no-such-folder').status, 2);
  });

  it('northstar owners names the owners and the deciding CODEOWNERS line', () => {
    const r = northstar('owners', '--root', 'acme', 'services/payments-api/src/server.ts');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^services\/payments-api\/src\/server\.ts {2}@acme\/payments {2}\(\.github\/CODEOWNERS:\d+ \/services\/payments-api\/\) {2}\[payments-api\]$/m);
  });

  it('northstar diagram prints a Mermaid flowchart', () => {
    const r = northstar('diagram', '--root', 'acme');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^flowchart LR\n/);
    assert.match(r.stdout, /payments-api/);
  });

  it('northstar summary prints the vision summary', () => {
    const r = northstar('summary', '--root', 'acme');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Vision summary$/m);
    assert.match(r.stdout, /^\*\*Direction:\*\* /m);
  });

  it('northstar model prints the model as JSON', () => {
    const r = northstar('model', '--root', 'acme');
    assert.equal(r.status, 0, r.stderr);
    const model = JSON.parse(r.stdout) as { root: string; modules: { name: string }[] };
    assert.equal(model.root, acme);
    assert.ok(model.modules.some((m) => m.name === 'payments-api'), 'payments-api is a module');
  });
});
