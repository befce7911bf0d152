/**
 * The status bar text: one short token, `$(organization) @acme/web +1 · $(package) storefront`.
 * The first CODEOWNERS owner of the file, "+N" for the others, then the module behind a
 * package icon so a scoped npm name (`@acme/http-client`) never reads as a team handle. Each
 * part is cut with an ellipsis past STATUS_PART_LIMIT characters; the tooltip has the rest.
 *
 * Pure: no `vscode`. Names come from users' files, so a `$(…)` in them is escaped and shows as
 * those characters, never as an icon.
 */

/** Most characters of one part (an owner, a module name) in the status bar. */
export const STATUS_PART_LIMIT = 24;
export const OWNER_ICON = '$(organization)';
export const MODULE_ICON = '$(package)';
export const NO_OWNER_TEXT = 'no CODEOWNERS owner';

/** `text` cut to `limit` characters (code points, never half a surrogate pair), ending with "…" when cut. */
export function truncate(text: string, limit = STATUS_PART_LIMIT): string {
  const chars = Array.from(text.replace(/\s+/g, ' '));
  if (chars.length <= limit) return chars.join('');
  return `${chars.slice(0, limit - 1).join('').trimEnd()}…`;
}

/** Status bar text shows `$(name)` as an icon; a backslash before it shows the characters. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}

export function statusBarText(owners: readonly string[], moduleName: string | undefined): string {
  const owner = owners.length > 0
    ? `${escapeIcons(truncate(owners[0]))}${owners.length > 1 ? ` +${owners.length - 1}` : ''}`
    : NO_OWNER_TEXT;
  const parts = [`${OWNER_ICON} ${owner}`];
  if (moduleName !== undefined) parts.push(`${MODULE_ICON} ${escapeIcons(truncate(moduleName))}`);
  return parts.join(' · ');
}
