/**
 * The reporters: pure functions from analysis results to text. `checkFormatters` maps each
 * `check --format` to its reporter, as dependency-cruiser's report/index does.
 */
import type { Finding } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { writeGitlab } from './gitlab';
import { writeJsonReport } from './json';
import { writeSarif } from './sarif';
import { collect, type Write } from './stream';
import { writeText } from './text';

export * from './types';
export { buildCheckOutput, checkSummary, countSeverities, formatJson, toCheckFinding, writeJsonReport } from './json';
export { formatText, writeText } from './text';
export { buildSarif, formatSarif, writeSarif, sarifLevel, toRelativeUri, SARIF_SCHEMA_URL, NORTHSTAR_URL } from './sarif';
export { buildGitlab, formatGitlab, writeGitlab, gitlabSeverity } from './gitlab';
export { buildOwnersEntry, formatCoverageText, formatOwnersJson, formatOwnersText, isOwned, ownershipCoverage, writeOwnersJson, writeOwnersNdjson, writeOwnersText, type OwnershipCoverage } from './owners';
export { buildSummary, moduleOwnership, summaryMarkdown, metricProgress } from './summary';
export { escapeMarkdown, escapeTerminal, markdownCode, markdownHeading, wellFormed } from './escape';
export { ChunkWriter, collect, writeJson, type Write } from './stream';
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

/** Each `check --format` writing its report in pieces (the CLI streams them to stdout). */
export const checkWriters: Record<CheckFormat, (input: CheckReportInput, write: Write) => void> = {
  text: (i, write) => writeText(i.findings, write),
  json: (i, write) => writeJsonReport(i.findings, i.modules, write),
  sarif: (i, write) => writeSarif(i.findings, i.rules, write, { version: i.version }),
  gitlab: (i, write) => writeGitlab(i.findings, write, i.hash),
};

/** Each `check --format` as one string. */
export const checkFormatters: Record<CheckFormat, (input: CheckReportInput) => string> = {
  text: (i) => collect((write) => checkWriters.text(i, write)),
  json: (i) => collect((write) => checkWriters.json(i, write)),
  sarif: (i) => collect((write) => checkWriters.sarif(i, write)),
  gitlab: (i) => collect((write) => checkWriters.gitlab(i, write)),
};
