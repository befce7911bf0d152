/**
 * The vscode.workspace.fs adapter of the core's FileAccess port, for one workspace folder.
 * Paths in are root-relative with forward slashes ("" = the folder itself).
 *
 * A folder on the local disk (`file:`, which is also what a remote extension host sees) is
 * read through node:fs instead, with its non-blocking callback API and the file scanner's
 * worker threads (src/node/nodeFileAccess.ts): through vscode.workspace.fs every call is a
 * round trip through the extension host's file-system service, and the first analysis of a
 * 200,000-file folder took 87 s instead of a few (DESIGN habit 9: never block the extension
 * host on a full scan). Other schemes (virtual or remote file systems) keep workspace.fs.
 */
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { NodeFileAccess } from '../node/nodeFileAccess';
import { scanResultOf, type DirEntry, type FileAccess, type FileKind, type FileStat, type ScanResult } from '../core/fs';

function kindOf(type: vscode.FileType, followLinks: boolean): FileKind {
  if (!followLinks && (type & vscode.FileType.SymbolicLink) !== 0) return 'symlink';
  if ((type & vscode.FileType.Directory) !== 0) return 'directory';
  if ((type & vscode.FileType.File) !== 0) return 'file';
  return 'other';
}

/** vscode.FileSystemError codes → the node-style codes the core's messages understand. */
function withCode(error: unknown): unknown {
  if (error instanceof vscode.FileSystemError) {
    const code = error.code === 'FileNotFound' || error.code === 'EntryNotFound' ? 'ENOENT'
      : error.code === 'NoPermissions' ? 'EACCES' : error.code;
    return Object.assign(new Error(error.message), { code });
  }
  return error;
}

export class VscodeFileAccess implements FileAccess {
  /** node:fs for a local folder, without blocking the extension host's event loop. */
  private readonly disk: NodeFileAccess | undefined;

  constructor(readonly root: vscode.Uri) {
    this.disk = root.scheme === 'file' ? new NodeFileAccess(root.fsPath, { blocking: false }) : undefined;
  }

  uriOf(path: string): vscode.Uri {
    if (path === '') return this.root;
    const parts = path.split('/');
    if (parts.some((p) => p === '..')) throw Object.assign(new Error(`path outside the root: ${path}`), { code: 'EACCES' });
    return vscode.Uri.joinPath(this.root, ...parts);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    if (this.disk) return this.disk.readDirectory(path);
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.uriOf(path));
    } catch (error) {
      throw withCode(error);
    }
    return entries
      .map(([name, type]) => ({ name, kind: kindOf(type, false) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async readFile(path: string): Promise<Uint8Array> {
    if (this.disk) return this.disk.readFile(path);
    try {
      return await vscode.workspace.fs.readFile(this.uriOf(path));
    } catch (error) {
      throw withCode(error);
    }
  }

  async stat(path: string): Promise<FileStat> {
    if (this.disk) return this.disk.stat(path);
    try {
      const st = await vscode.workspace.fs.stat(this.uriOf(path));
      return { kind: kindOf(st.type, true), size: st.size };
    } catch (error) {
      throw withCode(error);
    }
  }

  /** Symbolic-link loop detection; only local files have a real path to ask for. */
  async realPath(path: string): Promise<string> {
    if (this.disk) return this.disk.realPath(path);
    const uri = this.uriOf(path);
    if (uri.scheme !== 'file') return uri.toString();
    return fsp.realpath(uri.fsPath);
  }

  /** A size check and a read in one call (local folders; the core stats, then reads, otherwise). */
  async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    if (this.disk) return this.disk.readFileWithin(path, maxBytes);
    const st = await this.stat(path);
    if (st.size > maxBytes) return { tooLarge: st.size };
    return this.readFile(path);
  }

  /**
   * Source files scanned for priority tags on worker threads (local folders), off the
   * extension host's main thread; elsewhere one by one through workspace.fs.
   */
  async scanFiles(paths: readonly string[], maxBytes: number, marker: string): Promise<ScanResult[]> {
    if (this.disk) return this.disk.scanFiles(paths, maxBytes, marker);
    const out = new Array<ScanResult>(paths.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < paths.length; i = next++) out[i] = await scanOne(this, paths[i], maxBytes, marker);
    };
    await Promise.all(Array.from({ length: Math.min(32, paths.length) }, worker));
    return out;
  }
}

async function scanOne(fs: VscodeFileAccess, path: string, maxBytes: number, marker: string): Promise<ScanResult> {
  return scanResultOf(await fs.readFileWithin(path, maxBytes).catch((error: unknown) => ({ error })), marker);
}
