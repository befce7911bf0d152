/**
 * The rule run: severities, silencing, and rule errors as findings.
 */
import { sameData } from '../build/share';
import { compileGlobs } from '../glob';
import { ruleMatches } from '../model/ruleConfig';
import type { CodeownersRule, Draft, Finding, Module, OwnerMatch, Severity } from '../model/types';
import type { DisableComment } from '../sources/types';
import { compareStrings } from '../walk';
import { RULES } from './index';
import type { ReportInput, Rule, RuleContext, RuleInput } from './rule';

/**
 * What the rules that name `reads` reported at their last run, and on which inputs (per module,
 * keyed by the module object, for a per-module rule): kept by the analyzer between snapshots.
 */
export type RuleCarry = Map<
  string,
  {
    inputs: readonly unknown[];
    reports: readonly ReportInput[];
    byModule?: WeakMap<Module, readonly ReportInput[]>;
    /** The CODEOWNERS answer each module's reports were made with (Rule.codeownersFileOf). */
    answers?: WeakMap<Module, CodeownersAnswer>;
    modules?: readonly Module[];
  }
>;

/** What a rule may read of an `ownersOf` answer (Rule.codeownersFileOf). */
interface CodeownersAnswer {
  owners: readonly string[];
  rules: readonly CodeownersRule[];
}

function sameAnswer(before: CodeownersAnswer | undefined, now: OwnerMatch): boolean {
  return before !== undefined && sameData(before.owners, now.owners) && sameData(before.rules, now.rules);
}

/**
 * The finding each kept report became at the last run (null: silenced), while what decides that
 * is the same: the configuration, `.northstar.yaml`, the disable comments and which modules are
 * samples. A kept report is then the same Finding object again, not a new one per update.
 */
export interface FindingCarry {
  key?: readonly unknown[];
  byReport?: WeakMap<ReportInput, Finding | null>;
}

export interface RunInput extends Omit<RuleContext, 'report'> {
  disables: readonly DisableComment[];
  log: (line: string) => void;
  /** The root is a subfolder and the repository root's CODEOWNERS applies: whole-repository rules do not run. */
  subfolder: boolean;
  /** Gives the event loop a turn when due (between rules). */
  pause: () => Promise<void> | null;
  /** The previous run's reports of the rules that name `reads` (updated here); none: every rule runs. */
  carry?: RuleCarry;
  /** The findings those reports became (updated here). */
  findingCarry?: FindingCarry;
}

/** Is this rule on for this snapshot (severity not `off`, its preconditions met)? */
export function ruleRuns(rule: Rule, input: Pick<RunInput, 'config' | 'subfolder' | 'visionFile'>): boolean {
  const severity = input.config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
  if (severity === 'off') return false;
  if (rule.meta.wholeRepository && input.subfolder) return false;
  if (rule.meta.requiresVision && !input.visionFile) return false;
  return true;
}

/**
 * Longest finding message. Messages quote names from the workspace; a name of 100,000
 * characters in each of 10,000 findings would make a gigabyte of output.
 */
export const MAX_MESSAGE_LENGTH = 1000;

function boundedMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  let end = MAX_MESSAGE_LENGTH - 1;
  // Never cut a surrogate pair in half.
  const code = message.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return message.slice(0, end) + '…';
}

/**
 * Run every rule that is on, in registry order: severities from the configuration, findings
 * silenced by `northstar-disable` comments and `ignore` entries, a rule that throws becomes an
 * `internal/rule-error` finding and the others still run.
 */
const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export async function runRules(input: RunInput): Promise<Finding[]> {
  const { config, disables, log, subfolder: _subfolder, pause, carry, findingCarry = {}, ...context } = input;
  const findings: Finding[] = [];
  const silenced = new Map<string, Map<number, string[]>>();
  for (const d of disables) {
    const lines = silenced.get(d.file) ?? new Map<number, string[]>();
    lines.set(d.line, [...(lines.get(d.line) ?? []), ...(d.rules.length === 0 ? ['*'] : d.rules)]);
    silenced.set(d.file, lines);
  }
  const ignores = config.ignore.map((i) => ({
    rule: i.rule,
    paths: i.paths.length > 0 ? compileGlobs(i.paths) : () => true,
  }));
  // Examples and samples: their quality and observability findings at most at `samples.severity`.
  const samples = new Set(input.model.modules.filter((m) => m.type === 'sample').map((m) => m.name));
  const capsSamples = (id: string) => id.startsWith('quality/') || id.startsWith('observability/');
  const findingKey = [config, input.configFile, JSON.stringify(disables), [...samples].join('\n')];
  if (!findingCarry.byReport || !findingCarry.key || findingKey.some((value, i) => value !== findingCarry.key![i])) {
    findingCarry.key = findingKey;
    findingCarry.byReport = new WeakMap();
  }
  const byReport = findingCarry.byReport;

  for (const rule of RULES) {
    const id = rule.meta.id;
    if (!ruleRuns(rule, input)) continue;
    const severity = (config.rules[id] ?? rule.meta.defaultSeverity) as Severity;
    await pause();
    const report = (r: ReportInput) => {
      let finding = byReport.get(r);
      if (finding === undefined) byReport.set(r, (finding = findingOf(r)));
      if (finding) findings.push(finding);
    };
    const findingOf = (r: ReportInput): Finding | null => {
      const loc = r.location;
      const lines = silenced.get(loc.file)?.get(loc.line);
      if (lines && (lines.includes('*') || lines.includes(id))) return null;
      // Findings about .northstar.yaml itself are never silenced by its own ignore list.
      if (loc.file !== input.configFile?.file && ignores.some((i) => ruleMatches(i.rule, id) && i.paths(loc.file))) return null;
      const finding: Draft<Finding> = {
        ruleId: id,
        severity:
          r.severity && SEVERITY_RANK[r.severity] < SEVERITY_RANK[severity]
            ? r.severity
            : r.atLeast && config.rules[id] === undefined && SEVERITY_RANK[r.atLeast] > SEVERITY_RANK[severity]
              ? r.atLeast
              : severity,
        message: boundedMessage(r.message),
        file: loc.file,
        line: loc.line,
        column: loc.column,
        endLine: loc.endLine,
        endColumn: loc.endColumn,
        module: r.module ?? null,
      };
      const fixes = r.fixes ?? (r.fix ? [r.fix] : []);
      if (fixes.length > 0) finding.fix = fixes[0];
      if (fixes.length > 1) finding.moreFixes = fixes.slice(1);
      if (r.related && r.related.length > 0) finding.related = r.related;
      if (finding.module !== null && samples.has(finding.module) && capsSamples(id)) {
        const cap = config.samples.severity;
        if (cap === 'off') return null;
        if (SEVERITY_RANK[cap] < SEVERITY_RANK[finding.severity]) finding.severity = cap;
      }
      return finding;
    };
    const reads = rule.meta.reads;
    const inputs = reads?.map((name: RuleInput) => (name === 'config' ? config : context[name]));
    const kept = carry?.get(id);
    const fields = rule.meta.moduleFields;
    if (
      inputs &&
      kept &&
      !rule.checkModule &&
      inputs.every((value, i) => value === kept.inputs[i]) &&
      (!fields || (kept.modules !== undefined && sameInFields(kept.modules, input.model.modules, fields)))
    ) {
      for (const r of kept.reports) report(r);
      continue;
    }
    carry?.delete(id);
    try {
      if (inputs && carry && rule.checkModule) {
        // Per module: a module that is the same object as before, with the same inputs, keeps its
        // findings; after a CODEOWNERS edit, also the same answer for the one file it asks about.
        const fileOf = rule.codeownersFileOf?.bind(rule);
        const at = reads!.indexOf('codeowners');
        const same = (value: unknown, i: number) =>
          value === kept!.inputs[i] || (fileOf !== undefined && i === at && (value === null) === (kept!.inputs[i] === null));
        const keep = kept?.byModule !== undefined && inputs.every(same);
        const byModule = keep ? kept.byModule! : new WeakMap<Module, readonly ReportInput[]>();
        const answers = keep && kept.answers ? kept.answers : new WeakMap<Module, CodeownersAnswer>();
        const askAgain = keep && fileOf !== undefined && inputs[at] !== kept.inputs[at];
        // One context for every module; its report records into the module's list.
        let recorded: ReportInput[] = [];
        const moduleContext: RuleContext = { ...context, config, report: (r) => recorded.push(r) };
        for (const module of input.model.modules) {
          let reports = byModule.get(module);
          if (reports !== undefined && askAgain) {
            const file = fileOf(module);
            if (file !== null && !sameAnswer(answers.get(module), context.ownersOf(file))) reports = undefined;
          }
          if (reports === undefined) {
            recorded = [];
            rule.checkModule(moduleContext, module);
            byModule.set(module, (reports = recorded));
            const file = fileOf?.(module) ?? null;
            if (file !== null) {
              const { owners, rules } = context.ownersOf(file);
              answers.set(module, { owners, rules });
            }
          }
          for (const r of reports) report(r);
        }
        carry.set(id, fileOf ? { inputs, reports: [], byModule, answers } : { inputs, reports: [], byModule });
      } else if (inputs && carry) {
        const reports: ReportInput[] = [];
        rule.check({
          ...context,
          config,
          report: (r) => {
            reports.push(r);
            report(r);
          },
        });
        carry.set(id, fields ? { inputs, reports, modules: input.model.modules } : { inputs, reports });
      } else {
        rule.check({ ...context, config, report });
      }
    } catch (error) {
      const message = `Rule ${id} failed: ${error instanceof Error ? error.message : String(error)}. The other rules ran.`;
      log(`northstar: ${message}`);
      const errSeverity = config.rules['internal/rule-error'] ?? 'error';
      if (errSeverity !== 'off') {
        findings.push({
          ruleId: 'internal/rule-error',
          severity: errSeverity,
          message,
          file: input.configFile?.file ?? '',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 1,
          module: null,
        });
      }
    }
  }
  findings.sort(compareFindings);
  return findings;
}

/** The same modules, or as many in the same folders, each equal in `fields` to the one before. */
function sameInFields(before: readonly Module[], now: readonly Module[], fields: readonly (keyof Module)[]): boolean {
  if (before === now) return true;
  if (before.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    const a = before[i];
    const b = now[i];
    if (a === b) continue;
    if (a.path !== b.path) return false;
    for (const field of fields) if (!sameData(a[field], b[field])) return false;
  }
  return true;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message)
  );
}

