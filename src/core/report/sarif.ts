/**
 * `check --format sarif`: SARIF 2.1.0, as GitHub code scanning reads it. Every rule of the
 * registry is listed (so `ruleIndex` is stable between runs); results point at
 * root-relative URIs under `%SRCROOT%`.
 */
import type { Finding, Severity } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { docsUrl } from '../rules/rule';
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

export function buildSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions = {}): SarifLog {
  const sarifRules: SarifRule[] = rules.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: r.description },
    helpUri: docsUrl(r.id),
    defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
  }));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = findings.map((f) => {
    let ruleIndex = index.get(f.ruleId);
    if (ruleIndex === undefined) {
      // A finding of a rule the registry does not list (should not happen): describe it anyway.
      ruleIndex = sarifRules.length;
      index.set(f.ruleId, ruleIndex);
      sarifRules.push({
        id: f.ruleId,
        name: f.ruleId,
        shortDescription: { text: f.ruleId },
        helpUri: docsUrl(f.ruleId),
        defaultConfiguration: { level: sarifLevel(f.severity) },
      });
    }
    return {
      ruleId: f.ruleId,
      ruleIndex,
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
      properties: { module: f.module },
    };
  });
  const driver: SarifLog['runs'][number]['tool']['driver'] = { name: 'northstar', informationUri: NORTHSTAR_URL, rules: sarifRules };
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

export function formatSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions = {}): string {
  return JSON.stringify(buildSarif(findings, rules, options), null, 2) + '\n';
}
