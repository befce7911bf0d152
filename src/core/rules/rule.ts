/**
 * The shape of a rule: metadata first, then a check over the analysed workspace.
 * One rule per file under `rules/<area>/<name>.ts`; `rules/index.ts` is the registry.
 */
import type {
  CodeownersFile,
  Fix,
  Model,
  Module,
  NorthstarConfig,
  OwnerMatch,
  Severity,
  SourceLocation,
  Team,
} from '../model/types';
import type { OwnershipIndex } from '../sources/codeowners/ownership';
import type { PreparedIndex, RuleIndexes } from './indexes';
import type {
  CatalogEntity,
  ConfigFile,
  ContractDecl,
  ManifestDecl,
  ParseProblem,
  TeamsFile,
  VisionFile,
} from '../sources/types';

/**
 * Where a rule's documentation lives inside the Northstar package (the .vsix and the npm
 * package both carry `docs/rules/<id>.md`). There is no public web copy: an adapter that can
 * link to the file (the extension, from its install folder) passes its own base to `docsUrl`.
 */
export const DOCS_RULES_DIR = 'docs/rules/';

export interface RuleMeta {
  /** `area/name`, e.g. `ownership/missing-owner`. */
  id: string;
  /**
   * A short label in words, for people who do not know the ids: the vision summary's gaps
   * ("No tests", not `quality/missing-tests`). Sentence case, no final full stop.
   */
  title: string;
  /**
   * What the summary lists as a team's gap, counted: `1 module without tests`, `3 modules without
   * tests` (`one` after 1, `other` after any other count). Lower case, no final full stop.
   */
  gap?: { readonly one: string; readonly other: string };
  /** One line, shown in docs, SARIF and the README. */
  description: string;
  defaultSeverity: Severity;
  /** Strategy rules run only when a vision.yaml exists. */
  requiresVision?: boolean;
  /**
   * The rule looks at where CODEOWNERS lines match across the whole repository: it does not run
   * when the root is a subfolder and the repository root's CODEOWNERS applies.
   */
  wholeRepository?: boolean;
  /** Shared indexes the engine builds ahead of the rule run (in slices) when this rule is on. */
  uses?: readonly PreparedIndex[];
  /**
   * Everything the rule's findings depend on, when that is a few parts of the snapshot: while
   * each is the same object as at the rule's last run, an update reports the findings of that run
   * again instead of running the rule (severities and silencing are applied afresh). A rule that
   * names `reads` promises to look at nothing else of its context (`indexes` over these included).
   * A per-module rule (`checkModule`) names what it reads besides its module: while that is the
   * same, only the modules that changed (build/share.ts) are checked again.
   */
  reads?: readonly RuleInput[];
  /**
   * For a rule over every module that names `reads`: the only fields it reads of any module
   * (through `model.modules`, `moduleByName`, `moduleOf` and the API index), and nothing else of
   * the model. While the modules are as many, in the same folders, and equal in these fields (an
   * edit of a description leaves a dependency rule's input as it was), and `reads` are the same,
   * an update reports the last run's findings again. test/unit/rules/moduleFields.test.ts checks
   * that each such rule reads no other field.
   */
  moduleFields?: readonly (keyof Module)[];
}

/**
 * The parts of the context a rule can name in `reads`. Each is kept as the same object while
 * what it is made of is unchanged: the file list while no file is added or removed; the parsed
 * CODEOWNERS (and with it `ownersOf` and `ownership`) while its text and dialect are the same;
 * the configuration, teams.yaml, vision.yaml, catalog entities and manifests while their files
 * are; `teamOf` while teams.yaml and the catalog are and CODEOWNERS declares the same teams
 * (model/teams.ts sameCodeownersTeams); `today` is a date.
 */
export type RuleInput = 'files' | 'codeowners' | 'config' | 'today' | 'teamsFile' | 'visionFile' | 'catalog' | 'manifests' | 'teamOf';

export interface ReportInput {
  message: string;
  location: SourceLocation;
  module?: string | null;
  fix?: Fix;
  /** Every fix, the preferred first (instead of `fix`, when there are several). */
  fixes?: readonly Fix[];
  /** Other places of the same cause (e.g. every other entity naming one unknown owner). */
  related?: readonly SourceLocation[];
  /** At most this severity (a rule's summary finding that is only information). */
  severity?: Severity;
  /** At least this severity, unless the configuration sets the rule's (a likely mistake among notes). */
  atLeast?: Severity;
}

/** Everything a rule may look at. Read-only. */
export interface RuleContext {
  /** The model, complete except `findings`. */
  readonly model: Omit<Model, 'findings'>;
  readonly config: NorthstarConfig;
  /** Every file of the workspace (root-relative, sorted), after .gitignore. */
  readonly files: readonly string[];
  readonly contracts: readonly ContractDecl[];
  readonly catalog: readonly CatalogEntity[];
  readonly manifests: readonly ManifestDecl[];
  readonly teamsFile: TeamsFile | null;
  readonly visionFile: VisionFile | null;
  readonly configFile: ConfigFile | null;
  readonly codeowners: CodeownersFile | null;
  /** Problems met while reading files (yaml, schema, codeowners syntax, skipped files). */
  readonly problems: readonly ParseProblem[];
  /** Who owns a path according to CODEOWNERS (empty match when there is no file). */
  ownersOf(path: string): OwnerMatch;
  /**
   * The index behind `ownersOf`, when it answers the workspace's paths as given (no repository
   * prefix): lets rules that look at every file ask it in one batch. Optional.
   */
  readonly ownership?: OwnershipIndex;
  /** The team a handle or name refers to (teams.yaml id/alias, Backstage group, CODEOWNERS handle). */
  teamOf(owner: string): Team | undefined;
  /** The module a path belongs to (deepest containing module). */
  moduleOf(path: string): Module | undefined;
  moduleByName(name: string): Module | undefined;
  /**
   * The text of a workspace file the engine read (YAML sources, CODEOWNERS), so that fixes
   * can append at the end of a file; undefined when the file was not read. Optional: rules
   * fall back to a fix anchored on known positions, or to no fix.
   */
  textOf?(path: string): string | undefined;
  /** Shared lookups over this snapshot, built once when first asked. */
  readonly indexes: RuleIndexes;
  /** Today's date (ISO `YYYY-MM-DD`), for staleness. */
  readonly today: string;
  report(finding: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
  /**
   * A rule whose findings about a module depend on that module alone (and on its `reads`): its
   * check of one module. `check` is then the same over every module, in model order (moduleRule).
   */
  checkModule?(context: RuleContext, module: Module): void;
  /**
   * For a per-module rule that names 'codeowners' in `reads`: the one file whose CODEOWNERS answer
   * (`ownersOf(file)`: its owners and deciding lines, not `overridden`) its check of `module`
   * reads, or null when it reads none; besides that answer it reads of CODEOWNERS only whether
   * there is one. After a CODEOWNERS edit that leaves the other `reads` as they were, a module
   * that is the same object and whose file has the same answer keeps its findings
   * (rules/run.ts): an edit of one line checks the modules it concerns, not all of them. A
   * function, so not in `meta` (which crosses the worker boundary).
   */
  codeownersFileOf?(module: Module): string | null;
}

/** A per-module rule: `check` runs `checkModule` over the model's modules in order. */
export function moduleRule(rule: Pick<Rule, 'meta' | 'codeownersFileOf'> & { checkModule(context: RuleContext, module: Module): void }): Rule {
  return {
    meta: rule.meta,
    checkModule: rule.checkModule,
    ...(rule.codeownersFileOf && { codeownersFileOf: rule.codeownersFileOf }),
    check(context) {
      for (const module of context.model.modules) rule.checkModule(context, module);
    },
  };
}

/** A rule's documentation as a path inside the Northstar package: `docs/rules/<id>.md`. */
export function docsPath(ruleId: string): string {
  return `${DOCS_RULES_DIR}${ruleId}.md`;
}

/**
 * A rule's documentation as a URI under `base`, the URI of the package's `docs/rules/` folder
 * that an adapter supplies (the extension: `<extensionUri>/docs/rules/`). The core never knows
 * where it is installed. Each segment of the id is percent-encoded; the slash between area and
 * name stays a folder separator. A base without a trailing slash gets one.
 */
export function docsUrl(ruleId: string, base: string): string {
  const folder = base.endsWith('/') ? base : `${base}/`;
  return `${folder}${ruleId.split('/').map(encodeURIComponent).join('/')}.md`;
}
