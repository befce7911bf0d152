/**
 * The worker thread of src/node/files.ts: lists a folder's files (git's view, src/node/git/) off
 * the editor's extension host thread, and sends them back as one message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { listedMessage } from './files';

void listedMessage((workerData as { root: string }).root).then(
  (message) => parentPort?.postMessage(message),
  (error: unknown) => parentPort?.postMessage({ source: 'walk', problems: [{ ruleId: 'workspace/skipped', message: `Git's list of files could not be read (${error instanceof Error ? error.message : String(error)}), so the folder was walked instead.`, location: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 } }] }),
);
