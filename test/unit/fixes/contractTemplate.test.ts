import * as assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../../src/core/analyze';
import { contractPath, contractTemplate, contractTemplateFix, testGlobsFor } from '../../../src/core/fixes/contractTemplate';
import { InMemoryFileAccess } from '../../../src/core/fs';
import { parseContract } from '../../../src/core/sources/contract';

/** A monorepo with a contract-less Go service owned through CODEOWNERS and a Python tool nobody owns. */
function repo(): Record<string, string> {
  return {
    '.github/CODEOWNERS': '*.md @acme/docs\n/services/billing/ @acme/payments\n',
    'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/payments"\n    name: Payments\n    escalation:\n      - { kind: chat, target: "#payments" }\n',
    'services/billing/go.mod': 'module github.com/acme/billing\n\ngo 1.22\n',
    'services/billing/Dockerfile': 'FROM gcr.io/distroless/static\n',
    'services/billing/main.go': 'package main\n\nfunc main() {}\n',
    'services/billing/invoice_test.go': 'package main\n',
    'services/billing/internal/tests/fixtures_test.go': 'package tests\n',
    'tools/csv-export/pyproject.toml': '[project]\nname = "csv-export"\nversion = "0.1.0"\ndescription = "Exports orders as CSV for finance."\n',
    'tools/csv-export/csv_export/__init__.py': '',
  };
}

describe('contract template fix', () => {
  it('fills name, owner from CODEOWNERS and the tests found, and parses without problems', async () => {
    const analysis = await analyzeWorkspace(new InMemoryFileAccess(repo()));
    const billing = analysis.model.modules.find((m) => m.path === 'services/billing');
    assert.ok(billing, 'the go.mod declares a module');
    assert.equal(billing.source, 'manifest');
    const text = contractTemplate(billing, analysis.ownersOf(billing.definedAt.file));
    const parsed = parseContract(text, 'services/billing/service-contract.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.ok(parsed.value);
    assert.equal(parsed.value.name?.value, billing.name);
    assert.equal(parsed.value.owner?.value, '@acme/payments');
    assert.deepEqual(testGlobsFor(billing), ['internal/tests/**', 'invoice_test.go']);
    assert.match(text, /^# Owner as given by \.github\/CODEOWNERS line 2\.$/m);
    assert.match(text, /^tests: \["internal\/tests\/\*\*", "invoice_test\.go"\]$/m);
    assert.equal(contractPath(billing), 'services/billing/service-contract.yaml');
  });

  it('keeps the module what it was once the contract exists: same name, same tests, owner declared', async () => {
    const files = repo();
    const before = await analyzeWorkspace(new InMemoryFileAccess(files));
    const billing = before.model.modules.find((m) => m.path === 'services/billing');
    assert.ok(billing);
    const finding = { ruleId: 'ownership/missing-owner', severity: 'warning' as const, message: 'm', file: billing.definedAt.file, line: 1, column: 1, endLine: 1, endColumn: 2, module: billing.name };
    const fix = contractTemplateFix(finding, billing, before.ownersOf(billing.definedAt.file));
    assert.ok(fix);
    assert.equal(fix.edits.length, 1);
    assert.equal(fix.edits[0].range, null, 'creates the file, never overwrites');
    const after = await analyzeWorkspace(new InMemoryFileAccess({ ...files, [fix.edits[0].file]: fix.edits[0].newText }));
    const declared = after.moduleByName(billing.name);
    assert.ok(declared);
    assert.equal(declared.source, 'contract');
    assert.equal(declared.path, 'services/billing');
    assert.deepEqual(declared.owners, ['@acme/payments']);
    assert.equal(declared.ownerSource, 'contract');
    assert.deepEqual(declared.tests, billing.tests);
    assert.deepEqual(after.model.findings.filter((f) => f.file === fix.edits[0].file && f.ruleId.startsWith('contracts/')), []);
  });

  it('writes a placeholder owner, the manifest\'s description and no tests line when nothing else is known', async () => {
    const analysis = await analyzeWorkspace(new InMemoryFileAccess(repo()));
    const tool = analysis.model.modules.find((m) => m.path === 'tools/csv-export');
    assert.ok(tool);
    const text = contractTemplate(tool, analysis.ownersOf(tool.definedAt.file));
    const parsed = parseContract(text, 'tools/csv-export/service-contract.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.value?.owner?.value, '@TODO-team');
    assert.equal(parsed.value?.tests ?? null, null);
    assert.match(text, /^# No tests found/m);
    // The description the pyproject gives is the module's, and the contract's.
    assert.equal(tool.description, 'Exports orders as CSV for finance.');
    assert.equal(parsed.value?.description, 'Exports orders as CSV for finance.');
  });

  it('is offered only for quality, observability and ownership findings of manifest-only modules', async () => {
    const analysis = await analyzeWorkspace(new InMemoryFileAccess(repo()));
    const tool = analysis.model.modules.find((m) => m.path === 'tools/csv-export');
    assert.ok(tool);
    const owners = analysis.ownersOf(tool.definedAt.file);
    const base = { severity: 'warning' as const, message: 'm', file: tool.definedAt.file, line: 1, column: 1, endLine: 1, endColumn: 2, module: tool.name };
    for (const ruleId of ['quality/missing-tests', 'observability/missing', 'ownership/missing-owner']) {
      assert.ok(contractTemplateFix({ ...base, ruleId }, tool, owners), ruleId);
    }
    for (const ruleId of ['codeowners/no-match', 'contracts/unknown-dependency', 'security/missing-threat-model']) {
      assert.equal(contractTemplateFix({ ...base, ruleId }, tool, owners), null, ruleId);
    }
    assert.equal(contractTemplateFix({ ...base, ruleId: 'quality/missing-tests', module: 'other' }, tool, owners), null);
    assert.equal(contractTemplateFix({ ...base, ruleId: 'quality/missing-tests' }, { ...tool, source: 'contract' }, owners), null);
  });
});
