// UI end-to-end: Northstar's hovers as a user sees them in the real workbench (code-server +
// headless Chromium). Open .github/CODEOWNERS of the example workspace, rest the mouse on a
// pattern and on an owner, and read the hover widget on screen. Screenshots in test-results/.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 180000 test/e2e/hover.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import { exampleWorkspace } from '../../scripts/vscode/run.mjs';
import { quickOpen, SHOTS, useWorkbench } from '../../scripts/vscode/workbench.mjs';

/** Monaco renders spaces as U+00A0. */
const plain = (text) => text.replace(/\u00a0/g, ' ');

describe('hovers (e2e)', function () {
  this.timeout(180_000);
  const w = useWorkbench('hover', { workspace: exampleWorkspace });
  let page;
  before(() => (page = w.page));

  /** Rest the mouse on `target` until a hover containing `expected` shows (the first analysis may still run). */
  async function hoverUntil(target, expected) {
    const widget = page.locator('.monaco-hover-content', { hasText: expected });
    const end = Date.now() + 90_000;
    for (;;) {
      await target.waitFor({ state: 'visible', timeout: 30_000 });
      // Monaco re-creates a line's DOM when it re-renders (e.g. once the grammar is loaded): try again.
      const box = await target.boundingBox().catch(() => null);
      if (!box) {
        assert.ok(Date.now() < end, 'the hover target is not on screen');
        continue;
      }
      await page.mouse.move(5, 5);
      await page.mouse.move(box.x + Math.min(8, box.width / 2), box.y + box.height / 2, { steps: 3 });
      try {
        await widget.first().waitFor({ timeout: 3_000 });
        return widget.first();
      } catch (error) {
        if (Date.now() > end) throw error;
      }
    }
  }

  it('opens .github/CODEOWNERS from quick open', async () => {
    await quickOpen(page, '.github/CODEOWNERS');
    await page.locator('.tabs-container .tab', { hasText: 'CODEOWNERS' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-instance .view-line', { hasText: /^\/apps\/\s+@acme\/web$/ }).first().waitFor({ timeout: 30_000 });
  });

  it('hovers a CODEOWNERS pattern: owners, files matched, modules and the later line that overrides it', async () => {
    const line = page.locator('.editor-instance .view-line', { hasText: /^\/apps\/\s+@acme\/web$/ }).first();
    const hover = await hoverUntil(line, 'CODEOWNERS line 21');
    const text = plain(await hover.innerText());
    assert.match(text, /^CODEOWNERS line 21: \/apps\/\n/);
    assert.match(text, /\nOwner: @acme\/web \(Storefront Web\)\n/);
    assert.match(text, /\nMatches 15 files; decides the owners of 12\.\n/);
    // Escapes do not show: the names read as written.
    assert.match(text, /\nModules: admin-console \(apps\/admin-console\), storefront \(apps\/storefront\)\n/);
    assert.match(text, /\nOverridden by later lines:\n\s*line 43 \/apps\/storefront\/src\/checkout\/ → @acme\/payments \(3 files\)\s*$/);
    assert.doesNotMatch(text, /\\/);
    await page.waitForTimeout(500); // let the widget finish fading in before the picture
    await page.screenshot({ path: join(SHOTS, 'e2e-hover-codeowners-pattern.png') });
  });

  it('hovers an owner: the team and its escalation path, with working links', async () => {
    const line = page.locator('.editor-instance .view-line', { hasText: /^\/services\/payments-api\/\s+@acme\/payments$/ }).first();
    const owner = line.locator('span', { hasText: /^@acme\/payments$/ }).last();
    const hover = await hoverUntil(owner, 'Escalation path');
    const text = plain(await hover.innerText());
    assert.match(text, /^Team Payments @acme\/payments\n/);
    assert.match(text, /\nEscalation path:\n\s*chat: #payments-oncall\n\s*pager: payments-primary\n\s*person: @dkowalski\n/);
    const chat = hover.locator('a', { hasText: '#payments-oncall' });
    assert.equal(await chat.count(), 1);
    assert.equal(await chat.getAttribute('data-href') ?? await chat.getAttribute('href'), 'https://chat.acme.example/channels/payments-oncall');
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'e2e-hover-codeowners-owner.png') });
  });

  it("hovers a contract's name: the module's experiment and the initiatives it belongs to", async () => {
    await quickOpen(page, 'apps/storefront/service-contract.yaml');
    const line = page.locator('.editor-instance .view-line', { hasText: /^name:\s+storefront$/ }).first();
    await line.waitFor({ timeout: 30_000 });
    const name = line.locator('span', { hasText: /^storefront$/ }).last();
    const hover = await hoverUntil(name, 'Experiment');
    const text = plain(await hover.innerText());
    assert.match(text, /\nExperiment \(overdue \(decide by 2026-10-15\)\): Showing delivery dates on the product page raises checkout conversion\./);
    assert.match(text, /\nInitiatives: One-page checkout on mobile \(active, due 2026-12-15, priority checkout-conversion\)/);
    assert.doesNotMatch(text, /\\/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'e2e-hover-contract-experiment.png') });
  });

  it('hovers a contract\'s name: the module, with its last postmortems and their open actions', async () => {
    await quickOpen(page, 'services/payments-api/service-contract.yaml');
    const line = page.locator('.editor-instance .view-line', { hasText: /^name:\s+payments-api$/ }).first();
    const name = line.locator('span', { hasText: /payments-api/ }).last();
    const hover = await hoverUntil(name, 'Postmortems');
    const text = plain(await hover.innerText());
    assert.match(text, /^Module payments-api: service, tier 1, production, system checkout\n/);
    // examples/acme/docs/postmortems/, newest first, overdue against the example's pinned today.
    assert.match(text, /\n2 Postmortems:\n\s*2026-10-03 Card declines after a certificate rotation \(sev1\): 1 open action: Alert 30 days before any TLS certificate expires \(due 2026-10-20, overdue\)\n/);
    assert.match(text, /\n\s*2026-08-14 Checkout timeouts during the summer sale \(sev2\): 2 open actions: /);
    assert.doesNotMatch(text, /\\/);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SHOTS, 'e2e-hover-module-postmortems.png') });
  });
});
