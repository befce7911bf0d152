/**
 * The analysis across a thread boundary (DESIGN section 6: the extension host's thread never
 * runs a slice over 50 ms). The analyzer runs on a worker thread; the host keeps the last
 * complete snapshot and answers hovers and the status bar from it.
 *
 * What crosses is what changed, in parts of bounded size (each part is one message, so one
 * bounded slice on the host: structured-clone decoding included):
 * - the file list: in full, as `\n`-joined chunks, the first time or after a large change; else
 *   the files added and removed;
 * - findings: per file, the files whose findings changed (findings are sorted by file first,
 *   rules/run.ts, so the host's concatenation in file order is the same array);
 * - modules: by index, the modules that changed, and the count;
 * - the rest of the model (teams, priorities, vision, CODEOWNERS, tags) and the CODEOWNERS
 *   usage counts: each only when it changed.
 *
 * Pure: SnapshotDiffer runs in the worker, SnapshotAssembler on the host; both are plain data in
 * and out, so tests drive them without threads.
 */
import type { Analysis } from '../api';
import { lowerBound, normalizePath } from '../fs';
import type { CodeownersFile, Finding, LearningRecord, Model, Module, NorthstarConfig, OwnerMatch, Priority, PriorityTag, Team, Vision } from '../model/types';
import { moduleResolver } from '../model/moduleOf';
import { directoryOf } from '../model/teams';
import type { RuleMeta } from '../rules/rule';
import { OwnershipIndex } from '../sources/codeowners';
import { PackedPaths } from './packedPaths';

/** The rest of the model and what the host needs besides it; a field is present only when it changed. */
export interface MetaPart {
  kind: 'meta';
  root?: string;
  teams?: readonly Team[];
  priorities?: readonly Priority[];
  vision?: Vision | null;
  codeowners?: CodeownersFile | null;
  /** This root's folder in the repository whose CODEOWNERS applies (`ownersOf` prefixes it), or "". */
  prefix?: string;
  priorityTags?: readonly PriorityTag[];
  learning?: readonly LearningRecord[];
  /** The analysis' date (the model's `today`), "" when the model has none. */
  today?: string;
  config?: NorthstarConfig | null;
  rules?: readonly RuleMeta[];
  stats?: { matched: number[]; won: number[] };
}

export type SnapshotPart =
  /** `full`: a chunk of the whole list, in order (`first` starts it); else the files added and removed. */
  | { kind: 'files'; full: boolean; first: boolean; added: string; removed: string }
  | { kind: 'findings'; changed: [file: string, findings: Finding[]][] }
  | { kind: 'modules'; count: number; changed: [index: number, module: Module][] }
  | MetaPart;

/**
 * Bounds of one part: chosen so that decoding and applying one stays well under 50 ms at 1M files.
 * Files: 20,000 paths a part measured 33–54 ms on the host at 1M files under load (each path is a
 * new string the host keeps, so the young generation's collections inside a part grow with it);
 * 10,000 halves that for twice as many messages.
 */
export const PART_LIMITS = { files: 10_000, findings: 2_000, modules: 200 };

function joinPaths(paths: readonly string[], from: number, to: number): string {
  return paths.slice(from, to).join('\n');
}

function splitPaths(text: string): string[] {
  return text === '' ? [] : text.split('\n');
}

/** Sorted a, sorted b (code-unit order) → what b adds and removes. */
function sortedDiff(a: readonly string[], b: readonly string[]): { added: string[]; removed: string[] } {
  const added: string[] = [];
  const removed: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i] < b[j])) removed.push(a[i++]);
    else if (i >= a.length || b[j] < a[i]) added.push(b[j++]);
    else {
      i++;
      j++;
    }
  }
  return { added, removed };
}

/** Worker side: each snapshot → the parts that turn the previous one into it. */
export class SnapshotDiffer {
  private files: readonly string[] = [];
  private filesSent = false;
  private findings = new Map<string, string>();
  private modules: string[] = [];
  private moduleObjects: readonly Module[] = [];
  private meta = new Map<string, string>();
  private codeownersSeen: CodeownersFile | null | undefined = undefined;

  constructor(private readonly limits: typeof PART_LIMITS = PART_LIMITS) {}

  diff(analysis: Analysis): SnapshotPart[] {
    const parts: SnapshotPart[] = [];
    const files = analysis.files ?? [];
    let filesChanged = false;
    if (!this.filesSent || files !== this.files) {
      const delta = this.filesSent ? sortedDiff(this.files, files) : null;
      if (!delta || delta.added.length + delta.removed.length > this.limits.files) {
        for (let i = 0; i === 0 || i < files.length; i += this.limits.files) {
          parts.push({ kind: 'files', full: true, first: i === 0, added: joinPaths(files, i, i + this.limits.files), removed: '' });
        }
        filesChanged = true;
      } else if (delta.added.length + delta.removed.length > 0) {
        parts.push({ kind: 'files', full: false, first: false, added: delta.added.join('\n'), removed: delta.removed.join('\n') });
        filesChanged = true;
      }
      this.files = files;
      this.filesSent = true;
    }

    // Findings by file, compared by their JSON: only the files whose findings changed cross.
    const byFile = new Map<string, Finding[]>();
    for (const f of analysis.model.findings) {
      const list = byFile.get(f.file);
      if (list) list.push(f);
      else byFile.set(f.file, [f]);
    }
    const next = new Map<string, string>();
    let chunk: [string, Finding[]][] = [];
    let size = 0;
    const push = (file: string, list: Finding[]) => {
      chunk.push([file, list]);
      size += Math.max(1, list.length);
      if (size >= this.limits.findings) {
        parts.push({ kind: 'findings', changed: chunk });
        chunk = [];
        size = 0;
      }
    };
    for (const [file, list] of byFile) {
      const json = JSON.stringify(list);
      next.set(file, json);
      if (this.findings.get(file) !== json) push(file, list);
    }
    for (const file of this.findings.keys()) if (!next.has(file)) push(file, []);
    if (chunk.length > 0) parts.push({ kind: 'findings', changed: chunk });
    this.findings = next;

    const modules = analysis.model.modules;
    // A module object the analyzer kept from the last snapshot is unchanged (snapshots are immutable): no JSON needed.
    const moduleJson = modules.map((m, i) => (this.moduleObjects[i] === m ? this.modules[i] : JSON.stringify(m)));
    let changed: [number, Module][] = [];
    for (let i = 0; i < modules.length; i++) {
      if (this.modules[i] === moduleJson[i]) continue;
      changed.push([i, modules[i]]);
      if (changed.length >= this.limits.modules) {
        parts.push({ kind: 'modules', count: modules.length, changed });
        changed = [];
      }
    }
    if (changed.length > 0 || modules.length !== this.modules.length) parts.push({ kind: 'modules', count: modules.length, changed });
    this.modules = moduleJson;
    this.moduleObjects = modules;

    const model = analysis.model;
    const meta: MetaPart = { kind: 'meta' };
    const fields: [keyof MetaPart, unknown][] = [
      ['root', model.root], ['teams', model.teams], ['priorities', model.priorities], ['vision', model.vision],
      ['codeowners', model.codeowners], ['prefix', analysis.codeownersPrefix ?? ''], ['priorityTags', model.priorityTags], ['rules', analysis.rules],
      ['learning', model.learning], ['today', model.today ?? ''], ['config', analysis.config ?? null],
    ];
    for (const [key, value] of fields) {
      const json = JSON.stringify(value) ?? 'undefined';
      if (this.meta.get(key) === json) continue;
      this.meta.set(key, json);
      (meta as unknown as Record<string, unknown>)[key] = value;
    }
    // The usage counts walk every file: counted here, off the host, and only when the rules or the files changed.
    if (filesChanged || meta.codeowners !== undefined || this.codeownersSeen === undefined) {
      meta.stats = analysis.codeownersStats();
      this.codeownersSeen = model.codeowners;
    }
    if (Object.keys(meta).length > 1) parts.push(meta);
    return parts;
  }
}

const EMPTY_MATCH: OwnerMatch = Object.freeze({ owners: [], rule: null, rules: [], overridden: [] }) as OwnerMatch;

/**
 * Host side: applies parts as they arrive (each a bounded slice), then `complete()` gives the
 * snapshot. The analysis it returns answers as the worker's would: the same resolvers (module,
 * team, CODEOWNERS index) over the same data.
 */
export class SnapshotAssembler {
  /** The file list, packed: a snapshot's list is never changed (an edit makes a new one). */
  private files = PackedPaths.EMPTY;
  /** The files that have findings, sorted (code-unit order, as the analyzer sorts findings). */
  private readonly findingFiles: string[] = [];
  private readonly findings = new Map<string, readonly Finding[]>();
  private findingsChanged = false;
  private findingsList: readonly Finding[] = [];
  private modules: Module[] = [];
  private modulesChanged = false;
  private meta: Required<MetaPart> = {
    kind: 'meta', root: '', teams: [], priorities: [], vision: null, codeowners: null, prefix: '', priorityTags: [], learning: [], today: '', config: null, rules: [], stats: { matched: [], won: [] },
  };
  private index: { file: CodeownersFile; index: OwnershipIndex } | null = null;
  /** The module resolver and team directory of the last snapshot, kept while their lists are the same arrays. */
  private resolver: { modules: readonly Module[]; resolver: ReturnType<typeof moduleResolver<Module>> } | null = null;
  private directory: { teams: readonly Team[]; directory: ReturnType<typeof directoryOf> } | null = null;

  apply(part: SnapshotPart): void {
    switch (part.kind) {
      case 'files': {
        // Kept packed (engine/packedPaths.ts): a full list's chunks as they came, a delta applied to the runs it falls in.
        if (part.full) this.files = (part.first ? PackedPaths.EMPTY : this.files).append(part.added);
        else this.files = this.files.edit(splitPaths(part.added), splitPaths(part.removed), PART_LIMITS.files);
        break;
      }
      case 'findings':
        for (const [file, list] of part.changed) {
          const at = lowerBound(this.findingFiles, file);
          const known = this.findingFiles[at] === file;
          if (list.length === 0) {
            this.findings.delete(file);
            if (known) this.findingFiles.splice(at, 1);
          } else {
            this.findings.set(file, list);
            if (!known) this.findingFiles.splice(at, 0, file);
          }
        }
        this.findingsChanged = true;
        break;
      case 'modules':
        if (this.modules.length !== part.count) this.modules.length = part.count;
        for (const [i, m] of part.changed) this.modules[i] = m;
        this.modulesChanged = true;
        break;
      case 'meta':
        for (const [key, value] of Object.entries(part)) if (key !== 'kind') (this.meta as unknown as Record<string, unknown>)[key] = value;
        break;
    }
  }

  /** The snapshot after the parts applied so far; arrays unchanged since the last one are shared. */
  complete(previous: Analysis | null): Analysis {
    if (this.findingsChanged) {
      const list: Finding[] = [];
      for (const f of this.findingFiles) for (const finding of this.findings.get(f) ?? []) list.push(finding);
      this.findingsList = list;
    }
    // The paths one by one only when asked for (the init command's plan), never on every snapshot;
    // a list no part changed is the same packed list, whose paths are made once.
    const packed = this.files;
    const modules = this.modulesChanged || !previous ? this.modules.slice() : previous.model.modules;
    this.findingsChanged = this.modulesChanged = false;
    const meta = this.meta;
    const model: Model = {
      root: meta.root,
      modules,
      teams: meta.teams,
      priorities: meta.priorities,
      vision: meta.vision,
      codeowners: meta.codeowners,
      priorityTags: meta.priorityTags,
      learning: meta.learning,
      findings: this.findingsList,
      ...(meta.today !== '' && { today: meta.today }),
    };
    // An edit that changes no module (a CODEOWNERS line, most contract edits' findings) keeps the
    // last resolver, and the team directory while the teams are the same array: no rebuild over
    // every module on the host thread.
    if (this.resolver?.modules !== modules) this.resolver = { modules, resolver: moduleResolver(modules) };
    const resolver = this.resolver.resolver;
    // The analyzer's resolver knows the declared teams only (model/teams.ts: buildTeamDirectory);
    // the undeclared ones, which assignTeams appends for owners nothing declares, are not names of a team.
    if (this.directory?.teams !== meta.teams) this.directory = { teams: meta.teams, directory: directoryOf(meta.teams.filter((t) => t.source !== 'undeclared')) };
    const directory = this.directory.directory;
    const codeowners = meta.codeowners;
    const prefix = meta.prefix;
    const stats = meta.stats;
    // The index is built on the first question, and kept while the CODEOWNERS rules are the same
    // object; after an edit, the new one reuses the last one's compiled patterns.
    const indexOf = (): OwnershipIndex | null => {
      if (!codeowners) return null;
      if (this.index?.file !== codeowners) this.index = { file: codeowners, index: new OwnershipIndex(codeowners, this.index?.index) };
      return this.index.index;
    };
    return {
      model,
      ownersOf: (path) => {
        const index = indexOf();
        return index ? index.ownersOf(prefix ? `${prefix}/${normalizePath(path)}` : normalizePath(path)) : EMPTY_MATCH;
      },
      moduleOf: resolver.moduleOf,
      moduleByName: resolver.moduleByName,
      teamOf: directory.teamOf,
      rules: meta.rules,
      get files() {
        return packed.toArray();
      },
      codeownersPrefix: prefix,
      ...(meta.config && { config: meta.config }),
      codeownersStats: () => stats,
    };
  }
}
