// Runs Northstar inside a real VS Code: code-server (the VS Code 1.100 workbench and its Node
// extension host) on 127.0.0.1, driven by Debian's headless Chromium through playwright-core.
//
//   node scripts/vscode/run.mjs [--workspace PATH] [--tests FILE] [--restricted] [--ext DIR] [--timeout SEC] [--verbose]
//
// code-server's CLI rejects --extensionDevelopmentPath/--extensionTestsPath, but the web
// workbench reads both from the `payload` URL parameter. When the test module's run() settles the
// workbench calls window.codeAutomationExit(code) and routes the extension host's console through
// window.codeAutomationLog; we expose both. Only that exit code is trustworthy: code-server itself
// logs exit 0 even when tests fail.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createExampleRepository } from '../example-history.mjs';
import { CHROMIUM_BIN, ROOT, ensureSystemPackages, installCodeServer } from './install.mjs';

/** The line test/integration/index.ts prints first: the harness shows the console from there on. */
export const TESTS_START_MARKER = '[northstar] extension tests start';

/** code-server always names its remote authority "remote". */
const REMOTE = 'vscode-remote://remote';

let exampleCopy;

/**
 * The example workspace `npm start` and the tests open: a temporary copy of examples/acme made a
 * git repository with a scripted, dated history of vision.yaml (scripts/example-history.mjs), so
 * that metric trends have commits to read; made once per process and removed when it exits (unless
 * `keep`: a desktop window outlives the process that opened it). The
 * tests' own fixture while examples/acme does not exist.
 */
export function exampleWorkspace({ keep = false } = {}) {
  const acme = join(ROOT, 'examples', 'acme');
  if (!existsSync(acme) || readdirSync(acme).length === 0) return join(ROOT, 'test', 'fixtures', 'vscode-ws');
  if (!exampleCopy) {
    exampleCopy = createExampleRepository();
    const parent = dirname(exampleCopy);
    if (!keep) process.once('exit', () => rmSync(parent, { recursive: true, force: true }));
  }
  return exampleCopy;
}

/** Quiet, deterministic user settings: no walkthroughs, no update checks, no AI panels. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  // Northstar opens its walkthrough on first activation unless this is off (src/extension/welcome.ts);
  // the UI test of the first run (test/e2e/firstrun.test.mjs) and `npm start` turn it on.
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'editor.hover.delay': 100,
  'git.enabled': false,
  // The web workbench defaults to afterDelay (desktop: off): tests' unsaved edits would be written
  // into the example workspace a second later.
  'files.autoSave': 'off',
};

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--disable-crash-reporter', '--disable-breakpad'];

const started = Date.now();
export const log = (msg) => console.log(`[vscode +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Servers still running; Ctrl+C stops them (they run in their own process group, out of reach of the terminal's SIGINT). */
const running = new Set();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void Promise.all([...running].map((stop) => stop())).finally(() => process.exit(130));
  });
}

function freePort() {
  return new Promise((res, rej) => {
    const server = createServer();
    server.on('error', rej);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => res(port));
    });
  });
}

async function waitForHttp(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try { if ((await fetch(url)).ok) return; } catch { /* not listening yet */ }
    await sleep(200);
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000}s`);
}

/**
 * Starts code-server with temp config/data/extension folders.
 * @param {{ trusted?: boolean, env?: Record<string,string>, port?: number, settings?: object, verbose?: boolean }} options
 *   trusted=false leaves workspace trust on without its startup prompt: the workspace opens in restricted mode.
 * @returns {Promise<{ url: string, port: number, tmp: string, logFile: string, stop: () => Promise<void>, exited: Promise<number|null> }>}
 */
export async function startCodeServer({ trusted = true, env = {}, port, settings = {}, verbose = false } = {}) {
  const bin = installCodeServer();
  const tmp = mkdtempSync(join(tmpdir(), 'northstar-vscode-'));
  mkdirSync(join(tmp, 'tmp'));
  const userData = join(tmp, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const trust = trusted ? {} : { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };
  const all = { ...USER_SETTINGS, ...trust, ...settings };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(all, null, 2));
  // Machine-scoped settings (such as walkthroughs.openOnInstall) are read from the remote's
  // Machine settings, not the user's, in a remote window such as code-server's.
  mkdirSync(join(userData, 'Machine'), { recursive: true });
  writeFileSync(join(userData, 'Machine', 'settings.json'), JSON.stringify(all, null, 2));
  port ??= await freePort();
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--ignore-last-opened', '--user-data-dir', userData,
    '--extensions-dir', join(tmp, 'extensions'), ...(trusted ? ['--disable-workspace-trust'] : [])];
  const child = spawn(bin, args, {
    detached: true, // its own process group: stop() ends the extension host and watchers with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      TMPDIR: join(tmp, 'tmp'), // the extension host's IPC sockets and the TypeScript server's files go away with tmp
      XDG_CONFIG_HOME: join(tmp, 'config'),
      XDG_DATA_HOME: join(tmp, 'data'),
      EXTENSIONS_GALLERY: '{}', // no marketplace: nothing to fetch, and no ENOTFOUND noise offline
      ...env,
    },
  });
  const logFile = join(tmp, 'code-server.log');
  const out = createWriteStream(logFile);
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  if (verbose) { child.stdout.pipe(process.stdout); child.stderr.pipe(process.stderr); }
  const exited = new Promise((r) => child.once('exit', r));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    running.delete(stop);
    if (child.exitCode === null && child.signalCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const killed = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!killed) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }
    }
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is gone */ }
    out.end();
    if (!process.env.NORTHSTAR_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
  };
  running.add(stop);
  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${port}/healthz`, 30_000),
      exited.then((code) => { throw new Error(`code-server exited early (${code}):\n${readFileSync(logFile, 'utf8').slice(-2000)}`); }),
    ]);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url: `http://127.0.0.1:${port}/`, port, tmp, logFile, stop, exited };
}

/** The workbench URL for a folder or a `.code-workspace` file, optionally with an extension under development and a test module. */
export function workbenchUrl(serverUrl, { workspace, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const query = new URLSearchParams();
  if (workspace) {
    const abs = resolve(workspace);
    query.set(statSync(abs).isDirectory() ? 'folder' : 'workspace', abs);
  } else {
    query.set('ew', 'true'); // an empty window
  }
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', REMOTE + resolve(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', REMOTE + resolve(extensionTestsPath)]);
  if (payload.length) query.set('payload', JSON.stringify(payload));
  return `${serverUrl}?${query}`;
}

/** Debian's Chromium, headless; playwright-core never downloads a browser. */
export async function launchChromium(tmp) {
  ensureSystemPackages();
  return chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless: true,
    args: CHROMIUM_ARGS,
    // keeps crashpad out of ~/.config and Chromium's scratch files out of /tmp
    env: { ...process.env, XDG_CONFIG_HOME: join(tmp, 'chromium-config'), TMPDIR: join(tmp, 'tmp') },
  });
}

/**
 * Runs an extension test module (exporting run(): Promise<void>) in the extension host.
 * @param {{ extensionPath: string, testsPath: string, workspace?: string, trusted?: boolean,
 *           env?: Record<string,string>, timeoutMs?: number, verbose?: boolean, name?: string }} options
 * @returns {Promise<number>} 0 passed, 1 tests failed, 2 the harness failed or timed out
 */
export async function runExtensionTests(options) {
  const { extensionPath, testsPath, workspace, trusted = true, env = {}, timeoutMs = 180_000, verbose = false, name = 'run' } = options;
  for (const p of [join(extensionPath, 'package.json'), testsPath, workspace].filter(Boolean)) {
    if (!existsSync(p)) throw new Error(`not found: ${p}`);
  }
  const server = await startCodeServer({ trusted, env, verbose });
  log(`${name}: code-server on ${server.url} (${trusted ? 'trusted' : 'restricted'}, ${workspace ?? 'no workspace'})`);
  let browser;
  let code = 2;
  let watchdog;
  const early = [];
  let testsStarted = false;
  try {
    browser = await launchChromium(server.tmp);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let settle;
    const exit = new Promise((res) => { settle = res; });
    await page.exposeFunction('codeAutomationExit', (c) => settle(Number(c)));
    // The workbench's console and the extension host's come through one channel. Print from the
    // test module's first line on (TESTS_START_MARKER); keep the earlier noise for a failed run.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const parts = Array.isArray(args) ? args : [args];
      if (!testsStarted && parts.some((p) => typeof p === 'string' && p.includes(TESTS_START_MARKER))) testsStarted = true;
      if (testsStarted || verbose) (console[type] ?? console.log)(...parts);
      else early.push(parts.map(String).join(' '));
    });
    page.on('pageerror', (e) => { if (verbose) log(`[pageerror] ${e.message}`); });
    if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    const timeout = new Promise((res) => { watchdog = setTimeout(() => res('timeout'), timeoutMs); });
    await page.goto(workbenchUrl(server.url, { workspace, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath }));
    const result = await Promise.race([exit, timeout]);
    if (result === 'timeout') {
      const shot = join(ROOT, 'test-results', `vscode-timeout-${name}.png`);
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      log(`${name}: TIMEOUT after ${timeoutMs / 1000}s (screenshot ${shot})`);
    } else {
      code = result === 0 ? 0 : 1;
    }
  } catch (e) {
    log(`${name}: harness error: ${e instanceof Error ? e.stack : e}`);
  } finally {
    clearTimeout(watchdog);
    if (code !== 0 && !testsStarted && early.length) console.log(`--- workbench console ---\n${early.join('\n')}`);
    if (code === 2 && !verbose) {
      try { console.log(`--- code-server log (tail) ---\n${readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n')}`); } catch { /* removed */ }
    }
    await browser?.close().catch(() => undefined);
    await server.stop();
  }
  log(`${name}: exit ${code}`);
  return code;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      workspace: { type: 'string' }, tests: { type: 'string' }, ext: { type: 'string' },
      restricted: { type: 'boolean' }, timeout: { type: 'string' }, verbose: { type: 'boolean' },
    },
  });
  const extensionPath = resolve(values.ext ?? ROOT);
  const code = await runExtensionTests({
    extensionPath,
    testsPath: resolve(values.tests ?? join(extensionPath, 'out', 'test', 'integration', 'index.js')),
    workspace: values.workspace,
    trusted: !values.restricted,
    timeoutMs: Number(values.timeout ?? 180) * 1000,
    verbose: values.verbose,
  });
  process.exit(code);
}
