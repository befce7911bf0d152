/**
 * The incremental analyzer: workspace files → snapshot, and updates as files change.
 *
 * It keeps what it read and parsed per file (read.ts), so an update re-reads only the files
 * that changed and rebuilds the snapshot from the cache: the model (build/), then the rule run
 * (rules/run.ts). Every snapshot is immutable. Analyses and updates run one after the other.
 */
import type { Analysis, AnalyzeOptions, FileChange, FileListing } from '../api';
import { basename, decodeText, isInside, lowerBound, normalizePath, type FileAccess, type ScanResult, type ScanSession } from '../fs';
import type { Model, NorthstarConfig, OwnerMatch, PriorityTag } from '../model/types';
import { buildCodeowners, type CodeownersCarry, type OuterCodeowners } from '../build/codeowners';
import { mergeConfig } from '../build/config';
import { buildModel, type ModelCarry } from '../build/model';
import { resolveLearning } from '../build/learning';
import { DEFAULT_LEARNING_FOLDERS } from '../sources/learning';
import { monthsBefore, withTrends, type VisionRevision } from '../model/trend';
import type { TestMemo } from '../build/assign';
import { RULES } from '../rules';
import { prepareIndexes, SnapshotIndexes, type IndexCarry } from '../rules/indexes';
import { ruleRuns, runRules, type FindingCarry, type RuleCarry } from '../rules/run';
import { CODEOWNERS_SEARCH_ORDER } from '../sources/codeowners/locate';
import type { OwnershipIndex } from '../sources/codeowners';
import { CONFIG_FILE_NAMES, defaultConfig } from '../sources/config';
import { appConfigFiles, locationFiles, MAX_LOCATION_FILES } from '../sources/locations';
import type { CatalogEntity, DisableComment, ParseProblem } from '../sources/types';
import { compareStrings, skipFoldersFor, skippedProblem, walkWorkspace } from '../walk';
import { CODEOWNERS_MAX_BYTES, MAX_TEXT_BYTES, PRIORITY_MARKER, roleOf, type Role } from '../workspace/roles';
import { contributes, EMPTY_FACTS, errorText, FactReader, formatSize, type FileFacts } from './read';
import { eventLoopYielder, filterInSlices, setInSlices } from './schedule';

const EMPTY_MATCH: OwnerMatch = Object.freeze({ owners: [], rule: null, rules: [], overridden: [] }) as OwnerMatch;

export class WorkspaceAnalyzer {
  private files: string[] = [];
  private fileSet = new Set<string>();
  private walkProblems: ParseProblem[] = [];
  private readonly facts = new Map<string, FileFacts>();
  /** Files read as catalog files because a Backstage Location registers them (sources/locations.ts). */
  private readonly located = new Map<string, FileFacts>();
  private overlays: ReadonlyMap<string, string>;
  private walked = false;
  /** Files listed but never read (git: outside the sparse checkout, submodule folders). */
  private unread: ReadonlySet<string> = new Set();
  /** With git's list: would git list a file created since? Null when the folder was walked. */
  private lists: ((path: string) => Promise<boolean>) | null = null;
  /** Without git's list: would the last walk list a file created since (skipped folders, .gitignore)? */
  private walkLists: ((path: string) => boolean) | null = null;
  /** The `walk` configuration the last walk used (JSON), to walk again when it changes. */
  private walkedWith: string | null = null;
  /** The repository root's CODEOWNERS, when the root is a subfolder without one of its own. */
  private outerCodeowners: OuterCodeowners | null = null;
  private readonly codeownersCarry: CodeownersCarry = {};
  private readonly indexCarry: IndexCarry = {};
  /** The findings of rules that name what they read (RuleMeta.reads), reported again while that is unchanged. */
  private readonly ruleCarry: RuleCarry = new Map();
  private readonly modelCarry: ModelCarry = {};
  private ownersOfCarry: { index: OwnershipIndex | null; prefix: string; ownersOf(path: string): OwnerMatch } | null = null;
  /**
   * The last snapshot's configuration and declaration lists, handed out again while what they are
   * made of is the same (the same file facts): rules and the team directory that depend only on
   * them then see the same objects, and keep what they computed (RuleMeta.reads).
   */
  private stable: { configFile: unknown; config: NorthstarConfig | null; lists: Map<string, readonly unknown[]> } = { configFile: undefined, config: null, lists: new Map() };
  private readonly reader: FactReader;
  private current: Analysis | null = null;
  /** Files whose facts carry problems, disable comments or tags: what build() collects. */
  private readonly contributing = new Set<string>();
  private readonly testMemo: TestMemo = { conventions: '', byFile: new Map() };
  private roleIndex: { files: readonly string[]; byRole: Map<Role, string[]>; others: string[] } | null = null;
  /** Each role's files as the walk found them, with the learning folders in `scanFolders` (taken by the next indexRoles). */
  private walkRoles: { files: readonly string[]; byRole: Map<Role, string[]> } | null = null;
  /** The learning folders in force when the walk chose the files to scan (null: no scan fed by the walk). */
  private scanFolders: readonly string[] | null = null;
  /** Each role's facts in file order, kept until a file of the role is read or removed, or the file list changes. */
  private readonly roleFacts = new Map<Role, FileFacts[]>();
  /** What build() derives from one role's facts (the contracts, the manifests…), kept while they are the same array. */
  private readonly derived = new Map<string, { from: readonly FileFacts[]; value: unknown }>();
  private readonly findingCarry: FindingCarry = {};
  /** `.northstar.yaml`'s `learning.folders` as last read: which Markdown files are notes (roles.ts). */
  private learningFolders: readonly string[] = DEFAULT_LEARNING_FOLDERS;
  /** The vision file's committed versions, and the request that gave them (asked again when it changes). */
  private visionHistory: { request: string; revisions: readonly VisionRevision[] } | null = null;
  /** analyze() and update() run one after the other: a build yields to the event loop mid-way. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fs: FileAccess,
    private readonly options: AnalyzeOptions = {},
  ) {
    this.overlays = normalizeOverlays(options.overlays);
    this.reader = new FactReader(fs, () => this.overlays);
  }

  get analysis(): Analysis | null {
    return this.current;
  }

  /**
   * What this analyzer reads a file as, with the configuration it last read (a Markdown file in
   * a configured learning folder is a note): the extension asks it which changes matter.
   */
  roleOf(path: string): Role | null {
    return this.role(normalizePath(path));
  }

  /** The same, for the workspace's own (already clean) paths. */
  private role(path: string): Role | null {
    return roleOf(path, this.learningFolders);
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
    const listed = await this.listFiles();
    try {
      return await this.analyzeListed(listed);
    } finally {
      // Finished by readAll; this only stops the scan's workers when something failed before.
      listed.scan?.finish().catch(() => undefined);
    }
  }

  private async analyzeListed(listed: { files: string[]; problems: ParseProblem[]; scan: ScanSession | null }): Promise<Analysis> {
    const pause = eventLoopYielder();
    this.files = listed.files;
    this.fileSet = await setInSlices(listed.files, pause);
    for (const path of this.overlays.keys()) this.addFile(path);
    this.walkProblems = listed.problems;
    this.learningFolders = (await this.configBeforeRead()).learning.folders;
    this.facts.clear();
    this.roleFacts.clear();
    this.visionHistory = null;
    this.located.clear();
    this.contributing.clear();
    // Each file's role once: the files to read are those with one, in the list's order.
    const { byRole, others } = await this.indexRoles(pause);
    const unread = this.unread;
    // The scan of the source files may still run: CODEOWNERS, its match classes and most of the
    // model need no source file, and the model build waits for it only where it gives modules
    // their tags (the scan's worker has that time).
    const { scan: scanned } = await this.readAll(
      unread.size === 0 ? others : await filterInSlices(others, (f) => !unread.has(f), pause),
      listed.scan,
      byRole.get('source') ?? [],
      true,
    );
    this.outerCodeowners = await this.readOuterCodeowners();
    this.walked = true;
    this.current = await this.build(scanned);
    return this.current;
  }

  /**
   * Which files exist, decided in one place for every surface: git's list when the options give
   * one (a git work tree: tracked files and untracked ones not ignored), otherwise the walk with
   * the skip list `.northstar.yaml` sets. When git cannot answer, the walk, and problems say why.
   */
  private async listFiles(): Promise<{ files: string[]; problems: ParseProblem[]; scan: ScanSession | null }> {
    // `.northstar.yaml` (at the root) configures the walk, and which files are notes, not sources.
    const config = await this.configBeforeRead();
    this.learningFolders = config.learning.folders;
    this.scanFolders = null;
    this.walkRoles = null;
    let listing: FileListing | null = null;
    if (this.options.listFiles) {
      // Files the adapter names before its listing is complete (git's index): their source files
      // are scanned meanwhile; what the listing leaves out is dropped by readAll.
      // Declared by a cast: a plain `= null` narrows it to null for TypeScript after the closure.
      let early = null as ScanSession | null;
      const onEarly = (paths: readonly string[]): void => {
        if (!this.fs.scanFiles || !this.fs.startScan) return;
        early ??= this.fs.startScan(MAX_TEXT_BYTES, PRIORITY_MARKER);
        early.add(paths.filter((p) => this.role(p) === 'source' && !this.overlays.has(p)));
      };
      try {
        listing = await this.options.listFiles(onEarly);
      } catch (error) {
        listing = { source: 'walk', problems: [skippedProblem('', `git's list of files could not be read (${errorText(error)}), so the folder was walked instead`)] };
      }
      const started = early;
      if (listing.source === 'git') {
        this.lists = listing.lists;
        this.walkLists = null;
        this.unread = new Set(listing.unread);
        this.walkedWith = null;
        if (listing.unread.length > 0) {
          this.options.log?.(`northstar: ${listing.unread.length} path(s) git tracks are not read (outside the sparse checkout, or submodules): they count for CODEOWNERS by path`);
        }
        return { files: listing.files, problems: [...listing.problems], scan: started };
      }
      // Walked after all: the walk feeds a scan of its own.
      started?.finish().catch(() => undefined);
    }
    this.lists = null;
    this.unread = new Set();
    this.walkedWith = JSON.stringify(config.walk);
    // The source files are scanned for tags while the walk goes on (readAll takes the results).
    const scan = this.fs.scanFiles ? (this.fs.startScan?.(MAX_TEXT_BYTES, PRIORITY_MARKER) ?? null) : null;
    // The walk gives the scan exactly its source files, chosen with these learning folders.
    const folders = config.learning.folders;
    this.scanFolders = scan ? folders : null;
    // Each listed file's role is asked once, here: the role index sorts these lists (indexRoles).
    const byRole = new Map<Role, string[]>();
    const onFiles = scan
      ? (paths: readonly string[]) => {
          const sources: string[] = [];
          for (const p of paths) {
            const role = roleOf(p, folders);
            if (role === null) continue;
            const list = byRole.get(role);
            if (list) list.push(p);
            else byRole.set(role, [p]);
            if (role === 'source' && !this.overlays.has(p)) sources.push(p);
          }
          scan.add(sources);
        }
      : undefined;
    const walk = await walkWorkspace(this.fs, skipFoldersFor(config.walk), onFiles);
    this.walkRoles = scan ? { files: walk.files, byRole } : null;
    this.walkLists = walk.lists;
    return { files: walk.files, problems: [...(listing?.problems ?? []), ...walk.problems], scan };
  }

  /** The configuration in force, read before the files it decides about (the walk, the learning folders). */
  private async configBeforeRead(): Promise<NorthstarConfig> {
    for (const name of CONFIG_FILE_NAMES) {
      if (!this.overlays.has(name)) {
        const kind = await this.fs.stat(name).then((s) => s.kind, () => null);
        if (kind !== 'file') continue;
      }
      const facts = await this.reader.read(name);
      return mergeConfig(defaultConfig(), facts.config?.config, this.options.config);
    }
    return mergeConfig(defaultConfig(), this.options.config);
  }

  /** The configuration as the cache now has it (after an update read the configuration again). */
  private configNow(): NorthstarConfig {
    const name = CONFIG_FILE_NAMES.find((n) => this.fileSet.has(n));
    const file = name === undefined ? undefined : this.facts.get(name)?.config?.config;
    return mergeConfig(defaultConfig(), file, this.options.config);
  }

  /** The `walk` section as the cache now has it. */
  private walkConfigNow(): NorthstarConfig['walk'] {
    return this.configNow().walk;
  }

  private async updateNow(changes: readonly FileChange[], overlays?: ReadonlyMap<string, string>): Promise<Analysis> {
    if (!this.walked) return this.analyzeNow();
    const toRead = new Set<string>();
    if (overlays) {
      const next = normalizeOverlays(overlays);
      for (const path of new Set([...this.overlays.keys(), ...next.keys()])) {
        if (this.overlays.get(path) !== next.get(path)) toRead.add(path);
      }
      const closed = [...this.overlays.keys()].filter((path) => !next.has(path));
      this.overlays = next;
      // As a full analysis: an unsaved buffer is a file of the workspace, also before it is on disk.
      for (const path of next.keys()) this.addFile(path);
      // A closed buffer whose file is not on disk (never saved, or deleted meanwhile) leaves no file.
      for (const path of closed) {
        if (!this.fileSet.has(path)) continue;
        const kind = await this.fs.stat(path).then((s) => s.kind).catch(() => null);
        if (kind !== 'file') this.removeFiles([path], toRead);
      }
    }
    for (const change of changes) {
      const path = normalizePath(change.path);
      if (basename(path) === '.gitignore') return this.analyzeNow();
      // Saved, maybe committed: read the history again.
      if (roleOf(path) === 'vision') this.visionHistory = null;
      if (change.kind === 'deleted') {
        // A deleted folder removes every file below it.
        // A deleted file that is still open unsaved stays a file, as in a full analysis.
        const removed = (this.fileSet.has(path) ? [path] : this.files.filter((f) => isInside(f, path) && f !== path)).filter((f) => !this.overlays.has(f));
        this.removeFiles(removed, toRead);
      } else {
        if (this.unread.has(path)) {
          // Outside the sparse checkout until now (or a submodule's folder): read once it is a file on disk.
          const kind = await this.fs.stat(path).then((s) => s.kind).catch(() => null);
          if (kind !== 'file') continue;
          const unread = new Set(this.unread);
          unread.delete(path);
          this.unread = unread;
        } else if (!this.fileSet.has(path)) {
          const kind = await this.fs.stat(path).then((s) => s.kind).catch(() => null);
          if (kind === 'directory') return this.analyzeNow();
          // As the walk: only a file is listed (a FIFO, socket or device never is).
          if (kind !== 'file' && !this.overlays.has(path)) continue;
          // With git's list, as git: an ignored untracked file is no file of the workspace.
          if (this.lists && !this.overlays.has(path) && !(await this.lists(path).catch(() => false))) continue;
          // Walked, as a new walk: a file in a skipped folder or matched by a .gitignore is none.
          if (this.walkLists && !this.overlays.has(path) && !this.walkLists(path)) continue;
          this.addFile(path);
        }
        toRead.add(path);
        this.located.delete(path);
      }
    }
    await this.readAll([...toRead].filter((f) => this.fileSet.has(f) && this.role(f) !== null && !this.unread.has(f)));
    // Outside git, `.northstar.yaml` says which folders the walk skips: a change there means a new walk.
    if (this.walkedWith !== null && JSON.stringify(this.walkConfigNow()) !== this.walkedWith) return this.analyzeNow();
    // Other learning folders: other files are notes, read from the start.
    if (JSON.stringify(this.configNow().learning.folders) !== JSON.stringify(this.learningFolders)) return this.analyzeNow();
    this.current = await this.build();
    return this.current;
  }

  /** The committed versions of the vision file, from the adapter (git), kept until the file or the bounds change. */
  private async visionRevisions(path: string, config: NorthstarConfig, today: string): Promise<readonly VisionRevision[]> {
    const ask = this.options.visionHistory;
    if (!ask || config.history.commits === 0) return [];
    const request = { path, maxCommits: config.history.commits, since: monthsBefore(today, config.history.months), until: today };
    const key = JSON.stringify(request);
    if (this.visionHistory?.request === key) return this.visionHistory.revisions;
    let revisions: readonly VisionRevision[] = [];
    try {
      revisions = await ask(request);
    } catch (error) {
      this.options.log?.(`northstar: the git history of ${path} could not be read (${errorText(error)}): metric trends use its history samples only`);
    }
    this.visionHistory = { request: key, revisions };
    return revisions;
  }

  private async readOuterCodeowners(): Promise<OuterCodeowners | null> {
    const repo = this.options.repository;
    if (!repo || repo.prefix === '' || CODEOWNERS_SEARCH_ORDER.some((c) => this.fileSet.has(c))) return null;
    const up = normalizePath(repo.prefix).split('/').map(() => '..').join('/');
    for (const candidate of CODEOWNERS_SEARCH_ORDER) {
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
        return { path: candidate, display, text, prefix: repo.prefix };
      } catch (error) {
        const code = (error as { code?: string } | null)?.code;
        // Not there: try the next location, as GitHub does.
        if (code === 'ENOENT' || code === 'ENOTDIR') continue;
        return refuse(`the file cannot be read (${errorText(error)})`);
      }
    }
    return null;
  }

  /** A file's facts changed or it is gone: its role's list of facts is made again. */
  private forgetRoleFacts(path: string): void {
    const role = this.role(path);
    if (role !== null) this.roleFacts.delete(role);
  }

  private removeFiles(removed: readonly string[], toRead: Set<string>): void {
    for (const f of removed) {
      this.fileSet.delete(f);
      this.facts.delete(f);
      this.forgetRoleFacts(f);
      this.located.delete(f);
      this.contributing.delete(f);
      toRead.delete(f);
    }
    // A new array, never a mutation (see addFile).
    if (removed.length > 0) this.files = this.files.filter((f) => this.fileSet.has(f));
  }

  private addFile(path: string): void {
    if (this.fileSet.has(path)) return;
    this.fileSet.add(path);
    // Keep the list sorted: binary search for the insertion point.
    const lo = lowerBound(this.files, path);
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
   * (worker threads in the CLI), beside the pool. `sourceFiles`, when the caller has them apart
   * (the first analysis' role index), are the workspace's source files, and `paths` the other
   * files to read; without it, `paths` holds every file to read, sources among them.
   * With `leaveScan`, it returns once the pool is done, and the scan's results are taken only
   * when the caller calls `scan` (before any source file's facts are used: until then the scan's
   * workers go on, and the caller's thread is free for other work); otherwise it waits for both.
   */
  private async readAll(paths: readonly string[], streamed: ScanSession | null = null, sourceFiles?: readonly string[], leaveScan = false): Promise<{ scan: () => Promise<void> }> {
    const CONCURRENCY = 64;
    const pause = eventLoopYielder();
    const store = (p: string, facts: FileFacts, role: Role | null = this.role(p)) => {
      this.facts.set(p, facts);
      if (role !== null) this.roleFacts.delete(role);
      if (contributes(facts)) this.contributing.add(p);
      else this.contributing.delete(p);
    };
    let own = paths;
    let scanning: () => Promise<void> = () => Promise.resolve();
    if (sourceFiles) {
      const unread = this.unread;
      const overlays = this.overlays;
      const readable = unread.size === 0 ? sourceFiles : await filterInSlices(sourceFiles, (p) => !unread.has(p), pause);
      // An open buffer's text is what is read, not the file: it goes to the pool.
      const open = overlays.size === 0 ? [] : readable.filter((p) => overlays.has(p));
      const sources = open.length === 0 ? readable : await filterInSlices(readable, (p) => !overlays.has(p), pause);
      if (open.length > 0) own = [...own, ...open];
      if (this.fs.scanFiles && sources.length > 0) scanning = () => this.scanSources(sources, streamed, store, pause);
      else if (sources.length > 0) own = [...own, ...sources];
    } else if (this.fs.scanFiles) {
      const sources = await filterInSlices(paths, (p) => this.role(p) === 'source' && !this.overlays.has(p), pause);
      if (sources.length > 0) {
        const scanned = await setInSlices(sources, pause);
        own = await filterInSlices(paths, (p) => !scanned.has(p), pause);
        scanning = () => this.scanSources(sources, streamed, store, pause);
      }
    }
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < own.length) {
        const p = own[next++];
        store(p, await this.reader.read(p, this.role(p) ?? undefined));
        // Parsing is synchronous: many lanes finishing at once would hold the event loop.
        await pause();
      }
    };
    const lanes = Array.from({ length: Math.min(CONCURRENCY, own.length) }, lane);
    if (leaveScan) {
      await Promise.all(lanes);
      return { scan: scanning };
    }
    await Promise.all([scanning(), ...lanes]);
    return { scan: () => Promise.resolve() };
  }

  /**
   * Store the scan of the source files `sources`: what the scan started during the walk found
   * (it was given exactly these files, normally), then scanFiles for any it was not given.
   */
  private async scanSources(
    sources: readonly string[],
    streamed: ScanSession | null,
    store: (path: string, facts: FileFacts, role?: Role | null) => void,
    pause: () => Promise<void> | null,
  ): Promise<void> {
    // Most source files hold no tag: a file without facts has EMPTY_FACTS (as every reader of
    // `facts` takes a missing entry), so the first analysis stores nothing for them.
    const take = (path: string, result: ScanResult) => {
      if (result.kind === 'plain' && !this.facts.has(path)) return;
      store(path, this.reader.sourceFacts(path, result), 'source');
    };
    let rest = sources;
    if (streamed) {
      const { paths, results } = await streamed.finish();
      // The walk gives every source file to the scan, once: then the two lists hold the same
      // paths (in the walk's order and the list's) and nothing needs looking up per file.
      const same = paths.length === sources.length && this.unread.size === 0 && this.walkedWithLearningFolders();
      const wanted = same ? null : await setInSlices(sources, pause);
      const done = new Set<string>();
      for (let i = 0; i < paths.length; i++) {
        if ((i & 1023) === 0) await pause();
        const path = paths[i];
        if (wanted !== null) {
          if (!wanted.has(path) || done.has(path)) continue;
          done.add(path);
        }
        take(path, results[i]);
      }
      rest = same ? [] : done.size === sources.length ? [] : await filterInSlices(sources, (p) => !done.has(p), pause);
    }
    // Normally none: the walk gave every source file to the scan.
    if (rest.length === 0) return;
    const results = await this.fs.scanFiles!(rest, MAX_TEXT_BYTES, PRIORITY_MARKER);
    for (let i = 0; i < rest.length; i++) {
      if ((i & 1023) === 0) await pause();
      take(rest[i], results[i]);
    }
  }

  /**
   * The catalog files that Location entities register (and the Locations in those, in turn),
   * read as catalog files once and kept until they change: their facts, in the order found.
   */
  private async followLocations(catalog: readonly CatalogEntity[], catalogFiles: readonly string[], registered: readonly string[] = []): Promise<FileFacts[]> {
    const seen = new Set(catalogFiles);
    const out: FileFacts[] = [];
    let entities = catalog;
    let extra = registered;
    while ((entities.length > 0 || extra.length > 0) && seen.size - catalogFiles.length < MAX_LOCATION_FILES) {
      const next: CatalogEntity[] = [];
      const paths = [...extra, ...locationFiles(entities, this.files, this.fileSet)];
      extra = [];
      for (const path of paths) {
        // Only a YAML file no other role claims (a contract or teams.yaml is read as itself).
        if (seen.has(path) || this.unread.has(path) || this.role(path) !== null || !/\.ya?ml$/i.test(path)) continue;
        seen.add(path);
        let facts = this.located.get(path);
        if (!facts) {
          facts = await this.reader.read(path, 'catalog');
          this.located.set(path, facts);
        }
        out.push(facts);
        for (const e of facts.catalog ?? []) next.push(e);
      }
      entities = next;
    }
    return out;
  }

  // -------------------------------------------------------------------------
  // Building a snapshot from the cache

  /** `list`, or the last list of that name when it holds the same items (the same objects, in order). */
  private sameAsLast<T>(name: string, list: readonly T[]): readonly T[] {
    const last = this.stable.lists.get(name) as readonly T[] | undefined;
    if (last && last.length === list.length && last.every((item, i) => item === list[i])) return last;
    this.stable.lists.set(name, list);
    return list;
  }

  /** Did the walk (which fed the scan and told the roles) use the learning folders now in force? */
  private walkedWithLearningFolders(): boolean {
    return this.scanFolders !== null && JSON.stringify(this.scanFolders) === JSON.stringify(this.learningFolders);
  }

  /**
   * The workspace's files by role, kept while the file list is the same array (an edit that adds
   * or removes no file). The first analysis builds it before reading, so that each file's role is
   * decided once for the read, the scan and the snapshot.
   */
  private async indexRoles(pause: () => Promise<void> | null): Promise<{ files: readonly string[]; byRole: Map<Role, string[]>; others: string[] }> {
    const files = this.files;
    const walked = this.walkRoles;
    this.walkRoles = null;
    if (this.roleIndex?.files !== files && walked?.files === files && this.walkedWithLearningFolders()) {
      // The walk told each file's role (with these learning folders) and listed these very files:
      // its lists in the list's order, as the loop below would make them.
      const others: string[] = [];
      for (const [role, list] of walked.byRole) {
        list.sort(compareStrings);
        if (role !== 'source') for (const f of list) others.push(f);
      }
      others.sort(compareStrings);
      this.roleIndex = { files, byRole: walked.byRole, others };
      this.roleFacts.clear();
    }
    if (this.roleIndex?.files !== files) {
      const byRole = new Map<Role, string[]>();
      // The files with a role other than 'source', in the list's order (the pool reads them).
      const others: string[] = [];
      for (let i = 0; i < files.length; i++) {
        if ((i & 1023) === 0) await pause();
        const f = files[i];
        const role = this.role(f);
        if (role === null) continue;
        if (role !== 'source') others.push(f);
        const list = byRole.get(role);
        if (list) list.push(f);
        else byRole.set(role, [f]);
      }
      this.roleIndex = { files, byRole, others };
      this.roleFacts.clear();
    }
    return this.roleIndex;
  }

  /** `scanned`: takes the source files' scan, when readAll left it running (their facts wait for it). */
  private async build(scanned?: () => Promise<void>): Promise<Analysis> {
    const log = this.options.log ?? (() => undefined);
    // Every loop over the workspace's files gives the event loop a turn every SLICE_MS.
    const pause = eventLoopYielder();
    // Shared with the previous snapshot while no file was added or removed (see addFile).
    const files = this.files;
    const { byRole } = await this.indexRoles(pause);
    const factsOf = (role: Role): FileFacts[] => {
      let facts = this.roleFacts.get(role);
      if (!facts) this.roleFacts.set(role, (facts = (byRole.get(role) ?? []).map((f) => this.facts.get(f) ?? EMPTY_FACTS)));
      return facts;
    };
    /** `make(factsOf(role))`, computed again only when the role's facts change. */
    const derive = <T>(name: string, role: Role, make: (facts: readonly FileFacts[]) => T): T => {
      const facts = factsOf(role);
      const kept = this.derived.get(name);
      if (kept?.from === facts) return kept.value as T;
      const value = make(facts);
      this.derived.set(name, { from: facts, value });
      return value;
    };

    const configFile = factsOf('config')[0]?.config ?? null;
    if (this.stable.config === null || this.stable.configFile !== configFile) {
      this.stable = { configFile, config: mergeConfig(defaultConfig(), configFile?.config, this.options.config), lists: this.stable.lists };
    }
    const config = this.stable.config as NorthstarConfig;
    const today = this.options.today ?? config.today ?? new Date().toISOString().slice(0, 10);
    const teamsFile = factsOf('teams')[0]?.teams ?? null;
    const visionFile = factsOf('vision')[0]?.vision ?? null;
    const componentOwners = factsOf('componentOwners')[0]?.componentOwners ?? null;

    await pause();
    const owners = buildCodeowners(
      config,
      { has: (p) => this.fileSet.has(p), textOf: (p) => this.facts.get(p)?.text },
      this.outerCodeowners,
      this.codeownersCarry,
    );
    const { index: ownership, prefix } = owners;
    // The same function while the index and prefix are: the model build and rules that read
    // `ownersOf` tell an unchanged CODEOWNERS by it.
    if (this.ownersOfCarry?.index !== ownership || this.ownersOfCarry.prefix !== prefix) {
      const ask = (path: string): OwnerMatch =>
        ownership ? ownership.ownersOf(prefix ? `${prefix}/${normalizePath(path)}` : normalizePath(path)) : EMPTY_MATCH;
      this.ownersOfCarry = { index: ownership, prefix, ownersOf: ask };
    }
    const { ownersOf } = this.ownersOfCarry;

    // The shared indexes the enabled rules asked for, built in slices before the rule run (and
    // before the model: they need only the files and CODEOWNERS). The file set is the
    // analyzer's own (the same files; the rules only read it, during the run).
    this.indexCarry.files = files;
    this.indexCarry.fileSet = this.fileSet;
    const wholeIndex = ownership && !prefix ? ownership : undefined;
    const runInput = { config, subfolder: prefix !== '', visionFile };
    const wanted = new Set(RULES.filter((r) => ruleRuns(r, runInput)).flatMap((r) => r.meta.uses ?? []));
    await prepareIndexes(this.indexCarry, { files, ownership: wholeIndex }, wanted, owners.codeowners, pause);

    // The facts of the files that carry problems, disable comments or tags, the source files
    // among them: taken once the scan is over, which the model build waits for only where it
    // gives modules their tags (most of it runs while the scan's worker reads the last files).
    const priorityTags: PriorityTag[] = [];
    const contributed: { problems: ParseProblem[]; disables: DisableComment[] } = { problems: [], disables: [] };
    let sourceFacts: Promise<void> | null = null;
    const takeSourceFacts = (): Promise<void> =>
      (sourceFacts ??= (async () => {
        if (scanned) await scanned();
        // Only the few files with problems, disable comments or tags contribute here (in file order).
        const contributing = [...this.contributing].filter((f) => this.fileSet.has(f)).sort(compareStrings);
        for (const f of contributing) {
          const facts = this.facts.get(f);
          if (!facts) continue;
          for (const p of facts.problems) contributed.problems.push(p);
          for (const d of facts.disables) contributed.disables.push(d);
          for (const t of facts.tags) priorityTags.push(t);
        }
      })());

    await pause();
    const contracts = derive('contracts', 'contract', (facts) => facts.flatMap((f) => (f.contract ? [f.contract] : [])));
    // A new array: the entities the Locations register are added to it.
    const found = factsOf('catalog').flatMap((f) => f.catalog ?? []);
    // What the root app-config registers: files, and URLs into this repository (by its slug).
    const slugs = new Set(found.map((e) => e.annotations['github.com/project-slug']?.trim().toLowerCase()).filter((s): s is string => !!s));
    const registered = appConfigFiles(
      derive('appLocations', 'appConfig', (facts) => facts.flatMap((f) => f.appLocations ?? [])),
      slugs,
      this.fileSet,
    );
    const located: FileFacts[] = await this.followLocations(found, byRole.get('catalog') ?? [], registered);
    for (const f of located) for (const e of f.catalog ?? []) found.push(e);
    const catalog = this.sameAsLast('catalog', found);
    const manifests = this.sameAsLast('manifests', derive('manifests', 'manifest', (facts) => facts.flatMap((f) => (f.manifest ? [f.manifest] : []))));
    const built = await buildModel(
      {
        rootLabel: this.options.rootLabel ?? '',
        files,
        fileSet: this.fileSet,
        config,
        contracts,
        catalog,
        manifests,
        teamsFile,
        visionFile,
        componentOwners,
        codeowners: owners.codeowners,
        codeownersBuild: owners,
        priorityTags,
        tagsReady: takeSourceFacts,
        learning: resolveLearning(factsOf('learning').flatMap((f) => (f.learning ? [f.learning] : [])), today),
        ownersOf,
      },
      this.testMemo,
      pause,
      this.modelCarry,
    );
    await takeSourceFacts();
    // In the order they always came: the walk's, the files' (those skipped logged), CODEOWNERS', the Locations' files'.
    const problems: ParseProblem[] = [...this.walkProblems, ...contributed.problems];
    for (const p of problems) if (p.ruleId === 'workspace/skipped') log(`northstar: ${p.message}`);
    const disables: DisableComment[] = [...contributed.disables];
    for (const p of owners.problems) problems.push(p);
    for (const d of owners.disables) disables.push(d);
    for (const f of located) {
      for (const p of f.problems) problems.push(p);
      for (const d of f.disables) disables.push(d);
    }
    const { directory, moduleOf, moduleByName } = built;
    const visionPath = byRole.get('vision')?.[0];
    const modelWithoutFindings =
      visionFile && visionPath !== undefined
        ? { ...built.model, priorities: await withTrends(built.model.priorities, await this.visionRevisions(visionPath, config, today), visionPath, today, pause) }
        : built.model;

    const indexes = new SnapshotIndexes(
      { files, contracts, catalog, modules: modelWithoutFindings.modules, ownersOf, ownership: wholeIndex },
      this.indexCarry,
    );
    await pause();
    const findings = await runRules({
      ...runInput,
      model: modelWithoutFindings,
      files,
      contracts,
      catalog,
      manifests,
      teamsFile,
      configFile,
      codeowners: owners.codeowners,
      problems,
      ownersOf,
      ownership: wholeIndex,
      teamOf: directory.teamOf,
      moduleOf,
      moduleByName,
      indexes,
      textOf: (path) => this.overlays.get(normalizePath(path)) ?? this.facts.get(normalizePath(path))?.text,
      today,
      disables,
      log,
      pause,
      carry: this.ruleCarry,
      findingCarry: this.findingCarry,
    });

    const model: Model = { ...modelWithoutFindings, findings, today };
    let stats: { matched: number[]; won: number[] } | null = null;
    return {
      model,
      ownersOf,
      moduleOf,
      moduleByName,
      teamOf: directory.teamOf,
      rules: RULES.map((r) => r.meta),
      files,
      config,
      codeownersPrefix: prefix,
      codeownersStats: () => {
        stats ??= ownership ? ownership.stats(prefix ? files.map((f) => `${prefix}/${f}`) : files) : { matched: [], won: [] };
        return stats;
      },
    };
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
