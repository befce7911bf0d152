/**
 * `check --format github`: workflow-command annotations, at most 10 of each level (GitHub drops
 * the rest), escaped so that a message cannot end the command or start another, and every finding
 * in the job summary ($GITHUB_STEP_SUMMARY).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { githubSummaryMarkdown, writeGithubAnnotations } from '../../src/core/report/github';
import { collect } from '../../src/core/report/stream';
import { copyFixture, makeFinding, removeFolder } from './helpers';

describe('check --format github', () => {
  it('escapes the message and the properties the way the runner parses them', () => {
    const f = makeFinding({ ruleId: 'codeowners/no-match', file: 'a,b:c.yaml', line: 3, column: 2, endLine: 3, endColumn: 9, message: '50% done\n::error::injected', severity: 'warning' });
    const text = collect((write) => writeGithubAnnotations([f], write));
    assert.equal(text, '::warning file=a%2Cb%3Ac.yaml,line=3,col=2,endColumn=9,title=Northstar codeowners/no-match::50%25 done%0A::error::injected\n');
    assert.equal(text.split('\n').filter((l) => l.startsWith('::')).length, 1, 'one command, whatever the message says');
  });

  it('annotates the 10 most severe of each level and says how many more the summary lists', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => makeFinding({ ruleId: 'quality/missing-tests', file: `w${String(i).padStart(2, '0')}.yaml`, severity: 'warning' })),
      ...Array.from({ length: 3 }, (_, i) => makeFinding({ ruleId: 'contracts/schema', file: `e${i}.yaml`, severity: 'error' })),
    ];
    const lines = collect((write) => writeGithubAnnotations(findings, write)).trimEnd().split('\n');
    assert.equal(lines.filter((l) => l.startsWith('::error ')).length, 3);
    assert.equal(lines.filter((l) => l.startsWith('::warning ')).length, 10);
    assert.ok(lines[0].startsWith('::error '), 'errors first');
    assert.match(lines[lines.length - 1], /^Northstar: 13 of 15 findings are annotations/);
    const summary = githubSummaryMarkdown(findings);
    assert.match(summary, /^### Northstar: 3 errors, 12 warnings, 0 notes/);
    assert.equal(summary.split('\n').filter((l) => l.startsWith('| error') || l.startsWith('| warning')).length, 15);
  });

  it('the CLI appends the summary to $GITHUB_STEP_SUMMARY and keeps the exit code', async () => {
    const shop = copyFixture('cli-shop');
    const summaryFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-summary-')), 'step-summary.md');
    fs.writeFileSync(summaryFile, '## Earlier step\n');
    try {
      let stdout = '';
      const code = await main(['check', '-f', 'github'], { stdout: (t) => void (stdout += t), stderr: () => undefined, cwd: shop, env: { GITHUB_STEP_SUMMARY: summaryFile } });
      let json = '';
      const jsonCode = await main(['check', '-f', 'json'], { stdout: (t) => void (json += t), stderr: () => undefined, cwd: shop, env: {} });
      assert.equal(code, jsonCode);
      const total = (JSON.parse(json) as { findings: unknown[] }).findings.length;
      assert.ok(total > 0);
      assert.ok(stdout.split('\n').some((l) => /^::(error|warning|notice) file=/.test(l)));
      const written = fs.readFileSync(summaryFile, 'utf8');
      assert.ok(written.startsWith('## Earlier step\n### Northstar: '), 'appended, not overwritten');
      assert.equal(written.split('\n').filter((l) => /^\| (error|warning|info) \|/.test(l)).length, total);
    } finally {
      removeFolder(shop);
      fs.rmSync(path.dirname(summaryFile), { recursive: true, force: true });
    }
  });
});
