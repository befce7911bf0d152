import { LEARNING_KIND_LABEL, learningModule } from '../../model/learning';
import { closest } from '../helpers';
import type { Rule } from '../rule';

export const learningUnknownModule: Rule = {
  meta: {
    id: 'learning/unknown-module',
    title: 'Note naming an unknown module',
    gap: { one: 'note naming an unknown module', other: 'notes naming unknown modules' },
    description: 'A postmortem, demo or review whose `modules` names a module that does not exist.',
    defaultSeverity: 'warning',
  },
  check(ctx) {
    const names = ctx.model.modules.map((m) => m.name);
    for (const record of ctx.model.learning) {
      for (const ref of record.modules) {
        if (learningModule(ref.name, ctx.moduleByName)) continue;
        const guess = closest(ref.name, names);
        const hint = guess ? ` (did you mean "${guess}"?)` : '';
        ctx.report({
          message: `${LEARNING_KIND_LABEL[record.kind]} "${record.title}" names module "${ref.name}", but no module has that name${hint}: fix the name, or remove it from "modules".`,
          location: ref.location ?? record.location,
          module: null,
        });
      }
    }
  },
};
