/**
 * The node:fs adapter of the core's FileAccess port. Paths in are root-relative with
 * forward slashes ("" = the root); links are reported as links by readDirectory (lstat
 * semantics) and followed by stat; realPath gives the canonical folder for loop detection.
 */
import { promises as fsp, type Dirent } from 'node:fs';
import * as nodePath from 'node:path';
import type { DirEntry, FileAccess, FileKind, FileStat } from '../core/fs';

function kindOfDirent(entry: Dirent): FileKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

export class NodeFileAccess implements FileAccess {
  /** `root` is an absolute folder. */
  constructor(readonly root: string) {}

  /** The absolute path of a root-relative path. Refuses paths that climb out of the root. */
  absolute(path: string): string {
    const parts = path === '' ? [] : path.split('/');
    if (parts.some((p) => p === '..')) throw Object.assign(new Error(`path outside the root: ${path}`), { code: 'EACCES' });
    return parts.length === 0 ? this.root : nodePath.join(this.root, ...parts);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = await fsp.readdir(this.absolute(path), { withFileTypes: true });
    const out: DirEntry[] = [];
    for (const entry of entries) {
      let kind = kindOfDirent(entry);
      if (kind === 'other' && !entry.isFIFO() && !entry.isSocket() && !entry.isBlockDevice() && !entry.isCharacterDevice()) {
        // Some file systems report DT_UNKNOWN: ask lstat.
        try {
          const st = await fsp.lstat(nodePath.join(this.absolute(path), entry.name));
          kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
        } catch {
          kind = 'other';
        }
      }
      out.push({ name: entry.name, kind });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async readFile(path: string): Promise<Uint8Array> {
    return fsp.readFile(this.absolute(path));
  }

  async stat(path: string): Promise<FileStat> {
    const st = await fsp.stat(this.absolute(path));
    return { kind: st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other', size: st.size };
  }

  async realPath(path: string): Promise<string> {
    return fsp.realpath(this.absolute(path));
  }
}
