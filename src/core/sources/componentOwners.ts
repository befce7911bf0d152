/**
 * `.github/component_owners.yml`, the file of the component-owners GitHub Action that the
 * OpenTelemetry repositories (and others) use beside CODEOWNERS: `components:` maps a folder to
 * the GitHub users who own it. Their CODEOWNERS often un-owns those folders on purpose
 * (open-telemetry/opentelemetry-python-contrib's `.github/CODEOWNERS:8-10` says the owners of
 * `/instrumentation` are in this file), so a module there would otherwise have no owner.
 */
import type { SourceLocation } from '../model/types';
import type { ParseProblem, ParseResult } from './types';
import { parseSingleYaml, readFailure } from './yaml';

export const COMPONENT_OWNERS_FILES: readonly string[] = ['.github/component_owners.yml', '.github/component_owners.yaml'];

export interface ComponentOwnersEntry {
  /** Root-relative folder (or file), without a leading `./` or `/` or a trailing `/`. */
  path: string;
  /** GitHub handles, `@`-prefixed as CODEOWNERS writes them. */
  owners: string[];
  /** Where the path is written. */
  location: SourceLocation;
}

export interface ComponentOwnersFile {
  file: string;
  entries: ComponentOwnersEntry[];
}

function cleanPath(path: string): string {
  let p = path.trim();
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** Read a component_owners.yml. Never throws; entries it cannot use are reported and skipped. */
export function parseComponentOwners(text: string, file: string): ParseResult<ComponentOwnersFile> {
  try {
    const { doc, problems } = parseSingleYaml(text, file);
    const out: ComponentOwnersFile = { file, entries: [] };
    if (!doc) return { value: out, problems };
    const components = doc.get(doc.root, 'components');
    for (const pair of doc.entries(components)) {
      const key = doc.keyText(pair);
      if (key === null) continue;
      const location = doc.loc(pair.key);
      const path = cleanPath(key);
      const owners = doc
        .strings(doc.deref(pair.value))
        .map((o) => o.value.trim())
        .filter((o) => o !== '')
        .map((o) => (o.startsWith('@') ? o : `@${o}`));
      if (path === '' || owners.length === 0) {
        const problem: ParseProblem = { ruleId: 'contracts/schema', message: `${file}: component "${key}" lists no owner (a list of GitHub users)`, location };
        problems.push(problem);
        continue;
      }
      out.entries.push({ path, owners, location });
    }
    return { value: out, problems };
  } catch (error) {
    return { value: null, problems: [readFailure(file, error)] };
  }
}

/** The entry for the deepest listed folder that holds `path` (or is it), if any. */
export function componentOwnersOf(file: ComponentOwnersFile | null, path: string): ComponentOwnersEntry | undefined {
  if (!file) return undefined;
  let best: ComponentOwnersEntry | undefined;
  for (const e of file.entries) {
    if (path !== e.path && !path.startsWith(`${e.path}/`)) continue;
    if (!best || e.path.length > best.path.length) best = e;
  }
  return best;
}
