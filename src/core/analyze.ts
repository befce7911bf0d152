/**
 * Workspace files + configuration → model + findings, and incremental updates.
 *
 * The analyzer keeps what it read and parsed per file, so an update re-reads only the
 * files that changed and rebuilds the snapshot from the cache. Every snapshot is immutable.
 */
import type { Analysis, AnalyzeOptions, FileChange } from './api';
import { basename, decodeText, dirname, isInside, normalizePath, type FileAccess, type ScanResult } from './fs';
import { compileGlobs } from './glob';
import type {
  CodeownersFile,
  Finding,
  Model,
  Module,
  ModuleType,
  NorthstarConfig,
  ObservabilityEvidence,
  OwnerMatch,
  PriorityTag,
  Reference,
  SourceLocation,
  Team,
} from './model/types';
import { newModule } from './model/module';
import { evidenceFromAnnotations, evidenceFromDependencies, isOnCallAnnotation } from './observability';
import { RULES } from './rules';
import { hasCodeownersUsage, hasFileSet, primeCodeownersUsage, primeFileSet } from './rules/helpers';
import type { RuleContext, ReportInput } from './rules/rule';
import { scorecardLevel } from './scorecard';
import { parseCatalog, parseEntityRef } from './sources/backstage';
import { detectDialect, findCodeownersFile, OwnershipIndex, parseCodeowners } from './sources/codeowners';
import { defaultConfig, parseConfig } from './sources/config';
import { parseContract } from './sources/contract';
import { isManifestFile, parseManifest, WORKSPACE_MARKER_FILES } from './sources/manifest';
import { findDisableComments, findPriorityTags } from './sources/tags';
import { parseTeams } from './sources/teams';
import type {
  CatalogEntity,
  ConfigFile,
  ContractDecl,
  DisableComment,
  ManifestDecl,
  ParseProblem,
  TeamsFile,
  VisionFile,
} from './sources/types';
import { parseVision } from './sources/vision';
import { compareStrings, skippedProblem, walkWorkspace } from './walk';

/** Largest YAML, manifest or source file read; larger ones are skipped with a finding. */
export const MAX_TEXT_BYTES = 1024 * 1024;
/** GitHub ignores a CODEOWNERS file of 3 MB or more. */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

type Role = 'contract' | 'catalog' | 'teams' | 'vision' | 'config' | 'codeowners' | 'manifest' | 'source';

const CODEOWNERS_CANDIDATES = new Set(['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']);

/** What links a file to priorities (DESIGN 1.6): source files are read only to find it. */
const PRIORITY_MARKER = 'northstar:priority';

/** Source files scanned for `northstar:priority` tags. */
const SOURCE_EXTENSIONS = new Set([
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'go', 'py', 'java', 'kt', 'kts', 'scala', 'rs', 'cs', 'fs',
  'rb', 'php', 'swift', 'c', 'h', 'cc', 'cpp', 'hpp', 'm', 'sh', 'bash', 'sql', 'proto', 'graphql', 'vue', 'svelte',
  'dart', 'ex', 'exs', 'erl', 'clj', 'lua', 'pl', 'r', 'tf',
]);

export function roleOf(path: string): Role | null {
  const base = basename(path);
  if (base === 'service-contract.yaml' || base === 'service-contract.yml') return 'contract';
  if (base === 'catalog-info.yaml' || base === 'catalog-info.yml') return 'catalog';
  if (path === 'teams.yaml' || path === 'teams.yml') return 'teams';
  if (path === 'vision.yaml' || path === 'vision.yml') return 'vision';
  if (path === '.northstar.yaml' || path === '.northstar.yml') return 'config';
  if (CODEOWNERS_CANDIDATES.has(path)) return 'codeowners';
  if (isManifestFile(base)) return 'manifest';
  const dot = base.lastIndexOf('.');
  if (dot > 0 && SOURCE_EXTENSIONS.has(base.slice(dot + 1).toLowerCase())) return 'source';
  return null;
}

/** Is this a file whose change can alter the model? (The extension watches these.) */
export function isRelevantFile(path: string): boolean {
  const p = normalizePath(path);
  return roleOf(p) !== null || basename(p) === '.gitignore' || p === '.gitlab-ci.yml';
}

/** What one file contributed, cached until it changes. */
interface FileFacts {
  problems: ParseProblem[];
  disables: DisableComment[];
  tags: PriorityTag[];
  contract?: ContractDecl;
  catalog?: CatalogEntity[];
  teams?: TeamsFile;
  vision?: VisionFile;
  config?: ConfigFile;
  manifest?: ManifestDecl;
  /** Text of CODEOWNERS (parsed at build time: the dialect depends on configuration) and of the small YAML files that fixes edit. */
  text?: string;
}

const EMPTY_FACTS: FileFacts = { problems: [], disables: [], tags: [] };

const TEST_CONVENTIONS = [
  '**/*.test.*',
  '**/*.spec.*',
  '**/test/**',
  '**/tests/**',
  '**/__tests__/**',
  '**/*_test.go',
  '**/test_*.py',
  '**/src/test/**',
];

const SERVICE_FILES = new Set(['Dockerfile', 'Containerfile', 'Procfile', 'Chart.yaml', 'fly.toml', 'app.yaml', 'serverless.yml', 'skaffold.yaml']);
const SERVICE_FOLDERS = ['k8s/', 'kubernetes/', 'helm/', 'deploy/', 'deployment/'];
const MODULE_TYPES = new Set<ModuleType>(['service', 'website', 'job', 'library']);

const EMPTY_MATCH: OwnerMatch = Object.freeze({ owners: [], rule: null, rules: [], overridden: [] }) as OwnerMatch;

function location(file: string, line = 1, column = 1, endLine = line, endColumn = column): SourceLocation {
  return { file, line, column, endLine, endColumn };
}

function errorText(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'it disappeared while being read';
  return error instanceof Error ? error.message : String(error);
}

/** Longest stretch of synchronous work while building a snapshot before the event loop gets a turn. */
export const SLICE_MS = 10;

const clock: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

/**
 * A macrotask: timers, I/O callbacks and messages run before it. `setImmediate` where the
 * runtime has it (Node, the extension host): `setTimeout(0)` waits at least 1 ms.
 */
const nextMacrotask: (resolve: () => void) => void = (() => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return typeof immediate === 'function' ? (resolve) => void immediate(resolve) : (resolve) => void setTimeout(resolve, 0);
})();

/**
 * Cooperative scheduling for the snapshot build, which runs on the extension host's thread:
 * the returned function gives a promise of the next macrotask when more than `sliceMs` passed
 * since the last one, else null, so that a loop awaits only when it is due. Loops call it
 * every few hundred items; one yielder serves one analysis or update.
 */
export function eventLoopYielder(sliceMs = SLICE_MS): () => Promise<void> | null {
  let last = clock();
  const resume = () => {
    last = clock();
  };
  return () => {
    if (clock() - last < sliceMs) return null;
    return new Promise<void>(nextMacrotask).then(resume);
  };
}

/** `new Set(items)`, giving the event loop a turn when due. */
async function setInSlices(items: readonly string[], pause: () => Promise<void> | null): Promise<Set<string>> {
  const set = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    if ((i & 4095) === 0) await pause();
    set.add(items[i]);
  }
  return set;
}

/** `items.filter(keep)`, giving the event loop a turn when due. */
async function filterInSlices(items: readonly string[], keep: (item: string) => boolean, pause: () => Promise<void> | null): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if ((i & 1023) === 0) await pause();
    if (keep(items[i])) out.push(items[i]);
  }
  return out;
}

/** Globs come from workspace files: matched in linear time (glob.ts), never by a backtracking regex. */
function globMatcher(globs: readonly string[]): (path: string) => boolean {
  return compileGlobs(globs);
}

export class WorkspaceAnalyzer {
  private files: string[] = [];
  private fileSet = new Set<string>();
  private walkProblems: ParseProblem[] = [];
  private readonly facts = new Map<string, FileFacts>();
  private overlays: ReadonlyMap<string, string>;
  private walked = false;
  /** The repository root's CODEOWNERS, when the root is a subfolder without one of its own. */
  private outerCodeowners: { path: string; display: string; text: string } | null = null;
  private codeownersCache: { key: string; parsed: ReturnType<typeof parseCodeowners>; index: OwnershipIndex } | null = null;
  private current: Analysis | null = null;
  /** Files whose facts carry problems, disable comments or tags: what build() collects. */
  private readonly contributing = new Set<string>();
  private readonly testMemo: TestMemo = { conventions: '', byFile: new Map() };
  private roleIndex: { files: readonly string[]; byRole: Map<Role, string[]> } | null = null;
  /** analyze() and update() run one after the other: a build yields to the event loop mid-way. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fs: FileAccess,
    private readonly options: AnalyzeOptions = {},
  ) {
    this.overlays = normalizeOverlays(options.overlays);
  }

  get analysis(): Analysis | null {
    return this.current;
  }

  /** Walk, read and analyse everything. */
  analyze(): Promise<Analysis> {
    return this.serialised(() => this.analyzeNow());
  }

  /**
   * Apply changes seen by a watcher or the editor and rebuild. Only changed files are read
   * again; a changed `.gitignore` means a new walk. `overlays` replaces the unsaved buffers.
   */
  update(changes: readonly FileChange[], overlays?: ReadonlyMap<string, string>): Promise<Analysis> {
    return this.serialised(() => this.updateNow(changes, overlays));
  }

  /** Run after every analysis or update asked for earlier has settled (resolved or failed). */
  private serialised(task: () => Promise<Analysis>): Promise<Analysis> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async analyzeNow(): Promise<Analysis> {
    const walk = await walkWorkspace(this.fs);
    const pause = eventLoopYielder();
    this.files = walk.files;
    this.fileSet = await setInSlices(walk.files, pause);
    for (const path of this.overlays.keys()) this.addFile(path);
    this.walkProblems = walk.problems;
    this.facts.clear();
    this.contributing.clear();
    await this.readAll(await filterInSlices(this.files, (f) => roleOf(f) !== null, pause));
    this.outerCodeowners = await this.readOuterCodeowners();
    this.walked = true;
    this.current = await this.build();
    return this.current;
  }

  private async updateNow(changes: readonly FileChange[], overlays?: ReadonlyMap<string, string>): Promise<Analysis> {
    if (!this.walked) return this.analyzeNow();
    const toRead = new Set<string>();
    if (overlays) {
      const next = normalizeOverlays(overlays);
      for (const path of new Set([...this.overlays.keys(), ...next.keys()])) {
        if (this.overlays.get(path) !== next.get(path)) toRead.add(path);
      }
      this.overlays = next;
    }
    for (const change of changes) {
      const path = normalizePath(change.path);
      if (basename(path) === '.gitignore') return this.analyzeNow();
      if (change.kind === 'deleted') {
        // A deleted folder removes every file below it.
        const removed = this.fileSet.has(path) ? [path] : this.files.filter((f) => isInside(f, path) && f !== path);
        for (const f of removed) {
          this.fileSet.delete(f);
          this.facts.delete(f);
          this.contributing.delete(f);
          toRead.delete(f);
        }
        if (removed.length > 0) this.files = this.files.filter((f) => this.fileSet.has(f));
      } else {
        if (!this.fileSet.has(path)) {
          const kind = await this.fs.stat(path).then((s) => s.kind).catch(() => null);
          if (kind === 'directory') return this.analyzeNow();
          // As the walk: only a file is listed (a FIFO, socket or device never is).
          if (kind !== 'file' && !this.overlays.has(path)) continue;
          this.addFile(path);
        }
        toRead.add(path);
      }
    }
    await this.readAll([...toRead].filter((f) => this.fileSet.has(f) && roleOf(f) !== null));
    this.current = await this.build();
    return this.current;
  }

  private async readOuterCodeowners(): Promise<{ path: string; display: string; text: string } | null> {
    const repo = this.options.repository;
    if (!repo || repo.prefix === '' || [...CODEOWNERS_CANDIDATES].some((c) => this.fileSet.has(c))) return null;
    const up = normalizePath(repo.prefix).split('/').map(() => '..').join('/');
    for (const candidate of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS']) {
      const display = `${up}/${candidate}`;
      // The first that exists is used, as GitHub does: one that exists but may not be read (a
      // link, a FIFO, too large) is reported and ends the search, never followed or waited on.
      const refuse = (reason: string) => {
        this.walkProblems.push(skippedProblem(display, reason));
        return null;
      };
      try {
        // The size is checked before reading (DESIGN 6): a sparse file of gigabytes is never read.
        let bytes: Uint8Array;
        if (repo.fs.readFileWithin) {
          const read = await repo.fs.readFileWithin(candidate, CODEOWNERS_MAX_BYTES - 1);
          if (!(read instanceof Uint8Array)) return refuse(`too large (${formatSize(read.tooLarge)}): GitHub ignores a CODEOWNERS file of 3 MB or more`);
          bytes = read;
        } else {
          const stat = await repo.fs.stat(candidate);
          if (stat.kind !== 'file') return refuse('not a regular file');
          if (stat.size >= CODEOWNERS_MAX_BYTES) return refuse(`too large (${formatSize(stat.size)}): GitHub ignores a CODEOWNERS file of 3 MB or more`);
          bytes = await repo.fs.readFile(candidate);
        }
        const text = decodeText(bytes);
        if (text === null) return refuse('binary or not UTF-8 text');
        return { path: candidate, display, text };
      } catch (error) {
        const code = (error as { code?: string } | null)?.code;
        // Not there: try the next location, as GitHub does.
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        return refuse(`the file cannot be read (${errorText(error)})`);
      }
    }
    return null;
  }

  private addFile(path: string): void {
    if (this.fileSet.has(path)) return;
    this.fileSet.add(path);
    // Keep the list sorted: binary search for the insertion point.
    let lo = 0;
    let hi = this.files.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.files[mid] < path) lo = mid + 1;
      else hi = mid;
    }
    // A new array, never a mutation: the last snapshot holds the old one, and rules cache what
    // they compute over the file list by its identity (an unchanged list keeps its caches).
    const files = this.files.slice(0, lo);
    files.push(path);
    for (let i = lo; i < this.files.length; i++) files.push(this.files[i]);
    this.files = files;
  }

  /**
   * Read files CONCURRENCY at a time: a pool, so one slow read does not hold up a whole batch.
   * Source files, read only for priority tags, go to the adapter's scanFiles when it has one
   * (worker threads in the CLI), beside the pool.
   */
  private async readAll(paths: readonly string[]): Promise<void> {
    const CONCURRENCY = 64;
    const pause = eventLoopYielder();
    const store = (p: string, facts: FileFacts) => {
      this.facts.set(p, facts);
      if (facts.problems.length > 0 || facts.disables.length > 0 || facts.tags.length > 0) this.contributing.add(p);
      else this.contributing.delete(p);
    };
    let own = paths;
    let scanning: Promise<void> = Promise.resolve();
    if (this.fs.scanFiles) {
      const sources = await filterInSlices(paths, (p) => roleOf(p) === 'source' && !this.overlays.has(p), pause);
      if (sources.length > 0) {
        const scanned = await setInSlices(sources, pause);
        own = await filterInSlices(paths, (p) => !scanned.has(p), pause);
        scanning = this.fs.scanFiles(sources, MAX_TEXT_BYTES, PRIORITY_MARKER).then(async (results) => {
          for (let i = 0; i < sources.length; i++) {
            if ((i & 1023) === 0) await pause();
            store(sources[i], this.sourceFacts(sources[i], results[i]));
          }
        });
      }
    }
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < own.length) {
        const p = own[next++];
        store(p, await this.readFacts(p));
        // Parsing is synchronous: many lanes finishing at once would hold the event loop.
        await pause();
      }
    };
    await Promise.all([scanning, ...Array.from({ length: Math.min(CONCURRENCY, own.length) }, lane)]);
  }

  /** A source file's facts from a scan: the same as readFacts gives after reading it whole. */
  private sourceFacts(path: string, scan: ScanResult): FileFacts {
    switch (scan.kind) {
      case 'plain':
        return EMPTY_FACTS;
      case 'text':
        return { problems: [], disables: [], tags: findPriorityTags(scan.text, path) };
      case 'binary':
        return { ...EMPTY_FACTS, problems: [skippedProblem(path, 'binary or not UTF-8 text')] };
      case 'tooLarge':
        return {
          ...EMPTY_FACTS,
          problems: [skippedProblem(path, `too large (${formatSize(scan.size)}; the limit is ${formatSize(MAX_TEXT_BYTES)})`)],
        };
      case 'error':
        return {
          ...EMPTY_FACTS,
          problems: [skippedProblem(path, `the file cannot be read (${errorText(Object.assign(new Error(scan.message), { code: scan.code }))})`)],
        };
    }
  }


  private async readText(path: string, limit: number): Promise<{ text: string } | { problem: ParseProblem; size?: number }> {
    const overlay = this.overlays.get(path);
    if (overlay !== undefined) return { text: overlay };
    const tooLarge = (size: number) => ({
      problem: skippedProblem(path, `too large (${formatSize(size)}; the limit is ${formatSize(limit)})`),
      size,
    });
    let bytes: Uint8Array;
    try {
      if (this.fs.readFileWithin) {
        // One call instead of a stat and a read: most of a large workspace's I/O.
        const read = await this.fs.readFileWithin(path, limit);
        if (!(read instanceof Uint8Array)) return tooLarge(read.tooLarge);
        bytes = read;
      } else {
        const stat = await this.fs.stat(path);
        if (stat.size > limit) return tooLarge(stat.size);
        bytes = await this.fs.readFile(path);
      }
    } catch (error) {
      return { problem: skippedProblem(path, `the file cannot be read (${errorText(error)})`) };
    }
    if (bytes.length > limit) return tooLarge(bytes.length);
    const text = decodeText(bytes);
    if (text === null) return { problem: skippedProblem(path, 'binary or not UTF-8 text') };
    return { text };
  }

  private async readFacts(path: string): Promise<FileFacts> {
    const role = roleOf(path);
    if (role === null) return EMPTY_FACTS;
    if (role === 'codeowners') {
      const read = await this.readText(path, CODEOWNERS_MAX_BYTES - 1);
      if ('problem' in read) {
        if (read.size === undefined) return { ...EMPTY_FACTS, problems: [read.problem] };
        return {
          ...EMPTY_FACTS,
          problems: [{
            ruleId: 'codeowners/syntax',
            message: `${path} is ${formatSize(read.size)}: GitHub ignores a CODEOWNERS file of 3 MB or more, so none of its rules apply.`,
            location: location(path),
          }],
        };
      }
      return { ...EMPTY_FACTS, text: read.text };
    }
    const read = await this.readText(path, MAX_TEXT_BYTES);
    if ('problem' in read) return { ...EMPTY_FACTS, problems: [read.problem] };
    const text = read.text;
    const tags = text.includes(PRIORITY_MARKER) ? findPriorityTags(text, path) : [];
    const isYaml = role !== 'source' && role !== 'manifest';
    const disables = isYaml && text.includes('northstar-disable') ? findDisableComments(text, path) : [];
    // Small files that fixes edit keep their text, so a fix can append at the right place.
    const keepText = role === 'teams' || role === 'vision' || role === 'config';
    const facts: FileFacts = { problems: [], disables, tags, ...(keepText ? { text } : {}) };
    const take = <T>(result: { value: T | null; problems: ParseProblem[] }): T | undefined => {
      facts.problems.push(...result.problems);
      return result.value ?? undefined;
    };
    switch (role) {
      case 'contract':
        facts.contract = take(parseContract(text, path));
        break;
      case 'catalog':
        facts.catalog = take(parseCatalog(text, path));
        break;
      case 'teams':
        facts.teams = take(parseTeams(text, path));
        break;
      case 'vision':
        facts.vision = take(parseVision(text, path));
        break;
      case 'config':
        facts.config = take(parseConfig(text, path));
        break;
      case 'manifest':
        facts.manifest = take(parseManifest(text, path));
        break;
      case 'source':
        break;
    }
    return facts;
  }

  // -------------------------------------------------------------------------
  // Building a snapshot from the cache

  private async build(): Promise<Analysis> {
    const log = this.options.log ?? (() => undefined);
    // Every loop over the workspace's files gives the event loop a turn every SLICE_MS.
    const pause = eventLoopYielder();
    // Shared with the previous snapshot while no file was added or removed (see addFile).
    const files = this.files;
    // Files by role, and what each contributed (in file order). The grouping is kept while the
    // file list is the same array (an edit that adds or removes no file).
    if (this.roleIndex?.files !== files) {
      const byRole = new Map<Role, string[]>();
      for (let i = 0; i < files.length; i++) {
        if ((i & 1023) === 0) await pause();
        const f = files[i];
        const role = roleOf(f);
        if (role === null) continue;
        const list = byRole.get(role);
        if (list) list.push(f);
        else byRole.set(role, [f]);
      }
      this.roleIndex = { files, byRole };
    }
    const { byRole } = this.roleIndex;
    const problems: ParseProblem[] = [...this.walkProblems];
    const disables: DisableComment[] = [];
    const priorityTags: PriorityTag[] = [];
    // Only the few files with problems, disable comments or tags contribute here (in file order).
    const contributing = [...this.contributing].filter((f) => this.fileSet.has(f)).sort(compareStrings);
    for (const f of contributing) {
      const facts = this.facts.get(f);
      if (!facts) continue;
      for (const p of facts.problems) problems.push(p);
      for (const d of facts.disables) disables.push(d);
      for (const t of facts.tags) priorityTags.push(t);
    }
    const allFacts = (role: Role): Array<[string, FileFacts]> =>
      (byRole.get(role) ?? []).map((f) => [f, this.facts.get(f) ?? EMPTY_FACTS]);
    for (const p of problems) if (p.ruleId === 'workspace/skipped') log(`northstar: ${p.message}`);

    // Configuration
    const configFacts = allFacts('config')[0]?.[1];
    const configFile = configFacts?.config ?? null;
    const config = mergeConfig(defaultConfig(), configFile?.config, this.options.config);
    const today = this.options.today ?? config.today ?? new Date().toISOString().slice(0, 10);

    // CODEOWNERS
    await pause();
    const { codeowners, index: ownership, codeownersProblems, codeownersDisables, prefix } = this.buildCodeowners(config);
    problems.push(...codeownersProblems);
    disables.push(...codeownersDisables);
    const ownersOf = (path: string): OwnerMatch =>
      ownership ? ownership.ownersOf(prefix ? `${prefix}/${normalizePath(path)}` : normalizePath(path)) : EMPTY_MATCH;

    // Declarations
    await pause();
    const contracts = allFacts('contract').flatMap(([, f]) => (f.contract ? [f.contract] : []));
    const catalog = allFacts('catalog').flatMap(([, f]) => f.catalog ?? []);
    const manifests = allFacts('manifest').flatMap(([, f]) => (f.manifest ? [f.manifest] : []));
    const teamsFile = allFacts('teams')[0]?.[1].teams ?? null;
    const visionFile = allFacts('vision')[0]?.[1].vision ?? null;

    // Teams first: module owners are compared as teams.
    await pause();
    const { teams, teamOf } = buildTeams(teamsFile, catalog, codeowners);

    // Modules
    await pause();
    const modules = await buildModules({ files, fileSet: this.fileSet, contracts, catalog, manifests, config, ownersOf }, pause);
    const byFolder = new Map<string, Module>();
    const byName = new Map<string, Module>();
    for (const m of modules) {
      if (!byFolder.has(m.path)) byFolder.set(m.path, m);
      if (!byName.has(m.name)) byName.set(m.name, m);
    }
    const folderCache = new Map<string, Module | null>();
    const moduleOfFolder = (folder: string): Module | null => {
      const cached = folderCache.get(folder);
      if (cached !== undefined) return cached;
      const own = byFolder.get(folder);
      const found = own ?? (folder === '' ? null : moduleOfFolder(dirname(folder)));
      folderCache.set(folder, found);
      return found;
    };
    const moduleOf = (path: string): Module | undefined => {
      const p = normalizePath(path);
      return byFolder.get(p) ?? moduleOfFolder(dirname(p)) ?? undefined;
    };
    // Workspace files are already clean: no normalising on this path, called once per file.
    const moduleOfFile = (file: string): Module | undefined => byFolder.get(file) ?? moduleOfFolder(dirname(file)) ?? undefined;
    await pause();
    await assignFiles(modules, files, moduleOfFile, priorityTags, config, this.testMemo, pause);
    for (let i = 0; i < modules.length; i++) {
      if ((i & 255) === 0) await pause();
      modules[i].level = scorecardLevel(modules[i], teamOf);
    }

    const priorities = visionFile
      ? visionFile.priorities.map((p) => ({ id: p.id, title: p.title, owner: p.owner?.value ?? null, metrics: p.metrics, location: p.location }))
      : [];

    const modelWithoutFindings: Omit<Model, 'findings'> = {
      root: this.options.rootLabel ?? '',
      modules,
      teams,
      priorities,
      vision: visionFile?.vision ?? null,
      codeowners,
      priorityTags,
    };

    // Rules. The CODEOWNERS rules that look at every file share one count of what each line
    // matches: counted here in slices, so that they find it ready.
    const skip = prefix ? new Set(['codeowners/no-match', 'codeowners/shadowed']) : new Set<string>();
    const usageWanted = ['codeowners/no-match', 'codeowners/shadowed'].some((id) => !skip.has(id) && config.rules[id] !== 'off');
    if (codeowners && codeowners.rules.length > 0 && ownership && !prefix && usageWanted && !hasCodeownersUsage(files, codeowners)) {
      primeCodeownersUsage(files, codeowners, await ownership.usageInSlices(files, pause));
    }
    // And the file list as a set, for the rules that look files up.
    const setWanted = ['contracts/missing-definition', 'security/missing-threat-model'].some((id) => config.rules[id] !== 'off');
    if (setWanted && !hasFileSet(files)) primeFileSet(files, await setInSlices(files, pause));
    await pause();
    const findings = await runRules({
      model: modelWithoutFindings,
      config,
      files,
      contracts,
      catalog,
      manifests,
      teamsFile,
      visionFile,
      configFile,
      codeowners,
      problems,
      ownersOf,
      ownership: ownership && !prefix ? ownership : undefined,
      teamOf,
      moduleOf,
      moduleByName: (name) => byName.get(name),
      textOf: (path) => this.overlays.get(normalizePath(path)) ?? this.facts.get(normalizePath(path))?.text,
      today,
      disables,
      log,
      // Rules about where CODEOWNERS lines match need the whole repository's files.
      skip,
      pause,
    });

    const model: Model = { ...modelWithoutFindings, findings };
    let stats: { matched: number[]; won: number[] } | null = null;
    return {
      model,
      ownersOf,
      moduleOf,
      moduleByName: (name) => byName.get(name),
      teamOf,
      rules: RULES.map((r) => r.meta),
      files,
      codeownersStats: () => {
        stats ??= ownership ? ownership.stats(prefix ? files.map((f) => `${prefix}/${f}`) : files) : { matched: [], won: [] };
        return stats;
      },
    };
  }

  private buildCodeowners(config: NorthstarConfig): {
    codeowners: CodeownersFile | null;
    index: OwnershipIndex | null;
    codeownersProblems: ParseProblem[];
    codeownersDisables: DisableComment[];
    /** This root's folder in the repository, when the repository root's CODEOWNERS applies. */
    prefix: string;
  } {
    const none = { codeowners: null, index: null, codeownersProblems: [], codeownersDisables: [], prefix: '' };
    const path = config.codeowners.path ? normalizePath(config.codeowners.path) : findCodeownersFile((p) => this.fileSet.has(p));
    let source: { file: string; text: string; dialectPath: string; prefix: string };
    if (path && this.fileSet.has(path)) {
      const facts = this.facts.get(path);
      // Why it could not be read (binary, too large, unreadable) is already among the file's own problems.
      if (!facts || facts.text === undefined) return none;
      source = { file: path, text: facts.text, dialectPath: path, prefix: '' };
    } else if (this.outerCodeowners && this.options.repository) {
      const outer = this.outerCodeowners;
      source = { file: outer.display, text: outer.text, dialectPath: outer.path, prefix: normalizePath(this.options.repository.prefix) };
    } else {
      return none;
    }
    const dialect = config.codeowners.dialect ?? detectDialect(source.dialectPath, source.text, this.fileSet.has('.gitlab-ci.yml'));
    const key = `${source.file}\u0000${dialect}\u0000${source.text}`;
    if (this.codeownersCache?.key !== key) {
      const parsed = parseCodeowners(source.text, source.file, dialect);
      this.codeownersCache = { key, parsed, index: new OwnershipIndex(parsed.codeowners) };
    }
    const { parsed, index } = this.codeownersCache;
    return { codeowners: parsed.codeowners, index, codeownersProblems: parsed.problems, codeownersDisables: parsed.disables, prefix: source.prefix };
  }
}

/** Analyse a workspace once. */
export async function analyzeWorkspace(fs: FileAccess, options: AnalyzeOptions = {}): Promise<Analysis> {
  return new WorkspaceAnalyzer(fs, options).analyze();
}

function normalizeOverlays(overlays: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, text] of overlays ?? []) out.set(normalizePath(path), text);
  return out;
}

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function mergeConfig(base: NorthstarConfig, ...overrides: Array<Partial<NorthstarConfig> | undefined>): NorthstarConfig {
  let config = base;
  for (const o of overrides) {
    if (!o) continue;
    config = {
      ...config,
      ...o,
      rules: { ...config.rules, ...(o.rules ?? {}) },
      ignore: [...config.ignore, ...(o.ignore ?? [])],
      modules: { ...config.modules, ...(o.modules ?? {}) },
      tests: { ...config.tests, ...(o.tests ?? {}) },
      observability: { ...config.observability, ...(o.observability ?? {}) },
      staleness: { ...config.staleness, ...(o.staleness ?? {}) },
      codeowners: { ...config.codeowners, ...(o.codeowners ?? {}) },
    };
  }
  return config;
}

// ---------------------------------------------------------------------------
// Teams

function buildTeams(
  teamsFile: TeamsFile | null,
  catalog: readonly CatalogEntity[],
  codeowners: CodeownersFile | null,
): { teams: Team[]; teamOf: (owner: string) => Team | undefined } {
  const teams: Team[] = [];
  const byAlias = new Map<string, Team>();
  const key = (name: string) => name.trim().toLowerCase();
  const addAlias = (team: Team, alias: string) => {
    if (!team.aliases.includes(alias)) team.aliases.push(alias);
    if (!byAlias.has(key(alias))) byAlias.set(key(alias), team);
  };

  for (const decl of teamsFile?.teams ?? []) {
    if (byAlias.has(key(decl.id))) continue;
    const team: Team = {
      id: decl.id,
      name: decl.name ?? decl.id,
      aliases: [],
      escalation: decl.escalation,
      source: 'teams',
      location: decl.location,
    };
    teams.push(team);
    addAlias(team, decl.id);
    for (const alias of decl.aliases) addAlias(team, alias);
  }

  // Backstage groups: one team under several names (the group ref and its GitHub handle).
  for (const entity of catalog) {
    if (entity.kind.toLowerCase() !== 'group') continue;
    const ref = `group:${entity.namespace}/${entity.name}`;
    const slug = entity.annotations['github.com/team-slug'];
    const handle = slug ? (slug.startsWith('@') ? slug : `@${slug}`) : null;
    const existing = byAlias.get(key(ref)) ?? (handle ? byAlias.get(key(handle)) : undefined);
    const team: Team = existing ?? {
      id: handle ?? ref,
      name: entity.title ?? entity.name,
      aliases: [],
      escalation: [],
      source: 'catalog',
      location: entity.location,
    };
    if (!existing) teams.push(team);
    addAlias(team, ref);
    if (handle) addAlias(team, handle);
    if (team.escalation.length === 0) {
      for (const [k, v] of Object.entries(entity.annotations)) {
        if (isOnCallAnnotation(k)) team.escalation.push({ kind: 'pager', target: v });
      }
    }
  }

  // Every CODEOWNERS handle names an owner, even when nothing else declares it.
  for (const rule of codeowners?.rules ?? []) {
    for (const [index, owner] of rule.owners.entries()) {
      if (byAlias.has(key(owner))) continue;
      const team: Team = { id: owner, name: owner, aliases: [], escalation: [], source: 'codeowners', location: { file: rule.file, ...rule.ownerRanges[index] } };
      teams.push(team);
      addAlias(team, owner);
    }
  }

  // A Backstage owner `payments` (or `group:default/payments`) names the team whose handle
  // has `payments` as its team part, when exactly one does.
  const byTeamPart = new Map<string, Team[]>();
  for (const team of teams) {
    for (const alias of team.aliases) {
      const m = /^@[^/\s]+\/([^/\s]+)$/.exec(alias);
      if (!m) continue;
      const list = byTeamPart.get(key(m[1])) ?? [];
      if (!list.includes(team)) list.push(team);
      byTeamPart.set(key(m[1]), list);
    }
  }

  const cache = new Map<string, Team | undefined>();
  const teamOf = (owner: string): Team | undefined => {
    const k = key(owner);
    if (cache.has(k)) return cache.get(k);
    let team = byAlias.get(k);
    if (!team && !k.startsWith('@') && !k.includes('@')) {
      const ref = parseEntityRef(owner.trim(), 'group');
      const kind = (ref.kind ?? 'group').toLowerCase();
      team = byAlias.get(`${kind}:${ref.namespace.toLowerCase()}/${ref.name.toLowerCase()}`);
      if (!team && kind === 'group' && ref.namespace.toLowerCase() === 'default') {
        const candidates = byTeamPart.get(ref.name.toLowerCase());
        if (candidates && candidates.length === 1) team = candidates[0];
      }
    }
    cache.set(k, team);
    return team;
  };
  return { teams, teamOf };
}

// ---------------------------------------------------------------------------
// Modules

interface ModuleInputs {
  files: readonly string[];
  /** The same files as a set, when the caller has one. */
  fileSet?: ReadonlySet<string>;
  contracts: readonly ContractDecl[];
  catalog: readonly CatalogEntity[];
  manifests: readonly ManifestDecl[];
  config: NorthstarConfig;
  ownersOf: (path: string) => OwnerMatch;
}

function asType(value: string | null | undefined): ModuleType | null {
  return value && MODULE_TYPES.has(value as ModuleType) ? (value as ModuleType) : null;
}

function asLifecycle(value: string | null | undefined): Module['lifecycle'] {
  return value === 'experimental' || value === 'production' || value === 'deprecated' ? value : null;
}

function prefixGlob(folder: string, glob: string): string {
  const g = glob.replace(/^\.\//, '');
  return folder === '' ? g : `${folder}/${g}`;
}

/** Explicitly typed modules keep their type; the rest are inferred after files are assigned. */
const typeDeclared = new WeakSet<Module>();

async function buildModules(input: ModuleInputs, pause: () => Promise<void> | null): Promise<Module[]> {
  const { contracts, catalog, manifests, config } = input;
  const modules: Module[] = [];
  const byFolder = new Map<string, Module[]>();
  const add = (m: Module) => {
    modules.push(m);
    byFolder.set(m.path, [...(byFolder.get(m.path) ?? []), m]);
  };

  let step = 0;
  // Every 64 declarations, the event loop gets a turn when due.
  const due = () => (step++ & 63) === 0;
  for (const c of contracts) {
    if (due()) await pause();
    const name = c.name?.value ?? (basename(c.folder) || 'root');
    const m = newModule(name, c.folder, 'contract', c.name?.location ?? c.location);
    m.description = c.description;
    if (c.owner) {
      m.owners = [c.owner.value];
      m.ownerSource = 'contract';
      m.ownerLocation = c.owner.location;
    }
    m.system = c.system;
    const type = asType(c.type);
    if (type) {
      m.type = type;
      typeDeclared.add(m);
    }
    m.tier = c.tier === 1 || c.tier === 2 || c.tier === 3 ? c.tier : null;
    m.lifecycle = asLifecycle(c.lifecycle);
    m.dependsOn = c.dependsOn.slice();
    m.consumes = c.consumes.slice();
    m.apis = c.provides.slice();
    m.testGlobs = c.tests ? c.tests.map((g) => prefixGlob(c.folder, g)) : null;
    const o = c.observability;
    if (o.logs) m.observability.push({ signal: 'logs', source: 'contract', detail: o.logs });
    if (o.metrics) m.observability.push({ signal: 'metrics', source: 'contract', detail: o.metrics });
    if (o.traces) m.observability.push({ signal: 'traces', source: 'contract', detail: o.traces });
    for (const d of o.dashboards) m.observability.push({ signal: 'dashboards', source: 'contract', detail: d });
    for (const a of o.alerts) m.observability.push({ signal: 'alerts', source: 'contract', detail: a });
    if (o.runbook) m.observability.push({ signal: 'runbook', source: 'contract', detail: o.runbook });
    m.dashboards = o.dashboards.slice();
    m.alerts = o.alerts.slice();
    m.runbook = o.runbook;
    m.slos = c.slos.slice();
    m.data = { classification: c.dataClassification };
    m.security = { threatModel: c.security.threatModel?.value ?? null, privacyReview: c.security.privacyReview?.value ?? null };
    m.resilience = { drRehearsal: c.resilience.drRehearsal?.value ?? null };
    m.priorities = c.priorities.map((p) => p.name);
    add(m);
  }

  // Backstage: APIs by reference, then components and resources as modules.
  const apisByRef = new Map<string, CatalogEntity>();
  for (const e of catalog) if (e.kind.toLowerCase() === 'api') apisByRef.set(e.ref, e);
  const refName = (ref: Reference, kind: string): Reference => {
    const parsed = parseEntityRef(ref.name, kind);
    return { name: parsed.name, location: ref.location };
  };
  for (const e of catalog) {
    if (due()) await pause();
    const kind = e.kind.toLowerCase();
    if (kind !== 'component' && kind !== 'resource') continue;
    const sameFolder = (byFolder.get(e.folder) ?? []).find((m) => m.source === 'contract' && m.name === e.name);
    const m = sameFolder ?? newModule(e.name, e.folder, 'catalog', e.location);
    if (sameFolder) {
      if (!m.files.includes(e.file)) m.files.push(e.file);
    } else {
      m.description = e.description;
    }
    if (m.owners.length === 0 && e.owner) {
      m.owners = [e.owner.value];
      m.ownerSource = 'catalog';
      m.ownerLocation = e.owner.location;
    }
    m.system ??= e.system;
    const type = asType(e.type);
    if (!typeDeclared.has(m)) {
      if (type) {
        m.type = type;
        typeDeclared.add(m);
      } else if (kind === 'component' && e.type) {
        // Backstage types such as `documentation` or `tool` are not run: treat as libraries.
        m.type = 'library';
        typeDeclared.add(m);
      }
    }
    m.lifecycle ??= asLifecycle(e.lifecycle);
    const known = new Set(m.dependsOn.map((d) => d.name));
    for (const d of e.dependsOn) {
      const r = refName(d, 'component');
      if (!known.has(r.name)) m.dependsOn.push(r);
    }
    const consumed = new Set(m.consumes.map((d) => d.name));
    for (const a of e.consumesApis) {
      const r = refName(a, 'api');
      if (!consumed.has(r.name)) m.consumes.push(r);
    }
    for (const a of e.providesApis) {
      const parsed = parseEntityRef(a.name, 'api');
      if (m.apis.some((x) => x.name === parsed.name)) continue;
      const api = apisByRef.get(`api:${parsed.namespace.toLowerCase()}/${parsed.name.toLowerCase()}`) ?? apisByRef.get(`api:${parsed.namespace}/${parsed.name}`);
      m.apis.push({ name: parsed.name, type: api?.type ?? 'other', definition: null, location: a.location ?? e.location });
    }
    m.observability.push(...evidenceFromAnnotations(e.annotations));
    const runbook = e.annotations['northstar.dev/runbook'];
    if (runbook && !m.runbook) m.runbook = runbook;
    if (!sameFolder) add(m);
  }

  // pnpm declares its workspace beside package.json rather than in it.
  const fileSet = input.fileSet ?? new Set(input.files);
  const workspaceOnly = (mf: ManifestDecl) =>
    mf.workspaceOnly || (mf.kind === 'npm' && WORKSPACE_MARKER_FILES.some((f) => fileSet.has(mf.folder === '' ? f : `${mf.folder}/${f}`)));
  for (const mf of manifests) {
    if (due()) await pause();
    if (workspaceOnly(mf)) continue;
    const existing = byFolder.get(mf.folder)?.[0];
    const m = existing ?? newModule(manifestModuleName(mf), mf.folder, 'manifest', mf.location);
    if (existing && !m.files.includes(mf.file)) m.files.push(mf.file);
    m.packageName ??= mf.name;
    m.observability.push(...evidenceFromDependencies(mf.dependencies, config.observability.libraries));
    if (!existing) add(m);
  }

  // Workspace packages that depend on each other by package name become edges.
  const byPackage = new Map<string, Module>();
  for (const m of modules) if (m.packageName) byPackage.set(m.packageName, m);
  for (const mf of manifests) {
    if (due()) await pause();
    const m = byFolder.get(mf.folder)?.[0];
    if (!m || workspaceOnly(mf)) continue;
    const known = new Set(m.dependsOn.map((d) => d.name));
    for (const dep of mf.dependencies) {
      const target = byPackage.get(dep);
      if (target && target !== m && !known.has(target.name)) {
        m.dependsOn.push({ name: target.name, location: null });
        known.add(target.name);
      }
    }
  }

  // Owners from CODEOWNERS: the owners of the file that defines the module.
  for (const m of modules) {
    if (due()) await pause();
    if (m.owners.length > 0) continue;
    const match = input.ownersOf(m.definedAt.file);
    if (match.owners.length > 0) {
      m.owners = match.owners.slice();
      m.ownerSource = 'codeowners';
    }
  }

  const include = config.modules.include.length > 0 ? globMatcher(config.modules.include) : () => true;
  const exclude = globMatcher(config.modules.exclude);
  await pause();
  const kept = modules.filter((m) => include(m.path) && !exclude(m.path));
  for (const m of kept) m.observability = dedupeEvidence(m.observability);
  kept.sort((a, b) => compareStrings(a.path, b.path) || compareStrings(a.name, b.name));
  return kept;
}

function manifestModuleName(mf: ManifestDecl): string {
  if (mf.name) {
    if (mf.kind === 'go') return mf.name.slice(mf.name.lastIndexOf('/') + 1) || mf.name;
    return mf.name;
  }
  if (mf.kind === 'dotnet') return basename(mf.file).replace(/\.csproj$/, '');
  return basename(mf.folder) || 'root';
}

function dedupeEvidence(evidence: ObservabilityEvidence[]): ObservabilityEvidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const k = `${e.signal}\u0000${e.source}\u0000${e.detail}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What assignFiles remembers between snapshots: is this file a test, for this module key. */
interface TestMemo {
  conventions: string;
  byFile: Map<string, { key: string; isTest: boolean }>;
  /** The last whole assignment: per module (by index), its test files and whether it holds deployment files. */
  assignment?: { files: readonly string[]; layout: string; tests: string[][]; hints: boolean[] };
}

/** Give each file to its module: tests, priority tags and the type inferred from deployment files. */
async function assignFiles(
  modules: readonly Module[],
  files: readonly string[],
  moduleOf: (path: string) => Module | undefined,
  tags: readonly PriorityTag[],
  config: NorthstarConfig,
  memo: TestMemo,
  pause: () => Promise<void> | null,
): Promise<void> {
  const conventions = config.tests.patterns ?? TEST_CONVENTIONS;
  // Whether a file is a test depends on its module's folder and globs and on the conventions:
  // remembered between snapshots, so an edit does not run every glob over every file again.
  const conventionsKey = conventions.join('\u0000');
  if (memo.conventions !== conventionsKey) {
    memo.conventions = conventionsKey;
    memo.byFile.clear();
  }
  const testers = new Map<Module, (relative: string) => boolean>();
  const serviceHints = new Set<Module>();
  const tests = new Map<Module, string[]>();
  // One compiled matcher for the conventions, shared by every module that has no globs of its own.
  // Every default convention names `test` or `spec`: a path with neither is no test, and most
  // paths are not, so the glob matcher runs on a few of them.
  const conventionGlobs = globMatcher(conventions);
  const byConvention =
    conventions === TEST_CONVENTIONS ? (rel: string) => (rel.includes('test') || rel.includes('spec')) && conventionGlobs(rel) : conventionGlobs;
  // Which module's tests each file is, and which modules hold deployment files, depend only on
  // the file list, the modules' folders and globs, and the conventions: the whole assignment is
  // kept while those are the same (a contract or CODEOWNERS edit moves no file).
  const layout = `${conventionsKey}\n${modules.map((m) => (m.testGlobs ? `${m.path}\u0000${m.testGlobs.join('\u0000')}` : m.path)).join('\n')}`;
  const kept = memo.assignment;
  if (kept && kept.files === files && kept.layout === layout) {
    modules.forEach((m, i) => {
      tests.set(m, kept.tests[i].slice());
      if (kept.hints[i] && !typeDeclared.has(m)) serviceHints.add(m);
    });
  } else {
    const hinted = new Set<Module>();
    for (const m of modules) {
      testers.set(m, m.testGlobs ? ((g) => (rel: string) => g(m.path === '' ? rel : `${m.path}/${rel}`))(globMatcher(m.testGlobs)) : byConvention);
      tests.set(m, []);
    }
    for (let i = 0; i < files.length; i++) {
      if ((i & 511) === 0) await pause();
      const file = files[i];
      const m = moduleOf(file);
      if (!m) continue;
      const rel = m.path === '' ? file : file.slice(m.path.length + 1);
      const key = m.testGlobs ? `${m.path}\u0000${m.testGlobs.join('\u0000')}` : m.path;
      const known = memo.byFile.get(file);
      let isTest: boolean;
      if (known !== undefined && known.key === key) isTest = known.isTest;
      else {
        isTest = testers.get(m)!(rel);
        memo.byFile.set(file, { key, isTest });
      }
      if (isTest) tests.get(m)!.push(file);
      if (!hinted.has(m) && (SERVICE_FILES.has(basename(rel)) || SERVICE_FOLDERS.some((f) => rel.startsWith(f)))) hinted.add(m);
    }
    for (const m of hinted) if (!typeDeclared.has(m)) serviceHints.add(m);
    memo.assignment = { files, layout, tests: modules.map((m) => tests.get(m)!.slice()), hints: modules.map((m) => hinted.has(m)) };
  }
  for (const m of modules) {
    m.tests = tests.get(m)!;
    if (!typeDeclared.has(m)) {
      const segments = m.path.split('/');
      const inServiceFolder = segments.slice(0, -1).some((s) => s === 'services' || s === 'apps');
      m.type = inServiceFolder || serviceHints.has(m) ? 'service' : 'library';
    }
  }
  for (const tag of tags) {
    const m = moduleOf(tag.file);
    if (m && !m.priorities.includes(tag.priority)) m.priorities.push(tag.priority);
  }
}

// ---------------------------------------------------------------------------
// Rules

interface RunInput extends Omit<RuleContext, 'report'> {
  disables: readonly DisableComment[];
  log: (line: string) => void;
  /** Rules that cannot run on this snapshot. */
  skip: ReadonlySet<string>;
  /** Gives the event loop a turn when due (between rules). */
  pause: () => Promise<void> | null;
}

/**
 * Longest finding message. Messages quote names from the workspace; a name of 100,000
 * characters in each of 10,000 findings would make a gigabyte of output.
 */
export const MAX_MESSAGE_LENGTH = 1000;

function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  let end = MAX_MESSAGE_LENGTH - 1;
  // Never cut a surrogate pair in half.
  const code = message.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return message.slice(0, end) + '…';
}

async function runRules(input: RunInput): Promise<Finding[]> {
  const { config, disables, log, skip: _skip, pause, ...context } = input;
  const findings: Finding[] = [];
  const silenced = new Map<string, Map<number, string[]>>();
  for (const d of disables) {
    const lines = silenced.get(d.file) ?? new Map<number, string[]>();
    lines.set(d.line, [...(lines.get(d.line) ?? []), ...(d.rules.length === 0 ? ['*'] : d.rules)]);
    silenced.set(d.file, lines);
  }
  const ignores = config.ignore.map((i) => ({
    rule: i.rule,
    paths: i.paths.length > 0 ? globMatcher(i.paths) : () => true,
  }));
  const ruleMatches = (pattern: string, id: string) =>
    pattern === '*' || pattern === id || (pattern.endsWith('/*') && id.startsWith(pattern.slice(0, -1)));

  for (const rule of RULES) {
    const id = rule.meta.id;
    const severity = config.rules[id] ?? rule.meta.defaultSeverity;
    if (severity === 'off' || input.skip.has(id)) continue;
    if (rule.meta.requiresVision && !input.visionFile) continue;
    await pause();
    const report = (r: ReportInput) => {
      const loc = r.location;
      const lines = silenced.get(loc.file)?.get(loc.line);
      if (lines && (lines.includes('*') || lines.includes(id))) return;
      // Findings about .northstar.yaml itself are never silenced by its own ignore list.
      if (loc.file !== input.configFile?.file && ignores.some((i) => ruleMatches(i.rule, id) && i.paths(loc.file))) return;
      const finding: Finding = {
        ruleId: id,
        severity,
        message: boundedMessage(r.message),
        file: loc.file,
        line: loc.line,
        column: loc.column,
        endLine: loc.endLine,
        endColumn: loc.endColumn,
        module: r.module ?? null,
      };
      if (r.fix) finding.fix = r.fix;
      findings.push(finding);
    };
    try {
      rule.check({ ...context, config, report });
    } catch (error) {
      const message = `Rule ${id} failed: ${error instanceof Error ? error.message : String(error)}. The other rules ran.`;
      log(`northstar: ${message}`);
      const errSeverity = config.rules['internal/rule-error'] ?? 'error';
      if (errSeverity !== 'off') {
        findings.push({
          ruleId: 'internal/rule-error',
          severity: errSeverity,
          message,
          file: input.configFile?.file ?? '',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          module: null,
        });
      }
    }
  }
  findings.sort(compareFindings);
  return findings;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

