/**
 * The registry: every rule, in DESIGN.md's table order, then the two ids that are always
 * present (`workspace/skipped`, `internal/rule-error`).
 */
import { codeownersSyntax } from './codeowners/syntax';
import { duplicatePattern } from './codeowners/duplicate-pattern';
import { noMatch } from './codeowners/no-match';
import { shadowed } from './codeowners/shadowed';
import { dependencyCycle } from './contracts/dependency-cycle';
import { deprecatedDependency } from './contracts/deprecated-dependency';
import { duplicateName } from './contracts/duplicate-name';
import { missingDefinition } from './contracts/missing-definition';
import { contractsSchema } from './contracts/schema';
import { unknownDependency } from './contracts/unknown-dependency';
import { contractsYaml } from './contracts/yaml';
import { ruleError } from './internal/rule-error';
import { overdueAction } from './learning/overdue-action';
import { learningUnknownModule } from './learning/unknown-module';
import { criticalGaps } from './observability/critical-gaps';
import { observabilityMissing } from './observability/missing';
import { missingOwner } from './ownership/missing-owner';
import { noEscalation } from './ownership/no-escalation';
import { ownerMismatch } from './ownership/owner-mismatch';
import { placeholderOwner } from './ownership/placeholder-owner';
import { unknownOwner } from './ownership/unknown-owner';
import { missingTests } from './quality/missing-tests';
import type { Rule } from './rule';
import { missingThreatModel } from './security/missing-threat-model';
import { staleReview } from './security/stale-review';
import { capacity } from './strategy/capacity';
import { experimentOverdue } from './strategy/experiment-overdue';
import { experimentUndecidedInProduction } from './strategy/experiment-undecided-in-production';
import { experimentWithoutCriterion } from './strategy/experiment-without-criterion';
import { initiativeOverdue } from './strategy/initiative-overdue';
import { initiativeUnowned } from './strategy/initiative-unowned';
import { orphanPriority } from './strategy/orphan-priority';
import { priorityCount } from './strategy/priority-count';
import { priorityWithoutMetric } from './strategy/priority-without-metric';
import { unknownInitiative } from './strategy/unknown-initiative';
import { staleMetric } from './strategy/stale-metric';
import { unknownPriority } from './strategy/unknown-priority';
import { skipped } from './workspace/skipped';

export const RULES: readonly Rule[] = Object.freeze([
  missingOwner,
  unknownOwner,
  ownerMismatch,
  noEscalation,
  placeholderOwner,
  codeownersSyntax,
  duplicatePattern,
  shadowed,
  noMatch,
  missingTests,
  observabilityMissing,
  criticalGaps,
  contractsYaml,
  contractsSchema,
  unknownDependency,
  dependencyCycle,
  duplicateName,
  missingDefinition,
  deprecatedDependency,
  unknownPriority,
  priorityCount,
  priorityWithoutMetric,
  capacity,
  orphanPriority,
  experimentWithoutCriterion,
  experimentOverdue,
  experimentUndecidedInProduction,
  initiativeOverdue,
  initiativeUnowned,
  unknownInitiative,
  staleMetric,
  missingThreatModel,
  staleReview,
  overdueAction,
  learningUnknownModule,
  skipped,
  ruleError,
]);

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
