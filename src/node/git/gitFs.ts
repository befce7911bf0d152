/**
 * The file system isomorphic-git sees: read-only, and confined to one repository's git data.
 *
 * isomorphic-git is given a virtual git directory. A path inside it maps to the per-worktree
 * git directory (HEAD, index and the other per-worktree files of a linked worktree) or to the
 * common directory (objects, refs, packed-refs, config); any other path, a path that climbs out
 * with `..`, or one that passes through a symbolic link leading outside the real directory, is
 * "not found". Regular files only, opened without following a final link, and size-checked
 * before reading. Every write fails. isomorphic-git never runs a program, and it does not read
 * `objects/info/alternates`; were it to, this confinement keeps it inside the repository.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';

/** Pack files are read whole by isomorphic-git: refuse ones that would exhaust memory. */
export const MAX_GIT_FILE_BYTES = 1024 * 1024 * 1024;

/** Files of a linked worktree's own git directory; everything else lives in the common directory. */
const PER_WORKTREE = new Set(['HEAD', 'ORIG_HEAD', 'FETCH_HEAD', 'MERGE_HEAD', 'CHERRY_PICK_HEAD', 'REVERT_HEAD', 'index']);

function notFound(path: string, why: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOENT: ${why}: ${path}`), { code: 'ENOENT', path });
}

function readOnly(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`EROFS: Northstar reads git data only: ${path}`), { code: 'EROFS', path });
}

function isInside(real: string, base: string): boolean {
  return real === base || real.startsWith(base.endsWith(nodePath.sep) ? base : base + nodePath.sep);
}

export class ConfinedGitFs {
  /** The path isomorphic-git is given as `gitdir`. */
  readonly virtualGitDir: string;
  private readonly checkedFolders = new Map<string, boolean>();

  constructor(
    private readonly gitDir: string,
    private readonly commonDir: string,
  ) {
    this.virtualGitDir = gitDir;
  }

  /** The real path for a virtual one, or an ENOENT error. */
  private map(path: string): string {
    const relative = nodePath.relative(this.virtualGitDir, nodePath.resolve(path));
    if (relative === '') return this.gitDir;
    if (relative.startsWith('..') || nodePath.isAbsolute(relative)) throw notFound(path, 'outside the git directory');
    const parts = relative.split(nodePath.sep);
    const perWorktree =
      (parts.length === 1 && PER_WORKTREE.has(parts[0])) ||
      (parts[0] === 'refs' && (parts[1] === 'worktree' || parts[1] === 'bisect')) ||
      (parts[0] === 'logs' && parts[1] === 'HEAD');
    const base = perWorktree ? this.gitDir : this.commonDir;
    const real = nodePath.join(base, relative);
    // The folder that holds the file must really be inside `base` (no link out on the way).
    const folder = nodePath.dirname(real);
    let ok = this.checkedFolders.get(folder);
    if (ok === undefined) {
      try {
        ok = isInside(fs.realpathSync(folder), base);
      } catch {
        ok = false;
      }
      this.checkedFolders.set(folder, ok);
    }
    if (!ok) throw notFound(path, 'not inside the git directory');
    return real;
  }

  readonly promises = {
    readFile: async (path: string, options?: string | { encoding?: string | null }): Promise<Buffer | string> => {
      const real = this.map(path);
      const encoding = typeof options === 'string' ? options : options?.encoding;
      let fd: number;
      try {
        fd = fs.openSync(real, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // A final symbolic link (ELOOP with O_NOFOLLOW) is treated as absent.
        if (code === 'ELOOP' || code === 'EMLINK') throw notFound(path, 'a symbolic link (not followed)');
        throw error;
      }
      try {
        const st = fs.fstatSync(fd);
        if (st.isDirectory()) throw Object.assign(new Error(`EISDIR: ${path}`), { code: 'EISDIR', path });
        if (!st.isFile()) throw notFound(path, 'not a regular file');
        if (st.size > MAX_GIT_FILE_BYTES) throw Object.assign(new Error(`git file too large (${st.size} bytes): ${path}`), { code: 'EFBIG', path });
        const buffer = Buffer.allocUnsafe(st.size);
        let length = 0;
        while (length < st.size) {
          const n = fs.readSync(fd, buffer, length, st.size - length, length);
          if (n === 0) break;
          length += n;
        }
        const bytes = buffer.subarray(0, length);
        return encoding ? bytes.toString(encoding as BufferEncoding) : bytes;
      } finally {
        fs.closeSync(fd);
      }
    },
    stat: async (path: string): Promise<fs.Stats> => fs.lstatSync(this.map(path)),
    lstat: async (path: string): Promise<fs.Stats> => fs.lstatSync(this.map(path)),
    readdir: async (path: string): Promise<string[]> => fs.readdirSync(this.map(path)),
    readlink: async (path: string): Promise<never> => {
      throw notFound(path, 'links are not followed');
    },
    writeFile: async (path: string): Promise<never> => {
      throw readOnly(path);
    },
    mkdir: async (path: string): Promise<never> => {
      throw readOnly(path);
    },
    rmdir: async (path: string): Promise<never> => {
      throw readOnly(path);
    },
    unlink: async (path: string): Promise<never> => {
      throw readOnly(path);
    },
    symlink: async (path: string): Promise<never> => {
      throw readOnly(path);
    },
    chmod: async (path: string): Promise<never> => {
      throw readOnly(path);
    },
  };
}
