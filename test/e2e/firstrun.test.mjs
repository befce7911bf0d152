// UI end-to-end: a team's first run of Northstar in the real workbench (code-server + headless
// Chromium). The workspace is a temporary copy of test/fixtures/vscode-fresh: CODEOWNERS and
// Backstage catalog files only, nothing of Northstar's own. The walkthrough opens by itself (first
// activation, VS Code's "open walkthroughs on install" on), its steps are walked, and its
// "Start the Files" button creates teams.yaml, vision.yaml and the manifest-only module's contract.
// Screenshots in test-results/.
// Run by scripts/vscode/test.mjs (npm run test:vscode), or: npx mocha --timeout 180000 test/e2e/firstrun.test.mjs
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import { ROOT } from '../../scripts/vscode/install.mjs';
import { SHOTS, useWorkbench } from '../../scripts/vscode/workbench.mjs';
const plain = (text) => text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

describe('first run: walkthrough and init (e2e)', function () {
  this.timeout(180_000);
  let dir;
  let workspace;
  const fresh = () => {
    dir = mkdtempSync(join(tmpdir(), 'northstar-fresh-'));
    workspace = join(dir, 'harbor');
    cpSync(join(ROOT, 'test', 'fixtures', 'vscode-fresh'), workspace, { recursive: true });
    return workspace;
  };
  // The walkthrough takes the window on the first activation: no wait for the Explorer.
  const w = useWorkbench('firstrun', { workspace: fresh, explorer: false, settings: { 'workbench.welcomePage.walkthroughs.openOnInstall': true } });
  let page;
  before(() => (page = w.page));
  after(() => dir && rmSync(dir, { recursive: true, force: true }));

  const walkthrough = () => page.locator('.gettingStartedContainer').first();
  const step = (title) => walkthrough().locator('.getting-started-step', { hasText: title }).first();

  /** Back to the walkthrough's tab (an editor the step opened is in front of it). */
  const showWalkthrough = () => page.locator('.tabs-container .tab', { hasText: 'Walkthrough: Northstar' }).first().click();
  /** A step is checked off once its command ran (its completion event). */
  const checked = (title) => step(title).locator('.codicon-getting-started-step-checked').first().waitFor({ timeout: 30_000 });

  it('opens the walkthrough by itself on the first activation, with its five steps', async () => {
    await walkthrough().locator('h2.category-title', { hasText: 'Get started with Northstar' }).first().waitFor({ timeout: 90_000 });
    for (const title of ['See who owns the code', 'Find the gaps', 'See the architecture', 'Start the files Northstar reads', 'Read the vision summary']) {
      await step(title).waitFor({ timeout: 30_000 });
    }
    await page.screenshot({ path: join(SHOTS, 'e2e-walkthrough.png') });
  });

  it('shows a step\'s page and button, and its button runs the command', async () => {
    await step('See who owns the code').click();
    const button = step('See who owns the code').locator('.button-link, a', { hasText: 'Explain Ownership of the Active File' }).first();
    await button.waitFor({ timeout: 30_000 });
    // The step's Markdown page is rendered beside the steps.
    await page.locator('.gettingStartedSlideDetails .getting-started-media, .gettingStartedSlideDetails iframe').first().waitFor({ timeout: 30_000 });
    await step('See the architecture').click();
    await step('See the architecture').locator('.button-link, a', { hasText: 'Show Architecture Diagram' }).first().click();
    // The diagram opens on this repository (booking depends on notify), and the step is done.
    await page.locator('.tabs-container .tab', { hasText: 'Architecture' }).first().waitFor({ timeout: 60_000 });
    await showWalkthrough();
    await checked('See the architecture');
  });

  let summary;
  it('the vision summary of a repository without vision.yaml says so and offers to start it', async () => {
    await showWalkthrough();
    await step('Read the vision summary').click();
    await step('Read the vision summary').locator('.button-link, a', { hasText: 'Show Vision Summary' }).first().click();
    await page.locator('.tab', { hasText: 'Vision Summary' }).first().waitFor({ timeout: 60_000 });
    summary = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await summary.locator('#vision', { hasText: 'No vision.yaml in this workspace' }).waitFor({ timeout: 60_000 });
    await summary.locator('#vision #start-files', { hasText: 'Start vision.yaml' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'e2e-summary-no-vision.png') });
  });

  it('"Start the Files" creates teams.yaml, vision.yaml and the contract, opens them, and overwrites nothing', async () => {
    await showWalkthrough();
    await step('Start the files Northstar reads').click();
    const button = step('Start the files Northstar reads').locator('.button-link, a', { hasText: 'Start the Files' }).first();
    await button.waitFor({ timeout: 30_000 });
    await button.click();
    // The two files a team completes first are opened.
    await page.locator('.tabs-container .tab', { hasText: 'teams.yaml' }).first().waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: 'vision.yaml' }).first().waitFor({ timeout: 30_000 });
    const message = page.locator('.notifications-toasts .notification-toast', { hasText: 'Northstar created' }).first();
    await message.waitFor({ timeout: 30_000 });
    assert.match(plain(await message.innerText()), /Northstar created teams\.yaml and vision\.yaml and 1 service contract: complete their TODOs\./);
    await page.screenshot({ path: join(SHOTS, 'e2e-walkthrough-init.png') });

    const teams = readFileSync(join(workspace, 'teams.yaml'), 'utf8');
    // The handles CODEOWNERS names, the catalog's groups under their GitHub team, and the
    // escalation the catalog gives (messaging's PagerDuty service).
    for (const id of ['@harbor-travel/platform', '@harbor-travel/reservations', '@harbor-travel/messaging', '@harbor-travel/web']) {
      assert.match(teams, new RegExp(`id: "${id.replace(/[/@]/g, '\\$&')}"`), `${id} in teams.yaml`);
    }
    assert.match(teams, /PX4N2QK/);
    const vision = readFileSync(join(workspace, 'vision.yaml'), 'utf8');
    assert.match(vision, /^kind: Vision$/m);
    const contract = readFileSync(join(workspace, 'libs', 'ui-kit', 'service-contract.yaml'), 'utf8');
    assert.match(contract, /^name: "?@harbor\/ui-kit"?$/m);
    // The catalog's components keep their catalog entry: no contract is written beside one.
    assert.equal(existsSync(join(workspace, 'services', 'booking', 'service-contract.yaml')), false);
    await showWalkthrough();
    await checked('Start the files Northstar reads');
  });

  it('the summary then shows the priorities of the new vision.yaml', async () => {
    await page.locator('.tabs-container .tab', { hasText: 'Vision Summary' }).first().click();
    for (const title of ['Reliability first', 'Faster, safer delivery', 'Secure by default']) {
      await summary.locator('.priority-title', { hasText: title }).first().waitFor({ timeout: 60_000 });
    }
    assert.equal(await summary.locator('#vision #start-files').count(), 0);
  });
});
