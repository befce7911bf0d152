// The packed .vsix judged as Open VSX and the Marketplace would judge it, offline: a licence, a
// publisher and a name their rules accept, a major.minor.patch version, `engines.vscode`, no
// proposed API, a PNG icon of at least 128×128 (read from its header), the user README and the
// changelog, and every image that README shows inside the package.
//
// The .vsix is the real one when NORTHSTAR_VSIX names it (after `npm run package`); otherwise it
// is packed here by vsce's own pack() from a mirror of the repository: the listing files (manifest,
// LICENSE, CHANGELOG, README, icon, screenshots) with their real bytes, the run-time files as empty
// placeholders, with the options the `package` script passes. (vsix.test.ts checks the allow-list.)
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, '.vscodeignore'))) return dir;
  }
  return process.cwd();
}
const ROOT = repoRoot();

interface Manifest {
  name?: unknown;
  publisher?: unknown;
  version?: unknown;
  license?: unknown;
  icon?: unknown;
  engines?: { vscode?: unknown };
  enabledApiProposals?: unknown;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/** The files of a zip archive by name, inflated (stored and deflated entries: what vsce writes). */
export function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const files = new Map<string, Buffer>();
  let at = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    files.set(name, method === 0 ? raw : zlib.inflateRawSync(raw));
  }
  return files;
}

/** Width and height from a PNG's IHDR, or null when the bytes are not a PNG. */
export function pngSize(png: Buffer | undefined): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!png || png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Marketplace publisher ids and extension names (vsce's validatePublisher/validateExtensionName). */
const MARKETPLACE_ID = /^[a-z0-9][a-z0-9-]*$/i;
/** Open VSX namespaces and names (openvsx ExtensionValidator: word characters, - + $ ~). */
const OPEN_VSX_ID = /^[\w+$~-]+$/;
/** The Marketplace takes major.minor.patch only (no pre-release or build suffix). */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** `engines.vscode`: a version or a ^/>= range of one (what vsce accepts), not `*`. */
const ENGINE = /^(\^|>=)?(0|[1-9]\d*)\.(0|[1-9]\d*|x)\.(0|[1-9]\d*|x)$/;

/** What Open VSX or the Marketplace would reject or show badly in a packed extension. Empty: none. */
export function listingProblems(files: ReadonlyMap<string, Buffer>): string[] {
  const problems: string[] = [];
  const text = (name: string): string | undefined => files.get(name)?.toString('utf8');
  const raw = text('extension/package.json');
  if (raw === undefined) return ['no extension/package.json'];
  const m = JSON.parse(raw) as Manifest;
  for (const key of ['publisher', 'name'] as const) {
    const v = m[key];
    if (typeof v !== 'string' || !MARKETPLACE_ID.test(v) || !OPEN_VSX_ID.test(v) || v.length > 128) problems.push(`${key} ${JSON.stringify(v)} is not a valid id`);
  }
  if (typeof m.version !== 'string' || !VERSION.test(m.version)) problems.push(`version ${JSON.stringify(m.version)} is not major.minor.patch`);
  if (typeof m.engines?.vscode !== 'string' || !ENGINE.test(m.engines.vscode)) problems.push(`engines.vscode ${JSON.stringify(m.engines?.vscode)} is missing or not a version range`);
  if ('enabledApiProposals' in m) problems.push('enabledApiProposals: proposed API cannot be published');
  if (typeof m.license !== 'string' || m.license === '') problems.push('no license in package.json');
  if (![...files.keys()].some((f) => /^extension\/licen[sc]e(\.(txt|md))?$/i.test(f))) problems.push('no LICENSE file packed');
  if (typeof m.icon !== 'string') problems.push('no icon in package.json');
  else {
    const size = pngSize(files.get(`extension/${m.icon}`));
    if (!/\.png$/i.test(m.icon) || !size) problems.push(`icon ${m.icon} is not a PNG packed in the extension`);
    else if (size.width < 128 || size.height < 128) problems.push(`icon ${m.icon} is ${size.width}×${size.height}, under 128×128`);
  }
  const readme = text('extension/readme.md');
  if (readme === undefined) problems.push('no readme.md packed');
  else {
    // Images in the README are relative paths inside the package (no repository to serve them).
    for (const [, src] of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) problems.push(`readme image ${src} is not inside the package`);
      else if (!files.has(`extension/${src.replace(/^\.\//, '')}`)) problems.push(`readme image ${src} is not packed`);
      else if (/\.svg$/i.test(src)) problems.push(`readme image ${src} is an SVG (the Marketplace refuses them)`);
    }
    if (/npm (install|start)\b/.test(readme)) problems.push('readme.md opens with contributor commands');
  }
  if (!files.has('extension/changelog.md')) problems.push('no changelog.md packed');
  const vsixManifest = text('extension.vsixmanifest') ?? '';
  if (!vsixManifest.includes('Microsoft.VisualStudio.Services.Icons.Default')) problems.push('extension.vsixmanifest names no icon');
  // A repository/bugs/homepage that points somewhere must be one a user can open: none is public yet.
  for (const key of ['repository', 'bugs', 'homepage']) {
    if (JSON.stringify(m[key] ?? '').includes('northstar-dev/northstar')) problems.push(`${key} points at github.com/northstar-dev/northstar, which is not public`);
  }
  return problems;
}

/** The `package` script's vsce options, as pack() takes them. */
function packageScriptOptions(manifest: Manifest): { readmePath: string; rewriteRelativeLinks: boolean; allowMissingRepository: boolean; dependencies: boolean } {
  const script = manifest.scripts?.package ?? '';
  const args = script.split(/\s+/);
  const readme = args.indexOf('--readme-path');
  assert.ok(args[0] === 'vsce' && args[1] === 'package', `package script: ${script}`);
  assert.ok(readme > 0 && args[readme + 1], `the package script names the user README with --readme-path: ${script}`);
  return {
    readmePath: args[readme + 1],
    rewriteRelativeLinks: !args.includes('--no-rewrite-relative-links'),
    allowMissingRepository: args.includes('--allow-missing-repository'),
    dependencies: !args.includes('--no-dependencies'),
  };
}

interface VscePackage {
  pack(options: Record<string, unknown>): Promise<{ packagePath: string }>;
}

/** Packs a .vsix from a mirror of the repository (see the top of the file). */
async function packMirror(): Promise<Buffer> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;
  const options = packageScriptOptions(manifest);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-listing-test-'));
  try {
    const put = (rel: string, content: Buffer | string) => {
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), content);
    };
    // The manifest without its prepublish step: pack() never runs it, but keep the mirror inert.
    put('package.json', JSON.stringify({ ...manifest, scripts: {} }, null, 2));
    const real = ['LICENSE', 'CHANGELOG.md', options.readmePath, typeof manifest.icon === 'string' ? manifest.icon : ''];
    for (const dirName of ['docs/screenshots', 'media']) {
      for (const f of fs.readdirSync(path.join(ROOT, dirName))) if (/\.(png|svg)$/.test(f)) real.push(`${dirName}/${f}`);
    }
    for (const rel of real.filter(Boolean)) if (fs.existsSync(path.join(ROOT, rel))) put(rel, fs.readFileSync(path.join(ROOT, rel)));
    for (const rel of ['dist/extension.js', 'dist/listWorker.js', 'media/summary.js', 'media/diagram.js', 'README.md']) put(rel, '');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const vsce = require(require.resolve('@vscode/vsce/out/package', { paths: [ROOT] })) as VscePackage;
    const out = path.join(dir, 'northstar.vsix');
    // vsce prints the file tree (console.log) and its warnings (console.warn, console.error): keep
    // the test's output quiet, and fail on any warning, as `npm run package` should print none.
    const said: string[] = [];
    const saved = { log: console.log, warn: console.warn, error: console.error };
    console.log = () => undefined;
    console.warn = console.error = (...args: unknown[]) => void said.push(args.map(String).join(' '));
    try {
      await vsce.pack({ ...options, cwd: dir, packagePath: out, ignoreFile: path.join(ROOT, '.vscodeignore') });
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(said, [], 'vsce warned while packing');
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('extension listing (Open VSX and Marketplace rules, offline)', function () {
  this.timeout(60_000);
  let files: Map<string, Buffer>;
  before(async () => {
    const given = process.env.NORTHSTAR_VSIX;
    files = unzip(given ? fs.readFileSync(path.resolve(given)) : await packMirror());
  });

  it('the packed extension has nothing Open VSX or the Marketplace would refuse', () => {
    assert.deepEqual(listingProblems(files), []);
    const icon = pngSize(files.get('extension/media/icon.png'));
    assert.ok(icon && icon.width >= 128 && icon.height >= 128, JSON.stringify(icon));
  });

  it('its page is the user README: what it does, commands and settings from the manifest, screenshots', () => {
    const readme = files.get('extension/readme.md')?.toString('utf8') ?? '';
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      contributes: { commands: { title: string; category?: string }[]; configuration: { properties: Record<string, unknown> } };
    };
    for (const c of manifest.contributes.commands) assert.ok(readme.includes(`${c.category ?? 'Northstar'}: ${c.title}`), `the README lists the command "${c.title}"`);
    for (const key of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`\`${key}\``), `the README lists the setting ${key}`);
    assert.ok((readme.match(/!\[/g) ?? []).length >= 3, 'the README shows screenshots');
    assert.match(readme, /## The files it reads/);
  });

  it('the icon is what media/icon.svg draws (scripts/icon.mjs --check)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'icon.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  });

  it('finds what it should: a broken manifest, a missing licence, a small or fake icon, a README image left out', () => {
    const broken = new Map(files);
    const manifest = JSON.parse(broken.get('extension/package.json')?.toString('utf8') ?? '{}') as Manifest;
    broken.set('extension/package.json', Buffer.from(JSON.stringify({
      ...manifest, publisher: 'North Star', name: 'north/star', version: '0.1', engines: {}, enabledApiProposals: ['x'],
      repository: { url: 'https://github.com/northstar-dev/northstar' },
    })));
    for (const name of [...broken.keys()]) if (/^extension\/license/i.test(name)) broken.delete(name);
    const small = Buffer.from(files.get('extension/media/icon.png') ?? Buffer.alloc(0));
    small.writeUInt32BE(64, 16);
    broken.set('extension/media/icon.png', small);
    broken.set('extension/readme.md', Buffer.from('# x\n\n![a](docs/screenshots/missing.png) ![b](https://example.com/b.png)\n\nnpm install && npm start\n'));
    const problems = listingProblems(broken).join('\n');
    for (const expected of ['publisher "North Star"', 'name "north/star"', 'version "0.1"', 'engines.vscode', 'enabledApiProposals', 'no LICENSE file',
      'icon media/icon.png is 64×128', 'missing.png is not packed', 'https://example.com/b.png is not inside', 'contributor commands', 'repository points at']) {
      assert.ok(problems.includes(expected), `expected "${expected}" in:\n${problems}`);
    }
    broken.set('extension/media/icon.png', Buffer.from('<svg/>'));
    assert.match(listingProblems(broken).join('\n'), /icon media\/icon\.png is not a PNG/);
  });
});
