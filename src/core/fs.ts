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
}

export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Is `path` inside `folder` (or equal to it)? Root "" contains everything. */
export function isInside(path: string, folder: string): boolean {
  return folder === '' || path === folder || path.startsWith(folder + '/');
}

/** Normalise user input to the root-relative form: forward slashes, no `./`, no trailing `/`. */
export function normalizePath(path: string): string {
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

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  write(path: string, content: string | Uint8Array): void {
    this.files.set(normalizePath(path), typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }

  delete(path: string): void {
    this.files.delete(normalizePath(path));
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  private fail(path: string): void {
    const why = this.unreadable.get(path);
    if (why !== undefined) throw Object.assign(new Error(`${why}: ${path}`), { code: why });
  }

  private isDir(path: string): boolean {
    if (path === '') return true;
    const prefix = path + '/';
    for (const key of this.files.keys()) if (key.startsWith(prefix)) return true;
    for (const key of this.links.keys()) if (key.startsWith(prefix)) return true;
    return false;
  }

  private resolve(path: string, depth = 0): string {
    if (depth > 40) throw Object.assign(new Error(`ELOOP: too many symbolic links: ${path}`), { code: 'ELOOP' });
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
    const prefix = real === '' ? '' : real + '/';
    const entries = new Map<string, DirEntry>();
    for (const key of [...this.files.keys(), ...this.links.keys()]) {
      if (!key.startsWith(prefix)) continue;
      const rest = key.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash < 0 ? rest : rest.slice(0, slash);
      const full = prefix + name;
      if (this.links.has(full)) entries.set(name, { name, kind: 'symlink' });
      else if (!entries.has(name)) entries.set(name, { name, kind: slash < 0 ? 'file' : 'directory' });
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
