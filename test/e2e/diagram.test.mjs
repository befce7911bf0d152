/* global console, MutationObserver, setTimeout */
// UI end-to-end for the architecture diagram in the real workbench (code-server + headless Chromium):
// the command from the palette, a node's text read from inside the webview, a click that opens the
// contract, and screenshots of generated workspaces of 5, 500 and 5,000 modules.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 600000 test/e2e/diagram.test.mjs
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { generateWorkspace, writeWorkspace } from '../../bench/generate.mjs';
import { ROOT } from '../../scripts/vscode/install.mjs';
import { paletteLabel, runFromPalette } from '../../scripts/vscode/palette.mjs';
import { exampleWorkspace } from '../../scripts/vscode/run.mjs';
import { openWorkspace, SHOTS, useWorkbench, webviewFrame } from '../../scripts/vscode/workbench.mjs';

/** Opens the diagram from the palette and waits for Mermaid's drawing; returns the frame and the time it took. */
async function showDiagram(page, timeout) {
  const started = Date.now();
  await runFromPalette(page, paletteLabel('northstar.showDiagram'), timeout);
  const frame = webviewFrame(page);
  await frame.locator('body[data-render="done"] #stage svg g.node').first().waitFor({ timeout });
  const ms = Date.now() - started;
  // A drawing whose text is under 11 px at its fit is replaced by a smaller view: wait for the last.
  await frame.locator('body[data-settled="true"]').waitFor({ timeout });
  return { frame, ms };
}

describe('architecture diagram (e2e)', function () {
  this.timeout(600_000);
  const w = useWorkbench('diagram', { viewport: { width: 1600, height: 1000 } });
  let page;
  const temp = mkdtempSync(join(tmpdir(), 'northstar-diagram-e2e-'));
  before(() => (page = w.page));
  after(() => rmSync(temp, { recursive: true, force: true }));

  it('opens from the palette on the example workspace; a click on a node shows its details, a double-click opens its contract', async () => {
    await openWorkspace(page, w.server.url, exampleWorkspace());
    const { frame } = await showDiagram(page, 120_000);
    // The whole example is too small to read at this size: its systems are drawn collapsed
    // (the status says why); a click on one opens it.
    if ((await frame.locator('#stage g.node', { hasText: 'payments-api' }).count()) === 0) {
      assert.match(await frame.locator('#status').innerText(), /too small to read in one drawing/);
      assert.ok((await frame.locator('#stage g.node').count()) >= 3, 'one node per system');
      await frame.locator('#stage g.node', { hasText: /^checkout/ }).first().click();
      await frame.locator('body[data-settled="true"] #stage g.cluster', { hasText: 'checkout' }).first().waitFor({ timeout: 60_000 });
    } else assert.ok((await frame.locator('#stage g.cluster').count()) >= 3, 'subgraphs by system');
    const node = frame.locator('#stage g.node', { hasText: 'payments-api' }).first();
    const text = (await node.locator('.nodeLabel').innerText()).replace(/\s+/g, ' ');
    assert.match(text, /payments-api/);
    // The module's team by its display name (teams.yaml: "@acme/payments" is named Payments).
    assert.match(text, /Payments · (Gold|Silver|Bronze|No level)/);
    await page.screenshot({ path: join(SHOTS, 'diagram-example.png') });

    // A click selects: the side panel shows the module's owners and escalation path, no editor opens.
    await node.click();
    await frame.locator('#details:not([hidden])').waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'service-contract.yaml' }).count(), 0, 'a click opens no editor');
    await node.dblclick();
    // The contract opens in an editor beside the diagram, at the module's name.
    const tab = page.locator('.tabs-container .tab', { hasText: 'service-contract.yaml' });
    await tab.first().waitFor({ timeout: 30_000 });
    const editor = page.locator('.editor-instance .monaco-editor .view-lines', { hasText: /name:\s+payments-api/ });
    await editor.first().waitFor({ timeout: 30_000 });
    // The side panel shows the module's owners and escalation path.
    const details = frame.locator('#details:not([hidden])');
    await details.waitFor({ timeout: 30_000 });
    assert.match(await details.innerText(), /#payments-oncall/);
    await page.screenshot({ path: join(SHOTS, 'diagram-example-clicked.png') });
  });

  it('comes back after a window reload with its filters (webview serializer)', async () => {
    const filterToCheckout = async (frame) => {
      const all = await frame.locator('#stage svg g.node').count();
      await frame.locator('#system').selectOption('checkout');
      let filtered = all;
      // Drawn, or (beside the contract, with the details open, too narrow to read) listed.
      for (let i = 0; i < 300 && (filtered === all || filtered === 0); i++) {
        await page.waitForTimeout(100);
        filtered = await frame.locator('body[data-render="done"][data-settled="true"] #stage svg g.node').count() ||
          await frame.locator('body[data-render="list"] #moduleRows tr').count();
      }
      assert.ok(filtered > 0 && filtered < all, `${filtered} of ${all} nodes after filtering`);
      // The status counts modules ("5 of 19 modules"); a collapsed group is one node of several.
      const modules = /^(\d+) of \d+ modules/.exec(await frame.locator('#status').innerText())?.[1];
      assert.ok(modules, 'the status counts the filtered modules');
      return { shown: filtered, modules };
    };
    const reload = async () => {
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const restored = webviewFrame(page);
      await restored.locator('body[data-render="done"] #stage svg g.node, body[data-render="list"] #moduleRows tr').first().waitFor({ timeout: 120_000 });
      return restored;
    };
    let filtered = await filterToCheckout(webviewFrame(page));
    // The workbench stores a webview's state (setState) in its storage after a delay, which a
    // loaded machine stretches: wait, and if the first reload came too early, filter and wait
    // longer once more. The restored view must still come from the serializer.
    await page.waitForTimeout(5000);
    let restored = await reload();
    if ((await restored.locator('#system').inputValue()) !== 'checkout') {
      filtered = await filterToCheckout(restored);
      await page.waitForTimeout(15_000);
      restored = await reload();
    }
    assert.match(await restored.locator('#status').innerText(), new RegExp(`^${filtered.modules} of \\d+ modules`));
    assert.equal(await restored.locator('#system').inputValue(), 'checkout');
    // The same view, drawn or listed as before the reload.
    const shown = await restored.locator('body[data-render="done"] #stage svg g.node').count() || await restored.locator('body[data-render="list"] #moduleRows tr').count();
    assert.equal(shown, filtered.shown);
  });

  it('two folders with the same name: the diagram of the second comes back after a reload, not the first\'s', async () => {
    // test/fixtures/vscode-samename: folders east/api and west/api, both shown as "api".
    await openWorkspace(page, w.server.url, join(ROOT, 'test', 'fixtures', 'vscode-samename', 'same-names.code-workspace'));
    await runFromPalette(page, paletteLabel('northstar.showDiagram'), 120_000);
    // Several folders and no editor: the command asks which one; both are labelled "api".
    const west = page.locator('.quick-input-list .monaco-list-row', { hasText: 'west' }).first();
    await west.waitFor({ timeout: 60_000 });
    await west.click();
    const shows = async (frame, name) => {
      await frame.locator('body[data-render="done"] #stage svg g.node', { hasText: name }).first().waitFor({ timeout: 120_000 });
      return frame.locator('#stage svg g.node .nodeLabel').allInnerTexts();
    };
    assert.deepEqual((await shows(webviewFrame(page), 'west-invoices')).map((t) => t.split(/\s/)[0]), ['west-invoices']);
    const reload = async () => {
      await page.reload();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      const restored = webviewFrame(page);
      await restored.locator('body[data-render="done"] #stage svg g.node').first().waitFor({ timeout: 120_000 });
      return restored;
    };
    // As above: the workbench stores the page's state after a delay.
    await page.waitForTimeout(5000);
    let restored = await reload();
    if ((await restored.locator('#stage svg g.node', { hasText: 'west-invoices' }).count()) === 0) {
      await page.waitForTimeout(15_000);
      restored = await reload();
    }
    const labels = await shows(restored, 'west-invoices');
    assert.deepEqual(labels.map((t) => t.split(/\s/)[0]), ['west-invoices'], 'the restored panel shows the folder it showed, not the first "api"');
  });

  it('after a reload, the command brings back the restored panel instead of opening a second tab', async () => {
    const dir = join(temp, 'ws-reload-race');
    await writeWorkspace(generateWorkspace({ modules: 2000, files: 4008, seed: 2, rules: 100 }), dir);
    await openWorkspace(page, w.server.url, dir);
    await showDiagram(page, 420_000);
    const tabs = page.locator('.tabs-container .tab', { hasText: 'Architecture' });
    // Counts the diagram tabs all along: a second one that opens and closes again counts too.
    const runAfterReload = async () => {
      await page.reload();
      let most = 0;
      let watching = true;
      const watch = (async () => {
        while (watching) {
          most = Math.max(most, await tabs.count().catch(() => 0));
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      })();
      try {
        await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
        // At once: the restored panel may still wait for the first analysis of 2,000 modules.
        await runFromPalette(page, paletteLabel('northstar.showDiagram'), 120_000);
        await webviewFrame(page).locator('body[data-render="done"] #stage svg g.node').first().waitFor({ timeout: 420_000 });
        await page.waitForTimeout(3000);
      } finally {
        watching = false;
        await watch;
      }
      return most;
    };
    // 1. The panel was in front: the workbench hands it to the serializer as the extension starts.
    await page.waitForTimeout(5000);
    assert.equal(await runAfterReload(), 1, 'at most one Architecture tab at any time (panel in front)');
    // 2. The panel was behind another editor: the workbench revives it only when it is shown.
    await runFromPalette(page, 'File: New Untitled Text File');
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(5000);
    assert.equal(await runAfterReload(), 1, 'at most one Architecture tab at any time (panel behind another editor)');
    assert.equal(await tabs.count(), 1);
  });

  for (const modules of [5, 500, 5000]) {
    it(`draws a generated workspace of ${modules} modules and saves a screenshot`, async () => {
      const dir = join(temp, `ws-${modules}`);
      await writeWorkspace(generateWorkspace({ modules, files: modules * 2 + 8, seed: 1, rules: Math.min(100, modules) }), dir);
      await openWorkspace(page, w.server.url, dir);
      const { frame, ms } = await showDiagram(page, 420_000);
      const nodes = await frame.locator('#stage g.node').count();
      const status = await frame.locator('#status').innerText();
      assert.match(status, new RegExp(`of ${modules} modules`));
      if (modules >= 500) {
        assert.ok(nodes <= 24, `${nodes} nodes: the overview is collapsed`);
        assert.match(status, /groups collapsed/);
      } else assert.equal(nodes, modules);
      assert.equal(await frame.locator('#notice:not([hidden])', { hasText: 'could not be drawn' }).count(), 0);
      const file = join(SHOTS, `diagram-${modules}.png`);
      await page.screenshot({ path: file });
      console.log(`      ${modules} modules: palette → drawn in ${ms} ms (${nodes} nodes); screenshot ${file}`);
      if (modules === 500) await opensWithElk(frame);
    });
  }

  /**
   * The largest group opened: a drawing of 30 nodes or more is laid out by ELK (layoutFor), whose
   * script the page loads from media/ on demand. Here the real webview's CSP and resource URLs
   * must let it load: an ELK drawing completes (the readability ladder may replace it afterwards
   * with a smaller dagre one, so every drawing is watched), and nothing fails to draw.
   */
  async function opensWithElk(frame) {
    const groups = await frame.locator('#stage g.node[aria-label*="open this group"]').evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-node'), size: Number(/\((?:\d+ of )?(\d+) modules?\)/.exec(e.getAttribute('aria-label'))?.[1] ?? 0) })),
    );
    const biggest = groups.sort((a, b) => b.size - a.size)[0];
    assert.ok(biggest && biggest.size >= 30, `a group of 30 modules or more to open (${JSON.stringify(groups)})`);
    await frame.locator('body').evaluate((body) => {
      body.dataset.sawElk = 'false';
      // Watching data-render only: setting data-saw-elk must not wake the observer again.
      new MutationObserver(() => {
        if (body.dataset.layout === 'elk' && body.dataset.render === 'done') body.dataset.sawElk = 'true';
      }).observe(body, { attributes: true, attributeFilter: ['data-render'] });
    });
    await frame.locator(`#stage g.node[data-node="${biggest.id}"]`).click();
    await frame.locator('body:is([data-saw-elk="true"], [data-render="error"])').waitFor({ timeout: 120_000 });
    const notice = await frame.locator('#notice').innerText();
    assert.equal(await frame.locator('body').getAttribute('data-saw-elk'), 'true', `an ELK drawing completed (notice: ${notice})`);
    await frame.locator('body[data-settled="true"]:is([data-render="done"], [data-render="list"])').waitFor({ timeout: 120_000 });
    assert.equal(await frame.locator('#notice:not([hidden])', { hasText: 'could not be drawn' }).count(), 0);
    console.log(`      500 modules: the group of ${biggest.size} opened, drawn with ELK; settled as ${await frame.locator('body').getAttribute('data-render')}`);
  }
});
