/** `northstar owners`: who owns each path, which CODEOWNERS line decided, and the module. */
import type { CodeownersFile, CodeownersRule, OwnerMatch } from '../model/types';
import { isCatchAll, namedSections, sectionLabel, sectionNeed, sectionsOf } from '../sources/codeowners/sections';
import { escapeTerminal } from './escape';
import { collect, stringifyWellFormed, writeJson, type Write } from './stream';
import type { OwnersEntry, OwnersRuleRef } from './types';

/** Widest path or owner list that sets the alignment (a longer one is not padded to). */
const MAX_ALIGNED = 400;

/** One reference object per CODEOWNERS line (frozen, shared by every entry it decides). */
const refs = new WeakMap<CodeownersRule, OwnersRuleRef>();

function ruleRef(rule: CodeownersRule): OwnersRuleRef {
  let ref = refs.get(rule);
  if (!ref) {
    ref = Object.freeze({ file: rule.file, line: rule.line, pattern: rule.pattern }) as OwnersRuleRef;
    refs.set(rule, ref);
  }
  return ref;
}

/**
 * `codeowners`: the workspace's CODEOWNERS file, whose GitLab sections the entry lists.
 * Lean by default (owners, deciding line, sections, module): `explain` adds the deciding line of
 * each section (`rules`) and the earlier lines they overrode (`overridden`), which for 100,000
 * paths under a catch-all were most of the output.
 */
export function buildOwnersEntry(path: string, match: OwnerMatch, module: string | null, codeowners?: CodeownersFile | null, explain = false): OwnersEntry {
  return {
    path,
    owners: [...match.owners],
    rule: match.rule ? ruleRef(match.rule) : null,
    ...(explain && { rules: match.rules.map(ruleRef), overridden: match.overridden.map(ruleRef) }),
    sections: sectionsOf(match, codeowners).map((s) => ({ ...s, owners: [...s.owners], rule: ruleRef(s.rule) })),
    module,
  };
}

function describeRef(r: OwnersRuleRef): string {
  return `${escapeTerminal(r.file)}:${r.line} ${escapeTerminal(r.pattern)}`;
}

function describeRules(entry: OwnersEntry): string {
  const refs = entry.rules && entry.rules.length > 0 ? entry.rules : entry.rule ? [entry.rule] : [];
  const overridden = entry.overridden && entry.overridden.length > 0 ? `; overrides ${entry.overridden.map(describeRef).join(', ')}` : '';
  return refs.map(describeRef).join(', ') + overridden;
}

/** `  [Backend][2]  @a @b  2 approvals  (CODEOWNERS:4 app/)`, under the path's line. */
function sectionLines(entry: OwnersEntry): string[] {
  const sections = namedSections(entry.sections);
  const labels = sections.map((s) => escapeTerminal(sectionLabel(s)));
  const owners = sections.map((s) => (s.excluded ? '(excluded)' : s.owners.map(escapeTerminal).join(' ') || '(no owners)'));
  const needs = sections.map(sectionNeed);
  const widest = (texts: string[]): number => Math.min(texts.reduce((w, t) => Math.max(w, t.length), 0), MAX_ALIGNED);
  const [labelWidth, ownersWidth, needWidth] = [widest(labels), widest(owners), widest(needs)];
  return sections.map((s, i) => `  ${labels[i].padEnd(labelWidth)}  ${owners[i].padEnd(ownersWidth)}  ${needs[i].padEnd(needWidth)}  (${describeRef(s.rule)})`);
}

/** Paths, owners, patterns and modules come from the workspace: escaped for the terminal. */
function shownPath(entry: OwnersEntry): string {
  return entry.path === '' ? '.' : escapeTerminal(entry.path);
}

function shownOwners(entry: OwnersEntry): string {
  return entry.owners.length > 0 ? entry.owners.map(escapeTerminal).join(' ') : '(no owners)';
}

/**
 * `path  @a @b  (CODEOWNERS:12 pattern)`, columns aligned; `(no owners)` when nobody owns it.
 * A GitLab file's named sections follow, indented, one line each (owners, approvals, line).
 * Two passes over the entries (widths, then one line at a time).
 */
export function writeOwnersText(entries: readonly OwnersEntry[], write: Write): void {
  let width = 0;
  let ownersWidth = 0;
  for (const e of entries) {
    width = Math.max(width, Math.min(shownPath(e).length, MAX_ALIGNED));
    ownersWidth = Math.max(ownersWidth, Math.min(shownOwners(e).length, MAX_ALIGNED));
  }
  for (const e of entries) {
    const sections = sectionLines(e);
    // With its sections listed below, the path's line leaves the deciding lines to them.
    const rules = sections.length > 0 ? '' : describeRules(e);
    const moduleText = e.module !== null ? `  [${escapeTerminal(e.module)}]` : '';
    const line = `${shownPath(e).padEnd(width)}  ${shownOwners(e).padEnd(ownersWidth)}${rules ? `  (${rules})` : ''}${moduleText}`;
    write(line.trimEnd() + '\n');
    for (const s of sections) write(s.trimEnd() + '\n');
  }
}

export function formatOwnersText(entries: readonly OwnersEntry[]): string {
  return collect((write) => writeOwnersText(entries, write));
}

/**
 * The entries as a JSON array, each written as it comes (a generator need not be held whole):
 * exactly `writeJson`'s text (`JSON.stringify(entries, null, 2)`, lone surrogates as U+FFFD).
 * An entry is assembled from pieces, and the pieces that repeat across 100,000 paths (a line's
 * reference, an owner list) are stringified once: the generic walk was a third of `owners -`.
 */
export function writeOwnersJson(entries: Iterable<OwnersEntry>, write: Write): void {
  const text = new OwnersJsonText();
  let first = true;
  for (const entry of entries) {
    write((first ? '[\n  ' : ',\n  ') + text.entry(entry));
    first = false;
  }
  write(first ? '[]\n' : '\n]\n');
}

/** `JSON.stringify(entry, null, 2)` of an OwnersEntry, nested one level (in the array). */
class OwnersJsonText {
  private readonly refTexts = new WeakMap<OwnersRuleRef, string>();
  private readonly ownerTexts = new Map<string, string>();

  entry(e: OwnersEntry): string {
    const keys = Object.keys(e).length;
    const explained = e.rules !== undefined || e.overridden !== undefined;
    // Anything but the shape buildOwnersEntry gives goes through the generic writer.
    if (keys !== (explained ? 7 : 5) || (explained && (e.rules === undefined || e.overridden === undefined))) return generic(e);
    const path = jsonString(e.path);
    const module = e.module === null ? 'null' : jsonString(e.module);
    if (path === null || module === null) return generic(e);
    const owners = this.owners(e.owners);
    if (owners === null) return generic(e);
    const rule = e.rule === null ? 'null' : this.ref(e.rule);
    if (rule === null) return generic(e);
    const explanation = explained ? `,\n    "rules": ${nested(e.rules)},\n    "overridden": ${nested(e.overridden)}` : '';
    const sections = e.sections.length === 0 ? '[]' : nested(e.sections);
    return `{\n    "path": ${path},\n    "owners": ${owners},\n    "rule": ${rule}${explanation},\n    "sections": ${sections},\n    "module": ${module}\n  }`;
  }

  private owners(owners: readonly string[]): string | null {
    if (owners.length === 0) return '[]';
    const key = owners.join('\n');
    let text = this.ownerTexts.get(key);
    if (text === undefined) {
      const items: string[] = [];
      for (const o of owners) {
        const item = jsonString(o);
        if (item === null) return null;
        items.push(item);
      }
      text = `[\n      ${items.join(',\n      ')}\n    ]`;
      this.ownerTexts.set(key, text);
    }
    return text;
  }

  private ref(ref: OwnersRuleRef): string | null {
    let text = this.refTexts.get(ref);
    if (text === undefined) {
      if (Object.keys(ref).length !== 3) return null;
      const file = jsonString(ref.file);
      const pattern = jsonString(ref.pattern);
      if (file === null || pattern === null || !Number.isFinite(ref.line)) return null;
      text = `{\n      "file": ${file},\n      "line": ${ref.line},\n      "pattern": ${pattern}\n    }`;
      this.refTexts.set(ref, text);
    }
    return text;
  }
}

/** A string as JSON, or null when it holds a lone surrogate (the generic writer replaces those). */
function jsonString(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = JSON.stringify(value);
  return text.includes('\\ud') ? null : text;
}

/** A value two levels deep in the array (an entry's field). */
function nested(value: unknown): string {
  return (stringifyWellFormed(value, 2) ?? 'null').replace(/\n/g, '\n    ');
}

function generic(e: OwnersEntry): string {
  return collect((write) => writeJson(e, write, { walkDepth: 0 })).replace(/\n/g, '\n  ');
}

/** One entry a line (NDJSON), each written as it comes: for `owners -` over a whole repository. */
export function writeOwnersNdjson(entries: Iterable<OwnersEntry>, write: Write): void {
  for (const e of entries) write(JSON.stringify(e) + '\n');
}

export function formatOwnersJson(entries: readonly OwnersEntry[]): string {
  return collect((write) => writeOwnersJson(entries, write));
}

// ---------------------------------------------------------------------------
// Unowned files and coverage (`owners --unowned`, `owners --coverage`)

/**
 * Is this file owned? By a line with owners (GitLab: any section's, an exclusion asks nobody).
 * With `catchAllUnowned`, a file whose every deciding line is a catch-all (`*`, `**`, `/**`…)
 * counts as unowned: the default reviewer of everything is not an owner of this file.
 */
export function isOwned(match: OwnerMatch, catchAllUnowned: boolean): boolean {
  if (match.owners.length === 0) return false;
  if (!catchAllUnowned) return true;
  const deciding = match.rules.length > 0 ? match.rules : match.rule ? [match.rule] : [];
  return deciding.some((r) => !r.exclusion && r.owners.length > 0 && !isCatchAll(r));
}

export interface OwnershipCoverage {
  files: { owned: number; total: number; percent: number };
  /** Modules with an owning team (the summary's "Ownership" row: groups and samples left out). */
  modules: { owned: number; total: number; percent: number };
  catchAllUnowned: boolean;
}

function percentOf(owned: number, total: number): number {
  return total === 0 ? 100 : Math.floor((1000 * owned) / total) / 10;
}

export function ownershipCoverage(
  files: readonly string[],
  ownersOf: (path: string) => OwnerMatch,
  modules: { owned: number; total: number },
  catchAllUnowned: boolean,
): OwnershipCoverage {
  let owned = 0;
  for (const f of files) if (isOwned(ownersOf(f), catchAllUnowned)) owned++;
  return {
    files: { owned, total: files.length, percent: percentOf(owned, files.length) },
    modules: { ...modules, percent: percentOf(modules.owned, modules.total) },
    catchAllUnowned,
  };
}

export function formatCoverageText(c: OwnershipCoverage): string {
  const by = c.catchAllUnowned ? ' (a catch-all line alone does not count)' : '';
  return (
    `Files with owners:   ${c.files.percent}% (${c.files.owned} of ${c.files.total})${by}\n` +
    `Modules with a team: ${c.modules.percent}% (${c.modules.owned} of ${c.modules.total})\n`
  );
}
