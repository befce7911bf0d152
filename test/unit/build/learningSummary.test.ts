import * as assert from 'node:assert/strict';
import { buildSummary, summaryMarkdown } from '../../../src/core/report/summary';
import { analyze, text } from '../rules/tester';

const contract = (name: string, owner: string) => text`
  apiVersion: northstar/v1
  kind: ServiceContract
  name: ${name}
  owner: "${owner}"
  type: service
`;

const TEAMS = text`
  apiVersion: northstar/v1
  kind: Teams
  teams:
    - id: "@acme/payments"
      name: Payments
    - id: "@acme/platform"
      name: Platform
`;

describe('summary: Learning', () => {
  it('counts notes per quarter, open and overdue actions by team (the owner, else the first module\'s team) and repeated postmortems', async () => {
    const analysis = await analyze({
      'teams.yaml': TEAMS,
      'services/payments/service-contract.yaml': contract('payments-api', '@acme/payments'),
      'services/ledger/service-contract.yaml': contract('ledger', '@acme/payments'),
      'docs/postmortems/a.md': '---\nkind: postmortem\ndate: 2026-08-14\ntitle: Timeouts\nmodules: [payments-api]\nactions:\n  - title: Alert\n    due: 2026-10-15\n  - title: Load test\n    owner: "@acme/platform"\n    due: 2026-12-01\n---\n',
      'docs/postmortems/b.md': '---\nkind: postmortem\ndate: 2026-10-03\ntitle: Declines\nmodules: [payments-api, ledger]\nactions:\n  - title: Runbook\n    owner: "@acme/payments"\n    due: 2026-10-10\n    done: true\n---\n',
      'docs/postmortems/c.md': '---\nkind: demo\ndate: not yet\ntitle: Refunds\n---\n',
    });
    const learning = buildSummary(analysis.model).learning;
    assert.ok(learning);
    assert.deepEqual(learning.quarters, [
      { quarter: '2026-Q4', postmortems: 1, demos: 0, reviews: 0 },
      { quarter: '2026-Q3', postmortems: 1, demos: 0, reviews: 0 },
    ]);
    assert.deepEqual(learning.actions, [
      { team: '@acme/payments', name: 'Payments', open: 1, overdue: 1 },
      { team: '@acme/platform', name: 'Platform', open: 1, overdue: 0 },
    ]);
    assert.deepEqual(learning.repeated, [{ module: 'payments-api', postmortems: 2, last: '2026-10-03' }]);
    assert.deepEqual(learning.notes.map((n) => [n.date, n.title, n.modules, n.open, n.overdue]), [
      ['2026-10-03', 'Declines', ['payments-api', 'ledger'], 0, 0],
      ['2026-08-14', 'Timeouts', ['payments-api'], 2, 1],
      [null, 'Refunds', [], 0, 0],
    ]);
    const md = summaryMarkdown(buildSummary(analysis.model));
    assert.ok(md.includes('## Learning\n\n| Quarter | Postmortems | Demos | Reviews |\n| --- | --- | --- | --- |\n| 2026-Q4 | 1 | 0 | 0 |'));
    assert.ok(md.includes('| Payments | 1 | **1** |'));
    assert.ok(md.includes('- payments-api: 2 postmortems, the last on 2026-10-03'));
  });

  it('has no Learning section without notes, and escapes what notes say', async () => {
    const none = await analyze({ 'services/payments/service-contract.yaml': contract('payments-api', '@acme/payments') });
    assert.equal(buildSummary(none.model).learning, null);
    assert.ok(!summaryMarkdown(buildSummary(none.model)).includes('## Learning'));

    const hostile = await analyze({ 'docs/postmortems/x.md': '---\nkind: review\ndate: 2026-01-02\ntitle: "a | b <img src=x> [link](http://e.x)"\n---\n' });
    const md = summaryMarkdown(buildSummary(hostile.model));
    assert.ok(md.includes('| 2026-01-02 | Review | a \\| b &lt;img src=x&gt; \\[link\\](http\\://e.x) | – | – |'), md);
  });
});
