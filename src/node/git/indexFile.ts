/**
 * git's index file (Documentation/gitformat-index.txt), read without git: versions 2, 3 and 4
 * (v4 prefix-compresses each path against the previous one; `feature.manyFiles` turns it on),
 * extended flags (skip-worktree, intent-to-add), gitlinks, sparse-directory entries, and the
 * split index (the `link` extension names a `sharedindex.<sha>` file, and two EWAH bitmaps say
 * which of its entries this file deletes and replaces).
 *
 * Everything is bounds-checked against the buffer before use: a truncated or corrupt index is a
 * CorruptIndexError with a one-line message, never an out-of-range read, a huge allocation or a
 * long loop. The trailing SHA-1 is verified (unless it is all zeros: `index.skipHash`).
 */
import { createHash } from 'node:crypto';
import { CorruptIndexError } from './errors';
import { decodeEwah, EwahError } from './ewah';

export const MODE_FILE = 0o100644;
export const MODE_EXECUTABLE = 0o100755;
export const MODE_SYMLINK = 0o120000;
export const MODE_GITLINK = 0o160000;
/** A sparse-directory entry (sparse index): a whole folder outside the sparse checkout. */
export const MODE_TREE = 0o040000;

export interface IndexEntry {
  /** Repository-relative path, forward slashes (a sparse-directory entry ends with '/'). */
  path: string;
  /** 0o100644, 0o100755, 0o120000 (symlink), 0o160000 (gitlink), 0o040000 (sparse directory). */
  mode: number;
  /** Object id, lowercase hex. */
  oid: string;
  /** 0 normally; 1–3 for the sides of an unresolved merge conflict. */
  stage: number;
  ctimeSeconds: number;
  ctimeNanoseconds: number;
  mtimeSeconds: number;
  mtimeNanoseconds: number;
  dev: number;
  ino: number;
  /** File size, truncated to 32 bits as git stores it. */
  size: number;
  assumeValid: boolean;
  skipWorktree: boolean;
  intentToAdd: boolean;
}

export interface ParsedIndex {
  version: 2 | 3 | 4;
  entries: IndexEntry[];
  /** The split index's shared index: its object id (hex), and the two bitmaps. */
  link?: { sharedOid: string; deletes: number[]; replaces: number[] };
  /** The `sdir` extension: the index holds sparse-directory entries. */
  sparse: boolean;
  /**
   * The cache tree (`TREE` extension): for each folder ('' = the top) whose tree is known, the
   * tree's id and how many index entries it covers. Empty when absent or malformed (it is an
   * optional extension: a reader may ignore it).
   */
  cacheTree: Map<string, { oid: string; entryCount: number }>;
}

const HEADER = 12;
const HASH = 20;
/** ctime, mtime (s, ns), dev, ino, mode, uid, gid, size: ten uint32, then the object id and flags. */
const FIXED = 40 + HASH + 2;
/** The smallest possible entry (an empty path, as a split index's replacements have): 62 bytes, then v4's one-byte strip count and NUL, or v2/v3's padding to 64. */
const SMALLEST_ENTRY = FIXED + 2;

const utf8 = new TextDecoder('utf-8');

/**
 * Parse one index file's bytes. `name` is used in error messages. A split index comes back
 * with `link` set and only its own entries: see mergeSplitIndex.
 */
export function parseIndex(data: Uint8Array, name = 'index'): ParsedIndex {
  const fail = (detail: string): never => {
    throw new CorruptIndexError(name, detail);
  };
  if (data.length < HEADER + HASH) fail(`${data.length} bytes is too short for an index`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data[0] !== 0x44 || data[1] !== 0x49 || data[2] !== 0x52 || data[3] !== 0x43) fail('no DIRC signature');
  const version = view.getUint32(4);
  if (version !== 2 && version !== 3 && version !== 4) fail(`unsupported index version ${version}`);
  const count = view.getUint32(8);
  const end = data.length - HASH;
  if (count > (end - HEADER) / SMALLEST_ENTRY) fail(`${count} entries cannot fit in ${data.length} bytes`);
  verifyChecksum(data, fail);

  const entries: IndexEntry[] = new Array<IndexEntry>(count);
  let offset = HEADER;
  let previous: Uint8Array = new Uint8Array(0);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < count; i++) {
    if (offset + FIXED > end) fail(`entry ${i} is truncated`);
    const flags = view.getUint16(offset + 60);
    const extended = (flags & 0x4000) !== 0;
    let extraFlags = 0;
    let nameAt = offset + FIXED;
    if (extended) {
      if (version < 3) fail(`entry ${i} has extended flags in a version ${version} index`);
      if (nameAt + 2 > end) fail(`entry ${i} is truncated`);
      extraFlags = view.getUint16(nameAt);
      nameAt += 2;
    }
    const nameLength = flags & 0xfff;
    let nameBytes: Uint8Array;
    let next: number;
    if (version === 4) {
      // Strip count: git's offset varint (each continuation adds one before shifting).
      let at = nameAt;
      if (at >= end) fail(`entry ${i} is truncated`);
      let byte = data[at++];
      let strip = byte & 0x7f;
      while (byte & 0x80) {
        if (at >= end || strip > previous.length) fail(`entry ${i} has a bad path prefix length`);
        byte = data[at++];
        strip = ((strip + 1) * 128) + (byte & 0x7f);
      }
      if (strip > previous.length) fail(`entry ${i} strips ${strip} bytes from a ${previous.length}-byte path`);
      const nul = bytes.indexOf(0, at);
      if (nul < 0 || nul >= end) fail(`entry ${i} has an unterminated path`);
      const keep = previous.length - strip;
      const name = new Uint8Array(keep + (nul - at));
      name.set(previous.subarray(0, keep), 0);
      name.set(data.subarray(at, nul), keep);
      nameBytes = name;
      next = nul + 1;
    } else {
      let nul: number;
      if (nameLength < 0xfff) {
        nul = nameAt + nameLength;
        if (nul >= end || data[nul] !== 0) fail(`entry ${i} has a path without its terminating NUL`);
      } else {
        nul = bytes.indexOf(0, nameAt);
        if (nul < 0 || nul >= end) fail(`entry ${i} has an unterminated path`);
      }
      nameBytes = data.subarray(nameAt, nul);
      // Entries are padded with 1–8 NULs to a multiple of 8 bytes from the entry's start.
      const unpadded = nul - offset;
      next = offset + ((unpadded + 8) & ~7);
      if (next > end) fail(`entry ${i} padding runs past the end`);
    }
    if (nameLength < 0xfff && nameBytes.length !== nameLength) fail(`entry ${i} path length ${nameBytes.length} does not match its flags (${nameLength})`);
    const mode = view.getUint32(offset + 24);
    const type = mode & 0o170000;
    if (type !== 0o100000 && type !== MODE_SYMLINK && type !== MODE_GITLINK && type !== MODE_TREE) fail(`entry ${i} has unknown mode ${mode.toString(8)}`);
    entries[i] = {
      path: utf8.decode(nameBytes),
      mode: type === 0o100000 ? (mode & 0o111 ? MODE_EXECUTABLE : MODE_FILE) : type,
      oid: bytes.toString('hex', offset + 40, offset + 60),
      stage: (flags >> 12) & 3,
      ctimeSeconds: view.getUint32(offset),
      ctimeNanoseconds: view.getUint32(offset + 4),
      mtimeSeconds: view.getUint32(offset + 8),
      mtimeNanoseconds: view.getUint32(offset + 12),
      dev: view.getUint32(offset + 16),
      ino: view.getUint32(offset + 20),
      size: view.getUint32(offset + 36),
      assumeValid: (flags & 0x8000) !== 0,
      skipWorktree: (extraFlags & 0x4000) !== 0,
      intentToAdd: (extraFlags & 0x2000) !== 0,
    };
    previous = nameBytes;
    offset = next;
  }

  const parsed: ParsedIndex = { version: version as 2 | 3 | 4, entries, sparse: false, cacheTree: new Map() };
  while (offset < end) {
    if (offset + 8 > end) fail('extension header is truncated');
    const signature = String.fromCharCode(data[offset], data[offset + 1], data[offset + 2], data[offset + 3]);
    const size = view.getUint32(offset + 4);
    const body = offset + 8;
    if (size > end - body) fail(`extension ${JSON.stringify(signature)} runs past the end`);
    const bodyEnd = body + size;
    const first = data[offset];
    const optional = first >= 0x41 && first <= 0x5a; // 'A'..'Z'
    if (signature === 'link') parsed.link = parseLink(data, body, bodyEnd, fail);
    else if (signature === 'sdir') parsed.sparse = true;
    else if (signature === 'TREE') parsed.cacheTree = parseCacheTree(bytes, body, bodyEnd);
    else if (!optional) fail(`mandatory extension ${JSON.stringify(signature)} is not understood`);
    offset = bodyEnd;
  }
  return parsed;
}

/**
 * The `TREE` extension: nodes in pre-order, each `name NUL entry_count SP subtree_count LF`, then
 * the tree's id when entry_count >= 0 (-1: invalidated). Malformed data gives an empty map.
 */
function parseCacheTree(bytes: Buffer, start: number, end: number): Map<string, { oid: string; entryCount: number }> {
  const out = new Map<string, { oid: string; entryCount: number }>();
  let at = start;
  // A stack of [folder path, subtrees still to read].
  const stack: Array<[string, number]> = [];
  const readNumber = (stop: number): number | null => {
    const until = bytes.indexOf(stop, at);
    if (until < 0 || until >= end || until - at > 12) return null;
    const text = bytes.toString('latin1', at, until);
    at = until + 1;
    if (!/^-?[0-9]+$/.test(text)) return null;
    return Number(text);
  };
  let nodes = 0;
  do {
    if (at >= end || ++nodes > 10_000_000) return new Map();
    const nul = bytes.indexOf(0, at);
    if (nul < 0 || nul >= end) return new Map();
    const name = bytes.toString('utf8', at, nul);
    at = nul + 1;
    const entryCount = readNumber(0x20);
    const subtrees = readNumber(0x0a);
    if (entryCount === null || subtrees === null || subtrees < 0) return new Map();
    let folder = '';
    if (stack.length > 0) {
      const parent = stack[stack.length - 1];
      parent[1]--;
      folder = parent[0] === '' ? name : `${parent[0]}/${name}`;
    }
    if (entryCount >= 0) {
      if (at + HASH > end) return new Map();
      out.set(folder, { oid: bytes.toString('hex', at, at + HASH), entryCount });
      at += HASH;
    }
    stack.push([folder, subtrees]);
    while (stack.length > 0 && stack[stack.length - 1][1] === 0) stack.pop();
  } while (stack.length > 0);
  return at === end ? out : new Map();
}

function verifyChecksum(data: Uint8Array, fail: (detail: string) => never): void {
  const stored = data.subarray(data.length - HASH);
  if (stored.every((b) => b === 0)) return; // index.skipHash
  const actual = createHash('sha1').update(data.subarray(0, data.length - HASH)).digest();
  if (!actual.equals(stored)) fail('checksum mismatch (the file is damaged or truncated)');
}

function parseLink(data: Uint8Array, at: number, end: number, fail: (detail: string) => never): NonNullable<ParsedIndex['link']> {
  if (at + HASH > end) fail('link extension is truncated');
  const sharedOid = Buffer.from(data.buffer, data.byteOffset + at, HASH).toString('hex');
  let offset = at + HASH;
  // The bitmaps' bound is checked again against the shared index's size when merging.
  const bound = 0xffffffff;
  try {
    if (offset === end) return { sharedOid, deletes: [], replaces: [] };
    const deletes = decodeEwah(data, offset, end, bound);
    offset += deletes.length;
    const replaces = decodeEwah(data, offset, end, bound);
    return { sharedOid, deletes: deletes.positions, replaces: replaces.positions };
  } catch (error) {
    if (error instanceof EwahError) fail(`link extension: ${error.message}`);
    throw error;
  }
}

/**
 * The entries of a split index: the shared index's entries, with the replace bitmap's entries
 * taken from the split file (in order; their paths are empty and come from the shared entry),
 * the delete bitmap's entries removed, and the split file's remaining entries added.
 * As git's merge_base_index (split-index.c), including its consistency checks.
 */
export function mergeSplitIndex(split: ParsedIndex, shared: ParsedIndex, name = 'index'): IndexEntry[] {
  const fail = (detail: string): never => {
    throw new CorruptIndexError(name, detail);
  };
  const link = split.link;
  if (!link) return split.entries;
  if (shared.link) fail('the shared index is itself split');
  const base = shared.entries.slice();
  const removed = new Uint8Array(base.length);
  for (const position of link.deletes) {
    if (position >= base.length) fail(`delete bitmap position ${position} exceeds the shared index (${base.length} entries)`);
    removed[position] = 1;
  }
  let used = 0;
  for (const position of link.replaces) {
    if (position >= base.length) fail(`replace bitmap position ${position} exceeds the shared index (${base.length} entries)`);
    if (used >= split.entries.length) fail('too many replacements for the entries of the split index');
    if (removed[position]) fail(`entry ${position} is marked as both replaced and deleted`);
    const source = split.entries[used++];
    if (source.path !== '') fail(`replacement entry ${used - 1} should have an empty path`);
    base[position] = { ...source, path: base[position].path };
  }
  const byKey = new Map<string, IndexEntry>();
  for (let i = 0; i < base.length; i++) if (!removed[i]) byKey.set(`${base[i].stage}\0${base[i].path}`, base[i]);
  for (let i = used; i < split.entries.length; i++) {
    const entry = split.entries[i];
    if (entry.path === '') fail(`added entry ${i} has an empty path`);
    byKey.set(`${entry.stage}\0${entry.path}`, entry);
  }
  return [...byKey.values()].sort(compareEntries);
}

/** git's order: by path, then stage (UTF-16 order equals UTF-8 byte order outside surrogates). */
function compareEntries(a: IndexEntry, b: IndexEntry): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.stage - b.stage;
}
