// Installs code-server (a real VS Code 1.100 workbench with a Node extension host) on demand into
// .vscode-test/code-server/, as @vscode/test-electron caches desktop VS Code in .vscode-test/.
// It is a cache, not a dependency: every contributor would otherwise build its native modules.
//
//   node scripts/vscode/install.mjs            install if missing (idempotent)
//   node scripts/vscode/install.mjs --system   only the Debian packages (Chromium for the webview tests)
//
// Only the npm registry and Debian packages are reachable on our machines, hence the workarounds
// below; each one names the failure it avoids.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync, mkdtempSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The last code-server whose engines.node accepts Node 20 (4.103+ want 22). VS Code 1.100.3 inside. */
export const CODE_SERVER_VERSION = '4.100.3';
/** The @vscode/ripgrep version code-server 4.100.3 pins; its postinstall downloads from GitHub. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
export const CACHE_DIR = process.env.NORTHSTAR_VSCODE_CACHE
  ? resolve(process.env.NORTHSTAR_VSCODE_CACHE)
  : join(ROOT, '.vscode-test', 'code-server');
export const CODE_SERVER_BIN = join(CACHE_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Debian packages: chromium drives the workbench; libkrb5-dev + pkg-config build the `kerberos`
 *  native module; ripgrep stands in for @vscode/ripgrep's GitHub download. */
const APT_PACKAGES = [
  { name: 'chromium', present: () => existsSync(CHROMIUM_BIN) },
  { name: 'libkrb5-dev', present: () => existsSync('/usr/include/gssapi/gssapi.h') },
  { name: 'pkg-config', present: () => onPath('pkg-config') },
  { name: 'ripgrep', present: () => onPath('rg') },
];

const log = (msg) => console.log(`[vscode:install] ${msg}`);

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function installedVersion() {
  const pj = join(CACHE_DIR, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(pj) || !existsSync(CODE_SERVER_BIN)) return undefined;
  return JSON.parse(readFileSync(pj, 'utf8')).version;
}

/** Installs the missing Debian packages when we are root on Debian; elsewhere stops with the command to run. */
export function ensureSystemPackages() {
  const missing = APT_PACKAGES.filter((p) => !p.present()).map((p) => p.name);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (platform() !== 'linux' || !existsSync('/usr/bin/apt-get') || !isRoot) {
    throw new Error(`missing system packages: ${missing.join(', ')}. Run as root:\n  ${command}\n` +
      '(elsewhere: install Chromium, the Kerberos/GSSAPI headers, pkg-config and ripgrep, and set CHROMIUM_BIN)');
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

/** @vscode/ripgrep's postinstall looks in $TMPDIR/vscode-ripgrep-cache-<version> before it calls
 *  api.github.com: put Debian's rg there under every asset name it may ask for. */
function seedRipgrepCache(tmpDir) {
  const cache = join(tmpDir, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  const target = arch() === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  const staging = mkdtempSync(join(tmpDir, 'rg-'));
  copyFileSync(rg, join(staging, 'rg'));
  for (const tag of ['v13.0.0-10', 'v13.0.0-13', 'v13.0.0-4', 'v14.1.1-1']) {
    const asset = join(cache, `ripgrep-${tag}-${target}.tar.gz`);
    if (!existsSync(asset)) execFileSync('tar', ['czf', asset, '-C', staging, 'rg']);
  }
  rmSync(staging, { recursive: true, force: true });
}

/** Ensures code-server CODE_SERVER_VERSION is in the cache; returns its executable. */
export function installCodeServer() {
  const have = installedVersion();
  if (have === CODE_SERVER_VERSION) return CODE_SERVER_BIN;
  ensureSystemPackages();
  const started = Date.now();
  log(have ? `replacing code-server ${have} with ${CODE_SERVER_VERSION}` : `installing code-server ${CODE_SERVER_VERSION} into ${CACHE_DIR}`);
  const tmpDir = join(CACHE_DIR, '.tmp'); // ripgrep cache and node-gyp scratch stay in the cache
  mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  const pj = join(CACHE_DIR, 'package.json');
  if (!existsSync(pj)) writeFileSync(pj, JSON.stringify({ name: 'northstar-code-server-cache', private: true }, null, 2) + '\n');
  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    npm_config_unsafe_perm: 'true', // code-server's postinstall.sh refuses root without it (npm 11 warns "Unknown env config": expected)
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which would prompt
    npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr', // node-gyp must not download headers
    npm_config_update_notifier: 'false',
  };
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`],
    { cwd: CACHE_DIR, env, stdio: 'inherit' });
  if (npm.status !== 0) throw new Error(`npm install code-server@${CODE_SERVER_VERSION} failed (exit ${npm.status}); see the output above`);
  const version = execFileSync(CODE_SERVER_BIN, ['--version'], {
    encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(tmpDir, 'config'), XDG_DATA_HOME: join(tmpDir, 'data') },
  }).split('\n').find((line) => line.startsWith(CODE_SERVER_VERSION)) ?? '?';
  rmSync(tmpDir, { recursive: true, force: true });
  log(`code-server ${version} installed in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return CODE_SERVER_BIN;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--system')) {
      ensureSystemPackages();
      process.exit(0);
    }
    const have = installedVersion();
    installCodeServer();
    if (have === CODE_SERVER_VERSION) log(`code-server ${CODE_SERVER_VERSION} already installed in ${CACHE_DIR}`);
    ensureSystemPackages(); // chromium may be missing even when code-server is cached
  } catch (e) {
    console.error(`[vscode:install] ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  }
}
