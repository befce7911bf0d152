/**
 * The one place that decides the state of an experiment and of an initiative against today's
 * date, and which initiatives a module belongs to. Rules, the summary, the hover and the tree
 * all ask here. Dates are ISO `YYYY-MM-DD` and compare as text; `today` is the analysis' own
 * (AnalyzeOptions.today / config.today), never the clock.
 */
import type { Experiment, Initiative, InitiativeStatus, Model, Module } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date as written, if it is an ISO date (`YYYY-MM-DD`); anything else is not compared. */
export function isoDate(value: string | null | undefined): string | null {
  return typeof value === 'string' && ISO_DATE.test(value) ? value : null;
}

/** Is the date written strictly before today? False for no date or a malformed one. */
export function isPast(date: string | null | undefined, today: string): boolean {
  const d = isoDate(date);
  return d !== null && d < today;
}

/** `decided`: a decision is recorded; `overdue`: past `decideBy` without one; `running`: neither. */
export type ExperimentState = 'running' | 'overdue' | 'decided';

export function experimentState(experiment: Pick<Experiment, 'decideBy' | 'decision'>, today: string): ExperimentState {
  if (experiment.decision !== null) return 'decided';
  return isPast(experiment.decideBy, today) ? 'overdue' : 'running';
}

/** Done and dropped initiatives are closed: nothing about them is overdue or unowned. */
export function isClosedStatus(status: InitiativeStatus | null): boolean {
  return status === 'done' || status === 'dropped';
}

export function isInitiativeOverdue(initiative: Pick<Initiative, 'due' | 'status'>, today: string): boolean {
  return !isClosedStatus(initiative.status) && isPast(initiative.due, today);
}

/** Every initiative of the vision, in file order (priority by priority). */
export function allInitiatives(model: Pick<Model, 'priorities'>): Initiative[] {
  return model.priorities.flatMap((p) => p.initiatives ?? []);
}

/**
 * The initiatives a module belongs to: those listing it in their `modules`, and those its
 * contract names in `initiatives`. File order, each once.
 */
export function initiativesOfModule(model: Pick<Model, 'priorities'>, module: Pick<Module, 'name' | 'initiatives'>): Initiative[] {
  const named = new Set(module.initiatives ?? []);
  return allInitiatives(model).filter((i) => i.modules.includes(module.name) || named.has(i.id));
}

/** The modules an initiative changes: those it lists, and those whose contract names it. Names, sorted, each once. */
export function modulesOfInitiative(model: Pick<Model, 'modules'>, initiative: Pick<Initiative, 'id' | 'modules'>): string[] {
  const names = new Set(initiative.modules);
  for (const m of model.modules) if ((m.initiatives ?? []).includes(initiative.id)) names.add(m.name);
  return [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
