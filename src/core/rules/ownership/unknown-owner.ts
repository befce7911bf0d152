import type { Fix, SourceLocation } from '../../model/types';
import { DEFAULT_TEAMS_FILE, parseEntityRef } from '../helpers';
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
  const firstLine = lines[teamsFile.teams[0].location.line - 1] ?? '';
  const item = /^(\s*)-\s+/.exec(firstLine);
  if (!item) return undefined;
  const indent = item[1];
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
  const entry = [`${indent}- id: ${JSON.stringify(owner)}`, `${indent}  name: ${JSON.stringify(teamName(owner))}`].join(eol) + eol;
  if (insertAt <= lines.length) {
    const at = { line: insertAt, column: 1, endLine: insertAt, endColumn: 1 };
    return { title, edits: [{ file: teamsFile.file, range: at, newText: entry }] };
  }
  const lastText = text.split('\n');
  const end = { line: lastText.length, column: lastText[lastText.length - 1].length + 1 };
  const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
  return {
    title,
    edits: [{ file: teamsFile.file, range: { ...end, endLine: end.line, endColumn: end.column }, newText: lead + entry }],
  };
}

export const unknownOwner: Rule = {
  meta: {
    id: 'ownership/unknown-owner',
    description: 'An owner that no team (teams.yaml, Backstage group) or CODEOWNERS handle declares.',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    const mentions: OwnerMention[] = [];
    for (const contract of ctx.contracts) {
      if (!contract.owner || contract.owner.value.trim() === '') continue;
      const module = ctx.moduleOf(contract.file)?.name ?? contract.name?.value ?? null;
      mentions.push({ owner: contract.owner.value, location: contract.owner.location, module, what: `module "${module ?? contract.file}"` });
    }
    for (const entity of ctx.catalog) {
      if (!entity.owner || entity.owner.value.trim() === '') continue;
      const kind = entity.kind.toLowerCase();
      const isModule = kind === 'component' || kind === 'resource';
      const module = isModule ? (ctx.moduleByName(entity.name)?.name ?? entity.name) : null;
      mentions.push({ owner: entity.owner.value, location: entity.owner.location, module, what: `${entity.kind} "${entity.name}"` });
    }
    for (const priority of ctx.visionFile?.priorities ?? []) {
      if (!priority.owner || priority.owner.value.trim() === '') continue;
      mentions.push({ owner: priority.owner.value, location: priority.owner.location, module: null, what: `priority "${priority.id}"` });
    }
    if (mentions.length === 0) return;

    // Backstage users and groups declared in the catalog are known owners too.
    const catalogOwners = new Set<string>();
    for (const entity of ctx.catalog) {
      const kind = entity.kind.toLowerCase();
      if (kind === 'group' || kind === 'user') catalogOwners.add(entity.ref.toLowerCase());
    }
    for (const mention of mentions) {
      if (ctx.teamOf(mention.owner)) continue;
      if (!mention.owner.includes('@') && catalogOwners.has(catalogRefKey(mention.owner, 'group'))) continue;
      const parsed = parseEntityRef(mention.owner);
      const isUser = parsed.kind === 'user';
      const isEmail = /^[^@\s]+@[^@\s]+$/.test(mention.owner);
      const fix = isUser || isEmail ? undefined : declareInTeamsFile(ctx, mention.owner);
      const hint = isUser
        ? 'add a Backstage User entity for it or name a team instead'
        : 'declare it in teams.yaml (or as an alias of an existing team), or use a handle that CODEOWNERS uses';
      ctx.report({
        message: `Owner "${mention.owner}" of ${mention.what} is not a known team: ${hint}.`,
        location: mention.location,
        module: mention.module,
        ...(fix && { fix }),
      });
    }
  },
};
