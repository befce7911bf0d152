import * as assert from 'node:assert/strict';
import { frontMatter, isLearningFile, parseLearning } from '../../../src/core/sources/learning';
import { roleOf } from '../../../src/core/workspace/roles';
import { problemLines, span } from './helpers';

const FILE = 'docs/postmortems/2026-08-14-checkout.md';

const NOTE = `---
kind: postmortem
date: 2026-08-14
title: Checkout timeouts during the summer sale
severity: sev2
modules: [payments-api, "component:default/fraud-scoring"]
priorities:
  - reliability
actions:
  - title: Circuit breaker around fraud scoring
    owner: "@acme/payments"
    due: 2026-09-30
    done: true
  - title: Load-test checkout before each sale
    due: 2026-12-01
---

# Checkout timeouts

kind: this line is Markdown, not front matter
`;

describe('learning notes (docs/postmortems/)', () => {
  it('reads the front matter with every position on the Markdown file\'s own lines', () => {
    const { value, problems } = parseLearning(NOTE, FILE);
    assert.deepEqual(problems, []);
    assert.ok(value);
    assert.equal(value.kind, 'postmortem');
    assert.equal(value.date, '2026-08-14');
    assert.equal(value.title, 'Checkout timeouts during the summer sale');
    assert.equal(value.severity, 'sev2');
    assert.equal(span(value.location), '4:8-4:48');
    assert.deepEqual(value.modules.map((m) => [m.name, span(m.location!)]), [['payments-api', '6:11-6:23'], ['component:default/fraud-scoring', '6:25-6:58']]);
    assert.deepEqual(value.priorities.map((p) => [p.name, span(p.location!)]), [['reliability', '8:5-8:16']]);
    assert.deepEqual(
      value.actions.map((a) => [a.title, a.owner, a.due, a.done, span(a.location), a.dueLocation ? span(a.dueLocation) : null]),
      [
        ['Circuit breaker around fraud scoring', '@acme/payments', '2026-09-30', true, '10:12-10:48', '12:10-12:20'],
        ['Load-test checkout before each sale', null, '2026-12-01', false, '14:12-14:47', '15:10-15:20'],
      ],
    );
    // Overdue is decided against the analysis' today when the model is built, not here.
    assert.ok(value.actions.every((a) => !a.overdue));
  });

  it('takes the front matter between the first two --- lines only (CRLF, a BOM and "..." too)', () => {
    assert.deepEqual(frontMatter('---\nkind: demo\n---\n---\nnot: yaml\n'), { yaml: '\nkind: demo\n' });
    assert.deepEqual(frontMatter('\uFEFF---\r\nkind: demo\r\n...\r\n'), { yaml: '\nkind: demo\r\n' });
    assert.deepEqual(frontMatter('# A note\n---\nkind: demo\n---\n'), { missing: true });
    assert.deepEqual(frontMatter('---\nkind: demo\n'), { unclosed: true });
  });

  it('a Markdown file without front matter in a learning folder: a workspace/skipped note at line 1, not silence', () => {
    const { value, problems } = parseLearning('# Incident on 3 May\n\nWe lost the queue.\n', FILE);
    assert.equal(value, null);
    assert.deepEqual(problemLines(problems).map((l) => l.slice(0, l.indexOf(' ', l.indexOf(' ') + 1))), ['workspace/skipped 1:1-1:20']);
    assert.match(problems[0].message, /has no YAML front matter/);
  });

  it('reports broken YAML and schema errors at the file\'s positions, never throws', () => {
    const broken = parseLearning('---\nkind: postmortem\ntitle: [unclosed\n---\n', FILE);
    assert.equal(broken.problems[0].ruleId, 'contracts/yaml');
    // The unclosed list runs to the end of the front matter: the closing --- line.
    assert.equal(broken.problems[0].location.line, 4);

    const { value, problems } = parseLearning('---\nkind: postmortem\ndate: last tuesday\ntitle: Outage\nmodule: [orders]\nactions:\n  - title: Fix it\n    done: "yes"\n---\n', FILE);
    assert.deepEqual(problemLines(problems), [
      'contracts/schema 3:7-3:19 date must be a valid date written YYYY-MM-DD',
      'contracts/schema 5:1-5:7 unknown property "module" (did you mean "modules"?)',
      'contracts/schema 8:11-8:16 actions[0].done must be true or false',
    ]);
    assert.equal(value?.date, null);
    assert.equal(value?.actions[0].done, false);

    const unknownKind = parseLearning('---\nkind: retro\ndate: 2026-01-01\ntitle: Retro\n---\n', FILE);
    assert.equal(unknownKind.value, null);
    assert.equal(unknownKind.problems[0].ruleId, 'contracts/schema');
    assert.equal(unknownKind.problems[0].location.line, 2);

    for (const text of ['', '---', '---\n---\n', '---\n: : :\n---\n', '---\n&a [*a]\n---\n']) assert.doesNotThrow(() => parseLearning(text, FILE));
  });

  it('finds notes in the learning folders at any depth, but not their README or templates', () => {
    assert.equal(roleOf('docs/postmortems/2026/q3/outage.md'), 'learning');
    assert.equal(roleOf('docs/postmortems/outage.markdown'), 'learning');
    assert.equal(roleOf('docs/postmortems/README.md'), null);
    assert.equal(roleOf('docs/postmortems/_template.md'), null);
    assert.equal(roleOf('docs/postmortems-old/outage.md'), null);
    assert.equal(roleOf('docs/reviews/arch.md'), null);
    assert.equal(roleOf('docs/reviews/arch.md', ['docs/reviews']), 'learning');
    assert.equal(isLearningFile('docs/postmortems/outage.md', ['docs/reviews']), false);
  });
});
