/**
 * Completion in a CODEOWNERS file (issue 15):
 * - at an owner position (after a rule's pattern, or after a GitLab section header, whose
 *   owners are the section's default owners): the owners the file already uses first (most used
 *   first), then every name of every team the model knows (teams.yaml ids and aliases, Backstage
 *   groups and users by their GitHub handle, CODEOWNERS handles) that the dialect accepts as an
 *   owner; each with its team's name as detail and the owner hover (escalation, where it is
 *   declared) as documentation. Which team a name is comes from the analysis' one directory
 *   (`Analysis.teamOf`, model/teams.ts).
 * - at the pattern: the workspace's folders and files, one path segment at a time, folders with
 *   a trailing `/`, after a leading `/` too; never more than COMPLETION_LIMIT items (the editor
 *   asks again as more is typed).
 */
import type { Analysis } from '../api';
import { ownerHover } from '../hover';
import type { CodeownersDialect, SourceRange, Team } from '../model/types';
import { isPerson } from '../model/teams';
import { detectDialect } from '../sources/codeowners/locate';
import { isValidOwner } from '../sources/codeowners/owners';
import { isSpace } from '../sources/codeowners/parse';
import { lineParts, splitLines } from './lines';
import { hasFile, listFolder } from './paths';

/** At most this many items per answer. */
export const COMPLETION_LIMIT = 200;

export type CompletionKind = 'team' | 'person' | 'folder' | 'file';

export interface CodeownersCompletionItem {
  readonly label: string;
  readonly insertText: string;
  readonly kind: CompletionKind;
  /** Owners: the team's name and what declares it. */
  readonly detail?: string;
  /** Owners: Markdown (the owner hover); names in it are escaped. */
  readonly documentation?: string;
  /** Orders the items: owners used in the file first. */
  readonly sortText: string;
  /** What the editor matches the typed text against. */
  readonly filterText: string;
  /** The text the item replaces (1-based, end exclusive): the typed part of the word or segment. */
  readonly range: SourceRange;
  /** A folder: completion of its contents should follow at once. */
  readonly retrigger?: boolean;
}

export interface CodeownersCompletions {
  readonly items: readonly CodeownersCompletionItem[];
  /** False when the list was cut at COMPLETION_LIMIT: the editor asks again as more is typed. */
  readonly complete: boolean;
}

/**
 * The dialect a CODEOWNERS document is edited in: the analysed file's own (detected, or set by
 * `.northstar.yaml`), else what its location and text say (sources/codeowners/locate.ts).
 */
export function editingDialect(analysis: Pick<Analysis, 'model' | 'files'> | undefined, file: string, text: string): CodeownersDialect {
  const analysed = analysis?.model.codeowners;
  if (analysed && analysed.file === file) return analysed.dialect;
  return detectDialect(file, text, analysis?.files ? hasFile(analysis.files, '.gitlab-ci.yml') : false);
}

/** What the cursor is on, in the line's own terms (0-based offsets). */
type Position =
  | { kind: 'path'; start: number; end: number }
  | { kind: 'owner'; start: number; end: number; lineOwners: readonly string[] };

function positionIn(line: string, at: number, dialect: CodeownersDialect): Position | null {
  const parts = lineParts(line, dialect);
  if (parts.kind === 'blank') return { kind: 'path', start: at, end: at };
  if (parts.kind === 'comment') return null;
  let ownersFrom: number;
  let written: readonly string[];
  if (parts.kind === 'header') {
    if (at <= parts.headerEnd) return null;
    ownersFrom = parts.headerEnd;
    written = parts.owners.map((o) => o.text);
  } else {
    if (at < parts.start) return null;
    if (at <= parts.pattern.end) return { kind: 'path', start: parts.pattern.start, end: at };
    if (parts.comment !== null && at > parts.comment) return null;
    // GitLab ignores the owners of an exclusion (`!path`): nothing to offer.
    if (dialect === 'gitlab' && parts.pattern.text.startsWith('!')) return null;
    ownersFrom = parts.pattern.end;
    written = parts.owners.map((o) => o.text);
  }
  let start = at;
  while (start > ownersFrom && !isSpace(line[start - 1])) start--;
  let end = at;
  while (end < line.length && !isSpace(line[end])) end++;
  const current = line.slice(start, end);
  return { kind: 'owner', start, end, lineOwners: written.filter((w) => w !== current) };
}

function range(line: number, start: number, end: number): SourceRange {
  return { line, column: start + 1, endLine: line, endColumn: end + 1 };
}

/** Completions at a 1-based line and UTF-16 column of a CODEOWNERS text; null where none apply (comments). */
export function codeownersCompletions(
  analysis: Analysis,
  file: string,
  text: string,
  line: number,
  column: number,
): CodeownersCompletions | null {
  const lines = splitLines(text);
  const lineText = lines[line - 1] ?? '';
  const at = Math.min(Math.max(0, column - 1), lineText.length);
  const dialect = editingDialect(analysis, file, text);
  const position = positionIn(lineText, at, dialect);
  if (!position) return null;
  if (position.kind === 'path') return pathCompletions(analysis.files ?? [], lineText, line, position.start, position.end, dialect);
  return ownerCompletions(analysis, lines, line, lineText, position, dialect);
}

// ---------------------------------------------------------------------------------- owners

interface OwnerCandidate {
  name: string;
  uses: number;
  /** 0: used in this file; then by the declaring source. */
  rank: number;
}

const SOURCE_RANK: Record<Team['source'], number> = { teams: 1, catalog: 2, codeowners: 3, undeclared: 4 };

const SOURCE_WORDS: Record<Team['source'], string> = {
  teams: 'teams.yaml',
  catalog: 'Backstage catalog',
  codeowners: 'CODEOWNERS',
  undeclared: 'declared nowhere',
};

function ownerCompletions(
  analysis: Analysis,
  lines: readonly string[],
  lineNo: number,
  lineText: string,
  position: Extract<Position, { kind: 'owner' }>,
  dialect: CodeownersDialect,
): CodeownersCompletions {
  const candidates = new Map<string, OwnerCandidate>();
  // Owners written in this document (its current text), but not the word being typed.
  for (const [index, text] of lines.entries()) {
    const parts = lineParts(text, dialect);
    if (parts.kind !== 'rule' && parts.kind !== 'header') continue;
    for (const owner of parts.owners) {
      if (index === lineNo - 1 && owner.start === position.start) continue;
      if (!isValidOwner(owner.text, dialect)) continue;
      const k = owner.text.toLowerCase();
      const known = candidates.get(k);
      if (known) known.uses++;
      else candidates.set(k, { name: owner.text, uses: 1, rank: 0 });
    }
  }
  for (const team of analysis.model.teams) {
    for (const name of [team.id, ...team.aliases]) {
      const k = name.toLowerCase();
      if (candidates.has(k) || !isValidOwner(name, dialect)) continue;
      candidates.set(k, { name, uses: 0, rank: SOURCE_RANK[team.source] });
    }
  }
  const onLine = new Set(position.lineOwners.map((o) => o.toLowerCase()));
  let list = [...candidates.values()].filter((c) => !onLine.has(c.name.toLowerCase()));
  list.sort((a, b) => a.rank - b.rank || b.uses - a.uses || (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
  let complete = true;
  if (list.length > COMPLETION_LIMIT) {
    const typed = lineText.slice(position.start, position.end).replace(/^@/, '').toLowerCase();
    list = list.filter((c) => c.name.replace(/^@/, '').toLowerCase().startsWith(typed));
    if (list.length > COMPLETION_LIMIT) {
      list = list.slice(0, COMPLETION_LIMIT);
      complete = false;
    }
  }
  const digits = String(list.length).length;
  const items = list.map((c, i): CodeownersCompletionItem => {
    const team = analysis.teamOf(c.name);
    const used = c.uses > 0 ? `used ${c.uses}× in this file` : null;
    const declared = team ? SOURCE_WORDS[team.source] : 'declared nowhere';
    const detail = [team && team.name !== c.name ? team.name : null, declared, used].filter((s) => s !== null).join(' · ');
    return {
      label: c.name,
      insertText: c.name,
      kind: isPerson(team ?? { id: c.name }) ? 'person' : 'team',
      detail,
      documentation: ownerHover(analysis, c.name),
      sortText: String(i).padStart(digits, '0'),
      filterText: c.name,
      range: range(lineNo, position.start, position.end),
    };
  });
  return { items, complete };
}

// ----------------------------------------------------------------------------------- paths

const GLOB = /[*?[]/;

/** `a\ b` → `a b`: the path a typed (escaped) pattern names. */
function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

/** A folder or file name as a pattern writes it: blanks, backslashes and glob characters escaped. */
export function escapePatternName(name: string, first: boolean): string {
  let out = name.replace(/[\s\\*?[\]]/g, (c) => `\\${c}`);
  if (first && (out.startsWith('#') || out.startsWith('!'))) out = `\\${out}`;
  return out;
}

function pathCompletions(
  files: readonly string[],
  lineText: string,
  lineNo: number,
  start: number,
  at: number,
  dialect: CodeownersDialect,
): CodeownersCompletions | null {
  let from = start;
  if (dialect === 'gitlab' && lineText[from] === '!') from++;
  const anchored = lineText[from] === '/';
  if (anchored) from++;
  const typed = lineText.slice(from, at);
  const slash = typed.lastIndexOf('/');
  const folderText = slash < 0 ? '' : typed.slice(0, slash);
  if (GLOB.test(folderText.replace(/\\./g, ''))) return null;
  const segmentStart = from + slash + 1;
  const segment = typed.slice(slash + 1);
  if (GLOB.test(segment.replace(/\\./g, ''))) return null;
  const listing = listFolder(files, unescape(folderText), unescape(segment), COMPLETION_LIMIT);
  const first = !anchored && slash < 0 && from === start;
  const items = listing.entries.map((entry): CodeownersCompletionItem => {
    const written = escapePatternName(entry.name, first);
    return entry.folder
      ? {
          label: `${entry.name}/`,
          insertText: `${written}/`,
          kind: 'folder',
          sortText: `0${entry.name}`,
          filterText: `${written}/`,
          range: range(lineNo, segmentStart, at),
          retrigger: true,
        }
      : { label: entry.name, insertText: written, kind: 'file', sortText: `1${entry.name}`, filterText: written, range: range(lineNo, segmentStart, at) };
  });
  return { items, complete: listing.complete };
}
