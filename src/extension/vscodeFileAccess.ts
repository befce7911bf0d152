/**
 * The vscode.workspace.fs adapter of the core's FileAccess port, for one workspace folder.
 * Paths in are root-relative with forward slashes ("" = the folder itself).
 */
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { DirEntry, FileAccess, FileKind, FileStat } from '../core/fs';

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
  constructor(readonly root: vscode.Uri) {}

  uriOf(path: string): vscode.Uri {
    if (path === '') return this.root;
    const parts = path.split('/');
    if (parts.some((p) => p === '..')) throw Object.assign(new Error(`path outside the root: ${path}`), { code: 'EACCES' });
    return vscode.Uri.joinPath(this.root, ...parts);
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
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
    try {
      return await vscode.workspace.fs.readFile(this.uriOf(path));
    } catch (error) {
      throw withCode(error);
    }
  }

  async stat(path: string): Promise<FileStat> {
    try {
      const st = await vscode.workspace.fs.stat(this.uriOf(path));
      return { kind: kindOf(st.type, true), size: st.size };
    } catch (error) {
      throw withCode(error);
    }
  }

  /** Symbolic-link loop detection; only local files have a real path to ask for. */
  async realPath(path: string): Promise<string> {
    const uri = this.uriOf(path);
    if (uri.scheme !== 'file') return uri.toString();
    return fsp.realpath(uri.fsPath);
  }
}
