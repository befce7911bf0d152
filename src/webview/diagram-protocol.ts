/**
 * The messages between the diagram panel (extension host) and its webview, and the view state
 * the webview keeps with `setState` (so a reload or a serializer restore shows the same view).
 * Types and constants only: imported by the browser script, the panel and the tests.
 */
import type { DiagramCollapse, DiagramEdge, DiagramGroup, DiagramGroupBy, DiagramNode } from '../core/report/types';

export const DIAGRAM_VIEW_TYPE = 'northstar.diagram';

export interface DiagramFilterState {
  team: string | null;
  system: string | null;
  priority: string | null;
  onlyProblems: boolean;
}

export interface DiagramViewState {
  /** Name of the workspace folder drawn (multi-root); null for the first. */
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
  /** The module shown in the side panel. */
  selected: string | null;
  /** Pan and zoom of the drawing: translate (x, y) then scale. */
  view: { x: number; y: number; scale: number } | null;
}

export interface Choice {
  value: string;
  label: string;
}

export interface DiagramPayload {
  mermaid: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
  collapsed: boolean;
  hiddenEdges: number;
}

/** Host → webview: a diagram to draw for `state` (the state the host normalised and used). */
export interface RenderMessage {
  type: 'render';
  state: DiagramViewState;
  diagram: DiagramPayload | null;
  /** Why nothing is drawn (diagram null), or a note on what was simplified. */
  notice: string | null;
  title: string;
  /** Modules in the workspace, and in the view after filters/focus. */
  totals: { modules: number; visible: number };
  choices: { roots: string[]; teams: Choice[]; systems: Choice[]; priorities: Choice[]; modules: string[] };
}

export interface ModuleDetails {
  name: string;
  path: string;
  file: string;
  system: string | null;
  type: string;
  tier: number | null;
  lifecycle: string | null;
  level: string;
  description: string | null;
  owners: { handle: string; team: string | null }[];
  escalation: { team: string; steps: { kind: string; target: string; url: string | null }[] }[];
  priorities: { id: string; title: string | null }[];
  findings: { ruleId: string; severity: string; message: string; file: string; line: number }[];
  dependsOn: string[];
  dependents: string[];
}

/** Host → webview: the side panel's content for the selected module (null: not found). */
export interface DetailsMessage {
  type: 'details';
  module: string;
  details: ModuleDetails | null;
}

export type HostMessage = RenderMessage | DetailsMessage;

/** Webview → host. */
export type WebviewMessage =
  | { type: 'ready'; state: DiagramViewState | null }
  | { type: 'update'; state: DiagramViewState }
  | { type: 'open'; module: string }
  | { type: 'openFinding'; file: string; line: number }
  | { type: 'select'; module: string }
  | { type: 'export'; format: 'svg'; svg: string }
  | { type: 'export'; format: 'mermaid' | 'markdown' }
  | { type: 'copy' };
