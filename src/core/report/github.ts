/**
 * `check --format github`: GitHub Actions workflow commands (`::error file=…,line=…::message`),
 * for repositories without code scanning (private ones on plans without GitHub Advanced
 * Security). GitHub shows at most 10 error, 10 warning and 10 notice annotations per step and
 * drops the rest, so the most severe 10 of each are annotations and every finding is listed in a
 * Markdown table for the job summary (`$GITHUB_STEP_SUMMARY`, appended by the CLI).
 *
 * Escaping follows the runner's own (actions/toolkit `command.ts`): in the message `%`, CR and
 * LF are percent-encoded; in properties `:` and `,` too. A message cannot end the command early
 * or start a new one.
 */
import type { Finding, Severity } from '../model/types';
import { escapeMarkdown } from './escape';
import { repositoryPath } from './identity';
import { countSeverities } from './json';
import type { Write } from './stream';

/** Annotations GitHub keeps per step and level. */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;
/** Rows of the summary table (the step summary holds at most 1 MiB). */
export const GITHUB_SUMMARY_ROWS = 1000;

const LEVEL: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };
const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Most severe first, then by file and line: the order annotations are chosen in. */
function bySeverity(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column);
}

/** `prefix`: the root's folder inside the repository ('' at its top), so GitHub finds the file. */
export function writeGithubAnnotations(findings: readonly Finding[], write: Write, prefix = ''): { annotated: number; rest: number } {
  const used: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let annotated = 0;
  for (const f of bySeverity(findings)) {
    if (used[f.severity] >= GITHUB_ANNOTATIONS_PER_LEVEL) continue;
    used[f.severity]++;
    annotated++;
    const file = repositoryPath(f.file, prefix);
    const props = [
      `file=${escapeProperty(file)}`,
      `line=${f.line}`,
      ...(f.endLine !== f.line ? [`endLine=${f.endLine}`] : [`col=${f.column}`, `endColumn=${f.endColumn}`]),
      `title=${escapeProperty(`Northstar ${f.ruleId}`)}`,
    ];
    write(`::${LEVEL[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`);
  }
  const rest = findings.length - annotated;
  if (rest > 0) write(`Northstar: ${annotated} of ${findings.length} findings are annotations (GitHub keeps ${GITHUB_ANNOTATIONS_PER_LEVEL} of each level a step); all of them are in the job summary.\n`);
  return { annotated, rest };
}

/** The job summary: counts, then every finding (up to GITHUB_SUMMARY_ROWS), most severe first. */
export function githubSummaryMarkdown(findings: readonly Finding[], prefix = ''): string {
  const c = countSeverities(findings);
  const out = [`### Northstar: ${c.errors} errors, ${c.warnings} warnings, ${c.infos} notes`, ''];
  if (findings.length === 0) return `${out[0]}\n\nNo problems found.\n`;
  out.push('| Severity | Location | Rule | Message |', '|---|---|---|---|');
  const sorted = bySeverity(findings);
  // escapeMarkdown keeps a cell on one line and escapes `|`, which would end it.
  const cell = escapeMarkdown;
  for (const f of sorted.slice(0, GITHUB_SUMMARY_ROWS)) {
    const file = repositoryPath(f.file, prefix);
    out.push(`| ${f.severity} | ${cell(file)}:${f.line}:${f.column} | ${cell(f.ruleId)} | ${cell(f.message)} |`);
  }
  if (sorted.length > GITHUB_SUMMARY_ROWS) out.push('', `_${sorted.length - GITHUB_SUMMARY_ROWS} more not listed; \`northstar check\` prints them all._`);
  return out.join('\n') + '\n';
}
