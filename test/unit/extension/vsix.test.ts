// The .vsix allow-list (.vscodeignore) judged by vsce itself: the repository's paths (plus the build
// outputs and folders a working tree may hold) are mirrored as empty files into a temp folder and
// vsce's own listFiles() says which it would pack. Only the run-time files may be in; every file
// the manifest names must be. (scripts/vscode/vsix.mjs packages and installs the real thing.)
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Vsce {
  listFiles(options: { cwd: string; manifest: unknown; packageManager: number; ignoreFile: string; readmePath?: string }): Promise<string[]>;
  PackageManager: { None: number };
}
/** The repository: the first folder up from here (out/test/unit/extension) holding package.json and .vscodeignore. */
function repoRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, '.vscodeignore'))) return dir;
  }
  return process.cwd();
}
const ROOT = repoRoot();
// Resolved from the repository (the compiled test may live elsewhere); @vscode/vsce ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const vsce = require(require.resolve('@vscode/vsce', { paths: [ROOT] })) as Vsce;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  icon: string;
  scripts: { package: string };
  contributes: {
    languages: { configuration: string }[];
    grammars: { path: string }[];
    yamlValidation: { url: string }[];
    viewsContainers: { activitybar: { icon: string }[] };
    views: Record<string, { icon?: string }[]>;
  };
};

/** The user README the `package` script packs as the extension's page (--readme-path). */
const README_PATH = /--readme-path\s+(\S+)/.exec(pkg.scripts.package)?.[1] ?? 'README.md';
/** The images it shows (relative paths inside the package). */
const README_IMAGES = [...fs.readFileSync(path.join(ROOT, README_PATH), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);

/** Folders never mirrored file by file (large, generated or caches); a few sample paths stand for them. */
const SKIP = new Set(['node_modules', '.git', '.vscode-test', 'out', 'test-results']);

function repoFiles(dir = '', acc: string[] = []): string[] {
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP.has(entry.name)) repoFiles(rel, acc);
    } else if (entry.isFile() && entry.name !== '.git') {
      // A git worktree's `.git` is a file: the working-tree list below stands for `.git/` already.
      acc.push(rel);
    }
  }
  return acc;
}

/** What a built working tree holds besides the committed files: build outputs (both modes), caches, dependencies. */
const WORKING_TREE = [
  'dist/extension.js', 'dist/extension.js.map', 'dist/cli.js', 'dist/northstar-cli.js', 'dist/northstar-cli.js.map', 'dist/northstar-cli.cache', 'dist/listWorker.js', 'dist/listWorker.js.map', 'dist/analysisWorker.js', 'dist/analysisWorker.js.map',
  'media/diagram.js', 'media/diagram.js.map', 'media/summary.js', 'media/summary.js.map', 'media/diagram.css', 'media/summary.css',
  'media/northstar.svg', 'media/icon.svg', 'media/icon.png', 'media/mermaid/mermaid.min.js', 'media/mermaid/LICENSE',
  'media/mermaid/layout-elk.js', 'media/mermaid/LICENSE-layout-elk', 'media/mermaid/LICENSE-elkjs',
  'node_modules/yaml/package.json', 'node_modules/yaml/dist/index.js', 'node_modules/mermaid/dist/mermaid.min.js',
  'out/src/extension/extension.js', 'out/test/unit/extension/vsix.test.js', '.vscode-test/code-server/node_modules/.bin/code-server',
  'test-results/e2e-show-output.png', 'northstar.vsix', '.git/HEAD', 'src/extension/extension.ts', 'test/unit/analyze.test.ts',
];

/** Paths vsce would pack from this repository. */
async function packed(): Promise<{ all: string[]; files: Set<string> }> {
  const all = [...new Set([...repoFiles(), ...WORKING_TREE])].sort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'northstar-vsix-test-'));
  try {
    for (const rel of all) {
      fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), '');
    }
    const files = await vsce.listFiles({ cwd: dir, manifest: pkg, packageManager: vsce.PackageManager.None, ignoreFile: path.join(ROOT, '.vscodeignore'), readmePath: README_PATH });
    return { all, files: new Set(files.map((f) => f.replace(/\\/g, '/'))) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('extension package (.vscodeignore allow-list)', function () {
  this.timeout(30_000);
  let all: string[];
  let files: Set<string>;
  before(async () => ({ all, files } = await packed()));

  it('packs the bundle, the webview media, Mermaid and its ELK layout with their licences, the schemas, the grammar, the rule docs, the listing and the legal files', () => {
    assert.equal(README_PATH, 'docs/marketplace/README.md');
    assert.ok(README_IMAGES.length >= 3, `the user README shows ${README_IMAGES.length} images`);
    const required = ['package.json', README_PATH, 'CHANGELOG.md', 'media/icon.png', ...README_IMAGES, 'LICENSE', 'dist/extension.js', 'dist/listWorker.js', 'media/diagram.js', 'media/summary.js', 'media/diagram.css',
      'media/summary.css', 'media/northstar.svg', 'media/mermaid/mermaid.min.js', 'media/mermaid/LICENSE',
      'media/mermaid/layout-elk.js', 'media/mermaid/LICENSE-layout-elk', 'media/mermaid/LICENSE-elkjs'];
    for (const f of required) assert.ok(files.has(f), `${f} is not packed`);
    for (const f of all.filter((p) => p.startsWith('docs/rules/') || p.startsWith('syntaxes/') || /^schemas\/[^/]+\.schema\.json$/.test(p))) {
      assert.ok(files.has(f), `${f} is not packed`);
    }
    assert.ok(files.has('docs/rules/README.md'));
    assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')), 'LICENSE exists');
  });

  it('packs the worker threads the extension starts', () => {
    for (const p of ['dist/listWorker.js', 'dist/analysisWorker.js']) assert.ok(files.has(p), `${p} is not packed`);
  });

  it('packs every file the manifest names', () => {
    const c = pkg.contributes;
    const named = [pkg.main, pkg.icon, ...c.languages.map((l) => l.configuration), ...c.grammars.map((g) => g.path), ...c.yamlValidation.map((y) => y.url),
      ...c.viewsContainers.activitybar.map((a) => a.icon), ...Object.values(c.views).flat().flatMap((v) => (v.icon ? [v.icon] : []))];
    assert.ok(named.length >= 8, `found ${named.length} paths in the manifest`);
    for (const p of named) assert.ok(files.has(p.replace(/^\.\//, '')), `${p} (named in package.json) is not packed`);
  });

  it('packs no sources, tests, examples, benchmarks, scripts, dependencies, source maps or CLI bundle', () => {
    const forbidden = /^(src|test|examples|bench|scripts|node_modules|out|bin|\.vscode-test|test-results|\.git|\.ci)\/|\.map$|\.ts$|^dist\/cli\.js$|\.vsix$|^schemas\/output\//;
    const leaked = [...files].filter((f) => forbidden.test(f));
    assert.deepEqual(leaked, []);
    // The mirror really held such files, so the assertion above had something to reject.
    assert.ok(all.filter((f) => forbidden.test(f)).length > 100);
  });

  it('packs only the allow-listed run-time folders and files, nothing at the root besides package.json, CHANGELOG and LICENSE', () => {
    const allowed = /^(package\.json|LICENSE|CHANGELOG\.md|docs\/marketplace\/README\.md|dist\/(extension|listWorker|analysisWorker)\.js|media\/.+\.(js|css)|media\/walkthrough\/[^/]+\.md|media\/(northstar\.svg|icon\.png)|media\/mermaid\/LICENSE(-layout-elk|-elkjs)?|schemas\/[^/]+\.schema\.json|syntaxes\/.+|docs\/rules\/.+)$/;
    // Screenshots only where the user README shows them.
    assert.deepEqual([...files].filter((f) => !allowed.test(f) && !README_IMAGES.includes(f)), []);
    assert.ok(all.filter((f) => f.startsWith('docs/screenshots/')).length > README_IMAGES.length, 'the mirror held screenshots the README does not show');
    // The repository's README (contributor commands) is not the extension's page.
    for (const f of ['README.md', 'media/icon.svg', 'tsconfig.json', 'eslint.config.mjs', '.mocharc.json', '.gitignore', '.vscodeignore', 'package-lock.json']) {
      assert.ok(all.includes(f) && !files.has(f), `${f} is packed`);
    }
  });
});
