/**
 * The pull-request report (`check --format md`) keeps the repository's text as text: module and
 * team names, messages and escalation links cannot become markup or break out of a link.
 */
import assert from 'node:assert/strict';
import { pullRequestMarkdown } from '../../src/core/report/pullRequest';
import { makeFinding, makeModel, makeModule, makeTeam } from './helpers';

describe('pull-request report (check --format md)', () => {
  it('escapes names and messages, and only links http(s) URLs, encoded so they cannot end the link', () => {
    const team = { ...makeTeam('@acme/pay', 'Pay <b>team</b>'), escalation: [{ kind: 'chat', target: '#pay)', url: 'https://chat.example/a)(b<x>' }] };
    const other = { ...makeTeam('@acme/ops', 'Ops'), escalation: [{ kind: 'pager', target: 'ops', url: 'javascript:alert(1)' }] };
    const model = makeModel({
      modules: [makeModule({ name: 'pay*ments', owners: ['@acme/pay'] }), makeModule({ name: 'ops', owners: ['@acme/ops'] })],
      teams: [team, other],
    });
    const findings = [makeFinding({ ruleId: 'quality/missing-tests', file: 'services/pay*ments/service-contract.yaml', module: 'pay*ments', message: 'no tests <img src=x onerror=alert(1)>' })];
    const md = pullRequestMarkdown({ model, findings, changed: ['services/ops/main.go'], ownersOf: () => ({ owners: ['@acme/ops'], rule: null, rules: [], overridden: [] }), moduleOf: (p) => model.modules.find((m) => p.startsWith(m.path + '/')) });
    assert.ok(md.includes('### pay\\*ments'));
    assert.ok(md.includes('Pay &lt;b&gt;team&lt;/b&gt;'));
    assert.ok(md.includes('no tests &lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(md.includes('(https://chat.example/a%29%28b%3Cx%3E)'), md);
    assert.ok(!md.includes('javascript:'), 'a non-http URL is not linked');
    assert.match(md, /### ops\n\n- \*\*Review\*\*: `@acme\/ops` \(1 changed file\)/);
  });
});
