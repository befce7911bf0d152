import * as assert from 'node:assert/strict';
import { findDisableComments, findPriorityTags } from '../../../src/core/sources/tags';
import { span, spanOf } from './helpers';

function tags(text: string, file = 'src/checkout.ts'): string[] {
  return findPriorityTags(text, file).map((t) => `${t.priority} ${span(t.range)}`);
}

describe('findPriorityTags', () => {
  it('finds one or several ids with the exact range of each', () => {
    const text = `import { charge } from './charge';

// northstar:priority reliability
export function retryCharge() {}

/**
 * Scores fraud in real time.
 * northstar:priority reliability, checkout-conversion,trust
 */
export function score() {}
`;
    assert.deepEqual(tags(text), [
      `reliability ${spanOf(text, 'reliability')}`,
      `reliability ${spanOf(text, 'reliability', 1)}`,
      `checkout-conversion ${spanOf(text, 'checkout-conversion')}`,
      `trust ${spanOf(text, 'trust')}`,
    ]);
    const [first] = findPriorityTags(text, 'src/checkout.ts');
    assert.deepEqual(first, { file: 'src/checkout.ts', priority: 'reliability', range: { line: 3, column: 23, endLine: 3, endColumn: 34 } });
  });

  it('reads comments of many languages', () => {
    const cases: [string, string][] = [
      ['main.go', 'func main() {} // northstar:priority reliability'],
      ['app.py', 'def main():  # northstar:priority reliability'],
      ['query.sql', 'SELECT 1; -- northstar:priority reliability'],
      ['page.html', '<!-- northstar:priority reliability -->'],
      ['style.css', '/* northstar:priority reliability */'],
      ['Main.hs', '{- northstar:priority reliability -}'],
      ['init.el', ';; northstar:priority reliability'],
      ['report.tex', '% northstar:priority reliability'],
      ['Module.vb', "' northstar:priority reliability"],
      ['run.bat', 'REM northstar:priority reliability'],
      ['lib.ml', '(* northstar:priority reliability *)'],
      ['docstring.py', '    northstar:priority reliability'],
    ];
    for (const [file, line] of cases) {
      const found = findPriorityTags(line, file);
      assert.deepEqual(found.map((t) => t.priority), ['reliability'], file);
      assert.equal(span(found[0].range), spanOf(line, 'reliability'), file);
    }
  });

  it('handles CRLF, UTF-16 columns and ids ending a sentence', () => {
    const text = 'const café = "☕"; // northstar:priority reliability.\r\n# 😀 northstar:priority trust-->\r\n';
    assert.deepEqual(tags(text), [`reliability ${spanOf(text, 'reliability')}`, `trust ${spanOf(text, 'trust')}`]);
    assert.equal(findPriorityTags(text, 'f')[1].range.column, 25, '😀 counts as two columns');
  });

  it('ignores the tag outside comments and look-alikes', () => {
    const text = [
      'const tag = "northstar:priority reliability";',
      "log('northstar:priority trust')",
      '// northstar:priorityreliability',
      '// northstar:priority',
      '// mynorthstar:priority reliability',
      '// northstar:priority-list reliability',
    ].join('\n');
    assert.deepEqual(tags(text), []);
  });

  it('accepts a comment after a string that contains a comment marker', () => {
    const text = 'const url = "http://x#y"; // northstar:priority reliability';
    assert.deepEqual(tags(text), [`reliability ${spanOf(text, 'reliability')}`]);
  });

  it('is fast on a large file without tags', () => {
    const text = 'const x = 1; // plain comment\n'.repeat(200_000);
    const started = Date.now();
    assert.deepEqual(findPriorityTags(text, 'big.ts'), []);
    assert.ok(Date.now() - started < 1000);
  });
});

describe('findDisableComments', () => {
  it('silences the next line for the listed rules', () => {
    const text = `apiVersion: northstar/v1
kind: ServiceContract
name: payments-api
# northstar-disable-next-line contracts/unknown-dependency, contracts/deprecated-dependency
dependsOn: [legacy-ledger]
  # northstar-disable-next-line ownership/unknown-owner -- the team is being created
owner: "@acme/new-team"
`;
    assert.deepEqual(findDisableComments(text, 'svc/service-contract.yaml'), [
      { file: 'svc/service-contract.yaml', line: 5, rules: ['contracts/unknown-dependency', 'contracts/deprecated-dependency'] },
      { file: 'svc/service-contract.yaml', line: 7, rules: ['ownership/unknown-owner'] },
    ]);
  });

  it('silences every rule when none is listed, and works after a value and in CODEOWNERS', () => {
    const yaml = 'tier: 1 # northstar-disable-next-line\nlifecycle: deprecated\n';
    assert.deepEqual(findDisableComments(yaml, 'a.yaml'), [{ file: 'a.yaml', line: 2, rules: [] }]);
    const codeowners = '# northstar-disable-next-line codeowners/no-match\r\n/old-docs/ @acme/docs\r\n';
    assert.deepEqual(findDisableComments(codeowners, '.github/CODEOWNERS'), [{ file: '.github/CODEOWNERS', line: 2, rules: ['codeowners/no-match'] }]);
  });

  it('ignores the words outside a comment', () => {
    const text = 'description: "see northstar-disable-next-line docs"\nname: x#northstar-disable-next-line\n';
    assert.deepEqual(findDisableComments(text, 'a.yaml'), []);
  });
});
