/**
 * Validation of Northstar's YAML files against the JSON schemas in `schemas/` (DESIGN.md 5),
 * with every error mapped back to the exact YAML position: the offending value, or the key
 * of a missing or unknown property. Messages are written for people ("tier must be 1, 2 or
 * 3", "unknown property \"tiers\" (did you mean \"tier\"?)"), not Ajv's wording.
 */
import type { ErrorObject } from 'ajv';
import type { SourceLocation } from '../model/types';
import type { ParseProblem } from './types';
import { parseSingleYaml, type YamlDoc } from './yaml';
import * as validators from './schemaValidators';
import serviceContractSchema from '../../../schemas/service-contract.schema.json';
import teamsSchema from '../../../schemas/teams.schema.json';
import visionSchema from '../../../schemas/vision.schema.json';
import configSchema from '../../../schemas/northstar-config.schema.json';
import learningSchema from '../../../schemas/learning.schema.json';

/** `experiment`: the contract schema's `experiment`, which a catalog annotation holds as YAML text (sources/experiment.ts). */
export type SchemaKind = 'service-contract' | 'teams' | 'vision' | 'northstar-config' | 'experiment' | 'learning';

const SCHEMAS: Record<SchemaKind, object> = {
  'service-contract': serviceContractSchema,
  teams: teamsSchema,
  vision: visionSchema,
  'northstar-config': configSchema,
  experiment: serviceContractSchema.properties.experiment,
  learning: learningSchema,
};

/** The JSON schema of a kind of file (for tests and for contributing to editors). */
export function schemaOf(kind: SchemaKind): object {
  return SCHEMAS[kind];
}

/** A validator of one kind: Ajv's function, compiled ahead of time by scripts/schemas.mjs. */
interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const VALIDATORS: Record<SchemaKind, Validator> = {
  'service-contract': validators.serviceContract,
  teams: validators.teams,
  vision: validators.vision,
  'northstar-config': validators.northstarConfig,
  experiment: validators.experiment,
  learning: validators.learning,
};

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `provides[0].type`, `tier`, or "the document" for the root. */
function label(segments: readonly string[]): string {
  let out = '';
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? 'the document' : out;
}

function joinWords(words: string[], last: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  null: 'empty',
};

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function suggestion(name: string, parentSchema: unknown): string {
  const properties = (parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  if (!properties) return '';
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of Object.keys(properties)) {
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const limit = name.length <= 4 ? 1 : 2;
  if (best !== null && bestDistance <= limit) return ` (did you mean "${best}"?)`;
  // A singular for a plural and the like: "priority" for "priorities".
  const stem = name.toLowerCase().slice(0, -1);
  const plural = stem.length >= 4 ? Object.keys(properties).find((c) => c.toLowerCase().startsWith(stem)) : undefined;
  return plural ? ` (did you mean "${plural}"?)` : '';
}

function messageOf(error: ErrorObject, segments: string[]): string {
  const what = label(segments);
  const params = error.params as Record<string, unknown>;
  const custom = (error.parentSchema as { errorMessage?: unknown } | undefined)?.errorMessage;
  switch (error.keyword) {
    case 'required':
      return segments.length === 0
        ? `missing required property "${String(params.missingProperty)}"`
        : `${what} is missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties': {
      const name = String(params.additionalProperty);
      const where = segments.length === 0 ? '' : ` in ${what}`;
      return `unknown property "${name}"${where}${suggestion(name, error.parentSchema)}`;
    }
    case 'type': {
      const types = String(params.type).split(',');
      return `${what} must be ${joinWords(types.map((t) => TYPE_WORDS[t] ?? t), 'or')}`;
    }
    case 'enum':
      return `${what} must be ${joinWords((params.allowedValues as unknown[]).map(show), 'or')}`;
    case 'const':
      return `${what} must be "${show(params.allowedValue)}"`;
    case 'minimum':
      return `${what} must be at least ${String(params.limit)}`;
    case 'maximum':
      return `${what} must be at most ${String(params.limit)}`;
    case 'exclusiveMinimum':
      return `${what} must be more than ${String(params.limit)}`;
    case 'exclusiveMaximum':
      return `${what} must be less than ${String(params.limit)}`;
    case 'minLength':
      return Number(params.limit) === 1 ? `${what} must not be empty` : `${what} must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `${what} must be at most ${String(params.limit)} characters long`;
    case 'minItems':
      return `${what} must have at least ${String(params.limit)} items`;
    case 'maxItems':
      return `${what} must have at most ${String(params.limit)} items`;
    case 'uniqueItems':
      return `${what} lists the same item twice`;
    case 'format': {
      if (typeof custom === 'string') return `${what} ${custom}`;
      const format = String(params.format);
      if (format === 'date') return `${what} must be a valid date written YYYY-MM-DD`;
      if (format === 'uri') return `${what} must be a URL`;
      if (format === 'email') return `${what} must be an e-mail address`;
      return `${what} must be a valid ${format}`;
    }
    case 'pattern':
      return typeof custom === 'string' ? `${what} ${custom}` : `${what} must match ${String(params.pattern)}`;
    default:
      return `${what} ${error.message ?? 'is not valid'}`;
  }
}

/** Location of the first line of a node (a mapping in a list: its first key line). */
function firstLineOf(doc: YamlDoc, node: unknown): SourceLocation {
  const location = doc.loc(node);
  if (location.endLine === location.line) return location;
  const range = (node as { range?: [number, number, number] }).range;
  if (!range) return location;
  let end = doc.text.indexOf('\n', range[0]);
  if (end < 0 || end > range[1]) end = range[1];
  return doc.offsets(range[0], end);
}

function locate(doc: YamlDoc, error: ErrorObject, segments: string[]): SourceLocation {
  const params = error.params as Record<string, unknown>;
  const target = doc.nodeAt(segments);
  if (error.keyword === 'additionalProperties' && target.found) {
    const key = doc.keyLoc(target.node, String(params.additionalProperty));
    if (key) return key;
  }
  if (error.keyword === 'required' || error.keyword === 'additionalProperties') {
    if (segments.length === 0) return doc.documentLocation();
    if (target.pair) return doc.loc(target.pair.key);
    return firstLineOf(doc, target.node);
  }
  if (error.keyword === 'uniqueItems' && target.found) {
    const duplicate = doc.nodeAt([...segments, String(params.i)]);
    if (duplicate.found) return doc.loc(duplicate.node);
  }
  if (!target.found) return target.pair ? doc.loc(target.pair.key) : doc.documentLocation();
  if (target.pair) return doc.pairValueLoc(target.pair);
  if (segments.length === 0) return doc.documentLocation();
  return doc.loc(target.node);
}

/** Keep the most useful error per value: an enum or const beats the type it implies. */
function prune(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const kept: ErrorObject[] = [];
  for (const list of byPath.values()) {
    const hasChoice = list.some((e) => e.keyword === 'enum' || e.keyword === 'const');
    const hasType = list.some((e) => e.keyword === 'type');
    for (const error of list) {
      if (error.keyword === 'type' && hasChoice) continue;
      if (hasType && !hasChoice && error.keyword !== 'type') continue;
      if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') {
        if (errors.some((e) => e !== error && e.instancePath.startsWith(error.instancePath))) continue;
      }
      kept.push(error);
    }
  }
  return kept;
}

/**
 * Validate one parsed YAML document against a Northstar schema. Problems are
 * `contracts/schema`, sorted by position. Never throws.
 */
export function validateAgainstSchema(kind: SchemaKind, doc: YamlDoc): ParseProblem[] {
  const { value, error, location } = doc.toJS();
  if (error !== null) {
    return [{ ruleId: 'contracts/yaml', message: `YAML could not be read: ${error}`, location: location ?? doc.documentLocation() }];
  }
  if (value === null || value === undefined) {
    return [{ ruleId: 'contracts/schema', message: 'the document is empty', location: doc.documentLocation() }];
  }
  const problems: ParseProblem[] = [];
  try {
    const validate = VALIDATORS[kind];
    if (validate(value)) return [];
    const seen = new Set<string>();
    for (const e of prune(validate.errors ?? [])) {
      const segments = decodePointer(e.instancePath);
      const location = locate(doc, e, segments);
      const message = messageOf(e, segments);
      const key = `${location.line}:${location.column}:${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ ruleId: 'contracts/schema', message, location });
    }
  } catch (e) {
    problems.push({
      ruleId: 'contracts/schema',
      message: `${doc.file} could not be checked against its schema: ${e instanceof Error ? e.message : String(e)}`,
      location: doc.documentLocation(),
    });
  }
  return problems.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/** Parse a single-document YAML text and validate it: every problem, YAML and schema. */
export function validateYamlText(kind: SchemaKind, text: string, file: string): ParseProblem[] {
  const { doc, problems } = parseSingleYaml(text, file);
  if (doc && !doc.hasSyntaxErrors) for (const item of validateAgainstSchema(kind, doc)) problems.push(item);
  return problems;
}
