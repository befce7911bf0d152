// UI end-to-end through the real workbench: code-server + headless Chromium (playwright-core).
// A harness proof: the surfaces' own UI tests come beside this file.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 180000 test/e2e/*.test.mjs
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import { paletteLabel, runFromPalette } from '../../scripts/vscode/palette.mjs';
import { exampleWorkspace } from '../../scripts/vscode/run.mjs';
import { SHOTS, useWorkbench } from '../../scripts/vscode/workbench.mjs';

describe('workbench (e2e)', function () {
  this.timeout(180_000);
  // The first test is that the Explorer shows the workspace: the set-up only loads the page.
  const w = useWorkbench('workbench', { workspace: exampleWorkspace, explorer: false });
  let page;
  before(() => (page = w.page));

  it('opens the example workspace in the explorer', async () => {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'services' });
    await row.first().waitFor({ timeout: 60_000 });
  });

  it('runs the "Show Output" command from the palette and shows Northstar\'s log', async () => {
    await runFromPalette(page, paletteLabel('northstar.showOutput'));
    // The Output panel shows the channel the extension wrote to on activation.
    const log = page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'activated' });
    await log.waitFor({ timeout: 30_000 });
    assert.match(await log.innerText(), /Northstar\s\d+\.\d+\.\d+\sactivated/);
    await page.screenshot({ path: join(SHOTS, 'e2e-show-output.png') });
  });
  it('lists Northstar findings in the Problems panel, on their files, with the rule id', async () => {
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 400 } }).catch(() => undefined);
    // Ctrl+Shift+M opens the Problems panel; the rows appear once the first analysis is done.
    const rows = page.locator('.markers-panel .monaco-list-row');
    const finding = rows.filter({ hasText: 'Pattern "/services/legacy-cart/" matches no file' });
    const end = Date.now() + 90_000;
    for (;;) {
      await page.keyboard.press('Control+Shift+M');
      try {
        await finding.first().waitFor({ timeout: 10_000 });
        break;
      } catch (e) {
        if (Date.now() > end) throw e;
      }
    }
    const text = (await finding.first().innerText()).replace(/\s+/g, ' ');
    assert.match(text, /codeowners\/no-match/);
    assert.match(text, /\[Ln 18, Col 1\]/);
    // The file row of CODEOWNERS is shown above its findings.
    await rows.filter({ hasText: 'CODEOWNERS' }).first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-problems-panel.png') });
  });

  it('shows priorities → initiatives → modules in the Northstar view', async () => {
    await page.keyboard.press('Escape');
    await runFromPalette(page, 'Northstar: Focus on Overview View');
    const view = page.locator('.pane-body', { has: page.locator('.monaco-list-row', { hasText: 'Priorities' }) }).first();
    const row = (text) => view.locator('.monaco-list-row', { hasText: text }).first();
    await row('Reliability first').waitFor({ timeout: 90_000 });
    // The twistie expands (a click on the label runs the node's command: it opens vision.yaml).
    await row('Reliability first').locator('.monaco-tl-twistie').click();
    const initiative = row('Multi-region failover for checkout');
    await initiative.waitFor({ timeout: 30_000 });
    assert.match((await initiative.innerText()).replace(/\s+/g, ' '), /active · due 2026-10-15 \(overdue\) · @acme\/platform/);
    await initiative.locator('.monaco-tl-twistie').click();
    // The initiative lists ledger and orders; payments-api's contract names it: the rows under it
    // (level 4: Priorities › Reliability first › the initiative › its modules).
    const underInitiative = view.locator('.monaco-list-row[aria-level="4"]');
    // By the label alone: the row's text runs the label into its description ("ledgerSilver · …").
    for (const module of ['ledger', 'orders', 'payments-api']) await underInitiative.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${module}$`) }) }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-tree-initiatives.png') });
  });
});

