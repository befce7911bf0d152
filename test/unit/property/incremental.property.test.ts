/**
 * Property test of the incremental analyzer: after any sequence of edits (contracts changed,
 * broken, added and deleted, or only re-written with a comment, CODEOWNERS lines appended,
 * removed and rewritten, teams.yaml, vision.yaml and .northstar.yaml edited, Backstage catalog
 * files and package manifests written and deleted, source and test files added and deleted,
 * folders deleted, unsaved editor buffers opened and closed), `WorkspaceAnalyzer.update()` gives the same model and findings,
 * and the same answers to ownersOf / moduleOf / codeownersStats, as a fresh full analysis of
 * the workspace as it then is. Whatever an update keeps from the previous snapshot (caches
 * keyed by the file list, carried CODEOWNERS state, indexes, the modules an edit left unchanged and
 * the findings of per-module rules kept for them, rules not run again) must never show.
 *
 * The seed is printed; replay a failure with NORTHSTAR_SEED=<seed>.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Analysis, FileChange } from '../../../src/core/api';
import { analyzeWorkspace, WorkspaceAnalyzer } from '../../../src/core/analyze';
import { InMemoryFileAccess } from '../../../src/core/fs';

const seed = process.env.NORTHSTAR_SEED !== undefined ? Number(process.env.NORTHSTAR_SEED) : Date.now() % 2 ** 31;
const RUNS = Number(process.env.NORTHSTAR_PROPERTY_RUNS ?? 40);
const TODAY = '2026-11-01';

const SYSTEMS = ['checkout', 'search', 'identity'];
const TEAMS = ['@acme/payments', '@acme/platform', '@acme/search', '@acme/identity'];
const PRIORITIES = ['reliability', 'checkout-conversion', 'developer-speed', 'ghost-priority'];
/** Module folders: services under systems, libraries, apps, and one nested inside another. */
const FOLDERS = [
  'services/checkout/payments',
  'services/checkout/payments/worker',
  'services/checkout/ledger',
  'services/search/indexer',
  'services/identity/auth',
  'libs/logger',
  'libs/http',
  'apps/web',
];
const NAMES = ['payments', 'payments-worker', 'ledger', 'indexer', 'auth', 'logger', 'http', 'web'];
/** CODEOWNERS patterns of every kind the engine indexes differently. */
const PATTERNS = [
  '*',
  '*.ts',
  '*.md',
  '/services/',
  'services/*/payments/',
  '/services/checkout/**/*.ts',
  'libs/',
  '**/test',
  'docs/*',
  '/apps/web/',
  'README.md',
  '/libs/logger/index.ts',
  'services/search/',
  '?pps/',
  '/services/checkout/payments/worker/',
];

interface ContractSpec {
  name: number;
  owner: number;
  tier: number | null;
  deps: number[];
  priorities: number[];
  broken: boolean;
  observability: boolean;
}

function contractText(folder: number, c: ContractSpec): string {
  if (c.broken) return `apiVersion: northstar/v1\nkind: ServiceContract\nname: [${NAMES[c.name]}\nowner: "${TEAMS[c.owner]}"\n`;
  const lines = [
    'apiVersion: northstar/v1',
    'kind: ServiceContract',
    `name: ${NAMES[c.name]}`,
    `owner: "${TEAMS[c.owner]}"`,
    `type: ${FOLDERS[folder].startsWith('libs/') ? 'library' : 'service'}`,
    `system: ${SYSTEMS[folder % SYSTEMS.length]}`,
    'lifecycle: production',
  ];
  if (c.tier !== null) lines.push(`tier: ${c.tier}`);
  if (c.deps.length > 0) lines.push(`dependsOn: [${c.deps.map((d) => NAMES[d]).join(', ')}]`);
  if (c.priorities.length > 0) lines.push(`priorities: [${c.priorities.map((p) => PRIORITIES[p]).join(', ')}]`);
  if (c.observability) lines.push('observability:', '  metrics: prometheus', '  alerts: ["ErrorRateHigh"]', '  runbook: docs/runbook.md');
  return `${lines.join('\n')}\n`;
}

function teamsText(withEscalation: readonly boolean[]): string {
  const lines = ['apiVersion: northstar/v1', 'kind: Teams', 'teams:'];
  TEAMS.slice(0, 3).forEach((id, i) => {
    lines.push(`  - id: "${id}"`, `    name: Team ${i}`);
    if (withEscalation[i]) lines.push('    escalation:', `      - { kind: chat, target: "#team-${i}" }`);
  });
  return `${lines.join('\n')}\n`;
}

function visionText(count: number): string {
  const lines = ['apiVersion: northstar/v1', 'kind: Vision', 'vision:', '  direction: Faster checkout.', 'priorities:'];
  for (const id of PRIORITIES.slice(0, count)) {
    lines.push(`  - id: ${id}`, `    title: ${id}`, '    metrics:', '      - { name: m, unit: "%", baseline: 1, current: 2, target: 3 }');
  }
  lines.push('capacity: { innovation: 50, maintenance: 30, security: 20 }');
  return `${lines.join('\n')}\n`;
}

const contractSpec: fc.Arbitrary<ContractSpec> = fc.record({
  name: fc.nat(NAMES.length - 1),
  owner: fc.nat(TEAMS.length - 1),
  tier: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  deps: fc.uniqueArray(fc.nat(NAMES.length - 1), { maxLength: 3 }),
  priorities: fc.uniqueArray(fc.nat(PRIORITIES.length - 1), { maxLength: 2 }),
  broken: fc.nat(7).map((n) => n === 0),
  observability: fc.boolean(),
});

const codeownersLine = fc.tuple(fc.nat(PATTERNS.length - 1), fc.uniqueArray(fc.nat(TEAMS.length - 1), { maxLength: 2 })).map(
  ([p, owners]) => `${PATTERNS[p]} ${owners.map((o) => TEAMS[o]).join(' ')}`.trimEnd(),
);

/** A file a module may hold: sources (some tagged with a priority), tests, docs. */
const moduleFile = fc.tuple(fc.nat(FOLDERS.length - 1), fc.constantFrom('src/index.ts', 'src/util.ts', 'src/util.test.ts', 'test/api.spec.ts', 'README.md', 'docs/runbook.md', 'src/deep/a/b.ts', 'main.go', 'debug.log', 'node_modules/left-pad/package.json'), fc.nat(PRIORITIES.length));

type Edit =
  | { kind: 'contract'; folder: number; spec: ContractSpec }
  | { kind: 'delete-contract'; folder: number }
  | { kind: 'delete-folder'; folder: number }
  | { kind: 'codeowners-append'; line: string }
  | { kind: 'codeowners-remove'; at: number }
  | { kind: 'codeowners-replace'; at: number; line: string }
  | { kind: 'codeowners-owners'; at: number; owners: number[] }
  | { kind: 'codeowners-comment'; at: number }
  | { kind: 'teams'; escalation: boolean[] }
  | { kind: 'vision'; count: number }
  | { kind: 'add-file'; file: [number, string, number] }
  | { kind: 'delete-file'; at: number }
  | { kind: 'overlay'; folder: number; spec: ContractSpec }
  | { kind: 'contract-comment'; folder: number; first: boolean }
  | { kind: 'catalog'; folder: number; spec: CatalogSpec | null }
  | { kind: 'manifest'; folder: number; spec: ManifestSpec | null }
  | { kind: 'config'; spec: ConfigSpec | null }
  | { kind: 'close-overlays' };

/** A catalog-info.yaml: a Group (a team another name of which a contract or CODEOWNERS may use), maybe a Component of the folder. */
interface CatalogSpec {
  group: number;
  component: { name: number; owner: number } | null;
}

const catalogSpec: fc.Arbitrary<CatalogSpec> = fc.record({
  group: fc.nat(TEAMS.length - 1),
  component: fc.option(fc.record({ name: fc.nat(NAMES.length - 1), owner: fc.nat(TEAMS.length) }), { nil: null }),
});

function catalogText(c: CatalogSpec): string {
  const team = TEAMS[c.group].replace(/^@acme\//, '');
  const docs = [
    ['apiVersion: backstage.io/v1alpha1', 'kind: Group', 'metadata:', `  name: ${team}`, '  annotations:', `    github.com/team-slug: acme/${team}`, 'spec:', '  type: team', '  children: []'],
  ];
  if (c.component) {
    // Owner TEAMS.length: a group name only the catalog declares.
    const owner = c.component.owner < TEAMS.length ? TEAMS[c.component.owner].replace(/^@acme\//, '') : team;
    docs.push(['apiVersion: backstage.io/v1alpha1', 'kind: Component', 'metadata:', `  name: ${NAMES[c.component.name]}`, 'spec:', '  type: service', '  lifecycle: production', `  owner: ${owner}`]);
  }
  return `${docs.map((d) => d.join('\n')).join('\n---\n')}\n`;
}

/** A package.json: with or without an observability library, maybe a Backstage backend app. */
interface ManifestSpec {
  name: number;
  pino: boolean;
  backend: boolean;
}

const manifestSpec: fc.Arbitrary<ManifestSpec> = fc.record({ name: fc.nat(NAMES.length - 1), pino: fc.boolean(), backend: fc.boolean() });

function manifestText(m: ManifestSpec): string {
  return JSON.stringify({ name: `@acme/${NAMES[m.name]}`, ...(m.backend ? { backstage: { role: 'backend' } } : {}), dependencies: m.pino ? { pino: '^9' } : {} });
}

/** .northstar.yaml: severities, test conventions, samples and an ignore entry. */
interface ConfigSpec {
  missingTests: 'error' | 'off' | null;
  ownerMismatch: 'warning' | 'off' | null;
  specOnly: boolean;
  ignoreLibs: boolean;
}

const configSpec: fc.Arbitrary<ConfigSpec> = fc.record({
  missingTests: fc.constantFrom('error' as const, 'off' as const, null),
  ownerMismatch: fc.constantFrom('warning' as const, 'off' as const, null),
  specOnly: fc.boolean(),
  ignoreLibs: fc.boolean(),
});

function configText(c: ConfigSpec): string {
  const lines = ['apiVersion: northstar/v1', 'kind: Config'];
  const rules = [
    ...(c.missingTests ? [`  quality/missing-tests: ${c.missingTests}`] : []),
    ...(c.ownerMismatch ? [`  ownership/owner-mismatch: ${c.ownerMismatch}`] : []),
  ];
  if (rules.length > 0) lines.push('rules:', ...rules);
  if (c.specOnly) lines.push('tests:', '  patterns: ["**/*.spec.ts"]');
  if (c.ignoreLibs) lines.push('ignore:', '  - rule: observability/*', '    paths: ["libs/**"]');
  return `${lines.join('\n')}\n`;
}

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('contract' as const), folder: fc.nat(FOLDERS.length - 1), spec: contractSpec }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('delete-contract' as const), folder: fc.nat(FOLDERS.length - 1) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('delete-folder' as const), folder: fc.nat(FOLDERS.length - 1) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('codeowners-append' as const), line: codeownersLine }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('codeowners-remove' as const), at: fc.nat(40) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('codeowners-replace' as const), at: fc.nat(40), line: codeownersLine }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('codeowners-owners' as const), at: fc.nat(40), owners: fc.uniqueArray(fc.nat(TEAMS.length - 1), { maxLength: 2 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('codeowners-comment' as const), at: fc.nat(40) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('teams' as const), escalation: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('vision' as const), count: fc.integer({ min: 1, max: 4 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('add-file' as const), file: moduleFile }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('delete-file' as const), at: fc.nat(200) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('overlay' as const), folder: fc.nat(FOLDERS.length - 1), spec: contractSpec }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'close-overlays' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('contract-comment' as const), folder: fc.nat(FOLDERS.length - 1), first: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('catalog' as const), folder: fc.nat(FOLDERS.length - 1), spec: fc.option(catalogSpec, { nil: null }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('manifest' as const), folder: fc.nat(FOLDERS.length - 1), spec: fc.option(manifestSpec, { nil: null }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('config' as const), spec: fc.option(configSpec, { nil: null }) }), weight: 1 },
);

interface Start {
  contracts: (ContractSpec | null)[];
  codeowners: string[];
  files: [number, string, number][];
}

const start: fc.Arbitrary<Start> = fc.record({
  contracts: fc.array(fc.option(contractSpec, { nil: null }), { minLength: FOLDERS.length, maxLength: FOLDERS.length }),
  codeowners: fc.array(codeownersLine, { minLength: 1, maxLength: 12 }),
  files: fc.array(moduleFile, { maxLength: 30 }),
});

function fileText(priority: number): string {
  return priority < PRIORITIES.length ? `// northstar:priority ${PRIORITIES[priority]}\nexport {};\n` : 'export const x = 1;\n';
}

/** The workspace a start describes; package.json manifests make the folders without a contract modules too. */
function workspace(s: Start): InMemoryFileAccess {
  const fs = new InMemoryFileAccess({
    '.github/CODEOWNERS': `${s.codeowners.join('\n')}\n`,
    'teams.yaml': teamsText([true, false, true]),
    'vision.yaml': visionText(3),
    'README.md': '# shop\n',
    'docs/adr/0001.md': '# ADR\n',
    '.gitignore': '*.log\n',
  });
  FOLDERS.forEach((folder, i) => {
    const c = s.contracts[i];
    if (c) fs.write(`${folder}/service-contract.yaml`, contractText(i, c));
    else if (i % 2 === 0) fs.write(`${folder}/package.json`, JSON.stringify({ name: `@acme/${NAMES[i]}`, dependencies: i % 4 === 0 ? { pino: '^9' } : {} }));
  });
  for (const [folder, name, priority] of s.files) fs.write(`${FOLDERS[folder]}/${name}`, fileText(priority));
  return fs;
}

/** Apply one edit to the files (and overlays); returns the changes a watcher would report. */
async function apply(fs: InMemoryFileAccess, overlays: Map<string, string>, codeowners: string[], e: Edit): Promise<FileChange[]> {
  switch (e.kind) {
    case 'contract': {
      const path = `${FOLDERS[e.folder]}/service-contract.yaml`;
      const existed = fs.paths().includes(path);
      fs.write(path, contractText(e.folder, e.spec));
      return [{ path, kind: existed ? 'changed' : 'created' }];
    }
    case 'delete-contract': {
      const path = `${FOLDERS[e.folder]}/service-contract.yaml`;
      if (!fs.paths().includes(path)) return [];
      fs.delete(path);
      return [{ path, kind: 'deleted' }];
    }
    case 'delete-folder': {
      const folder = FOLDERS[e.folder];
      const inside = fs.paths().filter((p) => p.startsWith(`${folder}/`));
      if (inside.length === 0) return [];
      for (const p of inside) fs.delete(p);
      return [{ path: folder, kind: 'deleted' }];
    }
    case 'codeowners-append':
    case 'codeowners-remove':
    case 'codeowners-replace':
    case 'codeowners-owners':
    case 'codeowners-comment': {
      const path = '.github/CODEOWNERS';
      const lines = codeowners;
      if (e.kind === 'codeowners-append') lines.push(e.line);
      else if (lines.length > 0 && e.kind === 'codeowners-remove') lines.splice(e.at % lines.length, 1);
      else if (lines.length > 0 && e.kind === 'codeowners-replace') lines[e.at % lines.length] = e.line;
      // Other owners for a line, its pattern kept: the same files match, some modules change owners.
      else if (lines.length > 0 && e.kind === 'codeowners-owners') lines[e.at % lines.length] = [lines[e.at % lines.length].split(' ')[0], ...e.owners.map((o) => TEAMS[o])].join(' ');
      // A comment: every later line moves down one.
      else if (e.kind === 'codeowners-comment') lines.splice(lines.length > 0 ? e.at % lines.length : 0, 0, '# moved');
      fs.write(path, lines.length > 0 ? `${lines.join('\n')}\n` : '');
      return [{ path, kind: 'changed' }];
    }
    case 'teams':
      fs.write('teams.yaml', teamsText(e.escalation));
      return [{ path: 'teams.yaml', kind: 'changed' }];
    case 'vision':
      fs.write('vision.yaml', visionText(e.count));
      return [{ path: 'vision.yaml', kind: 'changed' }];
    case 'add-file': {
      const [folder, name, priority] = e.file;
      const path = `${FOLDERS[folder]}/${name}`;
      const existed = fs.paths().includes(path);
      fs.write(path, fileText(priority));
      return [{ path, kind: existed ? 'changed' : 'created' }];
    }
    case 'delete-file': {
      const candidates = fs.paths().filter((p) => FOLDERS.some((f) => p.startsWith(`${f}/`)));
      if (candidates.length === 0) return [];
      const path = candidates[e.at % candidates.length];
      fs.delete(path);
      return [{ path, kind: 'deleted' }];
    }
    case 'overlay':
      overlays.set(`${FOLDERS[e.folder]}/service-contract.yaml`, contractText(e.folder, e.spec));
      return [];
    case 'close-overlays':
      overlays.clear();
      return [];
    case 'contract-comment': {
      // The same declarations re-written: before the first line (every position moves) or after the last.
      const path = `${FOLDERS[e.folder]}/service-contract.yaml`;
      if (!fs.paths().includes(path)) return [];
      const text = new TextDecoder().decode(await fs.readFile(path));
      fs.write(path, e.first ? `# owned by the checkout group\n${text}` : `${text}# reviewed\n`);
      return [{ path, kind: 'changed' }];
    }
    case 'catalog':
    case 'manifest':
    case 'config': {
      const path =
        e.kind === 'config' ? '.northstar.yaml' : `${FOLDERS[e.folder]}/${e.kind === 'catalog' ? 'catalog-info.yaml' : 'package.json'}`;
      const existed = fs.paths().includes(path);
      if (e.spec === null) {
        if (!existed) return [];
        fs.delete(path);
        return [{ path, kind: 'deleted' }];
      }
      fs.write(path, e.kind === 'catalog' ? catalogText(e.spec as CatalogSpec) : e.kind === 'manifest' ? manifestText(e.spec as ManifestSpec) : configText(e.spec as ConfigSpec));
      return [{ path, kind: existed ? 'changed' : 'created' }];
    }
  }
}

/** What a snapshot says, as data: the model, and the answers the surfaces ask of it for every file. */
function observable(analysis: Analysis, probes: readonly string[]): unknown {
  return {
    model: analysis.model,
    files: analysis.files,
    stats: analysis.codeownersStats(),
    probes: probes.map((p) => {
      const match = analysis.ownersOf(p);
      return { p, owners: match.owners, rule: match.rule?.index ?? null, overridden: match.overridden.map((r) => r.index), module: analysis.moduleOf(p)?.name ?? null };
    }),
  };
}

describe('incremental updates equal a fresh analysis (property)', () => {
  before(() => console.log(`      seed ${seed} (NORTHSTAR_SEED to replay), ${RUNS} runs`));

  it('after every edit of a random sequence, update() gives what analyzeWorkspace() gives', async () => {
    await fc.assert(
      fc.asyncProperty(start, fc.array(edit, { minLength: 1, maxLength: 10 }), async (s, edits) => {
        const fs = workspace(s);
        const overlays = new Map<string, string>();
        const codeowners = s.codeowners.slice();
        const analyzer = new WorkspaceAnalyzer(fs, { today: TODAY });
        await analyzer.analyze();
        for (const e of edits) {
          const changes = await apply(fs, overlays, codeowners, e);
          const incremental = await analyzer.update(changes, new Map(overlays));
          const fresh = await analyzeWorkspace(fs, { today: TODAY, overlays: new Map(overlays) });
          const probes = [...fs.paths(), 'services/checkout/payments/new.ts', 'libs/new/x.md', 'apps/web/test/a.ts', 'nowhere.txt'];
          assert.deepEqual(observable(incremental, probes), observable(fresh, probes), `after ${JSON.stringify(e)}`);
        }
      }),
      { seed, numRuns: RUNS },
    );
  });
});
