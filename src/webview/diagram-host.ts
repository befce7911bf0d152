/**
 * The diagram panel's logic, pure (no `vscode`, no DOM): from a model and a view state to the
 * message the webview draws, the side panel's details and the exports. The panel
 * (src/extension/panels/diagramPanel.ts) and the browser tests both call these functions, so the
 * tests exercise exactly what the panel sends.
 */
import type { Model, NorthstarConfig } from '../core/model/types';
import { levelExplanation } from '../core/scorecard';
import { buildDiagram, type DiagramOptions } from '../core/report/mermaid';
import { escalationOf, teamOfModule } from '../core/model/teams';
import { escapeMarkdown } from '../core/report/escape';
import type { Diagram } from '../core/report/types';
import { type Choice, defaultViewState, type DiagramViewState, type ModuleDetails, normalizeViewState, type RenderMessage } from '../protocol/diagram';

/** Mermaid refuses a diagram over these (its `maxEdges` and `maxTextSize` defaults). */
export const MERMAID_MAX_EDGES = 500;
export const MERMAID_MAX_TEXT = 50_000;

/** The view state of a new panel. */
export const defaultState = defaultViewState;

/** A state from anywhere (a persisted webview state, a message): unknown fields dropped, bad values defaulted. */
export const normalizeState = normalizeViewState;

/** The builder's options for a view state: `northstar diagram` with the same grouping, collapse and focus gives the same source. */
export function diagramOptions(state: DiagramViewState): DiagramOptions {
  const f = state.filter;
  return {
    groupBy: state.groupBy,
    collapse: state.collapse,
    focus: state.focus,
    focusDepth: state.focusDepth,
    expand: state.expand,
    maxGroups: state.maxGroups,
    ...(state.allDependencies ? { allDependencies: true } : {}),
    filter: {
      ...(f.team !== null ? { team: f.team } : {}),
      ...(f.system !== null ? { system: f.system } : {}),
      ...(f.priority !== null ? { priority: f.priority } : {}),
      ...(f.onlyProblems ? { onlyProblems: true } : {}),
    },
  };
}

export function tooLarge(d: Diagram): boolean {
  return d.edges.length > MERMAID_MAX_EDGES || d.mermaid.length > MERMAID_MAX_TEXT;
}

function compare(a: string, b: string): number {
  return a.localeCompare(b, 'en');
}

function choices(model: Model, roots: readonly Choice[]): RenderMessage['choices'] {
  // Every team of the model, undeclared owners included (model/teams.ts).
  const teams: Choice[] = model.teams.map((t) => ({ value: t.id, label: t.name === t.id ? t.id : `${t.name} (${t.id})` }));
  teams.sort((a, b) => compare(a.label, b.label));
  const systems = [...new Set(model.modules.map((m) => m.system).filter((s): s is string => s !== null && s !== ''))]
    .sort(compare)
    .map((s) => ({ value: s, label: s }));
  const priorities: Choice[] = model.priorities.map((p) => ({ value: p.id, label: p.title ? `${p.title} (${p.id})` : p.id }));
  const known = new Set(priorities.map((p) => p.value));
  for (const m of model.modules) {
    for (const p of m.priorities) {
      if (!known.has(p)) {
        known.add(p);
        priorities.push({ value: p, label: p });
      }
    }
  }
  return { roots: roots.map((r) => ({ ...r })), teams, systems, priorities, modules: model.modules.map((m) => m.name).sort(compare) };
}

/**
 * What the webview draws for `state`, in the workspace folder `state.root` (a URI) among `roots`
 * (value: folder URI, label: folder name). A view Mermaid would refuse (over 500 edges or 50,000
 * characters) is never sent: expanded groups collapse again, and where even that is too much
 * (collapse "none" on a large workspace) a notice says how to narrow the view.
 */
export function renderMessage(model: Model, raw: DiagramViewState, roots: readonly Choice[] = []): RenderMessage {
  const state = normalizeState(raw);
  const notices: string[] = [];
  if (state.focus !== null && !model.modules.some((m) => m.name === state.focus)) {
    notices.push(`No module named “${state.focus}” any more: focus cleared.`);
    state.focus = null;
  }
  let diagram = buildDiagram(model, diagramOptions(state));
  if (tooLarge(diagram) && state.collapse !== 'none' && state.expand.length > 0) {
    state.expand = [];
    diagram = buildDiagram(model, diagramOptions(state));
    notices.push('The expanded groups made the diagram too large to draw: they were collapsed again.');
  }
  let shown: Diagram | null = diagram;
  if (tooLarge(diagram)) {
    notices.push(
      `${diagram.nodes.length} nodes and ${diagram.edges.length} edges are too many to draw. ` +
        'Collapse groups, filter, or search for a module to focus on it.',
    );
    shown = null;
  } else if (diagram.hiddenEdges > 0) {
    notices.push(`${diagram.hiddenEdges} lighter edges between groups are hidden to keep the overview readable.`);
  }
  return {
    type: 'render',
    state,
    diagram: shown && {
      mermaid: shown.mermaid,
      nodes: shown.nodes,
      edges: shown.edges,
      groups: shown.groups,
      collapsed: shown.collapsed,
      hiddenEdges: shown.hiddenEdges,
      grouping: shown.grouping,
    },
    notice: notices.length > 0 ? notices.join(' ') : null,
    title: roots.find((r) => r.value === state.root)?.label ?? state.root ?? roots[0]?.label ?? 'workspace',
    totals: { modules: model.modules.length, visible: diagram.nodes.reduce((n, node) => n + node.modules.length, 0) },
    choices: choices(model, roots),
  };
}

/** The side panel: owners, escalation path, priorities and findings of one module. */
/** `config`: the configuration in force, for the scorecard criteria it leaves unassessed. */
export function moduleDetails(model: Model, name: string, config?: NorthstarConfig): ModuleDetails | null {
  const m = model.modules.find((x) => x.name === name);
  if (!m) return null;
  // The module's team answers for it (model/teams.ts): the team of its first owner.
  const team = teamOfModule(model, m);
  const owners = m.owners.map((handle, i) => ({ handle, team: i === 0 ? (team?.name ?? null) : null }));
  // Its own on-call (catalog annotations), then its team's path: model/teams.ts escalationOf.
  const { steps, own } = escalationOf(m, team);
  const step = (s: (typeof steps)[number]) => ({ kind: s.kind, target: s.target, url: s.url ?? null });
  const escalation: ModuleDetails['escalation'] = [];
  if (own > 0) escalation.push({ team: m.name, steps: steps.slice(0, own).map(step) });
  if (team) escalation.push({ team: team.name, steps: steps.slice(own).map(step) });
  const e = levelExplanation(m, team, config);
  const scorecard: ModuleDetails['scorecard'] = e.scored
    ? { next: e.next, met: e.met.map((c) => c.label), needs: e.missingForNext.map((c) => ({ label: c.label, detail: c.detail ?? null })), notAssessed: e.notAssessed.map((c) => c.label) }
    : null;
  const titles = new Map(model.priorities.map((p) => [p.id, p.title]));
  return {
    name: m.name,
    path: m.path,
    file: m.definedAt.file,
    system: m.system,
    type: m.type,
    tier: m.tier,
    lifecycle: m.lifecycle,
    level: m.level,
    scorecard,
    description: m.description,
    owners,
    escalation,
    priorities: m.priorities.map((id) => ({ id, title: titles.get(id) ?? null })),
    findings: model.findings
      .filter((f) => f.module === m.name)
      .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, line: f.line })),
    dependsOn: m.dependsOn.map((d) => d.name),
    dependents: model.modules.filter((x) => x.dependsOn.some((d) => d.name === m.name)).map((x) => x.name),
  };
}

/** Where a click on a module goes: its contract (or catalog entry, or manifest) at the name. */
export function openTarget(model: Model, name: string): { file: string; line: number; column: number; folder: string } | null {
  const m = model.modules.find((x) => x.name === name);
  return m ? { file: m.definedAt.file, line: m.definedAt.line, column: m.definedAt.column, folder: m.path } : null;
}

/** A Markdown file with a ```mermaid block, which GitHub renders. */
export function markdownExport(mermaid: string, title: string): string {
  const fence = mermaid.includes('```') ? '~~~' : '```';
  // The title (the workspace folder's name) is text, outside the mermaid block: escaped.
  return `# Architecture: ${escapeMarkdown(title)}\n\n${fence}mermaid\n${mermaid.endsWith('\n') ? mermaid : `${mermaid}\n`}${fence}\n`;
}
