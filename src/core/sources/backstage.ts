/**
 * Backstage `catalog-info.yaml` (DESIGN.md 1.3): every document is an entity. Entity
 * references are `[kind:][namespace/]name`, namespace `default` when omitted. All
 * annotations are kept as strings; the analysis picks the on-call, observability, docs
 * and source ones.
 *
 * Backstage's own format is not Northstar's to police, so only what the catalog itself
 * would refuse is reported (an entity without kind or metadata.name, a spec field of the
 * wrong type), as `contracts/schema`.
 */
import { parseEntityRef as backstageParseEntityRef } from '@backstage/catalog-model';
import { isMap, isScalar, isSeq } from 'yaml';
import { experimentAnnotation } from './experiment';
import { folderOf } from './text';
import type { Reference } from '../model/types';
import type { CatalogEntity, Located, ParseProblem, ParseResult } from './types';
import { isEmptyDocument, parseYaml, readFailure, type YamlDoc } from './yaml';

/** File names Backstage's discovery reads by convention. */
export const CATALOG_FILE_NAMES: readonly string[] = ['catalog-info.yaml', 'catalog-info.yml'];

export function isCatalogFile(basename: string): boolean {
  return CATALOG_FILE_NAMES.includes(basename);
}

export interface EntityRef {
  kind: string | null;
  namespace: string;
  name: string;
}

/** Stands for "no default kind": Backstage's parser requires a kind, ours may leave it null. */
const NO_KIND = '\u0000';

/**
 * Split an entity reference `[kind:][namespace/]name` with Backstage's own `parseEntityRef`
 * (`@backstage/catalog-model`): `defaultKind` and `defaultNamespace` (the referring entity's
 * namespace, as Backstage's processors pass it) fill what the reference leaves out. The one
 * parser the rest of the code calls. A text Backstage would refuse (`a:/b`, an empty part) is
 * kept whole as the name, so that messages can still show it as written.
 */
export function parseEntityRef(ref: string, defaultKind?: string, defaultNamespace = 'default'): EntityRef {
  const trimmed = ref.trim();
  try {
    const parsed = backstageParseEntityRef(trimmed, { defaultKind: defaultKind ?? NO_KIND, defaultNamespace });
    return { kind: parsed.kind === NO_KIND ? null : parsed.kind, namespace: parsed.namespace, name: parsed.name };
  } catch {
    return { kind: defaultKind ?? null, namespace: defaultNamespace, name: trimmed };
  }
}

/** The comparable form `kind:namespace/name` (kind and namespace lowercased, as Backstage compares). */
export function stringifyEntityRef(ref: EntityRef): string {
  return `${(ref.kind ?? '').toLowerCase()}:${ref.namespace.toLowerCase()}/${ref.name}`;
}

function schemaProblem(message: string, location: Located['location']): ParseProblem {
  return { ruleId: 'contracts/schema', message, location };
}

function scalarText(doc: YamlDoc, node: unknown): string | null {
  const n = doc.deref(node);
  if (!isScalar(n) || n.value === null || typeof n.value === 'object' || typeof n.value === 'symbol') return null;
  return String(n.value);
}

function refList(doc: YamlDoc, spec: unknown, key: string, problems: ParseProblem[]): Reference[] {
  const node = doc.get(spec, key);
  if (node === null || (isScalar(node) && node.value === null)) return [];
  if (!isSeq(node)) {
    problems.push(schemaProblem(`spec.${key} must be a list of entity references`, doc.valueLoc(spec, key) ?? doc.loc(node)));
    // A lone reference is still usable.
    const lone = doc.located(node);
    return lone ? [{ name: lone.value.trim(), location: lone.location }] : [];
  }
  const out: Reference[] = [];
  for (const item of doc.items(node)) {
    const located = doc.located(item);
    if (located) out.push({ name: located.value.trim(), location: located.location });
    else problems.push(schemaProblem(`spec.${key} must list entity references (strings)`, doc.loc(item)));
  }
  return out;
}

function readEntity(doc: YamlDoc, file: string, problems: ParseProblem[]): CatalogEntity | null {
  const root = doc.root;
  if (!isMap(root)) {
    problems.push(schemaProblem('a catalog entity must be a mapping with apiVersion, kind, metadata and spec', doc.documentLocation()));
    return null;
  }
  const kindNode = doc.get(root, 'kind');
  const kind = doc.str(kindNode)?.trim() || null;
  const metadata = doc.get(root, 'metadata');
  const nameNode = doc.get(metadata, 'name');
  const name = doc.str(nameNode)?.trim() || null;
  if (!kind) {
    problems.push(schemaProblem('catalog entity is missing "kind"', doc.valueLoc(root, 'kind') ?? doc.documentLocation()));
  }
  if (!name) {
    const written = doc.valueLoc(metadata, 'name');
    const where = written ?? doc.keyLoc(root, 'metadata') ?? doc.documentLocation();
    const present = written !== null && !(isScalar(nameNode) && (nameNode.value === null || nameNode.value === ''));
    problems.push(schemaProblem(present ? 'metadata.name must be a string' : 'catalog entity is missing "metadata.name"', where));
  }
  if (!kind || !name) return null;

  const namespace = doc.str(doc.get(metadata, 'namespace'))?.trim() || 'default';
  const spec = doc.get(root, 'spec');
  if (spec !== null && !isMap(spec)) problems.push(schemaProblem('spec must be a mapping', doc.valueLoc(root, 'spec')!));

  const annotations: Record<string, string> = {};
  for (const pair of doc.entries(doc.get(metadata, 'annotations'))) {
    const key = doc.keyText(pair);
    const value = scalarText(doc, pair.value);
    if (key !== null && value !== null) annotations[key] = value;
  }

  const ownerNode = doc.get(spec, 'owner');
  const owner = doc.located(ownerNode);
  const systemText = doc.str(doc.get(spec, 'system'));
  const specValue = doc.nodeToJS(spec);

  return {
    file,
    folder: folderOf(file),
    kind,
    name,
    namespace,
    ref: stringifyEntityRef({ kind, namespace, name }),
    location: nameNode ? doc.loc(nameNode) : doc.documentLocation(),
    title: doc.str(doc.get(metadata, 'title')),
    description: doc.str(doc.get(metadata, 'description'))?.trim() || null,
    owner: owner ? { value: owner.value.trim(), location: owner.location } : null,
    system: systemText && systemText.trim() ? parseEntityRef(systemText, 'system', namespace).name : null,
    lifecycle: doc.str(doc.get(spec, 'lifecycle'))?.trim() || null,
    type: doc.str(doc.get(spec, 'type'))?.trim() || null,
    dependsOn: refList(doc, spec, 'dependsOn', problems),
    providesApis: refList(doc, spec, 'providesApis', problems),
    consumesApis: refList(doc, spec, 'consumesApis', problems),
    annotations,
    experiment: experimentAnnotation(doc, doc.get(metadata, 'annotations'), problems),
    spec: specValue !== null && typeof specValue === 'object' && !Array.isArray(specValue) ? (specValue as Record<string, unknown>) : {},
    tags: doc.strings(doc.get(metadata, 'tags')).map((t) => t.value),
  };
}

/** Read every entity of a `catalog-info.yaml` (multi-document). Never throws. */
export function parseCatalog(text: string, file: string): ParseResult<CatalogEntity[]> {
  const problems: ParseProblem[] = [];
  try {
    const parsed = parseYaml(text, file);
    for (const item of parsed.problems) problems.push(item);
    const entities: CatalogEntity[] = [];
    for (const doc of parsed.documents) {
      if (isEmptyDocument(doc)) continue;
      const entity = readEntity(doc, file, problems);
      if (entity) entities.push(entity);
    }
    return { value: entities, problems };
  } catch (error) {
    problems.push(readFailure(file, error));
    return { value: [], problems };
  }
}
