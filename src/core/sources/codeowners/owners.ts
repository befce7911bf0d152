/**
 * Owner syntax of each dialect.
 *
 * GitHub: "The pattern is followed by one or more GitHub usernames or team names using the
 * standard `@username` or `@org/team-name` format. [...] You can also refer to a user by an
 * email address [...] for example `user@example.com`."
 *
 * GitLab: "Use `@mentions` for users, groups, or roles", nested groups
 * (`@group/with-nested/subgroup`), e-mail addresses, and roles with the `@@` prefix: "Only
 * Developer, Maintainer, and Owner roles are available. [...] It is possible to specify plural
 * roles. For example, `@@developers` is accepted."
 */
import type { CodeownersDialect } from '../../model/types';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
const GITHUB_USER = /^@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?$/;
const GITHUB_TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?\/[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const GITLAB_NAME = /^@[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;
const GITLAB_ROLE = /^@@(?:developer|maintainer|owner)s?$/i;

/** null when valid, else why not (for the problem message). */
export function ownerProblem(owner: string, dialect: CodeownersDialect): string | null {
  if (dialect === 'github') {
    if (GITHUB_USER.test(owner) || GITHUB_TEAM.test(owner) || EMAIL.test(owner)) return null;
    if (owner.startsWith('@@')) return `"${owner}" is not a GitHub owner: roles (\`@@role\`) exist only on GitLab; use @username, @org/team-name or an e-mail address.`;
    return `"${owner}" is not a valid owner: use @username, @org/team-name or an e-mail address.`;
  }
  if (GITLAB_ROLE.test(owner) || GITLAB_NAME.test(owner) || EMAIL.test(owner)) return null;
  if (owner.startsWith('@@')) return `"${owner}" is not a GitLab role: only @@developer, @@maintainer and @@owner (or their plurals) can be Code Owners.`;
  return `"${owner}" is not a valid owner: use @username, @group, @group/subgroup, @@role or an e-mail address; GitLab ignores it.`;
}

export function isValidOwner(owner: string, dialect: CodeownersDialect): boolean {
  return ownerProblem(owner, dialect) === null;
}
