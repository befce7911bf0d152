/**
 * Where a CODEOWNERS file lives and which dialect it speaks (DESIGN.md 1.1).
 */
import type { CodeownersDialect } from '../../model/types';

/**
 * GitHub: "create a new file called `CODEOWNERS` in the `.github/`, root, or `docs/` directory
 * [...] If `CODEOWNERS` files exist in more than one of those locations, GitHub will search for
 * them in that order and use the first one it finds."
 * GitLab looks in the root, `docs/`, then `.gitlab/`.
 */
export const CODEOWNERS_LOCATIONS: { github: string[]; gitlab: string[] } = {
  github: ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'],
  gitlab: ['CODEOWNERS', 'docs/CODEOWNERS', '.gitlab/CODEOWNERS'],
};

/**
 * The combined search order when the host is unknown: `.github/CODEOWNERS`, `CODEOWNERS`,
 * `docs/CODEOWNERS`, `.gitlab/CODEOWNERS`. It keeps each host's own order (GitHub's three come
 * in GitHub's order, GitLab's three in GitLab's), and where the two disagree — a repository
 * with both `.github/CODEOWNERS` and a root `CODEOWNERS` — it follows GitHub, whose `.github/`
 * folder is a strong sign of where the repository is hosted. `.gitlab/CODEOWNERS` comes last,
 * as GitLab itself reads it last.
 */
export const CODEOWNERS_SEARCH_ORDER: readonly string[] = [
  '.github/CODEOWNERS',
  'CODEOWNERS',
  'docs/CODEOWNERS',
  '.gitlab/CODEOWNERS',
];

/** The CODEOWNERS file to use: the first that exists, in the host's order when `dialect` is given. */
export function findCodeownersFile(exists: (path: string) => boolean, dialect?: CodeownersDialect | null): string | null {
  const order = dialect ? CODEOWNERS_LOCATIONS[dialect] : CODEOWNERS_SEARCH_ORDER;
  for (const path of order) if (exists(path)) return path;
  return null;
}

/** A GitLab section header line: `[Name]`, `^[Name]`, `[Name][2]`, optionally followed by owners. */
const SECTION_HEADER = /^[ \t]*\^?\[[^\]\r\n]+\](?:\[\d*\])?(?:[ \t]|$)/m;

/**
 * `.github/` → GitHub, `.gitlab/` → GitLab; a file at the root or in `docs/` is GitLab when it
 * has section headers or the repository has a `.gitlab-ci.yml`, else GitHub.
 */
export function detectDialect(path: string, text: string, hasGitlabCi: boolean): CodeownersDialect {
  const p = path.replace(/^\.\//, '').replace(/^\/+/, '');
  if (p.startsWith('.github/')) return 'github';
  if (p.startsWith('.gitlab/')) return 'gitlab';
  if (hasGitlabCi) return 'gitlab';
  return SECTION_HEADER.test(text) ? 'gitlab' : 'github';
}
