/**
 * isServiceHint (build/assign.ts), asked for every file of a module not yet known to be a
 * service, tells names apart by their last letter and length before it copies one: it answers
 * as the plain definition (a deployment file's name, or a path in a deployment folder) on the
 * names themselves, near misses and random paths built from them.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isServiceHint } from '../../../src/core/build/assign';

// The definition, written out: the names and folders DESIGN's type inference names.
const FILES = ['Dockerfile', 'Containerfile', 'Procfile', 'Chart.yaml', 'fly.toml', 'app.yaml', 'serverless.yml', 'skaffold.yaml'];
const FOLDERS = ['k8s/', 'kubernetes/', 'helm/', 'deploy/', 'deployment/'];
const plain = (rel: string) => FILES.includes(rel.slice(rel.lastIndexOf('/') + 1)) || FOLDERS.some((f) => rel.startsWith(f));

describe('isServiceHint', () => {
  it('answers as the plain definition on deployment names, near misses and random paths', () => {
    const fragments = [...FILES, ...FOLDERS.map((f) => f.slice(0, -1)), 'dockerfile', 'DockerFile', 'Dockerfilx', 'xDockerfile', 'app.yml', 'fly.tom', 'src', 'main.go', 'a', 'e', 'l', '', 'deploy.yaml', 'helm', 'Chart.yamle'];
    const rel = fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(fc.property(rel, (r) => assert.equal(isServiceHint(r), plain(r), r)), { numRuns: 5000 });
    for (const name of FILES) {
      assert.equal(isServiceHint(name), true);
      assert.equal(isServiceHint(`src/${name}`), true);
      assert.equal(isServiceHint(`${name}x`), false);
    }
    assert.equal(isServiceHint('k8s/a.txt'), true);
    assert.equal(isServiceHint('src/k8s/a.txt'), false);
  });
});
