/**
 * Structural sharing between snapshots: a module whose every field equals the previous
 * snapshot's module of the same folder and name is that previous object. Consumers can then
 * tell "unchanged" by identity: the rule run keeps a per-module rule's findings for such a
 * module (rules/run.ts), and a surface may skip redrawing it.
 */
import type { Module } from '../model/types';

/** Equality of plain data (what a module is made of: primitives, arrays, plain objects). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  // for…in rather than Object.keys: no array per object (this runs over every module on every
  // update). Models are plain data: no inherited enumerable keys.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k in ra) {
    count++;
    if (!(k in rb) || !sameData(ra[k], rb[k])) return false;
  }
  for (const _ in rb) count--;
  return count === 0;
}

/**
 * `next` with each module replaced by `previous`'s module of the same folder and name when the
 * two are equal in every field (duplicates of a folder and name are paired in order).
 */
export function shareUnchanged<M extends Module>(previous: readonly M[] | null, next: readonly M[]): M[] {
  if (!previous || previous.length === 0) return next.slice();
  const before = new Map<string, M[]>();
  for (const m of previous) {
    const list = before.get(m.path);
    if (list) list.push(m);
    else before.set(m.path, [m]);
  }
  return next.map((m) => {
    const candidates = before.get(m.path);
    if (!candidates) return m;
    const i = candidates.findIndex((old) => old.name === m.name);
    if (i < 0) return m;
    const [old] = candidates.splice(i, 1);
    return sameData(old, m) ? old : m;
  });
}

/** The same items, in the same order (by identity). */
export function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
