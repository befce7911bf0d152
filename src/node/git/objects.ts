/**
 * Refs and objects through isomorphic-git (pure JavaScript: it runs no program), given only the
 * confined, read-only file system of gitFs.ts.
 *
 * Revisions users pass to `--changed-since`: a branch, tag or remote-tracking branch
 * (`main`, `v1.2`, `origin/main`, `refs/heads/main`), `HEAD` or `@`, a full or abbreviated
 * object id, followed by any of `~N`, `^N`, `^`, `~`, `^{commit}`, `^{}`. Tags are peeled.
 */
import { constants, inflateSync } from 'node:zlib';
import type * as IsomorphicGit from 'isomorphic-git';
import { GitError } from './errors';
import type { ConfinedGitFs } from './gitFs';

export interface TreeEntry {
  oid: string;
  /** 0o100644, 0o100755, 0o120000, 0o160000. */
  mode: number;
}

/**
 * isomorphic-git, loaded on first use: most CLI runs never read git data, and evaluating the
 * library costs tens of milliseconds at startup.
 */
let loading: Promise<typeof IsomorphicGit> | undefined;
function isomorphicGit(): Promise<typeof IsomorphicGit> {
  return (loading ??= import('isomorphic-git'));
}

/** A loose tree object larger than this (inflated) is refused: 64 MB is ~1M entries. */
const MAX_TREE_BYTES = 64 * 1024 * 1024;

interface RawTreeEntry {
  mode: string;
  path: string;
  oid: string;
  type: 'tree' | 'blob' | 'commit';
}

/** A tree object's body: `mode SP name NUL id(20)` repeated. Null when malformed. */
function parseTreeBody(body: Buffer, at: number): RawTreeEntry[] | null {
  const entries: RawTreeEntry[] = [];
  while (at < body.length) {
    const space = body.indexOf(0x20, at);
    if (space < 0 || space - at > 6) return null;
    const mode = body.toString('latin1', at, space);
    const nul = body.indexOf(0, space + 1);
    if (nul < 0 || nul + 21 > body.length) return null;
    const path = body.toString('utf8', space + 1, nul);
    const oid = body.toString('hex', nul + 1, nul + 21);
    const type = mode === '40000' ? 'tree' : mode === '160000' ? 'commit' : 'blob';
    entries.push({ mode: mode.padStart(6, '0'), path, oid, type });
    at = nul + 21;
  }
  return entries;
}

export class ObjectReader {
  /** isomorphic-git's cache of parsed pack indexes, shared by every call. */
  private readonly cache: object = {};

  constructor(private readonly gfs: ConfinedGitFs) {}

  private get base(): { fs: ConfinedGitFs; gitdir: string; cache: object } {
    return { fs: this.gfs, gitdir: this.gfs.virtualGitDir, cache: this.cache };
  }

  /**
   * A tree's entries. A loose object is read here (one confined read and a bounded inflate: much
   * faster than isomorphic-git's general path); a packed one through isomorphic-git.
   */
  async readTree(oid: string): Promise<RawTreeEntry[]> {
    if (/^[0-9a-f]{40}$/.test(oid)) {
      let deflated: Buffer | null = null;
      try {
        deflated = (await this.gfs.promises.readFile(`${this.gfs.virtualGitDir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`)) as Buffer;
      } catch {
        deflated = null; // not loose: packed
      }
      if (deflated !== null) {
        const raw = inflateSync(deflated, { maxOutputLength: MAX_TREE_BYTES });
        const nul = raw.indexOf(0);
        const header = nul > 0 && nul < 32 ? raw.toString('latin1', 0, nul) : '';
        if (!header.startsWith('tree ') || Number(header.slice(5)) !== raw.length - nul - 1) throw new GitError(`object ${oid} is not a tree`);
        const entries = parseTreeBody(raw, nul + 1);
        if (entries === null) throw new GitError(`tree ${oid} is malformed`);
        return entries;
      }
    }
    const git = await isomorphicGit();
    return (await git.readTree({ ...this.base, oid })).tree as RawTreeEntry[];
  }

  /** The commit HEAD points to, or null on an unborn branch. */
  async head(): Promise<string | null> {
    const git = await isomorphicGit();
    try {
      return await this.peelToCommit(await git.resolveRef({ fs: this.gfs, gitdir: this.gfs.virtualGitDir, ref: 'HEAD' }));
    } catch {
      return null;
    }
  }

  /** A revision as a commit id. Throws GitError (`unknown revision`) when it does not resolve. */
  async resolveCommit(revision: string): Promise<string> {
    const git = await isomorphicGit();
    const unknown = (): GitError => new GitError(`unknown revision '${revision}'`);
    const split = splitRevision(revision);
    if (split === null) throw unknown();
    let oid: string;
    try {
      oid = await this.resolveName(split.name);
    } catch {
      throw unknown();
    }
    try {
      for (const step of split.steps) {
        oid = await this.peelToCommit(oid);
        if (step.kind === 'peel') continue;
        if (step.kind === 'parent') {
          if (step.n === 0) continue;
          const parents = (await git.readCommit({ ...this.base, oid })).commit.parent;
          if (step.n > parents.length) throw unknown();
          oid = parents[step.n - 1];
        } else {
          for (let k = 0; k < step.n; k++) {
            const parents = (await git.readCommit({ ...this.base, oid })).commit.parent;
            if (parents.length === 0) throw unknown();
            oid = parents[0];
          }
        }
      }
      return await this.peelToCommit(oid);
    } catch (error) {
      // A tag of a tree, a missing parent: no such revision. An object that cannot be read is
      // another failure (a damaged repository, borrowed objects), reported as itself.
      if (error instanceof GitError) throw unknown();
      throw error;
    }
  }

  private async resolveName(name: string): Promise<string> {
    const git = await isomorphicGit();
    if (name === '@') name = 'HEAD';
    const candidates: string[] = [];
    if (/^[A-Z_]+$/.test(name)) candidates.push(name);
    if (name.startsWith('refs/')) candidates.push(name);
    candidates.push(`refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`);
    for (const ref of candidates) {
      try {
        return await git.resolveRef({ fs: this.gfs, gitdir: this.gfs.virtualGitDir, ref, depth: 10 });
      } catch {
        // the next candidate
      }
    }
    if (/^[0-9a-f]{4,40}$/i.test(name)) return git.expandOid({ ...this.base, oid: name.toLowerCase() });
    throw new GitError(`unknown revision '${name}'`);
  }

  /** Follow annotated tags to the commit. */
  private async peelToCommit(oid: string): Promise<string> {
    const git = await isomorphicGit();
    for (let depth = 0; depth < 16; depth++) {
      const object = await git.readObject({ ...this.base, oid, format: 'parsed' });
      if (object.type === 'commit') return oid;
      if (object.type !== 'tag') throw new GitError(`${oid} is a ${object.type}, not a commit`);
      oid = (object.object as { object: string }).object;
    }
    throw new GitError(`tag chain too long at ${oid}`);
  }

  /** The best common ancestor of two commits, or null when they share no history. */
  async mergeBase(a: string, b: string): Promise<string | null> {
    const git = await isomorphicGit();
    const bases = (await git.findMergeBase({ ...this.base, oids: [a, b] })) as string[];
    return bases[0] ?? null;
  }

  /** A commit's tree, parents (first parent first) and committer time (seconds since the epoch). */
  async commitInfo(commit: string): Promise<{ tree: string; parents: string[]; committedAt: number }> {
    const git = await isomorphicGit();
    const { commit: c } = await git.readCommit({ ...this.base, oid: commit });
    return { tree: c.tree, parents: c.parent, committedAt: c.committer.timestamp };
  }

  async treeOf(commit: string): Promise<string> {
    const git = await isomorphicGit();
    return (await git.readCommit({ ...this.base, oid: commit })).commit.tree;
  }

  /**
   * Every blob, link and gitlink of a tree under `prefix` (a folder, '' for all), keyed by
   * repository-relative path. A subtree for which `known(folder, treeId)` is true is not read:
   * its folder is listed in `skipped` instead (the caller knows its content already).
   */
  async flattenTree(
    tree: string,
    prefix: string,
    known: (folder: string, oid: string) => boolean = () => false,
  ): Promise<{ files: Map<string, TreeEntry>; skipped: string[] }> {
    const files = new Map<string, TreeEntry>();
    const skipped: string[] = [];
    let oid: string | null = tree;
    // Descend to the prefix folder first: only that part of the tree is read.
    if (prefix !== '') {
      let at = '';
      for (const part of prefix.split('/')) {
        if (known(at, oid!)) return { files, skipped: [prefix] };
        const entries = await this.readTree(oid!);
        const next = entries.find((e) => e.path === part);
        oid = next && next.type === 'tree' ? next.oid : null;
        if (oid === null) return { files, skipped };
        at = at === '' ? part : `${at}/${part}`;
      }
    }
    if (known(prefix, oid!)) return { files, skipped: [prefix] };
    await this.collect(oid!, prefix, files, known, skipped);
    return { files, skipped };
  }

  /**
   * A blob's bytes, or its size when larger than `maxBytes`. A loose object is inflated here
   * within the limit; a packed one through isomorphic-git, then checked.
   */
  async readBlob(oid: string, maxBytes: number): Promise<Uint8Array | { tooLarge: number }> {
    if (!/^[0-9a-f]{40}$/.test(oid)) throw new GitError(`bad object id ${oid}`);
    let deflated: Buffer | null = null;
    try {
      deflated = (await this.gfs.promises.readFile(`${this.gfs.virtualGitDir}/objects/${oid.slice(0, 2)}/${oid.slice(2)}`)) as Buffer;
    } catch {
      deflated = null; // not loose: packed
    }
    if (deflated !== null) {
      let raw: Buffer;
      try {
        raw = inflateSync(deflated, { maxOutputLength: maxBytes + 64 });
      } catch {
        // Over the limit (or corrupt): the header tells the size without inflating the rest.
        const size = blobSize(deflated);
        if (Number.isFinite(size) && size > maxBytes) return { tooLarge: size };
        throw new GitError(`blob ${oid} cannot be read`);
      }
      const nul = raw.indexOf(0);
      const header = nul > 0 && nul < 32 ? raw.toString('latin1', 0, nul) : '';
      if (!header.startsWith('blob ') || Number(header.slice(5)) !== raw.length - nul - 1) throw new GitError(`object ${oid} is not a blob`);
      return raw.subarray(nul + 1);
    }
    const git = await isomorphicGit();
    const { blob } = await git.readBlob({ ...this.base, oid });
    return blob.length > maxBytes ? { tooLarge: blob.length } : blob;
  }

  /** The entries of a tree at `folder`, recursively (sparse-directory entries of the index). */
  async collect(
    tree: string,
    folder: string,
    out: Map<string, TreeEntry>,
    known: (folder: string, oid: string) => boolean = () => false,
    skipped: string[] = [],
  ): Promise<void> {
    const stack: Array<[string, string]> = [[tree, folder]];
    while (stack.length > 0) {
      const [oid, at] = stack.pop()!;
      const entries = await this.readTree(oid);
      for (const entry of entries) {
        const path = at === '' ? entry.path : `${at}/${entry.path}`;
        if (entry.type === 'tree') {
          if (known(path, entry.oid)) skipped.push(path);
          else stack.push([entry.oid, path]);
        }
        else out.set(path, { oid: entry.oid, mode: parseInt(entry.mode, 8) });
      }
    }
  }
}

/**
 * The size a loose blob's header declares, inflating only a prefix of it (growing until the
 * header's NUL appears: a dynamic Huffman table can take a hundred bytes before any output).
 */
function blobSize(deflated: Buffer): number {
  for (let take = 256; ; take *= 4) {
    const head = inflateSync(deflated.subarray(0, take), { finishFlush: constants.Z_SYNC_FLUSH });
    const nul = head.indexOf(0);
    if (nul > 0 && nul < 32) return Number(head.toString('latin1', 0, nul).slice(5));
    if (take >= deflated.length || head.length >= 32) return NaN;
  }
}

type Step = { kind: 'peel' } | { kind: 'parent'; n: number } | { kind: 'ancestor'; n: number };

/**
 * `name` and its suffixes, or null for what this reader does not accept (an invalid ref name,
 * `@{…}`, `:path`, ranges).
 */
export function splitRevision(revision: string): { name: string; steps: Step[] } | null {
  if (revision === '' || revision.length > 1024 || revision.startsWith('-')) return null;
  let cut = revision.length;
  for (let i = 0; i < revision.length; i++) {
    const c = revision[i];
    if (c === '~' || c === '^') {
      cut = i;
      break;
    }
  }
  const name = revision.slice(0, cut);
  if (!validRefName(name)) return null;
  const steps: Step[] = [];
  let i = cut;
  const digits = (): number | null => {
    let j = i;
    while (j < revision.length && revision.charCodeAt(j) >= 48 && revision.charCodeAt(j) <= 57) j++;
    if (j === i) return null;
    const n = Number(revision.slice(i, j));
    i = j;
    return n;
  };
  while (i < revision.length) {
    const c = revision[i++];
    if (c === '~') {
      const n = digits();
      if (n !== null && n > 100_000) return null;
      steps.push({ kind: 'ancestor', n: n ?? 1 });
    } else if (c === '^') {
      if (revision.startsWith('{commit}', i)) {
        i += '{commit}'.length;
        steps.push({ kind: 'peel' });
      } else if (revision.startsWith('{}', i)) {
        i += 2;
        steps.push({ kind: 'peel' });
      } else {
        const n = digits();
        if (n !== null && n > 100) return null;
        steps.push({ kind: 'parent', n: n ?? 1 });
      }
    } else {
      return null;
    }
  }
  return { name, steps };
}

/** git check-ref-format's rules, plus `@` and object ids. */
export function validRefName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name.endsWith('.lock')) return false;
  if (name.includes('..') || name.includes('//') || name.includes('@{') || name.includes('/.')) return false;
  if (name.startsWith('.')) return false;
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
    if (' ~^:?*[\\'.includes(name[i])) return false;
  }
  return true;
}
