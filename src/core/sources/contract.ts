/**
 * `service-contract.yaml` (DESIGN.md 1.2). Paths are written relative to the contract's
 * folder: `provides[].definition`, `observability.runbook` and `security.threatModel` are
 * resolved to root-relative paths here (URLs are kept as written); `paths` and `tests`
 * globs are kept as written, relative to `folder`.
 *
 * A value of the wrong type or outside its choices is a schema problem and reads as null:
 * a contract with a bad `tier` still yields its module, with `tier: null`.
 */
import { folderOf } from './text';
import type { ProvidedApi, Reference, Slo } from '../model/types';
import type { ContractDecl, Located, ParseProblem, ParseResult } from './types';
import { validateAgainstSchema } from './schema';
import { readExperiment } from './experiment';
import { emptyFile, parseSingleYaml, readFailure, resolveRelative, type YamlDoc } from './yaml';

const MODULE_TYPES = ['service', 'website', 'job', 'library', 'sample'];
const LIFECYCLES = ['experimental', 'production', 'deprecated'];
const CLASSIFICATIONS = ['public', 'internal', 'confidential', 'pii'];
const API_TYPES = ['openapi', 'asyncapi', 'grpc', 'graphql', 'event', 'other'];

/** File names that declare a contract. */
export const CONTRACT_FILE_NAMES: readonly string[] = ['service-contract.yaml', 'service-contract.yml'];

export function isContractFile(basename: string): boolean {
  return CONTRACT_FILE_NAMES.includes(basename);
}

function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

function oneOf(value: string | null, allowed: readonly string[]): string | null {
  return value !== null && allowed.includes(value) ? value : null;
}

/**
 * A path written in the contract, resolved against its folder; URLs stay as written.
 * A path that climbs out of the workspace is reported and reads as null.
 */
function resolveContractPath(doc: YamlDoc, folder: string, node: unknown, problems: ParseProblem[]): string | null {
  const written = doc.str(node);
  if (written === null || written.trim() === '') return null;
  if (isUrl(written.trim())) return written.trim();
  const resolved = resolveRelative(folder, written);
  if (resolved === null) {
    problems.push({
      ruleId: 'contracts/schema',
      message: `"${written}" points outside the workspace: paths in a contract are relative to its folder`,
      location: doc.loc(node),
    });
  }
  return resolved;
}

function references(doc: YamlDoc, node: unknown): Reference[] {
  return doc.strings(node).map((s) => ({ name: s.value.trim(), location: s.location }));
}

function globs(doc: YamlDoc, node: unknown): string[] | null {
  if (node === null) return null;
  const list = doc.strings(node).map((s) => s.value.trim());
  return list.length > 0 ? list : null;
}

function readContract(doc: YamlDoc, file: string, problems: ParseProblem[]): ContractDecl {
  const folder = folderOf(file);
  const root = doc.root;
  const get = (key: string) => doc.get(root, key);

  const tierValue = doc.num(get('tier'));
  const tier = tierValue === 1 || tierValue === 2 || tierValue === 3 ? tierValue : null;

  const provides: ProvidedApi[] = [];
  for (const item of doc.items(get('provides'))) {
    const name = doc.located(doc.get(item, 'name'));
    if (!name) continue;
    const definitionNode = doc.get(item, 'definition');
    const definitionAt = doc.located(definitionNode);
    provides.push({
      name: name.value.trim(),
      type: oneOf(doc.str(doc.get(item, 'type')), API_TYPES) ?? 'other',
      definition: resolveContractPath(doc, folder, definitionNode, problems),
      location: name.location,
      ...(definitionAt ? { definitionLocation: definitionAt.location } : {}),
    });
  }

  const slos: Slo[] = [];
  for (const item of doc.items(get('slos'))) {
    const name = doc.str(doc.get(item, 'name'));
    if (name === null || name.trim() === '') continue;
    slos.push({ name: name.trim(), objective: doc.num(doc.get(item, 'objective')), window: doc.str(doc.get(item, 'window')) });
  }

  const observability = get('observability');
  const security = get('security');
  const resilience = get('resilience');
  const located = (node: unknown): Located | null => {
    const value = doc.located(node);
    return value ? { value: value.value.trim(), location: value.location } : null;
  };

  return {
    file,
    folder,
    location: doc.documentLocation(),
    name: located(get('name')),
    description: doc.str(get('description'))?.trim() || null,
    owner: located(get('owner')),
    type: oneOf(doc.str(get('type')), MODULE_TYPES),
    system: doc.str(get('system'))?.trim() || null,
    lifecycle: oneOf(doc.str(get('lifecycle')), LIFECYCLES),
    tier,
    paths: globs(doc, get('paths')),
    dependsOn: references(doc, get('dependsOn')),
    provides,
    consumes: references(doc, get('consumes')),
    dataClassification: oneOf(doc.str(doc.get(get('data'), 'classification')), CLASSIFICATIONS),
    tests: globs(doc, get('tests')),
    observability: {
      logs: doc.str(doc.get(observability, 'logs')),
      metrics: doc.str(doc.get(observability, 'metrics')),
      traces: doc.str(doc.get(observability, 'traces')),
      dashboards: doc.strings(doc.get(observability, 'dashboards')).map((s) => s.value.trim()),
      alerts: doc.strings(doc.get(observability, 'alerts')).map((s) => s.value.trim()),
      runbook: resolveContractPath(doc, folder, doc.get(observability, 'runbook'), problems),
    },
    slos,
    priorities: references(doc, get('priorities')),
    security: {
      threatModel: threatModel(doc, folder, doc.get(security, 'threatModel'), problems),
      privacyReview: located(doc.get(security, 'privacyReview')),
    },
    resilience: { drRehearsal: located(doc.get(resilience, 'drRehearsal')) },
    experiment: readExperiment(doc, get('experiment'), doc.keyLoc(root, 'experiment') ?? doc.documentLocation()),
    initiatives: references(doc, get('initiatives')),
  };
}

function threatModel(doc: YamlDoc, folder: string, node: unknown, problems: ParseProblem[]): Located | null {
  const resolved = resolveContractPath(doc, folder, node, problems);
  return resolved === null ? null : { value: resolved, location: doc.loc(node) };
}

/** Read a `service-contract.yaml`. `file` is root-relative. Never throws. */
export function parseContract(text: string, file: string): ParseResult<ContractDecl> {
  try {
    const { doc, problems } = parseSingleYaml(text, file);
    if (!doc) {
      if (problems.length === 0) problems.push(emptyFile(file, text));
      return { value: null, problems };
    }
    if (!doc.hasSyntaxErrors) for (const item of validateAgainstSchema('service-contract', doc)) problems.push(item);
    return { value: readContract(doc, file, problems), problems };
  } catch (error) {
    return { value: null, problems: [readFailure(file, error)] };
  }
}
