/**
 * The reporters: pure functions from analysis results to text. `checkFormatters` maps each
 * `check --format` to its reporter, as dependency-cruiser's report/index does.
 */
import type { Finding } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { formatGitlab } from './gitlab';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatText } from './text';

export * from './types';
export { buildCheckOutput, checkSummary, countSeverities, formatJson, toCheckFinding } from './json';
export { formatText } from './text';
export { buildSarif, formatSarif, sarifLevel, toRelativeUri, SARIF_SCHEMA_URL, NORTHSTAR_URL } from './sarif';
export { buildGitlab, formatGitlab, gitlabSeverity } from './gitlab';
export { buildOwnersEntry, formatOwnersJson, formatOwnersText } from './owners';
export { buildSummary, summaryMarkdown, escapeMarkdown, metricProgress } from './summary';
export { buildDiagram, escapeMermaidLabel, LEVEL_CLASS, DEFAULT_MAX_EDGES, DEFAULT_MAX_GROUPS, DEFAULT_MAX_MODULES } from './mermaid';
export type { DiagramOptions, DiagramFilter } from './mermaid';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'gitlab';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'gitlab'];

export interface CheckReportInput {
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
  /** Modules in the model (for the JSON summary). */
  modules: number;
  version?: string;
  /** Fingerprint hash for GitLab, injected by the adapter (SHA-256 from node:crypto in the CLI). */
  hash: (text: string) => string;
}

export const checkFormatters: Record<CheckFormat, (input: CheckReportInput) => string> = {
  text: (i) => formatText(i.findings),
  json: (i) => formatJson(i.findings, i.modules),
  sarif: (i) => formatSarif(i.findings, i.rules, { version: i.version }),
  gitlab: (i) => formatGitlab(i.findings, i.hash),
};
