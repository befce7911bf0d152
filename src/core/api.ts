/**
 * The public surface of the core, used by the CLI and the extension.
 * `analyze.ts` implements it.
 */
import type { FileAccess } from './fs';
import type { Model, Module, OwnerMatch, Team, NorthstarConfig } from './model/types';
import type { RuleMeta } from './rules/rule';
import type { ParseProblem } from './sources/types';
import type { VisionHistoryRequest, VisionRevision } from './model/trend';

export type { VisionHistoryRequest, VisionRevision } from './model/trend';

/**
 * Which files the workspace has, when the folder is in a git work tree: what git says they are
 * (src/node/files.ts). `{ source: 'walk' }` means git could not say (a corrupt index…): the
 * folder is walked as outside git, and `problems` say why.
 */
export type FileListing =
  | {
      source: 'git';
      /** Root-relative, sorted by code unit order: tracked files plus untracked ones not ignored. */
      files: string[];
      /**
       * Listed but never read: tracked files outside the sparse checkout (not on disk) and
       * submodule folders (their files belong to the other repository). They count for
       * CODEOWNERS and module membership by their path.
       */
      unread: string[];
      problems: ParseProblem[];
      /** For a file created since the listing: would git list it (tracked, or not ignored)? */
      lists(path: string): Promise<boolean>;
    }
  | { source: 'walk'; problems: ParseProblem[] };

export interface AnalyzeOptions {
  /** Shown in the model (`root`) and reports; any string, usually the absolute folder. */
  rootLabel?: string;
  /** Today's date (`YYYY-MM-DD`) for staleness rules; default: `config.today`, else the clock. */
  today?: string;
  /** Files whose unsaved content replaces what is on disk (editor buffers). */
  overlays?: ReadonlyMap<string, string>;
  /** Where to log skipped files and internal errors (one line each). */
  log?: (line: string) => void;
  /**
   * When the root is a subfolder of a repository, the repository root's CODEOWNERS applies
   * (paths matched relative to the repository root). `fs` reads the repository root and
   * `prefix` is this root's folder within it (e.g. `services/payments`).
   */
  repository?: { fs: FileAccess; prefix: string };
  /**
   * Which files exist, when something other than the walk decides (git: src/node/setup.ts gives
   * it for a folder in a git work tree). Without it, the folder is walked (walk.ts). `early`,
   * when the adapter can, is told files that are very likely listed before the listing is
   * complete (git: the index's entries on the work tree), so that reading them starts sooner;
   * only the listing decides, and what it leaves out is never used.
   */
  listFiles?: (early?: (paths: readonly string[]) => void) => Promise<FileListing>;
  /** Override configuration (tests); merged over `.northstar.yaml`. */
  config?: Partial<NorthstarConfig>;
  /**
   * The committed versions of the vision file, for metric trends (model/trend.ts): the adapter
   * reads them from git (src/node/git/history.ts, on a worker), bounded as asked. Without it, or
   * when it fails (logged), trends come from the file's `history:` samples only.
   */
  visionHistory?: (request: VisionHistoryRequest) => Promise<readonly VisionRevision[]>;
}

/** A change the editor or a watcher saw. Paths root-relative. */
export interface FileChange {
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

export interface Analysis {
  readonly model: Model;
  /** Owners of a path by CODEOWNERS, with the deciding and overridden lines. The path need not exist. */
  ownersOf(path: string): OwnerMatch;
  /** The deepest module that contains `path`, if any. */
  moduleOf(path: string): Module | undefined;
  moduleByName(name: string): Module | undefined;
  /** The team a handle or name refers to. */
  teamOf(owner: string): Team | undefined;
  /** Metadata of every rule, in registry order. */
  readonly rules: readonly RuleMeta[];
  /** Number of files matched / won by each CODEOWNERS rule (by rule index), over workspace files. */
  codeownersStats(): { matched: number[]; won: number[] };
  /** Every file of the workspace (root-relative, sorted, after .gitignore), e.g. to list what a CODEOWNERS line matches. */
  readonly files?: readonly string[];
  /** The configuration in force (defaults, `.northstar.yaml`, the caller's overrides). */
  readonly config?: NorthstarConfig;
  /**
   * When the enclosing repository's CODEOWNERS applies, this root's folder in that repository
   * (`ownersOf` matches paths under it); "" otherwise. Lets a copy of the snapshot on another
   * thread answer `ownersOf` as this one does (engine/remote.ts).
   */
  readonly codeownersPrefix?: string;
}
