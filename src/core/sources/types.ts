/**
 * What each source file yields once parsed: declarations with exact positions, and the
 * problems met while reading it. Parsers are pure: (text, file) → result; they never throw.
 */
import type {
  DependencyKind,
  EscalationStep,
  ExperimentDecision,
  InitiativeStatus,
  Metric,
  ProvidedApi,
  Reference,
  Slo,
  SourceLocation,
  Vision,
  NorthstarConfig,
} from '../model/types';

/** A problem found while reading a file; the rule named by `ruleId` reports it. */
export interface ParseProblem {
  ruleId: 'contracts/yaml' | 'contracts/schema' | 'codeowners/syntax' | 'workspace/skipped';
  message: string;
  location: SourceLocation;
  /** Reported at least at this severity unless configuration sets the rule's (a likely mistake). */
  atLeast?: 'warning';
  /**
   * A source file read only for `northstar:priority` tags was not scanned (too large, not text,
   * unreadable): workspace/skipped says so once for all of them, not once per file.
   */
  tagScanOnly?: true;
}

/** A string value with where it is written. */
export interface Located<T = string> {
  value: T;
  location: SourceLocation;
}

export interface ContractDecl {
  file: string;
  /** Folder holding the contract (root-relative, "" for the root). */
  folder: string;
  /** The whole document (for findings with nowhere better to point). */
  location: SourceLocation;
  name: Located | null;
  description: string | null;
  owner: Located | null;
  type: string | null;
  system: string | null;
  lifecycle: string | null;
  tier: number | null;
  /** Globs relative to the contract's folder, or null for the default. */
  paths: string[] | null;
  dependsOn: Reference[];
  provides: ProvidedApi[]; // definition already resolved to a root-relative path
  consumes: Reference[];
  dataClassification: string | null;
  /** Globs relative to the contract's folder, or null for conventions. */
  tests: string[] | null;
  observability: {
    logs: string | null;
    metrics: string | null;
    traces: string | null;
    dashboards: string[];
    alerts: string[];
    /** Root-relative path. */
    runbook: string | null;
  };
  slos: Slo[];
  priorities: Reference[];
  security: { threatModel: Located | null; privacyReview: Located | null };
  resilience: { drRehearsal: Located | null };
  /** `experiment:` (DESIGN.md 1.8), or null. */
  experiment: ExperimentDecl | null;
  /** Initiative ids (vision.yaml) the module's work belongs to. */
  initiatives: Reference[];
}

/** An experiment as written (contract `experiment:` or catalog annotation `northstar.dev/experiment`). */
export interface ExperimentDecl {
  hypothesis: string | null;
  /** Null when `successCriterion` is not written (or not a mapping). */
  successCriterion: { metric: Located | null; target: Located | null; by: Located | null; location: SourceLocation } | null;
  started: Located | null;
  decideBy: Located | null;
  /** `scale`, `stop` or `extend`; another word is a schema problem and reads as null. */
  decision: Located<ExperimentDecision> | null;
  /** The `experiment` key (contract) or the annotation's value (catalog). */
  location: SourceLocation;
}

/** An initiative under a priority in vision.yaml, as written. */
export interface InitiativeDecl {
  id: Located;
  title: string;
  owner: Located | null;
  status: Located<InitiativeStatus> | null;
  due: Located | null;
  modules: Reference[];
  metric: Located | null;
}

/** One Backstage entity from a catalog-info.yaml (multi-document). */
export interface CatalogEntity {
  file: string;
  folder: string;
  kind: string; // Component | Resource | API | System | Group | Domain | User | Location | …
  name: string;
  namespace: string; // default: "default"
  /** Full reference `kind:namespace/name`, lowercased kind/namespace as Backstage compares. */
  ref: string;
  location: SourceLocation; // metadata.name value, else the document
  title: string | null;
  description: string | null;
  owner: Located | null; // spec.owner as written
  system: string | null; // name part of the entity reference
  lifecycle: string | null;
  type: string | null; // spec.type
  dependsOn: Reference[]; // entity refs as written
  providesApis: Reference[];
  consumesApis: Reference[];
  annotations: Record<string, string>;
  /** The annotation `northstar.dev/experiment`, read as YAML (DESIGN.md 1.8), or null. */
  experiment?: ExperimentDecl | null;
  /** Group: github.com/team-slug etc. Group members/parent kept loose. */
  spec: Record<string, unknown>;
  tags: string[];
}

export interface TeamDecl {
  id: string;
  name: string | null;
  aliases: string[];
  escalation: EscalationStep[];
  location: SourceLocation; // the id value
  escalationLocation: SourceLocation | null;
}

export interface TeamsFile {
  file: string;
  teams: TeamDecl[];
}

export interface PriorityDecl {
  id: string;
  title: string;
  owner: Located | null;
  metrics: Metric[];
  location: SourceLocation; // the id value
  initiatives: InitiativeDecl[];
}

export interface VisionFile {
  vision: Vision;
  priorities: PriorityDecl[];
  /** Location of the `priorities` key (for count findings). */
  prioritiesLocation: SourceLocation | null;
}

export interface ConfigFile {
  file: string;
  config: NorthstarConfig;
  /** Where each rule's severity is set, for findings about unknown rule ids. */
  ruleLocations: Record<string, SourceLocation>;
}

/** Package manifest facts (package.json, go.mod, Cargo.toml, pyproject.toml, pom.xml, build.gradle, *.csproj). */
export interface ManifestDecl {
  file: string;
  folder: string;
  kind: 'npm' | 'go' | 'cargo' | 'python' | 'maven' | 'gradle' | 'dotnet' | 'ruby' | 'php' | 'swift' | 'dart' | 'elixir';
  /** Package name (npm name, Go module path, crate name, Python project name, artifactId, …). */
  name: string | null;
  /** The package's description (package.json, pyproject, Cargo.toml, composer.json), when given. */
  description?: string;
  /** A manifest that only declares a workspace is not a module. */
  workspaceOnly: boolean;
  /** Declared dependency names (all scopes). */
  dependencies: string[];
  /** Each dependency entry in file order, with its kind and section (a name may be listed in several). */
  dependencyEntries: ManifestDependency[];
  location: SourceLocation; // the name, else line 1
  /**
   * A package.json that was read and is no package: no name and no dependencies (a subpath-export
   * stub, a `{"type": "module"}` marker). Not a module (build/moduleKinds.ts).
   */
  notAPackage?: boolean;
  /** package.json `"private": true` (never published). */
  privatePackage?: boolean;
  /** package.json `backstage.role` (`backend`, `frontend`, `backend-plugin`, …), when given. */
  backstageRole?: string;
  /** A settings.gradle(.kts) that includes projects: the build.gradle beside it is a multi-project root, not a module. */
  includesProjects?: boolean;
  /**
   * A list of dependencies that names no package (Gemfile, Pipfile, requirements*.txt): beside
   * another manifest it only adds dependencies; alone it makes an application module named by
   * its folder (build/moduleKinds.ts).
   */
  dependencyList?: boolean;
  /** A bill of materials (a Gradle `java-platform` project): versions of others, no code. Not a module. */
  bom?: boolean;
  /** A .NET project that is a test project: it references a test SDK or framework package. */
  testProject?: boolean;
  /** Root-relative paths of the projects a .NET project references (`<ProjectReference Include>`). */
  projectReferences?: string[];
}

/** One dependency entry of a manifest. */
export interface ManifestDependency {
  name: string;
  kind: Exclude<DependencyKind, 'declared'>;
  /**
   * The section that lists it, as the manifest's users name it: `devDependencies`,
   * `dev-dependencies`, `dependencies (scope test)`, `testImplementation`, `require`.
   */
  scope: string;
  /** Where the entry is written (the name), when found. */
  location: SourceLocation | null;
}

export interface ParseResult<T> {
  value: T | null;
  problems: ParseProblem[];
}

/** Inline disable comments: `# northstar-disable-next-line RULE[, RULE]` → line they silence. */
export interface DisableComment {
  file: string;
  /** The 1-based line the comment silences. */
  line: number;
  /** Rule ids; empty = all. */
  rules: string[];
}
