/* global console */
// The set-up every UI test in test/e2e shares: code-server with the extension under development,
// headless Chromium, the workspace opened with its folders showing in the Explorer, and a
// screenshot of the window when a test fails (test-results/e2e-<suite>-failed-<test>.png).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, afterEach, before } from 'mocha';
import { ROOT } from './install.mjs';
import { launchChromium, startCodeServer, workbenchUrl } from './run.mjs';

/** Where the UI tests write their screenshots. */
export const SHOTS = join(ROOT, 'test-results');

/** A webview's page inside the workbench's two iframes (the diagram, the summary). */
export function webviewFrame(page) {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/**
 * Loads the workbench on `folder` (a folder or a .code-workspace file) and waits until the
 * Explorer shows its folders.
 *
 * The workbench restores the side bar a workspace had last: after the integration scenario on
 * the same workspace it may show Northstar's view, not the Explorer. A restored webview may hold
 * the keyboard focus and swallow Ctrl+Shift+E: the activity bar's Explorer is clicked too, and
 * both are retried until the folder rows show (CI once waited 120 s on one keypress). On a
 * loaded machine code-server has been seen to open a multi-root workspace with no folders at all
 * ("NO FOLDER OPENED"): the workspace file's read lost a race in the web workbench, and only
 * loading the page again helps.
 */
export async function openWorkspace(page, serverUrl, folder) {
  const load = async () => {
    await page.goto(workbenchUrl(serverUrl, { workspace: folder, extensionDevelopmentPath: ROOT }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  };
  await load();
  const rows = page.locator('.explorer-folders-view .monaco-list-row').first();
  const empty = page.getByText('You have not yet added a folder to the workspace');
  const deadline = Date.now() + 180_000;
  for (let attempt = 0; !(await rows.waitFor({ timeout: attempt === 0 ? 15_000 : 10_000 }).then(() => true, () => false)); attempt++) {
    if (Date.now() > deadline) throw new Error('the Explorer did not show the workspace folders');
    if (await empty.isVisible().catch(() => false)) {
      console.log(`    (the workbench opened ${folder} without its folders: loading it again)`);
      await load();
      continue;
    }
    const explorer = page.locator('.activitybar .action-item a[aria-label^="Explorer"]').first();
    if (attempt % 2 === 0 && (await explorer.isVisible().catch(() => false))) await explorer.click().catch(() => undefined);
    else {
      await page.locator('.monaco-workbench .part.statusbar').first().click({ position: { x: 5, y: 5 } }).catch(() => undefined);
      await page.keyboard.press('Control+Shift+E');
    }
  }
}

/**
 * Registers the suite's hooks (call it inside `describe`) and returns `{ server, browser, page }`,
 * filled in before the first test:
 * - `workspace`: a function giving the folder to open before the tests, or null to open none;
 * - `explorer`: wait for the Explorer's folder rows (false where something else takes the
 *   window first, such as a walkthrough);
 * - `settings`: user settings for code-server; `viewport`: the window's size (1400×900).
 */
export function useWorkbench(suite, { workspace = null, explorer = true, settings = {}, viewport = { width: 1400, height: 900 } } = {}) {
  const w = { server: null, browser: null, page: null };
  before(async () => {
    w.server = await startCodeServer({ settings });
    w.browser = await launchChromium(w.server.tmp);
    w.page = await w.browser.newPage({ viewport });
    mkdirSync(SHOTS, { recursive: true });
    const folder = workspace?.();
    if (!folder) return;
    if (explorer) await openWorkspace(w.page, w.server.url, folder);
    else {
      await w.page.goto(workbenchUrl(w.server.url, { workspace: folder, extensionDevelopmentPath: ROOT }));
      await w.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    }
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !w.page) return;
    const name = `e2e-${suite}-failed-${this.currentTest.title.slice(0, 60).replace(/\W+/g, '-')}.png`;
    await w.page.screenshot({ path: join(SHOTS, name) }).catch(() => undefined);
  });
  after(async () => {
    await w.browser?.close();
    await w.server?.stop();
  });
  return w;
}

/** Opens a workspace file by its path through quick open (F1, then the path), as a user does. */
export async function quickOpen(page, path) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(path);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.split('/').pop() }).first().waitFor();
  await page.keyboard.press('Enter');
}
