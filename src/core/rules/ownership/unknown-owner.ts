import { isPlaceholderOwner } from '../../model/teams';
import type { Fix, SourceLocation } from '../../model/types';
import { DEFAULT_TEAMS_FILE, isKnownOwner, isReportedUnknown, listText, parseEntityRef, personMeant } from '../helpers';
import type { Rule, RuleContext } from '../rule';

interface OwnerMention {
  owner: string;
  location: SourceLocation;
  module: string | null;
  /** What names the owner, for the message. */
  what: string;
}

function catalogRefKey(ref: string, defaultKind: string): string {
  const parsed = parseEntityRef(ref);
  return `${parsed.kind ?? defaultKind}:${parsed.namespace}/${parsed.name}`.toLowerCase();
}

/** A readable team name from a handle: `@acme/payments` → `payments`. */
function teamName(owner: string): string {
  const parts = owner.replace(/^@+/, '').split(/[/:]/);
  return parts[parts.length - 1] || owner;
}

/** Where a new team entry goes in an existing teams.yaml: after the last entry of `teams:`. */
export function declareInTeamsFile(ctx: RuleContext, owner: string): Fix | undefined {
  const title = `Declare team "${owner}" in teams.yaml`;
  const teamsFile = ctx.teamsFile;
  if (!teamsFile) {
    const newText = [
      'apiVersion: northstar/v1',
      'kind: Teams',
      'teams:',
      `  - id: ${JSON.stringify(owner)}`,
      `    name: ${JSON.stringify(teamName(owner))}`,
      '',
    ].join('\n');
    return { title, edits: [{ file: DEFAULT_TEAMS_FILE, range: null, newText }] };
  }
  const text = ctx.textOf?.(teamsFile.file);
  if (text === undefined || teamsFile.teams.length === 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  const first = teamsFile.teams[0];
  const firstLine = lines[first.location.line - 1] ?? '';
  const item = /^(\s*)-(\s+)/.exec(firstLine);
  if (!item) return undefined;
  const indent = item[1];
  // The file's own style: the keys' indentation after "-", how the id is quoted, blank lines between entries.
  const keyIndent = indent + ' '.repeat(1 + item[2].length);
  const quoteOf = (value: string, at: number): string => (value.startsWith('"') ? JSON.stringify(at === 0 ? owner : teamName(owner)) : value.startsWith("'") ? `'${(at === 0 ? owner : teamName(owner)).replace(/'/g, "''")}'` : '');
  const idWritten = firstLine.slice(first.location.column - 1);
  const idText = quoteOf(idWritten, 0) || JSON.stringify(owner);
  const nameLine = lines.slice(first.location.line, first.location.line + 6).find((l) => l.startsWith(`${keyIndent}name:`));
  const nameWritten = nameLine?.slice(`${keyIndent}name:`.length).trimStart() ?? '"';
  const nameText = quoteOf(nameWritten, 1) || (/^[\w][\w .-]*$/.test(teamName(owner)) ? teamName(owner) : JSON.stringify(teamName(owner)));
  const spaced = teamsFile.teams.length > 1 && teamsFile.teams.slice(1).every((t) => (lines[t.location.line - 2] ?? '').trim() === '');
  const lastLine = teamsFile.teams.reduce((max, team) => Math.max(max, team.location.line), 0);
  // The list ends at the first line, after the last entry, indented less than its items
  // (or a key at the items' own indentation).
  let insertAt = lines.length + 1;
  for (let i = lastLine; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const lineIndent = line.length - line.trimStart().length;
    if (lineIndent < indent.length || (lineIndent === indent.length && !line.trimStart().startsWith('-'))) {
      insertAt = i + 1;
      break;
    }
  }
  const entryLines = [`${indent}-${item[2]}id: ${idText}`, `${keyIndent}name: ${nameText}`];
  if (insertAt <= lines.length) {
    // Before what follows the list: after the last entry's own lines, blank lines kept where they were.
    let at = insertAt - 1;
    while (at > lastLine && lines[at - 1].trim() === '') at--;
    const entry = (spaced ? [''] : []).concat(entryLines).join(eol) + eol;
    const line = at + 1;
    return { title, edits: [{ file: teamsFile.file, range: { line, column: 1, endLine: line, endColumn: 1 }, newText: entry }] };
  }
  const raw = text.split('\n');
  const end = { line: raw.length, column: raw[raw.length - 1].length + 1 };
  const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
  // Trailing blank lines of the file stay at its end.
  const entry = (spaced && !/(?:\r?\n){2}$/.test(text) ? [''] : []).concat(entryLines).join(eol) + eol;
  return {
    title,
    edits: [{ file: teamsFile.file, range: { ...end, endLine: end.line, endColumn: end.column }, newText: lead + entry }],
  };
}

/** One cause: the comparable form of an owner (`x`, `group:x`, `group:default/x` are one). */
function causeKey(owner: string): string {
  const trimmed = owner.trim();
  if (trimmed.includes('@')) return trimmed.toLowerCase();
  return catalogRefKey(trimmed, 'group');
}

/** "named by 14 entities: a, b, c and 11 more" (empty when one mention). */
function namedBy(mentions: readonly OwnerMention[]): string {
  if (mentions.length <= 1) return '';
  const shown = mentions.slice(0, 3).map((m) => m.what);
  const more = mentions.length - shown.length;
  const list = more > 0 ? `${shown.join(', ')} and ${more} more` : listText(shown);
  return ` It is named by ${mentions.length} entries: ${list}.`;
}

export const unknownOwner: Rule = {
  meta: {
    id: 'ownership/unknown-owner',
    title: 'Unknown owner',
    gap: { one: 'owner that no team declares', other: 'owners that no team declares' },
    description: 'An owner that no team (teams.yaml, Backstage group) or CODEOWNERS handle declares.',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    const mentions: OwnerMention[] = [];
    for (const contract of ctx.contracts) {
      if (!contract.owner || contract.owner.value.trim() === '') continue;
      const module = ctx.moduleOf(contract.file)?.name ?? contract.name?.value ?? null;
      mentions.push({ owner: contract.owner.value.trim(), location: contract.owner.location, module, what: `module "${module ?? contract.file}"` });
    }
    for (const entity of ctx.catalog) {
      if (!entity.owner || entity.owner.value.trim() === '') continue;
      const kind = entity.kind.toLowerCase();
      const isModule = kind === 'component' || kind === 'resource';
      const module = isModule ? (ctx.moduleByName(entity.name)?.name ?? entity.name) : null;
      mentions.push({ owner: entity.owner.value.trim(), location: entity.owner.location, module, what: `${entity.kind} "${entity.name}"` });
    }
    for (const priority of ctx.visionFile?.priorities ?? []) {
      if (!priority.owner || priority.owner.value.trim() === '') continue;
      mentions.push({ owner: priority.owner.value.trim(), location: priority.owner.location, module: null, what: `priority "${priority.id}"` });
    }
    // A placeholder (`@TODO-team`) is not an unknown team: ownership/placeholder-owner reports it.
    for (let i = mentions.length - 1; i >= 0; i--) if (isPlaceholderOwner(mentions[i].owner)) mentions.splice(i, 1);
    if (mentions.length === 0) return;

    // One cause, one finding: the unknown owners, each with every mention, in order of first use.
    const causes = new Map<string, OwnerMention[]>();
    for (const mention of mentions) {
      if (isKnownOwner(ctx, mention.owner)) continue;
      const k = causeKey(mention.owner);
      const list = causes.get(k);
      if (list) list.push(mention);
      else causes.set(k, [mention]);
    }
    if (causes.size === 0) return;

    const asWritten: OwnerMention[][] = [];
    for (const group of causes.values()) {
      const first = group[0];
      const related = group.slice(1).map((m) => m.location);
      const handle = personMeant(ctx, first.owner);
      if (handle) {
        // Backstage reads a bare `jdoe` as group:<namespace>/jdoe; CODEOWNERS names the person.
        const name = handle.slice(1);
        const written = first.owner;
        ctx.report({
          message:
            `Owner "${written}" of ${first.what} is read by Backstage as a group, and no Group "${parseEntityRef(written).name}" is declared; ` +
            `CODEOWNERS names the person ${handle}: write "user:${name}" if that person is meant.${namedBy(group)}`,
          location: first.location,
          module: first.module,
          related,
          fix: {
            title: `Replace "${written}" with "user:${name}"`,
            edits: group.map((m) => ({ file: m.location.file, range: { line: m.location.line, column: m.location.column, endLine: m.location.endLine, endColumn: m.location.endColumn }, newText: `user:${name}` })),
          },
        });
        continue;
      }
      if (!isReportedUnknown(ctx, first.owner)) {
        asWritten.push(group);
        continue;
      }
      const parsed = parseEntityRef(first.owner);
      const isUser = parsed.kind === 'user';
      const isEmail = /^[^@\s]+@[^@\s]+$/.test(first.owner);
      const fix = isUser || isEmail ? undefined : declareInTeamsFile(ctx, first.owner);
      const hint = isUser
        ? 'add a Backstage User entity for it or name a team instead'
        : 'declare it in teams.yaml (or as an alias of an existing team), or use a handle that CODEOWNERS uses';
      const elsewhere = first.owner.includes('@') ? '' : " (it may be declared in another repository's catalog)";
      ctx.report({
        message: `Owner "${first.owner}" of ${first.what} is not declared in this repository${elsewhere}: ${hint}.${namedBy(group)}`,
        location: first.location,
        module: first.module,
        related,
        ...(fix && { fix }),
      });
    }

    if (asWritten.length > 0) {
      // No teams.yaml and no Group entity: nothing to check owners against. Say so once.
      const first = asWritten[0][0];
      const owners = asWritten.map((g) => `"${g[0].owner}"${g.length > 1 ? ` (${g.length} uses)` : ''}`);
      const shown = owners.length > 5 ? `${owners.slice(0, 5).join(', ')} and ${owners.length - 5} more` : listText(owners);
      ctx.report({
        message:
          'No teams are declared in this repository (no teams.yaml, no Backstage Group entity): owners are taken as written. ' +
          `Owners named here that nothing declares: ${shown}.`,
        location: first.location,
        module: null,
        related: asWritten.flatMap((g) => g.map((m) => m.location)).slice(1),
        severity: 'info',
      });
    }
  },
};
