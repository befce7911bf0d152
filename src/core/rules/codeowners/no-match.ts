import { at, codeownersUsage } from '../helpers';
import type { Rule } from '../rule';

export const noMatch: Rule = {
  meta: {
    id: 'codeowners/no-match',
    title: 'CODEOWNERS pattern matching no file',
    gap: { one: 'CODEOWNERS pattern that matches no file', other: 'CODEOWNERS patterns that match no file' },
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
    for (const rule of codeowners.rules) {
      if (rule.exclusion || (usage.matched[rule.index] ?? 0) > 0) continue;
      const plain = !rule.pattern.endsWith('/') && !/[*?[\\]/.test(rule.pattern);
      if (codeowners.dialect === 'gitlab' && plain && isFolder(rule.pattern)) {
        ctx.report({
          message: `Pattern "${rule.pattern}" matches no file: GitLab reads a path without a trailing "/" as a file, and "${rule.pattern}" is a folder. Write "${rule.pattern}/" to own the files in it.`,
          location: at(rule.file, rule.patternRange),
          module: null,
        });
        continue;
      }
      ctx.report({
        message: `Pattern "${rule.pattern}" matches no file: fix the path (renamed or moved?) or remove the line.`,
        location: at(rule.file, rule.patternRange),
        module: null,
      });
    }
  },
};
