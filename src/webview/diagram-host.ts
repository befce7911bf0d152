/**
 * The diagram panel's logic, pure (no `vscode`, no DOM): from a model and a view state to the
 * message the webview draws, the side panel's details and the exports. The panel
 * (src/extension/panels/diagramPanel.ts) and the browser tests both call these functions, so the
 * tests exercise exactly what the panel sends.
 */
import type { Model, NorthstarConfig, OwnerMatch } from '../core/model/types';
import { levelExplanation } from '../core/scorecard';
import { buildDiagram, type DiagramOptions } from '../core/report/mermaid';
import { escalationOf, teamOfModule } from '../core/model/teams';
import { escapeMarkdown } from '../core/report/escape';
import type { Diagram } from '../core/report/types';
import {
  type Choice,
  defaultViewState,
  type DiagramLayout,
  type DiagramListRow,
  type DiagramViewState,
  type ModuleDetails,
  normalizeViewState,
  type RenderMessage,
} from '../protocol/diagram';

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

/**
 * A drawing of at least this many nodes is laid out by ELK. Every collapsed overview has fewer
 * (at most `maxGroups` groups and "N more", 24 + 1 by default): only an opened group or a flat
 * view reaches it.
 */
export const ELK_MIN_NODES = 30;

/**
 * The layout a drawing is drawn with (the page draws what the render message says). From
 * bench/layout.mjs (edge crossings counted in the drawn SVG, Chromium): ELK drew fewer crossings
 * on every large expanded view (an opened group, 35 nodes: 3 against dagre's 20; 53 nodes: 132
 * against 149; 331 nodes: 96 against 120; a flat view of 98 nodes and 416 edges: 12,785 against
 * 13,444 in the same time), but not on the collapsed overviews: it tied (no crossings), drew more
 * (MetaMask's 20 groups: 118 against 103), or cost too much time: on the 5,000-module overview
 * (13 nodes, 60 edges; 60 crossings against 87) loading ELK and laying out add 0.8 to 1.4 s of
 * page CPU to opening it, past its 2 s target. A drawing without edges has nothing to cross:
 * dagre, which is faster.
 */
export function layoutFor(diagram: Pick<Diagram, 'nodes' | 'edges'>): DiagramLayout {
  return diagram.nodes.length >= ELK_MIN_NODES && diagram.edges.length > 0 ? 'elk' : 'dagre';
}

/** The readability ladder's last drawing keeps this many group nodes ("N more" included). */
const FEWEST_GROUPS = 8;
/** …and at most this many edges (dagre widens a drawing for every labelled edge across ranks). */
const FEWEST_EDGES = 12;

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
 * (collapse "none" on a large workspace) the view is sent as a list, and a notice says how to narrow it.
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
  // The readability ladder (state.shrink, raised by the page's `tooSmall`): first every group
  // collapsed (expanded and focused groups stay open), then a list. A step that would draw the
  // same nodes again is skipped.
  let readability: string | null = null;
  let asList = false;
  const hint = state.focus === null ? 'focus a module or filter to draw' : state.focusDepth === 2 ? 'use depth 1 or filter to draw' : 'filter to draw';
  let listed: DiagramListRow[] | null = null;
  const drawnModules = diagram.nodes.reduce((n, node) => n + node.modules.length, 0);
  if (state.shrink > 0) {
    const step = readabilitySteps(model, state, diagram)[state.shrink - 1];
    if (step) {
      readability = `${drawnModules} modules are too small to read in one drawing: ${step.what}.`;
      diagram = step.diagram;
    } else {
      asList = true;
      listed = listRows(model, diagram);
      readability = `${listed.length} modules: shown as a list; ${hint}.`;
    }
  }
  if (!asList && tooLarge(diagram)) {
    // More than Mermaid draws (collapse "none" on a large workspace, a flat view): the list.
    notices.push(
      `${diagram.nodes.length} nodes and ${diagram.edges.length} edges are too many to draw. ` +
        'Collapse groups, filter, or search for a module to focus on it.',
    );
    asList = true;
    listed = listRows(model, diagram);
    readability = `${listed.length} modules: shown as a list; ${hint}.`;
  }
  const shown: Diagram | null = asList ? null : diagram;
  if (!asList && diagram.hiddenEdges > 0) {
    notices.push(`${diagram.hiddenEdges} lighter edges between groups are hidden to keep the overview readable.`);
  }
  return {
    type: 'render',
    state,
    diagram: shown && {
      mermaid: shown.mermaid,
      layout: layoutFor(shown),
      nodes: shown.nodes,
      edges: shown.edges,
      groups: shown.groups,
      collapsed: shown.collapsed,
      hiddenEdges: shown.hiddenEdges,
      grouping: shown.grouping,
    },
    list: asList ? listed : null,
    readability,
    notice: notices.length > 0 ? notices.join(' ') : null,
    title: roots.find((r) => r.value === state.root)?.label ?? state.root ?? roots[0]?.label ?? 'workspace',
    totals: { modules: model.modules.length, visible: diagram.nodes.reduce((n, node) => n + node.modules.length, 0) },
    choices: choices(model, roots),
  };
}

/**
 * The drawings tried, in order, when the page finds a view's text too small at its fit (each
 * `tooSmall` moves one step; after the last, a list): every group collapsed; the same drawn top
 * to bottom (dagre gives each rank a node's width left to right, only its height top to bottom);
 * only the largest groups and the heaviest edges; that top to bottom. A step that draws no fewer
 * nodes or edges than the one before is left out.
 */
function readabilitySteps(model: Model, state: DiagramViewState, base: Diagram): { diagram: Diagram; what: string }[] {
  const steps: { diagram: Diagram; what: string }[] = [];
  let last = base;
  const fewer: [DiagramOptions, string][] = [
    [{ collapse: 'all' }, 'groups collapsed (click one to open it)'],
    [{ collapse: 'all', maxGroups: Math.min(state.maxGroups, FEWEST_GROUPS), maxEdges: FEWEST_EDGES }, 'the largest groups and the heaviest edges drawn, the rest folded or counted'],
  ];
  for (const [options, what] of fewer) {
    const next = buildDiagram(model, { ...diagramOptions(state), ...options });
    const smaller = base.grouping.by !== 'none' && (next.nodes.length < last.nodes.length || next.edges.length < last.edges.length);
    if (smaller && !tooLarge(next)) {
      steps.push({ diagram: next, what });
      last = next;
    }
    // The same drawing top to bottom; for a view that cannot collapse (no grouping), the view itself.
    if (steps.length === 0 && options === fewer[0][0]) {
      steps.push({ diagram: buildDiagram(model, { ...diagramOptions(state), direction: 'TB' }), what: 'drawn top to bottom' });
    } else if (smaller && !tooLarge(next)) {
      steps.push({ diagram: buildDiagram(model, { ...diagramOptions(state), ...options, direction: 'TB' }), what: `${what}, top to bottom` });
    }
  }
  return steps;
}

/**
 * The list a view is shown as: the modules drawn as their own nodes (an opened group, a focus),
 * or every module of the view when all of them are in collapsed groups.
 */
function listRows(model: Model, diagram: Diagram): DiagramListRow[] {
  const single = diagram.nodes.filter((n) => !n.collapsed).flatMap((n) => n.modules);
  const names = new Set(single.length > 0 ? single : diagram.nodes.flatMap((n) => n.modules));
  const teamName = new Map(model.teams.map((t) => [t.id, t.name]));
  // One pass over the findings (a list can hold thousands of modules).
  const counts = new Map<string, DiagramListRow['findings']>();
  for (const f of model.findings) {
    if (f.module === null || !names.has(f.module)) continue;
    let c = counts.get(f.module);
    if (!c) counts.set(f.module, (c = { errors: 0, warnings: 0, infos: 0 }));
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  const rows: DiagramListRow[] = [];
  for (const m of model.modules) {
    // Nodes name their modules; a name two modules share (two workspaces of a monorepo) is one row.
    if (!names.delete(m.name)) continue;
    const findings = counts.get(m.name) ?? { errors: 0, warnings: 0, infos: 0 };
    rows.push({ module: m.name, team: m.team === null ? null : (teamName.get(m.team) ?? m.team), level: m.level, findings });
  }
  return rows.sort((a, b) => compare(a.module, b.module));
}

/** The side panel: owners, escalation path, priorities and findings of one module. */
/**
 * `config`: the configuration in force, for the scorecard criteria it leaves unassessed;
 * `ownersOf`: the CODEOWNERS answer, for the line that decides the module's files.
 */
export function moduleDetails(model: Model, name: string, config?: NorthstarConfig, ownersOf?: (path: string) => OwnerMatch): ModuleDetails | null {
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
    team: team?.name ?? null,
    owners,
    codeowners: codeownersLine(m.definedAt.file, ownersOf),
    escalation,
    priorities: m.priorities.map((id) => ({ id, title: titles.get(id) ?? null })),
    findings: model.findings
      .filter((f) => f.module === m.name)
      .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, file: f.file, line: f.line })),
    dependsOn: m.dependsOn.map((d) => d.name),
    dependents: model.modules.filter((x) => x.dependsOn.some((d) => d.name === m.name)).map((x) => x.name),
  };
}

/** The CODEOWNERS line that decides who owns `file` (the module's defining file). */
export function codeownersLine(file: string, ownersOf?: (path: string) => OwnerMatch): ModuleDetails['codeowners'] {
  const rule = ownersOf?.(file).rule;
  return rule ? { file: rule.file, line: rule.line, owners: [...rule.owners] } : null;
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
