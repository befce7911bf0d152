// UI end-to-end (code-server + headless Chromium), issue 15:
// 1. the scorecard explained in the Northstar view: a module row says its level and what the next
//    level needs, its tooltip the same with what is met (examples/acme, the `coupons` module);
// 2. a quick fix from the light bulb (Ctrl+.) on a temporary copy of test/fixtures/vscode-fixes:
//    the dead CODEOWNERS line is repaired to the folder it meant, and its finding goes away.
// Screenshots in test-results/.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 180000 test/e2e/scorecard-fixes.test.mjs
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'mocha';
import { ROOT } from '../../scripts/vscode/install.mjs';
import { runFromPalette } from '../../scripts/vscode/palette.mjs';
import { exampleWorkspace } from '../../scripts/vscode/run.mjs';
import { quickOpen, SHOTS, useWorkbench } from '../../scripts/vscode/workbench.mjs';
const plain = (text) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

describe('the scorecard explained in the Northstar view (e2e)', function () {
  this.timeout(180_000);
  const w = useWorkbench('scorecard', { workspace: exampleWorkspace });

  it('a module row says its level and what the next level needs; its tooltip adds what is met', async () => {
    const { page } = w;
    await runFromPalette(page, 'Northstar: Focus on Overview View');
    const view = page.locator('.pane-body', { has: page.locator('.monaco-list-row', { hasText: 'Owners' }) }).first();
    const row = (text) => view.locator('.monaco-list-row', { hasText: text }).first();
    const team = row('Orders & Fulfilment');
    await team.waitFor({ timeout: 90_000 });
    // The team row counts its modules and findings.
    assert.match(plain(await team.innerText()), /Orders & Fulfilment\s?@acme\/orders · \d+ modules · \d+ findings?/);
    await team.locator('.monaco-tl-twistie').click();
    const coupons = row(/^coupons/);
    await coupons.waitFor({ timeout: 30_000 });
    assert.match(plain(await coupons.innerText()), /coupons\s?Bronze · Silver needs: escalation path \(team Orders & Fulfilment has none\)/);
    // Screen readers hear the team and the level.
    assert.match(await coupons.getAttribute('aria-label'), /^coupons, team Orders & Fulfilment, scorecard Bronze, Silver needs: escalation path/);
    // The tooltip (a Markdown hover) explains it too.
    await coupons.hover();
    const tooltip = page.locator('.monaco-hover-content', { hasText: 'Silver needs' }).first();
    await tooltip.waitFor({ timeout: 30_000 });
    assert.match(plain(await tooltip.innerText()), /Met: owner, tests, observability/);
    await page.screenshot({ path: join(SHOTS, 'e2e-tree-scorecard.png') });
  });
});

describe('a quick fix from the light bulb (e2e)', function () {
  this.timeout(180_000);
  let dir;
  const workspace = () => {
    dir ??= mkdtempSync(join(tmpdir(), 'northstar-fixes-ui-'));
    const copy = join(dir, 'vscode-fixes');
    cpSync(join(ROOT, 'test', 'fixtures', 'vscode-fixes'), copy, { recursive: true });
    return copy;
  };
  const w = useWorkbench('quickfix', { workspace });
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('repairs a dead CODEOWNERS line to the folder it meant; the finding goes away', async () => {
    const { page } = w;
    await quickOpen(page, '.github/CODEOWNERS');
    const dead = page.locator('.editor-instance .view-line', { hasText: /^\/libs\/http-clinet\/\s+@acme\/platform$/ }).first();
    await dead.waitFor({ timeout: 30_000 });
    // Wait for the finding (the squiggle's marker in the Problems count), then ask for fixes on the line.
    const end = Date.now() + 90_000;
    const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'Change "/libs/http-clinet/" to "/libs/http-client/"' }).first();
    for (;;) {
      await dead.click({ position: { x: 10, y: 5 } });
      await page.keyboard.press('Control+.');
      if (await fix.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      await page.keyboard.press('Escape');
      assert.ok(Date.now() < end, 'no quick fix offered on the dead line');
    }
    // The menu also offers to remove the line.
    await page.locator('.action-widget', { hasText: 'Remove line 5' }).first().waitFor({ timeout: 5_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-quickfix-codeowners.png') });
    // The menu's pointer block catches clicks: choose with the keyboard, as users do.
    const focused = page.locator('.action-widget .monaco-list-row.focused').first();
    for (let i = 0; i < 6 && !/Change "\/libs\/http-clinet\/"/.test((await focused.getAttribute('aria-label')) ?? ''); i++) await page.keyboard.press('ArrowDown');
    assert.match((await focused.getAttribute('aria-label')) ?? '', /^Change "\/libs\/http-clinet\/" to "\/libs\/http-client\/"$/);
    await page.keyboard.press('Enter');
    await page.locator('.editor-instance .view-line', { hasText: /^\/libs\/http-client\/\s+@acme\/platform$/ }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.dirty', { hasText: 'CODEOWNERS' }).waitFor({ state: 'detached', timeout: 30_000 });
    assert.match(readFileSync(join(dir, 'vscode-fixes', '.github', 'CODEOWNERS'), 'utf8'), /^\/libs\/http-client\/ {3}@acme\/platform$/m);
    // The Problems panel no longer lists the dead line.
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel .monaco-list-row');
    await problems.first().waitFor({ timeout: 30_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'matches no file' }).waitFor({ state: 'detached', timeout: 60_000 });
  });
});
