/**
 * The vision summary's "Experiments" and "Roadmap" (DESIGN.md 1.8): pure data from the model
 * (states judged against the analysis' `today`, by model/strategy.ts), and their Markdown.
 */
import { allInitiatives, experimentState, isInitiativeOverdue, modulesOfInitiative } from '../../model/strategy';
import type { Model } from '../../model/types';
import { escapeMarkdown, markdownCode, markdownHeading } from '../escape';
import type { SummaryExperiment, SummaryRoadmap, VisionSummary } from '../types';

const STATE_ORDER: Record<SummaryExperiment['state'], number> = { overdue: 0, running: 1, decided: 2 };

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildExperiments(model: Pick<Model, 'modules' | 'today'>): SummaryExperiment[] {
  const today = model.today ?? '';
  const out: SummaryExperiment[] = [];
  for (const m of model.modules) {
    const e = m.experiment;
    if (!e) continue;
    out.push({
      module: m.name,
      // Without a date (a hand-built model), nothing is overdue.
      state: today === '' ? (e.decision !== null ? 'decided' : 'running') : experimentState(e, today),
      hypothesis: e.hypothesis,
      metric: e.successCriterion?.metric ?? null,
      target: e.successCriterion?.target ?? null,
      by: e.successCriterion?.by ?? null,
      started: e.started,
      decideBy: e.decideBy,
      decision: e.decision,
    });
  }
  return out.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareText(a.decideBy ?? '\uffff', b.decideBy ?? '\uffff') || compareText(a.module, b.module));
}

export function buildRoadmap(model: Pick<Model, 'modules' | 'priorities' | 'today'>): SummaryRoadmap[] {
  const today = model.today ?? '';
  const out: SummaryRoadmap[] = [];
  for (const p of model.priorities) {
    const initiatives = allInitiatives({ priorities: [p] });
    if (initiatives.length === 0) continue;
    out.push({
      priority: p.id,
      title: p.title,
      initiatives: initiatives
        .map((i) => ({
          id: i.id,
          title: i.title,
          owner: i.owner,
          status: i.status,
          due: i.due,
          modules: modulesOfInitiative(model, i),
          metric: i.metric,
          overdue: today !== '' && isInitiativeOverdue(i, today),
        }))
        // Stable: same-day and undated initiatives keep vision.yaml's order.
        .sort((a, b) => compareText(a.due ?? '\uffff', b.due ?? '\uffff')),
    });
  }
  return out;
}

const STATE_LABEL: Record<SummaryExperiment['state'], string> = { overdue: 'Overdue', running: 'Running', decided: 'Decided' };

function cell(value: string | null): string {
  return value === null || value === '' ? '–' : escapeMarkdown(value);
}

export function experimentsMarkdown(summary: Pick<VisionSummary, 'experiments'>): string[] {
  if (summary.experiments.length === 0) return [];
  const out = ['## Experiments', '', '| Module | State | Hypothesis | Success criterion | Started | Decide by | Decision |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const e of summary.experiments) {
    const criterion = e.metric === null && e.target === null ? '_none_' : `${cell(e.metric)} → ${cell(e.target)}${e.by ? ` by ${escapeMarkdown(e.by)}` : ''}`;
    const state = e.state === 'overdue' ? `**${STATE_LABEL[e.state]}**` : STATE_LABEL[e.state];
    out.push(`| ${escapeMarkdown(e.module)} | ${state} | ${cell(e.hypothesis)} | ${criterion} | ${cell(e.started)} | ${cell(e.decideBy)} | ${cell(e.decision)} |`);
  }
  out.push('');
  return out;
}

export function roadmapMarkdown(summary: Pick<VisionSummary, 'roadmap'>): string[] {
  if (summary.roadmap.length === 0) return [];
  const out = ['## Roadmap', ''];
  for (const r of summary.roadmap) {
    out.push(`### ${markdownHeading(r.title)} (${markdownCode(r.priority)})`, '', '| Due | Initiative | Owner | Status | Modules | Metric |', '| --- | --- | --- | --- | --- | --- |');
    for (const i of r.initiatives) {
      const due = i.due === null ? '–' : i.overdue ? `**${escapeMarkdown(i.due)} (overdue)**` : escapeMarkdown(i.due);
      out.push(
        `| ${due} | ${escapeMarkdown(i.title)} (${markdownCode(i.id)}) | ${cell(i.owner)} | ${cell(i.status)} | ${i.modules.length > 0 ? i.modules.map((m) => escapeMarkdown(m)).join(', ') : '–'} | ${cell(i.metric)} |`,
      );
    }
    out.push('');
  }
  return out;
}
