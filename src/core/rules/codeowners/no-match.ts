import type { CodeownersFile, CodeownersRule, Fix } from '../../model/types';
import { compilePattern, programMatches } from '../../sources/codeowners/pattern';
import { at, codeownersUsage, nearest } from '../helpers';
import type { Rule, RuleContext } from '../rule';

/** At most this many "did you mean" repairs of a dead pattern. */
const MAX_REPAIRS = 3;

function removeLine(rule: CodeownersRule): Fix {
  return {
    title: `Remove line ${rule.line} ("${rule.pattern}")`,
    edits: [{ file: rule.file, range: { line: rule.line, column: 1, endLine: rule.line + 1, endColumn: 1 }, newText: '' }],
  };
}

/**
 * The workspace paths nearest a plain dead pattern (a renamed or mistyped folder or file), as
 * patterns written the same way (leading and trailing `/` kept), that would match files and win
 * at least one of them, and that the file does not already have (a duplicate). None for a
 * pattern with wildcards.
 */
function repairs(ctx: RuleContext, codeowners: CodeownersFile, rule: CodeownersRule, folders: readonly string[]): Fix[] {
  if (/[*?[\\!]/.test(rule.pattern)) return [];
  const lead = rule.pattern.startsWith('/') ? '/' : '';
  const trail = rule.pattern.endsWith('/') && rule.pattern.length > 1 ? '/' : '';
  const core = rule.pattern.slice(lead.length, rule.pattern.length - trail.length);
  if (core === '') return [];
  // Anchored (a `/` at the start or inside): whole paths; otherwise GitHub matches a name at any depth.
  const anchored = lead === '/' || core.includes('/');
  const paths = trail === '/' ? folders : [...folders, ...ctx.files];
  const names = anchored ? paths : [...new Set(paths.map((p) => p.slice(p.lastIndexOf('/') + 1)))];
  const written = new Set(codeowners.rules.map((r) => r.pattern));
  const fixes: Fix[] = [];
  for (const candidate of nearest(core, names, MAX_REPAIRS * 3)) {
    const pattern = `${lead}${candidate}${trail}`;
    if (written.has(pattern) || !wins(ctx, codeowners, rule, pattern)) continue;
    fixes.push({ title: `Change "${rule.pattern}" to "${pattern}"`, edits: [{ file: rule.file, range: rule.patternRange, newText: pattern }] });
    if (fixes.length === MAX_REPAIRS) break;
  }
  return fixes;
}

/** Would `pattern`, written at `rule`'s place, decide the owners of some file (not be shadowed by later lines)? */
function wins(ctx: RuleContext, codeowners: CodeownersFile, rule: CodeownersRule, pattern: string): boolean {
  const program = compilePattern(pattern, codeowners.dialect);
  const path = pattern.replace(/^\//, '').replace(/\/$/, '');
  const under = pattern.startsWith('/') || path.includes('/') ? (f: string) => f === path || f.startsWith(`${path}/`) : () => true;
  const sameSection = (r: CodeownersRule) => (r.section ?? '').toLowerCase() === (rule.section ?? '').toLowerCase();
  for (const file of ctx.files) {
    if (!under(file) || !programMatches(program, file.split('/'))) continue;
    const deciding = ctx.ownersOf(file).rules.find(sameSection);
    if (!deciding || deciding.index < rule.index) return true;
  }
  return false;
}

export const noMatch: Rule = {
  meta: {
    id: 'codeowners/no-match',
    title: 'CODEOWNERS pattern matching no file',
    description: 'A CODEOWNERS pattern that matches no file of the workspace.',
    defaultSeverity: 'warning',
    wholeRepository: true,
    uses: ['codeownersUsage'],
  },
  check(ctx) {
    const codeowners = ctx.codeowners;
    if (!codeowners || codeowners.rules.length === 0) return;
    const usage = codeownersUsage(ctx, codeowners);
    // GitLab reads a path without a trailing `/` as a file: `/docs` owns no file of the folder
    // `docs/`. Such a line is not stale, it lacks its `/` (the folders are gathered on first need).
    let folders: { paths: Set<string>; names: Set<string> } | null = null;
    const isFolder = (pattern: string): boolean => {
      if (folders === null) {
        folders = { paths: new Set(), names: new Set() };
        for (const f of ctx.files) {
          for (let slash = f.indexOf('/'); slash >= 0; slash = f.indexOf('/', slash + 1)) {
            const folder = f.slice(0, slash);
            if (folders.paths.has(folder)) continue;
            folders.paths.add(folder);
            folders.names.add(folder.slice(folder.lastIndexOf('/') + 1));
          }
        }
      }
      const path = pattern.startsWith('/') ? pattern.slice(1) : pattern;
      return pattern.slice(1).includes('/') || pattern.startsWith('/') ? folders.paths.has(path) : folders.names.has(path);
    };
    let folderList: string[] | null = null;
    const allFolders = (): string[] => {
      isFolder('/');
      return (folderList ??= [...(folders?.paths ?? [])]);
    };
    for (const rule of codeowners.rules) {
      if (rule.exclusion || (usage.matched[rule.index] ?? 0) > 0) continue;
      const plain = !rule.pattern.endsWith('/') && !/[*?[\\]/.test(rule.pattern);
      if (codeowners.dialect === 'gitlab' && plain && isFolder(rule.pattern)) {
        ctx.report({
          message: `Pattern "${rule.pattern}" matches no file: GitLab reads a path without a trailing "/" as a file, and "${rule.pattern}" is a folder. Write "${rule.pattern}/" to own the files in it.`,
          location: at(rule.file, rule.patternRange),
          module: null,
          fixes: [{ title: `Change "${rule.pattern}" to "${rule.pattern}/"`, edits: [{ file: rule.file, range: rule.patternRange, newText: `${rule.pattern}/` }] }, removeLine(rule)],
        });
        continue;
      }
      ctx.report({
        message: `Pattern "${rule.pattern}" matches no file: fix the path (renamed or moved?) or remove the line.`,
        location: at(rule.file, rule.patternRange),
        module: null,
        fixes: [...repairs(ctx, codeowners, rule, allFolders()), removeLine(rule)],
      });
    }
  },
};
