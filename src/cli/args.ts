/**
 * Command-line parsing on `node:util.parseArgs`, strict as users of ESLint expect: an unknown
 * command or option, a missing or bad value is a usage error (exit 2) with a one-line message.
 * `--opt value` and `--opt=value` are both accepted, options may come before the command, `--`
 * ends the options, and `-` as a PATH reads the paths from standard input (one per line, or
 * NUL-separated with `-z`, as `git diff --name-only -z` writes them).
 */
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';

export type CommandName = 'check' | 'owners' | 'diagram' | 'summary' | 'model' | 'export' | 'init';
export const COMMANDS: readonly CommandName[] = ['check', 'owners', 'diagram', 'summary', 'model', 'export', 'init'];
export type ExportTarget = 'backstage';

export type CheckFormatName = 'text' | 'json' | 'sarif' | 'gitlab' | 'github' | 'md';
export type OwnersFormatName = 'text' | 'json' | 'ndjson';
export type SummaryFormatName = 'md' | 'json';
export type GroupByName = 'auto' | 'system' | 'team' | 'folder' | 'none';
export type DiagramFormatName = 'mmd' | 'md';
export type CollapseName = 'auto' | 'none' | 'all';

export interface CommonArgs {
  /** As given (relative to the current directory), or null for the current directory. */
  root: string | null;
  /** `-o FILE`: write the output there (UTF-8, no BOM) instead of standard output. */
  outputFile: string | null;
}

/** Where the paths of `check` and `owners` come from besides the command line. */
export interface PathArgs {
  paths: string[];
  /** Read more paths from standard input (`-` as a PATH, or `owners --stdin`). */
  stdin: boolean;
  /** Standard input's paths are NUL-separated (`-z`). */
  nul: boolean;
}

export type ParsedArgs =
  | { command: 'help'; topic: CommandName | null }
  | { command: 'version' }
  | (CommonArgs &
      PathArgs & {
        command: 'check';
        format: CheckFormatName;
        /** -1 = no limit. */
        maxWarnings: number;
        changedSince: string | null;
        /** `--quiet`: errors only. */
        quiet: boolean;
        /** A PATH that holds no file of the workspace is a usage error (exit 2) unless false. */
        errorOnUnmatched: boolean;
      })
  | (CommonArgs &
      PathArgs & {
        command: 'owners';
        format: OwnersFormatName;
        /** Also the lines each deciding line overrode (`--explain`). */
        explain: boolean;
        /** List the workspace's files nobody owns instead of the given paths. */
        unowned: boolean;
        /** A file only a catch-all line (`*`, `**`, `/**`…) owns counts as unowned. */
        catchAllUnowned: boolean;
        /** Print the ownership coverage (files and modules). */
        coverage: boolean;
        /** Exit 1 when the files' coverage is under this percentage; null = no gate. */
        minCoverage: number | null;
      })
  | (CommonArgs & {
      command: 'diagram';
      format: DiagramFormatName;
      groupBy: GroupByName;
      collapse: CollapseName;
      focus: string | null;
      /** How far around `focus`: 1 (default) or 2. */
      depth: 1 | 2;
      allDependencies: boolean;
    })
  | (CommonArgs & { command: 'summary'; format: SummaryFormatName })
  | (CommonArgs & { command: 'model' })
  | (CommonArgs & { command: 'export'; target: ExportTarget })
  | (CommonArgs & { command: 'init'; dryRun: boolean });

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Every option of every command (node's parser reads them all; each command then accepts its own). */
const ALL: Options = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  root: { type: 'string' },
  'output-file': { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  'max-warnings': { type: 'string' },
  'changed-since': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  z: { type: 'boolean', short: 'z' },
  json: { type: 'boolean' },
  stdin: { type: 'boolean' },
  explain: { type: 'boolean' },
  unowned: { type: 'boolean' },
  'catch-all-unowned': { type: 'boolean' },
  coverage: { type: 'boolean' },
  'min-coverage': { type: 'string' },
  'group-by': { type: 'string' },
  collapse: { type: 'string' },
  focus: { type: 'string' },
  depth: { type: 'string' },
  'all-dependencies': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
};

const COMMON = ['help', 'root', 'output-file'];
const ACCEPTS: Record<CommandName, readonly string[]> = {
  check: [...COMMON, 'format', 'max-warnings', 'changed-since', 'quiet', 'no-error-on-unmatched-pattern', 'z'],
  owners: [...COMMON, 'format', 'json', 'stdin', 'z', 'explain', 'unowned', 'catch-all-unowned', 'coverage', 'min-coverage'],
  diagram: [...COMMON, 'format', 'group-by', 'collapse', 'focus', 'depth', 'all-dependencies'],
  summary: [...COMMON, 'format'],
  model: [...COMMON],
  export: [...COMMON],
  init: [...COMMON, 'dry-run'],
};

const CHOICES: Partial<Record<CommandName, Record<string, readonly string[]>>> = {
  check: { format: ['text', 'json', 'sarif', 'gitlab', 'github', 'md'] },
  owners: { format: ['text', 'json', 'ndjson'] },
  diagram: { format: ['mmd', 'md'], 'group-by': ['auto', 'system', 'team', 'folder', 'none'], collapse: ['auto', 'none', 'all'], depth: ['1', '2'] },
  summary: { format: ['md', 'json'] },
};

const TAKES_PATHS: Record<CommandName, boolean> = { check: true, owners: true, diagram: false, summary: false, model: false, export: true, init: false };
const EXPORT_TARGETS: readonly ExportTarget[] = ['backstage'];

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** `--name` or `-n` as the user wrote it. */
function spelled(token: { rawName: string }): string {
  return token.rawName;
}

/** node's parser's message, as one line that names the option the way ESLint's do. */
function usageFrom(error: unknown): UsageError {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  // "Option '-f, --format <value>' argument missing": name the long spelling.
  const option = /--[\w-]+/.exec(message)?.[0] ?? /'(-\w)/.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new UsageError(`unknown option '${option}'`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return new UsageError(message.includes('does not take') ? `option '${option}' takes no value` : `option '${option}' needs a value`);
  }
  return new UsageError(message.split('\n')[0]);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: ALL, strict: true, allowPositionals: true, tokens: true });
  } catch (e) {
    throw usageFrom(e);
  }
  const { tokens } = parsed;
  // The command is the first positional before `--` (options may come before it: `northstar --root x check`).
  const commandToken = tokens.find((t) => t.kind === 'positional');
  const first = commandToken?.kind === 'positional' ? commandToken.value : null;
  const options = tokens.filter((t) => t.kind === 'option');
  const positionals = tokens.filter((t) => t.kind === 'positional' && t !== commandToken).map((t) => (t.kind === 'positional' ? t.value : ''));

  if (first === 'help') {
    if (positionals.length === 0) return { command: 'help', topic: null };
    if (positionals.length === 1 && isCommand(positionals[0])) return { command: 'help', topic: positionals[0] };
    throw new UsageError(`unknown help topic '${positionals[0]}'`);
  }
  const version = options.find((t) => t.name === 'version');
  const help = options.some((t) => t.name === 'help');
  if (first === null) {
    if (version && !help) {
      if (options.length > 1) throw new UsageError(`unexpected option '${spelled(options.find((t) => t !== version)!)}' with --version`);
      return { command: 'version' };
    }
    if (help || options.length === 0) return { command: 'help', topic: null };
    throw new UsageError(`expected a command (try 'northstar --help')`);
  }
  if (!isCommand(first)) throw new UsageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);
  const command = first;
  if (version) throw new UsageError(`unexpected argument '${first}' after --version`);
  if (help) return { command: 'help', topic: command };

  const values = new Map<string, string | true>();
  for (const t of options) {
    if (t.kind !== 'option') continue;
    if (!ACCEPTS[command].includes(t.name)) throw new UsageError(`unknown option '${spelled(t)}' for '${command}'`);
    if (values.has(t.name)) throw new UsageError(`option '--${t.name}' given twice`);
    const value = t.value ?? true;
    if (value === '') throw new UsageError(`option '--${t.name}' needs a value`);
    const choices = CHOICES[command]?.[t.name];
    if (choices && typeof value === 'string' && !choices.includes(value)) {
      throw new UsageError(`invalid value '${value}' for '--${t.name}' (expected ${choices.join(', ')})`);
    }
    values.set(t.name, value);
  }
  if (positionals.length > 0 && !TAKES_PATHS[command]) {
    throw new UsageError(`unexpected argument '${positionals[0]}' for '${command}'`);
  }

  const str = (name: string): string | null => {
    const v = values.get(name);
    return typeof v === 'string' ? v : null;
  };
  const flag = (name: string): boolean => values.get(name) === true;
  const common: CommonArgs = { root: str('root'), outputFile: str('output-file') };
  // `-` reads paths from standard input (once); `--` before it makes it a file named `-`.
  const endAt = tokens.findIndex((t) => t.kind === 'option-terminator');
  const dashToken = tokens.find((t, i) => t.kind === 'positional' && t !== commandToken && t.value === '-' && (endAt < 0 || i < endAt));
  const paths = tokens.filter((t) => t.kind === 'positional' && t !== commandToken && t !== dashToken).map((t) => (t.kind === 'positional' ? t.value : ''));
  const pathArgs: PathArgs = { paths, stdin: dashToken !== undefined, nul: flag('z') };
  switch (command) {
    case 'check': {
      let maxWarnings = -1;
      const raw = str('max-warnings');
      if (raw !== null) {
        if (!/^-?\d+$/.test(raw) || Number(raw) < -1 || !Number.isSafeInteger(Number(raw))) {
          throw new UsageError(`invalid value '${raw}' for '--max-warnings' (expected a whole number, -1 for no limit)`);
        }
        maxWarnings = Number(raw);
      }
      if (pathArgs.nul && !pathArgs.stdin) throw new UsageError("'-z' applies to paths read from standard input: give '-' as a PATH");
      return {
        command,
        ...common,
        ...pathArgs,
        format: (str('format') ?? 'text') as CheckFormatName,
        maxWarnings,
        changedSince: str('changed-since'),
        quiet: flag('quiet'),
        errorOnUnmatched: !flag('no-error-on-unmatched-pattern'),
      };
    }
    case 'owners': {
      const stdin = pathArgs.stdin || flag('stdin');
      const unowned = flag('unowned');
      const coverage = flag('coverage') || str('min-coverage') !== null;
      if (flag('json') && str('format') !== null && str('format') !== 'json') throw new UsageError(`'--json' and '--format ${str('format')}' disagree`);
      if (pathArgs.paths.length === 0 && !stdin && !unowned && !coverage) {
        throw new UsageError("'owners' needs at least one PATH, '-' (or --stdin), --unowned or --coverage");
      }
      if (pathArgs.nul && !stdin) throw new UsageError("'-z' applies to paths read from standard input: give '-' as a PATH");
      if (flag('catch-all-unowned') && !unowned && !coverage) throw new UsageError("'--catch-all-unowned' goes with --unowned or --coverage");
      let minCoverage: number | null = null;
      const rawMin = str('min-coverage');
      if (rawMin !== null) {
        minCoverage = Number(rawMin);
        if (!/^\d+(?:\.\d+)?$/.test(rawMin) || minCoverage > 100) throw new UsageError(`invalid value '${rawMin}' for '--min-coverage' (expected a percentage, 0 to 100)`);
      }
      return {
        command,
        ...common,
        ...pathArgs,
        stdin,
        format: flag('json') ? 'json' : ((str('format') ?? 'text') as OwnersFormatName),
        explain: flag('explain'),
        unowned,
        catchAllUnowned: flag('catch-all-unowned'),
        coverage,
        minCoverage,
      };
    }
    case 'diagram':
      if (str('depth') !== null && str('focus') === null) throw new UsageError("'--depth' goes with --focus MODULE");
      return {
        command,
        ...common,
        format: (str('format') ?? 'mmd') as DiagramFormatName,
        groupBy: (str('group-by') ?? 'auto') as GroupByName,
        collapse: (str('collapse') ?? 'auto') as CollapseName,
        focus: str('focus'),
        depth: str('depth') === '2' ? 2 : 1,
        allDependencies: flag('all-dependencies'),
      };
    case 'summary':
      return { command, ...common, format: (str('format') ?? 'md') as SummaryFormatName };
    case 'model':
      return { command, ...common };
    case 'export': {
      if (pathArgs.paths.length !== 1 || pathArgs.stdin) throw new UsageError(`'export' needs one target (${EXPORT_TARGETS.join(', ')})`);
      const target = pathArgs.paths[0];
      if (!(EXPORT_TARGETS as readonly string[]).includes(target)) throw new UsageError(`unknown export target '${target}' (expected ${EXPORT_TARGETS.join(', ')})`);
      return { command, ...common, target: target as ExportTarget };
    }
    case 'init':
      return { command, ...common, dryRun: flag('dry-run') };
  }
}

export const USAGE: Record<CommandName | 'main', string> = {
  main: `Usage: northstar [options] <command> [options]

Commands:
  check     Report findings (text, json, sarif, gitlab, github); exit 1 on errors
  owners    Who owns each path, which CODEOWNERS line decided; unowned files; coverage
  diagram   Print the architecture diagram as Mermaid source
  summary   Print the vision summary (Markdown or JSON)
  model     Print the resolved workspace model as JSON
  export    Write Backstage entities for what no catalog file describes
  init      Start teams.yaml, vision.yaml and service contracts from what the workspace has

Options (every command):
  --root DIR              Workspace root (default: the current directory)
  -o, --output-file FILE  Write the output to FILE (UTF-8) instead of standard output
  -h, --help              Show help (also: northstar help <command>)
  -v, --version           Show the version

Exit codes: 0 success, 1 findings over the limit (or coverage under --min-coverage),
2 bad usage, a PATH that matches nothing, or an unreadable root.
`,
  check: `Usage: northstar check [--root DIR] [-f text|json|sarif|gitlab|github|md] [-o FILE] [--max-warnings N] [--changed-since REF] [--quiet] [PATH... | - [-z]]

Report the workspace's findings. With PATHs, only findings in those files or folders.
  -f, --format FORMAT   text (default), json, sarif (SARIF 2.1.0), gitlab (Code Quality) or
                        github (annotations; every finding in $GITHUB_STEP_SUMMARY when set) or
                        md (a pull-request report per touched module: reviewers, team, level, findings)
  --max-warnings N      exit 1 when there are more than N warnings (default: no limit)
  --changed-since REF   only findings of modules touched since the git revision REF
  -q, --quiet           report errors only
  -                     read PATHs from standard input, one per line (-z: NUL-separated)
  --no-error-on-unmatched-pattern
                        a PATH that holds no file of the workspace is not an error
Text is coloured on a terminal (NO_COLOR turns it off, FORCE_COLOR on).
Exit 1 when any finding is an error or warnings exceed --max-warnings, else 0.
`,
  owners: `Usage: northstar owners [--root DIR] [-f text|json|ndjson] [--explain] PATH... | - [-z]
       northstar owners --unowned [--catch-all-unowned] [-f text|json|ndjson]
       northstar owners --coverage [--catch-all-unowned] [--min-coverage PERCENT]

Show the owners of each path (which need not exist), the CODEOWNERS line that decided
(for GitLab, each section's, with its approvals) and the module.
  -f, --format FORMAT   text (default), json (an array) or ndjson (one entry a line, streamed)
  --json                the same as --format json
  --explain             also the earlier matching lines each deciding line overrode
  -, --stdin            read paths from standard input, one per line (-z: NUL-separated)
  --unowned             list the workspace's files no CODEOWNERS line owns
  --catch-all-unowned   count a file only a catch-all line (*, **, /**) owns as unowned
  --coverage            print the share of files and of modules that have owners
  --min-coverage P      exit 1 when under P percent of the files have owners
`,
  diagram: `Usage: northstar diagram [--root DIR] [-f mmd|md] [--group-by auto|system|team|folder|none] [--collapse auto|none|all] [--focus MODULE [--depth 1|2]] [--all-dependencies]

Print the architecture diagram as a Mermaid flowchart.
  -f, --format FORMAT mmd (default: Mermaid source) or md (a Markdown page: the overview,
                    then a mermaid code block per group, each within GitHub's limits)
  --group-by KEY    auto (default: declared systems, else the folder structure, else
                    teams; a %% comment says which and why), system, team, folder or none
  --collapse MODE   auto (default: collapse groups above 60 modules), none or all
  --focus MODULE    only MODULE, its dependencies and dependents, and the edges that touch it
  --depth 1|2       with --focus: 2 adds the dependencies of its dependencies and the
                    dependents of its dependents, and the edges that lead to them
  --all-dependencies  also draw dev, peer and optional dependencies (dotted, labelled
                    with their kind); by default only runtime and declared ones
`,
  summary: `Usage: northstar summary [--root DIR] [-f md|json]

Print the vision summary: priorities and their metrics, coverage, capacity, gaps per team.
`,
  model: `Usage: northstar model [--root DIR]

Print the resolved workspace model as JSON.
`,
  export: `Usage: northstar export backstage [--root DIR] [-o FILE]

Write Backstage catalog entities (YAML) for the modules and teams no catalog-info.yaml
describes: a Component per module (owned by its team; its scorecard level and missing
criteria as northstar.dev/* annotations), a Group per team (github.com/team-slug for
@org/team handles), a User per person. Modules without a team are left out and counted.
`,
  init: `Usage: northstar init [--root DIR] [--dry-run]

Start the files Northstar reads, from what the workspace already has; an existing file is
never overwritten:
  teams.yaml              the teams CODEOWNERS, Backstage groups and module owners name,
                          with the escalation paths the catalog gives (else a template)
  vision.yaml             three priorities to complete, each with an outcome metric
  service-contract.yaml   for each module known only from its manifest (name, description,
                          owner by CODEOWNERS, dependencies, tests found)
  --dry-run               list what would be created, and create nothing
`,
};
