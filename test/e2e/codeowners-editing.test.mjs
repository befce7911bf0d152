// UI end-to-end: editing CODEOWNERS as a user does in the real workbench (code-server + headless
// Chromium): type a path and accept Northstar's completion, complete an owner from the teams the
// file already uses, then "Format Document" aligns the new line's owners with the file's column.
// The edit is reverted at the end (nothing is saved). Screenshots in test-results/.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 180000 test/e2e/codeowners-editing.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import { runFromPalette } from '../../scripts/vscode/palette.mjs';
import { exampleWorkspace } from '../../scripts/vscode/run.mjs';
import { quickOpen, SHOTS, useWorkbench } from '../../scripts/vscode/workbench.mjs';

/** Monaco renders spaces as U+00A0. */
const plain = (text) => text.replace(/\u00a0/g, ' ');

describe('editing CODEOWNERS (e2e)', function () {
  this.timeout(180_000);
  const w = useWorkbench('codeowners', { workspace: exampleWorkspace });
  let page;
  before(() => (page = w.page));

  const line = (pattern) => page.locator('.editor-instance .view-line', { hasText: pattern }).first();
  const suggestion = (label) => page.locator('.suggest-widget .monaco-list-row', { hasText: label }).first();

  /** Asks for suggestions until `label` is listed (the first analysis may still run). */
  async function suggestUntil(label) {
    const end = Date.now() + 90_000;
    for (;;) {
      await page.keyboard.press('Control+Space');
      try {
        await suggestion(label).waitFor({ timeout: 5_000 });
        return suggestion(label);
      } catch (error) {
        await page.keyboard.press('Escape');
        if (Date.now() > end) throw error;
      }
    }
  }

  it('opens .github/CODEOWNERS and starts a new line at its end', async () => {
    await quickOpen(page, '.github/CODEOWNERS');
    await line(/^\/apps\/\s+@acme\/web$/).waitFor({ timeout: 30_000 });
    await line(/^\/apps\/\s+@acme\/web$/).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
  });

  it('completes a path segment by segment from the workspace\'s folders', async () => {
    await page.keyboard.type('/services/pay', { delay: 20 });
    await line(/^\/services\/pay$/).waitFor({ timeout: 10_000 });
    const item = await suggestUntil('payments-api/');
    await page.screenshot({ path: join(SHOTS, 'e2e-codeowners-complete-path.png') });
    await item.waitFor();
    await page.keyboard.press('Enter');
    await line(/^\/services\/payments-api\/$/).waitFor({ timeout: 10_000 });
    // Then what the folder holds (a folder's item re-opens the suggestions; asked again if the
    // widget lost that race).
    await suggestUntil('migrations/');
    await page.keyboard.press('Escape');
  });

  it('completes an owner: the teams the file uses, with each team\'s name', async () => {
    await page.keyboard.type(' @', { delay: 20 });
    await suggestUntil('@acme/platform');
    // The widget's first row is the handle the file uses most.
    assert.match(plain(await page.locator('.suggest-widget .monaco-list-row').first().innerText()), /@acme\/platform/);
    await page.screenshot({ path: join(SHOTS, 'e2e-codeowners-complete-owner.png') });
    await page.keyboard.type('acme/pay', { delay: 20 });
    await suggestion('@acme/payments').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await line(/^\/services\/payments-api\/\s@acme\/payments$/).waitFor({ timeout: 10_000 });
  });

  it('"Format Document" aligns the new line\'s owners with the file\'s owners column', async () => {
    await runFromPalette(page, 'Format Document');
    const added = line(/^\/services\/payments-api\/\s{2,}@acme\/payments$/);
    await added.waitFor({ timeout: 30_000 });
    const apps = plain(await line(/^\/apps\/\s+@acme\/web$/).innerText());
    const ours = plain(await added.innerText());
    assert.equal(ours.indexOf('@'), apps.indexOf('@'), `owners at the file's column:\n${apps}\n${ours}`);
    await page.screenshot({ path: join(SHOTS, 'e2e-codeowners-formatted.png') });
    // Leave the example as it was.
    await runFromPalette(page, 'File: Revert File');
    await page.locator('.tabs-container .tab.dirty', { hasText: 'CODEOWNERS' }).waitFor({ state: 'detached', timeout: 30_000 });
  });
});
