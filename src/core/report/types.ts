/**
 * The TypeScript types of every machine-readable output of the CLI (and of the data the
 * extension's webviews draw). `schemas/output/*.schema.json` describe the same shapes;
 * test/cli keeps the two in step by validating real output against the schemas.
 */
import type { LearningKind, ScorecardLevel, Severity } from '../model/types';

// ---------------------------------------------------------------------------
// `northstar check --format json`

/** One finding as printed: root-relative file, 1-based positions, end exclusive. */
export interface CheckFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  module: string | null;
  /** Other places of the same cause (only when there are some). */
  related?: { file: string; line: number; column: number; endLine: number; endColumn: number }[];
}

export interface CheckSummary {
  errors: number;
  warnings: number;
  infos: number;
  /** Modules in the workspace model. */
  modules: number;
  /** Distinct files that carry at least one of the printed findings. */
  files: number;
}

export interface CheckOutput {
  findings: CheckFinding[];
  summary: CheckSummary;
}

// ---------------------------------------------------------------------------
// `northstar check --format sarif` (the subset of SARIF 2.1.0 that Northstar writes)

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region: SarifRegion;
    };
  }[];
  /** Other places of the same cause (Finding.related). */
  relatedLocations?: {
    id: number;
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: '%SRCROOT%' };
      region: SarifRegion;
    };
  }[];
  /** `northstar/v1`: the finding's stable identity (report/identity.ts), the same as GitLab's fingerprint. */
  partialFingerprints: Record<string, string>;
  properties?: { module: string | null };
}

export interface SarifRule {
  id: string;
  name?: string;
  /** The rule's one-line description (at most 1,024 characters). */
  shortDescription: { text: string };
  /** The first paragraph of its documentation's "What it finds" (at most 1,024 characters). */
  fullDescription: { text: string };
  // No `helpUri` (optional in SARIF and GitHub): the rule pages have no public web copy.
  /** Its documentation, docs/rules/<id>.md, as text and as Markdown (GitHub shows the Markdown). */
  help: { text: string; markdown?: string };
  defaultConfiguration: { level: SarifLevel };
  properties: { precision: 'very-high' | 'high' | 'medium' | 'low'; tags: string[] };
}

/** The run's `properties`: how many findings there were and how many results were written. */
export interface SarifRunProperties {
  /** Findings the check reported. */
  findings: number;
  /** Results in the log: the most severe findings first. */
  results: number;
  /** Why findings were left out: over GitHub's 25,000 results, over its 10 MB gzipped, or null. */
  truncated: 'maxResults' | 'maxSize' | null;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: {
    tool: {
      driver: {
        name: string;
        version?: string;
        semanticVersion?: string;
        informationUri: string;
        rules: SarifRule[];
      };
    };
    columnKind?: 'utf16CodeUnits' | 'unicodeCodePoints';
    originalUriBaseIds?: Record<string, { uri?: string; description?: { text: string } }>;
    results: SarifResult[];
    properties: SarifRunProperties;
  }[];
}

// ---------------------------------------------------------------------------
// `northstar check --format gitlab` (GitLab Code Quality report)

export type GitlabSeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface GitlabIssue {
  description: string;
  check_name: string;
  /** The finding's stable identity (report/identity.ts), the same as SARIF's `northstar/v1`. */
  fingerprint: string;
  severity: GitlabSeverity;
  /** `path` is repository-relative. */
  location: { path: string; lines: { begin: number } };
}

// ---------------------------------------------------------------------------
// `northstar owners --json`

/** A CODEOWNERS line, as it is pointed at. */
export interface OwnersRuleRef {
  file: string;
  line: number;
  pattern: string;
}

export interface OwnersEntry {
  /** The path asked about, root-relative, forward slashes (it need not exist). */
  path: string;
  owners: string[];
  rule: OwnersRuleRef | null;
  /** `--explain`: the deciding line of each section (one for GitHub). */
  rules?: OwnersRuleRef[];
  /** `--explain`: earlier matching lines the deciding ones overrode. */
  overridden?: OwnersRuleRef[];
  /**
   * GitLab: each section the path falls in (core/sources/codeowners/sections.ts), in file order
   * of the deciding lines; empty for GitHub.
   */
  sections: OwnersSectionEntry[];
  module: string | null;
}

/** One GitLab section's say on a path: its owners, the approvals it requires, its deciding line. */
export interface OwnersSectionEntry {
  /** As written on its header; null for the lines before any header. */
  name: string | null;
  optional: boolean;
  /** Approvals required: 0 when optional, the header's `[N]`, else 1. */
  approvals: number;
  owners: string[];
  rule: OwnersRuleRef;
  /** The deciding line is a `!path` exclusion: the section asks nobody for this path. */
  excluded: boolean;
}

// ---------------------------------------------------------------------------
// `northstar diagram` and the diagram webview

/** `auto`: what the repository declares (systems), else its folder structure, else its teams. */
export type DiagramGroupBy = 'auto' | 'system' | 'team' | 'folder' | 'none';

/** The grouping a diagram was drawn with, and why (`auto` resolved to one of the others). */
export interface DiagramGrouping {
  by: 'system' | 'team' | 'folder' | 'none';
  /** One sentence, unescaped: what was asked or found ("no module declares a system; grouped by the folders under packages/"). */
  reason: string;
}
export type DiagramCollapse = 'auto' | 'none' | 'all';

export interface DiagramFindingCounts {
  errors: number;
  warnings: number;
  infos: number;
}

export interface DiagramNode {
  /** Generated Mermaid id (`m1`, `m2`, … for modules; `g1`, … for collapsed groups). Never derived from a name. */
  id: string;
  /** The text shown (unescaped). */
  label: string;
  /** A second line under the label (unescaped): a module's owner and scorecard level; null for groups. */
  detail: string | null;
  /** Module names this node stands for: one for a module, several for a collapsed group. */
  modules: string[];
  /** Key of the group the node belongs to (or represents), null when not grouped. */
  group: string | null;
  /** Scorecard level of a module node; for a collapsed group, the lowest level among its modules. */
  level: ScorecardLevel | null;
  /** True when the node stands for a collapsed group (or the "N more" remainder). */
  collapsed: boolean;
  deprecated: boolean;
  findings: DiagramFindingCounts;
  /** File that defines the module (contract, catalog entry, manifest), for "open on click"; null for groups. */
  file: string | null;
  /** True for the node of the focused module. */
  focus: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  /**
   * `dependsOn`: a runtime or declared dependency, a solid edge; `consumes`: a dashed edge labelled
   * with the API name(s); `dev`, `peer`, `optional`: a dependency of that kind (drawn only when
   * asked for), a grey dotted edge labelled with its kind.
   */
  kind: 'dependsOn' | 'consumes' | 'dev' | 'peer' | 'optional';
  /** Consumed API names (consumes edges), sorted. */
  apis: string[];
  /** Number of module-level edges this edge stands for (1 unless groups are collapsed). */
  count: number;
  /** The text on the edge, unescaped, or null. */
  label: string | null;
}

export interface DiagramGroup {
  key: string;
  label: string;
  modules: string[];
  collapsed: boolean;
  /** Mermaid id of the subgraph (expanded) or of the node (collapsed). */
  id: string;
}

export interface Diagram {
  mermaid: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  groups: DiagramGroup[];
  /** True when at least one group is drawn collapsed. */
  collapsed: boolean;
  /** Edges left out of a collapsed view to keep it readable (`maxEdges`). */
  hiddenEdges: number;
  /** Which grouping was used and why. */
  grouping: DiagramGrouping;
}

// ---------------------------------------------------------------------------
// `northstar summary --format json` and the vision summary webview

export interface SummaryCount {
  count: number;
  /** Modules the measure applies to. */
  of: number;
  /** count / of × 100, rounded to one decimal; null when `of` is 0. */
  percent: number | null;
}

export interface SummaryMetric {
  name: string;
  unit: string | null;
  baseline: number | null;
  current: number | null;
  target: number | null;
  /** How far current has come from baseline towards target, 0–100 (one decimal); null when unknown. */
  progress: number | null;
  /** Its values over time (history samples and git), or null when none is known. */
  trend: SummaryTrend | null;
}

/** A metric's trend as the summary shows it: a sparkline of `points`, the change since the baseline, the last update. */
export interface SummaryTrend {
  /** Oldest first. */
  points: { date: string; value: number; source: 'file' | 'git' }[];
  baseline: number | null;
  latest: number | null;
  change: number | null;
  lastUpdate: string | null;
}

export interface SummaryPriority {
  id: string;
  title: string;
  owner: string | null;
  metrics: SummaryMetric[];
  /** Names of the modules that serve the priority, sorted. */
  modules: string[];
}

export interface SummaryGap {
  ruleId: string;
  /** The rule's short label (its `meta.title`); the id itself when no registered rule has it. */
  title: string;
  count: number;
  /** In words, counted: "1 critical service without alerts, a runbook or an SLO" (the rule's `gap`, else "1 finding of <title>"). */
  text: string;
}

/** A scorecard criterion in the summary: its name, and why it is missing when that helps ("team Growth has none"). */
export interface SummaryCriterion {
  label: string;
  detail: string | null;
}

/** A module's level explained (scorecard.ts levelExplanation): what it meets, what the next level needs, what is not assessed. */
export interface SummaryModuleLevel {
  name: string;
  /** Its team's name, or null without an owner. */
  team: string | null;
  level: ScorecardLevel;
  next: 'bronze' | 'silver' | 'gold' | null;
  met: string[];
  needs: SummaryCriterion[];
  notAssessed: string[];
}

export interface SummaryTeam {
  /** Canonical team id, an owner as written when no team declares it, or null for unowned modules. */
  team: string | null;
  name: string;
  modules: string[];
  levels: Record<ScorecardLevel, number>;
  findings: { errors: number; warnings: number; infos: number };
  /** Most frequent findings on the team's modules (errors and warnings), at most five. */
  gaps: SummaryGap[];
}

export interface VisionSummary {
  root: string;
  vision: { direction: string | null; why: string | null; capabilities: string[] } | null;
  priorities: SummaryPriority[];
  coverage: {
    modules: number;
    ownership: SummaryCount;
    tests: SummaryCount;
    /** Only services, websites and jobs need observability. */
    observability: SummaryCount;
  };
  capacity: { allocations: { category: string; percent: number }[]; total: number } | null;
  levels: Record<ScorecardLevel, number>;
  findings: { errors: number; warnings: number; infos: number };
  teams: SummaryTeam[];
  /** Every scored module's level explained, by name (groups and samples left out, as in the level counts). */
  modules: SummaryModuleLevel[];
  /** Every module's experiment: overdue first, then running, then decided. */
  experiments: SummaryExperiment[];
  /** Per priority with initiatives, in vision.yaml's order. */
  roadmap: SummaryRoadmap[];
  /** The analysis' date the states above are judged against (null in a model built by hand). */
  today: string | null;
  /** Postmortems, demos and reviews; null when the workspace keeps none. */
  learning: SummaryLearning | null;
}

/** An experiment in the summary (DESIGN.md 1.8): its module, its state today, and what it tests. */
export interface SummaryExperiment {
  module: string;
  state: 'running' | 'overdue' | 'decided';
  hypothesis: string | null;
  metric: string | null;
  target: string | null;
  by: string | null;
  started: string | null;
  decideBy: string | null;
  decision: 'scale' | 'stop' | 'extend' | null;
}

/** An initiative on the summary's roadmap. */
export interface SummaryInitiative {
  id: string;
  title: string;
  owner: string | null;
  status: 'planned' | 'active' | 'done' | 'dropped' | null;
  due: string | null;
  /** The modules it changes (listed by it, or naming it from their contracts). */
  modules: string[];
  metric: string | null;
  overdue: boolean;
}

/** The roadmap of one priority: its initiatives, by due date (undated last). */
export interface SummaryRoadmap {
  priority: string;
  title: string;
  initiatives: SummaryInitiative[];
}

/** One postmortem, demo or review as the summary lists it. */
export interface SummaryLearningNote {
  kind: LearningKind;
  date: string | null;
  title: string;
  /** Root-relative path of the Markdown file. */
  file: string;
  severity: string | null;
  /** The modules it concerns that exist, by name. */
  modules: string[];
  /** Actions not done, and of those the ones past their due date. */
  open: number;
  overdue: number;
}

/** The summary's "Learning" section. */
export interface SummaryLearning {
  /** Notes per quarter (`2026-Q3`), newest quarter first; undated notes are not counted here. */
  quarters: { quarter: string; postmortems: number; demos: number; reviews: number }[];
  /**
   * Open and overdue actions per owning team (the action's owner, else the team of the first
   * module the note concerns; null: nobody). Only teams with open actions; most overdue first.
   */
  actions: { team: string | null; name: string; open: number; overdue: number }[];
  /** Modules that two or more postmortems concern, most first. */
  repeated: { module: string; postmortems: number; last: string | null }[];
  /** Every note, newest first. */
  notes: SummaryLearningNote[];
}
