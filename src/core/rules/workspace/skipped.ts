import { reportProblems } from '../helpers';
import type { Rule } from '../rule';

/** Places listed on the one finding for source files not scanned for tags (the count says the rest). */
const MAX_RELATED = 1000;

export const skipped: Rule = {
  meta: {
    id: 'workspace/skipped',
    title: 'File left unread',
    gap: { one: 'file left unread', other: 'files left unread' },
    description: 'A file or folder left unread, and why (binary, too large, unreadable, a symbolic-link loop).',
    defaultSeverity: 'info',
  },
  check(ctx) {
    reportProblems(ctx, 'workspace/skipped', false, (p) => !p.tagScanOnly);
    // Source files are read only for `northstar:priority` tags: those that could not be scanned
    // (generated or bundled files over the limit, binaries named like source) are one cause,
    // one finding at the first of them, listing the others.
    const unscanned = ctx.problems.filter((p) => p.ruleId === 'workspace/skipped' && p.tagScanOnly);
    if (unscanned.length === 0) return;
    const [first, ...rest] = unscanned;
    const others = rest.length === 0 ? '' : ` ${rest.length === 1 ? 'One more source file was' : `${rest.length} more source files were`} not scanned either (related locations).`;
    ctx.report({
      message: `${first.message.replace(/\.$/, '')}: it was not scanned for northstar:priority tags.${others}`,
      location: first.location,
      module: null,
      related: rest.slice(0, MAX_RELATED).map((p) => p.location),
    });
  },
};
