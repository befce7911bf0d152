/**
 * Initiatives (DESIGN.md 1.8): under a priority in vision.yaml, the work that translates it into
 * delivery, with its owner, status, due date, modules and metric. Read here; checked by the
 * `strategy/initiative-*` and `strategy/unknown-initiative` rules.
 */
import type { InitiativeStatus } from '../model/types';
import type { InitiativeDecl, Located } from './types';
import type { YamlDoc } from './yaml';

export const INITIATIVE_STATUSES: readonly InitiativeStatus[] = ['planned', 'active', 'done', 'dropped'];

/** The `initiatives` of one priority. An item without an id is a schema problem and is skipped. */
export function readInitiatives(doc: YamlDoc, node: unknown): InitiativeDecl[] {
  const trimmed = (n: unknown): Located | null => {
    const value = doc.located(n);
    return value ? { value: value.value.trim(), location: value.location } : null;
  };
  const out: InitiativeDecl[] = [];
  for (const item of doc.items(node)) {
    const id = trimmed(doc.get(item, 'id'));
    if (!id) continue;
    const status = trimmed(doc.get(item, 'status'));
    out.push({
      id,
      title: doc.str(doc.get(item, 'title'))?.trim() || id.value,
      owner: trimmed(doc.get(item, 'owner')),
      status:
        status && (INITIATIVE_STATUSES as readonly string[]).includes(status.value)
          ? { value: status.value as InitiativeStatus, location: status.location }
          : null,
      due: trimmed(doc.get(item, 'due')),
      modules: doc.strings(doc.get(item, 'modules')).map((s) => ({ name: s.value.trim(), location: s.location })),
      metric: trimmed(doc.get(item, 'metric')),
    });
  }
  return out;
}
