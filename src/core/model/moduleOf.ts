/**
 * Which module a path belongs to (DESIGN section 2: the deepest module that contains it),
 * decided here once: for the model builder, and for the extension's host thread, which rebuilds
 * its snapshot from the analysis worker's messages (engine/remote.ts) and must answer the same.
 */
import { dirname, normalizePath } from '../fs';

export interface ModuleResolver<M> {
  /** The deepest module containing `path` (normalised first). */
  moduleOf(path: string): M | undefined;
  /** The same for a workspace file, already clean (called once per file: no normalising). */
  moduleOfFile(file: string): M | undefined;
  moduleByName(name: string): M | undefined;
}

/** The first module of each folder and of each name wins (module order). */
export function moduleResolver<M extends { readonly path: string; readonly name: string }>(modules: readonly M[]): ModuleResolver<M> {
  const byFolder = new Map<string, M>();
  const byName = new Map<string, M>();
  for (const m of modules) {
    if (!byFolder.has(m.path)) byFolder.set(m.path, m);
    if (!byName.has(m.name)) byName.set(m.name, m);
  }
  const folderCache = new Map<string, M | null>();
  const moduleOfFolder = (folder: string): M | null => {
    const cached = folderCache.get(folder);
    if (cached !== undefined) return cached;
    const found = byFolder.get(folder) ?? (folder === '' ? null : moduleOfFolder(dirname(folder)));
    folderCache.set(folder, found);
    return found;
  };
  const moduleOfFile = (file: string): M | undefined => byFolder.get(file) ?? moduleOfFolder(dirname(file)) ?? undefined;
  return {
    moduleOf: (path) => moduleOfFile(normalizePath(path)),
    moduleOfFile,
    moduleByName: (name) => byName.get(name),
  };
}
