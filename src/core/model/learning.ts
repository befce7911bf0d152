/**
 * Questions about postmortems, demos and reviews that several surfaces ask (the rules, the
 * summary, the module hover): answered here, once.
 */
import { parseEntityRef } from '../sources/backstage';
import type { LearningKind, LearningRecord, Module } from './types';

/** How surfaces name a kind of note. */
export const LEARNING_KIND_LABEL: Record<LearningKind, string> = { postmortem: 'Postmortem', demo: 'Demo', review: 'Review' };

/**
 * The module a note's `modules` entry names: a module's name, or a Backstage reference
 * (`component:default/orders`) whose name part is one.
 */
export function learningModule(name: string, moduleByName: (name: string) => Module | undefined): Module | undefined {
  const direct = moduleByName(name);
  if (direct) return direct;
  const parsed = parseEntityRef(name);
  return parsed.name !== name ? moduleByName(parsed.name) : undefined;
}

/** The modules a note concerns, each once, in the order written; names that resolve to none are left out. */
export function modulesOfRecord(record: LearningRecord, moduleByName: (name: string) => Module | undefined): Module[] {
  const out: Module[] = [];
  for (const ref of record.modules) {
    const module = learningModule(ref.name, moduleByName);
    if (module && !out.includes(module)) out.push(module);
  }
  return out;
}

/** Newest first (undated last), then by file: the order every list of notes uses. */
export function byDateDescending(a: LearningRecord, b: LearningRecord): number {
  const da = a.date ?? '';
  const db = b.date ?? '';
  if (da !== db) return da < db ? 1 : -1;
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

/** `2026-Q3` for a date in July to September 2026; null without a date. */
export function quarterOf(date: string | null): string | null {
  if (date === null) return null;
  const month = Number(date.slice(5, 7));
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}
