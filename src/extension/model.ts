/**
 * The model service: one WorkspaceAnalyzer per workspace folder, kept up to date from a file
 * watcher and from unsaved editor buffers, and shared by every surface of the extension.
 *
 * Activation only builds this object; the first full scan starts after activate() returns
 * (DESIGN habit 9). Re-analysis is debounced, serialised per root, and a result computed for a
 * document version that has since changed is dropped (habit 6).
 */
import { existsSync, promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import * as vscode from 'vscode';
import type { Analysis, FileChange } from '../core/api';
import { isRelevantFile, roleOf, WorkspaceAnalyzer } from '../core/analyze';
import { VscodeFileAccess } from './vscodeFileAccess';
import { timed } from '../node/hostTiming';
import { localAnalyzeOptions } from '../node/setup';
import { WorkerAnalyzer } from '../node/workerAnalyzer';

export interface RootAnalysis {
  folder: vscode.WorkspaceFolder;
  analysis: Analysis;
  /**
   * The version of every open document of the folder whose text the analysis read (its YAML
   * sources and CODEOWNERS, saved or not), by uri string. Positions in the analysis hold for
   * a document only at that version (see NorthstarModel.sawCurrentText).
   */
  versions?: ReadonlyMap<string, number>;
}

/** Files whose unsaved text is analysed (YAML sources and CODEOWNERS). */
const OVERLAY_ROLES = new Set(['contract', 'catalog', 'teams', 'vision', 'config', 'codeowners', 'learning']);

export function isOverlayPath(path: string): boolean {
  const role = roleOf(path);
  return role !== null && OVERLAY_ROLES.has(role);
}

/** Timings of activation, for the log and the tests (milliseconds since activate() started). */
export interface ActivationTiming {
  /** activate() start → return. */
  activate: number;
  /** activate() start → every root's first analysis published (undefined until then). */
  firstAnalysis?: number;
}

/** What the model service drives: a WorkerAnalyzer for a local folder, else the analyzer in this thread. */
type Analyzer = Pick<WorkspaceAnalyzer, 'analysis' | 'analyze' | 'update' | 'roleOf'> & { dispose?(): void };

/** The analysis worker's script, beside the extension's bundle (scripts/build.mjs). */
const WORKER_SCRIPT = nodePath.join(__dirname, 'analysisWorker.js');

interface RootState {
  folder: vscode.WorkspaceFolder;
  analyzer: Analyzer;
  published: RootAnalysis | undefined;
  first: Promise<void>;
  resolveFirst: () => void;
  /** The first analysis was published or failed (`first` resolved). */
  firstSettled: boolean;
  /** Changes seen by the watcher since the last run. */
  pending: Map<string, FileChange['kind']>;
  /** Overlays changed since the last run. */
  overlaysDirty: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Runs are chained: a WorkspaceAnalyzer is not re-entrant. */
  queue: Promise<void>;
  /** Versions of the open overlay documents when the overlays were last collected. */
  seenVersions: Map<string, number>;
  /** Bumped on every edit of an overlay document; a run started at an older value is stale. */
  generation: number;
  /** Jobs queued or running. */
  running: number;
  disposed: boolean;
}

function sameRoot(a: vscode.Uri, b: vscode.Uri): boolean {
  return a.scheme === b.scheme && a.authority === b.authority;
}

export class NorthstarModel implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RootAnalysis>();
  readonly onDidChange: vscode.Event<RootAnalysis> = this.emitter.event;
  private readonly states = new Map<string, RootState>();
  private readonly disposables: vscode.Disposable[] = [];
  private started = false;
  private readonly startedAt: number;
  readonly timing: ActivationTiming = { activate: 0 };

  constructor(readonly output: vscode.LogOutputChannel, startedAt: number = Date.now()) {
    this.startedAt = startedAt;
    this.disposables.push(this.emitter);
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.addFolder(folder);
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const folder of e.removed) this.removeFolder(folder);
        for (const folder of e.added) {
          this.addFolder(folder);
          if (this.started) this.schedule(this.states.get(folder.uri.toString()), 0);
        }
      }),
    );
    this.watch();
  }

  /** Start the first analysis of every root, after the caller (activate) has returned. */
  start(): void {
    if (this.started) return;
    this.started = true;
    setTimeout(() => {
      for (const state of this.states.values()) this.schedule(state, 0);
    }, 0);
    void Promise.all([...this.states.values()].map((s) => s.first)).then(() => {
      this.timing.firstAnalysis = Date.now() - this.startedAt;
      this.output.info(`first analysis of ${this.states.size} folder(s) ${this.timing.firstAnalysis} ms after activation started`);
    });
  }

  roots(): RootAnalysis[] {
    const out: RootAnalysis[] = [];
    for (const state of this.states.values()) if (state.published) out.push(state.published);
    return out;
  }

  rootOf(folder: vscode.WorkspaceFolder): RootAnalysis | undefined {
    return this.states.get(folder.uri.toString())?.published;
  }

  locate(uri: vscode.Uri): { root: RootAnalysis; path: string } | undefined {
    let best: { state: RootState; path: string } | undefined;
    let bestLength = -1;
    for (const state of this.states.values()) {
      const base = state.folder.uri;
      if (!sameRoot(base, uri)) continue;
      const folderPath = base.path.endsWith('/') ? base.path.slice(0, -1) : base.path;
      let path: string | undefined;
      if (uri.path === folderPath) path = '';
      else if (uri.path.startsWith(folderPath + '/')) path = uri.path.slice(folderPath.length + 1);
      if (path === undefined || folderPath.length <= bestLength) continue;
      best = { state, path };
      bestLength = folderPath.length;
    }
    if (!best?.state.published) return undefined;
    return { root: best.state.published, path: best.path };
  }

  /**
   * Resolves when every root has its first analysis and no change seen so far still waits for
   * analysis, so that a command (an export) run right after an edit sees that edit.
   */
  async ready(): Promise<void> {
    await Promise.all([...this.states.values()].map((s) => s.first));
    await this.whenIdle();
  }

  /**
   * Whether uri lies in a workspace folder whose first analysis has not been published yet
   * (surfaces then say "analysing…" instead of waiting: DESIGN habit 9, a 200,000-file folder
   * takes seconds).
   */
  isFirstAnalysisPending(uri: vscode.Uri): boolean {
    const located = this.stateOf(uri);
    return located !== undefined && !located.state.disposed && !located.state.firstSettled;
  }

  /**
   * Resolves with true when the folder holding uri has its first analysis, or with false after
   * `ms` milliseconds if it has not (never waits longer).
   */
  async waitForFirstAnalysis(uri: vscode.Uri, ms: number): Promise<boolean> {
    const located = this.stateOf(uri);
    if (!located) return false;
    if (located.state.published) return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); });
    await Promise.race([located.state.first, timeout]);
    clearTimeout(timer);
    return located.state.published !== undefined;
  }

  /** Whether any folder has an analysis queued or running, or changes waiting for one. */
  isAnalysing(): boolean {
    for (const s of this.states.values()) {
      if (!s.disposed && (s.running > 0 || s.timer !== undefined || (this.started && !s.firstSettled))) return true;
    }
    return false;
  }

  /**
   * Whether `root` (the latest analysis of its folder) read the text `uri` has now, so that
   * its positions in that file still hold: the open document is at the version the analysis
   * saw, or is unchanged from the disk the analysis read; and no change of the file on disk
   * waits for analysis. False for an older snapshot.
   */
  sawCurrentText(root: RootAnalysis, uri: vscode.Uri): boolean {
    const located = this.stateOf(uri);
    if (!located || located.state.published !== root) return false;
    if (located.state.pending.has(located.path)) return false;
    const doc = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
    if (!doc) return true;
    const seen = root.versions?.get(uri.toString());
    return seen !== undefined ? seen === doc.version : !doc.isDirty;
  }

  uriOf(root: RootAnalysis, path: string): vscode.Uri {
    return path === '' ? root.folder.uri : vscode.Uri.joinPath(root.folder.uri, ...path.split('/'));
  }

  /**
   * Resolves once no change is waiting for its debounce and no analysis is running, i.e. what
   * roots() returns reflects every edit and file change seen so far (tests, commands).
   */
  async whenIdle(): Promise<void> {
    for (;;) {
      const states = [...this.states.values()];
      if (states.every((s) => s.disposed || (!s.timer && s.pending.size === 0 && !s.overlaysDirty && s.running === 0))) return;
      await Promise.all(states.map((s) => s.queue));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Analyse every root again from scratch (the refresh command). */
  async refresh(): Promise<void> {
    await Promise.all([...this.states.values()].map((state) => this.enqueue(state, async () => {
      const generation = state.generation;
      const analysis = await state.analyzer.analyze();
      this.publish(state, analysis, generation);
    })));
  }

  dispose(): void {
    for (const state of this.states.values()) this.disposeState(state);
    this.states.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  // -------------------------------------------------------------------------

  private debounceMs(): number {
    const value = vscode.workspace.getConfiguration('northstar').get<number>('debounceMs', 300);
    return typeof value === 'number' && value >= 0 ? value : 300;
  }

  private addFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    if (this.states.has(key)) return;
    let settle: () => void = () => undefined;
    const first = new Promise<void>((resolve) => { settle = resolve; });
    const resolveFirst = (): void => {
      const state = this.states.get(key);
      if (state) state.firstSettled = true;
      settle();
    };
    const log = (line: string): void => this.output.info(`[${folder.name}] ${line}`);
    let analyzer: Analyzer;
    if (folder.uri.scheme === 'file' && existsSync(WORKER_SCRIPT)) {
      // A local folder is analysed on a worker thread (DESIGN 6: the host's thread never runs a
      // slice over 50 ms), with the CLI's own set-up (the enclosing repository's CODEOWNERS included).
      analyzer = new WorkerAnalyzer({ root: folder.uri.fsPath, script: WORKER_SCRIPT, overlays: this.overlaysFor(folder), log });
    } else {
      // Another file system (a remote or virtual folder) is read through vscode.workspace.fs, on this thread.
      const fs = new VscodeFileAccess(folder.uri);
      const base = folder.uri.scheme === 'file' ? localAnalyzeOptions(folder.uri.fsPath, { blocking: false }) : { rootLabel: folder.uri.toString() };
      analyzer = new WorkspaceAnalyzer(fs, { ...base, overlays: this.overlaysFor(folder), log });
    }
    this.states.set(key, {
      folder, analyzer, published: undefined, first, resolveFirst, firstSettled: false,
      seenVersions: new Map(), pending: new Map(), overlaysDirty: false, timer: undefined, queue: Promise.resolve(), generation: 0, running: 0, disposed: false,
    });
  }

  private removeFolder(folder: vscode.WorkspaceFolder): void {
    const key = folder.uri.toString();
    const state = this.states.get(key);
    if (!state) return;
    this.disposeState(state);
    this.states.delete(key);
  }

  private disposeState(state: RootState): void {
    state.disposed = true;
    if (state.timer) clearTimeout(state.timer);
    state.analyzer.dispose?.();
    state.resolveFirst();
  }

  /** The root state a uri belongs to and its root-relative path (analysed or not yet). */
  private stateOf(uri: vscode.Uri): { state: RootState; path: string } | undefined {
    let best: { state: RootState; path: string } | undefined;
    let bestLength = -1;
    for (const state of this.states.values()) {
      const base = state.folder.uri;
      if (!sameRoot(base, uri)) continue;
      const folderPath = base.path.endsWith('/') ? base.path.slice(0, -1) : base.path;
      if (folderPath.length <= bestLength) continue;
      if (uri.path === folderPath) best = { state, path: '' };
      else if (uri.path.startsWith(folderPath + '/')) best = { state, path: uri.path.slice(folderPath.length + 1) };
      else continue;
      bestLength = folderPath.length;
    }
    return best;
  }

  /** Unsaved buffers of the YAML sources and CODEOWNERS inside a folder. */
  private overlaysFor(folder: vscode.WorkspaceFolder): Map<string, string> {
    const overlays = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (!doc.isDirty || doc.isClosed) continue;
      const located = this.stateOf(doc.uri);
      if (!located || located.state.folder.uri.toString() !== folder.uri.toString()) continue;
      if (isOverlayPath(located.path)) overlays.set(located.path, doc.getText());
    }
    return overlays;
  }

  /** Versions of the open YAML sources and CODEOWNERS documents inside a folder, saved or not. */
  private versionsFor(folder: vscode.WorkspaceFolder): Map<string, number> {
    const versions = new Map<string, number>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isClosed) continue;
      const located = this.stateOf(doc.uri);
      if (!located || located.state.folder.uri.toString() !== folder.uri.toString()) continue;
      if (isOverlayPath(located.path)) versions.set(doc.uri.toString(), doc.version);
    }
    return versions;
  }

  private watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    const onEvent = (kind: FileChange['kind']) => timed(`model: file ${kind}`, (uri: vscode.Uri) => {
      const located = this.stateOf(uri);
      if (!located || located.path === '') return;
      const { state, path } = located;
      // The analyzer knows the configured learning folders: a note there matters too.
      if (!isRelevantFile(path) && state.analyzer.roleOf(path) === null) {
        // A folder created or deleted (moved in or out) changes the files below it; the
        // analyzer tells folders from files. Other files cannot change the model.
        if (kind === 'changed') return;
        if (kind === 'created') {
          // Looked at, never opened (DESIGN 6): a folder, or a link to one, is noted, and the
          // analyzer walks it by the walk's rules (a link out is reported, not followed). A link is
          // looked through only for its target's kind (stat, never open: a FIFO cannot block it).
          // What the analyzer then reads, it reads the one checked way (src/node/nodeFileAccess.ts).
          const noteFolder = (isFolder: boolean) => {
            if (isFolder) this.note(state, path, kind);
          };
          if (uri.scheme === 'file') {
            void fsp.lstat(uri.fsPath).then(async (st) => noteFolder(st.isDirectory() || (st.isSymbolicLink() && (await fsp.stat(uri.fsPath)).isDirectory())), () => undefined);
          } else {
            void vscode.workspace.fs.stat(uri).then((st) => noteFolder((st.type & vscode.FileType.Directory) !== 0), () => undefined);
          }
          return;
        }
      }
      this.note(state, path, kind);
    });
    const onEdit = timed('model: document edit', (doc: vscode.TextDocument): void => {
      const located = this.stateOf(doc.uri);
      if (!located || !isOverlayPath(located.path)) return;
      located.state.generation++;
      located.state.overlaysDirty = true;
      this.schedule(located.state);
    });
    this.disposables.push(
      watcher,
      watcher.onDidCreate(onEvent('created')),
      watcher.onDidChange(onEvent('changed')),
      watcher.onDidDelete(onEvent('deleted')),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 || e.document.isDirty === false) onEdit(e.document);
      }),
      // Saving or closing a dirty buffer removes its overlay (the disk has the text, or it was reverted).
      vscode.workspace.onDidSaveTextDocument(onEdit),
      vscode.workspace.onDidCloseTextDocument(onEdit),
    );
  }

  private note(state: RootState, path: string, kind: FileChange['kind']): void {
    const previous = state.pending.get(path);
    // created then deleted within one debounce = deleted; deleted then created = changed.
    const merged = previous === 'deleted' && kind === 'created' ? 'changed' : previous === 'created' && kind === 'changed' ? 'created' : kind;
    state.pending.set(path, merged);
    this.schedule(state);
  }

  private schedule(state: RootState | undefined, delay = this.debounceMs()): void {
    if (!state || state.disposed) return;
    if (!this.started) return; // the first run picks everything up
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(timed('model: debounce timer', () => {
      state.timer = undefined;
      void this.enqueue(state, () => this.run(state));
    }), delay);
  }

  private enqueue(state: RootState, job: () => Promise<void>): Promise<void> {
    state.running++;
    const next = state.queue.then(job).catch((error: unknown) => {
      // A folder removed (or the extension stopped) stops its worker: the run it was doing has no one to tell.
      if (state.disposed) return;
      this.output.error(`[${state.folder.name}] analysis failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      state.resolveFirst();
    }).finally(() => { state.running--; });
    state.queue = next;
    return next;
  }

  private async run(state: RootState): Promise<void> {
    if (state.disposed) return;
    const generation = state.generation;
    const changes: FileChange[] = [...state.pending].map(([path, kind]) => ({ path, kind }));
    state.pending.clear();
    const overlays = state.overlaysDirty || !state.published ? this.overlaysFor(state.folder) : undefined;
    // Taken in the same tick as the overlays' texts: the versions those texts are.
    if (overlays) state.seenVersions = this.versionsFor(state.folder);
    const versions = new Map(state.seenVersions);
    state.overlaysDirty = false;
    const started = Date.now();
    let analysis: Analysis;
    if (state.analyzer.analysis) {
      analysis = await state.analyzer.update(changes, overlays);
    } else {
      // The first run walks everything (pending changes are included); buffers edited since
      // the analyzer was made are then layered on top.
      analysis = await state.analyzer.analyze();
      if (overlays) analysis = await state.analyzer.update([], overlays);
    }
    this.output.debug(`[${state.folder.name}] analysed in ${Date.now() - started} ms ` +
      `(${changes.length} change(s)${overlays ? `, ${overlays.size} unsaved file(s)` : ''})`);
    this.publish(state, analysis, generation, versions);
  }

  /** Timed (hostTiming.ts): the surfaces' listeners run inside it, on the host's thread. */
  private readonly publish = timed('model: publish', (state: RootState, analysis: Analysis, generation: number, versions: ReadonlyMap<string, number> = new Map(state.seenVersions)): void => {
    if (state.disposed) return;
    if (generation !== state.generation && state.published) {
      // A document changed while this ran: its result describes a stale version. The edit
      // scheduled another run, which will publish.
      this.output.debug(`[${state.folder.name}] dropped a result for a stale document version`);
      return;
    }
    const root: RootAnalysis = { folder: state.folder, analysis, versions };
    state.published = root;
    this.output.info(`[${state.folder.name}] ${analysis.model.modules.length} module(s), ${analysis.model.findings.length} finding(s)`);
    state.resolveFirst();
    this.emitter.fire(root);
  });
}
