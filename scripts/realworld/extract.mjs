#!/usr/bin/env node
/**
 * Makes a compact skeleton of a real repository for the real-world corpus
 * (test/fixtures/realworld/README.md):
 *
 *   node scripts/realworld/extract.mjs <bare git dir> <owner/name> [rev]
 *
 * writes test/fixtures/realworld/<owner>__<name>/:
 *   skeleton.json (or skeleton.json.gz when large): the source repository, the commit, and
 *     every tracked path, with its size when it is 1 MB or more (size decides whether
 *     Northstar reads a file), a flag on files that are not UTF-8 text (binary), the target of a
 *     symlink, and submodules flagged;
 *   files/<path>: the content of the files Northstar reads for modules and owners
 *     (CODEOWNERS, catalogs and what their Locations target, Northstar's own YAML, package
 *     manifests, ignore files, .gitlab-ci.yml). No source code, no scripts.
 *
 * Files under a node_modules folder are listed but never kept with content: the engine
 * never reads them, and this repository's own .gitignore keeps node_modules/ out.
 */
import { execFileSync } from 'node:child_process';
import { isUtf8 } from 'node:buffer';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import picomatch from 'picomatch';
import { parseAllDocuments } from 'yaml';

const [gitDir, repository, rev = 'HEAD'] = process.argv.slice(2);
if (!gitDir || !repository || !repository.includes('/')) {
  console.error('usage: extract.mjs <bare git dir> <owner/name> [rev]');
  process.exit(2);
}

const here = path.dirname(new URL(import.meta.url).pathname);
const projectRoot = path.resolve(here, '..', '..');
const out = path.join(projectRoot, 'test', 'fixtures', 'realworld', repository.replace('/', '__'));

/** Size at and above which a file's size is recorded (the engine's MAX_TEXT_BYTES). */
const SIZE_MATTERS = 1024 * 1024;

const git = (...args) =>
  execFileSync('git', ['--git-dir', gitDir, '-c', 'core.fsmonitor=false', ...args], {
    maxBuffer: 1 << 30,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });

const commit = git('rev-parse', `${rev}^{commit}`).toString().trim();

/** `git ls-tree -r -l -z`: mode type object size<TAB>path. */
const entries = [];
for (const record of git('ls-tree', '-r', '-l', '-z', commit).toString('utf8').split('\0')) {
  if (record === '') continue;
  const tab = record.indexOf('\t');
  const [mode, type, object, size] = record.slice(0, tab).split(/\s+/);
  // A snapshot lacks blobs of 4 MiB and more: git says "BAD" for their size. The engine only
  // needs to know that they are over its 1 MB limit; 4 MiB is recorded, flagged as a lower bound.
  const absent = size === 'BAD';
  entries.push({ path: record.slice(tab + 1), mode, type, object, size: size === '-' ? 0 : absent ? 4 * 1024 * 1024 : Number(size), absent });
}
entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

const MANIFESTS = new Set([
  'package.json', 'go.mod', 'go.work', 'Cargo.toml', 'pyproject.toml', 'setup.py', 'setup.cfg', 'Pipfile',
  'Gemfile', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts',
  'composer.json', 'Package.swift', 'pubspec.yaml', 'mix.exs', 'pnpm-workspace.yaml', 'lerna.json', 'nx.json',
  'turbo.json', 'rush.json',
]);
const NORTHSTAR_FILES = /^(service-contract|teams|vision|\.northstar)\.ya?ml$/;

function keepsContent(p) {
  const segments = p.split('/');
  if (segments.includes('node_modules')) return false;
  const base = segments[segments.length - 1];
  if (base === 'CODEOWNERS' || p === '.github/component_owners.yml' || p === '.github/component_owners.yaml') return true;
  if (/^catalog-info\.ya?ml$/.test(base)) return true;
  // A Backstage app's root app-config registers catalog files (catalog.locations).
  if (segments.length === 1 && /^app-config(\.[\w-]+)*\.ya?ml$/.test(base)) return true;
  if (NORTHSTAR_FILES.test(base)) return true;
  if (MANIFESTS.has(base)) return true;
  if (/^requirements.*\.txt$/.test(base)) return true;
  if (/\.(gemspec|csproj|sln)$/.test(base)) return true;
  if (base === '.gitignore' || p === '.gitlab-ci.yml') return true;
  if (/\.ya?ml$/.test(base) && segments.slice(0, -1).includes('catalog')) return true;
  return false;
}

const blobs = new Map(entries.filter((e) => e.type === 'blob' && e.mode !== '120000').map((e) => [e.path, e]));
const kept = new Set(entries.filter((e) => blobs.has(e.path) && keepsContent(e.path)).map((e) => e.path));

/** Backstage entity files wherever they are (an app-config or a Location may register them). */
let entityFiles = '';
try {
  entityFiles = git('grep', '-lE', '^apiVersion: *["\']?backstage\\.io/', commit, '--', '*.yaml', '*.yml').toString('utf8');
} catch {
  // git grep exits 1 when nothing matches
}
for (const line of entityFiles.split('\n')) {
  const p = line.slice(commit.length + 1);
  const entry = blobs.get(p);
  if (entry && entry.size < 256 * 1024 && !p.split('/').includes('node_modules')) kept.add(p);
}

/** Follow Backstage Location entities (relative targets and globs, inside the repository). */
const pending = [...kept].filter((p) => /\.ya?ml$/.test(p));
const seen = new Set();
while (pending.length > 0) {
  const file = pending.pop();
  if (seen.has(file)) continue;
  seen.add(file);
  let docs;
  try {
    docs = parseAllDocuments(git('cat-file', 'blob', blobs.get(file).object).toString('utf8'));
  } catch {
    continue;
  }
  for (const doc of docs) {
    let value;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (!value || typeof value !== 'object' || value.kind !== 'Location') continue;
    const spec = value.spec ?? {};
    const targets = [spec.target, ...(Array.isArray(spec.targets) ? spec.targets : [])].filter((t) => typeof t === 'string');
    for (const target of targets) {
      if (/^[a-z]+:/i.test(target)) continue; // a URL: another repository
      const joined = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
      if (joined.startsWith('..')) continue;
      const match = picomatch(joined, { dot: true });
      for (const candidate of blobs.keys()) {
        if (candidate === joined || match(candidate)) {
          if (!kept.has(candidate)) {
            kept.add(candidate);
            pending.push(candidate);
          }
        }
      }
    }
  }
}

rmSync(path.join(out, 'files'), { recursive: true, force: true });
rmSync(path.join(out, 'skeleton.json'), { force: true });
rmSync(path.join(out, 'skeleton.json.gz'), { force: true });
mkdirSync(out, { recursive: true });

let keptBytes = 0;
for (const p of kept) {
  const content = git('cat-file', 'blob', blobs.get(p).object);
  keptBytes += content.length;
  const target = path.join(out, 'files', p);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

/**
 * Files under 1 MB that are not UTF-8 text (binary): the engine reports the ones it opens, so the
 * materialiser recreates them with a byte that is not UTF-8. One `git cat-file --batch` pass.
 */
const binary = new Set();
{
  const small = entries.filter((e) => e.type === 'blob' && !e.absent && e.mode !== '120000' && e.size > 0 && e.size < SIZE_MATTERS && !kept.has(e.path));
  const batch = execFileSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: small.map((e) => e.object).join('\n') + '\n',
    maxBuffer: 1 << 31 - 1,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' },
  });
  let at = 0;
  for (const e of small) {
    const headerEnd = batch.indexOf(10, at);
    const size = Number(batch.subarray(at, headerEnd).toString('latin1').split(' ')[2]);
    const content = batch.subarray(headerEnd + 1, headerEnd + 1 + size);
    at = headerEnd + 1 + size + 1;
    if (content.includes(0) || !isUtf8(content)) binary.add(e.path);
  }
}

const files = entries.map((e) => {
  const row = { path: e.path };
  if (e.mode === '120000') row.symlink = git('cat-file', 'blob', e.object).toString('utf8');
  else if (e.type === 'commit') row.submodule = true;
  else {
    if (e.size >= SIZE_MATTERS) row.size = e.size;
    if (e.absent) row.sizeAtLeast = true;
    if (e.mode === '100755') row.executable = true;
    if (binary.has(e.path)) row.binary = true;
    if (kept.has(e.path)) row.content = true;
  }
  return row;
});

const skeleton = {
  repository: `https://github.com/${repository}`,
  commit,
  committed: git('show', '-s', '--format=%cI', commit).toString().trim(),
  fileCount: files.length,
  keptFiles: kept.size,
  files,
};
const json = JSON.stringify(skeleton, null, 0).replace(/\},\{/g, '},\n{') + '\n';
if (json.length > 200 * 1024) writeFileSync(path.join(out, 'skeleton.json.gz'), gzipSync(json, { level: 9 }));
else writeFileSync(path.join(out, 'skeleton.json'), json);
console.log(`${repository} ${commit.slice(0, 12)}: ${files.length} paths, ${kept.size} kept (${(keptBytes / 1024).toFixed(0)} KiB)`);
