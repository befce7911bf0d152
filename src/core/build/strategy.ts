/**
 * Strategy over time (DESIGN.md 1.8), declarations → model: a module's experiment and a
 * priority's initiatives, without positions other than where each is declared.
 */
import type { Experiment, Initiative } from '../model/types';
import type { ExperimentDecl, PriorityDecl } from '../sources/types';

export function experimentOf(decl: ExperimentDecl | null): Experiment | null {
  if (!decl) return null;
  const c = decl.successCriterion;
  return {
    hypothesis: decl.hypothesis,
    successCriterion: c ? { metric: c.metric?.value ?? null, target: c.target?.value ?? null, by: c.by?.value ?? null } : null,
    started: decl.started?.value ?? null,
    decideBy: decl.decideBy?.value ?? null,
    decision: decl.decision?.value ?? null,
    location: decl.location,
  };
}

export function initiativesOf(priority: PriorityDecl): Initiative[] {
  return priority.initiatives.map((i) => ({
    id: i.id.value,
    title: i.title,
    priority: priority.id,
    owner: i.owner?.value ?? null,
    status: i.status?.value ?? null,
    due: i.due?.value ?? null,
    modules: i.modules.map((m) => m.name),
    metric: i.metric?.value ?? null,
    location: i.id.location,
  }));
}
