/**
 * The messages between the diagram panel (extension host) and its page, the view state the page
 * keeps with `setState` (so a reload or a serializer restore shows the same view), and the checks
 * each side runs on what it receives. Imported by the page script, the panel and the tests.
 */
import { DEFAULT_MAX_GROUPS } from '../core/report/mermaid';
import type { ScorecardLevel } from '../core/model/types';
import type { DiagramCollapse, DiagramEdge, DiagramGroup, DiagramGroupBy, DiagramGrouping, DiagramNode } from '../core/report/types';
import {
  arrayOf,
  type Check,
  type DropLog,
  isBoolean,
  isNumber,
  isRecord,
  isString,
  nullable,
  oneOf,
  parseByType,
  recordOf,
  shape,
} from './validate';

export const DIAGRAM_VIEW_TYPE = 'northstar.diagram';

/** No view is drawn with text under this many pixels at its fit (issue 14): the page measures its text and says `tooSmall`. */
export const MIN_TEXT_PX = 11;
/** Readability steps (`DiagramViewState.shrink`, webview/diagram-host.ts readabilitySteps): at most four drawings, then a list. */
export const MAX_SHRINK = 5;

/**
 * The readability step after a page's `tooSmall` report, or null: the view is at its last step,
 * or the report is about a drawing of another step (late, or repeated for the same drawing).
 * The panel and the tests' host both ask this.
 */
export function nextShrink(state: { shrink: number }, report: { shrink: number }): number | null {
  return report.shrink === state.shrink && state.shrink < MAX_SHRINK ? state.shrink + 1 : null;
}

export interface DiagramFilterState {
  team: string | null;
  system: string | null;
  priority: string | null;
  onlyProblems: boolean;
}

export interface DiagramViewState {
  /**
   * The workspace folder drawn, by URI (`folder.uri.toString()`): two folders of a multi-root
   * workspace may share a name. Null for the first folder. States saved by older versions hold
   * the folder's name, which the panel still accepts when no other folder has it.
   */
  root: string | null;
  groupBy: DiagramGroupBy;
  collapse: DiagramCollapse;
  /** Keys of groups the user expanded. */
  expand: string[];
  /** How many collapsed groups are shown before the rest fold into "N more". */
  maxGroups: number;
  focus: string | null;
  focusDepth: 1 | 2;
  filter: DiagramFilterState;
  /** Also draw dev, peer and optional dependencies (`northstar diagram --all-dependencies`). */
  allDependencies: boolean;
  /** The module shown in the side panel. */
  selected: string | null;
  /** Pan and zoom of the drawing: translate (x, y) then scale. */
  view: { x: number; y: number; scale: number } | null;
  /**
   * Readability steps the host applied to this view because the page measured its text under
   * 11 px at fit (`tooSmall`): collapsed groups, top-to-bottom layout, fewer groups and edges,
   * then a list (webview/diagram-host.ts `readabilitySteps`). Any
   * change the user makes resets it to 0.
   */
  shrink: number;
}

/**
 * The navigation part of a view state (what a view shows, not how it is zoomed or what is
 * selected): the page's Back button restores an earlier one, and the breadcrumb is made from it.
 */
export type DiagramNav = Omit<DiagramViewState, 'selected' | 'view' | 'shrink'>;

export function navOf(s: DiagramViewState): DiagramNav {
  return {
    root: s.root,
    groupBy: s.groupBy,
    collapse: s.collapse,
    expand: [...s.expand],
    maxGroups: s.maxGroups,
    focus: s.focus,
    focusDepth: s.focusDepth,
    filter: { ...s.filter },
    allDependencies: s.allDependencies,
  };
}

export function sameNav(a: DiagramNav, b: DiagramNav): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A step of the breadcrumb (Overview › opened group › … › focus), Structurizr's levels of detail:
 * clicking a step shows the view with these groups opened and this focus.
 */
export interface DiagramCrumb {
  label: string;
  expand: string[];
  focus: string | null;
  /** The view shown now (the last step). */
  current: boolean;
}

/** The breadcrumb of a view; `groupLabel` names a group by its key (the drawing's label). */
export function crumbsOf(s: DiagramViewState, groupLabel: (key: string) => string): DiagramCrumb[] {
  const crumbs: DiagramCrumb[] = [{ label: 'Overview', expand: [], focus: null, current: false }];
  s.expand.forEach((key, i) => crumbs.push({ label: groupLabel(key), expand: s.expand.slice(0, i + 1), focus: null, current: false }));
  if (s.focus !== null) crumbs.push({ label: `Focus: ${s.focus}${s.focusDepth === 2 ? ' (depth 2)' : ''}`, expand: [...s.expand], focus: s.focus, current: false });
  crumbs[crumbs.length - 1].current = true;
  return crumbs;
}

/** A row of the list a view is shown as when no drawing of it is readable. */
export interface DiagramListRow {
  module: string;
  /** The owning team's display name, null without an owner. */
  team: string | null;
  level: ScorecardLevel;
  findings: { errors: number; warnings: number; infos: number };
}

export interface Choice {
  value: string;
  label: string;
}

/** How Mermaid lays a drawing out: its default (dagre) or ELK's layered layout (`layoutFor`). */
export type DiagramLayout = 'dagre' | 'elk';

export interface DiagramPayload {
  mermaid: string;
  /** The layout the page draws it with (`layoutFor`). */
  layout: DiagramLayout;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
  collapsed: boolean;
  hiddenEdges: number;
  /** Which grouping was used (`auto` resolved) and why, for the toolbar. */
  grouping: DiagramGrouping;
}

/** Host → page: a diagram to draw for `state` (the state the host normalised and used). */
export interface RenderMessage {
  type: 'render';
  state: DiagramViewState;
  diagram: DiagramPayload | null;
  /** The view as a searchable list, when no drawing of it is readable (then `diagram` is null). */
  list: DiagramListRow[] | null;
  /** Why the view is shown collapsed further or as a list (for the toolbar), else null. */
  readability: string | null;
  /** Why nothing is drawn (diagram null), or a note on what was simplified. */
  notice: string | null;
  title: string;
  /** Modules in the workspace, and in the view after filters/focus. */
  totals: { modules: number; visible: number };
  /** `roots`: the workspace folders, value their URI and label their name. */
  choices: { roots: Choice[]; teams: Choice[]; systems: Choice[]; priorities: Choice[]; modules: string[] };
}

export interface ModuleDetails {
  name: string;
  path: string;
  file: string;
  system: string | null;
  type: string;
  tier: number | null;
  lifecycle: string | null;
  level: ScorecardLevel;
  /** The level explained (core/scorecard.ts levelExplanation); null for a group, which is not scored. */
  scorecard: { next: 'bronze' | 'silver' | 'gold' | null; met: string[]; needs: { label: string; detail: string | null }[]; notAssessed: string[] } | null;
  description: string | null;
  /** The owning team's display name (never a raw `group:default/x` when the team has a name). */
  team: string | null;
  owners: { handle: string; team: string | null }[];
  /** The CODEOWNERS line that decides the module's files, if any. */
  codeowners: { file: string; line: number; owners: string[] } | null;
  escalation: { team: string; steps: { kind: string; target: string; url: string | null }[] }[];
  priorities: { id: string; title: string | null }[];
  findings: { ruleId: string; severity: string; message: string; file: string; line: number }[];
  dependsOn: string[];
  dependents: string[];
}

/** Host → page: the side panel's content for the selected module (null: not found). */
export interface DetailsMessage {
  type: 'details';
  module: string;
  details: ModuleDetails | null;
}

export type DiagramHostMessage = RenderMessage | DetailsMessage;

export type DiagramExportFormat = 'svg' | 'mermaid' | 'markdown';

/** Page → host. */
export type DiagramPageMessage =
  /** The page has loaded (again: a hidden page is re-created) and asks for its drawing; `state` is what it saved. */
  | { type: 'ready'; state: DiagramViewState | null }
  | { type: 'update'; state: DiagramViewState }
  | { type: 'open'; module: string }
  | { type: 'openFinding'; file: string; line: number }
  | { type: 'select'; module: string }
  /**
   * The drawing's smallest text at its fit is under 11 px: collapse further or show a list.
   * `shrink`: the step of the drawing measured, so that a late or repeated report (the same
   * drawing redrawn for a theme) moves the ladder once, never past a step not yet seen.
   */
  | { type: 'tooSmall'; textPx: number; shrink: number }
  | { type: 'openCodeowners'; module: string }
  | { type: 'export'; format: 'svg'; svg: string }
  | { type: 'export'; format: 'mermaid' | 'markdown' }
  | { type: 'copy' };

// ---------------------------------------------------------------------------
// View state

const GROUP_BY: readonly DiagramGroupBy[] = ['auto', 'system', 'team', 'folder', 'none'];
const COLLAPSE: readonly DiagramCollapse[] = ['auto', 'none', 'all'];

export function defaultViewState(): DiagramViewState {
  return {
    root: null,
    groupBy: 'auto',
    collapse: 'auto',
    expand: [],
    maxGroups: DEFAULT_MAX_GROUPS,
    focus: null,
    focusDepth: 1,
    filter: { team: null, system: null, priority: null, onlyProblems: false },
    allDependencies: false,
    selected: null,
    view: null,
    shrink: 0,
  };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * A view state from anywhere (a state saved by this or an older version, a message): unknown
 * fields dropped, missing or bad values defaulted. Lenient on purpose: a saved view should come
 * back as far as it still makes sense.
 */
export function normalizeViewState(raw: unknown): DiagramViewState {
  const s = defaultViewState();
  if (!isRecord(raw)) return s;
  s.root = text(raw.root);
  if (GROUP_BY.includes(raw.groupBy as DiagramGroupBy)) s.groupBy = raw.groupBy as DiagramGroupBy;
  if (COLLAPSE.includes(raw.collapse as DiagramCollapse)) s.collapse = raw.collapse as DiagramCollapse;
  if (Array.isArray(raw.expand)) s.expand = [...new Set(raw.expand.filter(isString))];
  if (isNumber(raw.maxGroups) && raw.maxGroups >= 2) s.maxGroups = Math.min(Math.floor(raw.maxGroups), 10_000);
  s.focus = text(raw.focus);
  s.focusDepth = raw.focusDepth === 2 ? 2 : 1;
  if (isRecord(raw.filter)) {
    const f = raw.filter;
    s.filter = { team: text(f.team), system: text(f.system), priority: text(f.priority), onlyProblems: f.onlyProblems === true };
  }
  s.allDependencies = raw.allDependencies === true;
  s.selected = text(raw.selected);
  if (isRecord(raw.view)) {
    const v = raw.view;
    if (isNumber(v.x) && isNumber(v.y) && isNumber(v.scale) && v.scale > 0) s.view = { x: v.x, y: v.y, scale: v.scale };
  }
  if (isNumber(raw.shrink) && raw.shrink > 0) s.shrink = Math.min(Math.floor(raw.shrink), MAX_SHRINK);
  return s;
}

// ---------------------------------------------------------------------------
// Page → host

const PAGE_PARSERS: Record<string, (m: Record<string, unknown>) => DiagramPageMessage | undefined> = {
  ready: (m) => ({ type: 'ready', state: m.state === null || m.state === undefined ? null : normalizeViewState(m.state) }),
  update: (m) => (isRecord(m.state) ? { type: 'update', state: normalizeViewState(m.state) } : undefined),
  open: (m) => (isString(m.module) ? { type: 'open', module: m.module } : undefined),
  select: (m) => (isString(m.module) ? { type: 'select', module: m.module } : undefined),
  openCodeowners: (m) => (isString(m.module) ? { type: 'openCodeowners', module: m.module } : undefined),
  tooSmall: (m) => (isNumber(m.textPx) && isNumber(m.shrink) ? { type: 'tooSmall', textPx: m.textPx, shrink: m.shrink } : undefined),
  openFinding: (m) => (isString(m.file) && isNumber(m.line) ? { type: 'openFinding', file: m.file, line: m.line } : undefined),
  copy: () => ({ type: 'copy' }),
  export: (m) => {
    if (m.format === 'svg') return isString(m.svg) ? { type: 'export', format: 'svg', svg: m.svg } : undefined;
    return m.format === 'mermaid' || m.format === 'markdown' ? { type: 'export', format: m.format } : undefined;
  },
};

/** A message from the diagram page, checked and rebuilt (its view state normalised), or undefined (logged). */
export function parseDiagramPageMessage(raw: unknown, log?: DropLog): DiagramPageMessage | undefined {
  return parseByType(raw, PAGE_PARSERS, log);
}

// ---------------------------------------------------------------------------
// Host → page

const nullableString = nullable(isString);
const isStrings = arrayOf(isString);

export const isDiagramViewState: Check<DiagramViewState> = shape<DiagramViewState>({
  root: nullableString,
  groupBy: oneOf(...GROUP_BY),
  collapse: oneOf(...COLLAPSE),
  expand: isStrings,
  maxGroups: isNumber,
  focus: nullableString,
  focusDepth: oneOf(1, 2),
  filter: shape<DiagramFilterState>({ team: nullableString, system: nullableString, priority: nullableString, onlyProblems: isBoolean }),
  allDependencies: isBoolean,
  selected: nullableString,
  view: nullable(shape<{ x: number; y: number; scale: number }>({ x: isNumber, y: isNumber, scale: isNumber })),
  shrink: isNumber,
});

const isChoices = arrayOf(shape<Choice>({ value: isString, label: isString }));
const isCounts = recordOf(['errors', 'warnings', 'infos'], isNumber);

const isNode = shape<DiagramNode>({
  id: isString,
  label: isString,
  detail: nullableString,
  modules: isStrings,
  group: nullableString,
  level: nullable(oneOf('none', 'bronze', 'silver', 'gold')),
  collapsed: isBoolean,
  deprecated: isBoolean,
  findings: isCounts,
  file: nullableString,
  focus: isBoolean,
});

const isEdge = shape<DiagramEdge>({
  from: isString,
  to: isString,
  kind: oneOf('dependsOn', 'consumes', 'dev', 'peer', 'optional'),
  apis: isStrings,
  count: isNumber,
  label: nullableString,
});

const isGroup = shape<DiagramGroup>({ key: isString, label: isString, modules: isStrings, collapsed: isBoolean, id: isString });

const isPayload = shape<DiagramPayload>({
  mermaid: isString,
  layout: oneOf('dagre', 'elk'),
  nodes: arrayOf(isNode),
  edges: arrayOf(isEdge),
  groups: arrayOf(isGroup),
  collapsed: isBoolean,
  hiddenEdges: isNumber,
  grouping: shape<DiagramGrouping>({ by: oneOf('system', 'team', 'folder', 'none'), reason: isString }),
});

const isLevel = oneOf<ScorecardLevel>('none', 'bronze', 'silver', 'gold');

const isListRow = shape<DiagramListRow>({ module: isString, team: nullableString, level: isLevel, findings: isCounts });

const isRender = shape<RenderMessage>({
  type: oneOf('render'),
  state: isDiagramViewState,
  diagram: nullable(isPayload),
  list: nullable(arrayOf(isListRow)),
  readability: nullableString,
  notice: nullableString,
  title: isString,
  totals: recordOf(['modules', 'visible'], isNumber),
  choices: shape<RenderMessage['choices']>({ roots: isChoices, teams: isChoices, systems: isChoices, priorities: isChoices, modules: isStrings }),
});

const isDetails = shape<ModuleDetails>({
  name: isString,
  path: isString,
  file: isString,
  system: nullableString,
  type: isString,
  tier: nullable(isNumber),
  lifecycle: nullableString,
  level: isLevel,
  description: nullableString,
  scorecard: nullable(
    shape<NonNullable<ModuleDetails['scorecard']>>({
      next: nullable(oneOf('bronze', 'silver', 'gold')),
      met: isStrings,
      needs: arrayOf(shape<NonNullable<ModuleDetails['scorecard']>['needs'][number]>({ label: isString, detail: nullableString })),
      notAssessed: isStrings,
    }),
  ),
  team: nullableString,
  codeowners: nullable(shape<NonNullable<ModuleDetails['codeowners']>>({ file: isString, line: isNumber, owners: isStrings })),
  owners: arrayOf(shape<ModuleDetails['owners'][number]>({ handle: isString, team: nullableString })),
  escalation: arrayOf(
    shape<ModuleDetails['escalation'][number]>({
      team: isString,
      steps: arrayOf(shape<ModuleDetails['escalation'][number]['steps'][number]>({ kind: isString, target: isString, url: nullableString })),
    }),
  ),
  priorities: arrayOf(shape<ModuleDetails['priorities'][number]>({ id: isString, title: nullableString })),
  findings: arrayOf(
    shape<ModuleDetails['findings'][number]>({ ruleId: isString, severity: isString, message: isString, file: isString, line: isNumber }),
  ),
  dependsOn: isStrings,
  dependents: isStrings,
});

const isDetailsMessage = shape<DetailsMessage>({ type: oneOf('details'), module: isString, details: nullable(isDetails) });

const HOST_PARSERS: Record<string, (m: Record<string, unknown>) => DiagramHostMessage | undefined> = {
  render: (m) => (isRender(m) ? m : undefined),
  details: (m) => (isDetailsMessage(m) ? m : undefined),
};

/** A message from the host, checked field by field, or undefined (logged). */
export function parseDiagramHostMessage(raw: unknown, log?: DropLog): DiagramHostMessage | undefined {
  return parseByType(raw, HOST_PARSERS, log);
}
