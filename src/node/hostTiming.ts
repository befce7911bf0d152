/**
 * Timing of the callbacks Northstar runs on the extension host's thread (DESIGN section 6: no
 * slice over 50 ms), for the benchmark. Off by default: `NORTHSTAR_HOST_TIMING=1` in the
 * environment turns it on, and then every wrapped callback's synchronous run is measured (an
 * async callback's run up to its first await; what runs after an await is its own callback,
 * wrapped where it is scheduled). Off, `timed` returns the callback itself.
 */
import { performance } from 'node:perf_hooks';

export interface CallbackTiming {
  count: number;
  totalMs: number;
  maxMs: number;
}

export interface HostTimingReport {
  enabled: boolean;
  /** The longest callback seen and its label. */
  longestMs: number;
  longestLabel: string | null;
  byLabel: Record<string, CallbackTiming>;
}

const state = {
  enabled: process.env.NORTHSTAR_HOST_TIMING === '1',
  longestMs: 0,
  longestLabel: null as string | null,
  byLabel: new Map<string, CallbackTiming>(),
};

export function hostTimingEnabled(): boolean {
  return state.enabled;
}

/** Turn timing on or off (the benchmark, tests), and forget what was measured. */
export function setHostTiming(enabled: boolean): void {
  state.enabled = enabled;
  resetHostTiming();
}

export function resetHostTiming(): void {
  state.longestMs = 0;
  state.longestLabel = null;
  state.byLabel.clear();
}

export function hostTimingReport(): HostTimingReport {
  return { enabled: state.enabled, longestMs: state.longestMs, longestLabel: state.longestLabel, byLabel: Object.fromEntries(state.byLabel) };
}

function record(label: string, ms: number): void {
  let entry = state.byLabel.get(label);
  if (!entry) state.byLabel.set(label, (entry = { count: 0, totalMs: 0, maxMs: 0 }));
  entry.count++;
  entry.totalMs += ms;
  if (ms > entry.maxMs) entry.maxMs = ms;
  if (ms > state.longestMs) {
    state.longestMs = ms;
    state.longestLabel = label;
  }
}

/** `fn`, timed under `label` when timing is on (decided when the callback runs). */
export function timed<A extends unknown[], R>(label: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    if (!state.enabled) return fn(...args);
    const start = performance.now();
    try {
      return fn(...args);
    } finally {
      record(label, performance.now() - start);
    }
  };
}
