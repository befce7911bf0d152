/* global console, process */
/**
 * A deterministic, seeded generator of synthetic monorepos for the benchmark (and for anyone
 * who needs a workspace of 5, 500 or 5,000 modules).
 *
 *   import { generateWorkspace, writeWorkspace } from './bench/generate.mjs';
 *   const ws = generateWorkspace({ modules: 2000, files: 100_000, seed: 1, rules: 1000 });
 *   ws.paths            // every file, root-relative, sorted
 *   ws.codeowners       // the text of .github/CODEOWNERS (`rules` lines)
 *   ws.contentOf(path)  // the text of any file (deterministic)
 *   ws.fileMap()        // { path: text } for an in-memory workspace
 *   await writeWorkspace(ws, '/tmp/ws')   // a real tree on disk
 *
 * Or from a shell: node bench/generate.mjs --modules 500 --files 20000 --seed 7 --out /tmp/ws
 *
 * Layout: modules under services/<system>/<name>, services/<name>, libs/<name> and
 * apps/<name>, each declared by a service-contract.yaml, a package.json or a
 * catalog-info.yaml; files 2–8 levels deep below them and under docs/; teams.yaml,
 * vision.yaml and .github/CODEOWNERS at the root. CODEOWNERS mixes GitHub's pattern forms:
 * `*`, `*.js`, `/docs/`, `apps/`, `docs/*`, `**\/logs`, `/services/x/**\/*.ts`,
 * `services/*\/api/`, `?`, anchored module folders and single files.
 */
import { mkdir, writeFile, rm, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** mulberry32: small, fast, and the same sequence on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  const pick = (list) => list[int(list.length)];
  return { next, int, pick };
}

const SYSTEMS = ['checkout', 'catalog', 'identity', 'search', 'fulfilment', 'payments', 'growth', 'platform', 'data', 'messaging', 'billing', 'support'];
const WORDS = ['api', 'core', 'gateway', 'ledger', 'fraud', 'cart', 'orders', 'pricing', 'stock', 'users', 'auth', 'session', 'mail', 'push', 'report', 'events', 'feed', 'media', 'geo', 'tax', 'refund', 'invoice', 'quota', 'audit', 'cache', 'store', 'sync', 'index', 'rank', 'promo'];
const DIRS = ['src', 'api', 'internal', 'handlers', 'models', 'util', 'logs', 'lib', 'cmd', 'pkg', 'config', 'db', 'migrations', 'routes', 'services', 'views', 'test', 'components', 'hooks', 'jobs'];
const EXTS = ['ts', 'ts', 'ts', 'tsx', 'js', 'go', 'go', 'py', 'md', 'json', 'yaml', 'css', 'proto', 'sql', 'rs', 'java'];
const PRIORITIES = ['reliability', 'checkout-conversion', 'developer-velocity', 'trust-and-safety'];
const OBS_LIBS = ['pino', '@opentelemetry/api', 'prom-client', 'winston', '@sentry/node'];
const NPM_LIBS = ['express', 'zod', 'lodash', 'react', 'fastify', 'axios', 'dayjs', 'uuid'];

/**
 * @param {{ modules?: number, files?: number, seed?: number, rules?: number, teams?: number }} [options]
 */
export function generateWorkspace(options = {}) {
  const moduleCount = Math.max(1, options.modules ?? 2000);
  const fileTarget = Math.max(moduleCount * 2 + 8, options.files ?? 100_000);
  const seed = options.seed ?? 1;
  const ruleCount = Math.max(1, options.rules ?? 1000);
  const teamCount = Math.max(1, options.teams ?? Math.min(200, Math.max(3, Math.round(moduleCount / 10))));
  const r = rng(seed);

  const teams = [];
  for (let t = 0; t < teamCount; t++) teams.push(`@acme/team-${t}`);

  // Modules: folders and their declaration file.
  const modules = [];
  const usedFolders = new Set();
  for (let i = 0; i < moduleCount; i++) {
    const word = `${r.pick(WORDS)}-${i}`;
    const k = r.next();
    let folder;
    let kind;
    if (k < 0.3) {
      folder = `services/${r.pick(SYSTEMS)}/${word}`;
      kind = 'service';
    } else if (k < 0.45) {
      folder = `services/${word}`;
      kind = 'service';
    } else if (k < 0.8) {
      folder = `libs/${word}`;
      kind = 'library';
    } else {
      folder = `apps/${word}`;
      kind = 'website';
    }
    if (usedFolders.has(folder)) folder = `${folder}-x`;
    usedFolders.add(folder);
    const d = r.next();
    const declaredBy = d < 0.6 ? 'contract' : d < 0.9 ? 'manifest' : 'catalog';
    modules.push({
      name: word,
      path: folder,
      kind,
      declaredBy,
      system: folder.startsWith('services/') && folder.split('/').length === 3 ? folder.split('/')[1] : r.pick(SYSTEMS),
      owner: teams[r.int(teams.length)],
      tier: 1 + r.int(3),
      dependsOn: [],
      priorities: r.next() < 0.5 ? [r.pick(PRIORITIES)] : [],
      observed: r.next() < 0.6,
    });
  }
  // Dependencies point at earlier modules (no cycles), a few at random.
  for (let i = 1; i < modules.length; i++) {
    const n = r.int(4);
    for (let j = 0; j < n; j++) {
      const target = modules[r.int(i)].name;
      if (!modules[i].dependsOn.includes(target)) modules[i].dependsOn.push(target);
    }
  }

  // Files.
  const fileSet = new Set();
  const add = (p) => fileSet.add(p);
  add('.github/CODEOWNERS');
  add('teams.yaml');
  add('vision.yaml');
  add('package.json');
  add('.gitignore');
  add('README.md');
  for (const m of modules) {
    add(`${m.path}/${declarationFile(m)}`);
    add(`${m.path}/README.md`);
  }
  const docsShare = 0.08;
  const remaining = fileTarget - fileSet.size;
  const docsFiles = Math.floor(remaining * docsShare);
  // Folders grow as files arrive: about one new folder per 8 files, each a subfolder of one
  // already there, so depth spreads from 2 to 8 levels and a folder holds several files.
  const foldersOf = new Map();
  const known = new Set();
  const folderFor = (home) => {
    let list = foldersOf.get(home);
    if (!list) foldersOf.set(home, (list = [home]));
    if (r.next() < 1 / 8) {
      const parent = r.pick(list);
      if (parent.split('/').length < 7) {
        const name = parent === home && r.next() < 0.2 ? 'test' : home === 'docs' ? r.pick(WORDS) : r.pick(DIRS);
        const child = `${parent}/${name}`;
        if (!known.has(child)) {
          known.add(child);
          list.push(child);
        }
        return child;
      }
    }
    return r.pick(list);
  };
  let guard = 0;
  while (fileSet.size < fileTarget - docsFiles && guard++ < fileTarget * 4) {
    // Bigger modules first-ish: a skew, as real monorepos have a few giants.
    const m = modules[Math.floor(Math.pow(r.next(), 1.6) * modules.length)];
    add(`${folderFor(m.path)}/${fileName(r)}`);
  }
  guard = 0;
  while (fileSet.size < fileTarget && guard++ < fileTarget * 4) {
    add(`${folderFor('docs')}/${r.pick(WORDS)}-${r.int(400)}.md`);
  }
  const paths = [...fileSet].sort(compare);

  const codeowners = codeownersText({ modules, teams, ruleCount, r });
  const byPath = new Map(modules.map((m) => [m.path, m]));

  const contentOf = (p) => fileContent(p, { modules, byPath, teams, seed, codeowners });
  return {
    seed,
    modules,
    teams,
    paths,
    codeowners,
    contentOf,
    fileMap() {
      const out = {};
      for (const p of paths) out[p] = contentOf(p);
      return out;
    },
  };
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function declarationFile(m) {
  return m.declaredBy === 'contract' ? 'service-contract.yaml' : m.declaredBy === 'catalog' ? 'catalog-info.yaml' : 'package.json';
}

function fileName(r) {
  const k = r.next();
  if (k < 0.03) return r.pick(['Dockerfile', 'Makefile', 'LICENSE']);
  if (k < 0.05) return `${'abcdefgh'[r.int(8)]}.${r.pick(EXTS)}`;
  const ext = r.pick(EXTS);
  const stem = `${r.pick(WORDS)}-${r.int(100)}`;
  if (k < 0.15 && (ext === 'ts' || ext === 'js')) return `${stem}.test.${ext}`;
  return `${stem}.${ext}`;
}

/** CODEOWNERS with `ruleCount` lines (comments aside), GitHub forms mixed. */
function codeownersText({ modules, teams, ruleCount, r }) {
  const lines = ['# Generated by bench/generate.mjs', '* @acme/team-0'];
  const team = () => teams[r.int(teams.length)];
  const mod = () => modules[r.int(modules.length)];
  for (let i = 1; i < ruleCount; i++) {
    const k = r.next();
    let pattern;
    let owned = null;
    if (k < 0.45) {
      owned = mod();
      pattern = `/${owned.path}/`;
    }
    else if (k < 0.55) pattern = `/${mod().path}/${r.pick(DIRS)}/`;
    else if (k < 0.6) pattern = `*.${r.pick(EXTS)}`;
    else if (k < 0.64) pattern = `/docs/${r.pick(WORDS)}/`;
    else if (k < 0.67) pattern = `${r.pick(['apps', 'logs', 'migrations', 'handlers', 'views'])}/`;
    else if (k < 0.7) pattern = `docs/*`;
    else if (k < 0.73) pattern = `**/${r.pick(['logs', 'migrations', 'config'])}`;
    else if (k < 0.8) {
      const m = modules[r.int(modules.length)];
      pattern = `/${m.path}/**/*.${r.pick(['ts', 'go', 'py', 'tsx'])}`;
    } else if (k < 0.84) pattern = `services/*/${r.pick(['api', 'src', 'internal', 'db'])}/`;
    else if (k < 0.87) pattern = `/${mod().path}/${'abcdefgh'[r.int(8)]}.?s`;
    else if (k < 0.9) {
      const folder = mod().path;
      pattern = `/${folder.slice(0, -1)}?/`;
    }
    else if (k < 0.95) pattern = `/${mod().path}/README.md`;
    else if (k < 0.98) pattern = `/${mod().path}/*`;
    else pattern = `${r.pick(['Dockerfile', 'Makefile', 'LICENSE'])}`;
    // A module's folder usually names the team its contract names; sometimes it drifted.
    const first = owned && r.next() < 0.85 ? owned.owner : team();
    const owners = r.next() < 0.15 ? `${first} ${team()}` : first;
    lines.push(`${pattern} ${owners}`);
  }
  return lines.join('\n') + '\n';
}

/** A cheap deterministic hash of a string, for per-file content choices. */
function hash(s, seed) {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function fileContent(p, ctx) {
  const { modules, byPath, teams, seed, codeowners } = ctx;
  if (p === '.github/CODEOWNERS') return codeowners;
  if (p === 'teams.yaml') return teamsYaml(teams);
  if (p === 'vision.yaml') return visionYaml(teams);
  if (p === 'package.json') return JSON.stringify({ name: 'acme-monorepo', private: true, workspaces: ['services/**', 'libs/*', 'apps/*'] }, null, 2) + '\n';
  if (p === '.gitignore') return 'node_modules/\ndist/\n*.log\n.env\n';
  const slash = p.lastIndexOf('/');
  const folder = slash < 0 ? '' : p.slice(0, slash);
  const base = p.slice(slash + 1);
  const m = byPath.get(folder);
  if (m && base === 'service-contract.yaml') return contractYaml(m);
  if (m && base === 'catalog-info.yaml') return catalogYaml(m);
  if (m && base === 'package.json') return packageJson(m, modules);
  const h = hash(p, seed);
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1) : '';
  const lines = 8 + (h % 60);
  const out = [];
  if (ext === 'md') {
    out.push(`# ${base}`, '');
    for (let i = 0; i < lines; i++) out.push(`Line ${i} of the notes about ${folder}: how it works, who to ask and what to watch.`);
    return out.join('\n') + '\n';
  }
  if (ext === 'json') return JSON.stringify({ name: base, values: Array.from({ length: lines % 20 }, (_, i) => i * h) }, null, 2) + '\n';
  if (ext === 'yaml') return `kind: Settings\nname: ${base}\nreplicas: ${h % 5}\n`;
  const comment = ext === 'py' || ext === 'yaml' ? '#' : ext === 'sql' ? '--' : '//';
  out.push(`${comment} ${p}`);
  // One source file in 250 links itself to a priority.
  if (h % 250 === 0) out.push(`${comment} northstar:priority ${PRIORITIES[h % PRIORITIES.length]}`);
  for (let i = 0; i < lines; i++) out.push(`const value${i} = compute(${i}, "${base}"); ${comment} step ${i}`);
  return out.join('\n') + '\n';
}

function teamsYaml(teams) {
  const out = ['apiVersion: northstar/v1', 'kind: Teams', 'teams:'];
  teams.forEach((t, i) => {
    out.push(`  - id: "${t}"`, `    name: Team ${i}`, `    aliases: ["group:default/team-${i}"]`);
    if (i % 7 !== 3) {
      out.push('    escalation:', `      - { kind: chat, target: "#team-${i}-oncall" }`, `      - { kind: pager, target: team-${i}-primary }`);
    }
  });
  return out.join('\n') + '\n';
}

function visionYaml(teams) {
  const out = [
    'apiVersion: northstar/v1',
    'kind: Vision',
    'vision:',
    '  direction: The fastest way to sell online.',
    '  why: Slow pages and failed payments lose customers.',
    '  capabilities: [Real-time fraud scoring, Multi-region failover]',
    'priorities:',
  ];
  PRIORITIES.forEach((id, i) => {
    out.push(`  - id: ${id}`, `    title: Priority ${id}`, `    owner: "${teams[i % teams.length]}"`, '    metrics:');
    out.push(`      - { name: metric ${i}, unit: "%", baseline: ${90 + i}, current: ${92 + i}, target: ${95 + i} }`);
  });
  out.push('capacity: { innovation: 50, maintenance: 30, security: 20 }');
  return out.join('\n') + '\n';
}

function contractYaml(m) {
  const out = [
    'apiVersion: northstar/v1',
    'kind: ServiceContract',
    `name: ${m.name}`,
    `description: The ${m.name} ${m.kind}, generated for the benchmark.`,
    `owner: "${m.owner}"`,
    `type: ${m.kind}`,
    `system: ${m.system}`,
    'lifecycle: production',
    `tier: ${m.tier}`,
  ];
  if (m.dependsOn.length > 0) out.push(`dependsOn: [${m.dependsOn.join(', ')}]`);
  if (m.priorities.length > 0) out.push(`priorities: [${m.priorities.join(', ')}]`);
  if (m.observed) {
    out.push('observability:', '  logs: structured-json', '  metrics: prometheus', `  alerts: [${m.name}-errors]`, '  runbook: README.md');
    out.push('slos:', '  - { name: availability, objective: 99.9, window: 30d }');
  }
  return out.join('\n') + '\n';
}

function catalogYaml(m) {
  const out = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${m.name}`,
    `  description: The ${m.name} ${m.kind}.`,
    'spec:',
    `  type: ${m.kind}`,
    '  lifecycle: production',
    `  owner: group:default/${m.owner.slice(m.owner.indexOf('/') + 1)}`,
    `  system: ${m.system}`,
  ];
  if (m.dependsOn.length > 0) out.push(`  dependsOn: [${m.dependsOn.map((d) => `component:${d}`).join(', ')}]`);
  return out.join('\n') + '\n';
}

function packageJson(m, modules) {
  const deps = {};
  for (const d of m.dependsOn) deps[d] = 'workspace:*';
  if (m.observed) deps[OBS_LIBS[m.name.length % OBS_LIBS.length]] = '^1.0.0';
  deps[NPM_LIBS[m.name.length % NPM_LIBS.length]] = '^4.0.0';
  void modules;
  return JSON.stringify({ name: m.name, version: '1.0.0', private: true, dependencies: deps }, null, 2) + '\n';
}

/**
 * Write a generated workspace to `dir` (created; an existing tree there is replaced unless it
 * carries the same generation stamp, in which case nothing is written).
 * @returns {Promise<boolean>} true when files were written
 */
export async function writeWorkspace(ws, dir, stamp = null) {
  const stampFile = path.join(dir, '.bench-stamp');
  if (stamp !== null) {
    const old = await readFile(stampFile, 'utf8').catch(() => null);
    if (old === stamp) return false;
  }
  await rm(dir, { recursive: true, force: true });
  const folders = new Set();
  for (const p of ws.paths) {
    const slash = p.lastIndexOf('/');
    if (slash > 0) folders.add(p.slice(0, slash));
  }
  // Parents first; recursive mkdir handles the rest.
  const leaves = [...folders].sort();
  await mkdir(dir, { recursive: true });
  const BATCH = 64;
  for (let i = 0; i < leaves.length; i += BATCH) {
    await Promise.all(leaves.slice(i, i + BATCH).map((f) => mkdir(path.join(dir, f), { recursive: true })));
  }
  for (let i = 0; i < ws.paths.length; i += BATCH) {
    await Promise.all(ws.paths.slice(i, i + BATCH).map((p) => writeFile(path.join(dir, p), ws.contentOf(p))));
  }
  if (stamp !== null) await writeFile(stampFile, stamp);
  return true;
}

// Command line: node bench/generate.mjs --modules N --files N --seed N --rules N --out DIR
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const out = opt('out', null);
  if (!out) {
    console.error('usage: node bench/generate.mjs --out DIR [--modules 2000] [--files 100000] [--seed 1] [--rules 1000]');
    process.exit(2);
  }
  const ws = generateWorkspace({
    modules: Number(opt('modules', 2000)),
    files: Number(opt('files', 100_000)),
    seed: Number(opt('seed', 1)),
    rules: Number(opt('rules', 1000)),
  });
  await writeWorkspace(ws, path.resolve(out));
  console.log(`${ws.paths.length} files, ${ws.modules.length} modules written to ${path.resolve(out)}`);
}
