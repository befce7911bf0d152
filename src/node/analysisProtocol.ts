/**
 * Messages between the extension host's thread (workerAnalyzer.ts) and the analysis worker
 * (analysisWorker.ts). Plain data: what structured cloning carries.
 */
import type { FileChange } from '../core/api';
import type { SnapshotPart } from '../core/engine/remote';
import type { NorthstarConfig } from '../core/model/types';

export interface AnalysisWorkerData {
  /** The folder, an absolute local path. */
  root: string;
  /** Unsaved buffers when the worker starts: [root-relative path, text]. */
  overlays?: [string, string][];
  today?: string;
  config?: Partial<NorthstarConfig>;
}

export type AnalysisRequest =
  | { type: 'analyze'; id: number }
  | { type: 'update'; id: number; changes: FileChange[]; overlays?: [string, string][] };

export type AnalysisWorkerMessage =
  | { type: 'part'; id: number; part: SnapshotPart }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; message: string }
  | { type: 'log'; line: string };
