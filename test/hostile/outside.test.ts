/**
 * The one checked read of NodeFileAccess (DESIGN 6: nothing outside the root is read, links are
 * not followed out, only regular files are opened, sizes are checked before reading, opening
 * never blocks), in its blocking and non-blocking modes and in the file scanner: special files,
 * links out, and a parent folder swapped for a link between the scan and the read, and during
 * reads (a second process swaps it back and forth while thousands of reads run).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileAccess } from '../../src/node/nodeFileAccess';

const REAL = 'apiVersion: northstar/v1\nkind: ServiceContract\nname: real\n';
const CANARY = 'canary: read outside the root\n';

function decode(bytes: Uint8Array | { tooLarge: number }): string {
  assert.ok(bytes instanceof Uint8Array, JSON.stringify(bytes));
  return new TextDecoder().decode(bytes);
}

describe('reading files outside the root (NodeFileAccess, DESIGN 6)', function () {
  this.timeout(60_000);
  let scratch = '';
  let root = '';
  let outside = '';

  beforeEach(function () {
    scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'northstar-outside-')));
    root = path.join(scratch, 'root');
    outside = path.join(scratch, 'outside');
    mkdirSync(path.join(root, 'services', 'pay'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(path.join(root, 'services', 'pay', 'service-contract.yaml'), REAL);
    writeFileSync(path.join(outside, 'service-contract.yaml'), CANARY);
  });
  afterEach(function () {
    rmSync(scratch, { recursive: true, force: true });
  });

  for (const blocking of [true, false]) {
    describe(blocking ? 'blocking' : 'non-blocking', function () {
      it('never opens a FIFO for reading, never follows a link out, follows a link inside', async function () {
        execFileSync('mkfifo', [path.join(root, 'fifo.yaml')]);
        symlinkSync('/dev/zero', path.join(root, 'zero.yaml'));
        symlinkSync(path.join(outside, 'service-contract.yaml'), path.join(root, 'out.yaml'));
        symlinkSync('services/pay/service-contract.yaml', path.join(root, 'in.yaml'));
        const fs = new NodeFileAccess(root, { blocking });
        const started = performance.now();
        await assert.rejects(fs.readFileWithin('fifo.yaml', 1024), { code: 'ENOTREG' });
        await assert.rejects(fs.readFile('fifo.yaml'), { code: 'ENOTREG' });
        assert.ok(performance.now() - started < 2000, 'a FIFO does not block');
        await assert.rejects(fs.readFileWithin('zero.yaml', 1024), { code: 'EOUTSIDE' });
        await assert.rejects(fs.readFile('out.yaml'), { code: 'EOUTSIDE' });
        assert.equal(decode(await fs.readFileWithin('in.yaml', 1024)), REAL);
        const scanned = await fs.scanFiles(['fifo.yaml', 'zero.yaml', 'out.yaml', 'in.yaml'], 1024, 'name:');
        assert.deepEqual(scanned.map((r) => (r.kind === 'error' ? r.code : r.kind)), ['ENOTREG', 'EOUTSIDE', 'EOUTSIDE', 'text']);
      });

      it('refuses a file whose parent folder was swapped for a link out between the scan and the read', async function () {
        const fs = new NodeFileAccess(root, { blocking });
        assert.deepEqual((await fs.readDirectory('services/pay')).map((e) => e.name), ['service-contract.yaml']);
        // The scan saw a real folder; now it is a link to a folder outside the root.
        renameSync(path.join(root, 'services', 'pay'), path.join(root, 'services', 'pay.was'));
        symlinkSync(outside, path.join(root, 'services', 'pay'));
        await assert.rejects(fs.readFileWithin('services/pay/service-contract.yaml', 1024), { code: 'EOUTSIDE' });
        await assert.rejects(fs.readFile('services/pay/service-contract.yaml'), { code: 'EOUTSIDE' });
        const [scan] = await fs.scanFiles(['services/pay/service-contract.yaml'], 1024, 'canary');
        assert.equal(scan.kind === 'error' && scan.code, 'EOUTSIDE');
      });

      it('never returns the outside file while another process swaps the parent folder for a link, back and forth', async function () {
        const fs = new NodeFileAccess(root, { blocking });
        const pay = path.join(root, 'services', 'pay');
        // A second process swaps services/pay between the real folder and a link out, as fast as it can.
        const swapper = spawn(process.execPath, ['-e', `
          const fs = require('node:fs');
          const pay = ${JSON.stringify(pay)}, was = pay + '.was', out = ${JSON.stringify(outside)};
          for (;;) {
            try { fs.renameSync(pay, was); fs.symlinkSync(out, pay); fs.unlinkSync(pay); fs.renameSync(was, pay); } catch {}
          }`], { stdio: 'ignore' });
        const outcomes = { real: 0, refused: 0, missing: 0 };
        try {
          const until = performance.now() + 2000;
          while (performance.now() < until) {
            try {
              const text = decode(await fs.readFileWithin('services/pay/service-contract.yaml', 1024));
              assert.notEqual(text, CANARY, 'read the file outside the root');
              assert.equal(text, REAL);
              outcomes.real++;
            } catch (error) {
              const code = (error as NodeJS.ErrnoException).code;
              if (code === 'EOUTSIDE') outcomes.refused++;
              else if (code === 'ENOENT') outcomes.missing++;
              else throw error;
            }
          }
        } finally {
          swapper.kill('SIGKILL');
        }
        console.log(`      reads while swapping: ${JSON.stringify(outcomes)}`);
        assert.ok(outcomes.real > 0, 'some reads saw the real folder');
        assert.ok(outcomes.refused > 0, 'some reads met the link and were refused');
      });
    });
  }

  it("the enclosing repository (links: 'none'): no link anywhere on the path, not even to a file inside it", async function () {
    mkdirSync(path.join(root, 'docs'));
    writeFileSync(path.join(root, 'docs', 'CODEOWNERS'), '* @acme/docs\n');
    symlinkSync('docs/CODEOWNERS', path.join(root, 'CODEOWNERS'));
    symlinkSync(outside, path.join(root, '.github'));
    writeFileSync(path.join(outside, 'CODEOWNERS'), '* @canary/leak\n');
    for (const blocking of [true, false]) {
      const fs = new NodeFileAccess(root, { blocking, links: 'none' });
      assert.equal(decode(await fs.readFileWithin('docs/CODEOWNERS', 1024)), '* @acme/docs\n');
      await assert.rejects(fs.readFileWithin('CODEOWNERS', 1024), { code: 'EOUTSIDE' });
      await assert.rejects(fs.readFileWithin('.github/CODEOWNERS', 1024), { code: 'EOUTSIDE', message: /folder on the way is a symbolic link/ });
    }
  });
});
