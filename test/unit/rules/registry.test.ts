/**
 * Rules, docs and tests stay in sync: every registered rule has its file, docs page and
 * table test, and every rule file and docs page belongs to a registered rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RULES, ruleById } from '../../../src/core/rules';
import { docsPath, docsUrl } from '../../../src/core/rules/rule';
import { SCORECARD_CRITERIA } from '../../../src/core/scorecard';

/** The repository root, whether the tests run from `out/` or from another output folder. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'src/core/rules/index.ts'))) return dir;
  }
  return process.cwd();
}

const root = repoRoot();

/** `<area>/<name>` for every `<area>/<name><suffix>` file below `folder`. */
function idsIn(folder: string, suffix: string): string[] {
  const base = path.join(root, folder);
  const ids: string[] = [];
  for (const area of fs.readdirSync(base, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const file of fs.readdirSync(path.join(base, area.name))) {
      if (file.endsWith(suffix)) ids.push(`${area.name}/${file.slice(0, -suffix.length)}`);
    }
  }
  return ids.sort();
}

const DESIGN_ORDER = [
  'ownership/missing-owner',
  'ownership/unknown-owner',
  'ownership/owner-mismatch',
  'ownership/no-escalation',
  'ownership/placeholder-owner',
  'codeowners/syntax',
  'codeowners/duplicate-pattern',
  'codeowners/shadowed',
  'codeowners/no-match',
  'quality/missing-tests',
  'observability/missing',
  'observability/critical-gaps',
  'contracts/yaml',
  'contracts/schema',
  'contracts/unknown-dependency',
  'contracts/dependency-cycle',
  'contracts/duplicate-name',
  'contracts/missing-definition',
  'contracts/deprecated-dependency',
  'strategy/unknown-priority',
  'strategy/priority-count',
  'strategy/priority-without-metric',
  'strategy/capacity',
  'strategy/orphan-priority',
  'strategy/experiment-without-criterion',
  'strategy/experiment-overdue',
  'strategy/experiment-undecided-in-production',
  'strategy/initiative-overdue',
  'strategy/initiative-unowned',
  'strategy/unknown-initiative',
  'strategy/stale-metric',
  'security/missing-threat-model',
  'security/stale-review',
  'learning/overdue-action',
  'learning/unknown-module',
  'workspace/skipped',
  'internal/rule-error',
];

describe('rule registry', () => {
  const ids = RULES.map((rule) => rule.meta.id);

  it('lists the rules of DESIGN.md in its order, then workspace/skipped and internal/rule-error', () => {
    assert.deepEqual(ids, DESIGN_ORDER);
  });

  it('has unique ids of the form area/name, valid severities and one-line descriptions', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of RULES) {
      assert.match(rule.meta.id, /^[a-z]+\/[a-z]+(-[a-z]+)*$/);
      assert.ok(['error', 'warning', 'info'].includes(rule.meta.defaultSeverity), rule.meta.id);
      assert.ok(rule.meta.description.length > 10 && !rule.meta.description.includes('\n'), rule.meta.id);
      // The summary's label: short words, not the id again, not a sentence.
      assert.ok(rule.meta.title.length >= 5 && rule.meta.title.length <= 50, rule.meta.id);
      assert.match(rule.meta.title, /^[A-Z][^\n]*[^.\s]$/, rule.meta.id);
      assert.ok(!rule.meta.title.includes('/'), rule.meta.id);
      assert.equal(ruleById(rule.meta.id), rule);
    }
    assert.equal(ruleById('no/such-rule'), undefined);
  });

  it('marks exactly the strategy rules as needing a vision', () => {
    for (const rule of RULES) assert.equal(rule.meta.requiresVision === true, rule.meta.id.startsWith('strategy/'), rule.meta.id);
  });

  it('has one source file per rule, exporting that rule', () => {
    for (const rule of RULES) {
      const file = path.join(root, 'src/core/rules', `${rule.meta.id}.ts`);
      assert.ok(fs.existsSync(file), `missing ${file}`);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.values(require(`../../../src/core/rules/${rule.meta.id}`) as Record<string, unknown>);
      assert.ok(exported.includes(rule), `${rule.meta.id}.ts does not export the registered rule`);
    }
    assert.deepEqual(idsIn('src/core/rules', '.ts'), [...ids].sort(), 'every rule file is registered');
  });

  it('has one docs page per rule, with the sections a user needs', () => {
    for (const rule of RULES) {
      const file = path.join(root, 'docs/rules', `${rule.meta.id}.md`);
      assert.ok(fs.existsSync(file), `missing ${file}`);
      const page = fs.readFileSync(file, 'utf8');
      assert.ok(page.startsWith(`# ${rule.meta.id}\n`), `${file} starts with its id`);
      assert.ok(page.includes(`Default severity: **${rule.meta.defaultSeverity}**`), `${file} states the default severity`);
      for (const heading of ['## Why', '## How to fix', '## Quick fix', '## How to silence']) assert.ok(page.includes(heading), `${file} has "${heading}"`);
      // The link the extension builds from its folder's docs/rules/ names this very file.
      assert.equal(fileURLToPath(docsUrl(rule.meta.id, pathToFileURL(path.join(root, 'docs/rules')).href)), file);
    }
    assert.deepEqual(idsIn('docs/rules', '.md'), [...ids].sort(), 'every docs page is registered');
  });

  it('names every rule\'s gap in words for the summary, singular and plural', () => {
    for (const rule of RULES) {
      const gap = rule.meta.gap;
      assert.ok(gap, `${rule.meta.id} has no gap phrase`);
      assert.ok(gap.one !== gap.other && !gap.one.includes('/') && !gap.other.includes('/') && /^[a-zA-Z]/.test(gap.one) && /^[a-zA-Z]/.test(gap.other), `${rule.meta.id}: ${gap.one} / ${gap.other}`);
    }
  });

  it('documents, on the page of each rule a scorecard criterion asks, what switching it off does to the scorecard', () => {
    for (const rule of new Set(SCORECARD_CRITERIA.map((c) => c.rule))) {
      assert.ok(ruleById(rule), `${rule} is a registered rule`);
      const page = fs.readFileSync(path.join(root, 'docs/rules', `${rule}.md`), 'utf8');
      assert.match(page, /## Scorecard\n[\s\S]*\*\*not assessed\*\*/, rule);
    }
  });

  it('builds docs links under the base an adapter gives, never a web address of its own', () => {
    assert.equal(docsPath('ownership/missing-owner'), 'docs/rules/ownership/missing-owner.md');
    assert.equal(docsUrl('ownership/missing-owner', 'file:///ext/docs/rules/'), 'file:///ext/docs/rules/ownership/missing-owner.md');
    assert.equal(docsUrl('ownership/missing-owner', 'file:///ext/docs/rules'), 'file:///ext/docs/rules/ownership/missing-owner.md', 'a base without its final slash');
    assert.equal(docsUrl('odd/a b#c?', 'file:///ext/docs/rules/'), 'file:///ext/docs/rules/odd/a%20b%23c%3F.md', 'each segment percent-encoded, the area a folder');
  });

  it('lists every rule in docs/rules/README.md, in registry order, with its severity and description', () => {
    const readme = fs.readFileSync(path.join(root, 'docs/rules/README.md'), 'utf8');
    const rows = readme.split('\n').filter((line) => line.startsWith('| [`'));
    assert.equal(rows.length, RULES.length);
    RULES.forEach((rule, i) => {
      assert.ok(rows[i].startsWith(`| [\`${rule.meta.id}\`](${rule.meta.id}.md) | ${rule.meta.defaultSeverity} |`), rows[i]);
      assert.ok(rows[i].includes(rule.meta.description.replace(/\|/g, '\\|')), rows[i]);
    });
  });

  it('has a table test per rule', () => {
    for (const rule of RULES) {
      const file = path.join(root, 'test/unit/rules', `${rule.meta.id}.test.ts`);
      assert.ok(fs.existsSync(file), `missing ${file}`);
    }
    assert.deepEqual(idsIn('test/unit/rules', '.test.ts'), [...ids].sort(), 'every rule test is for a registered rule');
  });
});
