/**
 * Cooperative scheduling: the analysis runs on a thread it shares (the extension host's), so
 * every loop over the workspace gives the event loop a turn every SLICE_MS.
 */

/** Longest stretch of synchronous work while building a snapshot before the event loop gets a turn. */
export const SLICE_MS = 10;

const clock: () => number =
  typeof performance !== 'undefined' && typeof performance.now === 'function' ? () => performance.now() : () => Date.now();

/**
 * A macrotask: timers, I/O callbacks and messages run before it. `setImmediate` where the
 * runtime has it (Node, the extension host): `setTimeout(0)` waits at least 1 ms.
 */
const nextMacrotask: (resolve: () => void) => void = (() => {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown }).setImmediate;
  return typeof immediate === 'function' ? (resolve) => void immediate(resolve) : (resolve) => void setTimeout(resolve, 0);
})();

/**
 * Cooperative scheduling for the snapshot build, which runs on the extension host's thread:
 * the returned function gives a promise of the next macrotask when more than `sliceMs` passed
 * since the last one, else null, so that a loop awaits only when it is due. Loops call it
 * every few hundred items; one yielder serves one analysis or update.
 */
export function eventLoopYielder(sliceMs = SLICE_MS): () => Promise<void> | null {
  let last = clock();
  const resume = () => {
    last = clock();
  };
  return () => {
    if (clock() - last < sliceMs) return null;
    return new Promise<void>(nextMacrotask).then(resume);
  };
}

/** `new Set(items)`, giving the event loop a turn when due. */
export async function setInSlices(items: readonly string[], pause: () => Promise<void> | null): Promise<Set<string>> {
  const set = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    if ((i & 4095) === 0) await pause();
    set.add(items[i]);
  }
  return set;
}

/** `items.filter(keep)`, giving the event loop a turn when due. */
export async function filterInSlices(items: readonly string[], keep: (item: string) => boolean, pause: () => Promise<void> | null): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < items.length; i++) {
    if ((i & 1023) === 0) await pause();
    if (keep(items[i])) out.push(items[i]);
  }
  return out;
}

