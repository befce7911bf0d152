/**
 * Where a finding is in the repository, and who it is from one run to the next: the two things
 * code-scanning services need to show a finding at the right file and to tell a new finding from
 * an old one. GitHub (SARIF `partialFingerprints`) and GitLab (Code Quality `fingerprint`) both
 * compare a finding's identity between the base and the head of a change: an identity that
 * moves when a line is inserted above, or when a day passes, turns every such finding into a
 * "fixed" and a "new" pair.
 */
import type { Finding } from '../model/types';

/**
 * A root-relative path as a repository-relative one. `prefix` is the root's folder inside its
 * git repository (src/node/setup.ts `repositoryAbove`), '' when the root is the repository's.
 * A workspace-level finding (file '') points at the root folder itself; a file above the root
 * (`../../.github/CODEOWNERS`) is named from the repository root (`.github/CODEOWNERS`).
 */
export function repositoryPath(file: string, prefix = ''): string {
  if (prefix === '') return file;
  if (file === '') return prefix;
  // The repository root's CODEOWNERS, when it applies to a subfolder, is `../../.github/CODEOWNERS`
  // from the root (engine/analyzer.ts): each `..` takes back one folder of the prefix.
  const segments = prefix.split('/');
  for (const segment of file.split('/')) {
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

/**
 * A message without the parts that change while the finding stays the same: every run of digits
 * (a "336 days ago", a date, a CODEOWNERS "line 12", a count) becomes `#`. Linear: one pass.
 */
export function stableMessage(message: string): string {
  return message.replace(/\d+/g, '#');
}

/** The version of the identity: a new scheme gets a new key, so old and new fingerprints are never compared. */
export const FINGERPRINT_KEY = 'northstar/v1';

/**
 * The identity of a finding before hashing: rule, repository-relative file, module, and the
 * message with its digits normalised. Not the line or column (they move with edits above).
 */
export function identityOf(f: Finding, prefix = ''): string {
  return [f.ruleId, repositoryPath(f.file, prefix), f.module ?? '', stableMessage(f.message)].join('\u0000');
}

/**
 * Fingerprints in the order findings are given: the hash of each identity, and for the second and
 * later finding of one identity, of the identity and its ordinal (the same finding twice in one file
 * differs only in where it is, and its order stays when lines move together).
 */
export class Fingerprints {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly hash: (text: string) => string,
    private readonly prefix = '',
  ) {}

  next(f: Finding): string {
    const key = identityOf(f, this.prefix);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    return this.hash(occurrence === 0 ? key : `${key}\u0000${occurrence}`);
  }
}
