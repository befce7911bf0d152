import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/model/types';
import type { RuleMeta } from '../../src/core/rules/rule';
import { docsPath } from '../../src/core/rules/rule';
import {
  buildCheckOutput,
  buildGitlab,
  buildOwnersEntry,
  buildSarif,
  checkFormatters,
  docsDescription,
  formatOwnersJson,
  formatOwnersText,
  formatSarif,
  formatText,
  repositoryPath,
  SARIF_MAX_DESCRIPTION,
  stableMessage,
} from '../../src/core/report';
import type { OwnersEntry, SarifLog } from '../../src/core/report/types';
import { wellFormed } from '../../src/core/report/escape';
import type { CodeownersRule } from '../../src/core/model/types';
import { sha256Hex } from '../../src/node/hash';
import { githubSarifProblems, makeFinding, schemaErrors } from './helpers';

const RULES: RuleMeta[] = [
  { id: 'ownership/missing-owner', title: 'No owner', description: 'A module with no owner from any source.', defaultSeverity: 'warning' },
  { id: 'contracts/unknown-dependency', title: 'Unknown dependency', description: '`dependsOn`/`consumes` naming nothing.', defaultSeverity: 'error' },
  { id: 'strategy/orphan-priority', title: 'Priority that nothing serves', description: 'A priority that no code links to.', defaultSeverity: 'info' },
];

const FINDINGS: Finding[] = [
  makeFinding({
    ruleId: 'contracts/unknown-dependency',
    severity: 'error',
    message: 'payments-api depends on "ledgr", which no module declares.',
    file: 'services/payments/service-contract.yaml',
    line: 12,
    column: 15,
    endLine: 12,
    endColumn: 20,
    module: 'payments-api',
    fix: { title: 'Replace with "ledger"', edits: [{ file: 'services/payments/service-contract.yaml', range: { line: 12, column: 15, endLine: 12, endColumn: 20 }, newText: 'ledger' }] },
  }),
  makeFinding({
    ruleId: 'ownership/missing-owner',
    severity: 'warning',
    message: 'Module "web ui" has no owner.',
    file: 'packages/web ui/package.json',
    line: 2,
    column: 11,
    endLine: 2,
    endColumn: 19,
    module: 'web ui',
  }),
  makeFinding({
    ruleId: 'ownership/missing-owner',
    severity: 'warning',
    message: 'Module "search" has no owner.',
    file: 'services/search/service-contract.yaml',
    line: 3,
    column: 7,
    endLine: 3,
    endColumn: 13,
    module: 'search',
  }),
  makeFinding({
    ruleId: 'strategy/orphan-priority',
    severity: 'info',
    message: 'No module serves the priority "developer-speed".',
    file: 'vision.yaml',
    line: 20,
    column: 9,
    endLine: 20,
    endColumn: 24,
    module: null,
  }),
];

describe('reporters', () => {
  describe('text', () => {
    it('groups findings by file with aligned line:col, severity, message and rule id, then a summary', () => {
      const text = formatText(FINDINGS);
      const lines = text.split('\n');
      assert.equal(lines[0], 'services/payments/service-contract.yaml');
      assert.match(lines[1], /^ {2}12:15 {2}error {2}payments-api depends on "ledgr", which no module declares\. {2}contracts\/unknown-dependency$/);
      assert.equal(lines[2], '');
      assert.equal(lines[3], 'packages/web ui/package.json');
      assert.match(lines[4], /^ {2}2:11 {2}warning {2}Module "web ui" has no owner\. {2}ownership\/missing-owner$/);
      assert.ok(text.includes('vision.yaml\n  20:9  info  No module serves the priority "developer-speed".  strategy/orphan-priority'));
      assert.equal(lines.at(-2), '✖ 4 problems (1 error, 2 warnings, 1 info)');
    });

    it('aligns columns within a file and keeps each finding on one line', () => {
      const text = formatText([
        makeFinding({ ruleId: 'a/b', file: 'f.yaml', line: 9, column: 1, message: 'short' }),
        makeFinding({ ruleId: 'c/d', file: 'f.yaml', line: 10, column: 12, severity: 'error', message: 'two\nlines' }),
      ]);
      const [, first, second] = text.split('\n');
      assert.equal(first.indexOf('a/b'), second.indexOf('c/d'));
      assert.equal(first.indexOf('short'), second.indexOf('two lines'));
    });

    it('says so when there is nothing to report', () => {
      assert.equal(formatText([]), 'No problems found.\n');
    });

    it('prints each file header as the caller shows it (the CLI: absolute), the workspace as "(workspace)"', () => {
      const text = formatText([...FINDINGS, makeFinding({ ruleId: 'workspace/skipped', file: '' })], (file) => `/abs/root/${file}`);
      const lines = text.split('\n');
      assert.equal(lines[0], '/abs/root/services/payments/service-contract.yaml');
      assert.ok(lines.includes('/abs/root/vision.yaml'));
      assert.ok(lines.includes('(workspace)'));
      assert.ok(!lines.includes('vision.yaml'));
    });
  });

  describe('json', () => {
    it('keeps exactly the published fields (no fix) and counts severities and files', () => {
      const out = buildCheckOutput(FINDINGS, 7);
      assert.deepEqual(Object.keys(out.findings[0]), ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'module']);
      assert.equal(out.findings[0].file, 'services/payments/service-contract.yaml');
      assert.deepEqual(out.summary, { errors: 1, warnings: 2, infos: 1, modules: 7, files: 4 });
      assert.equal(schemaErrors('check', JSON.parse(checkFormatters.json({ findings: FINDINGS, rules: RULES, modules: 7, hash: sha256Hex }))), '');
    });

    it('the schema rejects an extra field or a wrong severity', () => {
      const out = buildCheckOutput(FINDINGS, 7) as unknown as { findings: Record<string, unknown>[] };
      out.findings[0].fix = {};
      assert.notEqual(schemaErrors('check', out), '');
      const bad = buildCheckOutput(FINDINGS, 7) as unknown as { findings: Record<string, unknown>[] };
      bad.findings[1].severity = 'fatal';
      assert.notEqual(schemaErrors('check', bad), '');
    });
  });

  describe('sarif', () => {
    const log = buildSarif(FINDINGS, RULES, { version: '0.1.0', hash: sha256Hex });

    it('is SARIF 2.1.0 with the driver and every rule, without a helpUri (no public web copy of the docs)', () => {
      assert.equal(schemaErrors('sarif', JSON.parse(JSON.stringify(log))), '');
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'northstar');
      assert.deepEqual(
        driver.rules.map((r) => [r.id, 'helpUri' in r, r.defaultConfiguration.level]),
        RULES.map((r) => [r.id, false, r.defaultSeverity === 'info' ? 'note' : r.defaultSeverity]),
      );
      assert.equal(driver.rules[1].shortDescription.text, RULES[1].description);
    });

    it('points each result at its rule, level and root-relative region', () => {
      const [error, warning, , info] = log.runs[0].results;
      assert.equal(error.ruleIndex, 1);
      assert.equal(log.runs[0].tool.driver.rules[error.ruleIndex].id, error.ruleId);
      assert.equal(error.level, 'error');
      assert.equal(warning.level, 'warning');
      assert.equal(info.level, 'note');
      assert.equal(error.message.text, FINDINGS[0].message);
      const loc = error.locations[0].physicalLocation;
      assert.deepEqual(loc.artifactLocation, { uri: 'services/payments/service-contract.yaml', uriBaseId: '%SRCROOT%' });
      assert.deepEqual(loc.region, { startLine: 12, startColumn: 15, endLine: 12, endColumn: 20 });
      assert.equal(warning.locations[0].physicalLocation.artifactLocation.uri, 'packages/web%20ui/package.json');
    });

    it('describes a rule the registry lacks rather than pointing at a wrong index', () => {
      const other = buildSarif([makeFinding({ ruleId: 'internal/rule-error', file: 'x.yaml', severity: 'error' })], RULES, { hash: sha256Hex });
      const result = other.runs[0].results[0];
      assert.equal(other.runs[0].tool.driver.rules[result.ruleIndex].id, 'internal/rule-error');
      assert.equal(schemaErrors('sarif', JSON.parse(JSON.stringify(other))), '');
    });

    it('gives every rule what GitHub requires: fullDescription.text and help.text (≤ 1,024-character descriptions), precision and tags', () => {
      const docs = new Map([['ownership/missing-owner', '# ownership/missing-owner\n\nShort.\n\n## What it finds\n\nA module\nwith no owner.\n\n## Why\n\nBecause.\n']]);
      const withDocs = buildSarif(FINDINGS, [...RULES, { id: 'x/long', title: 'Long', description: 'y'.repeat(2000), defaultSeverity: 'info' }], {
        hash: sha256Hex,
        ruleDocs: (id) => docs.get(id),
      });
      const rules = withDocs.runs[0].tool.driver.rules;
      for (const rule of rules) {
        assert.ok(rule.shortDescription.text.length > 0 && rule.shortDescription.text.length <= SARIF_MAX_DESCRIPTION, rule.id);
        assert.ok(rule.fullDescription.text.length > 0 && rule.fullDescription.text.length <= SARIF_MAX_DESCRIPTION, rule.id);
        assert.ok(rule.help.text.length > 0, rule.id);
        assert.ok(['very-high', 'high', 'medium', 'low'].includes(rule.properties.precision), rule.id);
        assert.ok(rule.properties.tags.length > 0, rule.id);
      }
      const documented = rules[0];
      assert.equal(documented.fullDescription.text, 'A module with no owner.');
      assert.equal(documented.help.markdown, docs.get('ownership/missing-owner'));
      assert.equal(documented.help.text, docs.get('ownership/missing-owner'));
      assert.deepEqual(documented.properties.tags, ['northstar', 'ownership']);
      // Undocumented: the description and where the page is in the package, no Markdown, no web link.
      assert.equal(rules[1].help.markdown, undefined);
      assert.ok(rules[1].help.text.includes(docsPath(rules[1].id)));
      assert.doesNotMatch(rules[1].help.text, /https?:/);
      assert.equal(rules[3].shortDescription.text.length, SARIF_MAX_DESCRIPTION);
      assert.ok(rules[3].shortDescription.text.endsWith('…'));
      assert.equal(schemaErrors('sarif', JSON.parse(JSON.stringify(withDocs))), '');
      assert.equal(githubSarifProblems(JSON.parse(JSON.stringify(withDocs))), '');
    });

    it('GitHub\'s required-field checks can fail', () => {
      const broken = JSON.parse(JSON.stringify(log)) as { runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] }[] };
      assert.equal(githubSarifProblems(broken), '');
      delete broken.runs[0].tool.driver.rules[0].fullDescription;
      broken.runs[0].tool.driver.rules[1].help = { text: '' };
      delete broken.runs[0].results[0].partialFingerprints;
      (broken.runs[0].results[1].locations as { physicalLocation: { artifactLocation: { uriBaseId: string } } }[])[0].physicalLocation.artifactLocation.uriBaseId = '%NOWHERE%';
      const problems = githubSarifProblems(broken);
      for (const expected of ['fullDescription.text', 'help.text', 'partialFingerprints', 'uriBaseId']) assert.ok(problems.includes(expected), problems);
      assert.notEqual(schemaErrors('sarif', broken), '');
    });

    it('takes a rule document\'s "What it finds" paragraph as its full description', () => {
      assert.equal(docsDescription('# a/b\n\nOne line.\n\n## What it finds\n\nFirst\nparagraph.\n\nSecond.\n'), 'First paragraph.');
      assert.equal(docsDescription('# a/b\n\nOne line\nhere.\n\n## Why\n'), 'One line here.');
      assert.equal(docsDescription('no title, no section'), 'no title, no section');
      assert.equal(docsDescription(''), null);
    });

    it('names files from the repository root when the root is a subfolder of one (%SRCROOT%)', () => {
      const related = makeFinding({
        ruleId: 'codeowners/no-match',
        file: '../../.github/CODEOWNERS',
        related: [{ file: 'services/a b/x.yaml', line: 1, column: 1, endLine: 1, endColumn: 2 }],
      });
      const sub = buildSarif([...FINDINGS, related], RULES, { hash: sha256Hex, prefix: 'apps/shop' });
      const run = sub.runs[0];
      const uris = run.results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
      assert.deepEqual(uris, [
        'apps/shop/services/payments/service-contract.yaml',
        'apps/shop/packages/web%20ui/package.json',
        'apps/shop/services/search/service-contract.yaml',
        '.github/CODEOWNERS',
        'apps/shop/vision.yaml',
      ]);
      assert.equal(run.results[3].relatedLocations?.[0].physicalLocation.artifactLocation.uri, 'apps/shop/services/a%20b/x.yaml');
      assert.ok(run.results.every((r) => r.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'));
      assert.ok(run.originalUriBaseIds?.['%SRCROOT%'], 'the base id is declared');
      const gitlab = buildGitlab([...FINDINGS, related], sha256Hex, 'apps/shop');
      assert.deepEqual(gitlab.map((i) => i.location.path).sort(), [
        '.github/CODEOWNERS',
        'apps/shop/packages/web ui/package.json',
        'apps/shop/services/payments/service-contract.yaml',
        'apps/shop/services/search/service-contract.yaml',
        'apps/shop/vision.yaml',
      ]);
    });

    it('repositoryPath joins the prefix and resolves ".." against it', () => {
      assert.equal(repositoryPath('a/b.yaml', ''), 'a/b.yaml');
      assert.equal(repositoryPath('a/b.yaml', 'x/y'), 'x/y/a/b.yaml');
      assert.equal(repositoryPath('', 'x/y'), 'x/y');
      assert.equal(repositoryPath('../../CODEOWNERS', 'x/y'), 'CODEOWNERS');
      assert.equal(repositoryPath('../z/./f', 'x/y'), 'x/z/f');
    });

    it('fingerprints each result (northstar/v1) as GitLab does, stable over moved lines and changed digits', () => {
      const dated = makeFinding({ ruleId: 'security/stale-review', file: 'svc/service-contract.yaml', line: 30, module: 'svc', message: 'Reviewed on 2025-01-02, 336 days ago (line 4).' });
      const before = buildSarif([...FINDINGS, dated], RULES, { hash: sha256Hex, prefix: 'p' }).runs[0].results;
      const later = { ...dated, line: 31, endLine: 31, message: 'Reviewed on 2025-01-02, 400 days ago (line 5).' };
      const after = buildSarif([...FINDINGS.map((f) => ({ ...f, line: f.line + 1, endLine: f.endLine + 1 })), later], RULES, { hash: sha256Hex, prefix: 'p' }).runs[0].results;
      const prints = (results: SarifLog['runs'][number]['results']) => results.map((r) => r.partialFingerprints['northstar/v1']);
      assert.deepEqual(prints(after), prints(before));
      assert.notDeepEqual(after.map((r) => r.locations[0].physicalLocation.region.startLine), before.map((r) => r.locations[0].physicalLocation.region.startLine));
      assert.equal(new Set(prints(before)).size, before.length, 'unique');
      // The same identity as GitLab's fingerprint, finding for finding.
      const gitlab = buildGitlab([...FINDINGS, dated], sha256Hex, 'p');
      assert.deepEqual([...prints(before)].sort(), gitlab.map((i) => i.fingerprint).sort());
      // Another file, rule, module or wording is another finding.
      const base = buildSarif([dated], RULES, { hash: sha256Hex }).runs[0].results[0].partialFingerprints['northstar/v1'];
      for (const other of [{ file: 'other.yaml' }, { ruleId: 'x/y' }, { module: 'other' }, { message: 'Reviewed on 2025-01-02, 336 weeks ago (line 4).' }]) {
        assert.notEqual(buildSarif([{ ...dated, ...other }], RULES, { hash: sha256Hex }).runs[0].results[0].partialFingerprints['northstar/v1'], base, JSON.stringify(other));
      }
      assert.equal(stableMessage('on 2025-01-02, 336 days ago'), 'on #-#-#, # days ago');
      assert.equal(stableMessage('"payments-v2" (line 12) and /services/api2/'), '"payments-v2" (line #) and /services/api2/');
    });

    it('gives a repeated finding the same fingerprint in SARIF (most severe first) and GitLab (as reported)', () => {
      // One identity twice, the later one more severe: SARIF writes it first, and must not renumber it.
      const twice = [
        makeFinding({ ruleId: 'a/b', file: 'f.yaml', line: 3, severity: 'info', message: 'Same.' }),
        makeFinding({ ruleId: 'c/d', file: 'g.yaml', line: 1, severity: 'warning', message: 'Other.' }),
        makeFinding({ ruleId: 'a/b', file: 'f.yaml', line: 9, severity: 'error', message: 'Same.' }),
      ];
      const sarif = buildSarif(twice, RULES, { hash: sha256Hex }).runs[0].results;
      const gitlab = buildGitlab(twice, sha256Hex);
      const byLine = new Map(gitlab.map((i) => [`${i.location.path}:${i.location.lines.begin}`, i.fingerprint]));
      for (const r of sarif) {
        const loc = r.locations[0].physicalLocation;
        assert.equal(r.partialFingerprints['northstar/v1'], byLine.get(`${loc.artifactLocation.uri}:${loc.region.startLine}`));
      }
      assert.equal(sarif[0].locations[0].physicalLocation.region.startLine, 9, 'the error first');
      assert.equal(new Set(sarif.map((r) => r.partialFingerprints['northstar/v1'])).size, 3);
    });

    it('keeps at most maxResults results, most severe first, and says so in the run properties', () => {
      const many = Array.from({ length: 30 }, (_, i) =>
        makeFinding({ ruleId: 'ownership/missing-owner', file: `f${i}.yaml`, severity: i % 3 === 0 ? 'info' : i % 3 === 1 ? 'warning' : 'error' }),
      );
      const capped = buildSarif(many, RULES, { hash: sha256Hex, maxResults: 12 }).runs[0];
      assert.equal(capped.results.length, 12);
      assert.deepEqual(capped.results.map((r) => r.level), [...Array(10).fill('error'), 'warning', 'warning']);
      assert.deepEqual(capped.results.slice(0, 3).map((r) => r.locations[0].physicalLocation.artifactLocation.uri), ['f2.yaml', 'f5.yaml', 'f8.yaml'], 'stable within a severity');
      assert.deepEqual(capped.properties, { findings: 30, results: 12, truncated: 'maxResults' });
      const whole = buildSarif(many, RULES, { hash: sha256Hex }).runs[0];
      assert.deepEqual(whole.properties, { findings: 30, results: 30, truncated: null });
      // Streamed, the properties come after the results, with the same counts.
      let budget = 5;
      const streamed = JSON.parse(formatSarif(many, RULES, { hash: sha256Hex, room: () => budget-- > 0 })) as SarifLog;
      assert.equal(streamed.runs[0].results.length, 5);
      assert.deepEqual(streamed.runs[0].properties, { findings: 30, results: 5, truncated: 'maxSize' });
      assert.equal(schemaErrors('sarif', streamed), '');
    });

    it('the default cap is GitHub\'s 25,000 results a run', () => {
      const many = Array.from({ length: 25_003 }, (_, i) => makeFinding({ ruleId: 'ownership/missing-owner', file: `f${i}.yaml`, severity: i < 3 ? 'info' : 'warning' }));
      const log = JSON.parse(formatSarif(many, RULES, { hash: (t) => String(t.length) })) as SarifLog;
      assert.equal(log.runs[0].results.length, 25_000);
      assert.ok(log.runs[0].results.every((r) => r.level === 'warning'), 'the infos are the ones left out');
      assert.deepEqual(log.runs[0].properties, { findings: 25_003, results: 25_000, truncated: 'maxResults' });
    });

    it('the schema catches a result without a region', () => {
      const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { locations: { physicalLocation: { region?: unknown } }[] }[] }[] };
      delete broken.runs[0].results[0].locations[0].physicalLocation.region;
      assert.notEqual(schemaErrors('sarif', broken), '');
    });
  });

  describe('gitlab', () => {
    it('maps severities and locations, and validates', () => {
      const issues = buildGitlab(FINDINGS, sha256Hex);
      assert.equal(schemaErrors('gitlab', JSON.parse(JSON.stringify(issues))), '');
      assert.deepEqual(
        issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
        [
          ['contracts/unknown-dependency', 'major', 'services/payments/service-contract.yaml', 12],
          ['ownership/missing-owner', 'minor', 'packages/web ui/package.json', 2],
          ['ownership/missing-owner', 'minor', 'services/search/service-contract.yaml', 3],
          ['strategy/orphan-priority', 'info', 'vision.yaml', 20],
        ],
      );
      assert.equal(issues[0].description, FINDINGS[0].message);
    });

    it('fingerprints are stable when lines move, and unique for repeated findings', () => {
      const a = buildGitlab(FINDINGS, sha256Hex);
      const moved = buildGitlab(FINDINGS.map((f) => ({ ...f, line: f.line + 5, endLine: f.endLine + 5 })), sha256Hex);
      assert.deepEqual(moved.map((i) => i.fingerprint), a.map((i) => i.fingerprint));
      const twice = buildGitlab([FINDINGS[1], { ...FINDINGS[1], line: 9 }], sha256Hex);
      assert.notEqual(twice[0].fingerprint, twice[1].fingerprint);
      const changed = buildGitlab([{ ...FINDINGS[1], message: 'Module "web ui" has no owner!' }], sha256Hex);
      assert.notEqual(changed[0].fingerprint, a[1].fingerprint);
    });
  });

  describe('owners', () => {
    const rule = (line: number, pattern: string, owners: string[]): CodeownersRule => ({
      file: '.github/CODEOWNERS',
      line,
      pattern,
      patternRange: { line, column: 1, endLine: line, endColumn: 1 + pattern.length },
      owners,
      ownerRanges: [],
      section: null,
      exclusion: false,
      index: line - 1,
    });

    it('builds entries with the deciding, per-section and overridden lines', () => {
      const winner = rule(12, '/services/payments/', ['@acme/payments', '@dana']);
      const earlier = rule(3, '*', ['@acme/platform']);
      const match = { owners: [...winner.owners], rule: winner, rules: [winner], overridden: [earlier] };
      const lean = buildOwnersEntry('services/payments/src/pay.ts', match, 'payments-api');
      assert.deepEqual(Object.keys(lean), ['path', 'owners', 'rule', 'sections', 'module'], 'lean unless explained');
      const entry = buildOwnersEntry('services/payments/src/pay.ts', match, 'payments-api', null, true);
      assert.deepEqual(entry, {
        path: 'services/payments/src/pay.ts',
        owners: ['@acme/payments', '@dana'],
        rule: { file: '.github/CODEOWNERS', line: 12, pattern: '/services/payments/' },
        rules: [{ file: '.github/CODEOWNERS', line: 12, pattern: '/services/payments/' }],
        overridden: [{ file: '.github/CODEOWNERS', line: 3, pattern: '*' }],
        sections: [],
        module: 'payments-api',
      });
      const none = buildOwnersEntry('nowhere.txt', { owners: [], rule: null, rules: [], overridden: [] }, null);
      assert.equal(schemaErrors('owners', [entry, none]), '');
      const text = formatOwnersText([entry, none]);
      assert.equal(
        text,
        'services/payments/src/pay.ts  @acme/payments @dana  (.github/CODEOWNERS:12 /services/payments/; overrides .github/CODEOWNERS:3 *)  [payments-api]\n' +
          'nowhere.txt                   (no owners)\n',
      );
      assert.equal(formatOwnersText([lean]), 'services/payments/src/pay.ts  @acme/payments @dana  (.github/CODEOWNERS:12 /services/payments/)  [payments-api]\n');
    });

    it('writes JSON exactly as JSON.stringify(entries, null, 2) would, lone surrogates made well-formed', () => {
      const winner = rule(12, '/services/payments/', ['@acme/payments', '@dana']);
      const earlier = rule(3, '*', ['@acme/platform']);
      const quoted = rule(7, 'docs/"odd"\\name', ['@acme/docs']);
      const lone = rule(9, 'broken\ud800/', ['@x\udc00']);
      const match = (r: CodeownersRule, overridden: CodeownersRule[] = []) => ({ owners: [...r.owners], rule: r, rules: [r], overridden });
      const entries = [
        buildOwnersEntry('services/payments/src/pay.ts', match(winner, [earlier]), 'payments-api'),
        buildOwnersEntry('services/payments/src/refund.ts', match(winner, [earlier]), 'payments-api'),
        buildOwnersEntry('services/payments/src/pay.ts', match(winner, [earlier]), 'payments-api', null, true),
        buildOwnersEntry('docs/"odd"\\name/\u2028.md', match(quoted), null),
        buildOwnersEntry('nowhere.txt', { owners: [], rule: null, rules: [], overridden: [] }, null),
        buildOwnersEntry('broken\ud800/a', match(lone), 'm\udfff'),
        { ...buildOwnersEntry('extra.txt', match(earlier), null), note: 'a key no entry has' } as OwnersEntry,
      ];
      const expected = JSON.stringify(entries, (_k, v: unknown) => (typeof v === 'string' ? wellFormed(v) : v), 2) + '\n';
      assert.equal(formatOwnersJson(entries), expected);
      assert.equal(formatOwnersJson([]), '[]\n');
      assert.ok(!formatOwnersJson(entries).includes('\\ud'), 'no lone surrogate escapes');
    });
  });
});
