/**
 * Colour in `check`'s text output, as ESLint users expect: on a terminal, never in a file or a
 * pipe, `NO_COLOR` turns it off and `FORCE_COLOR` on; the coloured text is the plain text plus
 * ANSI styles, columns still aligned.
 */
import assert from 'node:assert/strict';
import { useColor, type CliIO } from '../../src/cli/main';
import { formatText } from '../../src/core/report/text';
import { makeFinding } from './helpers';

const io = (env: Record<string, string>, isTTY: boolean): CliIO => ({ stdout: () => undefined, stderr: () => undefined, env, isTTY });
// eslint-disable-next-line no-control-regex
const stripAnsi = (text: string) => text.replace(/\u001b\[\d+m/g, '');

describe('colour in text output', () => {
  it('on a terminal only; NO_COLOR off, FORCE_COLOR on, a file never', () => {
    assert.equal(useColor(io({}, true), false), true);
    assert.equal(useColor(io({}, false), false), false, 'a pipe');
    assert.equal(useColor(io({}, true), true), false, '-o FILE');
    assert.equal(useColor(io({ NO_COLOR: '1' }, true), false), false);
    assert.equal(useColor(io({ NO_COLOR: '' }, true), false), true, 'an empty NO_COLOR is unset (no-color.org)');
    assert.equal(useColor(io({ FORCE_COLOR: '1' }, false), false), true);
    assert.equal(useColor(io({ FORCE_COLOR: '0' }, true), false), false);
    assert.equal(useColor(io({ FORCE_COLOR: '1', NO_COLOR: '1' }, false), false), true, 'FORCE_COLOR wins, as in Node');
  });

  it('styles severities, positions, rules and the total; without the styles it is the plain text', () => {
    const findings = [
      makeFinding({ ruleId: 'contracts/schema', file: 'a/service-contract.yaml', severity: 'error', line: 12, column: 3 }),
      makeFinding({ ruleId: 'quality/missing-tests', file: 'a/service-contract.yaml', severity: 'warning' }),
    ];
    const plain = formatText(findings);
    const coloured = formatText(findings, undefined, true);
    assert.notEqual(coloured, plain);
    assert.ok(coloured.includes('\u001b[31merror\u001b[39m  '), 'error in red');
    assert.ok(coloured.includes('\u001b[33mwarning\u001b[39m'), 'warning in yellow');
    assert.equal(stripAnsi(coloured), plain);
  });
});
