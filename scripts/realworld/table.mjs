#!/usr/bin/env node
/**
 * The BEFORE/AFTER table of test/fixtures/realworld/README.md, in Markdown, from the rows of
 * `scripts/realworld/run.mjs` (rows.json) and each repository's labels.json.
 *
 *   node scripts/realworld/table.mjs [--runs DIR]
 *   node scripts/realworld/table.mjs --causes     # wrong and debatable labels by cause
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '..', '..', 'test', 'fixtures', 'realworld');
const args = process.argv.slice(2);
const runs = args[0] === '--runs' ? args[1] : '/tmp/northstar-realworld';
const pct = (n, of) => (of === 0 ? '0.0' : ((100 * n) / of).toFixed(1));
if (!process.argv.includes('--causes')) {
  const rows = JSON.parse(readFileSync(path.join(runs, 'rows.json'), 'utf8'));

  const short = (rule) => rule.replace('ownership/', 'own/').replace('quality/', 'q/').replace('observability/', 'obs/').replace('contracts/', 'c/').replace('codeowners/', 'co/').replace('workspace/', 'ws/');
  const key = (f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`;

  console.log('| repository | commit | files | modules | findings by rule | findings | right | wrong | debatable | wall s | CPU s | peak MB |');
  console.log('|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|');
  const sum = { files: 0, modules: 0, findings: 0, right: 0, wrong: 0, debatable: 0, unlabelled: 0, seconds: 0, cpu: 0 };
  const byRuleTotal = {};
  for (const row of rows) {
    const labels = JSON.parse(readFileSync(path.join(corpus, row.name, 'labels.json'), 'utf8'));
    const byKey = new Map(labels.map((l) => [key(l), l.label]));
    const findings = JSON.parse(readFileSync(path.join(runs, row.name, 'check.json'), 'utf8')).findings;
    const c = { right: 0, wrong: 0, debatable: 0, unlabelled: 0 };
    for (const f of findings) c[byKey.get(key(f)) ?? 'unlabelled']++;
    const rules = Object.entries(row.byRule)
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => {
        byRuleTotal[r] = (byRuleTotal[r] ?? 0) + n;
        return `${short(r)} ${n}`;
      })
      .join(', ');
    console.log(
      `| ${row.name.replace('__', '/')} | \`${row.commit.slice(0, 12)}\` | ${row.files} | ${row.modules} | ${rules || '—'} | ${row.findings} | ${c.right} | ${c.wrong} | ${c.debatable}${c.unlabelled ? ` (+${c.unlabelled} unlabelled)` : ''} | ${row.seconds.toFixed(2)} | ${row.cpuSeconds.toFixed(2)} | ${row.peakMB.toFixed(0)} |`,
    );
    sum.files += row.files;
    sum.modules += row.modules;
    sum.findings += row.findings;
    sum.seconds += row.seconds;
    sum.cpu += row.cpuSeconds;
    for (const k of ['right', 'wrong', 'debatable', 'unlabelled']) sum[k] += c[k];
  }
  const rules = Object.entries(byRuleTotal)
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${short(r)} ${n}`)
    .join(', ');
  console.log(
    `| **total** | | ${sum.files} | ${sum.modules} | ${rules} | ${sum.findings} | ${sum.right} (${pct(sum.right, sum.findings)}%) | ${sum.wrong} (${pct(sum.wrong, sum.findings)}%) | ${sum.debatable} (${pct(sum.debatable, sum.findings)}%) | ${sum.seconds.toFixed(1)} | ${sum.cpu.toFixed(1)} | |`,
  );
  if (sum.unlabelled) console.log(`\n${sum.unlabelled} findings are not labelled.`);
}

/** `--causes`: the wrong and debatable labels grouped by the cause their reason names. */
const CAUSES = [
  [/test code or data under|test-only project|deliberately broken test fixture|fixtures package of|test helper|sample input of an action's tests/, 'Test code, test data and test-only projects taken as modules (fixtures/, test/, __fixtures__/, X.Tests, *-tests, e2e-tests/)'],
  [/template placeholder|template skeleton/, 'Template skeletons taken as modules (${{ values.name }}, PACKAGE_NAME, <REPLACE ME>)'],
  [/subpath-export stub|only sets|only says \{/, 'package.json files that are not packages (subpath-export stubs with no name, {"type": "module"} markers)'],
  [/aggregator|tooling root/, 'Aggregator roots taken as modules (Gradle root with settings includes, a root package.json over independent Yarn projects)'],
  [/a group, not a scored module/, 'A catalog Component that spans a workspace of modules scored as a module (DESIGN: a group)'],
  [/tests exist/, 'Tests missed: src/jvmTest and other src/*Test/ folders, X.Tests projects, a test/ folder with its own package.json'],
  [/pins a build tool|tool-version pins/, 'Tool-pinning go.mod files (tools/<x>/ with tool.go, .bingo/) taken as modules'],
  [/meta-package|Maven BOM/, 'Meta-packages and BOMs (no code) asked for tests'],
  [/same person: catalog owner|is the GitHub user/, 'A catalog user (kuangp) not recognised as the CODEOWNERS handle @kuangp'],
  [/each workspace is its own Yarn project/, 'Duplicate names across independent Yarn projects (workspaces/*/packages/app)'],
  [/example data loaded by the workspace's dev app/, "Example entities of a plugin's dev app taken as components"],
  [/is defined in this repository/, 'Catalog files registered by a Location outside catalog-info.yaml not read (rhdh catalog-entities/)'],
  [/covers the whole repository/, "The repository's root Component owner not applied to the packages inside it"],
  [/devDependencies/, 'Dependency cycle through devDependencies only'],
  [/symlink/, 'A symlink to a folder inside the repository reported as a "loop"; a dangling link as "disappeared while being read"'],
  [/typed a service/, 'Type service inferred for a dev harness or CI tooling (observability then demanded)'],
  [/over 1 MB|not UTF-8 text/, 'workspace/skipped for vendored, generated or fixture files (true, but noise)'],
  [/placeholder entity that the workspace template leaves/, 'The placeholder catalog-info.yaml a workspace template leaves (owner john@example.com)'],
  [/may live|group defined in no catalog|most likely means/, 'Owners that may be defined in another catalog (maintainers, backstage-team, rhtap-team)'],
  [/e-mail/, 'An e-mail owner vs a GitHub handle of the same person'],
  [/syntax plugin/, "Babel syntax plugins: tested through the parser's fixtures"],
  [/dev harness app|thin wrapper|CI tooling|CI helper|build tooling|benchmark harness|included build/, 'Tests asked of dev harnesses, wrappers, CI and build tooling'],
  [/sample;/, 'Samples reported at warning (DESIGN: type sample, info)'],
  [/component_owners\.yml/, 'Owners kept in .github/component_owners.yml (CODEOWNERS un-owns the folder on purpose)'],
  [/fuzzing harness/, 'Fuzzing harness projects'],
];
if (process.argv.includes('--causes')) {
  const { readdirSync } = await import('node:fs');
  for (const label of ['wrong', 'debatable']) {
    const groups = new Map();
    for (const name of readdirSync(corpus).filter((n) => n.includes('__')).sort()) {
      for (const l of JSON.parse(readFileSync(path.join(corpus, name, 'labels.json'), 'utf8'))) {
        if (l.label !== label) continue;
        const cause = CAUSES.find(([re]) => re.test(l.reason))?.[1] ?? `(other) ${l.reason}`;
        const g = groups.get(cause) ?? { n: 0, repos: new Map(), example: `${name.replace('__', '/')}: ${l.ruleId} ${l.file}:${l.line}` };
        g.n++;
        g.repos.set(name.split('__')[1], (g.repos.get(name.split('__')[1]) ?? 0) + 1);
        groups.set(cause, g);
      }
    }
    console.log(`\n### ${label} (${[...groups.values()].reduce((a, g) => a + g.n, 0)})\n`);
    console.log('| findings | cause | repositories | example |');
    console.log('|---:|---|---|---|');
    for (const [cause, g] of [...groups].sort((a, b) => b[1].n - a[1].n)) {
      console.log(`| ${g.n} | ${cause} | ${[...g.repos].map(([r, n]) => `${r} ${n}`).join(', ')} | ${g.example} |`);
    }
  }
}
