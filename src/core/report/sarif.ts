/**
 * `check --format sarif`: SARIF 2.1.0, as GitHub code scanning reads it. Every rule of the
 * registry is listed (so `ruleIndex` is stable between runs); results point at
 * root-relative URIs under `%SRCROOT%`.
 */
import type { Finding, Severity } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { docsUrl } from '../rules/rule';
import { collect, lazyMap, writeJson, type Write } from './stream';
import type { SarifLevel, SarifLog, SarifResult, SarifRule } from './types';

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';
export const NORTHSTAR_URL = 'https://github.com/northstar-dev/northstar';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A root-relative path as a relative URI reference: each segment percent-encoded, slashes kept. */
export function toRelativeUri(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export interface SarifOptions {
  /** Tool version (package.json). */
  version?: string;
}

/** The rule list (every registered rule, then any rule only a finding names) and each rule's index. */
function sarifRuleTable(findings: readonly Finding[], rules: readonly RuleMeta[]): { sarifRules: SarifRule[]; index: Map<string, number> } {
  const sarifRules: SarifRule[] = rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.description },
    helpUri: docsUrl(r.id),
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    // A finding of a rule the registry does not list (should not happen): describe it anyway.
    index.set(f.ruleId, sarifRules.length);
    sarifRules.push({
      id: f.ruleId,
      name: f.ruleId,
      shortDescription: { text: f.ruleId },
      helpUri: docsUrl(f.ruleId),
      defaultConfiguration: { level: sarifLevel(f.severity) },
    });
  }
  return { sarifRules, index };
}

function sarifResult(f: Finding, index: ReadonlyMap<string, number>): SarifResult {
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) as number,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toRelativeUri(f.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
        },
      },
    ],
    ...(f.related && f.related.length > 0 && {
      relatedLocations: f.related.map((r, id) => ({
        id,
        physicalLocation: {
          artifactLocation: { uri: toRelativeUri(r.file), uriBaseId: '%SRCROOT%' },
          region: { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn },
        },
      })),
    }),
    properties: { module: f.module },
  };
}

/** The log around its results: `results` as given (an array, or a generator for `writeSarif`). */
function sarifLog(rules: SarifRule[], results: SarifResult[], options: SarifOptions): SarifLog {
  const driver: SarifLog['runs'][number]['tool']['driver'] = { name: 'northstar', informationUri: NORTHSTAR_URL, rules };
  if (options.version) {
    driver.version = options.version;
    driver.semanticVersion = options.version;
  }
  return {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The workspace root Northstar analysed.' } } },
        results,
      },
    ],
  };
}

export function buildSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions = {}): SarifLog {
  const { sarifRules, index } = sarifRuleTable(findings, rules);
  return sarifLog(sarifRules, findings.map((f) => sarifResult(f, index)), options);
}

/**
 * `formatSarif` in pieces: each result is built, written and dropped, so memory holds the
 * findings and one chunk of output rather than every result object and the whole text.
 */
export function writeSarif(findings: readonly Finding[], rules: readonly RuleMeta[], write: Write, options: SarifOptions = {}): void {
  const { sarifRules, index } = sarifRuleTable(findings, rules);
  const results = lazyMap(findings, (f) => sarifResult(f, index)) as unknown as SarifResult[];
  // Walked: the log (0), runs (1), the run (2), results (3); each result is one piece.
  writeJson(sarifLog(sarifRules, results, options), write, { walkDepth: 3 });
  write('\n');
}

export function formatSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions = {}): string {
  return collect((write) => writeSarif(findings, rules, write, options));
}
