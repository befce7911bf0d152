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
  readonly file: string;
  readonly range: SourceRange | null;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly FixEdit[];
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Name of the module the finding is about, or null. */
  readonly module: string | null;
  /** The preferred fix (VS Code's preferred quick fix). */
  readonly fix?: Fix;
  /** Other fixes for the same finding, in the order offered (e.g. one per candidate owner). */
  readonly moreFixes?: readonly Fix[];
  /** Other places of the same cause, reported once (SARIF `relatedLocations`). */
  readonly related?: readonly SourceLocation[];
}

// ---------------------------------------------------------------------------
// CODEOWNERS

export type CodeownersDialect = 'github' | 'gitlab';

export interface CodeownersRule {
  /** File the rule is written in, root-relative. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  /** The pattern as written (escapes kept), e.g. `/docs/` or `*.js`. */
  readonly pattern: string;
  /** Range of the pattern on its line. */
  readonly patternRange: SourceRange;
  /** Owners as written (`@user`, `@org/team`, `a@b.c`, GitLab `@@role`). Empty = un-owned. */
  readonly owners: readonly string[];
  /** Range of each owner, same order as `owners`. */
  readonly ownerRanges: readonly SourceRange[];
  /** GitLab: section name as written on its header (null for the unnamed section / GitHub). */
  readonly section: string | null;
  /** GitLab: `!path` exclusion line. */
  readonly exclusion: boolean;
  /** Index of the rule in file order (0-based), stable id within the file. */
  readonly index: number;
  /**
   * GitLab: the line lists no owners, so `owners`/`ownerRanges` are its section header's
   * default owners (the ranges point at the header line).
   */
  readonly ownersFromSection?: boolean;
}

export interface CodeownersSection {
  /** Name as written on the first header of the section (null = unnamed leading section). */
  readonly name: string | null;
  readonly optional: boolean;
  /** GitLab `[Section][2]`: required approvals; null when not given. */
  readonly approvals: number | null;
  /** Default owners written on the header line. */
  readonly defaultOwners: readonly string[];
  /** Line of the (first) header, null for the unnamed section. */
  readonly line: number | null;
}

export interface CodeownersFile {
  readonly file: string;
  readonly dialect: CodeownersDialect;
  readonly rules: readonly CodeownersRule[];
  readonly sections: readonly CodeownersSection[];
  /** Size in bytes; files of 3 MB or more are ignored by GitHub. */
  readonly size: number;
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
  readonly kind: EscalationKind | string;
  readonly target: string;
  readonly url?: string;
}

export interface Team {
  /** Canonical id: a teams.yaml id, else a `@org/team` handle, else `group:namespace/name`. */
  readonly id: string;
  readonly name: string;
  /** Every name this team is known by (id included), as written. */
  readonly aliases: readonly string[];
  readonly escalation: readonly EscalationStep[];
  /** What declares it; `undeclared`: an owner that a module names and nothing declares. */
  readonly source: 'teams' | 'catalog' | 'codeowners' | 'undeclared';
  readonly location: SourceLocation | null;
}

// ---------------------------------------------------------------------------
// Vision and priorities

export interface Metric {
  readonly name: string;
  readonly unit?: string;
  readonly baseline?: number;
  readonly current?: number;
  readonly target?: number;
  readonly location: SourceLocation;
  /** Dated samples written in the file (`history: [{ date, value }]`), oldest first. */
  readonly history?: readonly MetricSample[];
  /** Its values over time (file samples and git history, model/trend.ts); absent when nothing is known. */
  readonly trend?: MetricTrend;
}

/** One dated value of a metric. */
export interface MetricSample {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly value: number;
}

/** Where a point of a trend comes from: a `history:` sample, or a `current` value committed to git. */
export interface MetricPoint extends MetricSample {
  readonly source: 'file' | 'git';
  /** The commit that set the value (git points only). */
  readonly commit?: string;
}

/** A metric over time: the series, the change since the baseline and when it was last updated. */
export interface MetricTrend {
  /** Oldest first; one point per change of value. */
  readonly points: readonly MetricPoint[];
  /** The declared baseline, else the first point's value. */
  readonly baseline: number | null;
  /** The newest value: `current` when the file has one, else the last point's. */
  readonly latest: number | null;
  /** `latest - baseline`, or null when either is unknown. */
  readonly change: number | null;
  /** The date the value was last updated (`YYYY-MM-DD`), or null when no date is known. */
  readonly lastUpdate: string | null;
}

export interface Priority {
  readonly id: string;
  readonly title: string;
  readonly owner: string | null;
  readonly metrics: readonly Metric[];
  readonly location: SourceLocation;
  /** The work that serves it, in file order (absent in a model built by hand: none). */
  readonly initiatives?: readonly Initiative[];
}

export interface Vision {
  readonly file: string;
  readonly direction: string | null;
  readonly why: string | null;
  readonly capabilities: readonly string[];
  readonly capacity: Record<string, number> | null;
  readonly capacityLocation: SourceLocation | null;
}

/** A priority's initiative: the work that serves it (DESIGN.md 1.8). */
export type InitiativeStatus = 'planned' | 'active' | 'done' | 'dropped';

export interface Initiative {
  readonly id: string;
  readonly title: string;
  /** The priority it serves (the one it is written under). */
  readonly priority: string;
  readonly owner: string | null;
  /** Null when not written or not one of the four words (a schema problem). */
  readonly status: InitiativeStatus | null;
  /** ISO date, as written. */
  readonly due: string | null;
  /** Module names, as written. */
  readonly modules: readonly string[];
  /** The name of the priority metric it moves. */
  readonly metric: string | null;
  readonly location: SourceLocation;
}

/** A time-boxed experiment of a module (DESIGN.md 1.8), from its contract or catalog annotation. */
export type ExperimentDecision = 'scale' | 'stop' | 'extend';

export interface Experiment {
  readonly hypothesis: string | null;
  readonly successCriterion: { readonly metric: string | null; readonly target: string | null; readonly by: string | null } | null;
  /** ISO dates, as written. */
  readonly started: string | null;
  readonly decideBy: string | null;
  readonly decision: ExperimentDecision | null;
  /** Where it is declared: the contract's `experiment` key, or the catalog annotation's value. */
  readonly location: SourceLocation;
}

/** A `northstar:priority a, b` tag in a source file. */
export interface PriorityTag {
  readonly file: string;
  readonly priority: string;
  readonly range: SourceRange;
}

// ---------------------------------------------------------------------------
// Modules

/** `sample`: an example or sample (DESIGN 2): its quality findings come at info, coverage leaves it out. */
export type ModuleType = 'service' | 'website' | 'job' | 'library' | 'sample';
export type Lifecycle = 'experimental' | 'production' | 'deprecated';
export type ScorecardLevel = 'none' | 'bronze' | 'silver' | 'gold';
export type ModuleSource = 'contract' | 'catalog' | 'manifest';
/**
 * `module`: scored. `group`: a catalog Component whose folder holds other modules and which has no
 * manifest of its own besides an aggregator (DESIGN section 2): shown like a System, its owner is
 * checked, it is not scored (no tests, observability, security or scorecard level) and coverage
 * leaves it out. Decided once, in build/moduleKinds.ts.
 */
export type ModuleKind = 'module' | 'group';
/**
 * Where a module's owners come from: its contract, its catalog entry, the CODEOWNERS owners of
 * the file that defines it, or (`group`) the catalog Component whose folder holds it, when none of
 * those names an owner (a repository-wide `spec.type: repository` Component covers its packages);
 * `componentOwners`: `.github/component_owners.yml`, where CODEOWNERS names no owner.
 */
export type OwnerSource = 'contract' | 'catalog' | 'codeowners' | 'componentOwners' | 'group' | null;

export interface ProvidedApi {
  readonly name: string;
  readonly type: string;
  /** Root-relative path of the definition file, when given. */
  readonly definition: string | null;
  readonly location: SourceLocation;
  /** Where the definition path is written, when it is. */
  readonly definitionLocation?: SourceLocation;
}

export interface Slo {
  readonly name: string;
  readonly objective: number | null;
  readonly window: string | null;
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
  readonly signal: ObservabilitySignal;
  /** Where the evidence comes from. */
  readonly source: 'contract' | 'catalog' | 'dependency';
  /** What was seen: a value, an annotation key, or a dependency name. */
  readonly detail: string;
}

/** A named reference from one module to another (dependsOn) or to an API (consumes). */
export interface Reference {
  readonly name: string;
  /** Where the reference is written (null when inferred). */
  readonly location: SourceLocation | null;
}

/**
 * What a dependency edge is for (DESIGN section 2):
 * - `declared`: a contract's `dependsOn` or a catalog entity's `spec.dependsOn`;
 * - `runtime`: needed to run (npm `dependencies`, Go `require`, Cargo `[dependencies]`, Maven
 *   compile/runtime scope, Gradle `implementation`/`api`, a PackageReference, …);
 * - `dev`: needed only to build, test or lint (npm `devDependencies`, Cargo `[dev-dependencies]`
 *   and `[build-dependencies]`, Maven `test` scope, Gradle `test*`/annotation processors, Python
 *   dependency groups and Poetry dev groups, a PackageReference with `PrivateAssets="all"`);
 * - `peer`: provided by the host that loads the package (npm `peerDependencies`, Maven `provided`,
 *   Gradle `compileOnly`);
 * - `optional`: installed on request or when available (npm `optionalDependencies`, Python extras,
 *   Maven `<optional>true</optional>`).
 * Consumed APIs are not dependencies: they are `Module.consumes`.
 */
export type DependencyKind = 'declared' | 'runtime' | 'dev' | 'peer' | 'optional';

/** A dependency edge of a module: the module it names, its kind and where it comes from. */
export interface Dependency extends Reference {
  readonly kind: DependencyKind;
  /**
   * The source as a reader names it: `package.json devDependencies`, `Cargo.toml build-dependencies`,
   * `pom.xml dependencies (scope test)`, `service-contract.yaml dependsOn`, `catalog-info.yaml spec.dependsOn`.
   * `location` is where the entry is written.
   */
  readonly via: string;
}

export interface Module {
  readonly name: string;
  /** Root-relative folder ("" for the root). */
  readonly path: string;
  /** What declared the module: its contract, a catalog entity, or a manifest. */
  readonly source: ModuleSource;
  /** Every file that describes it: contract, catalog-info, manifest(s). */
  readonly files: readonly string[];
  /** The place "missing X" findings point at: contract name line, catalog entity, or manifest. */
  readonly definedAt: SourceLocation;
  readonly description: string | null;
  readonly owners: readonly string[];
  readonly ownerSource: OwnerSource;
  /**
   * The id of the team that owns the module (a team of `Model.teams`): the team of its first
   * owner; null without an owner. Decided once, in model/teams.ts.
   */
  readonly team: string | null;
  /** Where the declared owner is written (contract/catalog), for owner findings. */
  readonly ownerLocation: SourceLocation | null;
  readonly system: string | null;
  readonly type: ModuleType;
  readonly tier: 1 | 2 | 3 | null;
  readonly lifecycle: Lifecycle | null;
  /** Every dependency on another module, one per module depended on (the strongest kind wins). */
  readonly dependsOn: readonly Dependency[];
  readonly consumes: readonly Reference[];
  readonly apis: readonly ProvidedApi[];
  /** Globs (root-relative) that decide which files are tests, when declared. */
  readonly testGlobs: readonly string[] | null;
  /** Test files found (root-relative, sorted). */
  readonly tests: readonly string[];
  readonly observability: readonly ObservabilityEvidence[];
  readonly slos: readonly Slo[];
  readonly alerts: readonly string[];
  readonly runbook: string | null;
  readonly dashboards: readonly string[];
  readonly data: { classification: string | null };
  readonly security: { threatModel: string | null; privacyReview: string | null };
  readonly resilience: { drRehearsal: string | null };
  /** Priority ids the module serves (from contract, and from tags in its files). */
  readonly priorities: readonly string[];
  /** Declared package name from manifest, e.g. npm name or Go module path (for import resolution). */
  readonly packageName: string | null;
  readonly level: ScorecardLevel;
  /** A scored module, or a group of the modules in its folder (see ModuleKind). */
  readonly kind: ModuleKind;
  /** Its experiment, from the contract (else the catalog annotation `northstar.dev/experiment`). */
  readonly experiment: Experiment | null;
  /** Initiative ids its contract names (the initiatives naming it list it in their `modules`). */
  readonly initiatives: readonly string[];
  /**
   * Its own on-call, from its catalog entry's on-call annotations (`pagerduty.com/service-id`,
   * `opsgenie.com/team`, …); absent when it has none. Its team's path follows (model/teams.ts escalationOf).
   */
  readonly escalation?: readonly EscalationStep[];
}

// ---------------------------------------------------------------------------
// Configuration (.northstar.yaml)

export interface NorthstarConfig {
  rules: Record<string, ConfiguredSeverity>;
  ignore: { rule: string; paths: string[] }[];
  modules: { include: string[]; exclude: string[] };
  tests: { patterns: string[] | null };
  observability: { libraries: string[] };
  staleness: { privacyReviewDays: number; drRehearsalDays: number; metricDays: number };
  codeowners: { dialect: CodeownersDialect | null; path: string | null };
  /**
   * Outside a git work tree, folder names the walk skips besides the built-in list
   * (`skipFolders`) and built-in names it walks after all (`walkFolders`). Inside a git work
   * tree, git decides which files exist and these do not apply.
   */
  walk: { skipFolders: string[]; walkFolders: string[] };
  /**
   * Examples and samples (`type: sample`): the highest severity their quality and observability
   * findings get (`off` drops them). Coverage never counts them.
   */
  samples: { severity: ConfiguredSeverity };
  /** Today, for staleness rules (ISO date). Tests pin it; default: the current date. */
  today: string | null;
  /**
   * `owners --coverage`: the minimum share of files with owners (percent; null: no gate) and
   * whether a file only a catch-all line (`*`) owns counts as unowned. The CLI's
   * `--min-coverage` and `--catch-all-unowned` take precedence.
   */
  ownership: { minCoverage: number | null; catchAllUnowned: boolean };
  /**
   * Folders (root-relative) whose Markdown files are postmortems, demos and reviews with YAML
   * front matter (DESIGN 1.8). Default: `docs/postmortems`.
   */
  learning: { folders: string[] };
  /** How far back metric trends read `vision.yaml`'s git history: at most `commits` commits and `months` months (0 commits: none). */
  history: { commits: number; months: number };
}

// ---------------------------------------------------------------------------
// The snapshot

/** What a learning ritual's note records (DESIGN 1.8): a postmortem, a demo or a review. */
export type LearningKind = 'postmortem' | 'demo' | 'review';

/** An action item of a postmortem, demo or review. */
export interface LearningAction {
  readonly title: string;
  /** As written (a team or person handle); null when nobody was named. */
  readonly owner: string | null;
  /** ISO date, or null when none was set. */
  readonly due: string | null;
  readonly done: boolean;
  /**
   * Past `due` on the analysis' today and not done. Decided once, in build/learning.ts, for the
   * rule, the summary and the hover alike.
   */
  readonly overdue: boolean;
  /** The item's `title` value. */
  readonly location: SourceLocation;
  /** The `due` value, when written. */
  readonly dueLocation: SourceLocation | null;
}

/** One Markdown note with YAML front matter in a learning folder (`docs/postmortems/` by default). */
export interface LearningRecord {
  /** Root-relative path of the Markdown file. */
  readonly file: string;
  readonly kind: LearningKind;
  /** ISO date, or null when missing or not a date. */
  readonly date: string | null;
  readonly title: string;
  /** As written (`sev1`, `high`, …); null when none. */
  readonly severity: string | null;
  /** Module names as written, with where. */
  readonly modules: readonly Reference[];
  /** Priority ids as written, with where. */
  readonly priorities: readonly Reference[];
  readonly actions: readonly LearningAction[];
  /** The front matter's `title` value, else its first line. */
  readonly location: SourceLocation;
}

export interface Model {
  readonly root: string;
  readonly modules: readonly Module[];
  readonly teams: readonly Team[];
  readonly priorities: readonly Priority[];
  readonly vision: Vision | null;
  readonly codeowners: CodeownersFile | null;
  readonly priorityTags: readonly PriorityTag[];
  /** Postmortems, demos and reviews (DESIGN 1.8), in file order. */
  readonly learning: readonly LearningRecord[];
  readonly findings: readonly Finding[];
  /** The analysis' date (ISO), against which overdue experiments and initiatives are judged. */
  readonly today?: string;
}

/**
 * The writable form of a model type, for the code that builds it (parsers, the model builder):
 * a snapshot is readonly once built (DESIGN section 2, immutable snapshots).
 */
export type Draft<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
