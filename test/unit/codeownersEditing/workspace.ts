/**
 * A small repository for the CODEOWNERS editing tests: a teams.yaml team, Backstage groups and a
 * user (one group with its GitHub handle, one without), and a few services, analysed in memory.
 */
import { analyzeWorkspace } from '../../../src/core/analyze';
import type { Analysis } from '../../../src/core/api';
import { InMemoryFileAccess } from '../../../src/core/fs';
import type { Team } from '../../../src/core/model/types';

export const TEAMS_YAML = `apiVersion: northstar/v1
kind: Teams
teams:
  - id: "@shop/payments"
    name: Payments
    aliases: ["group:default/payments", "payments@shop.example"]
    escalation:
      - { kind: chat, target: "#payments-oncall", url: "https://chat.shop.example/payments-oncall" }
`;

export const CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: checkout
  title: Checkout Squad
  annotations:
    github.com/team-slug: shop/checkout
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: data-platform
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: jdoe
  annotations:
    github.com/user-login: jdoe
spec:
  memberOf: [checkout]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: cart
spec:
  type: service
  lifecycle: production
  owner: checkout
`;

export const GITHUB_CODEOWNERS = `# Shop
*                    @shop/platform
/services/payments/  @shop/payments
/services/cart/      @shop/checkout @jdoe
/docs/My\\ Guide.md   @shop/platform
`;

export const SHOP_FILES: Record<string, string> = {
  '.github/CODEOWNERS': GITHUB_CODEOWNERS,
  'teams.yaml': TEAMS_YAML,
  'catalog-info.yaml': CATALOG,
  'README.md': '# Shop\n',
  'docs/My Guide.md': '# Guide\n',
  'docs/architecture.md': '# Architecture\n',
  'services/payments/package.json': '{ "name": "payments" }\n',
  'services/payments/src/index.ts': 'export const pay = 1;\n',
  'services/payments/test/pay.test.ts': 'test;\n',
  'services/cart/package.json': '{ "name": "cart" }\n',
  'services/cart/src/cart.ts': 'export const cart = 1;\n',
};

/** The shop analysed, with files replaced or added. */
export function shopAnalysis(extra: Record<string, string> = {}): Promise<Analysis> {
  return analyzeWorkspace(new InMemoryFileAccess({ ...SHOP_FILES, ...extra }));
}

/** An analysis of nothing but a file list (path completion over very many files). */
export function filesOnly(files: readonly string[], teams: readonly Team[] = []): Analysis {
  const stub: Pick<Analysis, 'model' | 'files' | 'teamOf'> = {
    model: { root: '', modules: [], teams, priorities: [], vision: null, codeowners: null, priorityTags: [], learning: [], findings: [] },
    files,
    teamOf: () => undefined,
  };
  return stub as Analysis;
}

/** The 1-based line and column just after `needle` (its `nth` occurrence) in `text`. */
export function after(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${nth}) not found`);
  }
  const before = text.slice(0, at + needle.length);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}
