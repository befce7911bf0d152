/**
 * The core's only way to the file system. The CLI adapts node:fs to it, the extension
 * adapts vscode.workspace.fs, and tests use the in-memory workspace (which can inject
 * faults: unreadable files and folders, files that change while read).
 *
 * Every path given to a FileAccess is relative to the workspace root, with forward
 * slashes; the root itself is "".
 */

export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: FileKind;
  /** The name on disk is not valid UTF-8 (`name` then holds U+FFFD and names no file): the walk reports it. */
  invalidName?: boolean;
}

export interface FileStat {
  /** Kind after following symbolic links. */
  kind: FileKind;
  size: number;
}

export interface FileAccess {
  /** Entries of a folder; `kind` is 'symlink' for a link (not followed). */
  readDirectory(path: string): Promise<DirEntry[]>;
  readFile(path: string): Promise<Uint8Array>;
  /** Follows symbolic links; rejects for a dangling link or a loop. */
  stat(path: string): Promise<FileStat>;
  /** Canonical identity of a folder (real path), used to detect symlink loops. Optional. */
  realPath?(path: string): Promise<string>;
  /**
   * Optional: read a file unless it is larger than `maxBytes`, in one call, so that the engine
   * need not `stat` every file before reading it. Resolves to the bytes, or to the size of a
   * file that is too large (without reading it). Without it the engine stats, then reads.
   */
  readFileWithin?(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }>;
  /**
   * Optional: look for `marker` in many files at once (the CLI's adapter does it on worker
   * threads). One result per path, in order: see ScanResult. The engine reads source files only
   * for `northstar:priority` tags, so most of them need no decoding at all.
   */
  scanFiles?(paths: readonly string[], maxBytes: number, marker: string): Promise<ScanResult[]>;
  /**
   * Optional: scanFiles for paths given while they are still being found (the walk hands each
   * folder's files over as it lists them), so that reading the source files runs beside the walk.
   */
  startScan?(maxBytes: number, marker: string): ScanSession;
}

/** A scan fed while the files are found (FileAccess.startScan). */
export interface ScanSession {
  add(paths: readonly string[]): void;
  /** Every path added, in the order added, with its result (as scanFiles gives it). No add() after. */
  finish(): Promise<{ paths: string[]; results: ScanResult[] }>;
}

/** What scanning one file for a marker found (FileAccess.scanFiles). */
export type ScanResult =
  /** UTF-8 text without the marker. */
  | { kind: 'plain' }
  /** UTF-8 text with the marker: the text, decoded as decodeText does. */
  | { kind: 'text'; text: string }
  /** Not UTF-8 text (a NUL byte in the first 8 KB, or invalid UTF-8). */
  | { kind: 'binary' }
  | { kind: 'tooLarge'; size: number }
  /** The file could not be read: the error's code and message. */
  | { kind: 'error'; code?: string; message: string };

export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Is `path` directly in `folder` ('' for the root): `dirname(path) === folder`, without slicing (for loops over a sorted list, whose files of one folder mostly come in a row). */
export function directlyIn(path: string, folder: string): boolean {
  if (folder === '') return path.indexOf('/') < 0;
  return path.length > folder.length + 1 && path.charCodeAt(folder.length) === 47 && path.startsWith(folder) && path.indexOf('/', folder.length + 1) < 0;
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Is `path` inside `folder` (or equal to it)? Root "" contains everything. */
/** The first index of `sorted` (code-unit order) whose entry is not less than `key`. */
export function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function isInside(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(folder + '/');
}

/** Normalise user input to the root-relative form: forward slashes, no `./`, no trailing `/`. */
/** Anything normalizePath would change: a backslash, `//`, a leading `./` or `/`, a trailing `/`, a lone `.`. */
const NEEDS_NORMALIZING = /\\|\/\/|^\.\/|^\/|\/$|^\.$/;

export function normalizePath(path: string): string {
  // Most paths come from the walk and are clean: one test instead of five string scans.
  if (!NEEDS_NORMALIZING.test(path)) return path;
  let p = path.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/{2,}/g, '/');
  if (p.startsWith('/')) p = p.slice(1);
  if (p.endsWith('/')) p = p.slice(0, -1);
  if (p === '.') p = '';
  return p;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 (a leading BOM dropped); null when the bytes are not UTF-8 text. */
export function decodeText(bytes: Uint8Array): string | null {
  // A NUL byte in the first 8 KB marks a binary file, as git decides.
  const probe = Math.min(bytes.length, 8000);
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) return null;
  try {
    const text = decoder.decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    return null;
  }
}

/** A workspace held in memory, for tests and for unsaved editor buffers layered on disk. */
export class InMemoryFileAccess implements FileAccess {
  private readonly files = new Map<string, Uint8Array>();
  /** Paths whose read fails, with the error message (fault injection). */
  readonly unreadable = new Map<string, string>();
  /** Symbolic links: path → target path (root-relative). */
  readonly links = new Map<string, string>();
  /**
   * Folder → names of the files and folders directly inside it, built from `files` on first
   * use and dropped on every write or delete: readDirectory stays O(entries), not O(files).
   * Links are few and may be set at any time, so they are looked at on each call instead.
   */
  private tree: Map<string, Map<string, FileKind>> | null = null;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    const p = normalizePath(path);
    if (this.tree && !this.files.has(p)) this.tree = null;
    this.files.set(p, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    if (this.files.delete(normalizePath(path))) this.tree = null;
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  private index(): Map<string, Map<string, FileKind>> {
    if (this.tree) return this.tree;
    const tree = new Map<string, Map<string, FileKind>>([['', new Map()]]);
    for (const path of this.files.keys()) {
      let child = path;
      let kind: FileKind = 'file';
      for (;;) {
        const folder = dirname(child);
        let entries = tree.get(folder);
        const known = entries !== undefined;
        if (!entries) tree.set(folder, (entries = new Map()));
        if (!entries.has(basename(child))) entries.set(basename(child), kind);
        // A folder already indexed has its parents indexed too.
        if (folder === '' || known) break;
        child = folder;
        kind = 'directory';
      }
    }
    this.tree = tree;
    return tree;
  }

  private fail(path: string): void {
    const why = this.unreadable.get(path);
    if (why !== undefined) throw Object.assign(new Error(`${why}: ${path}`), { code: why });
  }

  private isDir(path: string): boolean {
    if (path === '') return true;
    if (this.index().has(path)) return true;
    const prefix = path + '/';
    for (const key of this.links.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  private resolve(path: string, depth = 0): string {
    if (depth > 40) throw Object.assign(new Error(`ELOOP: too many symbolic links: ${path}`), { code: 'ELOOP' });
    if (this.links.size === 0) return path;
    const parts = path === '' ? [] : path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const head = parts.slice(0, i).join('/');
      const target = this.links.get(head);
      if (target !== undefined) {
        const rest = parts.slice(i).join('/');
        return this.resolve(rest ? joinPath(target, rest) : target, depth + 1);
      }
    }
    return path;
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    path = normalizePath(path);
    this.fail(path);
    const real = this.resolve(path);
    if (!this.isDir(real)) throw Object.assign(new Error(`ENOENT: no such folder: ${path}`), { code: 'ENOENT' });
    const entries = new Map<string, DirEntry>();
    for (const [name, kind] of this.index().get(real) ?? []) entries.set(name, { name, kind });
    // Links (and folders that exist only because a link is inside them).
    const prefix = real === '' ? '' : real + '/';
    for (const key of this.links.keys()) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      if (this.links.has(prefix + name)) entries.set(name, { name, kind: 'symlink' });
      else if (!entries.has(name)) entries.set(name, { name, kind: 'directory' });
    }
    return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async readFile(path: string): Promise<Uint8Array> {
    path = normalizePath(path);
    this.fail(path);
    const content = this.files.get(this.resolve(path));
    if (!content) throw Object.assign(new Error(`ENOENT: no such file: ${path}`), { code: 'ENOENT' });
    return content;
  }

  async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    const content = await this.readFile(path);
    return content.length > maxBytes ? { tooLarge: content.length } : content;
  }

  async stat(path: string): Promise<FileStat> {
    path = normalizePath(path);
    const real = this.resolve(path);
    const content = this.files.get(real);
    if (content) return { kind: 'file', size: content.length };
    if (this.isDir(real)) return { kind: 'directory', size: 0 };
    throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  }

  async realPath(path: string): Promise<string> {
    return this.resolve(normalizePath(path));
  }
}

/**
 * What scanning one file for `marker` found, from the read (FileAccess.readFileWithin's answer)
 * or the error that refused it: the one reading of bytes as a ScanResult for every adapter that
 * scans file by file.
 */
export function scanResultOf(read: Uint8Array | { tooLarge: number } | { error: unknown }, marker: string): ScanResult {
  if (!(read instanceof Uint8Array) && 'error' in read) {
    const e = read.error as { code?: string; message?: string };
    return { kind: 'error', ...(e.code ? { code: e.code } : {}), message: String(e.message ?? read.error) };
  }
  if (!(read instanceof Uint8Array)) return { kind: 'tooLarge', size: read.tooLarge };
  const text = decodeText(read);
  if (text === null) return { kind: 'binary' };
  return text.includes(marker) ? { kind: 'text', text } : { kind: 'plain' };
}
