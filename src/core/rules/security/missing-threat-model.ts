import { isPii, isScored } from '../../model/predicates';
import { contractOf, fileSet } from '../helpers';
import type { Rule } from '../rule';

export const missingThreatModel: Rule = {
  meta: {
    id: 'security/missing-threat-model',
    title: 'No threat model',
    gap: { one: 'critical or PII module without a threat model', other: 'critical or PII modules without a threat model' },
    description: 'A tier-1 module, or one that handles PII, without a threat model.',
    defaultSeverity: 'warning',
    uses: ['fileSet'],
  },
  check(ctx) {
    const files = fileSet(ctx);
    for (const module of ctx.model.modules) {
      if (!isScored(module)) continue;
      const why = module.tier === 1 ? (isPii(module) ? 'is tier 1 and handles PII' : 'is tier 1') : isPii(module) ? 'handles PII' : null;
      if (!why) continue;
      const threatModel = module.security.threatModel;
      if (threatModel === null || threatModel.trim() === '') {
        ctx.report({
          message: `Module "${module.name}" ${why} but has no threat model: write one and point "security.threatModel" in its service-contract.yaml at it.`,
          location: module.definedAt,
          module: module.name,
        });
        continue;
      }
      // A link (wiki, document store) is taken on trust; a path must exist.
      if (/^[a-z][a-z0-9+.-]*:/i.test(threatModel)) continue;
      if (files.has(threatModel) || files.has(module.path === '' ? threatModel : `${module.path}/${threatModel}`)) continue;
      const written = contractOf(ctx, module)?.security.threatModel?.location;
      ctx.report({
        message: `Module "${module.name}" ${why}, and its threat model "${threatModel}" does not exist: add the file or fix the path.`,
        location: written ?? module.definedAt,
        module: module.name,
      });
    }
  },
};
