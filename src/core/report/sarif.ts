/**
 * `check --format sarif`: SARIF 2.1.0, as GitHub code scanning reads it. Every rule of the
 * registry is listed (so `ruleIndex` is stable between runs), with the fields GitHub requires
 * (`fullDescription.text`, `help.text`) and its documentation as `help.markdown`. Results point
 * at repository-relative URIs under `%SRCROOT%` (the repository root, when the analysed root is a
 * subfolder of one: GitHub resolves every URI from the repository root), carry the stable
 * identity of identity.ts as `partialFingerprints["northstar/v1"]`, and come most severe first,
 * at most `maxResults` of them (GitHub rejects a run of more than 25,000 results) and as many as
 * `room` lets in (the CLI keeps the gzipped log under GitHub's 10 MB); the run's `properties`
 * say how many there were and why some were left out.
 */
import type { Finding, Severity } from '../model/types';
import type { RuleMeta } from '../rules/rule';
import { docsPath } from '../rules/rule';
import { FINGERPRINT_KEY, Fingerprints, repositoryPath } from './identity';
import { collect, writeJson, type Write } from './stream';
import type { SarifLevel, SarifLog, SarifResult, SarifRule, SarifRunProperties } from './types';

export const SARIF_SCHEMA_URL = 'https://json.schemastore.org/sarif-2.1.0.json';
export const NORTHSTAR_URL = 'https://github.com/northstar-dev/northstar';
/** GitHub code scanning: "a maximum of 25,000 results" per run; only the most severe are kept past it. */
export const SARIF_MAX_RESULTS = 25_000;
/** GitHub: descriptions (`shortDescription`, `fullDescription`) of at most 1,024 characters. */
export const SARIF_MAX_DESCRIPTION = 1024;

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
  /** Fingerprint hash (SHA-256 from node:crypto in the CLI): the core has no hash of its own. */
  hash: (text: string) => string;
  /** The analysed root's folder inside its git repository; '' (default) when it is the repository root or not in one. */
  prefix?: string;
  /** A rule's documentation (docs/rules/<id>.md) as Markdown, when the caller has it. */
  ruleDocs?: (ruleId: string) => string | undefined;
  /** At most this many results (default SARIF_MAX_RESULTS). */
  maxResults?: number;
  /** Asked with each result's JSON before it is written: false leaves it and every later one out (the log is full). */
  room?: (resultJson: string) => boolean;
}

/** A finding's severity as a sort rank: errors first. */
function rank(severity: Severity): number {
  return severity === 'error' ? 0 : severity === 'warning' ? 1 : 2;
}

/** Text cut to `max` characters at a word boundary where there is one, ending with an ellipsis. */
function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut) + '…';
}

/**
 * The first paragraph of a rule document's "What it finds" section (else of the text under its
 * title), as one line: the rule's full description.
 */
export function docsDescription(markdown: string): string | null {
  const lines = markdown.split(/\r?\n/);
  const section = lines.findIndex((l) => l.trim().toLowerCase() === '## what it finds');
  let at = section >= 0 ? section + 1 : lines.findIndex((l) => l.startsWith('# ')) + 1;
  while (at < lines.length && lines[at].trim() === '') at++;
  const paragraph: string[] = [];
  for (; at < lines.length; at++) {
    const line = lines[at].trim();
    if (line === '' || line.startsWith('#') || line.startsWith('```')) break;
    paragraph.push(line);
  }
  return paragraph.length > 0 ? paragraph.join(' ') : null;
}

function sarifRule(id: string, description: string, level: SarifLevel, docs: string | undefined): SarifRule {
  const full = (docs !== undefined ? docsDescription(docs) : null) ?? description;
  const area = id.includes('/') ? id.slice(0, id.indexOf('/')) : id;
  return {
    id,
    name: id,
    shortDescription: { text: capText(description, SARIF_MAX_DESCRIPTION) },
    fullDescription: { text: capText(full, SARIF_MAX_DESCRIPTION) },
    // No `helpUri`: the rule pages have no public web copy (the help is embedded instead), and
    // both SARIF and GitHub code scanning treat the field as optional.
    help: docs !== undefined ? { text: docs, markdown: docs } : { text: `${description} Documentation: ${docsPath(id)} in the Northstar package.` },
    defaultConfiguration: { level },
    properties: { precision: 'high', tags: ['northstar', area] },
  };
}

/** The rule list (every registered rule, then any rule only a finding names) and each rule's index. */
function sarifRuleTable(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions): { sarifRules: SarifRule[]; index: Map<string, number> } {
  const sarifRules: SarifRule[] = rules.map((r) => sarifRule(r.id, r.description, sarifLevel(r.defaultSeverity), options.ruleDocs?.(r.id)));
  const index = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  for (const f of findings) {
    if (index.has(f.ruleId)) continue;
    // A finding of a rule the registry does not list (should not happen): describe it anyway.
    index.set(f.ruleId, sarifRules.length);
    sarifRules.push(sarifRule(f.ruleId, f.ruleId, sarifLevel(f.severity), options.ruleDocs?.(f.ruleId)));
  }
  return { sarifRules, index };
}

function physicalLocation(file: string, region: { line: number; column: number; endLine: number; endColumn: number }, prefix: string) {
  return {
    artifactLocation: { uri: toRelativeUri(repositoryPath(file, prefix)), uriBaseId: '%SRCROOT%' as const },
    region: { startLine: region.line, startColumn: region.column, endLine: region.endLine, endColumn: region.endColumn },
  };
}

function sarifResult(f: Finding, index: ReadonlyMap<string, number>, fingerprint: string, prefix: string): SarifResult {
  return {
    ruleId: f.ruleId,
    ruleIndex: index.get(f.ruleId) as number,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physicalLocation(f.file, f, prefix) }],
    ...(f.related && f.related.length > 0 && {
      relatedLocations: f.related.map((r, id) => ({ id, physicalLocation: physicalLocation(r.file, r, prefix) })),
    }),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    properties: { module: f.module },
  };
}

/**
 * The results, most severe first (stable: the findings' order within a severity), until
 * `maxResults` or `room` stops them; `done` receives what was left out once they are walked.
 */
function* sarifResults(findings: readonly Finding[], index: ReadonlyMap<string, number>, options: SarifOptions, done: (p: SarifRunProperties) => void): Generator<SarifResult> {
  const prefix = options.prefix ?? '';
  const max = options.maxResults ?? SARIF_MAX_RESULTS;
  const fingerprints = new Fingerprints(options.hash, prefix);
  const ordinals = fingerprints.ordinals(findings);
  const order = findings.map((_, i) => i).sort((a, b) => rank(findings[a].severity) - rank(findings[b].severity) || a - b);
  let written = 0;
  let stop: SarifRunProperties['truncated'] = null;
  for (const i of order) {
    if (written >= max) {
      stop = 'maxResults';
      break;
    }
    const result = sarifResult(findings[i], index, fingerprints.at(findings[i], ordinals[i]), prefix);
    if (options.room && !options.room(JSON.stringify(result))) {
      stop = 'maxSize';
      break;
    }
    written++;
    yield result;
  }
  done({ findings: findings.length, results: written, truncated: stop });
}

/** The log around its results (an array, or a generator for `writeSarif`) and the run's properties (or their promise, as toJSON). */
function sarifLog(rules: SarifRule[], results: SarifResult[], properties: SarifRunProperties, options: SarifOptions): SarifLog {
  const driver: SarifLog['runs'][number]['tool']['driver'] = { name: 'northstar', informationUri: NORTHSTAR_URL, rules };
  if (options.version) {
    driver.version = options.version;
    driver.semanticVersion = options.version;
  }
  const inRepository = (options.prefix ?? '') !== '';
  return {
    $schema: SARIF_SCHEMA_URL,
    version: '2.1.0',
    runs: [
      {
        tool: { driver },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: {
          '%SRCROOT%': {
            description: {
              text: inRepository ? 'The root of the git repository that holds the analysed folder.' : 'The folder Northstar analysed (the repository root in CI).',
            },
          },
        },
        results,
        // After the results: written once they are (writeSarif), so it can say how many there were.
        properties,
      },
    ],
  };
}

export function buildSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions): SarifLog {
  const { sarifRules, index } = sarifRuleTable(findings, rules, options);
  let properties: SarifRunProperties | undefined;
  const results = [...sarifResults(findings, index, options, (p) => (properties = p))];
  return sarifLog(sarifRules, results, properties as SarifRunProperties, options);
}

/**
 * `formatSarif` in pieces: each result is built, written and dropped, so memory holds the
 * findings and one chunk of output rather than every result object and the whole text.
 * Returns the run's properties (how many results were written, and why the rest were not).
 */
export function writeSarif(findings: readonly Finding[], rules: readonly RuleMeta[], write: Write, options: SarifOptions): SarifRunProperties {
  const { sarifRules, index } = sarifRuleTable(findings, rules, options);
  let properties: SarifRunProperties = { findings: findings.length, results: 0, truncated: null };
  const results = sarifResults(findings, index, options, (p) => (properties = p)) as unknown as SarifResult[];
  // writeJson reads toJSON when it reaches the key, after walking `results` before it.
  const lazyProperties = { toJSON: () => properties } as unknown as SarifRunProperties;
  // Walked: the log (0), runs (1), the run (2), results (3); each result is one piece.
  writeJson(sarifLog(sarifRules, results, lazyProperties, options), write, { walkDepth: 3 });
  write('\n');
  return properties;
}

export function formatSarif(findings: readonly Finding[], rules: readonly RuleMeta[], options: SarifOptions): string {
  return collect((write) => writeSarif(findings, rules, write, options));
}
