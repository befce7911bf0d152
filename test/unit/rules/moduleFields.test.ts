/**
 * RuleMeta.moduleFields: a rule that names the module fields it reads is not run again while
 * the modules are equal in them (rules/run.ts). Here each such rule runs on a workspace that
 * gives it findings, with every module it can reach (model.modules, moduleByName, moduleOf, the
 * API index) behind a proxy that records what it reads: nothing outside its fields, nothing of
 * the model but the modules, nothing of its context outside `reads`. Then an update that changes
 * no such field does not run it, one that does runs it, and both give a fresh analysis's findings.
 */
import assert from 'node:assert/strict';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';
import type { Module } from '../../../src/core/model/types';
import { RULES } from '../../../src/core/rules';
import type { Rule, RuleContext } from '../../../src/core/rules/rule';

const TODAY = '2026-11-01';

const contract = (name: string, extra = '') => `apiVersion: northstar/v1\nkind: ServiceContract\nname: ${name}\nowner: "@acme/platform"\ntype: service\n${extra}`;

/** Cycles, a deprecated module and its API, unknown names, a name used twice, workspace packages. */
function workspace(): InMemoryFileAccess {
  return new InMemoryFileAccess({
    'teams.yaml': 'apiVersion: northstar/v1\nkind: Teams\nteams:\n  - id: "@acme/platform"\n    name: Platform\n',
    '.github/CODEOWNERS': '*  @acme/platform\n',
    'services/orders/service-contract.yaml': contract('orders', 'dependsOn: [billing, ghost]\nconsumes: [ledger-api, no-such-api]\n'),
    'services/billing/service-contract.yaml': contract('billing', 'dependsOn: [orders]\n'),
    // Tier 1, and its team has no escalation path.
    'services/ledger/service-contract.yaml': contract('ledger', 'lifecycle: deprecated\ntier: 1\nprovides:\n  - { name: ledger-api, type: openapi }\n'),
    'services/reports/service-contract.yaml': contract('reports', 'dependsOn: [ledger, ordrs]\nconsumes: [ledger-api]\n'),
    'services/twin-a/service-contract.yaml': contract('twin'),
    'services/twin-b/service-contract.yaml': contract('twin'),
    'services/shop/catalog-info.yaml':
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: shop\nspec:\n  type: website\n  owner: platform\n  dependsOn: [component:ledger, component:nowhere]\n  consumesApis: [catalog-api]\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: catalog-api\nspec:\n  type: openapi\n',
    'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
    'packages/app/package.json': JSON.stringify({ name: 'app', dependencies: { lib: '1.0.0' } }),
    'packages/lib/package.json': JSON.stringify({ name: 'lib', dependencies: { app: '1.0.0' } }),
  });
}

const WITH_FIELDS = RULES.filter((r) => r.meta.moduleFields);

/** Run `rule` through a recording context: the module fields, model keys and context keys it reads. */
function recorded(rule: Rule): { read: { fields: Set<string>; model: Set<string>; context: Set<string> }; restore(): void } {
  const read = { fields: new Set<string>(), model: new Set<string>(), context: new Set<string>() };
  const original = rule.check;
  rule.check = (ctx: RuleContext) => {
    const proxies = new Map<Module, Module>();
    const proxy = (m: Module | undefined | null): Module | undefined | null => {
      if (!m) return m;
      let p = proxies.get(m);
      if (!p) {
        p = new Proxy(m, {
          get(target, key) {
            read.fields.add(String(key));
            return target[key as keyof Module];
          },
        });
        proxies.set(m, p);
      }
      return p;
    };
    const modules = ctx.model.modules.map((m) => proxy(m) as Module);
    const model = new Proxy(ctx.model, {
      get(target, key) {
        read.model.add(String(key));
        return key === 'modules' ? modules : target[key as keyof typeof target];
      },
    });
    const indexes: RuleContext['indexes'] = {
      fileSet: () => ctx.indexes.fileSet(),
      codeownersUsage: (c) => ctx.indexes.codeownersUsage(c),
      contractByFile: (f) => ctx.indexes.contractByFile(f),
      providedApis: () => new Map([...ctx.indexes.providedApis()].map(([name, m]) => [name, proxy(m) ?? null])),
      fileTree: () => ctx.indexes.fileTree(),
    };
    const wrapped: Partial<RuleContext> = {
      model,
      moduleByName: (name) => proxy(ctx.moduleByName(name)) ?? undefined,
      moduleOf: (path) => proxy(ctx.moduleOf(path)) ?? undefined,
      indexes,
    };
    original.call(
      rule,
      new Proxy(ctx, {
        get(target, key) {
          read.context.add(String(key));
          return key in wrapped ? wrapped[key as keyof RuleContext] : target[key as keyof RuleContext];
        },
      }),
    );
  };
  return { read, restore: () => (rule.check = original) };
}

describe('rules that name the module fields they read (RuleMeta.moduleFields)', () => {
  it('are the dependency and name rules of contracts/, and no-escalation', () => {
    assert.deepEqual(WITH_FIELDS.map((r) => r.meta.id).sort(), [
      'contracts/dependency-cycle',
      'contracts/deprecated-dependency',
      'contracts/duplicate-name',
      'contracts/unknown-dependency',
      'ownership/no-escalation',
    ]);
  });

  for (const rule of WITH_FIELDS) {
    it(`${rule.meta.id} reads no other module field, nothing of the model but its modules, nothing of its context outside reads`, async () => {
      const { read, restore } = recorded(rule);
      let findings: number;
      try {
        findings = (await analyzeWorkspace(workspace(), { today: TODAY })).model.findings.filter((f) => f.ruleId === rule.meta.id).length;
      } finally {
        restore();
      }
      assert.ok(findings > 0, 'the workspace gives the rule findings');
      const outside = (used: Set<string>, allowed: readonly string[]) => [...used].filter((k) => !allowed.includes(k));
      assert.deepEqual(outside(read.fields, rule.meta.moduleFields ?? []), []);
      assert.deepEqual(outside(read.model, ['modules']), []);
      assert.deepEqual(outside(read.context, ['model', 'moduleByName', 'moduleOf', 'indexes', 'report', ...(rule.meta.reads ?? [])]), []);
    });
  }

  it('are not run again after an edit that leaves their fields as they were, and are once one changes them', async () => {
    const runs = new Map<string, number>();
    const originals = WITH_FIELDS.map((rule) => {
      const original = rule.check;
      rule.check = (ctx) => {
        runs.set(rule.meta.id, (runs.get(rule.meta.id) ?? 0) + 1);
        original.call(rule, ctx);
      };
      return () => (rule.check = original);
    });
    try {
      const fs = workspace();
      const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
      await analyzer.analyze();
      const edit = async (text: string, file = 'services/billing/service-contract.yaml') => {
        fs.write(file, text);
        runs.clear();
        const updated = await analyzer.update([{ path: file, kind: 'changed' }]);
        const found = (a: typeof updated) => a.model.findings.filter((f) => f.ruleId.startsWith('contracts/') || f.ruleId === 'ownership/no-escalation');
        // Compared before the fresh analysis, which runs every rule.
        const ran = [...runs.keys()].sort();
        assert.deepEqual(found(updated), found(await analyzeWorkspace(fs, { today: TODAY })));
        return ran;
      };
      assert.deepEqual(await edit(contract('billing', 'dependsOn: [orders]\ndescription: Bills.\n')), []);
      // A CODEOWNERS line of a declared team that gives no module other owners: the same modules and teamOf.
      assert.deepEqual(await edit('*  @acme/platform\n/services/ @acme/platform\n', '.github/CODEOWNERS'), []);
      // A tier: only no-escalation reads it.
      assert.deepEqual(await edit(contract('billing', 'dependsOn: [orders]\ndescription: Bills.\ntier: 1\n')), ['ownership/no-escalation']);
      assert.deepEqual(await edit(contract('billing', 'dependsOn: [orders, reports]\ndescription: Bills.\ntier: 1\n')), ['contracts/dependency-cycle', 'contracts/deprecated-dependency', 'contracts/unknown-dependency']);
      assert.deepEqual(await edit(contract('twin', 'dependsOn: [orders, reports]\ndescription: Bills.\n')), WITH_FIELDS.map((r) => r.meta.id).sort());
    } finally {
      for (const restore of originals) restore();
    }
  });
});
