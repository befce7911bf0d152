import { fileSet } from '../helpers';
import type { Rule } from '../rule';

export const missingDefinition: Rule = {
  meta: {
    id: 'contracts/missing-definition',
    title: 'Missing API definition file',
    gap: { one: 'API whose definition file is missing', other: 'APIs whose definition files are missing' },
    description: 'A provided API whose definition file does not exist.',
    defaultSeverity: 'error',
    uses: ['fileSet'],
  },
  check(ctx) {
    const files = fileSet(ctx);
    for (const module of ctx.model.modules) {
      for (const api of module.apis) {
        if (api.definition === null || /^[a-z][a-z0-9+.-]*:\/\//i.test(api.definition) || files.has(api.definition)) continue;
        ctx.report({
          message: `API "${api.name}" of module "${module.name}" points at definition "${api.definition}", which does not exist: add the file or fix the path (relative to the contract's folder).`,
          // The path is what is wrong: point at it rather than at the API's name.
          location: api.definitionLocation ?? api.location,
          module: module.name,
        });
      }
    }
  },
};
