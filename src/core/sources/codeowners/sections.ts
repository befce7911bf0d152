/**
 * GitLab sections of an owner match: which sections a path falls in, who each asks to approve,
 * how many approvals it needs, and whether it is optional. The one place the CLI's `owners`, the
 * status bar and the explain pick ask (issue "True to real repositories", item 12).
 *
 * GitLab: "Sections are analyzed separately"; each matching section adds its own approval rule.
 * "Optional sections" (`^[Name]`) "are not required"; `[Name][2]` requires two approvals, and
 * a required section without a count requires one. An exclusion (`!path`) that decides a section
 * takes the path out of it: that section asks nobody.
 */
import type { CodeownersFile, CodeownersRule, OwnerMatch } from '../../model/types';

export interface OwnerSectionMatch {
  /** The section's name as written on its first header; null for the lines before any header. */
  readonly name: string | null;
  readonly optional: boolean;
  /** Approvals the section requires: 0 when optional, the header's count, else 1. */
  readonly approvals: number;
  /** Owners this section asks (empty when an exclusion decided it). */
  readonly owners: readonly string[];
  /** The section's deciding line for this path. */
  readonly rule: CodeownersRule;
  /** The deciding line is a `!path` exclusion: this section does not ask for this path. */
  readonly excluded: boolean;
}

/** Sections by lower-case name (GitLab combines sections written twice), built once per file: `owners -` asks for every path. */
const indexes = new WeakMap<CodeownersFile, Map<string, CodeownersFile['sections'][number]>>();

function sectionIndex(file: CodeownersFile): Map<string, CodeownersFile['sections'][number]> {
  let byName = indexes.get(file);
  if (!byName) {
    byName = new Map();
    for (const s of file.sections) {
      const key = (s.name ?? '').toLowerCase();
      if (!byName.has(key)) byName.set(key, s);
    }
    indexes.set(file, byName);
  }
  return byName;
}

/**
 * The sections of a GitLab match, in the order of the deciding lines; empty for GitHub (one
 * section, nothing to split) and when no line matched.
 */
export function sectionsOf(match: OwnerMatch, file: CodeownersFile | null | undefined): OwnerSectionMatch[] {
  if (!file || file.dialect !== 'gitlab') return [];
  const byName = sectionIndex(file);
  return match.rules.map((rule) => {
    const section = byName.get((rule.section ?? '').toLowerCase());
    const optional = section?.optional ?? false;
    return {
      name: rule.section,
      optional,
      approvals: optional ? 0 : (section?.approvals ?? 1),
      owners: rule.exclusion ? [] : [...new Set(rule.owners)],
      rule,
      excluded: rule.exclusion,
    };
  });
}

/** `[Backend][2]`, `^[Docs]`, `[Api]`, or `(no section)`: the header as GitLab would write it. */
export function sectionLabel(section: Pick<OwnerSectionMatch, 'name' | 'optional' | 'approvals'>): string {
  if (section.name === null) return '(no section)';
  const count = !section.optional && section.approvals > 1 ? `[${section.approvals}]` : '';
  return `${section.optional ? '^' : ''}[${section.name}]${count}`;
}

/** `2 approvals`, `1 approval`, `optional`, or `no approval` for an excluded path. */
export function sectionNeed(section: Pick<OwnerSectionMatch, 'optional' | 'approvals' | 'excluded'>): string {
  if (section.excluded) return 'no approval';
  if (section.optional) return 'optional';
  return section.approvals === 1 ? '1 approval' : `${section.approvals} approvals`;
}

/** Sections worth listing: a GitLab file's named ones (a file without headers has one, unnamed). */
export function namedSections<T extends Pick<OwnerSectionMatch, 'name'>>(sections: readonly T[]): readonly T[] {
  return sections.some((s) => s.name !== null) ? sections : [];
}

/**
 * A line that owns every file: `*`, `**`, `/*`, `/**`, `**\/*`, `/**\/*` (what CODEOWNERS
 * files write as the default reviewers). `owners --unowned --catch-all-unowned` asks which
 * files have only such a line.
 */
export function isCatchAll(rule: Pick<CodeownersRule, 'pattern'>): boolean {
  return CATCH_ALL.has(rule.pattern);
}

const CATCH_ALL = new Set(['*', '**', '/*', '/**', '**/*', '/**/*']);

/** Two lines of one GitLab section (names compare case-insensitively; null is the unnamed one). */
export function sameSection(a: Pick<CodeownersRule, 'section'>, b: Pick<CodeownersRule, 'section'>): boolean {
  return (a.section ?? '').toLowerCase() === (b.section ?? '').toLowerCase();
}
