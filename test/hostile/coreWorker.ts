/** Runs one hostile case through the core in a worker thread (see runCoreIsolated in corpus.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { modelFacts, runCore, type HostileCase, type IsolatedCoreRun } from './corpus';

const { c, root } = workerData as { c: HostileCase; root: string };

void runCore(c, root).then((run) => {
  const result: IsolatedCoreRun = {
    findings: [...run.analysis.model.findings],
    ms: run.ms,
    modelLength: JSON.stringify(run.analysis.model).length,
    ...modelFacts(c, run.analysis),
  };
  parentPort?.postMessage(result);
});
