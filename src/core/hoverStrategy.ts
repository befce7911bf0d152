/**
 * The lines a module hover adds about the module's story over time (DESIGN.md 1.8): its
 * experiment and the initiatives it belongs to, judged against the analysis' date. The hover's
 * own Markdown helpers are handed in, so that every value is escaped as the rest of the hover.
 */
import { experimentState, initiativesOfModule, isInitiativeOverdue } from './model/strategy';
import type { Model, Module } from './model/types';

export interface HoverMarkdown {
  /** Text from the workspace, escaped. */
  text(value: string): string;
  /** An id or name as inline code. */
  code(value: string): string;
}

export function moduleStrategyLines(model: Pick<Model, 'priorities' | 'today'>, module: Module, md: HoverMarkdown): string[] {
  const lines: string[] = [];
  const today = model.today ?? '';
  const e = module.experiment;
  if (e) {
    const state = today === '' ? (e.decision !== null ? 'decided' : 'running') : experimentState(e, today);
    const head = state === 'decided' ? `decided: **${e.decision}**` : state === 'overdue' ? `**overdue** (decide by ${md.text(e.decideBy ?? '')})` : `running${e.decideBy ? `, decide by ${md.text(e.decideBy)}` : ''}`;
    const c = e.successCriterion;
    const criterion = c && (c.metric !== null || c.target !== null) ? `; success: ${md.text(c.metric ?? '?')} → ${md.text(c.target ?? '?')}${c.by ? ` by ${md.text(c.by)}` : ''}` : '; no success criterion';
    lines.push(`Experiment (${head})${e.hypothesis ? `: ${md.text(e.hypothesis)}` : ''}${criterion}`);
  }
  const initiatives = initiativesOfModule(model, module);
  if (initiatives.length > 0) {
    const items = initiatives.map((i) => {
      const facts = [i.status ?? 'no status', i.due ? `due ${md.text(i.due)}` : null, today !== '' && isInitiativeOverdue(i, today) ? '**overdue**' : null, `priority ${md.code(i.priority)}`];
      return `${md.text(i.title)} (${facts.filter((f): f is string => f !== null).join(', ')})`;
    });
    lines.push(`${initiatives.length === 1 ? 'Initiative' : 'Initiatives'}: ${items.join('; ')}`);
  }
  return lines;
}
