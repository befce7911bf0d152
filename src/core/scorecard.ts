/**
 * The scorecard level of a module (DESIGN.md section 3): each level needs the one below.
 * A criterion that does not apply to the module counts as met. A criterion whose rule
 * `.northstar.yaml` switches off for the module (a severity of `off`, an `ignore` entry for its
 * files, `samples.severity: off` for a sample) is "not assessed": it neither counts as met nor
 * blocks the next level. Decided here only; every surface renders `levelExplanation`.
 */
import { hasAlerts, hasRunbook, needsThreatModel, runsInProduction } from './model/predicates';
import { ruleOffForModule } from './model/ruleConfig';
import { hasEscalation, isPerson } from './model/teams';
import type { Module, NorthstarConfig, ScorecardLevel, Team } from './model/types';
import { escapeMarkdown } from './report/escape';

/**
 * The name of each level as every surface shows it (hover, status bar, tree, summary,
 * diagram details). The lowest level is "No level": a module that has not reached Bronze.
 */
export const LEVEL_LABEL: Readonly<Record<ScorecardLevel, string>> = { none: 'No level', bronze: 'Bronze', silver: 'Silver', gold: 'Gold' };

export type CriterionKey = 'owner' | 'tests' | 'observability' | 'escalation' | 'slo' | 'alerts' | 'runbook' | 'threatModel';

/** `met` (or does not apply), `missing`, or `not-assessed` (its rule is off for the module). */
export type CriterionState = 'met' | 'missing' | 'not-assessed';

export type ScorecardCriteria = Record<CriterionKey, CriterionState>;

/** Each criterion, the level it is first needed for, its name on every surface, and the rule that checks it. */
export const SCORECARD_CRITERIA: readonly { key: CriterionKey; label: string; level: 'bronze' | 'silver' | 'gold'; rule: string }[] = [
  { key: 'owner', label: 'owner', level: 'bronze', rule: 'ownership/missing-owner' },
  { key: 'tests', label: 'tests', level: 'bronze', rule: 'quality/missing-tests' },
  { key: 'observability', label: 'observability', level: 'silver', rule: 'observability/missing' },
  { key: 'escalation', label: 'escalation path', level: 'silver', rule: 'ownership/no-escalation' },
  { key: 'slo', label: 'SLO', level: 'gold', rule: 'observability/critical-gaps' },
  { key: 'alerts', label: 'alerts', level: 'gold', rule: 'observability/critical-gaps' },
  { key: 'runbook', label: 'runbook', level: 'gold', rule: 'observability/critical-gaps' },
  { key: 'threatModel', label: 'threat model', level: 'gold', rule: 'security/missing-threat-model' },
];

/**
 * Which criteria a module meets (inapplicable ones count as met), misses, or does not assess.
 * `team` is the module's team (model/teams.ts); `config` the configuration in force (absent:
 * every criterion is assessed).
 */
export function scorecardCriteria(module: Module, team: Team | undefined, config?: NorthstarConfig): ScorecardCriteria {
  const runs = runsInProduction(module);
  const met: Record<CriterionKey, boolean> = {
    owner: module.owners.length > 0,
    tests: module.tests.length > 0,
    observability: !runs || module.observability.length > 0,
    escalation: hasEscalation(module, team),
    slo: !runs || module.slos.length > 0,
    alerts: !runs || hasAlerts(module),
    runbook: !runs || hasRunbook(module),
    threatModel: !needsThreatModel(module) || (module.security.threatModel ?? '').trim() !== '',
  };
  const states = {} as ScorecardCriteria;
  for (const c of SCORECARD_CRITERIA) {
    states[c.key] = met[c.key] ? 'met' : ruleOffForModule(config, c.rule, module) ? 'not-assessed' : 'missing';
  }
  return states;
}

const NEXT_LEVEL = { none: 'bronze', bronze: 'silver', silver: 'gold', gold: null } as const;
const ORDER = ['bronze', 'silver', 'gold'] as const;

function levelOf(states: ScorecardCriteria): ScorecardLevel {
  let level: ScorecardLevel = 'none';
  for (const l of ORDER) {
    if (SCORECARD_CRITERIA.some((c) => c.level === l && states[c.key] === 'missing')) return level;
    level = l;
  }
  return level;
}

export function scorecardLevel(module: Module, team: Team | undefined, config?: NorthstarConfig): ScorecardLevel {
  return levelOf(scorecardCriteria(module, team, config));
}

/** One criterion as the surfaces show it; `detail` says why it is missing when that helps ("team Growth has none"). */
export interface CriterionExplained {
  readonly key: CriterionKey;
  readonly label: string;
  readonly detail?: string;
}

/**
 * A module's level and why: the criteria it meets (up to the next level), those not assessed,
 * and those the next level still needs. Every surface (hover, tree, diagram details, summary)
 * shows this, so they agree.
 */
export interface LevelExplanation {
  readonly level: ScorecardLevel;
  /** False for a group: it is not scored, and the lists are empty. */
  readonly scored: boolean;
  readonly next: 'bronze' | 'silver' | 'gold' | null;
  readonly met: readonly CriterionExplained[];
  readonly notAssessed: readonly CriterionExplained[];
  readonly missingForNext: readonly CriterionExplained[];
}

function missingDetail(key: CriterionKey, module: Module, team: Team | undefined): string | undefined {
  if (key !== 'escalation') return undefined;
  if (!team) return 'no owner';
  return `${isPerson(team) ? 'owner' : 'team'} ${team.name} has none`;
}

export function levelExplanation(module: Module, team: Team | undefined, config?: NorthstarConfig): LevelExplanation {
  if (module.kind === 'group') return { level: module.level, scored: false, next: null, met: [], notAssessed: [], missingForNext: [] };
  const states = scorecardCriteria(module, team, config);
  const level = module.level;
  const next = NEXT_LEVEL[level];
  const upTo = ORDER.indexOf(next ?? 'gold');
  const relevant = SCORECARD_CRITERIA.filter((c) => ORDER.indexOf(c.level) <= upTo);
  const explained = (c: (typeof SCORECARD_CRITERIA)[number]): CriterionExplained => {
    const detail = states[c.key] === 'missing' ? missingDetail(c.key, module, team) : undefined;
    return detail ? { key: c.key, label: c.label, detail } : { key: c.key, label: c.label };
  };
  return {
    level,
    scored: true,
    next,
    met: relevant.filter((c) => states[c.key] === 'met').map(explained),
    notAssessed: SCORECARD_CRITERIA.filter((c) => states[c.key] === 'not-assessed').map(explained),
    missingForNext: next === null ? [] : relevant.filter((c) => states[c.key] === 'missing').map(explained),
  };
}

/** The level after the module's, and the criteria (labels) it still misses for it; none at Gold. */
export function missingForNextLevel(module: Module, team: Team | undefined, config?: NorthstarConfig): { next: 'bronze' | 'silver' | 'gold' | null; missing: string[] } {
  const e = levelExplanation(module, team, config);
  return { next: e.next, missing: e.missingForNext.map((c) => c.label) };
}

/** A criterion in words, with why it is missing when that helps: "escalation path (team Growth has none)". `text` escapes for the medium. */
export function criterionText(c: { readonly label: string; readonly detail?: string | null }, text: (s: string) => string = (s) => s): string {
  return c.detail ? `${text(c.label)} (${text(c.detail)})` : text(c.label);
}

/** "Silver needs: escalation path (team Growth has none)", or null when nothing is missing. Plain text. */
export function nextLevelNeeds(e: LevelExplanation, text: (s: string) => string = (s) => s): string | null {
  if (!e.next || e.missingForNext.length === 0) return null;
  return `${LEVEL_LABEL[e.next]} needs: ${e.missingForNext.map((c) => criterionText(c, text)).join(', ')}`;
}

/**
 * The explanation as Markdown lines (the module hover and the tree's tooltip): the level and
 * what the next level needs ("Scorecard: **Bronze**; Silver needs: escalation path (team Growth
 * has none)"), what is met below Gold, what is not assessed. Text from the workspace (a team's
 * name) is escaped.
 */
export function levelExplanationMarkdown(e: LevelExplanation): string[] {
  if (!e.scored) return ['Scorecard: not scored (a group of modules)'];
  const shown = e.level === 'none' ? LEVEL_LABEL.none : `**${LEVEL_LABEL[e.level]}**`;
  const needs = nextLevelNeeds(e, escapeMarkdown);
  const lines = [`Scorecard: ${shown}${needs ? `; ${needs}` : ''}`];
  // At Gold every assessed criterion is met: listing them says nothing.
  if (e.level !== 'gold' && e.met.length > 0) lines.push(`Met: ${e.met.map((c) => escapeMarkdown(c.label)).join(', ')}`);
  if (e.notAssessed.length > 0) lines.push(`Not assessed (rule off in .northstar.yaml): ${e.notAssessed.map((c) => escapeMarkdown(c.label)).join(', ')}`);
  return lines;
}
