/**
 * Backstage `Location` entities (DESIGN 1.3): a Location registers more catalog files by
 * `spec.target` / `spec.targets`. Backstage reads a relative target against the Location's own
 * file, and a target may be a glob (`./components/*.yaml`). Northstar follows the targets that
 * stay inside the workspace and name files of it; a URL (another repository, or this one by
 * its web address) and an absolute path are not followed: nothing outside the root is read.
 */
import { compileGlobs } from '../glob';
import { parseSingleYaml } from './yaml';
import type { CatalogEntity } from './types';

/** At most this many files are registered through Locations (a Location may glob the whole tree). */
export const MAX_LOCATION_FILES = 5_000;

/** Characters that make a target a glob, as Backstage's file reader tells them. */
const GLOB_CHARS = /[*?[\]{}]/;

/** The targets a Location entity writes (`spec.target` and every string of `spec.targets`). */
export function locationTargetsOf(entity: CatalogEntity): string[] {
  if (entity.kind.toLowerCase() !== 'location') return [];
  const out: string[] = [];
  const { target, targets } = entity.spec;
  if (typeof target === 'string') out.push(target);
  if (Array.isArray(targets)) for (const t of targets) if (typeof t === 'string') out.push(t);
  return out;
}

/**
 * Resolve a relative target against a folder, root-relative: null when it is a URL, absolute,
 * or climbs out of the root.
 */
export function resolveTarget(folder: string, target: string): string | null {
  const t = target.trim();
  if (t === '' || t.startsWith('/') || t.includes('\\') || t.includes('://') || /^[a-z][\w+.-]*:/i.test(t)) return null;
  const parts = folder === '' ? [] : folder.split('/');
  for (const segment of t.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.length === 0 ? null : parts.join('/');
}

/**
 * The workspace files the Location entities among `entities` register (globs matched against
 * `files`), in file order, without duplicates. Files that do not exist are left out: Backstage
 * reports those at registration, not Northstar.
 */
export function locationFiles(entities: readonly CatalogEntity[], files: readonly string[], fileSet: ReadonlySet<string>): string[] {
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const e of entities) {
    for (const target of locationTargetsOf(e)) {
      const resolved = resolveTarget(e.folder, target);
      if (resolved === null) continue;
      if (GLOB_CHARS.test(resolved)) globs.push(resolved);
      else if (fileSet.has(resolved)) exact.add(resolved);
    }
  }
  if (globs.length > 0) {
    const matches = compileGlobs(globs);
    for (const f of files) {
      if (exact.size >= MAX_LOCATION_FILES) break;
      if (matches(f)) exact.add(f);
    }
  }
  return [...exact].slice(0, MAX_LOCATION_FILES);
}

/** A Backstage app-config file at the root (`app-config.yaml`, `app-config.production.yaml`). */
export function isAppConfig(path: string): boolean {
  return !path.includes('/') && /^app-config(?:\.[\w-]+)*\.ya?ml$/.test(path);
}

export interface AppLocation {
  type: string;
  target: string;
}

/** `catalog.locations[]` of an app-config file (`{type, target}`), as written. Never throws. */
export function parseAppConfigLocations(text: string, file: string): AppLocation[] {
  try {
    const { doc } = parseSingleYaml(text, file);
    if (!doc) return [];
    const out: AppLocation[] = [];
    for (const item of doc.items(doc.get(doc.get(doc.root, 'catalog'), 'locations'))) {
      const type = doc.str(doc.get(item, 'type'))?.trim();
      const target = doc.str(doc.get(item, 'target'))?.trim();
      if (type && target) out.push({ type, target });
    }
    return out;
  } catch {
    return [];
  }
}

/** `https://github.com/<owner>/<repo>/(blob|tree)/<ref>/<path>` → slug and path; null otherwise. */
function githubBlob(url: string): { slug: string; path: string } | null {
  const prefix = 'https://github.com/';
  if (!url.startsWith(prefix)) return null;
  const parts = url.slice(prefix.length).split('/');
  if (parts.length < 5 || (parts[2] !== 'blob' && parts[2] !== 'tree')) return null;
  return { slug: `${parts[0]}/${parts[1]}`.toLowerCase(), path: parts.slice(4).join('/') };
}

/**
 * The workspace files that the root app-config registers in the catalog: `type: file` targets
 * (relative to the backend's working folder, `packages/backend`, as `yarn start` runs it, else
 * to the root), and `type: url` targets that point into this very repository on GitHub (its
 * `github.com/project-slug` annotation names it), as redhat-developer/rhdh registers
 * `catalog-entities/all.yaml`. Other URLs name other repositories and are not followed.
 */
export function appConfigFiles(locations: readonly AppLocation[], slugs: ReadonlySet<string>, fileSet: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  for (const { type, target } of locations) {
    if (type === 'file') {
      for (const base of ['packages/backend', '']) {
        const resolved = resolveTarget(base, target);
        if (resolved !== null && fileSet.has(resolved)) {
          out.add(resolved);
          break;
        }
      }
    } else if (type === 'url') {
      const blob = githubBlob(target);
      if (blob && slugs.has(blob.slug) && fileSet.has(blob.path)) out.add(blob.path);
    }
  }
  return [...out];
}
