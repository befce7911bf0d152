/**
 * Which CODEOWNERS applies to the root, parsed in its dialect, with the index that answers
 * "who owns this path". The root's own file (GitHub's search order, or `.northstar.yaml`'s
 * `codeowners.path`), else the enclosing repository's, matched under the root's prefix.
 */
import { normalizePath } from '../fs';
import type { CodeownersFile, NorthstarConfig } from '../model/types';
import { detectDialect, findCodeownersFile, OwnershipIndex, parseCodeowners } from '../sources/codeowners';
import type { DisableComment, ParseProblem } from '../sources/types';

/** The enclosing repository's CODEOWNERS, read by the analyzer when the root has none. */
export interface OuterCodeowners {
  /** Its path in the repository (decides the dialect). */
  path: string;
  /** Its path as shown from the root (`../../.github/CODEOWNERS`). */
  display: string;
  text: string;
  /** This root's folder in the repository. */
  prefix: string;
}

export interface CodeownersBuild {
  codeowners: CodeownersFile | null;
  index: OwnershipIndex | null;
  problems: ParseProblem[];
  disables: DisableComment[];
  /** This root's folder in the repository, when the repository root's CODEOWNERS applies; else "". */
  prefix: string;
}

/** The last parse, reused while the file, its dialect and its text are the same. */
export interface CodeownersCarry {
  last?: { key: string; parsed: ReturnType<typeof parseCodeowners>; index: OwnershipIndex };
}

export function buildCodeowners(
  config: NorthstarConfig,
  files: { has(path: string): boolean; textOf(path: string): string | undefined },
  outer: OuterCodeowners | null,
  carry: CodeownersCarry,
): CodeownersBuild {
  const none: CodeownersBuild = { codeowners: null, index: null, problems: [], disables: [], prefix: '' };
  const path = config.codeowners.path ? normalizePath(config.codeowners.path) : findCodeownersFile((p) => files.has(p));
  let source: { file: string; text: string; dialectPath: string; prefix: string };
  if (path && files.has(path)) {
    const text = files.textOf(path);
    // Why it could not be read (binary, too large, unreadable) is already among the file's own problems.
    if (text === undefined) return none;
    source = { file: path, text, dialectPath: path, prefix: '' };
  } else if (outer) {
    source = { file: outer.display, text: outer.text, dialectPath: outer.path, prefix: normalizePath(outer.prefix) };
  } else {
    return none;
  }
  const dialect = config.codeowners.dialect ?? detectDialect(source.dialectPath, source.text, files.has('.gitlab-ci.yml'));
  const key = `${source.file}\u0000${dialect}\u0000${source.text}`;
  if (carry.last?.key !== key) {
    const parsed = parseCodeowners(source.text, source.file, dialect);
    // The previous index's compiled patterns are reused: an edit compiles only the lines it changed.
    carry.last = { key, parsed, index: new OwnershipIndex(parsed.codeowners, carry.last?.index) };
  }
  const { parsed, index } = carry.last;
  return { codeowners: parsed.codeowners, index, problems: parsed.problems, disables: parsed.disables, prefix: source.prefix };
}

/**
 * The files among `files` (root-relative) that CODEOWNERS gives other owners in `after` than in
 * `before`: after a CODEOWNERS edit, the modules whose owners from CODEOWNERS must be built again
 * (the definedAt files of the modules an update rebuilds); every other module's CODEOWNERS owners
 * are the same. Cheap while the edit keeps the patterns: both indexes share their folder states.
 */
export function filesWithOtherOwners(before: CodeownersBuild, after: CodeownersBuild, files: Iterable<string>): Set<string> {
  const ownersIn = (build: CodeownersBuild, file: string): readonly string[] => {
    if (!build.index) return [];
    const path = normalizePath(file);
    return build.index.ownersOnly(build.prefix ? `${build.prefix}/${path}` : path);
  };
  const out = new Set<string>();
  for (const file of files) {
    const a = ownersIn(before, file);
    const b = ownersIn(after, file);
    if (a.length !== b.length || a.some((owner, i) => owner !== b[i])) out.add(file);
  }
  return out;
}
