/**
 * Which module a path belongs to (DESIGN section 2: the deepest module that contains it),
 * decided here once: for the model builder, and for the extension's host thread, which rebuilds
 * its snapshot from the analysis worker's messages (engine/remote.ts) and must answer the same.
 */
import { directlyIn, dirname, normalizePath } from '../fs';

export interface ModuleResolver<M> {
  /** The deepest module containing `path` (normalised first). */
  moduleOf(path: string): M | undefined;
  /** The same for a workspace file, already clean (called once per file: no normalising). */
  moduleOfFile(file: string): M | undefined;
  moduleByName(name: string): M | undefined;
  /** Which module (by its index) each folder belongs to: shared by the resolver of a list with the same folders. */
  readonly folders: FolderIndex;
}

/** Folders → the index of the deepest module containing them, with the answers found so far. */
export interface FolderIndex {
  readonly byFolder: ReadonlyMap<string, number>;
  readonly cache: Map<string, number>;
}

/**
 * The first module of each folder and of each name wins (module order). `folders`: the index of
 * an earlier resolver whose modules were in the same folders in the same order (an edit that
 * replaced modules in place), so its answers so far hold and are not found again.
 */
export function moduleResolver<M extends { readonly path: string; readonly name: string }>(modules: readonly M[], folders?: FolderIndex): ModuleResolver<M> {
  let index = folders;
  if (!index) {
    const byFolder = new Map<string, number>();
    modules.forEach((m, i) => {
      if (!byFolder.has(m.path)) byFolder.set(m.path, i);
    });
    index = { byFolder, cache: new Map() };
  }
  const { byFolder, cache } = index;
  const byName = new Map<string, M>();
  for (const m of modules) if (!byName.has(m.name)) byName.set(m.name, m);
  // -1: no module contains the folder.
  const moduleOfFolder = (folder: string): number => {
    const cached = cache.get(folder);
    if (cached !== undefined) return cached;
    const found = byFolder.get(folder) ?? (folder === '' ? -1 : moduleOfFolder(dirname(folder)));
    cache.set(folder, found);
    return found;
  };
  // The last file's folder and its answer: callers go through a sorted file list, whose files of
  // one folder mostly come in a row (no slice, no lookup for them).
  let lastFolder: string | null = null;
  let lastAnswer = -1;
  const moduleOfFile = (file: string): M | undefined => {
    let i = byFolder.get(file);
    if (i === undefined) {
      if (lastFolder === null || !directlyIn(file, lastFolder)) {
        lastFolder = dirname(file);
        lastAnswer = moduleOfFolder(lastFolder);
      }
      i = lastAnswer;
    }
    return i < 0 ? undefined : modules[i];
  };
  return {
    moduleOf: (path) => moduleOfFile(normalizePath(path)),
    moduleOfFile,
    moduleByName: (name) => byName.get(name),
    folders: index,
  };
}
