/**
 * How a panel names a workspace folder: by URI, since two folders of a multi-root workspace may
 * share a name (two `api` folders). Names are for people (titles, pickers) and for states saved
 * by older versions. No 'vscode' at run time, so that it is unit-tested outside VS Code.
 */

/** What these functions need of a root (`RootAnalysis`, or a test's stand-in). */
export interface FolderOf {
  readonly folder: { readonly name: string; readonly uri: { toString(): string } };
}

/** A workspace folder's identity: its URI as a string. */
export const rootKey = (root: FolderOf): string => root.folder.uri.toString();

/**
 * The root `key` names: a folder URI, or a folder name that no other folder has (states saved by
 * older versions, command arguments). Undefined when nothing, or more than one folder, matches.
 */
export function findRoot<R extends FolderOf>(roots: readonly R[], key: string | null | undefined): R | undefined {
  if (!key) return undefined;
  const byUri = roots.find((r) => rootKey(r) === key);
  if (byUri) return byUri;
  const named = roots.filter((r) => r.folder.name === key);
  return named.length === 1 ? named[0] : undefined;
}
