/**
 * The reporters: pure functions from analysis results to text. `checkFormatters` maps each
 * `check --format` to its reporter, as dependency-cruiser's report/index does.
 */
import type { Finding } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { writeGithubAnnotations } from './github';
import { writeGitlab } from './gitlab';
import { writeJsonReport } from './json';
import { writeSarif } from './sarif';
import { collect, type Write } from './stream';
import { writeText } from './text';
import type { SarifRunProperties } from './types';

export * from './types';
export { buildCheckOutput, checkSummary, countSeverities, formatJson, toCheckFinding, writeJsonReport } from './json';
export { formatText, writeText } from './text';
export {
  buildSarif,
  docsDescription,
  formatSarif,
  writeSarif,
  sarifLevel,
  toRelativeUri,
  SARIF_SCHEMA_URL,
  NORTHSTAR_URL,
  SARIF_MAX_RESULTS,
  SARIF_MAX_DESCRIPTION,
  type SarifOptions,
} from './sarif';
export { FINGERPRINT_KEY, Fingerprints, identityOf, repositoryPath, stableMessage } from './identity';
export { buildGitlab, formatGitlab, writeGitlab, gitlabSeverity } from './gitlab';
export { githubSummaryMarkdown, writeGithubAnnotations, GITHUB_ANNOTATIONS_PER_LEVEL } from './github';
export { buildOwnersEntry, formatCoverageText, formatOwnersJson, formatOwnersText, isOwned, ownershipCoverage, writeOwnersJson, writeOwnersNdjson, writeOwnersText, type OwnershipCoverage } from './owners';
export { buildSummary, moduleOwnership, summaryMarkdown, metricProgress } from './summary';
export { escapeMarkdown, escapeTerminal, markdownCode, markdownHeading, wellFormed } from './escape';
export { ChunkWriter, collect, writeJson, type Write } from './stream';
export { buildDiagram, escapeMermaidLabel, LEVEL_CLASS, DEFAULT_MAX_EDGES, DEFAULT_MAX_GROUPS, DEFAULT_MAX_MODULES } from './mermaid';
export type { DiagramOptions, DiagramFilter } from './mermaid';

export type CheckFormat = 'text' | 'json' | 'sarif' | 'gitlab' | 'github';
export const CHECK_FORMATS: readonly CheckFormat[] = ['text', 'json', 'sarif', 'gitlab', 'github'];

export interface CheckReportInput {
  findings: readonly Finding[];
  rules: readonly RuleMeta[];
  /** Modules in the model (for the JSON summary). */
  modules: number;
  version?: string;
  /** Fingerprint hash for SARIF and GitLab, injected by the adapter (SHA-256 from node:crypto in the CLI). */
  hash: (text: string) => string;
  /**
   * The analysed root's folder inside its git repository (src/node/setup.ts `repositoryAbove`),
   * '' or absent when the root is the repository root or not in one. SARIF and GitLab paths are
   * repository-relative (GitHub and GitLab resolve them from the repository root); JSON's stay root-relative.
   */
  prefix?: string;
  /** The text format's file header for a root-relative file (the CLI: its absolute path); default the file as is. */
  showPath?: (file: string) => string;
  /** Text: ANSI colours for a terminal. */
  color?: boolean;
  /** A rule's documentation as Markdown (SARIF `help`); the CLI embeds docs/rules (src/cli/ruleDocs.ts). */
  ruleDocs?: (ruleId: string) => string | undefined;
  /** SARIF: asked with each result before it is written; false means the log is full (the CLI's gzipped-size budget). */
  sarifRoom?: (resultJson: string) => boolean;
  /** SARIF: told when findings were left out of the log (over 25,000 results or the size budget). */
  onSarifTruncated?: (properties: SarifRunProperties) => void;
}

/** Each `check --format` writing its report in pieces (the CLI streams them to stdout). */
export const checkWriters: Record<CheckFormat, (input: CheckReportInput, write: Write) => void> = {
  text: (i, write) => writeText(i.findings, write, i.showPath, i.color),
  json: (i, write) => writeJsonReport(i.findings, i.modules, write),
  sarif: (i, write) => {
    const properties = writeSarif(i.findings, i.rules, write, {
      version: i.version,
      hash: i.hash,
      prefix: i.prefix,
      ruleDocs: i.ruleDocs,
      room: i.sarifRoom,
    });
    if (properties.truncated !== null) i.onSarifTruncated?.(properties);
  },
  gitlab: (i, write) => writeGitlab(i.findings, write, i.hash, i.prefix),
  github: (i, write) => void writeGithubAnnotations(i.findings, write, i.prefix),
};

/** Each `check --format` as one string. */
export const checkFormatters: Record<CheckFormat, (input: CheckReportInput) => string> = {
  text: (i) => collect((write) => checkWriters.text(i, write)),
  json: (i) => collect((write) => checkWriters.json(i, write)),
  sarif: (i) => collect((write) => checkWriters.sarif(i, write)),
  gitlab: (i) => collect((write) => checkWriters.gitlab(i, write)),
  github: (i) => collect((write) => checkWriters.github(i, write)),
};
