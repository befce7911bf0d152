/**
 * `changesSince` (src/node/git): the files a change touches and the files as they were at its
 * base, read from git's objects without running git: loose and packed blobs, a file over the
 * size limit measured without being inflated whole, files under a folder the index's cache tree
 * shares with the base, and what the base did not have.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { changesSince } from '../../src/node/git';
import { removeFolder } from './helpers';

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Dana', '-c', 'user.email=dana@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' });
}

describe('changesSince: the base of a change, read from git objects', () => {
  let repo: string;
  // Random text does not compress: the deflated object is as large as the file.
  const big = Buffer.from(Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 89))).join(''));
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-base-'));
    fs.mkdirSync(path.join(repo, 'services', 'payments'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(path.join(repo, 'services', 'payments', 'service-contract.yaml'), 'name: payments\n');
    fs.writeFileSync(path.join(repo, 'docs', 'big.txt'), big);
    fs.writeFileSync(path.join(repo, 'docs', 'old.md'), '# Old\n');
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'initial');
    git(repo, 'checkout', '-q', '-b', 'feature');
    fs.writeFileSync(path.join(repo, 'services', 'payments', 'service-contract.yaml'), 'name: payments\nowner: "@acme/payments"\n');
    fs.writeFileSync(path.join(repo, 'docs', 'big.txt'), 'small now\n');
    fs.rmSync(path.join(repo, 'docs', 'old.md'));
    fs.writeFileSync(path.join(repo, 'docs', 'new.md'), '# New\n');
  });
  after(() => removeFolder(repo));

  for (const packed of [false, true]) {
    it(`reads the base's bytes of changed files, ${packed ? 'packed' : 'loose'} objects`, async () => {
      if (packed) git(repo, 'gc', '-q', '--prune=now');
      const changes = await changesSince(repo, 'main');
      assert.deepEqual(changes.files, ['docs/big.txt', 'docs/new.md', 'docs/old.md', 'services/payments/service-contract.yaml']);
      const contract = await changes.readBase('services/payments/service-contract.yaml', 1024);
      assert.ok(contract instanceof Uint8Array);
      assert.equal(Buffer.from(contract).toString('utf8'), 'name: payments\n');
      assert.equal(Buffer.from((await changes.readBase('docs/old.md', 1024)) as Uint8Array).toString('utf8'), '# Old\n');
      assert.equal(await changes.readBase('docs/new.md', 1024), 'absent', 'the base had no such file');
      assert.equal(await changes.readBase('docs', 1024), 'absent', 'a folder is not a file');
      assert.deepEqual(await changes.readBase('docs/big.txt', 1000), { tooLarge: big.length });
      assert.deepEqual(Buffer.from((await changes.readBase('docs/big.txt', big.length)) as Uint8Array), big);
    });
  }
});
