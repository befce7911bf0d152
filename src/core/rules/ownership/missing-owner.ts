import { contractTemplate, contractPath } from '../../fixes/contractTemplate';
import type { Fix, Module } from '../../model/types';
import { assignFixes, codeownersPlaceholder, declaredPlaceholder, ownerCandidates } from '../ownerFixes';
import type { Rule, RuleContext } from '../rule';

/**
 * For a module that only has a manifest and whose owner can be inferred: its contract written
 * from the template with that owner (the extension offers the template with a placeholder owner
 * for every manifest-only module; this one finishes the job).
 */
function contractWithOwner(ctx: RuleContext, module: Module): Fix | undefined {
  if (module.source !== 'manifest') return undefined;
  const owner = ownerCandidates(ctx, module.definedAt.file, module).find((owners) => owners.length === 1)?.[0];
  if (!owner) return undefined;
  return {
    title: `Create ${contractPath(module)} for "${module.name}" owned by ${owner}`,
    edits: [{ file: contractPath(module), range: null, newText: contractTemplate(module, ctx.ownersOf(module.definedAt.file), owner) }],
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
      // A placeholder owner stands where the owner should be: ownership/placeholder-owner reports it there.
      if (declaredPlaceholder(ctx, module) || codeownersPlaceholder(ctx, module)) continue;
      const where =
        module.source === 'contract'
          ? 'set "owner" in its service-contract.yaml'
          : module.source === 'catalog'
            ? 'set "spec.owner" in its catalog-info.yaml'
            : 'add a service-contract.yaml with an "owner"';
      const folder = module.path === '' ? 'the root folder' : `"${module.path}/"`;
      const fixes = assignFixes(ctx, module);
      const contract = contractWithOwner(ctx, module);
      if (contract) fixes.push(contract);
      ctx.report({
        message: `Module "${module.name}" has no owner: add a CODEOWNERS line for ${folder} or ${where}.`,
        location: module.definedAt,
        module: module.name,
        fixes,
      });
    }
  },
};
