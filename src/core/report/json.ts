/** `check --format json`: the findings and a summary, in the exact published shape. */
import type { Finding, Severity } from '../model/types';
import { collect, lazyMap, writeJson, type Write } from './stream';
import type { CheckFinding, CheckOutput, CheckSummary } from './types';

export function toCheckFinding(finding: Finding): CheckFinding {
  // Listed field by field so that `fix` and anything added to Finding later stay out.
  const out: CheckFinding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    module: finding.module,
  };
  if (finding.related && finding.related.length > 0) {
    out.related = finding.related.map((r) => ({ file: r.file, line: r.line, column: r.column, endLine: r.endLine, endColumn: r.endColumn }));
  }
  return out;
}

export function countSeverities(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return { errors: counts.error, warnings: counts.warning, infos: counts.info };
}

export function checkSummary(findings: readonly Finding[], modules: number): CheckSummary {
  return { ...countSeverities(findings), modules, files: new Set(findings.map((f) => f.file)).size };
}

export function buildCheckOutput(findings: readonly Finding[], modules: number): CheckOutput {
  return { findings: findings.map(toCheckFinding), summary: checkSummary(findings, modules) };
}

/** `formatJson` in pieces: the findings are converted one at a time as they are written. */
export function writeJsonReport(findings: readonly Finding[], modules: number, write: Write): void {
  writeJson({ findings: lazyMap(findings, toCheckFinding), summary: checkSummary(findings, modules) }, write, { walkDepth: 2 });
  write('\n');
}

export function formatJson(findings: readonly Finding[], modules: number): string {
  return collect((write) => writeJsonReport(findings, modules, write));
}
