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
 * A message without the parts that change while the finding stays the same: every number that
 * stands on its own (a "336 days ago", each part of a date, a CODEOWNERS "line 12", a count)
 * becomes `#`. Digits inside a word stay (`payments-v2`, `/services/api2/` name different things).
 * Linear: one pass.
 */
export function stableMessage(message: string): string {
  return message.replace(/\b\d+\b/g, '#');
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
 * Fingerprints: the hash of each identity, and for the second and later finding of one identity,
 * of the identity and its ordinal among the findings as reported (the same finding twice in one
 * file differs only in where it is, and its order stays when lines move together). The ordinal is
 * always counted in the order of the findings as given, so SARIF (which writes the most severe
 * first) and GitLab give the same finding the same fingerprint.
 */
export class Fingerprints {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly hash: (text: string) => string,
    private readonly prefix = '',
  ) {}

  /** The fingerprint of the next finding in reported order. */
  next(f: Finding): string {
    const key = identityOf(f, this.prefix);
    const occurrence = this.seen.get(key) ?? 0;
    this.seen.set(key, occurrence + 1);
    return this.of(key, occurrence);
  }

  /** Each finding's ordinal among those of its identity, in reported order (to fingerprint them in another order). */
  ordinals(findings: readonly Finding[]): Uint32Array {
    const counts = new Map<string, number>();
    const ordinals = new Uint32Array(findings.length);
    findings.forEach((f, i) => {
      const key = identityOf(f, this.prefix);
      const n = counts.get(key) ?? 0;
      counts.set(key, n + 1);
      ordinals[i] = n;
    });
    return ordinals;
  }

  /** The fingerprint of a finding whose ordinal is known. */
  at(f: Finding, ordinal: number): string {
    return this.of(identityOf(f, this.prefix), ordinal);
  }

  private of(key: string, occurrence: number): string {
    return this.hash(occurrence === 0 ? key : `${key}\u0000${occurrence}`);
  }
}

/**
 * The findings of `head` that `base` did not have, by identity (identityOf): the n-th finding of
 * an identity is new when the base had fewer than n of it. A finding whose line moved, or whose
 * "336 days ago" became "337", is not new. `fixed` counts the base's findings the head lost.
 */
export function compareWithBase(head: readonly Finding[], base: readonly Finding[], prefix = ''): { isNew(f: Finding): boolean; fixed: Finding[] } {
  const remaining = new Map<string, number>();
  const baseByKey = new Map<string, Finding[]>();
  for (const f of base) {
    const key = identityOf(f, prefix);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
    const list = baseByKey.get(key);
    if (list) list.push(f);
    else baseByKey.set(key, [f]);
  }
  const added = new Set<Finding>();
  const seen = new Map<string, number>();
  for (const f of head) {
    const key = identityOf(f, prefix);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n >= (remaining.get(key) ?? 0)) added.add(f);
  }
  const fixed: Finding[] = [];
  for (const [key, list] of baseByKey) for (let i = seen.get(key) ?? 0; i < list.length; i++) fixed.push(list[i]);
  return { isNew: (f) => added.has(f), fixed };
}
