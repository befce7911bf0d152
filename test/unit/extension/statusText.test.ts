import * as assert from 'node:assert/strict';
import { STATUS_PART_LIMIT, statusBarText, truncate } from '../../../src/core/statusText';

describe('status bar text', () => {
  it('one owner and the module, the module behind a package icon', () => {
    assert.equal(statusBarText(['@acme/payments'], 'payments-api'), '$(organization) @acme/payments · $(package) payments-api');
  });

  it('the first owner, then +N for the others', () => {
    assert.equal(statusBarText(['@shopco/web', '@dana'], 'storefront-web'), '$(organization) @shopco/web +1 · $(package) storefront-web');
    assert.equal(statusBarText(['@a', '@b', '@c', 'x@example.com'], 'm'), '$(organization) @a +3 · $(package) m');
  });

  it('a scoped package name keeps its scope, after the package icon, never beside the owner', () => {
    const text = statusBarText(['@acme/web'], '@acme/http-client');
    assert.equal(text, '$(organization) @acme/web · $(package) @acme/http-client');
    assert.equal(text.split(' · ')[0], '$(organization) @acme/web');
  });

  it('long handles and long module names are cut with an ellipsis; the whole text stays short', () => {
    const handle = '@a-very-large-organisation/platform-reliability-engineering';
    const module = '@a-very-large-organisation/observability-client-sdk';
    const text = statusBarText([handle, '@someone-else-entirely'], module);
    assert.equal(text, `$(organization) ${handle.slice(0, STATUS_PART_LIMIT - 1)}… +1 · $(package) ${module.slice(0, STATUS_PART_LIMIT - 1)}…`);
    const shown = text.replace(/\$\([a-z-]+\)/g, '');
    assert.ok(shown.length <= 2 * STATUS_PART_LIMIT + 12, `${shown.length}: ${shown}`);
  });

  it('a part of exactly the limit is not cut', () => {
    const name = 'x'.repeat(STATUS_PART_LIMIT);
    assert.equal(statusBarText([name], undefined), `$(organization) ${name}`);
    assert.equal(truncate(`${name}y`), `${'x'.repeat(STATUS_PART_LIMIT - 1)}…`);
  });

  it('never cuts a character in half', () => {
    const name = `${'a'.repeat(STATUS_PART_LIMIT - 2)}😀😀😀`;
    const cut = truncate(name);
    assert.equal(cut, `${'a'.repeat(STATUS_PART_LIMIT - 2)}😀…`);
  });

  it('no owner, and no module', () => {
    assert.equal(statusBarText([], 'scripts'), '$(organization) no CODEOWNERS owner · $(package) scripts');
    assert.equal(statusBarText(['@scale/platform'], undefined), '$(organization) @scale/platform');
    assert.equal(statusBarText([], undefined), '$(organization) no CODEOWNERS owner');
  });

  it('an icon written in a name shows as its characters', () => {
    assert.equal(statusBarText(['@x'], '$(alert)pwn'), '$(organization) @x · $(package) \\$(alert)pwn');
  });
});
