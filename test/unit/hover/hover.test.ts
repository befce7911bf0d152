import assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../../src/core/analyze';
import type { Analysis } from '../../../src/core/api';
import { InMemoryFileAccess } from '../../../src/core/fs';
import { code, escapeMarkdown, hoverAt, HOVER_LIST_LIMIT } from '../../../src/core/hover';
import { exampleAnalysis, pointIn, pointInExample, type Point } from './workspace';

function hover(analysis: Analysis, file: string, p: Point) {
  return hoverAt(analysis, file, p.text, p.line, p.column);
}

async function hoverExample(file: string, needle: string, nth = 0, delta = 1) {
  return hover(await exampleAnalysis(), file, pointInExample(file, needle, nth, delta));
}

const PAYMENTS_ESCALATION = [
  '1. chat: [`#payments-oncall`](https://chat.acme.example/channels/payments-oncall)',
  '2. pager: [`payments-primary`](https://acme.pagerduty.example/schedules/PAY01)',
  '3. person: `@dkowalski`',
].join('\n');

const PLATFORM_ESCALATION = [
  '1. chat: [`#platform-oncall`](https://chat.acme.example/channels/platform-oncall)',
  '2. pager: [`platform-primary`](https://acme.pagerduty.example/schedules/PLT01)',
  '3. pager: `platform-secondary`',
  '4. person: `@rnakamura`',
].join('\n');

const PAYMENTS_TEAM = [
  'Team **Payments** `@acme/payments`',
  'Also known as: `group:default/payments`, `payments-team`',
  `Escalation path:\n${PAYMENTS_ESCALATION}`,
  'Owns 3 modules: fraud\\-scoring, ledger, payments\\-api',
].join('\n\n');

const LEDGER_MODULE = [
  'Module **ledger**: service, tier 1, production, system checkout',
  '*Double\\-entry ledger of every payment, refund and payout; source of truth for finance\\.*',
  'Owner (from its contract): `@acme/payments` (Payments)',
  'Scorecard: **Silver**; Gold needs: alerts, runbook',
  'Met: owner, tests, observability, escalation path, SLO, threat model',
  'SLOs: availability 99.9% over 30d',
  // vision.yaml initiatives that list the ledger (DESIGN.md 1.8), judged against the example's pinned date.
  'Initiatives: Multi\\-region failover for checkout (active, due 2026\\-10\\-15, **overdue**, priority `reliability`); Alerts and runbooks for every tier\\-1 service (planned, due 2027\\-01\\-31, priority `reliability`); Multi\\-currency ledger (dropped, due 2026\\-09\\-30, priority `international-expansion`)',
  'Folder: `services/ledger`',
].join('\n\n');

const LOGGER_MODULE = [
  'Module **logger**: library, tier 2, production, system platform',
  '*Structured JSON logging with redaction, shared by every Node service\\.*',
  'Owner (from its contract): `@acme/platform` (Platform)',
  'Scorecard: **Gold**',
  'Folder: `libs/logger`',
].join('\n\n');

const CATALOG_API_MODULE = [
  'Module **catalog\\-api**: service, tier 2, production, system catalog',
  '*Products, variants, prices and stock for every channel\\.*',
  'Owner (from its contract): `@acme/catalog` (Catalog \\& Search)',
  'Scorecard: **Gold**',
  'SLOs: availability 99.9% over 30d; read\\-latency\\-p95\\-under\\-150ms 99% over 30d',
  'Initiative: Stream price and stock changes instead of the nightly import (active, due 2027\\-02\\-28, priority `catalog-freshness`)',
  '1 Postmortem:\n- 2026-06-05 Stale prices after a partial catalog import (sev3): every action done',
  'Folder: `services/catalog-api`',
].join('\n\n');

describe('hovers: Markdown safety', () => {
  it('escapes every character Markdown could read as a link, HTML, emphasis or autolink', () => {
    assert.equal(escapeMarkdown('[x](https://evil.example)'), '\\[x\\]\\(https\\://evil\\.example\\)');
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '\\<img src=x onerror=alert\\(1\\)\\>');
    assert.equal(escapeMarkdown('*bold* _it_ `code` ~~s~~ # h'), '\\*bold\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\# h');
    assert.equal(escapeMarkdown('a@b.example &amp; www.x.example'), 'a\\@b\\.example \\&amp; www\\.x\\.example');
    assert.equal(escapeMarkdown('two\nlines'), 'two lines');
    assert.equal(escapeMarkdown('back\\slash'), 'back\\\\slash');
  });

  it('fences code spans with more backticks than they hold', () => {
    assert.equal(code('@acme/payments'), '`@acme/payments`');
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x`'), '`` `x` ``');
    assert.equal(code('a\nb'), '`a b`');
    assert.equal(code(''), '` `');
  });

  it('shows hostile team names, targets and links as text', async () => {
    const fs = new InMemoryFileAccess({
      'teams.yaml': [
        'apiVersion: northstar/v1',
        'kind: Teams',
        'teams:',
        '  - id: "@evil/team"',
        '    name: "[click me](https://evil.example) <img src=x onerror=alert(1)>"',
        '    escalation:',
        '      - { kind: "chat](javascript:alert(1))", target: "`x` <b>", url: "javascript:alert(1)" }',
        '      - { kind: pager, target: "p]1", url: "https://pager.example/a b(c)" }',
      ].join('\n'),
      'CODEOWNERS': '*  @evil/team\n',
    });
    const analysis = await analyzeWorkspace(fs);
    const text = '*  @evil/team\n';
    const result = hoverAt(analysis, 'CODEOWNERS', text, 1, 5);
    assert.ok(result);
    assert.equal(
      result.markdown,
      [
        'Team **\\[click me\\]\\(https\\://evil\\.example\\) \\<img src=x onerror=alert\\(1\\)\\>** `@evil/team`',
        'Escalation path:\n' +
          '1. chat\\]\\(javascript\\:alert\\(1\\)\\): `` `x` <b> ``\n' +
          '2. pager: [`p]1`](https://pager.example/a%20b%28c%29)',
      ].join('\n\n'),
    );
  });
});

describe('hovers: CODEOWNERS patterns', () => {
  it('a pattern partly overridden by a later line: owners, counts, modules and the overriding line', async () => {
    const result = await hoverExample('.github/CODEOWNERS', '/apps/ ');
    assert.deepEqual(result, {
      markdown: [
        'CODEOWNERS line 21: `/apps/`',
        'Owner: `@acme/web` (Storefront Web)',
        'Matches 15 files; decides the owners of 12.',
        'Modules: admin\\-console (`apps/admin-console`), storefront (`apps/storefront`)',
        'Overridden by later lines:\n- line 43 `/apps/storefront/src/checkout/` → `@acme/payments` (3 files)',
      ].join('\n\n'),
      range: { line: 21, column: 1, endLine: 21, endColumn: 7 },
    });
  });

  it('a pattern that never decides: a later line repeats it', async () => {
    const result = await hoverExample('.github/CODEOWNERS', '/services/search/', 0, 3);
    assert.equal(
      result?.markdown,
      [
        'CODEOWNERS line 25: `/services/search/`',
        'Owner: `@acme/catalog` (Catalog \\& Search)',
        'Matches 7 files; decides the owners of 0.',
        '**Never decides**: later lines override it for every file it matches.',
        'Module: search (`services/search`)',
        'Overridden by later lines:\n- line 46 `/services/search/` → `@acme/catalog` (7 files)',
      ].join('\n\n'),
    );
  });

  it('the later line itself decides everything it matches', async () => {
    const result = await hoverExample('.github/CODEOWNERS', '/services/search/', 1, 3);
    assert.equal(
      result?.markdown,
      [
        'CODEOWNERS line 46: `/services/search/`',
        'Owner: `@acme/catalog` (Catalog \\& Search)',
        'Matches 7 files; decides the owners of 7.',
        'Module: search (`services/search`)',
      ].join('\n\n'),
    );
  });

  it('a line without owners un-owns what it matches', async () => {
    const result = await hoverExample('.github/CODEOWNERS', '/tools/legacy-csv-export/');
    assert.equal(
      result?.markdown,
      [
        'CODEOWNERS line 40: `/tools/legacy-csv-export/`',
        'Owners: none. This line leaves the files it matches without owners.',
        'Matches 4 files; decides the owners of 4.',
        'Module: legacy\\-csv\\-export (`tools/legacy-csv-export`)',
      ].join('\n\n'),
    );
  });

  it('a pattern that matches nothing', async () => {
    const result = await hoverExample('.github/CODEOWNERS', '/services/legacy-cart/');
    assert.equal(
      result?.markdown,
      ['CODEOWNERS line 18: `/services/legacy-cart/`', 'Owner: `@acme/orders` (Orders \\& Fulfilment)', 'Matches no file in the workspace.'].join('\n\n'),
    );
  });

  it('the catch-all line: long lists are capped, overrides listed by line', async () => {
    const analysis = await exampleAnalysis();
    const result = await hoverExample('.github/CODEOWNERS', '*    ', 0, 0);
    assert.ok(result);
    const sections = result.markdown.split('\n\n');
    assert.equal(sections[0], 'CODEOWNERS line 6: `*`');
    assert.equal(sections[2], `Matches ${analysis.files!.length} files; decides the owners of 7.`);
    assert.equal(analysis.model.modules.length, HOVER_LIST_LIMIT + 9);
    assert.match(sections[3], /^Modules: admin\\-console \(`apps\/admin-console`\), storefront .*, and 9 more; and 20 files outside any module$/);
    const overrides = sections[4].split('\n');
    assert.equal(overrides[0], 'Overridden by later lines:');
    assert.equal(overrides[1], '- line 9 `/docs/` → `@acme/platform` (10 files)');
    assert.equal(overrides.length, 1 + HOVER_LIST_LIMIT + 1);
    assert.match(overrides[overrides.length - 1], /^- and \d+ more$/);
  });

  it('an owner on a CODEOWNERS line: the team and its escalation path', async () => {
    const result = await hoverExample('.github/CODEOWNERS', '@acme/payments', 0, 2);
    assert.deepEqual(result, { markdown: PAYMENTS_TEAM, range: { line: 12, column: 37, endLine: 12, endColumn: 51 } });
  });

  it('comments and blank lines have no hover; a stale rule (text edited since the analysis) neither', async () => {
    const analysis = await exampleAnalysis();
    assert.equal(await hoverExample('.github/CODEOWNERS', '# Default'), undefined);
    const p = pointInExample('.github/CODEOWNERS', '/services/ledger/');
    const edited = p.text.replace('/services/ledger/ ', '/services/lodger/ ');
    assert.equal(hoverAt(analysis, '.github/CODEOWNERS', edited, p.line, p.column), undefined);
  });
});

describe('hovers: owner handles', () => {
  it('in a contract', async () => {
    const result = await hoverExample('services/payments-api/service-contract.yaml', '"@acme/payments"');
    assert.deepEqual(result, { markdown: PAYMENTS_TEAM, range: { line: 5, column: 8, endLine: 5, endColumn: 24 } });
  });

  it('in teams.yaml, a team without an escalation path', async () => {
    const result = await hoverExample('teams.yaml', '"@acme/orders"');
    assert.deepEqual(result, {
      markdown: [
        'Team **Orders \\& Fulfilment** `@acme/orders`',
        'Also known as: `group:default/orders`',
        'Escalation path: none declared.',
        'Owns 2 modules: coupons, orders',
      ].join('\n\n'),
      range: { line: 12, column: 9, endLine: 12, endColumn: 23 },
    });
  });

  it('an alias in teams.yaml and a Backstage owner reference name the same team', async () => {
    const alias = await hoverExample('teams.yaml', '"payments-team"');
    assert.equal(alias?.markdown, PAYMENTS_TEAM);
    const backstage = await hoverExample('services/search/catalog-info.yaml', 'group:default/catalog', 1);
    assert.equal(
      backstage?.markdown,
      [
        'Team **Catalog \\& Search** `@acme/catalog`',
        'Also known as: `group:default/catalog`, `catalog-team`',
        'Escalation path:\n1. chat: [`#catalog-help`](https://chat.acme.example/channels/catalog-help)\n2. pager: `catalog-primary`\n3. person: `@mokafor`',
        'Owns 3 modules: catalog\\-import, catalog\\-api, search',
      ].join('\n\n'),
    );
  });

  it('a priority owner in vision.yaml', async () => {
    const result = await hoverExample('vision.yaml', '"@acme/platform"');
    assert.equal(result?.markdown.split('\n\n')[0], 'Team **Platform** `@acme/platform`');
    assert.equal(result?.markdown.split('\n\n')[2], `Escalation path:\n${PLATFORM_ESCALATION}`);
  });

  it('an owner no team declares', async () => {
    const result = await hoverExample('jobs/feed-export/catalog-info.yaml', 'merchandising');
    assert.deepEqual(result, {
      markdown: '`merchandising`: no team declares this owner (not in teams.yaml, a Backstage group or CODEOWNERS).',
      range: { line: 14, column: 10, endLine: 14, endColumn: 23 },
    });
  });

  it('a person in an escalation step is not a team: no hover', async () => {
    assert.equal(await hoverExample('teams.yaml', '"@dkowalski"'), undefined);
  });
});

describe('hovers: dependencies and consumed APIs', () => {
  it('a dependsOn entry: owner, tier, lifecycle, scorecard level and SLOs', async () => {
    const result = await hoverExample('services/payments-api/service-contract.yaml', '[ledger', 0, 2);
    assert.deepEqual(result, { markdown: LEDGER_MODULE, range: { line: 10, column: 13, endLine: 10, endColumn: 19 } });
  });

  it('a module with postmortems: the last ones, newest first, each with its open actions (overdue against the analysis\' today)', async () => {
    // examples/acme/docs/postmortems/: two postmortems concern payments-api; the demo is not listed.
    const result = await hoverExample('services/payments-api/service-contract.yaml', 'name: payments-api', 0, 7);
    const section = result?.markdown.split('\n\n').find((part) => part.startsWith('2 Postmortems:'));
    assert.equal(
      section,
      [
        '2 Postmortems:',
        '- 2026-10-03 Card declines after a certificate rotation (sev1): 1 open action: Alert 30 days before any TLS certificate expires (due 2026-10-20, **overdue**)',
        '- 2026-08-14 Checkout timeouts during the summer sale (sev2): 2 open actions: Alert on fraud\\-scoring p99 latency above 300 ms (due 2026-10-15, **overdue**); Load\\-test checkout at three times peak before each sale (due 2026-12-01)',
      ].join('\n'),
    );
    const markdown = result?.markdown ?? '';
    assert.ok(markdown.indexOf('2 Postmortems:') < markdown.indexOf('Folder:'), 'before the folder line');
  });

  it('a module without postmortems has no postmortem section', async () => {
    const result = await hoverExample('services/payments-api/service-contract.yaml', '[ledger', 0, 2);
    assert.ok(!result?.markdown.includes('Postmortem'));
  });

  it('a library dependency has no SLO line', async () => {
    const result = await hoverExample('services/payments-api/service-contract.yaml', 'logger]');
    assert.equal(result?.markdown, LOGGER_MODULE);
  });

  it('a consumed API: its provider', async () => {
    const result = await hoverExample('services/payments-api/service-contract.yaml', 'ledger-events');
    assert.deepEqual(result, {
      markdown: `API **ledger\\-events** (asyncapi), provided by **ledger**\n\nDefinition: \`services/ledger/api/asyncapi.yaml\`\n\n---\n\n${LEDGER_MODULE}`,
      range: { line: 15, column: 32, endLine: 15, endColumn: 45 },
    });
  });

  it('Backstage dependsOn and consumesApis entity references', async () => {
    const dep = await hoverExample('services/search/catalog-info.yaml', 'component:default/catalog-api');
    assert.equal(dep?.markdown, CATALOG_API_MODULE);
    const api = await hoverExample('jobs/feed-export/catalog-info.yaml', 'catalog-rest');
    assert.equal(
      api?.markdown,
      `API **catalog\\-rest** (openapi), provided by **catalog\\-api**\n\nDefinition: \`services/catalog-api/api/openapi.yaml\`\n\n---\n\n${CATALOG_API_MODULE}`,
    );
  });

  it('a dependency typed but not yet saved: the hover reads the editor text', async () => {
    const analysis = await exampleAnalysis();
    const p = pointInExample('services/payments-api/service-contract.yaml', 'dependsOn: [ledger, fraud-scoring, logger]');
    const edited = p.text.replace('dependsOn: [ledger, fraud-scoring, logger]', 'dependsOn: [ledger, fraud-scorer, logger]');
    const result = hoverAt(analysis, 'services/payments-api/service-contract.yaml', edited, p.line, 22);
    assert.deepEqual(result, {
      markdown: '`fraud-scorer`: no module of this workspace has this name.',
      range: { line: 10, column: 21, endLine: 10, endColumn: 33 },
    });
  });

  it('keys and other values have no hover', async () => {
    assert.equal(await hoverExample('services/payments-api/service-contract.yaml', 'dependsOn:'), undefined);
    assert.equal(await hoverExample('services/payments-api/service-contract.yaml', 'structured-json'), undefined);
    assert.equal(await hoverExample('services/payments-api/service-contract.yaml', 'checkout\n'), undefined);
  });
});

describe('hovers: priorities', () => {
  const RELIABILITY = [
    'Priority **Reliability first** `reliability`',
    'Owner: `@acme/platform` (Platform)',
    'Metrics (baseline → current → target):\n- checkout availability: 99.5% → 99.82% → 99.95%\n- mean time to restore: 95 min → 48 min → 30 min',
    'Served by 6 modules: storefront, catalog\\-import, logger, accounts, ledger, payments\\-api',
  ].join('\n\n');

  it('in a contract: title, owner, metrics (baseline → current → target) and the modules serving it', async () => {
    const result = await hoverExample('services/payments-api/service-contract.yaml', 'reliability]');
    assert.deepEqual(result, { markdown: RELIABILITY, range: { line: 28, column: 35, endLine: 28, endColumn: 46 } });
  });

  it('its declaration in vision.yaml', async () => {
    const result = await hoverExample('vision.yaml', 'id: reliability', 0, 5);
    assert.deepEqual(result, { markdown: RELIABILITY, range: { line: 49, column: 9, endLine: 49, endColumn: 20 } });
  });

  it('a northstar:priority tag in code', async () => {
    const result = await hoverExample('services/payments-api/src/routes/payments.ts', 'checkout-conversion');
    assert.deepEqual(result, {
      markdown: [
        'Priority **Make checkout effortless** `checkout-conversion`',
        'Owner: `@acme/payments` (Payments)',
        'Metrics (baseline → current → target):\n- checkout conversion rate: 2.1% → 2.6% → 3.2%\n- payment authorisation rate: 91% → 93.4% → 96%',
        'Served by 5 modules: storefront, fraud\\-scoring, orders, payments\\-api, promotions',
      ].join('\n\n'),
      range: { line: 13, column: 23, endLine: 13, endColumn: 42 },
    });
  });

  it('an id vision.yaml lacks', async () => {
    const analysis = await exampleAnalysis();
    const p = pointIn('// northstar:priority world-domination\n', 'world');
    assert.equal(hover(analysis, 'libs/logger/src/index.ts', p)?.markdown, 'Priority `world-domination`: `vision.yaml` declares no such priority.');
  });
});

describe('hovers: imports into other modules', () => {
  it('a TypeScript import of a workspace package: owner, level and escalation', async () => {
    const result = await hoverExample('services/payments-api/src/server.ts', "'@acme/logger'");
    assert.deepEqual(result, {
      markdown: `${LOGGER_MODULE}\n\nEscalate to Platform:\n${PLATFORM_ESCALATION}`,
      range: { line: 3, column: 31, endLine: 3, endColumn: 43 },
    });
  });

  it('a module owned through CODEOWNERS', async () => {
    const result = await hoverExample('apps/storefront/src/pages/index.tsx', "'@acme/http-client'");
    assert.equal(
      result?.markdown,
      [
        'Module **\\@acme/http\\-client**: library',
        // The description its package.json gives.
        '*fetch wrapper with timeouts and JSON errors for service\\-to\\-service calls\\.*',
        'Owner (from CODEOWNERS): `@acme/platform` (Platform)',
        'Scorecard: **Gold**',
        'Folder: `libs/http-client`',
        `Escalate to Platform:\n${PLATFORM_ESCALATION}`,
      ].join('\n\n'),
    );
  });

  it('Python and Go imports typed in the editor', async () => {
    const analysis = await exampleAnalysis();
    const py = pointIn('from catalog_import.feed import parse_csv\n', 'catalog_import');
    const pyHover = hover(analysis, 'services/fraud-scoring/src/fraud_scoring/scoring.py', py);
    assert.equal(pyHover?.markdown.split('\n\n')[0], 'Module **catalog\\-import**: job, tier 2, production, system catalog');
    assert.deepEqual(pyHover?.range, { line: 1, column: 6, endLine: 1, endColumn: 25 });
    assert.match(pyHover!.markdown, /\n\nEscalate to Catalog \\& Search:\n1\. chat: /);

    const goText = 'package main\n\nimport (\n\t"fmt"\n\tj "github.com/acme/shop/services/ledger/internal/journal"\n)\n';
    const goHover = hover(analysis, 'services/orders/cmd/orders/main.go', pointIn(goText, 'github.com'));
    assert.equal(goHover?.markdown, `${LEDGER_MODULE}\n\nEscalate to Payments:\n${PAYMENTS_ESCALATION}`);
    assert.deepEqual(goHover?.range, { line: 5, column: 5, endLine: 5, endColumn: 58 });
  });

  it('no hover on imports inside the same module or of third-party packages', async () => {
    assert.equal(await hoverExample('services/payments-api/src/server.ts', "'./routes/payments'"), undefined);
    assert.equal(await hoverExample('services/payments-api/src/server.ts', "'fastify'"), undefined);
    assert.equal(await hoverExample('services/ledger/cmd/ledger/main.go', '"net/http"'), undefined);
    assert.equal(await hoverExample('jobs/catalog-import/src/catalog_import/main.py', '.feed'), undefined);
  });
});

describe('hovers: rule ids in .northstar.yaml', () => {
  const EXT_DOCS = 'file:///home/dana/.vscode/extensions/northstar.northstar-0.1.0/docs/rules/';
  const ruleHoverWith = async (docsBase: string | undefined) => {
    const p = pointInExample('.northstar.yaml', 'contracts/deprecated-dependency', 0, 1);
    return hoverAt(await exampleAnalysis(), '.northstar.yaml', p.text, p.line, p.column, docsBase === undefined ? undefined : { docsBase })?.markdown.split('\n\n')[2];
  };

  it('a rule id key and an ignore entry: description, default severity and docs', async () => {
    const analysis = await exampleAnalysis();
    const meta = analysis.rules.find((r) => r.id === 'contracts/deprecated-dependency')!;
    const p = pointInExample('.northstar.yaml', 'contracts/deprecated-dependency', 0, 1);
    const result = hoverAt(analysis, '.northstar.yaml', p.text, p.line, p.column, { docsBase: EXT_DOCS });
    assert.deepEqual(result, {
      markdown: [
        'Rule `contracts/deprecated-dependency` (default severity: info)',
        escapeMarkdown(meta.description),
        `[Documentation](${EXT_DOCS}contracts/deprecated-dependency.md)`,
      ].join('\n\n'),
      range: { line: 7, column: 3, endLine: 7, endColumn: 34 },
    });
    const ignored = await hoverExample('.northstar.yaml', 'quality/missing-tests');
    assert.equal(ignored?.markdown.split('\n\n')[0], 'Rule `quality/missing-tests` (default severity: warning)');
  });

  it('links the docs page under the adapter\'s base only: a path without one, never a web address', async () => {
    // No base (the core alone): the page's path in the package, unlinked.
    assert.equal(await ruleHoverWith(undefined), 'Documentation: `docs/rules/contracts/deprecated-dependency.md`');
    // A remote extension host's folder, and a base without its final slash.
    assert.equal(await ruleHoverWith('vscode-remote://ssh-remote+box/home/dana/ext/docs/rules/'), '[Documentation](vscode-remote://ssh-remote+box/home/dana/ext/docs/rules/contracts/deprecated-dependency.md)');
    assert.equal(await ruleHoverWith('file:///c%3A/Users/Dana%20K/ext/docs/rules'), '[Documentation](file:///c%3A/Users/Dana%20K/ext/docs/rules/contracts/deprecated-dependency.md)');
    // A base that could run something, or does not parse, is not linked.
    for (const bad of ['command:northstar.evil?', 'javascript:alert(1)//', 'not a url']) {
      assert.equal(await ruleHoverWith(bad), 'Documentation: `docs/rules/contracts/deprecated-dependency.md`', bad);
    }
    // A base with characters that would end a Markdown link stays one link.
    assert.equal(await ruleHoverWith('file:///x/a)b c/docs/rules/'), '[Documentation](file:///x/a%29b%20c/docs/rules/contracts/deprecated-dependency.md)');
    assert.doesNotMatch((await hoverExample('.northstar.yaml', 'contracts/deprecated-dependency'))!.markdown, /northstar-dev|https?:/);
  });
});

describe('hovers: GitLab CODEOWNERS', () => {
  const CODEOWNERS = [
    '[Backend] @acme/backend',
    'services/',
    '/services/api/ @acme/api',
    '',
    '^[Docs][2] @acme/writers',
    '*.md',
    '!services/api/CHANGELOG.md',
    '',
  ].join('\n');
  let analysis: Analysis;

  before(async () => {
    analysis = await analyzeWorkspace(
      new InMemoryFileAccess({
        '.gitlab/CODEOWNERS': CODEOWNERS,
        'services/api/go.mod': 'module example.com/api\n\ngo 1.23\n',
        'services/api/main.go': 'package main\n',
        'services/api/CHANGELOG.md': '# Changes\n',
        'services/web/index.ts': 'export {};\n',
        'README.md': '# Shop\n',
      }),
    );
  });

  const at = (needle: string, delta = 1) => hoverAt(analysis, '.gitlab/CODEOWNERS', CODEOWNERS, pointIn(CODEOWNERS, needle, 0, delta).line, pointIn(CODEOWNERS, needle, 0, delta).column);

  it('a line with the section’s default owners, overridden within its section only', () => {
    assert.equal(
      at('services/\n')?.markdown,
      [
        'CODEOWNERS line 2: `services/`',
        'Section: `[Backend]`',
        'Owner: `@acme/backend` (the section’s default owners)',
        'Matches 4 files; decides the owners of 1.',
        'Module: api (`services/api`); and 1 file outside any module',
        'Overridden by later lines:\n- line 3 `/services/api/` → `@acme/api` (3 files)',
      ].join('\n\n'),
    );
  });

  it('an optional section with approvals, and an exclusion that overrides a line of its section', () => {
    assert.equal(
      at('*.md')?.markdown,
      [
        'CODEOWNERS line 6: `*.md`',
        'Section: `[Docs]` (optional, 2 approvals)',
        'Owner: `@acme/writers` (the section’s default owners)',
        'Matches 2 files; decides the owners of 1.',
        'Module: api (`services/api`); and 1 file outside any module',
        'Overridden by later lines:\n- line 7 `!services/api/CHANGELOG.md` → excluded (1 file)',
      ].join('\n\n'),
    );
    assert.equal(
      at('!services')?.markdown,
      [
        'CODEOWNERS line 7: `!services/api/CHANGELOG.md`',
        'Section: `[Docs]` (optional, 2 approvals)',
        'Exclusion: the files it matches need no approval from this section.',
        'Matches 1 file; excludes 1 from this section.',
        'Module: api (`services/api`)',
      ].join('\n\n'),
    );
  });

  it('an owner on a section header', () => {
    assert.equal(
      at('@acme/writers', 2)?.markdown,
      ['Team `@acme/writers`', 'Known only from CODEOWNERS: no teams.yaml entry or Backstage group declares it.', 'Escalation path: none declared.'].join('\n\n'),
    );
  });
});
