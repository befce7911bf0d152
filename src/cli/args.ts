/**
 * Command-line parsing. Strict, as users of ESLint expect: an unknown command or option, a
 * missing or bad value is a usage error (exit 2) with a one-line message. Both
 * `--opt value` and `--opt=value` are accepted; `--` ends the options.
 */

export type CommandName = 'check' | 'owners' | 'diagram' | 'summary' | 'model';
export const COMMANDS: readonly CommandName[] = ['check', 'owners', 'diagram', 'summary', 'model'];

export type CheckFormatName = 'text' | 'json' | 'sarif' | 'gitlab';
export type SummaryFormatName = 'md' | 'json';
export type GroupByName = 'system' | 'team' | 'folder' | 'none';
export type CollapseName = 'auto' | 'none' | 'all';

export interface CommonArgs {
  /** As given (relative to the current directory), or null for the current directory. */
  root: string | null;
}

export type ParsedArgs =
  | { command: 'help'; topic: CommandName | null }
  | { command: 'version' }
  | (CommonArgs & {
      command: 'check';
      format: CheckFormatName;
      /** -1 = no limit. */
      maxWarnings: number;
      changedSince: string | null;
      paths: string[];
    })
  | (CommonArgs & { command: 'owners'; json: boolean; stdin: boolean; paths: string[] })
  | (CommonArgs & { command: 'diagram'; groupBy: GroupByName; collapse: CollapseName; focus: string | null; allDependencies: boolean })
  | (CommonArgs & { command: 'summary'; format: SummaryFormatName })
  | (CommonArgs & { command: 'model' });

export class UsageError extends Error {}

interface OptionSpec {
  /** Takes a value. */
  value: boolean;
  choices?: readonly string[];
}

const COMMON: Record<string, OptionSpec> = { root: { value: true } };

const OPTIONS: Record<CommandName, Record<string, OptionSpec>> = {
  check: {
    ...COMMON,
    format: { value: true, choices: ['text', 'json', 'sarif', 'gitlab'] },
    'max-warnings': { value: true },
    'changed-since': { value: true },
  },
  owners: { ...COMMON, json: { value: false }, stdin: { value: false } },
  diagram: {
    ...COMMON,
    'group-by': { value: true, choices: ['system', 'team', 'folder', 'none'] },
    collapse: { value: true, choices: ['auto', 'none', 'all'] },
    focus: { value: true },
    'all-dependencies': { value: false },
  },
  summary: { ...COMMON, format: { value: true, choices: ['md', 'json'] } },
  model: { ...COMMON },
};

const TAKES_PATHS: Record<CommandName, boolean> = { check: true, owners: true, diagram: false, summary: false, model: false };

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.length === 0) return { command: 'help', topic: null };
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') return { command: 'help', topic: null };
  if (first === '--version' || first === '-v') {
    if (rest.length > 0) throw new UsageError(`unexpected argument '${rest[0]}' after --version`);
    return { command: 'version' };
  }
  if (first === 'help') {
    if (rest.length === 0) return { command: 'help', topic: null };
    if (rest.length === 1 && isCommand(rest[0])) return { command: 'help', topic: rest[0] };
    throw new UsageError(`unknown help topic '${rest[0]}'`);
  }
  if (first.startsWith('-')) throw new UsageError(`expected a command before '${first}' (try 'northstar --help')`);
  if (!isCommand(first)) throw new UsageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);
  const command = first;
  const specs = OPTIONS[command];

  const values = new Map<string, string | true>();
  const positionals: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (optionsEnded || !arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (arg === '--help' || arg === '-h') return { command: 'help', topic: command };
    if (!arg.startsWith('--')) throw new UsageError(`unknown option '${arg}' for '${command}'`);
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const spec = specs[name];
    if (!spec) throw new UsageError(`unknown option '--${name}' for '${command}'`);
    if (values.has(name)) throw new UsageError(`option '--${name}' given twice`);
    if (!spec.value) {
      if (eq >= 0) throw new UsageError(`option '--${name}' takes no value`);
      values.set(name, true);
      continue;
    }
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= rest.length) throw new UsageError(`option '--${name}' needs a value`);
      value = rest[++i];
    }
    if (value === '') throw new UsageError(`option '--${name}' needs a value`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`invalid value '${value}' for '--${name}' (expected ${spec.choices.join(', ')})`);
    }
    values.set(name, value);
  }
  if (positionals.length > 0 && !TAKES_PATHS[command]) {
    throw new UsageError(`unexpected argument '${positionals[0]}' for '${command}'`);
  }

  const str = (name: string): string | null => {
    const v = values.get(name);
    return typeof v === 'string' ? v : null;
  };
  const root = str('root');
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
      return {
        command,
        root,
        format: (str('format') ?? 'text') as CheckFormatName,
        maxWarnings,
        changedSince: str('changed-since'),
        paths: positionals,
      };
    }
    case 'owners': {
      const stdin = values.get('stdin') === true;
      if (positionals.length === 0 && !stdin) throw new UsageError("'owners' needs at least one PATH, or --stdin");
      return { command, root, json: values.get('json') === true, stdin, paths: positionals };
    }
    case 'diagram':
      return {
        command,
        root,
        groupBy: (str('group-by') ?? 'system') as GroupByName,
        collapse: (str('collapse') ?? 'auto') as CollapseName,
        focus: str('focus'),
        allDependencies: values.get('all-dependencies') === true,
      };
    case 'summary':
      return { command, root, format: (str('format') ?? 'md') as SummaryFormatName };
    case 'model':
      return { command, root };
  }
}

export const USAGE: Record<CommandName | 'main', string> = {
  main: `Usage: northstar <command> [options]

Commands:
  check     Report findings (text, json, sarif, gitlab); exit 1 on errors
  owners    Show who owns each path and which CODEOWNERS line decided
  diagram   Print the architecture diagram as Mermaid source
  summary   Print the vision summary (Markdown or JSON)
  model     Print the resolved workspace model as JSON

Options:
  --root DIR   Workspace root (default: the current directory)
  -h, --help   Show help (also: northstar help <command>)
  --version    Show the version

Exit codes: 0 success, 1 findings over the limit, 2 bad usage or unreadable root.
`,
  check: `Usage: northstar check [--root DIR] [--format text|json|sarif|gitlab] [--max-warnings N] [--changed-since REF] [PATH...]

Report the workspace's findings. With PATHs, only findings in those files or folders.
  --format FORMAT       text (default), json, sarif (SARIF 2.1.0) or gitlab (Code Quality)
  --max-warnings N      exit 1 when there are more than N warnings (default: no limit)
  --changed-since REF   only findings of modules touched since the git revision REF
Exit 1 when any finding is an error or warnings exceed --max-warnings, else 0.
`,
  owners: `Usage: northstar owners [--root DIR] [--json] PATH... | --stdin

Show the owners of each path (which need not exist), the CODEOWNERS line that decided,
the lines it overrode, and the module. --stdin reads paths one per line.
`,
  diagram: `Usage: northstar diagram [--root DIR] [--group-by system|team|folder|none] [--collapse auto|none|all] [--focus MODULE] [--all-dependencies]

Print the architecture diagram as a Mermaid flowchart.
  --group-by KEY    group modules in subgraphs (default: system)
  --collapse MODE   auto (default: collapse groups above 60 modules), none or all
  --focus MODULE    only MODULE and its direct neighbours
  --all-dependencies  also draw dev, peer and optional dependencies (dotted, labelled
                    with their kind); by default only runtime and declared ones
`,
  summary: `Usage: northstar summary [--root DIR] [--format md|json]

Print the vision summary: priorities and their metrics, coverage, capacity, gaps per team.
`,
  model: `Usage: northstar model [--root DIR]

Print the resolved workspace model as JSON.
`,
};
