// The command palette, as the UI tests drive it in the real workbench.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './install.mjs';

/** The palette label of a contributed command: "Category: Title", as VS Code shows it. */
export function paletteLabel(command) {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const entry = manifest.contributes?.commands?.find((c) => c.command === command);
  assert.ok(entry, `package.json contributes no command ${command}`);
  return entry.category ? `${entry.category}: ${entry.title}` : entry.title;
}

/**
 * Runs a command from the palette (F1). The palette lists an extension's commands only once
 * the extension host has read the manifest, which can be after the explorer shows, and a busy
 * host may be late: retry until the command is listed.
 */
export async function runFromPalette(page, label, ms = 90_000) {
  const input = page.locator('.quick-input-widget .quick-input-box input:visible').first();
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  const end = Date.now() + ms;
  for (;;) {
    // F1 is lost while a webview's iframe holds the keyboard focus (a panel restored after a
    // reload takes it): when the palette does not show, give the focus back to the workbench
    // (the status bar is never an iframe) and press again.
    await page.keyboard.press('F1');
    if (!(await input.waitFor({ timeout: 5_000 }).then(() => true, () => false))) {
      const bar = page.locator('.part.statusbar').first();
      const box = await bar.boundingBox().catch(() => null);
      // Its middle holds no item (items sit at either end).
      if (box) await bar.click({ position: { x: box.width / 2, y: box.height / 2 } }).catch(() => undefined);
      if (Date.now() > end) throw new Error(`the command palette did not open within ${ms} ms`);
      continue;
    }
    await input.fill(`>${label}`);
    try {
      await row.waitFor({ timeout: 5_000 });
      break;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > end) throw error;
    }
  }
  await page.keyboard.press('Enter');
}
