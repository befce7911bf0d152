/**
 * The CLI's loader (scripts/cli-loader.cjs, built to dist/cli.js) and the V8 code cache the build
 * leaves beside the bundle: the cache is for exactly these bytes and this Node, V8 takes it, and
 * the CLI answers the same with it, without it, and with a cache it must not use (made for other
 * bytes, or damaged).
 */
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { Module } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { cleanEnv, copyAcme, repoRoot, run, tempDir } from './run';

const DIST = path.join(repoRoot(), 'dist');

describe('CLI loader and code cache (dist/cli.js, dist/northstar-cli.cache)', function () {
  this.timeout(120_000);
  let tmp: string;
  let acme: string;

  before(() => {
    tmp = tempDir('code-cache-test');
    acme = copyAcme(tmp);
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('the build leaves a cache for this bundle and this V8, and V8 takes it', () => {
    const bundle = fs.readFileSync(path.join(DIST, 'northstar-cli.js'));
    const cache = fs.readFileSync(path.join(DIST, 'northstar-cli.cache'));
    const key = `northstar-code-cache ${createHash('sha256').update(bundle).digest('hex')} ${process.versions.v8}\n`;
    assert.equal(cache.toString('latin1', 0, key.length), key);
    const script = new vm.Script(Module.wrap(bundle.toString('utf8')), { filename: path.join(DIST, 'northstar-cli.js'), cachedData: cache.subarray(key.length) });
    assert.equal(script.cachedDataRejected, false);
  });

  it('gives the same output with the cache, without it, with one for other bytes, and with a damaged one', () => {
    const copy = (name: string) => {
      const dir = path.join(tmp, name);
      fs.mkdirSync(dir, { recursive: true });
      for (const file of ['cli.js', 'northstar-cli.js', 'listWorker.js']) fs.copyFileSync(path.join(DIST, file), path.join(dir, file));
      return dir;
    };
    const cache = fs.readFileSync(path.join(DIST, 'northstar-cli.cache'));
    const keyLength = cache.indexOf(10) + 1;
    const setups: Record<string, (dir: string) => void> = {
      cached: (dir) => fs.writeFileSync(path.join(dir, 'northstar-cli.cache'), cache),
      none: () => undefined,
      // Another build's cache: its key names other bytes, so the loader does not hand it to V8.
      otherBytes: (dir) => fs.writeFileSync(path.join(dir, 'northstar-cli.cache'), Buffer.concat([Buffer.from(`northstar-code-cache ${'0'.repeat(64)} ${process.versions.v8}\n`), cache.subarray(keyLength)])),
      // The right key over bytes that are no cache: V8 refuses them and compiles.
      damaged: (dir) => fs.writeFileSync(path.join(dir, 'northstar-cli.cache'), Buffer.concat([cache.subarray(0, keyLength), Buffer.alloc(4096, 7)])),
    };
    const outputs = new Map<string, { status: number | null; stdout: string }>();
    for (const [name, setup] of Object.entries(setups)) {
      const dir = copy(name);
      setup(dir);
      const r = run(process.execPath, [path.join(dir, 'cli.js'), 'check', '--root', acme, '--format', 'json'], tmp, cleanEnv());
      assert.equal(r.stderr, '', `${name}: ${r.stderr}`);
      outputs.set(name, { status: r.status, stdout: r.stdout });
    }
    const cached = outputs.get('cached')!;
    assert.ok((JSON.parse(cached.stdout) as { findings: unknown[] }).findings.length > 0);
    for (const [name, out] of outputs) assert.deepEqual(out, cached, name);
  });
});
