/** `northstar owners`: who owns each path, which CODEOWNERS line decided, and the module. */
import type { CodeownersFile, CodeownersRule, OwnerMatch } from '../model/types';
import { namedSections, sectionLabel, sectionNeed, sectionsOf } from '../sources/codeowners/sections';
import { escapeTerminal } from './escape';
import { collect, lazyMap, writeJson, type Write } from './stream';
import type { OwnersEntry, OwnersRuleRef } from './types';

/** Widest path or owner list that sets the alignment (a longer one is not padded to). */
const MAX_ALIGNED = 400;

function ruleRef(rule: CodeownersRule): OwnersRuleRef {
  return { file: rule.file, line: rule.line, pattern: rule.pattern };
}

/** `codeowners`: the workspace's CODEOWNERS file, whose GitLab sections the entry lists. */
export function buildOwnersEntry(path: string, match: OwnerMatch, module: string | null, codeowners?: CodeownersFile | null): OwnersEntry {
  return {
    path,
    owners: [...match.owners],
    rule: match.rule ? ruleRef(match.rule) : null,
    rules: match.rules.map(ruleRef),
    overridden: match.overridden.map(ruleRef),
    sections: sectionsOf(match, codeowners).map((s) => ({ ...s, owners: [...s.owners], rule: ruleRef(s.rule) })),
    module,
  };
}

function describeRef(r: OwnersRuleRef): string {
  return `${escapeTerminal(r.file)}:${r.line} ${escapeTerminal(r.pattern)}`;
}

function describeRules(entry: OwnersEntry): string {
  const refs = entry.rules.length > 0 ? entry.rules : entry.rule ? [entry.rule] : [];
  return refs.map(describeRef).join(', ');
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

/** The entries as a JSON array, each written as it comes (a generator need not be held whole). */
export function writeOwnersJson(entries: Iterable<OwnersEntry>, write: Write): void {
  writeJson(Array.isArray(entries) ? entries : lazyMap(entries, (e) => e), write, { walkDepth: 1 });
  write('\n');
}

export function formatOwnersJson(entries: readonly OwnersEntry[]): string {
  return collect((write) => writeOwnersJson(entries, write));
}
