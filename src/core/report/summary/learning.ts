/**
 * The summary's "Learning" section (DESIGN 1.8): postmortems, demos and reviews per quarter,
 * open and overdue actions by team, modules with repeated postmortems, and every note. Pure
 * data from the model (`overdue` was decided once, when the model was built), and its Markdown.
 */
import { byDateDescending, LEARNING_KIND_LABEL, modulesOfRecord, quarterOf } from '../../model/learning';
import { directoryOf, isPerson, teamOfModule } from '../../model/teams';
import type { Model, Module } from '../../model/types';
import { escapeMarkdown } from '../escape';
import type { SummaryLearning } from '../types';

const NO_OWNER = '(no owner)';

export function buildLearningSummary(model: Pick<Model, 'learning' | 'modules' | 'teams'>): SummaryLearning | null {
  if (model.learning.length === 0) return null;
  const byName = new Map<string, Module>();
  for (const m of model.modules) if (!byName.has(m.name)) byName.set(m.name, m);
  const moduleByName = (name: string) => byName.get(name);
  const teams = directoryOf(model.teams);
  const records = [...model.learning].sort(byDateDescending);

  const quarters = new Map<string, { quarter: string; postmortems: number; demos: number; reviews: number }>();
  const actions = new Map<string | null, { team: string | null; name: string; open: number; overdue: number }>();
  const postmortems = new Map<string, { module: string; postmortems: number; last: string | null }>();
  const notes: SummaryLearning['notes'] = [];

  for (const record of records) {
    const modules = modulesOfRecord(record, moduleByName);
    const quarter = quarterOf(record.date);
    if (quarter !== null) {
      let q = quarters.get(quarter);
      if (!q) quarters.set(quarter, (q = { quarter, postmortems: 0, demos: 0, reviews: 0 }));
      if (record.kind === 'postmortem') q.postmortems++;
      else if (record.kind === 'demo') q.demos++;
      else q.reviews++;
    }
    if (record.kind === 'postmortem') {
      for (const m of modules) {
        const entry = postmortems.get(m.name);
        // Records come newest first: the first seen is the last postmortem.
        if (entry) entry.postmortems++;
        else postmortems.set(m.name, { module: m.name, postmortems: 1, last: record.date });
      }
    }
    // An action belongs to the team its owner names, else to the team of the note's first module.
    const moduleTeam = modules[0] ? teamOfModule(model, modules[0]) : undefined;
    let open = 0;
    let overdue = 0;
    for (const action of record.actions) {
      if (action.done) continue;
      open++;
      if (action.overdue) overdue++;
      const team = action.owner !== null ? teams.teamOf(action.owner) : moduleTeam;
      const id = team?.id ?? action.owner;
      const name = team ? `${team.name}${isPerson(team) ? ' (person)' : ''}` : (action.owner ?? NO_OWNER);
      let entry = actions.get(id);
      if (!entry) actions.set(id, (entry = { team: id, name, open: 0, overdue: 0 }));
      entry.open++;
      if (action.overdue) entry.overdue++;
    }
    notes.push({
      kind: record.kind,
      date: record.date,
      title: record.title,
      file: record.file,
      severity: record.severity,
      modules: modules.map((m) => m.name),
      open,
      overdue,
    });
  }

  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    quarters: [...quarters.values()].sort((a, b) => byText(b.quarter, a.quarter)),
    actions: [...actions.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || byText(a.name, b.name)),
    repeated: [...postmortems.values()].filter((r) => r.postmortems >= 2).sort((a, b) => b.postmortems - a.postmortems || byText(a.module, b.module)),
    notes,
  };
}

function cell(text: string): string {
  return escapeMarkdown(text);
}

/** The "Learning" section in Markdown (lines, ending with an empty one). */
export function learningMarkdown(learning: SummaryLearning | null): string[] {
  if (learning === null) return [];
  const out: string[] = ['## Learning', ''];
  if (learning.quarters.length > 0) {
    out.push('| Quarter | Postmortems | Demos | Reviews |', '| --- | --- | --- | --- |');
    for (const q of learning.quarters) out.push(`| ${cell(q.quarter)} | ${q.postmortems} | ${q.demos} | ${q.reviews} |`);
    out.push('');
  }
  out.push('### Open actions by team', '');
  if (learning.actions.length === 0) out.push('_Every action is done._', '');
  else {
    out.push('| Team | Open | Overdue |', '| --- | --- | --- |');
    for (const a of learning.actions) out.push(`| ${cell(a.name)} | ${a.open} | ${a.overdue > 0 ? `**${a.overdue}**` : '0'} |`);
    out.push('');
  }
  if (learning.repeated.length > 0) {
    out.push('### Modules with repeated postmortems', '');
    for (const r of learning.repeated) out.push(`- ${cell(r.module)}: ${r.postmortems} postmortems${r.last ? `, the last on ${cell(r.last)}` : ''}`);
    out.push('');
  }
  out.push('### Notes', '', '| Date | Kind | Title | Modules | Open actions |', '| --- | --- | --- | --- | --- |');
  for (const n of learning.notes) {
    const severity = n.severity ? ` (${cell(n.severity)})` : '';
    const actions = n.open === 0 ? '–' : `${n.open}${n.overdue > 0 ? `, **${n.overdue} overdue**` : ''}`;
    out.push(`| ${n.date ? cell(n.date) : '–'} | ${LEARNING_KIND_LABEL[n.kind]}${severity} | ${cell(n.title)} | ${n.modules.map(cell).join(', ') || '–'} | ${actions} |`);
  }
  out.push('');
  return out;
}
