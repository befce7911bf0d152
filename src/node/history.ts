/**
 * The vision file's git history for metric trends (AnalyzeOptions.visionHistory), read by the git
 * reader (src/node/git/history.ts) on the listing's worker thread (listWorker.ts), so that the
 * editor's extension host never walks commits itself; in place when worker threads are unavailable.
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { VisionHistoryRequest, VisionRevision } from '../core/api';
import { inRepository } from './files';
import { fileHistory } from './git/history';

/** What the worker sends back. */
export type HistoryMessage = { revisions: VisionRevision[] } | { error: string };

export async function historyMessage(root: string, request: VisionHistoryRequest): Promise<HistoryMessage> {
  try {
    return { revisions: await fileHistory(root, request) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** The worker script (dist/listWorker.js in the bundles, out/src/node/listWorker.js in tests), or null. */
function workerScript(): string | null {
  const script = nodePath.join(__dirname, 'listWorker.js');
  return existsSync(script) ? script : null;
}

function historyOnWorker(root: string, request: VisionHistoryRequest): Promise<HistoryMessage | null> {
  const script = workerScript();
  if (script === null) return Promise.resolve(null);
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: { root, history: request } });
    } catch {
      resolve(null);
      return;
    }
    worker.once('message', (message: HistoryMessage) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
}

/** The committed versions of the vision file under `root`, newest first. Throws when the repository cannot be read. */
export async function readVisionHistory(root: string, request: VisionHistoryRequest): Promise<VisionRevision[]> {
  // No repository here (a few lstat calls up the folders): no history, as fileHistory would say,
  // without starting a worker to learn it (loading it held a cold check for a tenth of a second).
  if (!inRepository(root)) return [];
  const message = (await historyOnWorker(root, request).catch(() => null)) ?? (await historyMessage(root, request));
  if ('error' in message) throw new Error(message.error);
  return message.revisions;
}
