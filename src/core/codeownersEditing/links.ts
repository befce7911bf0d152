/**
 * Document links in a CODEOWNERS file (issue 15). A wrong link is worse than none, so:
 * - an owner that teams.yaml or the Backstage catalog declares links to that declaration
 *   (teams.yaml's `id`, the entity's `metadata.name`): always right, and where escalation and
 *   aliases are kept (teams.yaml has no team page field: DESIGN 1.4);
 * - any other `@org/team` or `@user` links to its GitHub page only when the file is GitHub's for
 *   sure (it lives under `.github/`): a root or `docs/` CODEOWNERS may be a GitHub Enterprise
 *   server's or a GitLab one's, whose host is not known;
 * - an e-mail owner links to `mailto:`;
 * - a pattern that names one existing file (no glob, anchored so it cannot match at any depth)
 *   links to that file.
 * Which team a name is comes from the analysis' one directory (`Analysis.teamOf`).
 */
import type { Analysis } from '../api';
import type { CodeownersDialect, SourceRange } from '../model/types';
import { ownerProblem } from '../sources/codeowners/owners';
import { editingDialect } from './completion';
import { lineParts, splitLines } from './lines';
import { hasFile } from './paths';

/** Lines looked at: CODEOWNERS files are hundreds of lines; a huge one gets links on its start only. */
export const LINK_LINE_LIMIT = 10_000;

export type LinkTarget =
  /** A workspace file (root-relative), at a 1-based line and column when given. */
  | { readonly kind: 'file'; readonly file: string; readonly line?: number; readonly column?: number }
  | { readonly kind: 'url'; readonly url: string };

export interface CodeownersLink {
  readonly range: SourceRange;
  readonly target: LinkTarget;
  readonly tooltip: string;
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
const GLOB = /[*?[]/;

/** The file is GitHub's beyond doubt: GitHub reads `.github/CODEOWNERS`, GitLab never does. */
export function isOnGitHub(file: string, dialect: CodeownersDialect): boolean {
  return dialect === 'github' && file.startsWith('.github/');
}

/** The GitHub page of a handle (`@org/team` → the team's page, `@user` → the profile), or null. */
export function githubPageOf(owner: string): string | null {
  if (!owner.startsWith('@') || ownerProblem(owner, 'github') !== null) return null;
  const [org, team] = owner.slice(1).split('/');
  return team === undefined
    ? `https://github.com/${encodeURIComponent(org)}`
    : `https://github.com/orgs/${encodeURIComponent(org)}/teams/${encodeURIComponent(team.toLowerCase())}`;
}

function ownerLink(analysis: Analysis, owner: string, onGitHub: boolean): { target: LinkTarget; tooltip: string } | null {
  const team = analysis.teamOf(owner);
  if (team && (team.source === 'teams' || team.source === 'catalog') && team.location) {
    const where = team.source === 'teams' ? 'teams.yaml' : 'the Backstage catalog';
    return {
      target: { kind: 'file', file: team.location.file, line: team.location.line, column: team.location.column },
      tooltip: `Open the declaration of ${team.name} in ${where} (${team.location.file}:${team.location.line})`,
    };
  }
  if (EMAIL.test(owner)) return { target: { kind: 'url', url: `mailto:${owner}` }, tooltip: `Write to ${owner}` };
  const page = onGitHub ? githubPageOf(owner) : null;
  if (page) return { target: { kind: 'url', url: page }, tooltip: `Open ${owner} on GitHub` };
  return null;
}

/** The one existing file a pattern names, root-relative, or null. */
function fileOfPattern(pattern: string, dialect: CodeownersDialect, files: readonly string[]): string | null {
  if (pattern.startsWith('!') || pattern.endsWith('/') || GLOB.test(pattern.replace(/\\./g, ''))) return null;
  const path = pattern.replace(/\\(.)/g, '$1');
  const anchored = path.startsWith('/');
  // Unanchored, GitLab matches at any depth; GitHub too when the only slash is not inside.
  const inner = path.slice(1).includes('/');
  if (!anchored && (dialect === 'gitlab' || !inner)) return null;
  const relative = anchored ? path.slice(1) : path;
  return relative !== '' && hasFile(files, relative) ? relative : null;
}

/** Links of a CODEOWNERS text (its current text; `file` is its root-relative path). */
export function codeownersLinks(analysis: Analysis, file: string, text: string): CodeownersLink[] {
  const dialect = editingDialect(analysis, file, text);
  const onGitHub = isOnGitHub(file, dialect);
  const files = analysis.files ?? [];
  const links: CodeownersLink[] = [];
  const lines = splitLines(text);
  const count = Math.min(lines.length, LINK_LINE_LIMIT);
  for (let index = 0; index < count; index++) {
    const parts = lineParts(lines[index], dialect);
    if (parts.kind !== 'rule' && parts.kind !== 'header') continue;
    const lineNo = index + 1;
    if (parts.kind === 'rule') {
      const target = fileOfPattern(parts.pattern.text, dialect, files);
      if (target) {
        links.push({
          range: { line: lineNo, column: parts.pattern.start + 1, endLine: lineNo, endColumn: parts.pattern.end + 1 },
          target: { kind: 'file', file: target },
          tooltip: `Open ${target}`,
        });
      }
      if (dialect === 'gitlab' && parts.pattern.text.startsWith('!')) continue;
    }
    for (const owner of parts.owners) {
      const link = ownerLink(analysis, owner.text, onGitHub);
      if (link) links.push({ range: { line: lineNo, column: owner.start + 1, endLine: lineNo, endColumn: owner.end + 1 }, ...link });
    }
  }
  return links;
}
