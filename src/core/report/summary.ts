/**
 * The vision summary: the vision, each priority with its metrics and the modules serving it,
 * coverage of ownership, tests and observability, capacity, scorecard levels and the top
 * gaps per team. `buildSummary` is pure data (the webview and `summary --format json`);
 * `summaryMarkdown` renders it (`summary --format md` and the webview's export).
 */
import { inCoverage, runsInProduction } from '../model/predicates';
import { isPerson, modulesByTeam, teamOfModule } from '../model/teams';
import type { Finding, Metric, Model, Module, NorthstarConfig, ScorecardLevel } from '../model/types';
import { shownUnit } from '../model/units';
import { ruleById } from '../rules/index';
import { criterionText, LEVEL_LABEL, levelExplanation } from '../scorecard';
import { countSeverities } from './json';
import { escapeMarkdown, markdownCode, markdownHeading } from './escape';
import { NO_MODULES } from './mermaid';
import { buildExperiments, buildRoadmap, experimentsMarkdown, roadmapMarkdown } from './summary/strategy';
import { buildLearningSummary, learningMarkdown } from './summary/learning';
import { summaryTrend, trendsMarkdown } from './trends';
import type { SummaryCount, SummaryGap, SummaryMetric, SummaryModuleLevel, SummaryTeam, VisionSummary } from './types';

const LEVELS: ScorecardLevel[] = ['none', 'bronze', 'silver', 'gold'];

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function ratio(count: number, of: number): SummaryCount {
  return { count, of, percent: of === 0 ? null : round1((count / of) * 100) };
}

/** Share of the way from baseline to target that current has covered, clamped to 0–100. Works for falling targets too. */
export function metricProgress(metric: Pick<Metric, 'baseline' | 'current' | 'target'>): number | null {
  const { baseline, current, target } = metric;
  if (typeof current !== 'number' || typeof target !== 'number') return null;
  if (typeof baseline !== 'number') return null;
  if (baseline === target) return current === target ? 100 : null;
  const share = ((current - baseline) / (target - baseline)) * 100;
  if (!Number.isFinite(share)) return null;
  return round1(Math.min(100, Math.max(0, share)));
}

function summaryMetric(metric: Metric): SummaryMetric {
  return {
    name: metric.name,
    unit: metric.unit ?? null,
    baseline: metric.baseline ?? null,
    current: metric.current ?? null,
    target: metric.target ?? null,
    progress: metricProgress(metric),
    trend: summaryTrend(metric.trend),
  };
}

function emptyLevels(): Record<ScorecardLevel, number> {
  return { none: 0, bronze: 0, silver: 0, gold: 0 };
}

/** Modules with an owning team, of those coverage counts (groups and samples left out): the summary's "Ownership" and `owners --coverage`. */
export function moduleOwnership(model: Pick<Model, 'modules'>): { owned: number; total: number } {
  const modules = model.modules.filter(inCoverage);
  return { owned: modules.filter((m) => m.team !== null).length, total: modules.length };
}

/** A team's gap in words, counted: `1 module without tests`, `3 modules without tests`. */
export function gapText(ruleId: string, count: number): string {
  const meta = ruleById(ruleId)?.meta;
  if (meta?.gap) return `${count} ${count === 1 ? meta.gap.one : meta.gap.other}`;
  return `${count} ${count === 1 ? 'finding' : 'findings'} of ${meta?.title ?? ruleId}`;
}

/** Each scored module's level explained (scorecard.ts), by name; groups and samples are left out as in the level counts. */
function moduleLevels(model: Model, modules: readonly Module[], config: NorthstarConfig | undefined): SummaryModuleLevel[] {
  return modules.map((m) => {
    const team = teamOfModule(model, m);
    const e = levelExplanation(m, team, config);
    return {
      name: m.name,
      team: team?.name ?? null,
      level: m.level,
      next: e.next,
      met: e.met.map((c) => c.label),
      needs: e.missingForNext.map((c) => ({ label: c.label, detail: c.detail ?? null })),
      notAssessed: e.notAssessed.map((c) => c.label),
    };
  });
}

/** `config`: the configuration in force, for the criteria it leaves unassessed (absent: every criterion is assessed). */
export function buildSummary(model: Model, config?: NorthstarConfig): VisionSummary {
  const byName = (a: Module, b: Module) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  // Groups are not scored and samples are examples: coverage and levels count modules only.
  const modules = model.modules.filter(inCoverage).sort(byName);

  const priorities = model.priorities.map((p) => ({
    id: p.id,
    title: p.title,
    owner: p.owner,
    metrics: p.metrics.map(summaryMetric),
    modules: modules.filter((m) => m.priorities.includes(p.id)).map((m) => m.name),
  }));

  const observable = modules.filter(runsInProduction);
  const ownedModules = moduleOwnership(model);
  const coverage = {
    modules: modules.length,
    ownership: ratio(ownedModules.owned, ownedModules.total),
    tests: ratio(modules.filter((m) => m.tests.length > 0).length, modules.length),
    observability: ratio(observable.filter((m) => m.observability.length > 0).length, observable.length),
  };

  const levels = emptyLevels();
  for (const m of modules) levels[m.level]++;

  const capacityRecord = model.vision?.capacity ?? null;
  const capacity = capacityRecord
    ? {
        allocations: Object.entries(capacityRecord).map(([category, percent]) => ({ category, percent })),
        total: round1(Object.values(capacityRecord).reduce((sum, v) => sum + v, 0)),
      }
    : null;

  // Teams: each module counts for its team (model/teams.ts), under the team's name.
  const findingsByModule = new Map<string, Finding[]>();
  for (const f of model.findings) {
    if (f.module === null) continue;
    const list = findingsByModule.get(f.module);
    if (list) list.push(f);
    else findingsByModule.set(f.module, [f]);
  }
  const teamList: SummaryTeam[] = modulesByTeam(model).map(({ team, modules: owned }) => {
    const levels = emptyLevels();
    for (const m of owned) if (inCoverage(m)) levels[m.level]++;
    return {
      team: team?.id ?? null,
      name: team?.name ?? '(no owner)',
      modules: [...owned].sort(byName).map((m) => m.name),
      levels,
      findings: { errors: 0, warnings: 0, infos: 0 },
      gaps: [],
    };
  });
  for (const entry of teamList) {
    const found = entry.modules.flatMap((name) => findingsByModule.get(name) ?? []);
    entry.findings = countSeverities(found);
    const byRule = new Map<string, number>();
    for (const f of found) if (f.severity !== 'info') byRule.set(f.ruleId, (byRule.get(f.ruleId) ?? 0) + 1);
    entry.gaps = [...byRule]
      .map(([ruleId, count]): SummaryGap => ({ ruleId, title: ruleById(ruleId)?.meta.title ?? ruleId, count, text: gapText(ruleId, count) }))
      .sort((a, b) => b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1))
      .slice(0, 5);
  }
  return {
    root: model.root,
    vision: model.vision
      ? { direction: model.vision.direction, why: model.vision.why, capabilities: [...model.vision.capabilities] }
      : null,
    priorities,
    coverage,
    capacity,
    levels,
    findings: countSeverities(model.findings),
    teams: teamList,
    modules: moduleLevels(model, modules, config),
    experiments: buildExperiments(model),
    roadmap: buildRoadmap(model),
    today: model.today ?? null,
    learning: buildLearningSummary(model),
  };
}

// ---------------------------------------------------------------------------
// Markdown

/** Text from YAML files is text: see escape.ts (every field below goes through it). */
export { escapeMarkdown } from './escape';

/** A number by type; anything else (a hand-built or hostile model) is escaped as text. */
function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : escapeMarkdown(String(value));
}

function formatNumber(value: number | null, unit: string | null): string {
  if (value === null) return '–';
  const shown = shownUnit(unit);
  const u = shown ? `${shown.spaced ? ' ' : ''}${escapeMarkdown(shown.text)}` : '';
  return `${numberText(value)}${u}`;
}

function percentText(c: SummaryCount): string {
  return c.percent === null ? `${c.count} of ${c.of} (n/a)` : `${c.count} of ${c.of} (${c.percent}%)`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function bar(percent: number): string {
  const filled = Math.round(percent / 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}

/** The modules below Gold, or with criteria not assessed: their level and what the next level needs. */
function moduleLevelsMarkdown(modules: readonly SummaryModuleLevel[]): string[] {
  const shown = modules.filter((m) => m.needs.length > 0 || m.notAssessed.length > 0);
  if (shown.length === 0) return [];
  const out = ['### Next level per module', '', '| Module | Owner | Level | Next level needs | Not assessed |', '| --- | --- | --- | --- | --- |'];
  for (const m of shown) {
    const needs = m.next && m.needs.length > 0 ? `${LEVEL_LABEL[m.next]}: ${m.needs.map((c) => criterionText(c, escapeMarkdown)).join(', ')}` : '–';
    const notAssessed = m.notAssessed.length > 0 ? m.notAssessed.map(escapeMarkdown).join(', ') : '–';
    out.push(`| ${escapeMarkdown(m.name)} | ${m.team === null ? '–' : escapeMarkdown(m.team)} | ${LEVEL_LABEL[m.level]} | ${needs} | ${notAssessed} |`);
  }
  out.push('');
  return out;
}

export function summaryMarkdown(summary: VisionSummary): string {
  const out: string[] = ['# Vision summary', ''];
  if (summary.vision) {
    if (summary.vision.direction) out.push(`**Direction:** ${escapeMarkdown(summary.vision.direction)}`, '');
    if (summary.vision.why) out.push(`**Why:** ${escapeMarkdown(summary.vision.why)}`, '');
    if (summary.vision.capabilities.length > 0) {
      out.push('**Capabilities:**', '');
      for (const c of summary.vision.capabilities) out.push(`- ${escapeMarkdown(c)}`);
      out.push('');
    }
  } else {
    out.push('_No `vision.yaml` in this workspace: priorities and capacity are not shown._', '');
  }

  if (summary.priorities.length > 0) {
    out.push('## Priorities', '');
    for (const p of summary.priorities) {
      const owner = p.owner ? ` — owner ${escapeMarkdown(p.owner)}` : '';
      out.push(`### ${markdownHeading(p.title)} (${markdownCode(p.id)})${owner}`, '');
      if (p.metrics.length > 0) {
        out.push('| Metric | Baseline | Current | Target | Progress |', '| --- | --- | --- | --- | --- |');
        for (const m of p.metrics) {
          const progress = m.progress === null ? '–' : `${bar(m.progress)} ${m.progress}%`;
          out.push(
            `| ${escapeMarkdown(m.name)} | ${formatNumber(m.baseline, m.unit)} | ${formatNumber(m.current, m.unit)} | ${formatNumber(m.target, m.unit)} | ${progress} |`,
          );
        }
        out.push('');
      } else {
        out.push('_No success metric._', '');
      }
      out.push(
        p.modules.length > 0
          ? `Served by: ${p.modules.map((name) => escapeMarkdown(name)).join(', ')}`
          : '_No module serves this priority yet._',
        '',
      );
    }
  }

  for (const line of [...experimentsMarkdown(summary), ...roadmapMarkdown(summary)]) out.push(line);
  for (const line of trendsMarkdown(summary)) out.push(line);

  const empty = summary.coverage.modules === 0 && summary.teams.length === 0;
  if (empty) {
    // No modules: one sentence that says why, not tables of "0 of 0 (n/a)".
    out.push('## Coverage', '', `_${escapeMarkdown(NO_MODULES)}_`, '');
  } else {
    out.push('## Coverage', '', '| Measure | Modules |', '| --- | --- |');
    out.push(`| Ownership | ${percentText(summary.coverage.ownership)} |`);
    out.push(`| Tests | ${percentText(summary.coverage.tests)} |`);
    out.push(`| Observability (services, websites, jobs) | ${percentText(summary.coverage.observability)} |`);
    out.push('');

    out.push('## Scorecard', '', '| Level | Modules |', '| --- | --- |');
    for (const level of [...LEVELS].reverse()) out.push(`| ${LEVEL_LABEL[level]} | ${summary.levels[level]} |`);
    out.push('');
    for (const line of moduleLevelsMarkdown(summary.modules)) out.push(line);
  }

  if (summary.capacity) {
    out.push('## Capacity allocation', '', '| Category | Percent |', '| --- | --- |');
    for (const a of summary.capacity.allocations) out.push(`| ${escapeMarkdown(a.category)} | ${numberText(a.percent)}% |`);
    out.push(`| **Total** | **${numberText(summary.capacity.total)}%** |`, '');
  }

  for (const line of learningMarkdown(summary.learning)) out.push(line);

  if (empty) return out.join('\n');
  out.push('## Top gaps per owner', '');
  if (summary.teams.length === 0) out.push('_No modules._', '');
  for (const t of summary.teams) {
    const lv = LEVELS.filter((l) => t.levels[l] > 0)
      .map((l) => `${LEVEL_LABEL[l]}: ${t.levels[l]}`)
      .join(', ');
    out.push(`### ${markdownHeading(t.name)}${t.team !== null && isPerson({ id: t.team }) ? ' (person)' : ''}`, '', `${plural(t.modules.length, 'module')} (${lv}); ${plural(t.findings.errors, 'error')}, ${plural(t.findings.warnings, 'warning')}.`, '');
    if (t.gaps.length === 0) out.push('No open gaps.', '');
    else {
      // In words, counted; the id, in parentheses, is what `.northstar.yaml` and the rule docs use.
      for (const g of t.gaps) out.push(`- ${escapeMarkdown(g.text)} (${markdownCode(g.ruleId)})`);
      out.push('');
    }
  }
  return out.join('\n');
}
