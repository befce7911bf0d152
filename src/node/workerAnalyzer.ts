/**
 * The host thread's side of the analysis worker (analysisWorker.ts): the same `analyze()` /
 * `update()` as WorkspaceAnalyzer, answered by a worker thread. The host only applies the parts
 * it receives (one bounded slice per message, core/engine/remote.ts) and keeps the last complete
 * snapshot, from which hovers and the status bar answer.
 *
 * A worker that dies is started again on the next request, with a full snapshot.
 */
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Analysis, FileChange } from '../core/api';
import { SnapshotAssembler } from '../core/engine/remote';
import { normalizePath } from '../core/fs';
import { DEFAULT_LEARNING_FOLDERS } from '../core/sources/learning';
import { roleOf, type Role } from '../core/workspace/roles';
import type { AnalysisRequest, AnalysisWorkerData, AnalysisWorkerMessage } from './analysisProtocol';
import { timed } from './hostTiming';

export interface WorkerAnalyzerOptions extends Omit<AnalysisWorkerData, 'overlays'> {
  overlays?: ReadonlyMap<string, string>;
  log?: (line: string) => void;
  /** The worker script (default: analysisWorker.js beside this module: dist/ in the bundles, out/src/node/ in tests). */
  script?: string;
}

interface Pending {
  resolve(analysis: Analysis): void;
  reject(error: Error): void;
}

export class WorkerAnalyzer {
  private worker: Worker | null = null;
  private assembler = new SnapshotAssembler();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private current: Analysis | null = null;
  private overlays: ReadonlyMap<string, string>;
  private disposed = false;

  constructor(private readonly options: WorkerAnalyzerOptions) {
    this.overlays = options.overlays ?? new Map();
  }

  get analysis(): Analysis | null {
    return this.current;
  }

  /**
   * What the worker's analyzer reads a file as, with the configuration of the last snapshot (a
   * Markdown file in a configured learning folder is a note): as WorkspaceAnalyzer.roleOf.
   */
  roleOf(path: string): Role | null {
    return roleOf(normalizePath(path), this.current?.config?.learning.folders ?? DEFAULT_LEARNING_FOLDERS);
  }

  analyze(): Promise<Analysis> {
    return this.request((id) => ({ type: 'analyze', id }));
  }

  update(changes: readonly FileChange[], overlays?: ReadonlyMap<string, string>): Promise<Analysis> {
    if (overlays) this.overlays = overlays;
    return this.request((id) => ({ type: 'update', id, changes: changes.map((c) => ({ path: c.path, kind: c.kind })), ...(overlays && { overlays: [...overlays] }) }));
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the analysis worker was stopped'));
    void worker?.terminate();
  }

  private request(make: (id: number) => AnalysisRequest): Promise<Analysis> {
    if (this.disposed) return Promise.reject(new Error('the analysis worker was stopped'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise<Analysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage(make(id));
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const data: AnalysisWorkerData = {
      root: this.options.root,
      overlays: [...this.overlays],
      ...(this.options.today !== undefined && { today: this.options.today }),
      ...(this.options.config !== undefined && { config: this.options.config }),
    };
    const worker = new Worker(this.options.script ?? nodePath.join(__dirname, 'analysisWorker.js'), { workerData: data });
    // A new worker sends everything: start from an empty snapshot (the last complete one stays published meanwhile).
    this.assembler = new SnapshotAssembler();
    worker.on('message', (message: AnalysisWorkerMessage) => {
      if (worker !== this.worker) return;
      const label = message.type === 'part' ? `analysis worker: ${message.part.kind} part` : `analysis worker: ${message.type}`;
      timed(label, () => this.receive(message))();
    });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(new Error(why));
    };
    worker.on('error', (error) => lost(`the analysis worker failed: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => lost(`the analysis worker exited (code ${code})`));
    this.worker = worker;
    return worker;
  }

  private receive(message: AnalysisWorkerMessage): void {
    switch (message.type) {
      case 'log':
        this.options.log?.(message.line);
        return;
      case 'part':
        this.assembler.apply(message.part);
        return;
      case 'done': {
        const analysis = this.assembler.complete(this.current);
        const pending = this.settle(message.id);
        // Three slices, not one: the snapshot above; then the CODEOWNERS index, which the first
        // ownersOf would build (analysis.ownersOf warms it); then the callers (the model service
        // publishes, and every surface's listener runs), each its own turn of the event loop.
        setImmediate(timed('analysis worker: CODEOWNERS index', () => {
          analysis.ownersOf('');
          setImmediate(timed('analysis worker: resolve', () => {
            this.current = analysis;
            pending?.resolve(analysis);
          }));
        }));
        return;
      }
      case 'failed':
        this.settle(message.id)?.reject(new Error(message.message));
        return;
    }
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id);
    this.pending.delete(id);
    return pending;
  }

  private failAll(error: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(error);
  }
}
