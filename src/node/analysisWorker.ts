/**
 * The worker thread that analyses one local folder for the extension (DESIGN section 6: the
 * extension host's thread never runs a slice over 50 ms). It owns the WorkspaceAnalyzer (the
 * file listing and every read included) and answers each request with the parts that turn the
 * host's last snapshot into the new one (core/engine/remote.ts), then `done`.
 *
 * Requests are handled one after the other, in the order sent.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FileChange } from '../core/api';
import { WorkspaceAnalyzer } from '../core/analyze';
import { SnapshotDiffer } from '../core/engine/remote';
import { NodeFileAccess } from './nodeFileAccess';
import { localAnalyzeOptions } from './setup';
import type { AnalysisRequest, AnalysisWorkerData, AnalysisWorkerMessage } from './analysisProtocol';

const data = workerData as AnalysisWorkerData;
const port = parentPort;
if (!port) throw new Error('analysisWorker.js runs only as a worker thread');

const post = (message: AnalysisWorkerMessage): void => port.postMessage(message);
const options = localAnalyzeOptions(data.root);
const analyzer = new WorkspaceAnalyzer(new NodeFileAccess(data.root), {
  ...options,
  ...(data.today !== undefined && { today: data.today }),
  ...(data.config !== undefined && { config: data.config }),
  overlays: new Map(data.overlays ?? []),
  log: (line) => post({ type: 'log', line }),
});
const differ = new SnapshotDiffer();
let queue: Promise<void> = Promise.resolve();

async function handle(request: AnalysisRequest): Promise<void> {
  try {
    const analysis = request.type === 'analyze'
      ? await analyzer.analyze()
      : await analyzer.update(request.changes as FileChange[], request.overlays ? new Map(request.overlays) : undefined);
    for (const part of differ.diff(analysis)) post({ type: 'part', id: request.id, part });
    post({ type: 'done', id: request.id });
  } catch (error) {
    post({ type: 'failed', id: request.id, message: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}

port.on('message', (request: AnalysisRequest) => {
  queue = queue.then(() => handle(request));
});
