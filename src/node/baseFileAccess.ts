/**
 * The workspace as it was at the base of a change (`check --changed-since REF`), for the
 * pull-request report's "new findings" and "level changes": the same engine analyses it, so the
 * two analyses differ only where the files differ.
 *
 * A file the change did not touch is the same at the base as in the work tree (that is what
 * "not changed" means: changedFiles compares the base's tree with the work tree), so it is read
 * from the work tree, the one checked way. A changed file is read from the base's tree through
 * the git reader (nothing run), or is absent when the base had none. Reading only the changed
 * blobs keeps the base analysis as fast as the head's.
 */
import { dirname, scanResultOf, type DirEntry, type FileAccess, type FileStat, type ScanResult } from '../core/fs';
import { compareStrings } from '../core/walk';
import type { FileListing } from '../core/api';
import type { ChangesSince } from './git';

/** The largest file read from the base (the engine's own limits are smaller). */
const MAX_BASE_BYTES = 64 * 1024 * 1024;

function missing(path: string): Error {
  return Object.assign(new Error(`not in the base: ${path}`), { code: 'ENOENT' });
}

export class BaseFileAccess implements FileAccess {
  private readonly changed: ReadonlySet<string>;
  private files: string[] | null = null;
  private folders: Map<string, DirEntry[]> | null = null;

  /** `headFiles`: the work tree's listing (root-relative, sorted). */
  constructor(
    private readonly work: FileAccess,
    private readonly changes: ChangesSince,
    private readonly headFiles: readonly string[],
  ) {
    this.changed = new Set(changes.files);
  }

  /** The base's files: the unchanged ones of the work tree, and the changed ones the base has. */
  async listing(): Promise<string[]> {
    if (this.files) return this.files;
    const files = this.headFiles.filter((f) => !this.changed.has(f));
    for (const f of this.changes.files) if (this.changes.inBase(f)) files.push(f);
    this.files = files.sort(compareStrings);
    return this.files;
  }

  /** For AnalyzeOptions.listFiles: the base's list, as git would have given it. */
  async listFiles(): Promise<FileListing> {
    const files = await this.listing();
    return { source: 'git', files, unread: [], problems: [], lists: async () => false };
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    if (!this.folders) {
      const folders = new Map<string, Map<string, DirEntry>>();
      const add = (folder: string, entry: DirEntry) => {
        let entries = folders.get(folder);
        if (!entries) folders.set(folder, (entries = new Map()));
        if (!entries.has(entry.name)) entries.set(entry.name, entry);
      };
      for (const file of await this.listing()) {
        let child = file;
        let kind: DirEntry['kind'] = 'file';
        while (child !== '') {
          const folder = dirname(child);
          add(folder, { name: folder === '' ? child : child.slice(folder.length + 1), kind });
          child = folder;
          kind = 'directory';
        }
      }
      this.folders = new Map([...folders].map(([k, v]) => [k, [...v.values()].sort((a, b) => compareStrings(a.name, b.name))]));
    }
    const entries = this.folders.get(path);
    if (!entries) throw missing(path);
    return entries;
  }

  async readFile(path: string): Promise<Uint8Array> {
    const read = await this.readFileWithin(path, MAX_BASE_BYTES);
    if (read instanceof Uint8Array) return read;
    throw Object.assign(new Error(`file too large to read (${read.tooLarge} bytes): ${path}`), { code: 'EFBIG' });
  }

  async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    if (!this.changed.has(path)) return this.work.readFileWithin ? this.work.readFileWithin(path, maxBytes) : this.work.readFile(path);
    const read = await this.changes.readBase(path, maxBytes);
    if (read === 'absent') throw missing(path);
    return read;
  }

  async stat(path: string): Promise<FileStat> {
    if (this.changed.has(path)) {
      const read = await this.changes.readBase(path, MAX_BASE_BYTES);
      if (read === 'absent') throw missing(path);
      return { kind: 'file', size: read instanceof Uint8Array ? read.length : read.tooLarge };
    }
    return this.work.stat(path);
  }

  async scanFiles(paths: readonly string[], maxBytes: number, marker: string): Promise<ScanResult[]> {
    const out = new Array<ScanResult>(paths.length);
    const unchanged: number[] = [];
    for (let i = 0; i < paths.length; i++) {
      if (!this.changed.has(paths[i])) {
        unchanged.push(i);
        continue;
      }
      out[i] = await this.scanChanged(paths[i], maxBytes, marker);
    }
    if (unchanged.length > 0) {
      const work = this.work.scanFiles
        ? await this.work.scanFiles(unchanged.map((i) => paths[i]), maxBytes, marker)
        : await Promise.all(unchanged.map((i) => this.scanChanged(paths[i], maxBytes, marker)));
      unchanged.forEach((i, k) => (out[i] = work[k]));
    }
    return out;
  }

  private async scanChanged(path: string, maxBytes: number, marker: string): Promise<ScanResult> {
    return scanResultOf(await this.readFileWithin(path, maxBytes).catch((error: unknown) => ({ error })), marker);
  }
}
