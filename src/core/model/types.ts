/**
 * The model of DESIGN.md section 2. The same field names are used by the TypeScript
 * types, `northstar model` and the extension.
 *
 * Conventions used everywhere:
 * - paths are relative to the workspace root, with forward slashes, no leading `./`;
 *   the root folder itself is `""` (empty string).
 * - ranges are 1-based, end exclusive, columns counted in UTF-16 code units.
 */

export type Severity = 'error' | 'warning' | 'info';
export type ConfiguredSeverity = Severity | 'off';

export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A range in a file of the workspace. */
export interface SourceLocation extends SourceRange {
  file: string;
}

/** A text edit: replace `range` of `file` with `newText`. No range means "create the file with newText" (never overwrite). */
export interface FixEdit {
  file: string;
  range: SourceRange | null;
  newText: string;
}

export interface Fix {
  title: string;
  edits: FixEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Name of the module the finding is about, or null. */
  module: string | null;
  fix?: Fix;
}

// ---------------------------------------------------------------------------
// CODEOWNERS

export type CodeownersDialect = 'github' | 'gitlab';

export interface CodeownersRule {
  /** File the rule is written in, root-relative. */
  file: string;
  /** 1-based line number. */
  line: number;
  /** The pattern as written (escapes kept), e.g. `/docs/` or `*.js`. */
  pattern: string;
  /** Range of the pattern on its line. */
  patternRange: SourceRange;
  /** Owners as written (`@user`, `@org/team`, `a@b.c`, GitLab `@@role`). Empty = un-owned. */
  owners: string[];
  /** Range of each owner, same order as `owners`. */
  ownerRanges: SourceRange[];
  /** GitLab: section name as written on its header (null for the unnamed section / GitHub). */
  section: string | null;
  /** GitLab: `!path` exclusion line. */
  exclusion: boolean;
  /** Index of the rule in file order (0-based), stable id within the file. */
  index: number;
  /**
   * GitLab: the line lists no owners, so `owners`/`ownerRanges` are its section header's
   * default owners (the ranges point at the header line).
   */
  ownersFromSection?: boolean;
}

export interface CodeownersSection {
  /** Name as written on the first header of the section (null = unnamed leading section). */
  name: string | null;
  optional: boolean;
  /** GitLab `[Section][2]`: required approvals; null when not given. */
  approvals: number | null;
  /** Default owners written on the header line. */
  defaultOwners: string[];
  /** Line of the (first) header, null for the unnamed section. */
  line: number | null;
}

export interface CodeownersFile {
  file: string;
  dialect: CodeownersDialect;
  rules: CodeownersRule[];
  sections: CodeownersSection[];
  /** Size in bytes; files of 3 MB or more are ignored by GitHub. */
  size: number;
}

/** The result of asking who owns a path. */
export interface OwnerMatch {
  owners: string[];
  /** The deciding line (for GitLab, the first section's that matched), or null. */
  rule: CodeownersRule | null;
  /** The deciding line of each section that matched (one entry for GitHub). */
  rules: CodeownersRule[];
  /** Earlier lines that also matched but were overridden (by a later line of the same section). */
  overridden: CodeownersRule[];
}

// ---------------------------------------------------------------------------
// Teams

export type EscalationKind = 'chat' | 'pager' | 'person' | 'email' | 'ticket' | 'other';

export interface EscalationStep {
  kind: EscalationKind | string;
  target: string;
  url?: string;
}

export interface Team {
  /** Canonical id: a teams.yaml id, else a `@org/team` handle, else `group:namespace/name`. */
  id: string;
  name: string;
  /** Every name this team is known by (id included), as written. */
  aliases: string[];
  escalation: EscalationStep[];
  /** What declares it; `undeclared`: an owner that a module names and nothing declares. */
  source: 'teams' | 'catalog' | 'codeowners' | 'undeclared';
  location: SourceLocation | null;
}

// ---------------------------------------------------------------------------
// Vision and priorities

export interface Metric {
  name: string;
  unit?: string;
  baseline?: number;
  current?: number;
  target?: number;
  location: SourceLocation;
}

export interface Priority {
  id: string;
  title: string;
  owner: string | null;
  metrics: Metric[];
  location: SourceLocation;
}

export interface Vision {
  file: string;
  direction: string | null;
  why: string | null;
  capabilities: string[];
  capacity: Record<string, number> | null;
  capacityLocation: SourceLocation | null;
}

/** A `northstar:priority a, b` tag in a source file. */
export interface PriorityTag {
  file: string;
  priority: string;
  range: SourceRange;
}

// ---------------------------------------------------------------------------
// Modules

export type ModuleType = 'service' | 'website' | 'job' | 'library';
export type Lifecycle = 'experimental' | 'production' | 'deprecated';
export type ScorecardLevel = 'none' | 'bronze' | 'silver' | 'gold';
export type ModuleSource = 'contract' | 'catalog' | 'manifest';
export type OwnerSource = 'contract' | 'catalog' | 'codeowners' | null;

export interface ProvidedApi {
  name: string;
  type: string;
  /** Root-relative path of the definition file, when given. */
  definition: string | null;
  location: SourceLocation;
  /** Where the definition path is written, when it is. */
  definitionLocation?: SourceLocation;
}

export interface Slo {
  name: string;
  objective: number | null;
  window: string | null;
}

export type ObservabilitySignal =
  | 'logs'
  | 'metrics'
  | 'traces'
  | 'dashboards'
  | 'alerts'
  | 'runbook'
  | 'errors'
  | 'oncall';

export interface ObservabilityEvidence {
  signal: ObservabilitySignal;
  /** Where the evidence comes from. */
  source: 'contract' | 'catalog' | 'dependency';
  /** What was seen: a value, an annotation key, or a dependency name. */
  detail: string;
}

/** A named reference from one module to another (dependsOn) or to an API (consumes). */
export interface Reference {
  name: string;
  /** Where the reference is written (null when inferred). */
  location: SourceLocation | null;
}

export interface Module {
  name: string;
  /** Root-relative folder ("" for the root). */
  path: string;
  /** What declared the module: its contract, a catalog entity, or a manifest. */
  source: ModuleSource;
  /** Every file that describes it: contract, catalog-info, manifest(s). */
  files: string[];
  /** The place "missing X" findings point at: contract name line, catalog entity, or manifest. */
  definedAt: SourceLocation;
  description: string | null;
  owners: string[];
  ownerSource: OwnerSource;
  /**
   * The id of the team that owns the module (a team of `Model.teams`): the team of its first
   * owner; null without an owner. Decided once, in model/teams.ts.
   */
  team: string | null;
  /** Where the declared owner is written (contract/catalog), for owner findings. */
  ownerLocation: SourceLocation | null;
  system: string | null;
  type: ModuleType;
  tier: 1 | 2 | 3 | null;
  lifecycle: Lifecycle | null;
  dependsOn: Reference[];
  consumes: Reference[];
  apis: ProvidedApi[];
  /** Globs (root-relative) that decide which files are tests, when declared. */
  testGlobs: string[] | null;
  /** Test files found (root-relative, sorted). */
  tests: string[];
  observability: ObservabilityEvidence[];
  slos: Slo[];
  alerts: string[];
  runbook: string | null;
  dashboards: string[];
  data: { classification: string | null };
  security: { threatModel: string | null; privacyReview: string | null };
  resilience: { drRehearsal: string | null };
  /** Priority ids the module serves (from contract, and from tags in its files). */
  priorities: string[];
  /** Declared package name from manifest, e.g. npm name or Go module path (for import resolution). */
  packageName: string | null;
  level: ScorecardLevel;
}

// ---------------------------------------------------------------------------
// Configuration (.northstar.yaml)

export interface NorthstarConfig {
  rules: Record<string, ConfiguredSeverity>;
  ignore: { rule: string; paths: string[] }[];
  modules: { include: string[]; exclude: string[] };
  tests: { patterns: string[] | null };
  observability: { libraries: string[] };
  staleness: { privacyReviewDays: number; drRehearsalDays: number };
  codeowners: { dialect: CodeownersDialect | null; path: string | null };
  /** Today, for staleness rules (ISO date). Tests pin it; default: the current date. */
  today: string | null;
}

// ---------------------------------------------------------------------------
// The snapshot

export interface Model {
  root: string;
  modules: Module[];
  teams: Team[];
  priorities: Priority[];
  vision: Vision | null;
  codeowners: CodeownersFile | null;
  priorityTags: PriorityTag[];
  findings: Finding[];
}
