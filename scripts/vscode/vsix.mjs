/* global console, process */
// The packaged extension in a real VS Code: `vsce package` builds the .vsix (the `vscode:prepublish`
// production build, the `.vscodeignore` allow-list), code-server installs it with
// `--install-extension`, and the example workspace opens WITHOUT extensionDevelopmentPath, so
// only the installed copy can answer. Checks: the archive holds the run-time files and nothing
// else, the install lands in the extensions folder, "Northstar: Show Output" runs and shows
// "Northstar X.Y.Z activated", and the diagram webview draws with the packed Mermaid.
//
//   node scripts/vscode/vsix.mjs [--vsix FILE] [--verbose]     (test.mjs runs it as its last step)
//
// Packaging rewrites dist/ and media/ with the production build; the development build is
// written back afterwards so the tree is as `npm run build` left it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CODE_SERVER_BIN, ROOT } from './install.mjs';
import { exampleWorkspace, launchChromium, log, startCodeServer, workbenchUrl } from './run.mjs';
import { paletteLabel, runFromPalette } from './palette.mjs';

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`.toLowerCase();

/** Files the .vsix must hold (under extension/), and what must never be in it. */
export const REQUIRED_IN_VSIX = ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'media/icon.png', 'dist/extension.js', 'media/diagram.js', 'media/summary.js',
  'media/northstar.svg', 'media/mermaid/mermaid.min.js', 'media/mermaid/layout-elk.js', 'media/mermaid/LICENSE-elkjs', 'schemas/service-contract.schema.json', 'syntaxes/codeowners.tmLanguage.json', 'docs/rules/README.md'];
const FORBIDDEN_IN_VSIX = [/^extension\/(src|test|examples|bench|node_modules|out|scripts|\.vscode-test|test-results)\//, /\.map$/, /^extension\/dist\/cli\.js$/, /\.ts$/];

/** The entry names of a zip archive, from its central directory (no unzip needed). */
export function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
    const nameLength = buf.readUInt16LE(at + 28);
    names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names;
}

/** `vsce package` into a temp folder (runs vscode:prepublish), then the development build again. */
function packageVsix(dir) {
  const out = join(dir, `${manifest.name}.vsix`);
  const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // The `package` script's options (the user README, no repository to rewrite links against), another output.
  const args = manifest.scripts.package.split(/\s+/).slice(1);
  const o = args.indexOf('-o');
  if (args[0] !== 'package' || o < 0) throw new Error(`unexpected package script: ${manifest.scripts.package}`);
  args.splice(o, 2, '-o', out);
  const r = spawnSync(process.execPath, [vsce, ...args], { cwd: ROOT, encoding: 'utf8' });
  const rebuilt = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vsce package failed (exit ${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  if (rebuilt.status !== 0) log('vsix: the development build after packaging failed');
  return out;
}

/**
 * Packages (unless `vsix` is given), installs into a fresh code-server and checks the installed copy.
 * @param {{ vsix?: string, verbose?: boolean }} options
 * @returns {Promise<{ passed: number, failed: number, problems: string[] }>}
 */
export async function runVsixTest({ vsix, verbose = false } = {}) {
  const result = { passed: 0, failed: 0, problems: [] };
  const check = async (name, fn) => {
    const t = Date.now();
    try {
      const note = await fn();
      result.passed++;
      log(`vsix: ${name}: ok in ${((Date.now() - t) / 1000).toFixed(1)}s${note ? ` (${note})` : ''}`);
      return true;
    } catch (e) {
      result.failed++;
      result.problems.push(`vsix: ${name}: ${e instanceof Error ? e.message : e}`);
      log(`vsix: ${name}: FAILED: ${e instanceof Error ? e.message : e}`);
      return false;
    }
  };
  const dir = mkdtempSync(join(tmpdir(), 'northstar-vsix-'));
  let server;
  let browser;
  let page;
  try {
    if (!vsix && !(await check('vsce package', () => { vsix = packageVsix(dir); }))) return result;
    vsix = resolve(vsix);

    await check('contents', () => {
      const entries = zipEntries(vsix).filter((e) => !e.endsWith('/'));
      const missing = REQUIRED_IN_VSIX.filter((f) => !entries.includes(`extension/${f}`));
      if (missing.length) throw new Error(`missing from the .vsix: ${missing.join(', ')}`);
      const extra = entries.filter((e) => FORBIDDEN_IN_VSIX.some((re) => re.test(e)));
      if (extra.length) throw new Error(`not for the .vsix: ${extra.slice(0, 10).join(', ')}${extra.length > 10 ? ', …' : ''}`);
      return `${entries.length} files, ${(statSync(vsix).size / 1024 / 1024).toFixed(2)} MB`;
    });

    server = await startCodeServer({ verbose });
    const extensionsDir = join(server.tmp, 'extensions');
    const installed = await check('code-server --install-extension', () => {
      const r = spawnSync(CODE_SERVER_BIN, ['--install-extension', vsix, '--extensions-dir', extensionsDir,
        '--user-data-dir', join(server.tmp, 'user-data')], {
        encoding: 'utf8', timeout: 60_000,
        env: { ...process.env, TMPDIR: join(server.tmp, 'tmp'), XDG_CONFIG_HOME: join(server.tmp, 'config'), XDG_DATA_HOME: join(server.tmp, 'data') },
      });
      if (r.status !== 0) throw new Error(`exit ${r.status ?? r.signal}:\n${r.stdout}\n${r.stderr}`);
      const folder = readdirSync(extensionsDir).find((d) => d.toLowerCase() === `${EXTENSION_ID}-${manifest.version}`);
      if (!folder) throw new Error(`no ${EXTENSION_ID}-${manifest.version} in ${extensionsDir}: ${readdirSync(extensionsDir).join(', ')}`);
      const root = join(extensionsDir, folder);
      for (const f of ['package.json', 'dist/extension.js']) if (!existsSync(join(root, f))) throw new Error(`installed copy lacks ${f}`);
      if (existsSync(join(root, 'src'))) throw new Error('installed copy holds src/');
      return folder;
    });
    if (!installed) return result;

    browser = await launchChromium(server.tmp);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // No extensionDevelopmentPath: the only Northstar this window can load is the installed one.
    await page.goto(workbenchUrl(server.url, { workspace: exampleWorkspace() }));

    await check('activates ("Northstar: Show Output")', async () => {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await runFromPalette(page, paletteLabel('northstar.showOutput'));
      const line = page.locator('.part.panel .monaco-editor .view-lines', { hasText: 'activated' });
      await line.waitFor({ timeout: 30_000 });
      const text = (await line.innerText()).replace(/\s+/g, ' ');
      const version = manifest.version.replace(/\./g, '\\.');
      if (!new RegExp(`Northstar ${version} activated`).test(text)) throw new Error(`output panel: ${text.slice(0, 300)}`);
      return text.match(/Northstar \S+ activated in \d+ ms/)?.[0];
    });

    // The webview loads media/diagram.js and media/mermaid/mermaid.min.js from the installed copy.
    await check('draws the architecture diagram (packed media/)', async () => {
      await page.keyboard.press('Escape');
      await runFromPalette(page, paletteLabel('northstar.showDiagram'));
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await frame.locator('body[data-render="done"] #stage svg g.node').first().waitFor({ timeout: 60_000 });
    });
  } catch (e) {
    result.failed++;
    result.problems.push(`vsix: harness: ${e instanceof Error ? e.message : e}`);
    log(`vsix: harness error: ${e instanceof Error ? e.stack : e}`);
  } finally {
    if (result.failed && page) {
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-results', 'vsix-failed.png') }).catch(() => undefined);
    }
    await browser?.close().catch(() => undefined);
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { vsix: { type: 'string' }, verbose: { type: 'boolean' } } });
  const t = Date.now();
  const r = await runVsixTest({ vsix: values.vsix, verbose: values.verbose });
  for (const p of r.problems) console.log(`  FAILED ${p}`);
  console.log(`vsix: ${r.passed} passed, ${r.failed} failed (${((Date.now() - t) / 1000).toFixed(0)}s)`);
  process.exit(r.failed > 0 || r.passed === 0 ? 1 : 0);
}
