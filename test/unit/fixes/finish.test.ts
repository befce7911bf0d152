/**
 * Quick fixes finish the job (issue 15): for every rule that offers fixes, each fix is applied to
 * a realistic in-memory repository, the repository is analysed again, and the finding the fix
 * addresses must be gone while no other finding appears or disappears. Findings are compared as
 * (rule, module, file for findings about no module), so that lines moved by an edit compare equal.
 */
import * as assert from 'node:assert/strict';
import { contractTemplateFix } from '../../../src/core/fixes/contractTemplate';
import type { Finding, Fix } from '../../../src/core/model/types';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, applyFix, text } from '../rules/tester';

/** The repository root, whether the tests run from `out/` or from another output folder. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'test', 'fixtures', 'vscode-fixes', 'README.md'))) return dir;
  }
  return process.cwd();
}

const teamsYaml = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/platform"
      name: Platform
      escalation:
        - { kind: chat, target: "#platform-oncall" }

    - id: "@acme/payments"
      name: Payments
      escalation:
        - { kind: chat, target: "#payments-oncall" }
        - { kind: pager, target: payments-primary }
`;

const goService = (name: string): Record<string, string> => ({
  [`services/${name}/go.mod`]: `module github.com/acme/${name}\n\ngo 1.22\n\nrequire go.opentelemetry.io/otel v1.28.0\n`,
  [`services/${name}/Dockerfile`]: 'FROM gcr.io/distroless/static\n',
  [`services/${name}/main.go`]: 'package main\n\nfunc main() {}\n',
  [`services/${name}/main_test.go`]: 'package main\n',
});

/** A platform monorepo whose CODEOWNERS gives everything to the platform team first, aligned. */
function aligned(codeowners: string): Record<string, string> {
  return {
    '.github/CODEOWNERS': codeowners,
    'teams.yaml': teamsYaml,
    ...goService('billing'),
    ...goService('ledger'),
    'services/payments/service-contract.yaml': text`
      apiVersion: northstar/v1
      kind: ServiceContract
      name: payments-api
      description: Takes card payments for checkout.
      owner: "@acme/payments"
      type: service
      tests: ["test/**"]
      observability: { logs: structured-json, metrics: prometheus, traces: opentelemetry }
    `,
    'services/payments/src/index.ts': 'export const handler = () => 200;\n',
    'services/payments/test/handler.test.ts': "import '../src/index';\n",
    'libs/http-client/package.json': '{\n  "name": "@acme/http-client",\n  "description": "fetch wrapper with timeouts",\n  "version": "1.4.0"\n}\n',
    'libs/http-client/src/index.ts': 'export const get = () => fetch("/");\n',
    'libs/http-client/src/index.test.ts': "import './index';\n",
    'docs/runbook.md': '# Runbook\n',
  };
}

/** A younger repository: CODEOWNERS for a few folders only, a tool nobody owns, a contract naming an undeclared team. */
function partial(): Record<string, string> {
  return {
    CODEOWNERS: '/services/payments/ @acme/payments\n/docs/ @acme/platform\n',
    'teams.yaml': teamsYaml,
    'services/payments/service-contract.yaml': text`
      apiVersion: northstar/v1
      kind: ServiceContract
      name: payments-api
      owner: "@acme/payments"
      type: library
    `,
    'services/payments/src/index.ts': 'export const handler = () => 200;\n',
    'services/payments/src/index.test.ts': "import './index';\n",
    'services/search/service-contract.yaml': text`
      apiVersion: northstar/v1
      kind: ServiceContract
      name: search-api
      owner: "@acme/search"
      type: library
    `,
    'services/search/src/query.ts': 'export const q = 1;\n',
    'services/search/src/query.test.ts': "import './query';\n",
    'tools/csv-export/pyproject.toml': '[project]\nname = "csv-export"\nversion = "0.1.0"\ndescription = "Exports orders as CSV for finance."\n',
    'tools/csv-export/csv_export/__init__.py': '',
    'tools/csv-export/tests/test_export.py': 'def test_export():\n    pass\n',
    'docs/index.md': '# Docs\n',
  };
}

interface FixCase {
  name: string;
  files: Record<string, string>;
  ruleId: string;
  /** Picks the finding when the rule reports several. */
  where?: (f: Finding) => boolean;
  /** The titles offered, in order (the first is the preferred fix). */
  titles: string[];
  /** Findings of these rules about the same module may replace the addressed one (an honest placeholder). */
  becomes?: string;
  /** Exact texts after applying the fix with this title. */
  after?: Record<string, Record<string, string>>;
}

const key = (f: Finding): string => `${f.ruleId} | ${f.module ?? `(no module) ${f.file}`}`;

function keys(findings: readonly Finding[]): string[] {
  return findings.map(key).sort();
}

function without(list: string[], item: string): string[] {
  const i = list.indexOf(item);
  assert.ok(i >= 0, `${item} is among the findings`);
  return [...list.slice(0, i), ...list.slice(i + 1)];
}

const CASES: FixCase[] = [
  {
    name: 'missing-owner on a folder whose CODEOWNERS line has no owners: the line is completed, aligned',
    files: aligned(text`
      # Acme platform
      *                    @acme/platform
      /services/payments/  @acme/payments
      /services/billing/
    `),
    ruleId: 'ownership/missing-owner',
    titles: [
      'Assign services/billing/ to @acme/platform on CODEOWNERS line 4',
      'Assign services/billing/ to @acme/payments on CODEOWNERS line 4',
      'Create services/billing/service-contract.yaml for "billing" owned by @acme/platform',
    ],
    after: {
      'Assign services/billing/ to @acme/payments on CODEOWNERS line 4': {
        '.github/CODEOWNERS': '# Acme platform\n*                    @acme/platform\n/services/payments/  @acme/payments\n/services/billing/   @acme/payments\n',
      },
    },
  },
  {
    name: 'missing-owner on a module no line names: a new line, in single-space style',
    files: partial(),
    ruleId: 'ownership/missing-owner',
    where: (f) => f.module === 'csv-export',
    titles: [
      'Assign tools/csv-export/ to @acme/platform in CODEOWNERS',
      'Assign tools/csv-export/ to @acme/payments in CODEOWNERS',
      'Create tools/csv-export/service-contract.yaml for "csv-export" owned by @acme/platform',
    ],
    after: {
      'Assign tools/csv-export/ to @acme/payments in CODEOWNERS': {
        CODEOWNERS: '/services/payments/ @acme/payments\n/docs/ @acme/platform\n/tools/csv-export/ @acme/payments\n',
      },
    },
  },
  {
    name: 'missing-owner in a GitLab file: appended to the last section, aligned like that section (not like the first)',
    files: {
      '.gitlab/CODEOWNERS': text`
        [Docs]
        /docs/  @acme/platform

        [Services]
        /services/payments/  @acme/payments
        /services/ledger/    @acme/payments
      `,
      'teams.yaml': teamsYaml,
      'docs/index.md': '# Docs\n',
      ...goService('billing'),
      ...goService('ledger'),
      'services/payments/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: payments-api\nowner: "@acme/payments"\ntype: library\n',
      'services/payments/src/index.test.ts': 'export {};\n',
    },
    ruleId: 'ownership/missing-owner',
    titles: [
      'Assign services/billing/ to @acme/platform in CODEOWNERS',
      'Assign services/billing/ to @acme/payments in CODEOWNERS',
      'Create services/billing/service-contract.yaml for "billing" owned by @acme/platform',
    ],
    after: {
      'Assign services/billing/ to @acme/payments in CODEOWNERS': {
        '.gitlab/CODEOWNERS': '[Docs]\n/docs/  @acme/platform\n\n[Services]\n/services/payments/  @acme/payments\n/services/ledger/    @acme/payments\n/services/billing/   @acme/payments\n',
      },
    },
  },
  {
    name: 'missing-owner with no team known anywhere: the placeholder, reported by placeholder-owner instead',
    files: {
      CODEOWNERS: '/docs/ @acme/docs\n',
      'packages/ui/package.json': '{\n  "name": "@acme/ui",\n  "version": "2.3.0"\n}\n',
      'packages/ui/src/button.test.tsx': 'export {};\n',
      'docs/index.md': '# Docs\n',
    },
    ruleId: 'ownership/missing-owner',
    titles: ['Assign packages/ui/ to the placeholder @TODO-team in CODEOWNERS (no team is known: replace it)'],
    becomes: 'ownership/placeholder-owner',
  },
  {
    name: 'placeholder-owner on a CODEOWNERS line: replaced by the line it overrides, or a team',
    files: aligned(text`
      *                    @acme/platform
      /services/ledger/    @TODO-team
    `),
    ruleId: 'ownership/placeholder-owner',
    titles: ['Replace @TODO-team with @acme/platform', 'Replace @TODO-team with @acme/payments'],
    after: {
      'Replace @TODO-team with @acme/payments': { '.github/CODEOWNERS': '*                    @acme/platform\n/services/ledger/    @acme/payments\n' },
    },
  },
  {
    name: 'placeholder-owner in a contract written from the template',
    files: {
      ...partial(),
      'services/search/service-contract.yaml': 'apiVersion: northstar/v1\nkind: ServiceContract\nname: search-api\nowner: "@TODO-team"\ntype: library\n',
    },
    ruleId: 'ownership/placeholder-owner',
    titles: ['Set the owner to @acme/platform', 'Set the owner to @acme/payments'],
  },
  {
    name: 'unknown-owner: the team declared in teams.yaml, blank line and style kept',
    files: partial(),
    ruleId: 'ownership/unknown-owner',
    titles: ['Declare team "@acme/search" in teams.yaml'],
    after: {
      'Declare team "@acme/search" in teams.yaml': { 'teams.yaml': `${teamsYaml}\n  - id: "@acme/search"\n    name: search\n` },
    },
  },
  {
    name: 'unknown-owner: a bare jdoe that CODEOWNERS names as the person @jdoe',
    files: {
      CODEOWNERS: '/services/ @acme/maintainers @jdoe\n',
      'services/search/catalog-info.yaml': text`
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: search-api
        spec:
          type: library
          lifecycle: production
          owner: jdoe
      `,
      'services/search/src/query.ts': 'export const q = 1;\n',
      'services/search/src/query.test.ts': "import './query';\n",
    },
    ruleId: 'ownership/unknown-owner',
    titles: ['Replace "jdoe" with "user:jdoe"'],
  },
  {
    name: 'codeowners/no-match: a mistyped folder repaired, or the line removed',
    files: aligned(text`
      *                    @acme/platform
      /libs/http-clinet/   @acme/platform @acme/payments
    `),
    ruleId: 'codeowners/no-match',
    titles: ['Change "/libs/http-clinet/" to "/libs/http-client/"', 'Remove line 2 ("/libs/http-clinet/")'],
    after: {
      'Remove line 2 ("/libs/http-clinet/")': { '.github/CODEOWNERS': '*                    @acme/platform\n' },
    },
  },
  {
    name: 'codeowners/no-match: a GitLab folder written without its "/"',
    files: {
      '.gitlab/CODEOWNERS': '[Docs]\n/docs @acme/platform\n\n[Services]\n/services/ @acme/payments\n',
      'teams.yaml': teamsYaml,
      'docs/index.md': '# Docs\n',
      ...goService('billing'),
    },
    ruleId: 'codeowners/no-match',
    titles: ['Change "/docs" to "/docs/"', 'Remove line 2 ("/docs")'],
  },
  {
    name: 'codeowners/duplicate-pattern: the earlier line removed',
    files: aligned(text`
      *                    @acme/platform
      /services/ledger/    @acme/platform
      /services/ledger/    @acme/payments
    `),
    ruleId: 'codeowners/duplicate-pattern',
    titles: ['Remove the duplicate line 2 ("/services/ledger/")'],
  },
];

async function findingsAfter(files: Record<string, string>, fix: Fix): Promise<{ fixed: Record<string, string>; findings: Finding[] }> {
  const fixed = applyFix(files, fix);
  return { fixed, findings: (await analyze(fixed)).model.findings.slice() };
}

describe('quick fixes finish the job (every fix applied, then the repository analysed again)', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const before = (await analyze(c.files)).model.findings;
      const addressed = before.filter((f) => f.ruleId === c.ruleId && (c.where?.(f) ?? true));
      assert.equal(addressed.length, 1, `one ${c.ruleId} finding to fix, got:\n${addressed.map((f) => f.message).join('\n')}`);
      const finding = addressed[0];
      const fixes = [finding.fix, ...(finding.moreFixes ?? [])].filter((f): f is Fix => f !== undefined);
      assert.deepEqual(fixes.map((f) => f.title), c.titles);
      const expected = without(keys(before), key(finding));
      for (const fix of fixes) {
        const { fixed, findings } = await findingsAfter(c.files, fix);
        let after = keys(findings);
        if (c.becomes) after = without(after, `${c.becomes} | ${finding.module ?? `(no module) ${finding.file}`}`);
        assert.deepEqual(after, expected, `after "${fix.title}": the finding is gone and nothing else changed`);
        for (const [file, content] of Object.entries(c.after?.[fix.title] ?? {})) assert.equal(fixed[file], content, `${file} after "${fix.title}"`);
      }
    });
  }

  it('the contract template (offered by the editor) keeps every finding of a manifest-only module and adds none', async () => {
    const files = partial();
    const analysis = await analyze(files);
    const before = analysis.model.findings;
    const tool = analysis.model.modules.find((m) => m.path === 'tools/csv-export');
    assert.ok(tool);
    const finding = before.find((f) => f.module === tool.name && f.ruleId === 'ownership/missing-owner');
    assert.ok(finding);
    const template = contractTemplateFix(finding, tool, analysis.ownersOf(tool.definedAt.file));
    assert.ok(template);
    const { fixed, findings } = await findingsAfter(files, template);
    assert.match(fixed['tools/csv-export/service-contract.yaml'], /^description: "Exports orders as CSV for finance\."$/m, 'the description the pyproject gives');
    // No owner is known to the template itself: its placeholder is reported where it is written.
    assert.deepEqual(without(keys(findings), 'ownership/placeholder-owner | csv-export'), without(keys(before), key(finding)));
  });

  it('test/fixtures/vscode-fixes offers each fix its README lists, and each one finishes its job', async () => {
    const files: Record<string, string> = {};
    const root = path.join(repoRoot(), 'test', 'fixtures', 'vscode-fixes');
    for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && entry.name !== 'README.md') files[path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')] = fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
    }
    const analysis = await analyze(files);
    const offered = analysis.model.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}:${f.column}: ${[f.fix, ...(f.moreFixes ?? [])].map((x) => x?.title).join(' | ')}`);
    assert.deepEqual(offered, [
      'ownership/placeholder-owner .github/CODEOWNERS:4:22: Replace @TODO-team with @acme/platform | Replace @TODO-team with @acme/payments',
      'codeowners/no-match .github/CODEOWNERS:5:1: Change "/libs/http-clinet/" to "/libs/http-client/" | Remove line 5 ("/libs/http-clinet/")',
      'ownership/missing-owner libs/http-client/package.json:2:12: Assign libs/http-client/ to @acme/platform in CODEOWNERS | Assign libs/http-client/ to @acme/payments in CODEOWNERS | Create libs/http-client/service-contract.yaml for "@acme/http-client" owned by @acme/platform',
      'ownership/missing-owner services/billing/go.mod:1:8: Assign services/billing/ to @acme/platform on CODEOWNERS line 3 | Assign services/billing/ to @acme/payments on CODEOWNERS line 3 | Create services/billing/service-contract.yaml for "billing" owned by @acme/platform',
      'ownership/unknown-owner services/search/service-contract.yaml:5:8: Declare team "@acme/search" in teams.yaml',
      'ownership/missing-owner tools/csv-export/pyproject.toml:2:9: Assign tools/csv-export/ to @acme/platform in CODEOWNERS | Assign tools/csv-export/ to @acme/payments in CODEOWNERS | Create tools/csv-export/service-contract.yaml for "csv-export" owned by @acme/platform',
    ]);
    for (const finding of analysis.model.findings) {
      for (const fix of [finding.fix, ...(finding.moreFixes ?? [])].filter((f): f is Fix => f !== undefined)) {
        const { findings } = await findingsAfter(files, fix);
        const gone = without(keys(analysis.model.findings), key(finding));
        // The repaired dead line also gives libs/http-client/ its owner: that finding goes too.
        const alsoFixed = fix.title.startsWith('Change "/libs/http-clinet/"') ? without(gone, 'ownership/missing-owner | @acme/http-client') : gone;
        assert.deepEqual(keys(findings), alsoFixed, `after "${fix.title}"`);
      }
    }
  });
});
