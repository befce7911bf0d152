/**
 * `northstar init`: on a workspace with only CODEOWNERS, a catalog-less set of manifests and
 * contracts (cli-shop without its teams.yaml and vision.yaml), it writes the files Northstar reads,
 * from what the workspace names, never over an existing file and never through a link out of the
 * root; what it writes parses cleanly and clears the errors its absence caused.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CheckOutput } from '../../src/core/report/types';
import { copyFixture, removeFolder, RUNNERS } from './helpers';

describe('northstar init', () => {
  for (const [how, run] of RUNNERS) {
    describe(how, () => {
      let shop: string;
      let outside: string;
      beforeEach(() => {
        shop = copyFixture('cli-shop');
        fs.rmSync(path.join(shop, 'teams.yaml'));
        fs.rmSync(path.join(shop, 'vision.yaml'));
        outside = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-init-outside-'));
      });
      afterEach(() => {
        removeFolder(shop);
        removeFolder(outside);
      });

      it('writes teams.yaml, vision.yaml and the missing contracts from what the workspace names; a second run keeps them', async () => {
        const before = JSON.parse((await run(['check', '-f', 'json'], shop)).stdout) as CheckOutput;
        assert.ok(before.findings.some((f) => f.ruleId === 'quality/missing-tests' && f.file === 'packages/web-ui/package.json'));

        const dry = await run(['init', '--dry-run'], shop);
        assert.equal(dry.code, 0, dry.stderr);
        assert.deepEqual(dry.stdout.trim().split('\n').map((l) => l.split(':')[0]), [
          'would create teams.yaml',
          'would create vision.yaml',
          'would create packages/web-ui/service-contract.yaml',
        ]);
        assert.ok(!fs.existsSync(path.join(shop, 'teams.yaml')), '--dry-run writes nothing');

        const r = await run(['init'], shop);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /^created teams\.yaml: 4 teams \(0 with an escalation path\)$/m);
        assert.match(r.stdout, /^created vision\.yaml: 3 priorities to complete with outcome metrics, 3 of them already linked from the code$/m);
        assert.match(r.stdout, /^created packages\/web-ui\/service-contract\.yaml: the contract of @acme\/web-ui, from packages\/web-ui\/package\.json$/m);
        const teams = fs.readFileSync(path.join(shop, 'teams.yaml'), 'utf8');
        // CODEOWNERS' team handles, named from their slugs; the person @dana is not a team.
        assert.match(teams, /- id: "@acme\/payments"\n {4}name: "Payments"/);
        assert.ok(!teams.includes('"@dana"'), teams);
        assert.match(teams, /# escalation:/, 'a commented template, not a made-up escalation path');

        // The model reads what init wrote: teams declared by teams.yaml, the priorities the code links to.
        const model = JSON.parse((await run(['model'], shop)).stdout) as { teams: { id: string; source: string }[]; priorities: { id: string }[]; modules: { name: string; source: string }[] };
        assert.deepEqual(model.teams.filter((t) => t.source === 'teams').map((t) => t.id).sort(), ['@acme/finance', '@acme/payments', '@acme/platform', '@acme/web']);
        assert.deepEqual(model.priorities.map((p) => p.id).sort(), ['checkout-conversion', 'cost', 'reliability']);
        assert.equal(model.modules.find((m) => m.name === '@acme/web-ui')?.source, 'contract');

        const after = JSON.parse((await run(['check', '-f', 'json'], shop)).stdout) as CheckOutput;
        const created = ['teams.yaml', 'vision.yaml', 'packages/web-ui/service-contract.yaml'];
        assert.deepEqual(after.findings.filter((f) => created.includes(f.file) && (f.ruleId.endsWith('/schema') || f.ruleId.endsWith('/yaml'))), [], 'what init writes is valid');
        assert.deepEqual(after.findings.filter((f) => f.ruleId === 'strategy/unknown-priority'), [], 'every priority the code links to is declared');

        const again = await run(['init'], shop);
        assert.equal(again.code, 0);
        assert.equal(again.stdout, 'Nothing to create: teams.yaml, vision.yaml and a contract for every module exist.\n');
      });

      it('never overwrites a file, nor writes through a folder that links out of the root', async () => {
        fs.writeFileSync(path.join(shop, 'vision.yml'), 'apiVersion: northstar/v1\nkind: Vision\npriorities: []\n');
        const webUi = path.join(shop, 'packages', 'web-ui');
        const moved = path.join(outside, 'web-ui');
        fs.renameSync(webUi, moved);
        fs.symlinkSync(moved, webUi);
        const r = await run(['init'], shop);
        assert.equal(r.code, 0, r.stderr);
        assert.ok(!r.stdout.includes('vision.yaml'), 'vision.yml exists: no vision.yaml beside it');
        assert.equal(fs.readFileSync(path.join(shop, 'vision.yml'), 'utf8'), 'apiVersion: northstar/v1\nkind: Vision\npriorities: []\n');
        assert.ok(!fs.existsSync(path.join(moved, 'service-contract.yaml')), 'nothing written outside the root');
        // The walk does not follow the link: no module there, so no contract planned for it.
        assert.deepEqual(r.stdout.trim().split('\n').map((l) => l.split(':')[0]), ['created teams.yaml', '', 'Complete the TODOs in the files created, then run `northstar check`.']);
      });
    });
  }
});
