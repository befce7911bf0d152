import * as assert from 'node:assert/strict';
import { defaultConfig, parseConfig } from '../../../src/core/sources/config';
import type { NorthstarConfig } from '../../../src/core/model/types';
import { problemLines, span } from './helpers';

const FILE = '.northstar.yaml';

const CONFIG = `# Northstar settings shared by the editor and CI
rules:
  quality/missing-tests: error
  observability/missing: off
  strategy/orphan-priority: warning
ignore:
  - rule: quality/missing-tests
    paths: ["legacy/**", "tools/scripts/**"]
modules:
  include: ["services/**", "libs/**"]
  exclude: ["**/examples/**"]
tests:
  patterns: ["**/*.it.ts", "e2e/**"]
observability:
  libraries: ["@acme/telemetry"]
staleness:
  privacyReviewDays: 180
  drRehearsalDays: 90
  metricDays: 60
history:
  commits: 50
  months: 12
codeowners:
  dialect: gitlab
  path: .gitlab/CODEOWNERS
samples:
  severity: warning
walk:
  skipFolders: [generated]
  walkFolders: [build]
ownership:
  minCoverage: 92.5
  catchAllUnowned: true
today: 2026-03-01
learning:
  folders: [docs/postmortems, ./docs/reviews/]
`;

describe('defaultConfig', () => {
  it('has the documented defaults, 365 days of staleness, and is a fresh object each time', () => {
    const config: NorthstarConfig = defaultConfig();
    assert.deepEqual(defaultConfig(), {
      rules: {},
      ignore: [],
      modules: { include: [], exclude: [] },
      tests: { patterns: null },
      observability: { libraries: [] },
      staleness: { privacyReviewDays: 365, drRehearsalDays: 365, metricDays: 90 },
      codeowners: { dialect: null, path: null },
      walk: { skipFolders: [], walkFolders: [] },
      samples: { severity: 'info' },
      today: null,
      ownership: { minCoverage: null, catchAllUnowned: false },
      learning: { folders: ['docs/postmortems'] },
      history: { commits: 200, months: 24 },
    });
    config.rules['x/y'] = 'off';
    assert.deepEqual(defaultConfig().rules, {});
  });
});

describe('parseConfig', () => {
  it('reads every key and where each rule severity is set', () => {
    const { value, problems } = parseConfig(CONFIG, FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(value?.config, {
      rules: { 'quality/missing-tests': 'error', 'observability/missing': 'off', 'strategy/orphan-priority': 'warning' },
      ignore: [{ rule: 'quality/missing-tests', paths: ['legacy/**', 'tools/scripts/**'] }],
      modules: { include: ['services/**', 'libs/**'], exclude: ['**/examples/**'] },
      tests: { patterns: ['**/*.it.ts', 'e2e/**'] },
      observability: { libraries: ['@acme/telemetry'] },
      staleness: { privacyReviewDays: 180, drRehearsalDays: 90, metricDays: 60 },
      codeowners: { dialect: 'gitlab', path: '.gitlab/CODEOWNERS' },
      walk: { skipFolders: ['generated'], walkFolders: ['build'] },
      samples: { severity: 'warning' },
      today: '2026-03-01',
      ownership: { minCoverage: 92.5, catchAllUnowned: true },
      learning: { folders: ['docs/postmortems', 'docs/reviews'] },
      history: { commits: 50, months: 12 },
    });
    assert.deepEqual(Object.fromEntries(Object.entries(value!.ruleLocations).map(([id, l]) => [id, span(l)])), {
      'quality/missing-tests': '3:3-3:24',
      'observability/missing': '4:3-4:24',
      'strategy/orphan-priority': '5:3-5:27',
    });
  });

  it('takes the defaults for what is missing; an empty file is fine', () => {
    const { value, problems } = parseConfig('rules:\n  codeowners/no-match: info\n', FILE);
    assert.deepEqual(problems, []);
    assert.deepEqual(value?.config, { ...defaultConfig(), rules: { 'codeowners/no-match': 'info' } });
    for (const text of ['', '# nothing configured yet\n']) {
      const empty = parseConfig(text, FILE);
      assert.deepEqual(empty.problems, []);
      assert.deepEqual(empty.value?.config, defaultConfig());
    }
  });

  it('reports bad values at their positions and keeps the defaults for them', () => {
    const text = `rules:
  quality/missing-tests: fatal
  contracts/yaml: error
ignore:
  - rule: ownership/missing-owner
  - paths: [a/**]
staleness:
  privacyReviewDays: 0
  drRehearsalDays: "90"
codeowners: { dialect: bitbucket }
severity: error
today: yesterday
`;
    const { value, problems } = parseConfig(text, FILE);
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 2:26-2:31 rules.quality/missing-tests must be off, info, warning or error',
      'contracts/schema 5:5-5:34 ignore[0] is missing required property "paths"',
      'contracts/schema 6:5-6:18 ignore[1] is missing required property "rule"',
      'contracts/schema 8:22-8:23 staleness.privacyReviewDays must be at least 1',
      'contracts/schema 9:20-9:24 staleness.drRehearsalDays must be a whole number',
      'contracts/schema 10:24-10:33 codeowners.dialect must be github or gitlab',
      'contracts/schema 11:1-11:9 unknown property "severity"',
      'contracts/schema 12:8-12:17 today must be a valid date written YYYY-MM-DD',
    ]);
    assert.deepEqual(value?.config.rules, { 'contracts/yaml': 'error' });
    assert.deepEqual(Object.keys(value!.ruleLocations), ['contracts/yaml']);
    assert.deepEqual(value?.config.ignore, []);
    assert.deepEqual(value?.config.staleness, { privacyReviewDays: 365, drRehearsalDays: 365, metricDays: 90 });
    assert.equal(value?.config.codeowners.dialect, null);
    assert.equal(value?.config.today, null);
  });

  it('keeps learning folders inside the root: one that leaves it is reported and left out', () => {
    const { value, problems } = parseConfig('learning:\n  folders: [../shared/postmortems, docs/incidents]\n', FILE);
    assert.deepEqual(problemLines(problems), ['contracts/schema 2:13-2:34 learning.folders[0] must be a folder inside the workspace, e.g. docs/postmortems']);
    assert.deepEqual(value?.config.learning, { folders: ['docs/incidents'] });
    const none = parseConfig('learning:\n  folders: [..]\n', FILE);
    assert.deepEqual(none.value?.config.learning, { folders: ['docs/postmortems'] }, 'nothing usable: the default');
  });

  it('reports YAML that does not parse', () => {
    const { value, problems } = parseConfig('rules:\n  quality/missing-tests: error\n  - oops\n', FILE);
    assert.ok(problems.length >= 1);
    assert.equal(problems[0].ruleId, 'contracts/yaml');
    assert.equal(problems[0].location.line, 3);
    assert.ok(value);
  });
});
