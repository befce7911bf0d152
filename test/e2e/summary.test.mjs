// UI end-to-end: the vision summary through the real workbench (code-server + headless Chromium).
// Command palette → "Northstar: Show Vision Summary" → read the page inside the webview's frames →
// click a module → its contract opens in an editor. Screenshot in test-results/.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 180000 test/e2e/summary.test.mjs
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'mocha';
import { parse } from 'yaml';
import { paletteLabel, runFromPalette } from '../../scripts/vscode/palette.mjs';
import { exampleWorkspace } from '../../scripts/vscode/run.mjs';
import { SHOTS, useWorkbench, webviewFrame } from '../../scripts/vscode/workbench.mjs';

describe('vision summary (e2e)', function () {
  this.timeout(180_000);
  const vision = parse(readFileSync(join(exampleWorkspace(), 'vision.yaml'), 'utf8'));
  const w = useWorkbench('vision-summary', { workspace: exampleWorkspace });
  let page;
  let frame;
  before(() => (page = w.page));

  it('opens from the command palette and shows the vision and its priorities', async () => {
    const label = paletteLabel('northstar.showVisionSummary');
    assert.equal(label, 'Northstar: Show Vision Summary');
    await runFromPalette(page, label);

    await page.locator('.tab', { hasText: 'Vision Summary' }).first().waitFor({ timeout: 60_000 });
    frame = webviewFrame(page);
    const heading = frame.locator('h1');
    await heading.waitFor({ timeout: 60_000 });
    assert.equal(await heading.innerText(), 'Vision summary');
    assert.equal(await frame.locator('#vision .direction').innerText(), `Direction: ${vision.vision.direction}`);
    assert.deepEqual(await frame.locator('.priority-title').allInnerTexts(), vision.priorities.map((p) => p.title));
    const firstMetric = vision.priorities[0].metrics[0];
    const row = frame.locator('tr.metric', { hasText: firstMetric.name }).first();
    assert.match(await row.locator('.values').innerText(), new RegExp(`${firstMetric.baseline}.*→.*${firstMetric.current}.*→.*${firstMetric.target}`));
    assert.match(await row.locator('.progress-value').innerText(), /^\d+(\.\d)?%$/);
    assert.match(await frame.locator('[data-measure=ownership] .measure-value').innerText(), /^\d+ of \d+ \(\d+(\.\d)?%\)$/);
    assert.ok(await frame.locator('#teams article.team').count() > 0, 'the top gaps per team are shown');
    // The workbench's theme reaches the page: VS Code sets the body class and --vscode-* variables.
    assert.match(await frame.locator('body').getAttribute('class'), /vscode-(light|dark|high-contrast)/);
    await page.screenshot({ path: join(SHOTS, 'e2e-vision-summary.png') });
  });

  it('shows the example\'s experiments and a roadmap timeline per priority with initiatives', async () => {
    const overdue = frame.locator('#experiments tr.experiment[data-state=overdue]');
    await overdue.first().waitFor({ timeout: 30_000 });
    assert.deepEqual(await overdue.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-module'))), ['storefront']);
    assert.equal(await frame.locator('#experiments tr.experiment[data-state=decided][data-module=recommendations]').count(), 1);
    assert.equal(await frame.locator('#experiments tr.experiment[data-state=running][data-module=admin-console]').count(), 1);
    const withInitiatives = vision.priorities.filter((p) => (p.initiatives ?? []).length > 0).map((p) => p.title);
    assert.deepEqual(await frame.locator('#roadmap .roadmap-priority h3').allInnerTexts(), withInitiatives);
    // One marker per dated initiative; the overdue one marked so.
    const dated = vision.priorities.flatMap((p) => (p.initiatives ?? []).filter((i) => i.due)).length;
    assert.equal(await frame.locator('#roadmap .timeline-marker').count(), dated);
    assert.equal(await frame.locator('#roadmap .timeline-marker.overdue[data-initiative=multi-region-checkout]').count(), 1);
    assert.equal(await frame.locator('#roadmap .timeline-today').count(), withInitiatives.length);
    await frame.locator('#roadmap').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'e2e-vision-summary-roadmap.png') });
  });

  it('shows metric trends from the example\'s scripted git history and its samples', async () => {
    // The workspace is scripts/example-history.mjs's repository: vision.yaml committed from
    // 2025-12-01 to 2026-09-29; payment authorisation rate changed in five of those commits.
    const trends = frame.locator('#trends');
    await trends.waitFor({ timeout: 30_000 });
    const row = trends.locator('tr.trend', { hasText: 'payment authorisation rate' });
    assert.equal((await row.locator('svg.sparkline polyline').getAttribute('points')).split(' ').length, 5);
    assert.equal(await row.locator('.trend-change').innerText(), '+2.4% since baseline 91%');
    assert.equal(await row.locator('.trend-updated').innerText(), '2026-09-29');
    assert.equal(await trends.locator('tr.trend', { hasText: 'localised storefronts live' }).locator('.trend-updated').innerText(), '2025-12-01');
    await trends.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'e2e-vision-summary-trends.png') });
  });

  it('opens a module\'s contract when its name is clicked', async () => {
    const module = frame.locator('#priorities button.module').first();
    const name = await module.innerText();
    await module.click();
    const tab = page.locator('.tabs-container .tab', { hasText: /service-contract\.yaml|catalog-info\.yaml|package\.json|go\.mod/ });
    await tab.first().waitFor({ timeout: 30_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.waitFor();
    assert.match(await editor.innerText(), new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.screenshot({ path: join(SHOTS, 'e2e-vision-summary-open-module.png') });
  });

  it('re-draws when vision.yaml changes on disk, without reopening', async () => {
    const file = join(exampleWorkspace(), 'vision.yaml');
    const original = readFileSync(file, 'utf8');
    const title = vision.priorities[1].title;
    const edited = `${title} (edited by the e2e test)`;
    assert.ok(original.includes(`title: ${title}\n`));
    try {
      writeFileSync(file, original.replace(`title: ${title}\n`, `title: ${edited}\n`));
      await frame.locator('.priority-title', { hasText: edited }).waitFor({ timeout: 30_000 });
    } finally {
      writeFileSync(file, original);
    }
    await frame.locator('.priority-title', { hasText: edited }).waitFor({ state: 'detached', timeout: 30_000 });
    assert.deepEqual(await frame.locator('.priority-title').allInnerTexts(), vision.priorities.map((p) => p.title));
  });

  it('shows what changed while it was hidden when its tab is selected again', async () => {
    const tab = page.locator('.tabs-container .tab', { hasText: 'Vision Summary' }).first();
    await tab.click();
    // Another editor in the panel's group hides the panel (its webview is destroyed): teams.yaml,
    // opened from the Explorer. (Quick open's shortcut is lost while the webview's iframe holds the
    // keyboard focus, which the earlier tests' scrolling inside the page leaves there.)
    const explorerRow = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'teams.yaml' }).first();
    // The Explorer's icon toggles the side bar: clicked only when the Explorer is not showing.
    if (!(await explorerRow.isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first().click();
    await explorerRow.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'teams.yaml' }).first().waitFor();

    const file = join(exampleWorkspace(), 'vision.yaml');
    const original = readFileSync(file, 'utf8');
    const title = vision.priorities[2].title;
    const edited = `${title} (changed while hidden)`;
    try {
      writeFileSync(file, original.replace(`title: ${title}\n`, `title: ${edited}\n`));
      await page.waitForTimeout(3_000); // the watcher, the debounce and the analysis
      await tab.click();
      await frame.locator('.priority-title', { hasText: edited }).waitFor({ timeout: 30_000 });
    } finally {
      writeFileSync(file, original);
    }
    await frame.locator('.priority-title', { hasText: edited }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-vision-summary-reshown.png') });
  });
});
