import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/model/types';
import type { RuleMeta } from '../../src/core/rules/rule';
import { docsUrl } from '../../src/core/rules/rule';
import {
  buildCheckOutput,
  buildGitlab,
  buildOwnersEntry,
  buildSarif,
  checkFormatters,
  formatOwnersText,
  formatText,
} from '../../src/core/report';
import type { CodeownersRule } from '../../src/core/model/types';
import { sha256Hex } from '../../src/node/hash';
import { makeFinding, schemaErrors } from './helpers';

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
    const log = buildSarif(FINDINGS, RULES, { version: '0.1.0' });

    it('is SARIF 2.1.0 with the driver, every rule and its docs link', () => {
      assert.equal(schemaErrors('sarif', JSON.parse(JSON.stringify(log))), '');
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      const driver = log.runs[0].tool.driver;
      assert.equal(driver.name, 'northstar');
      assert.deepEqual(
        driver.rules.map((r) => [r.id, r.helpUri, r.defaultConfiguration.level]),
        RULES.map((r) => [r.id, docsUrl(r.id), r.defaultSeverity === 'info' ? 'note' : r.defaultSeverity]),
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
      const other = buildSarif([makeFinding({ ruleId: 'internal/rule-error', file: 'x.yaml', severity: 'error' })], RULES);
      const result = other.runs[0].results[0];
      assert.equal(other.runs[0].tool.driver.rules[result.ruleIndex].id, 'internal/rule-error');
      assert.equal(schemaErrors('sarif', JSON.parse(JSON.stringify(other))), '');
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
  });
});
