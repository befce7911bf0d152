import * as assert from 'node:assert/strict';
import { ruleById } from '../../../../src/core/rules';
import { analyze, text } from '../tester';

const workspace = {
  '.northstar.yaml': 'rules:\n  observability/missing: error\n',
  'services/payments/service-contract.yaml': text`
    apiVersion: northstar/v1
    kind: ServiceContract
    name: payments-api
    type: service
  `,
};

describe('internal/rule-error', () => {
  it('is metadata only: its check reports nothing', () => {
    const rule = ruleById('internal/rule-error');
    assert.ok(rule);
    let reported = 0;
    rule.check({ report: () => reported++ } as never);
    assert.equal(reported, 0);
  });

  it('a rule that throws becomes one finding, and the other rules still run', async () => {
    const rule = ruleById('quality/missing-tests');
    assert.ok(rule);
    const original = { check: rule.check, checkModule: rule.checkModule };
    // A per-module rule: the engine runs checkModule module by module (check, outside the engine).
    assert.ok(rule.checkModule);
    const boom = () => {
      throw new Error('boom');
    };
    rule.check = boom;
    rule.checkModule = boom;
    try {
      const findings = (await analyze(workspace)).model.findings;
      const errors = findings.filter((f) => f.ruleId === 'internal/rule-error');
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /quality\/missing-tests.*boom/);
      assert.equal(findings.filter((f) => f.ruleId === 'quality/missing-tests').length, 0);
      assert.ok(findings.some((f) => f.ruleId === 'ownership/missing-owner'), 'the rules after it ran');
      assert.ok(findings.some((f) => f.ruleId === 'observability/missing' && f.severity === 'error'));
    } finally {
      rule.check = original.check;
      rule.checkModule = original.checkModule;
    }
    const again = (await analyze(workspace)).model.findings;
    assert.equal(again.filter((f) => f.ruleId === 'internal/rule-error').length, 0);
    assert.equal(again.filter((f) => f.ruleId === 'quality/missing-tests').length, 1);
  });
});
