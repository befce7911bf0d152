/**
 * Escalation from Backstage's on-call annotations (DESIGN 1.3): a Group's give its team a path
 * when teams.yaml gives none; a Component's are that module's own, before its team's. One
 * place decides (model/teams.ts escalationOf); the scorecard and the hover ask it.
 */
import * as assert from 'node:assert/strict';
import { importHover } from '../../../src/core/hover';
import { escalationOf, teamOfModule } from '../../../src/core/model/teams';
import { onCallSteps } from '../../../src/core/observability';
import { analyze, text } from '../rules/tester';

describe('on-call annotations', () => {
  it('each known on-call annotation is one step; a key is never shown; other annotations are not steps', () => {
    assert.deepEqual(
      onCallSteps({
        'pagerduty.com/service-id': 'PX7Q2M1',
        'pagerduty.com/integration-key': 'e93facc04764012d7bfb002500d5d1a6',
        'opsgenie.com/team': 'growth',
        'opsgenie.com/component-selector': 'tag:coupons',
        'splunk.com/on-call-team': 'growth-eng',
        'splunk.com/on-call-routing-key': 'growth-routing',
        'grafana/dashboard-selector': "tags @> 'growth'",
        'pagerduty.com/account': 'acme',
      }),
      [
        { kind: 'pager', target: 'PagerDuty service PX7Q2M1' },
        { kind: 'pager', target: 'PagerDuty (integration in the catalog entry)' },
        { kind: 'pager', target: 'Opsgenie team growth' },
        { kind: 'pager', target: 'Opsgenie components tag:coupons' },
        { kind: 'pager', target: 'Splunk On-Call team growth-eng' },
        { kind: 'pager', target: 'Splunk On-Call routing key growth-routing' },
      ],
    );
    assert.deepEqual(onCallSteps({ 'pagerduty.com/service-id': '  ' }), []);
  });

  const catalog = {
    'catalog-info.yaml': text`
      apiVersion: backstage.io/v1alpha1
      kind: Group
      metadata:
        name: growth
        annotations:
          github.com/team-slug: acme/growth
          splunk.com/on-call-team: growth-eng
      spec:
        type: team
        children: []
      ---
      apiVersion: backstage.io/v1alpha1
      kind: Group
      metadata:
        name: orders
      spec:
        type: team
        children: []
    `,
    'services/coupons/catalog-info.yaml': text`
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: coupons
        annotations:
          opsgenie.com/component-selector: "tag:coupons"
      spec:
        type: service
        lifecycle: production
        owner: orders
    `,
    'services/coupons/package.json': '{\n  "name": "coupons",\n  "dependencies": { "prom-client": "^15.0.0" }\n}\n',
    'services/coupons/src/redeem.test.ts': 'test("redeems", () => {});\n',
    'services/promotions/catalog-info.yaml': text`
      apiVersion: backstage.io/v1alpha1
      kind: Component
      metadata:
        name: promotions
      spec:
        type: service
        lifecycle: production
        owner: growth
    `,
    'services/promotions/package.json': '{\n  "name": "promotions",\n  "dependencies": { "prom-client": "^15.0.0" }\n}\n',
    'services/promotions/src/rules.test.ts': 'test("applies", () => {});\n',
  };

  it("a Group's on-call annotation is its team's path; a Component's own counts for that module", async () => {
    const analysis = await analyze(catalog);
    const growth = analysis.teamOf('group:default/growth');
    assert.deepEqual(growth?.escalation, [{ kind: 'pager', target: 'Splunk On-Call team growth-eng' }]);

    const coupons = analysis.moduleByName('coupons');
    const promotions = analysis.moduleByName('promotions');
    assert.ok(coupons && promotions);
    // Team Orders has no path; the Component's own on-call is the module's.
    const couponsPath = escalationOf(coupons, teamOfModule(analysis.model, coupons));
    assert.deepEqual(couponsPath, { steps: [{ kind: 'pager', target: 'Opsgenie components tag:coupons' }], own: 1, team: teamOfModule(analysis.model, coupons) });
    assert.equal(coupons.level, 'silver');
    assert.equal(promotions.level, 'silver');
    assert.ok(!analysis.model.findings.some((f) => f.ruleId === 'ownership/no-escalation' && f.module === 'promotions'));

    const hover = importHover(analysis, coupons);
    assert.ok(hover.endsWith('Escalate to orders (from its catalog entry):\n1. pager: `Opsgenie components tag:coupons`'), hover);
  });
});
