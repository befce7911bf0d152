/**
 * The worker thread of src/node/files.ts: lists a folder's files (git's view, src/node/git/) off
 * the editor's extension host thread, and sends them back as one message. Asked with `history`,
 * it reads the committed versions of the vision file instead (src/node/history.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { VisionHistoryRequest } from '../core/api';
import { listedMessage } from './files';
import { historyMessage } from './history';

const data = workerData as { root: string; history?: VisionHistoryRequest };

if (data.history) {
  void historyMessage(data.root, data.history).then((message) => parentPort?.postMessage(message));
} else {
  void listedMessage(data.root).then(
    (message) => parentPort?.postMessage(message),
    (error: unknown) => parentPort?.postMessage({ source: 'walk', problems: [{ ruleId: 'workspace/skipped', message: `Git's list of files could not be read (${error instanceof Error ? error.message : String(error)}), so the folder was walked instead.`, location: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 } }] }),
  );
}
