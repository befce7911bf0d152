/**
 * The worker thread of src/node/files.ts: lists a folder's files (git's view, src/node/git/) off
 * the editor's extension host thread, and sends them back as one message. Asked with `history`,
 * it reads the committed versions of the vision file instead (src/node/history.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { VisionHistoryRequest } from '../core/api';
import { listedMessage } from './files';
import { historyMessage } from './history';

const data = workerData as { root: string; history?: VisionHistoryRequest; early?: boolean };

if (data.history) {
  void historyMessage(data.root, data.history).then((message) => parentPort?.postMessage(message));
} else {
  // Asked with `early`: the index's files on the work tree first, so that reading them starts before the listing ends.
  const early = data.early ? (paths: readonly string[]) => parentPort?.postMessage({ early: paths.join('\u0000') }) : undefined;
  void listedMessage(data.root, early).then(
    (message) => parentPort?.postMessage(message),
    (error: unknown) => parentPort?.postMessage({ source: 'walk', problems: [{ ruleId: 'workspace/skipped', message: `Git's list of files could not be read (${error instanceof Error ? error.message : String(error)}), so the folder was walked instead.`, location: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 } }] }),
  );
}
