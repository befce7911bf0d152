import type { Fix, Module } from '../../model/types';
import { defaultCodeownersPath, endOfRule, isPlainPath } from '../helpers';
import type { Rule, RuleContext } from '../rule';

/** The handle a fix writes: an obvious placeholder the reviewer replaces. */
export const PLACEHOLDER_OWNER = '@TODO-team';

/**
 * A CODEOWNERS line for the module's folder. Appended at the end (the last match wins), or,
 * for the root module, written first so that every later line still overrides it.
 */
function addCodeownersLine(ctx: RuleContext, module: Module): Fix | undefined {
  if (!isPlainPath(module.path)) return undefined;
  const pattern = module.path === '' ? '*' : `/${module.path}/`;
  const line = `${pattern} ${PLACEHOLDER_OWNER}`;
  const title = `Add "${line}" to CODEOWNERS (then replace the placeholder owner)`;
  const codeowners = ctx.codeowners;
  if (!codeowners) {
    return { title, edits: [{ file: defaultCodeownersPath(ctx), range: null, newText: `${line}\n` }] };
  }
  const text = ctx.textOf?.(codeowners.file);
  const eol = text?.includes('\r\n') ? '\r\n' : '\n';
  const first = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  if (module.path === '' || codeowners.rules.length === 0) {
    return { title, edits: [{ file: codeowners.file, range: first, newText: line + eol }] };
  }
  if (text !== undefined) {
    const lines = text.split('\n');
    const end = { line: lines.length, column: lines[lines.length - 1].length + 1 };
    const lead = text.length > 0 && !text.endsWith('\n') ? eol : '';
    return {
      title,
      edits: [{ file: codeowners.file, range: { ...end, endLine: end.line, endColumn: end.column }, newText: lead + line + eol }],
    };
  }
  // Without the text, break the last rule's line right after its last owner: a trailing
  // comment moves to the new line, which keeps both lines valid.
  const last = codeowners.rules.reduce((a, b) => (b.line > a.line ? b : a));
  const end = endOfRule(last);
  return {
    title,
    edits: [{ file: codeowners.file, range: { ...end, endLine: end.line, endColumn: end.column }, newText: eol + line }],
  };
}

export const missingOwner: Rule = {
  meta: {
    id: 'ownership/missing-owner',
    title: 'No owner',
    gap: { one: 'module without an owner', other: 'modules without an owner' },
    description: 'A module with no owner from any source (contract, catalog or CODEOWNERS).',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    for (const module of ctx.model.modules) {
      if (module.owners.length > 0) continue;
      const where =
        module.source === 'contract'
          ? 'set "owner" in its service-contract.yaml'
          : module.source === 'catalog'
            ? 'set "spec.owner" in its catalog-info.yaml'
            : 'add a service-contract.yaml with an "owner"';
      const folder = module.path === '' ? 'the root folder' : `"${module.path}/"`;
      const fix = addCodeownersLine(ctx, module);
      ctx.report({
        message: `Module "${module.name}" has no owner: add a CODEOWNERS line for ${folder} or ${where}.`,
        location: module.definedAt,
        module: module.name,
        ...(fix && { fix }),
      });
    }
  },
};
