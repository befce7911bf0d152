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
 *
 * Safety (DESIGN section 6): every file is read the one way readCheckedSync / readChecked
 * does, in both modes and on the scanner's worker threads: opened with O_NOFOLLOW|O_NONBLOCK
 * (a FIFO never blocks the open, a link is never followed by the open), then read only when the
 * descriptor (fstat) is a regular file within the size limit and is still the file inside the
 * root (its /proc/<pid>/fd/N link resolves inside the root's real path; without /proc, the
 * real path's lstat must be the descriptor's device and inode). A link inside the root to a
 * file inside the root is followed by its real path; anything else is refused. With
 * `{ links: 'none' }` (the enclosing repository above a subfolder root) no link is followed at
 * all, not even an intermediate folder: the descriptor must be exactly the path asked for.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DirEntry, FileAccess, FileKind, FileStat, ScanResult, ScanSession } from '../core/fs';

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
  /**
   * 'inside' (default): a link is followed when its target is inside the root (as the walk
   * does). 'none': no link is followed anywhere on the path (the enclosing repository's
   * CODEOWNERS, above the workspace root).
   */
  links?: 'inside' | 'none';
}

/** readFile's own limit: nothing reads a file larger than this whole (the engine's limits are lower). */
export const READ_FILE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Where the kernel tells which file a descriptor is (Linux); null elsewhere. By the process id
 * rather than `self`: the same folder (descriptors are the process's, on every thread), one
 * magic link fewer to resolve per read (a tenth of readlink's cost, measured on 50,000 reads).
 */
const PROC_FD: string | null = (() => {
  if (process.platform !== 'linux') return null;
  let self: fs.Stats;
  try {
    self = fs.statSync('/proc/self/fd');
    if (!self.isDirectory()) return null;
  } catch {
    return null;
  }
  // A /proc of another PID namespace may number this process differently: then `self`.
  const own = `/proc/${process.pid}/fd`;
  try {
    const st = fs.statSync(own);
    if (st.isDirectory() && st.dev === self.dev && st.ino === self.ino) return `${own}/`;
  } catch {
    // not there: `self`
  }
  return '/proc/self/fd/';
})();

export class NodeFileAccess implements FileAccess {
  private readonly blocking: boolean;
  private readonly noLinks: boolean;
  private readonly prefix: string;
  private rootRealCache: string | null = null;

  /** `root` is an absolute folder. */
  constructor(
    readonly root: string,
    options: NodeFileAccessOptions = {},
  ) {
    this.blocking = options.blocking ?? true;
    this.noLinks = options.links === 'none';
    this.prefix = root.endsWith(nodePath.sep) ? root : root + nodePath.sep;
  }

  /** The root's real path (asked once): what every descriptor read must resolve inside. */
  private rootReal(): string {
    this.rootRealCache ??= fs.realpathSync(this.root);
    return this.rootRealCache;
  }

  /** What readCheckedSync needs to know about a root-relative path. */
  private target(path: string): ReadTarget {
    const file = this.absolute(path);
    const rootReal = this.rootReal();
    if (!this.noLinks) return { file, rootReal, exact: null, folders: [] };
    // No link anywhere: every folder on the way is a real folder, and the descriptor is this very path.
    const parts = path.split('/');
    const folders: string[] = [];
    for (let i = 1; i < parts.length; i++) folders.push(nodePath.join(this.root, ...parts.slice(0, i)));
    return { file, rootReal, exact: nodePath.join(rootReal, ...parts), folders };
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

  /**
   * Node turns a name that is not UTF-8 into one with U+FFFD in it, which names no file (reading
   * it fails as if it had disappeared). A folder with such a name is read again with its names
   * as bytes (only then: most folders have none), and each bad entry comes back with
   * `invalidName` so that the walk reports it.
   */
  async readDirectory(path: string): Promise<DirEntry[]> {
    const folder = this.absolute(path);
    const entries = await this.run(
      () => fs.readdirSync(folder, { withFileTypes: true }),
      (done) => fs.readdir(folder, { withFileTypes: true }, done),
    );
    let invalid: Set<string> | null = null;
    if (entries.some((e) => e.name.includes('\ufffd'))) {
      const raw = await this.run(
        () => fs.readdirSync(folder, { encoding: 'buffer' }),
        (done) => fs.readdir(folder, { encoding: 'buffer' }, done),
      );
      invalid = new Set(raw.filter((name) => !isUtf8(name)).map((name) => name.toString('utf8')));
    }
    const out: DirEntry[] = [];
    // An indexed loop: 13,000 folders' first ones are read before this is optimised, where `for…of` makes an iterator result per entry.
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (invalid?.has(entry.name)) {
        out.push({ name: entry.name, kind: kindOfDirent(entry), invalidName: true });
        continue;
      }
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
    // libuv lists a folder sorted by bytes, which is this order for most names: sorted only when not.
    for (let i = 1; i < out.length; i++) if (byName(out[i - 1], out[i]) > 0) return out.sort(byName);
    return out;
  }

  /** The whole file, the one checked way (at most READ_FILE_MAX_BYTES: larger rejects with EFBIG). */
  async readFile(path: string): Promise<Uint8Array> {
    const read = await this.readFileWithin(path, READ_FILE_MAX_BYTES);
    if (read instanceof Uint8Array) return read;
    throw Object.assign(new Error(`file too large to read (${read.tooLarge} bytes): ${path}`), { code: 'EFBIG' });
  }

  /** open (no link, no blocking), fstat (a regular file, inside the root, within the limit), read, close. */
  async readFileWithin(path: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    const target = this.target(path);
    if (this.blocking) return readCheckedSync(SYNC_DEPS, target, maxBytes, scratch);
    return readChecked(target, maxBytes);
  }

  async stat(path: string): Promise<FileStat> {
    const file = this.absolute(path);
    const st = await this.run(() => fs.statSync(file), (done) => fs.stat(file, done));
    return { kind: st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other', size: st.size };
  }

  /**
   * Scan many files for `marker` on worker threads (one per core but one, at most 4), so that reading a
   * large workspace's source files runs beside the rest of the analysis and off the caller's
   * thread; a small batch is scanned in place (a worker costs some milliseconds to start).
   */
  async scanFiles(paths: readonly string[], maxBytes: number, marker: string): Promise<ScanResult[]> {
    const session = this.scanSession(maxBytes, marker);
    session.add(paths);
    return (await session.finish()).results;
  }

  /** scanFiles, fed while the walk lists the files: the workers start reading during the walk. */
  startScan(maxBytes: number, marker: string): ScanSession {
    return this.scanSession(maxBytes, marker);
  }

  private scanSession(maxBytes: number, marker: string): NodeScanSession {
    // Plain absolute paths (cheap to hand to a worker) beside the root's real path; a full
    // target only where links are refused altogether.
    // Only a caller that may block (not an editor's thread) scans batches itself.
    return new NodeScanSession(this.rootReal(), maxBytes, marker, (p) => (this.noLinks ? this.target(p) : this.absolute(p)), this.blocking);
  }

  async realPath(path: string): Promise<string> {
    const file = this.absolute(path);
    return this.run(() => fs.realpathSync(file), (done) => fs.realpath(file, done));
  }
}

/** Scratch space for synchronous reads: most source files fit, so most reads need no second buffer. */
const scratch = Buffer.allocUnsafe(64 * 1024);

/** A file to read: its absolute path, the root's real path, and what the descriptor must be. */
interface ReadTarget {
  file: string;
  rootReal: string;
  /** With links: 'none', the real path the descriptor must have exactly; else null (inside the root is enough). */
  exact: string | null;
  /** With links: 'none', the folders on the way, each of which must be a real folder. */
  folders: string[];
}

/** What the scanner is given per file: an absolute path inside the root ('' = refused before), or a full target. */
type ScanTarget = string | ReadTarget;

interface ReadDeps {
  fs: typeof fs;
  /** '/proc/<pid>/fd/' where the kernel tells a descriptor's path, else null. */
  procFd: string | null;
}

const SYNC_DEPS: ReadDeps = { fs, procFd: PROC_FD };

/**
 * The one checked read, synchronous. Self-contained (its dependencies come in `deps`): its
 * source is also what the scanner's worker threads run. Throws an error with a `code` and a
 * message that says why (ENOTREG, EOUTSIDE, ELOOP, ENOENT…).
 */
function readCheckedSync(deps: ReadDeps, target: ReadTarget, maxBytes: number, scratch: Buffer, copy = true): Uint8Array | { tooLarge: number } {
  const fsx = deps.fs;
  const c = fsx.constants;
  const flags = c.O_RDONLY | (c.O_NOFOLLOW ?? 0) | (c.O_NONBLOCK ?? 0);
  const fail = (code: string, message: string) => Object.assign(new Error(message), { code });
  const base = target.rootReal.endsWith('/') || target.rootReal.endsWith('\\') ? target.rootReal : target.rootReal + (target.rootReal.includes('\\') ? '\\' : '/');
  const allowed = (real: string) => (target.exact !== null ? real === target.exact : real === target.rootReal || real.startsWith(base));
  for (const folder of target.folders) {
    const st = fsx.lstatSync(folder);
    if (st.isSymbolicLink()) throw fail('EOUTSIDE', 'a folder on the way is a symbolic link (not followed above the workspace root)');
    if (!st.isDirectory()) throw fail('ENOTDIR', 'a folder on the way is not a folder');
  }
  let fd: number;
  try {
    fd = fsx.openSync(target.file, flags);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOOP') throw error;
    if (target.exact !== null) throw fail('EOUTSIDE', 'a symbolic link (not followed above the workspace root)');
    // The last name is a link (or a loop, which realpath reports): followed only to a file inside the root.
    let real: string;
    try {
      real = fsx.realpathSync(target.file);
    } catch (failure) {
      const code = (failure as { code?: string }).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw fail('EDANGLING', 'a symbolic link to a missing target');
      throw failure;
    }
    if (!allowed(real)) throw fail('EOUTSIDE', 'a symbolic link to a file outside the workspace (not followed)');
    fd = fsx.openSync(real, flags);
  }
  try {
    const st = fsx.fstatSync(fd);
    if (!st.isFile()) throw fail('ENOTREG', 'not a regular file (a FIFO, socket or device is never read)');
    // The descriptor is the file inside the root, whatever was swapped on the way meanwhile.
    if (deps.procFd !== null) {
      if (!allowed(fsx.readlinkSync(deps.procFd + fd))) throw fail('EOUTSIDE', 'the path changed while being read and led outside the workspace (not followed)');
    } else {
      const real = fsx.realpathSync(target.file);
      const again = fsx.lstatSync(real);
      if (!allowed(real) || again.dev !== st.dev || again.ino !== st.ino) throw fail('EOUTSIDE', 'the path changed while being read and led outside the workspace (not followed)');
    }
    const size = st.size;
    if (size > maxBytes) return { tooLarge: size };
    // Read what fstat announced (a file that grows meanwhile is read as it was then).
    const buffer = size <= scratch.length ? scratch : Buffer.allocUnsafe(size);
    let length = 0;
    while (length < size) {
      const n = fsx.readSync(fd, buffer, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
    // A copy out of the scratch buffer, unless the caller is done with the bytes before the next read.
    return buffer === scratch && copy ? new Uint8Array(scratch.subarray(0, length)) : buffer.subarray(0, length);
  } finally {
    fsx.closeSync(fd);
  }
}

/** readCheckedSync through node:fs's callback API (the event loop stays free). */
async function readChecked(target: ReadTarget, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
  const c = fs.constants;
  const flags = c.O_RDONLY | (c.O_NOFOLLOW ?? 0) | (c.O_NONBLOCK ?? 0);
  const fail = (code: string, message: string) => Object.assign(new Error(message), { code });
  const base = target.rootReal.endsWith(nodePath.sep) ? target.rootReal : target.rootReal + nodePath.sep;
  const allowed = (real: string) => (target.exact !== null ? real === target.exact : real === target.rootReal || real.startsWith(base));
  for (const folder of target.folders) {
    const st = await call<fs.Stats>((done) => fs.lstat(folder, done));
    if (st.isSymbolicLink()) throw fail('EOUTSIDE', 'a folder on the way is a symbolic link (not followed above the workspace root)');
    if (!st.isDirectory()) throw fail('ENOTDIR', 'a folder on the way is not a folder');
  }
  let fd: number;
  try {
    fd = await call<number>((done) => fs.open(target.file, flags, done));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    if (target.exact !== null) throw fail('EOUTSIDE', 'a symbolic link (not followed above the workspace root)');
    let real: string;
    try {
      real = await call<string>((done) => fs.realpath(target.file, done));
    } catch (failure) {
      const code = (failure as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw fail('EDANGLING', 'a symbolic link to a missing target');
      throw failure;
    }
    if (!allowed(real)) throw fail('EOUTSIDE', 'a symbolic link to a file outside the workspace (not followed)');
    fd = await call<number>((done) => fs.open(real, flags, done));
  }
  try {
    const st = await call<fs.Stats>((done) => fs.fstat(fd, done));
    if (!st.isFile()) throw fail('ENOTREG', 'not a regular file (a FIFO, socket or device is never read)');
    if (PROC_FD !== null) {
      const at = await call<string>((done) => fs.readlink(PROC_FD + fd, done));
      if (!allowed(at)) throw fail('EOUTSIDE', 'the path changed while being read and led outside the workspace (not followed)');
    } else {
      const real = await call<string>((done) => fs.realpath(target.file, done));
      const again = await call<fs.Stats>((done) => fs.lstat(real, done));
      if (!allowed(real) || again.dev !== st.dev || again.ino !== st.ino) throw fail('EOUTSIDE', 'the path changed while being read and led outside the workspace (not followed)');
    }
    const size = st.size;
    if (size > maxBytes) return { tooLarge: size };
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

/** Below this many files, starting workers costs more than it saves. */
const SCAN_IN_PLACE_BELOW = 2000;
const PLAIN: ScanResult = Object.freeze({ kind: 'plain' }) as ScanResult;

interface ScanOutput {
  /** One entry per file; the non-plain ones are also in `extras`. */
  kinds: Uint8Array;
  extras: Array<{ at: number; result: ScanResult }>;
}

interface ScanDeps extends ReadDeps {
  isUtf8: (input: Uint8Array) => boolean;
  readCheckedSync: typeof readCheckedSync;
}

/**
 * Read each file (within maxBytes, the one checked way) and classify it. Self-contained (its
 * dependencies come in `deps`): its source is also what the worker threads run.
 */
function scanSync(deps: ScanDeps, targets: readonly ScanTarget[], rootReal: string, maxBytes: number, marker: string): ScanOutput {
  const kinds = new Uint8Array(targets.length);
  const extras: ScanOutput['extras'] = [];
  const needle = Buffer.from(marker, 'utf8');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const scratch = Buffer.allocUnsafe(64 * 1024);
  const plain: ReadTarget = { file: '', rootReal, exact: null, folders: [] };
  for (let i = 0; i < targets.length; i++) {
    const given = targets[i];
    if (given === '') continue;
    let target: ReadTarget;
    if (typeof given === 'string') {
      plain.file = given;
      target = plain;
    } else target = given;
    let bytes: Uint8Array;
    try {
      const read = deps.readCheckedSync(deps, target, maxBytes, scratch, false);
      if (!(read instanceof Uint8Array)) {
        kinds[i] = 1;
        extras.push({ at: i, result: { kind: 'tooLarge', size: read.tooLarge } });
        continue;
      }
      bytes = read;
    } catch (error) {
      const e = error as { code?: string; message?: string };
      kinds[i] = 1;
      extras.push({ at: i, result: { kind: 'error', code: e.code, message: String(e.message ?? error) } });
      continue;
    }
    // The read's own Buffer (a view of the scratch space) where it is one: no second view per file.
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // As decodeText decides: a NUL byte in the first 8 KB, or bytes that are not UTF-8.
    if ((buffer.length <= 8000 ? buffer.indexOf(0) : buffer.subarray(0, 8000).indexOf(0)) >= 0 || !deps.isUtf8(buffer)) {
      kinds[i] = 1;
      extras.push({ at: i, result: { kind: 'binary' } });
      continue;
    }
    // The marker is ASCII: its bytes occur in the UTF-8 bytes exactly where it occurs in the text.
    if (buffer.indexOf(needle) < 0) continue;
    let text = decoder.decode(buffer);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    kinds[i] = 1;
    extras.push({ at: i, result: { kind: 'text', text } });
  }
  return { kinds, extras };
}

/** A batch's claim: 0 while nobody scans it, then who took it (a worker or the caller's thread). */
const UNCLAIMED = 0;
const BY_WORKER = 1;
const BY_CALLER = 2;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const readCheckedSync = ${readCheckedSync.toString()};
const deps = { fs: require('node:fs'), procFd: workerData.procFd, isUtf8: require('node:buffer').isUtf8, readCheckedSync };
const scanSync = ${scanSync.toString()};
parentPort.on('message', (batch) => {
  // A batch the caller's thread took meanwhile is answered empty.
  if (Atomics.compareExchange(batch.claim, 0, ${UNCLAIMED}, ${BY_WORKER}) !== ${UNCLAIMED}) return parentPort.postMessage({ id: batch.id, out: null });
  const out = scanSync(deps, batch.targets, workerData.rootReal, workerData.maxBytes, workerData.marker);
  parentPort.postMessage({ id: batch.id, out }, [out.kinds.buffer]);
});
`;

/** Files handed to a worker at a time: neighbouring files (one folder's) go together. */
const SCAN_BATCH = 512;

/** A scan worker: batches out, their outputs back in order of asking (null: the caller took it); kept alive only while it owes one. */
class ScanWorker {
  private readonly pending = new Map<number, { resolve: (out: ScanOutput | null) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on('message', (message: { id: number; out: ScanOutput | null }) => {
      this.pending.get(message.id)?.resolve(message.out);
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const { reject } of this.pending.values()) reject(this.failure);
      this.pending.clear();
    };
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`the file scanner stopped (exit code ${code})`)));
  }

  scan(targets: readonly ScanTarget[], claim: Int32Array): Promise<ScanOutput | null> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<ScanOutput | null>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, targets, claim });
    });
  }

  close(): void {
    void this.worker.terminate();
  }
}

/**
 * A scan fed while the files are found: below SCAN_IN_PLACE_BELOW files in all it scans in
 * place at finish(); past that it starts the workers and hands them batches as they fill.
 * With `helps`, the caller's thread scans too once finish() is asked, from the last batch
 * back, while the workers go on from the first: each batch goes to whoever claims it first
 * (an atomic claim in shared memory), so a worker slowed by a busy machine holds up nothing.
 */
class NodeScanSession implements ScanSession {
  private readonly paths: string[] = [];
  private readonly targets: ScanTarget[] = [];
  private readonly refused = new Map<number, ScanResult>();
  private workers: ScanWorker[] | null = null;
  private readonly batches: Array<{ start: number; count: number; claim: Int32Array; output: Promise<ScanOutput | null> }> = [];
  private sent = 0;
  private finished: Promise<{ paths: string[]; results: ScanResult[] }> | null = null;

  constructor(
    private readonly rootReal: string,
    private readonly maxBytes: number,
    private readonly marker: string,
    private readonly targetOf: (path: string) => ScanTarget,
    private readonly helps: boolean,
  ) {}

  add(paths: readonly string[]): void {
    if (this.finished) throw new Error('the scan was already finished');
    for (const p of paths) {
      this.paths.push(p);
      try {
        this.targets.push(this.targetOf(p));
      } catch (error) {
        this.refused.set(this.targets.length, { kind: 'error', code: (error as NodeJS.ErrnoException).code, message: (error as Error).message });
        this.targets.push('');
      }
    }
    if (this.workers === null && this.targets.length >= SCAN_IN_PLACE_BELOW) this.workers = startScanWorkers(this.rootReal, this.maxBytes, this.marker);
    while (this.workers !== null && this.workers.length > 0 && this.targets.length - this.sent >= SCAN_BATCH) this.send(SCAN_BATCH);
  }

  private send(count: number): void {
    const workers = this.workers!;
    const start = this.sent;
    const worker = workers[this.batches.length % workers.length];
    const claim = new Int32Array(new SharedArrayBuffer(4));
    this.batches.push({ start, count, claim, output: worker.scan(this.targets.slice(start, start + count), claim) });
    this.sent += count;
  }

  /** The results, asked for once (a second call gives the same promise). */
  finish(): Promise<{ paths: string[]; results: ScanResult[] }> {
    this.finished ??= this.results();
    return this.finished;
  }

  private async results(): Promise<{ paths: string[]; results: ScanResult[] }> {
    const results = new Array<ScanResult>(this.targets.length);
    const place = (start: number, part: ScanOutput) => {
      for (let k = 0; k < part.kinds.length; k++) results[start + k] = PLAIN;
      for (const extra of part.extras) results[start + extra.at] = extra.result;
    };
    const inPlace = (start: number, count: number) =>
      scanSync({ ...SYNC_DEPS, isUtf8, readCheckedSync }, this.targets.slice(start, start + count), this.rootReal, this.maxBytes, this.marker);
    const workers = this.workers;
    try {
      if (workers === null || workers.length === 0) {
        place(0, inPlace(0, this.targets.length));
      } else {
        if (this.targets.length > this.sent) this.send(this.targets.length - this.sent);
        const mine = new Map<number, ScanOutput>();
        if (this.helps) {
          for (let i = this.batches.length - 1; i >= 0; i--) {
            const batch = this.batches[i];
            if (Atomics.compareExchange(batch.claim, 0, UNCLAIMED, BY_CALLER) !== UNCLAIMED) continue;
            mine.set(i, inPlace(batch.start, batch.count));
            // A turn for the event loop between two batches (a few milliseconds each).
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        }
        const outputs = await Promise.all(this.batches.map((b) => b.output));
        outputs.forEach((out, i) => {
          const part = out ?? mine.get(i);
          if (!part) throw new Error('the file scanner skipped a batch nobody else scanned');
          place(this.batches[i].start, part);
        });
      }
    } finally {
      for (const worker of workers ?? []) worker.close();
    }
    for (const [i, result] of this.refused) results[i] = result;
    return { paths: this.paths, results };
  }
}

/**
 * One scan worker per core but one (at least one, at most 4): the analysis' own thread keeps a
 * core, since it walks, reads and parses the other files and builds most of the model meanwhile
 * (on 2 cores, a second worker made the whole check slower). None where worker threads cannot
 * start (then the scan runs in place).
 */
function startScanWorkers(rootReal: string, maxBytes: number, marker: string): ScanWorker[] {
  const count = Math.max(1, Math.min(4, (os.availableParallelism?.() ?? os.cpus().length) - 1));
  const workers: ScanWorker[] = [];
  try {
    for (let i = 0; i < count; i++) {
      workers.push(new ScanWorker(new Worker(WORKER_SOURCE, { eval: true, workerData: { rootReal, maxBytes, marker, procFd: PROC_FD } })));
    }
  } catch {
    for (const worker of workers) worker.close();
    return [];
  }
  return workers;
}
