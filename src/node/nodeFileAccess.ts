/**
 * The node:fs adapter of the core's FileAccess port. Paths in are root-relative with
 * forward slashes ("" = the root); links are reported as links by readDirectory (lstat
 * semantics) and followed by stat; realPath gives the canonical folder for loop detection.
 *
 * Speed (bench/README.md): by default the calls are synchronous behind the promise interface.
 * A CLI has nothing else to do meanwhile, and on a warm cache a synchronous read costs about
 * half the CPU of a thread-pool round trip per call; `fs.promises.readFile` costs about six
 * times as much (a FileHandle, then open, fstat, read and close as separate promise hops).
 * `{ blocking: false }` uses node:fs's callback API instead, for a host whose event loop must
 * stay responsive (an extension host's main thread).
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DirEntry, FileAccess, FileKind, FileStat, ScanResult } from '../core/fs';

function kindOfDirent(entry: fs.Dirent): FileKind {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  return 'other';
}

/** A node:fs callback call as a promise. */
function call<T>(start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => start((error, value) => (error ? reject(error) : resolve(value))));
}

function byName(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export interface NodeFileAccessOptions {
  /** Synchronous node:fs calls (default true): fastest; false keeps the event loop free. */
  blocking?: boolean;
}

export class NodeFileAccess implements FileAccess {
  private readonly blocking: boolean;
  private readonly prefix: string;

  /** `root` is an absolute folder. */
  constructor(
    readonly root: string,
    options: NodeFileAccessOptions = {},
  ) {
    this.blocking = options.blocking ?? true;
    this.prefix = root.endsWith(nodePath.sep) ? root : root + nodePath.sep;
  }

  /** The absolute path of a root-relative path. Refuses paths that climb out of the root. */
  absolute(path: string): string {
    if (path === '') return this.root;
    if (path.includes('..') && path.split('/').some((p) => p === '..')) {
      throw Object.assign(new Error(`path outside the root: ${path}`), { code: 'EACCES' });
    }
    // The engine's paths are already clean (no `.`, no empty segments): join without normalising.
    if (!path.includes('./') && !path.includes('//') && !path.startsWith('/') && !path.endsWith('/') && path !== '.') {
      return this.prefix + (nodePath.sep === '/' ? path : path.replace(/\//g, nodePath.sep));
    }
    return nodePath.join(this.root, ...path.split('/'));
  }

  /** Run a node:fs call synchronously, or through its callback form. */
  private run<T>(sync: () => T, start: (done: (error: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
    if (!this.blocking) return call(start);
    try {
      return Promise.resolve(sync());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const folder = this.absolute(path);
    const entries = await this.run(
      () => fs.readdirSync(folder, { withFileTypes: true }),
      (done) => fs.readdir(folder, { withFileTypes: true }, done),
    );
    const out: DirEntry[] = [];
    for (const entry of entries) {
      let kind = kindOfDirent(entry);
      if (kind === 'other' && !entry.isFIFO() && !entry.isSocket() && !entry.isBlockDevice() && !entry.isCharacterDevice()) {
        // Some file systems report DT_UNKNOWN: ask lstat.
        try {
          const at = nodePath.join(folder, entry.name);
          const st = await this.run(() => fs.lstatSync(at), (done) => fs.lstat(at, done));
          kind = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other';
        } catch {
          kind = 'other';
        }
      }
      out.push({ name: entry.name, kind });
    }
    return out.sort(byName);
  }

  async readFile(path: string): Promise<Uint8Array> {
    const file = this.absolute(path);
    return this.run(() => fs.readFileSync(file), (done) => fs.readFile(file, done));
  }

  /** open, fstat, read, close: the size check costs no extra path lookup. */
  async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    const file = this.absolute(path);
    if (this.blocking) return readWithinSync(file, maxBytes);
    const fd = await call<number>((done) => fs.open(file, 'r', done));
    try {
      const { size } = await call<fs.Stats>((done) => fs.fstat(fd, done));
      if (size > maxBytes) return { tooLarge: size };
      // Read what fstat announced (a file that grows meanwhile is read as it was then).
      const buffer = Buffer.allocUnsafe(size);
      let length = 0;
      while (length < size) {
        const n = await call<number>((done) => fs.read(fd, buffer, length, size - length, length, done));
        if (n === 0) break;
        length += n;
      }
      return buffer.subarray(0, length);
    } finally {
      fs.close(fd, () => undefined);
    }
  }

  async stat(path: string): Promise<FileStat> {
    const file = this.absolute(path);
    const st = await this.run(() => fs.statSync(file), (done) => fs.stat(file, done));
    return { kind: st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other', size: st.size };
  }

  /**
   * Scan many files for `marker` on worker threads (one per core, at most 4), so that reading a
   * large workspace's source files runs beside the rest of the analysis and off the caller's
   * thread; a small batch is scanned in place (a worker costs some milliseconds to start).
   */
  async scanFiles(paths: readonly string[], maxBytes: number, marker: string): Promise<ScanResult[]> {
    const absolute: string[] = [];
    const refused = new Map<number, ScanResult>();
    paths.forEach((p, i) => {
      try {
        absolute.push(this.absolute(p));
      } catch (error) {
        absolute.push('');
        refused.set(i, { kind: 'error', code: (error as NodeJS.ErrnoException).code, message: (error as Error).message });
      }
    });
    const workers = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
    let parts: ScanOutput[];
    if (paths.length < SCAN_IN_PLACE_BELOW) {
      parts = [scanSync({ fs, isUtf8 }, absolute, maxBytes, marker)];
    } else {
      // Interleaved shares: neighbouring files are alike in size.
      const shares = Array.from({ length: workers }, (_, w) => absolute.filter((_, i) => i % workers === w));
      parts = await Promise.all(shares.map((share) => scanOnWorker(share, maxBytes, marker)));
    }
    const out = new Array<ScanResult>(paths.length);
    parts.forEach((part, w) => {
      const indexOf = (k: number) => (parts.length === 1 ? k : k * parts.length + w);
      for (let k = 0; k < part.kinds.length; k++) out[indexOf(k)] = PLAIN;
      for (const extra of part.extras) out[indexOf(extra.at)] = extra.result;
    });
    for (const [i, result] of refused) out[i] = result;
    return out;
  }

  async realPath(path: string): Promise<string> {
    const file = this.absolute(path);
    return this.run(() => fs.realpathSync(file), (done) => fs.realpath(file, done));
  }
}

/** Scratch space for synchronous reads: most source files fit, so most reads need no fstat. */
const scratch = Buffer.allocUnsafe(64 * 1024);

function readWithinSync(file: string, maxBytes: number): Uint8Array | { tooLarge: number } {
  const fd = fs.openSync(file, 'r');
  try {
    // A short read of a regular file means its end: copy it out, no fstat needed.
    const first = fs.readSync(fd, scratch, 0, scratch.length, 0);
    if (first < scratch.length) return first > maxBytes ? { tooLarge: first } : new Uint8Array(scratch.subarray(0, first));
    const { size } = fs.fstatSync(fd);
    if (size > maxBytes) return { tooLarge: size };
    const buffer = Buffer.allocUnsafe(Math.max(size, first));
    scratch.copy(buffer, 0, 0, first);
    let length = first;
    while (length < buffer.length) {
      const n = fs.readSync(fd, buffer, length, buffer.length - length, length);
      if (n === 0) break;
      length += n;
    }
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** Below this many files, starting workers costs more than it saves. */
const SCAN_IN_PLACE_BELOW = 2000;
const PLAIN: ScanResult = Object.freeze({ kind: 'plain' }) as ScanResult;

interface ScanOutput {
  /** One entry per file; the non-plain ones are also in `extras`. */
  kinds: Uint8Array;
  extras: Array<{ at: number; result: ScanResult }>;
}

interface ScanDeps {
  fs: typeof fs;
  isUtf8: (input: Uint8Array) => boolean;
}

/**
 * Read each file (within maxBytes) and classify it. Self-contained (its dependencies come in
 * `deps`): its source is also what the worker threads run.
 */
function scanSync(deps: ScanDeps, paths: readonly string[], maxBytes: number, marker: string): ScanOutput {
  const kinds = new Uint8Array(paths.length);
  const extras: ScanOutput['extras'] = [];
  const needle = Buffer.from(marker, 'utf8');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const scratch = Buffer.allocUnsafe(64 * 1024);
  for (let i = 0; i < paths.length; i++) {
    if (paths[i] === '') continue;
    let bytes: Buffer;
    let fd = -1;
    try {
      fd = deps.fs.openSync(paths[i], 'r');
      // Most files fit the scratch buffer: one read, no fstat, no copy.
      const first = deps.fs.readSync(fd, scratch, 0, scratch.length, 0);
      if (first < scratch.length) {
        if (first > maxBytes) {
          kinds[i] = 1;
          extras.push({ at: i, result: { kind: 'tooLarge', size: first } });
          continue;
        }
        bytes = scratch.subarray(0, first);
      } else {
        const size = deps.fs.fstatSync(fd).size;
        if (size > maxBytes) {
          kinds[i] = 1;
          extras.push({ at: i, result: { kind: 'tooLarge', size } });
          continue;
        }
        bytes = Buffer.allocUnsafe(Math.max(size, first));
        scratch.copy(bytes, 0, 0, first);
        let length = first;
        while (length < bytes.length) {
          const n = deps.fs.readSync(fd, bytes, length, bytes.length - length, length);
          if (n === 0) break;
          length += n;
        }
        bytes = bytes.subarray(0, length);
      }
    } catch (error) {
      const e = error as { code?: string; message?: string };
      kinds[i] = 1;
      extras.push({ at: i, result: { kind: 'error', code: e.code, message: String(e.message ?? error) } });
      continue;
    } finally {
      if (fd >= 0) deps.fs.closeSync(fd);
    }
    // As decodeText decides: a NUL byte in the first 8 KB, or bytes that are not UTF-8.
    if (bytes.subarray(0, Math.min(bytes.length, 8000)).indexOf(0) >= 0 || !deps.isUtf8(bytes)) {
      kinds[i] = 1;
      extras.push({ at: i, result: { kind: 'binary' } });
      continue;
    }
    // The marker is ASCII: its bytes occur in the UTF-8 bytes exactly where it occurs in the text.
    if (bytes.indexOf(needle) < 0) continue;
    let text = decoder.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    kinds[i] = 1;
    extras.push({ at: i, result: { kind: 'text', text } });
  }
  return { kinds, extras };
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const deps = { fs: require('node:fs'), isUtf8: require('node:buffer').isUtf8 };
const scanSync = ${scanSync.toString()};
const out = scanSync(deps, workerData.paths, workerData.maxBytes, workerData.marker);
parentPort.postMessage(out, [out.kinds.buffer]);
`;

function scanOnWorker(paths: readonly string[], maxBytes: number, marker: string): Promise<ScanOutput> {
  return new Promise<ScanOutput>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { paths, maxBytes, marker } });
    } catch {
      // No worker threads here: scan in place.
      resolve(scanSync({ fs, isUtf8 }, paths, maxBytes, marker));
      return;
    }
    let done = false;
    worker.once('message', (out: ScanOutput) => {
      done = true;
      resolve(out);
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (!done) reject(error);
    });
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`the file scanner stopped (exit code ${code})`));
    });
  });
}
