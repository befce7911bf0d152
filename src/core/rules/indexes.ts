/**
 * Shared indexes that rules look things up in, built lazily once per snapshot and handed to
 * every rule through `RuleContext.indexes`. A rule that needs one built ahead (in slices, off
 * the hot path of the rule run) names it in its metadata (`RuleMeta.uses`); the engine then
 * prepares exactly those, without knowing which rules they are for.
 *
 * Between snapshots, the analyzer keeps an `IndexCarry`: an index over the file list (the file set, the
 * folder tree) is reused while the file list is the same, the CODEOWNERS usage while the file list and the parsed
 * CODEOWNERS are the same, and the files' CODEOWNERS match classes while the file list is the
 * same (a CODEOWNERS edit matches only the patterns it added). Plain fields, compared explicitly.
 */
import { directlyIn } from '../fs';
import type { CodeownersFile, CodeownersRule, Module, OwnerMatch } from '../model/types';
import type { CodeownersUsage, MatchClasses, OwnershipIndex } from '../sources/codeowners/ownership';
import type { CatalogEntity, ContractDecl } from '../sources/types';

export type { CodeownersUsage } from '../sources/codeowners/ownership';

/** The indexes a rule can ask the engine to prepare ahead of the rule run. */
export type PreparedIndex = 'fileSet' | 'codeownersUsage';

export interface RuleIndexes {
  /** Every workspace file, as a set. */
  fileSet(): ReadonlySet<string>;
  /** How many workspace files each line of `codeowners` matches and wins. */
  codeownersUsage(codeowners: CodeownersFile): CodeownersUsage;
  /** The contract declared in a file, by its path. */
  contractByFile(file: string): ContractDecl | undefined;
  /** Every provided API by name, with the module that provides it (null: an API entity no module provides). */
  providedApis(): ReadonlyMap<string, Module | null>;
  /** The workspace's folders, and its folders and files by their parent folder. */
  fileTree(): FileTree;
}

/** The workspace's folders (every ancestor of a file, "" excluded) and each folder's children ("" for the root). */
export interface FileTree {
  readonly folders: ReadonlySet<string>;
  readonly children: ReadonlyMap<string, { readonly folders: readonly string[]; readonly files: readonly string[] }>;
}

/** What survives from one snapshot's indexes to the next. */
export interface IndexCarry {
  files?: readonly string[];
  fileSet?: ReadonlySet<string>;
  usage?: { files: readonly string[]; codeowners: CodeownersFile; usage: CodeownersUsage };
  tree?: { files: readonly string[]; tree: FileTree };
  /**
   * The files grouped by the CODEOWNERS patterns they match: after a CODEOWNERS edit (same file
   * list), only the patterns the edit added are matched again (OwnershipIndex.matchClasses).
   */
  classes?: MatchClasses;
}

export interface IndexInputs {
  readonly files: readonly string[];
  readonly contracts: readonly ContractDecl[];
  readonly catalog: readonly CatalogEntity[];
  readonly modules: readonly Module[];
  ownersOf(path: string): OwnerMatch;
  /** The index behind `ownersOf`, when it answers the workspace's paths as given. */
  readonly ownership?: OwnershipIndex;
}

function sameSection(a: CodeownersRule, b: CodeownersRule): boolean {
  return (a.section ?? '').toLowerCase() === (b.section ?? '').toLowerCase();
}

/**
 * Build into `carry` what the enabled rules named in `uses`, giving the event loop a turn when
 * due: from the files and CODEOWNERS alone, so the engine may prepare them before the model is
 * built (a SnapshotIndexes over the same carry then finds them ready).
 */
export async function prepareIndexes(
  carry: IndexCarry,
  input: Pick<IndexInputs, 'files' | 'ownership'>,
  wanted: ReadonlySet<PreparedIndex>,
  codeowners: CodeownersFile | null,
  pause: () => Promise<void> | null,
): Promise<void> {
  if (wanted.has('fileSet') && (carry.files !== input.files || !carry.fileSet)) {
    const set = new Set<string>();
    const files = input.files;
    for (let i = 0; i < files.length; i++) {
      if ((i & 4095) === 0) await pause();
      set.add(files[i]);
    }
    carry.files = files;
    carry.fileSet = set;
  }
  if (wanted.has('codeownersUsage') && codeowners && codeowners.rules.length > 0) {
    const kept = carry.usage;
    const ownership = input.ownership;
    if (!(kept && kept.files === input.files && kept.codeowners === codeowners) && ownership?.file === codeowners) {
      const before = carry.classes;
      const classes = await ownership.matchClasses(input.files, pause, before);
      carry.classes = classes;
      await pause();
      // The last usage, when it was counted from `before`: an edit that changes no matching carries it.
      const earlier = before && kept && kept.files === input.files && kept.codeowners === before.index.file ? { classes: before, usage: kept.usage } : null;
      carry.usage = { files: input.files, codeowners, usage: ownership.usageOfClasses(classes, earlier) };
    }
  }
}

export class SnapshotIndexes implements RuleIndexes {
  private contracts?: ReadonlyMap<string, ContractDecl>;
  private apis?: ReadonlyMap<string, Module | null>;

  constructor(
    private readonly input: IndexInputs,
    private readonly carry: IndexCarry,
  ) {}

  fileSet(): ReadonlySet<string> {
    if (this.carry.files !== this.input.files || !this.carry.fileSet) {
      this.carry.files = this.input.files;
      this.carry.fileSet = new Set(this.input.files);
    }
    return this.carry.fileSet;
  }

  codeownersUsage(codeowners: CodeownersFile): CodeownersUsage {
    const kept = this.carry.usage;
    if (kept && kept.files === this.input.files && kept.codeowners === codeowners) return kept.usage;
    const usage = this.input.ownership?.file === codeowners ? this.input.ownership.usage(this.input.files) : this.usageByPath(codeowners);
    this.carry.usage = { files: this.input.files, codeowners, usage };
    return usage;
  }

  contractByFile(file: string): ContractDecl | undefined {
    this.contracts ??= new Map(this.input.contracts.map((contract) => [contract.file, contract]));
    return this.contracts.get(file);
  }

  providedApis(): ReadonlyMap<string, Module | null> {
    if (!this.apis) {
      const byName = new Map<string, Module | null>();
      for (const module of this.input.modules) {
        for (const api of module.apis) if (!byName.get(api.name)) byName.set(api.name, module);
      }
      for (const entity of this.input.catalog) {
        if (entity.kind.toLowerCase() === 'api' && !byName.has(entity.name)) byName.set(entity.name, null);
      }
      this.apis = byName;
    }
    return this.apis;
  }

  fileTree(): FileTree {
    if (this.carry.tree?.files !== this.input.files) this.carry.tree = { files: this.input.files, tree: treeOf(this.input.files) };
    return this.carry.tree.tree;
  }

  private usageByPath(codeowners: CodeownersFile): CodeownersUsage {
    const size = codeowners.rules.reduce((max, rule) => Math.max(max, rule.index + 1), 0);
    const usage: CodeownersUsage = {
      matched: new Array<number>(size).fill(0),
      won: new Array<number>(size).fill(0),
      overriddenBy: new Array<CodeownersRule | undefined>(size).fill(undefined),
    };
    for (const path of this.input.files) {
      const match = this.input.ownersOf(path);
      const winners = match.rules.length > 0 ? match.rules : match.rule ? [match.rule] : [];
      for (const rule of winners) {
        if (rule.file !== codeowners.file) continue;
        usage.matched[rule.index]++;
        usage.won[rule.index]++;
      }
      for (const rule of match.overridden) {
        if (rule.file !== codeowners.file) continue;
        usage.matched[rule.index]++;
        if (usage.overriddenBy[rule.index] === undefined) {
          usage.overriddenBy[rule.index] = winners.find((w) => sameSection(w, rule)) ?? winners[0];
        }
      }
    }
    return usage;
  }
}

function treeOf(files: readonly string[]): FileTree {
  const folders = new Set<string>();
  const children = new Map<string, { folders: string[]; files: string[] }>();
  const entry = (folder: string) => {
    let e = children.get(folder);
    if (!e) children.set(folder, (e = { folders: [], files: [] }));
    return e;
  };
  // A folder's files mostly come in a row in a sorted list (its subfolders' files may come
  // between them): the folder is sliced and looked up once per run, not once per file.
  let last = '';
  let lastEntry: { folders: string[]; files: string[] } | null = null;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (lastEntry !== null && directlyIn(file, last)) {
      lastEntry.files.push(file);
      continue;
    }
    const slash = file.lastIndexOf('/');
    last = slash < 0 ? '' : file.slice(0, slash);
    lastEntry = entry(last);
    lastEntry.files.push(file);
    for (let folder = last; folder !== '' && !folders.has(folder); ) {
      folders.add(folder);
      const up = folder.lastIndexOf('/');
      const parent = up < 0 ? '' : folder.slice(0, up);
      entry(parent).folders.push(folder);
      folder = parent;
    }
  }
  return { folders, children };
}
