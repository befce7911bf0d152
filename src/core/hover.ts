/**
 * Hover texts (Markdown) for what the cursor is on (DESIGN.md section 4, "Hover"):
 * - a CODEOWNERS pattern: its owners, how many files it matches and decides, the modules it
 *   covers, and the later lines that override it;
 * - an owner handle: the team and its escalation path, in order;
 * - a contract's dependency or consumed API: the module's owner, tier, lifecycle, scorecard
 *   level and SLOs;
 * - a priority id: its title and metrics (baseline → current → target);
 * - an import into another module: its owner, level and how to escalate;
 * - a rule id in `.northstar.yaml`: what it finds and its documentation.
 *
 * Pure: an Analysis and the editor's text in, Markdown out. Every name written by users goes
 * through `escapeMarkdown` or `code`, so a team called `[x](https://evil)` or `<img>` shows
 * as those characters, never as a link or HTML.
 */
import type { Analysis } from './api';
import { targetAt, type CursorTarget } from './cursor';
import type { CodeownersRule, EscalationStep, Metric, Module, OwnerMatch, Priority, SourceRange, Team } from './model/types';
import { shownUnit } from './model/units';
import { docsPath, docsUrl } from './rules/rule';
import { ownerSourceText, runsInProduction } from './model/predicates';
import { escalationOf, isPerson, teamOfModule } from './model/teams';
import { byDateDescending, modulesOfRecord } from './model/learning';
import { LEVEL_LABEL, levelExplanation, levelExplanationMarkdown, nextLevelNeeds } from './scorecard';
import { sameSection } from './sources/codeowners/sections';
import { moduleStrategyLines } from './hoverStrategy';

export interface HoverResult {
  markdown: string;
  range: SourceRange;
}

/** What the adapter knows that the pure core does not. */
export interface HoverOptions {
  /**
   * The URI of the package's `docs/rules/` folder (the extension: inside its install folder),
   * for links to a rule's page. Without it a rule hover names the page's path, unlinked.
   */
  docsBase?: string;
}

/** Most items listed in one hover section; the rest are counted. */
export const HOVER_LIST_LIMIT = 10;
/** Most workspace files examined to find what a CODEOWNERS line matches. */
export const HOVER_FILE_LIMIT = 100_000;

// ---------------------------------------------------------------------------
// Markdown helpers

/**
 * Text shown as itself in Markdown: every ASCII punctuation character that Markdown or GFM
 * could read as syntax is backslash-escaped (links, images, emphasis, HTML, entities,
 * autolinks of URLs and e-mail addresses), and line breaks become spaces.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!<>|~&:@$]/g, '\\$&');
}

/** An inline code span holding `text` literally (fenced by more backticks than it contains). */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  if (flat === '') return '` `';
  const longest = (flat.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || (flat.startsWith(' ') && flat.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A link only for http(s) and mailto URLs; anything else is shown as text. */
function link(label: string, url: string | undefined): string {
  if (!url) return label;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return label;
  }
  if (!['http:', 'https:', 'mailto:'].includes(parsed.protocol)) return label;
  return `[${label}](${safeHref(parsed.href)})`;
}

/** A URL as a Markdown link destination: the characters that could end or break it percent-encoded. */
function safeHref(href: string): string {
  return href.replace(/[()<>\s"'`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** Schemes a docs base may have: a local or remote install folder, or a web-hosted extension. */
const DOCS_SCHEMES = ['file:', 'vscode-remote:', 'vscode-file:', 'http:', 'https:'];

/**
 * A link to a rule's page under the adapter's docs base (`file:` for an installed extension):
 * the base comes from the extension, not from the workspace, and the id is the registry's.
 * A base of another scheme, or one that does not parse as a URL, gives the page's path unlinked.
 */
function docsLink(ruleId: string, base: string | undefined): string {
  const path = `Documentation: ${code(docsPath(ruleId))}`;
  if (base === undefined) return path;
  let parsed: URL;
  try {
    parsed = new URL(docsUrl(ruleId, base));
  } catch {
    return path;
  }
  if (!DOCS_SCHEMES.includes(parsed.protocol)) return path;
  return `[Documentation](${safeHref(parsed.href)})`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A list capped at HOVER_LIST_LIMIT items, with a count of the rest. */
function capped(items: string[], separator = ', '): string {
  if (items.length <= HOVER_LIST_LIMIT) return items.join(separator);
  return `${items.slice(0, HOVER_LIST_LIMIT).join(separator)}${separator}and ${items.length - HOVER_LIST_LIMIT} more`;
}

function bulletList(items: string[]): string {
  const shown = items.slice(0, HOVER_LIST_LIMIT).map((i) => `- ${i}`);
  if (items.length > HOVER_LIST_LIMIT) shown.push(`- and ${items.length - HOVER_LIST_LIMIT} more`);
  return shown.join('\n');
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

// ---------------------------------------------------------------------------
// Shared sections

/** `@acme/payments` (Payments) — the handle, and the team's name when it says more. */
function ownerLabel(analysis: Analysis, owner: string): string {
  const team = analysis.teamOf(owner);
  return team && team.name !== owner ? `${code(owner)} (${escapeMarkdown(team.name)})` : code(owner);
}

/** The module's level, what the next level needs, what is met and what is not assessed (scorecard.ts decides). */
function scorecardLines(analysis: Analysis, module: Module): string {
  return levelExplanationMarkdown(levelExplanation(module, teamOfModule(analysis.model, module), analysis.config)).join('\n\n');
}

/** The facts about a module every module hover shows. */
function moduleSection(analysis: Analysis, module: Module): string {
  const facts = [module.type, module.tier !== null ? `tier ${module.tier}` : null, module.lifecycle].filter((f): f is string => f !== null);
  const parts: string[] = [];
  let head = `Module **${escapeMarkdown(module.name)}**`;
  if (facts.length > 0) head += `: ${facts.join(', ')}`;
  if (module.system) head += `, system ${escapeMarkdown(module.system)}`;
  parts.push(head);
  if (module.description) parts.push(`*${escapeMarkdown(module.description)}*`);
  if (module.lifecycle === 'deprecated') parts.push('**Deprecated**: plan to move off this module.');
  // The module's team is the team of its first owner (model/teams.ts).
  const team = teamOfModule(analysis.model, module);
  if (team) {
    const label = module.owners.length === 1 ? 'Owner' : 'Owners';
    const from = module.ownerSource ? ` (from ${ownerSourceText(module)})` : '';
    const undeclared = team.source === 'undeclared' ? ': no team declares this owner' : '';
    // The first owner is the module's team, under that team's name even when nothing declares it.
    const first = team.name !== module.owners[0] ? `${code(module.owners[0])} (${escapeMarkdown(team.name)})` : code(module.owners[0]);
    const labels = [first, ...module.owners.slice(1).map((o) => ownerLabel(analysis, o))];
    parts.push(`${label}${from}: ${labels.join(', ')}${undeclared}`);
  } else {
    parts.push('Owner: none declared');
  }
  parts.push(scorecardLines(analysis, module));
  if (module.slos.length > 0) {
    const slos = module.slos.map((s) => {
      const objective = s.objective !== null ? ` ${formatNumber(s.objective)}%` : '';
      return `${escapeMarkdown(s.name)}${objective}${s.window ? ` over ${escapeMarkdown(s.window)}` : ''}`;
    });
    parts.push(`SLOs: ${slos.join('; ')}`);
  } else if (runsInProduction(module)) {
    parts.push('SLOs: none declared');
  }
  for (const line of moduleStrategyLines(analysis.model, module, { text: escapeMarkdown, code })) parts.push(line);
  const postmortems = postmortemSection(analysis, module);
  if (postmortems) parts.push(postmortems);
  parts.push(`Folder: ${module.path === '' ? 'the workspace root' : code(module.path)}`);
  return parts.join('\n\n');
}

/** Most postmortems a module hover lists, newest first. */
const HOVER_POSTMORTEMS = 3;

/** The module's last postmortems (docs/postmortems/), each with its open actions; null when it has none. */
function postmortemSection(analysis: Analysis, module: Module): string | null {
  const notes = analysis.model.learning
    .filter((r) => r.kind === 'postmortem' && modulesOfRecord(r, analysis.moduleByName).includes(module))
    .sort(byDateDescending);
  if (notes.length === 0) return null;
  const shown = notes.slice(0, HOVER_POSTMORTEMS);
  const lines = shown.map((r) => {
    const open = r.actions.filter((a) => !a.done);
    const head = `${r.date ?? 'undated'} ${escapeMarkdown(r.title)}${r.severity ? ` (${escapeMarkdown(r.severity)})` : ''}`;
    if (open.length === 0) return `- ${head}: every action done`;
    const items = open.map((a) => `${escapeMarkdown(a.title)}${a.due ? ` (due ${a.due}${a.overdue ? ', **overdue**' : ''})` : ''}`);
    return `- ${head}: ${plural(open.length, 'open action')}: ${items.join('; ')}`;
  });
  const title = notes.length > shown.length ? `Last ${shown.length} of ${notes.length} postmortems` : plural(notes.length, 'Postmortem');
  return `${title}:\n${lines.join('\n')}`;
}

function escalationSteps(steps: readonly EscalationStep[]): string {
  return steps.map((step, i) => `${i + 1}. ${escapeMarkdown(step.kind)}: ${link(code(step.target), step.url)}`).join('\n');
}

/** How to reach the owners of a module: its own on-call, then its team's path (model/teams.ts escalationOf). */
function escalationSection(analysis: Analysis, module: Module): string {
  const team = teamOfModule(analysis.model, module);
  const { steps, own } = escalationOf(module, team);
  if (!team && own === 0) return 'Escalation: nobody owns this module.';
  const name = escapeMarkdown(team?.name ?? module.name);
  if (steps.length === 0) return `Escalation (${name}): none declared.`;
  const from = own > 0 ? ` (${own === steps.length ? 'from its catalog entry' : `steps 1–${own} from its catalog entry`})` : '';
  return `Escalate to ${name}${from}:\n${escalationSteps(steps)}`;
}

// ---------------------------------------------------------------------------
// One function per kind of target

function modulesOwnedBy(analysis: Analysis, team: Team): Module[] {
  return analysis.model.modules.filter((m) => m.team === team.id);
}

export function ownerHover(analysis: Analysis, owner: string): string {
  const team = analysis.teamOf(owner);
  if (!team) return `${code(owner)}: no team declares this owner (not in teams.yaml, a Backstage group or CODEOWNERS).`;
  // A person (a GitHub user, a Backstage user) is an owner, never titled a team.
  const title = isPerson(team) ? 'Person' : 'Team';
  const parts = [team.name !== team.id ? `${title} **${escapeMarkdown(team.name)}** ${code(team.id)}` : `${title} ${code(team.id)}`];
  const others = team.aliases.filter((a) => a !== team.id);
  if (others.length > 0) parts.push(`Also known as: ${others.map(code).join(', ')}`);
  if (team.source === 'codeowners') parts.push('Known only from CODEOWNERS: no teams.yaml entry or Backstage group declares it.');
  parts.push(team.escalation.length > 0 ? `Escalation path:\n${escalationSteps(team.escalation)}` : 'Escalation path: none declared.');
  const owned = modulesOwnedBy(analysis, team).map((m) => escapeMarkdown(m.name));
  if (owned.length > 0) parts.push(`Owns ${plural(owned.length, 'module')}: ${capped(owned)}`);
  return parts.join('\n\n');
}

export function dependencyHover(analysis: Analysis, name: string): string {
  const module = analysis.moduleByName(name);
  if (!module) return `${code(name)}: no module of this workspace has this name.`;
  return moduleSection(analysis, module);
}

/** The module providing an API, and the API as it declares it. */
export function providerOf(analysis: Analysis, apiName: string): { module: Module; api: Module['apis'][number] } | undefined {
  for (const module of analysis.model.modules) {
    const api = module.apis.find((a) => a.name === apiName);
    if (api) return { module, api };
  }
  return undefined;
}

export function apiHover(analysis: Analysis, name: string): string {
  const provider = providerOf(analysis, name);
  if (!provider) return `API ${code(name)}: no module of this workspace provides it.`;
  const { module, api } = provider;
  let head = `API **${escapeMarkdown(api.name)}** (${escapeMarkdown(api.type)}), provided by **${escapeMarkdown(module.name)}**`;
  if (api.definition) head += `\n\nDefinition: ${code(api.definition)}`;
  return `${head}\n\n---\n\n${moduleSection(analysis, module)}`;
}

function metricValue(value: number | undefined, unit: string | undefined): string {
  if (value === undefined) return '?';
  const shown = shownUnit(unit);
  if (!shown) return formatNumber(value);
  return `${formatNumber(value)}${shown.spaced ? ' ' : ''}${escapeMarkdown(shown.text)}`;
}

function metricLine(metric: Metric): string {
  const values = [metric.baseline, metric.current, metric.target].map((v) => metricValue(v, metric.unit));
  return `${escapeMarkdown(metric.name)}: ${values.join(' → ')}`;
}

export function priorityHover(analysis: Analysis, id: string): string {
  const priority: Priority | undefined = analysis.model.priorities.find((p) => p.id === id);
  if (!priority) {
    return analysis.model.vision
      ? `Priority ${code(id)}: ${code(analysis.model.vision.file)} declares no such priority.`
      : `Priority ${code(id)}: this workspace has no vision.yaml.`;
  }
  const parts = [`Priority **${escapeMarkdown(priority.title)}** ${code(priority.id)}`];
  if (priority.owner) parts.push(`Owner: ${ownerLabel(analysis, priority.owner)}`);
  parts.push(
    priority.metrics.length > 0
      ? `Metrics (baseline → current → target):\n${bulletList(priority.metrics.map(metricLine))}`
      : 'Metrics: none declared.',
  );
  const serving = analysis.model.modules.filter((m) => m.priorities.includes(priority.id)).map((m) => escapeMarkdown(m.name));
  parts.push(serving.length > 0 ? `Served by ${plural(serving.length, 'module')}: ${capped(serving)}` : 'Served by no module yet.');
  return parts.join('\n\n');
}

export function importHover(analysis: Analysis, module: Module): string {
  return `${moduleSection(analysis, module)}\n\n${escalationSection(analysis, module)}`;
}

export function ruleHover(analysis: Analysis, id: string, options: HoverOptions = {}): string {
  const meta = analysis.rules.find((r) => r.id === id);
  if (!meta) return `${code(id)}: Northstar has no rule with this id.`;
  return [
    `Rule ${code(meta.id)} (default severity: ${meta.defaultSeverity})`,
    escapeMarkdown(meta.description),
    docsLink(meta.id, options.docsBase),
  ].join('\n\n');
}

// ---------------------------------------------------------------------------
// CODEOWNERS lines

/** What one CODEOWNERS line matches: files, the modules they belong to, and who wins them. */
export interface RuleCoverage {
  /** Files examined (at most HOVER_FILE_LIMIT). */
  examined: number;
  /** True when the workspace has more files than were examined. */
  truncated: boolean;
  matched: number;
  /** Modules holding matched files (model order), and how many matched files lie outside any. */
  modules: Module[];
  outsideModules: number;
  /** Later lines that decide some matched files instead, with how many, by line. */
  overriddenBy: { rule: CodeownersRule; files: number }[];
}

const coverageCache = new WeakMap<Analysis, Map<number, RuleCoverage>>();

/** Which files a line matches and which later lines win them, from `ownersOf` over the workspace's files. */
export function ruleCoverage(analysis: Analysis, rule: CodeownersRule): RuleCoverage {
  let perRule = coverageCache.get(analysis);
  if (!perRule) coverageCache.set(analysis, (perRule = new Map()));
  const cached = perRule.get(rule.index);
  if (cached) return cached;
  const files = analysis.files ?? [];
  const limit = Math.min(files.length, HOVER_FILE_LIMIT);
  const modules = new Set<Module>();
  const winners = new Map<number, { rule: CodeownersRule; files: number }>();
  let matched = 0;
  let outsideModules = 0;
  for (let i = 0; i < limit; i++) {
    const match: OwnerMatch = analysis.ownersOf(files[i]);
    const deciding = match.rules.some((r) => r.index === rule.index);
    if (!deciding && !match.overridden.some((r) => r.index === rule.index)) continue;
    matched++;
    const module = analysis.moduleOf(files[i]);
    if (module) modules.add(module);
    else outsideModules++;
    if (deciding) continue;
    const winner = match.rules.find((r) => sameSection(r, rule) && r.index > rule.index);
    if (!winner) continue;
    const entry = winners.get(winner.index) ?? { rule: winner, files: 0 };
    entry.files++;
    winners.set(winner.index, entry);
  }
  const result: RuleCoverage = {
    examined: limit,
    truncated: files.length > limit,
    matched,
    modules: analysis.model.modules.filter((m) => modules.has(m)),
    outsideModules,
    overriddenBy: [...winners.values()].sort((a, b) => a.rule.index - b.rule.index),
  };
  perRule.set(rule.index, result);
  return result;
}

export function codeownersRuleHover(analysis: Analysis, rule: CodeownersRule): string {
  const parts = [`CODEOWNERS line ${rule.line}: ${code(rule.pattern)}`];
  const codeowners = analysis.model.codeowners;
  if (codeowners?.dialect === 'gitlab' && rule.section !== null) {
    const section = codeowners.sections.find((x) => x.name !== null && x.name.toLowerCase() === rule.section!.toLowerCase());
    const traits = [section?.optional ? 'optional' : null, section?.approvals ? plural(section.approvals, 'approval') : null].filter((t) => t !== null);
    parts.push(`Section: ${code(`[${rule.section}]`)}${traits.length > 0 ? ` (${traits.join(', ')})` : ''}`);
  }
  if (rule.exclusion) {
    parts.push('Exclusion: the files it matches need no approval from this section.');
  } else if (rule.owners.length > 0) {
    const from = rule.ownersFromSection ? ' (the section’s default owners)' : '';
    parts.push(`${rule.owners.length === 1 ? 'Owner' : 'Owners'}: ${rule.owners.map((o) => ownerLabel(analysis, o)).join(', ')}${from}`);
  } else {
    parts.push('Owners: none. This line leaves the files it matches without owners.');
  }

  const stats = analysis.codeownersStats();
  const matched = stats.matched[rule.index] ?? 0;
  const won = stats.won[rule.index] ?? 0;
  if (matched === 0) {
    parts.push('Matches no file in the workspace.');
  } else {
    parts.push(`Matches ${plural(matched, 'file')}; ${rule.exclusion ? `excludes ${won} from this section` : `decides the owners of ${won}`}.`);
    if (won === 0) parts.push('**Never decides**: later lines override it for every file it matches.');
  }

  if (matched > 0 && analysis.files) {
    const coverage = ruleCoverage(analysis, rule);
    const names = coverage.modules.map((m) => `${escapeMarkdown(m.name)} (${m.path === '' ? 'the workspace root' : code(m.path)})`);
    if (names.length > 0) {
      const outside = coverage.outsideModules > 0 ? `; and ${plural(coverage.outsideModules, 'file')} outside any module` : '';
      parts.push(`${coverage.modules.length === 1 ? 'Module' : 'Modules'}: ${capped(names)}${outside}`);
    } else if (coverage.outsideModules > 0) {
      parts.push(`Module: none (${coverage.outsideModules === 1 ? 'the file is' : 'the files are'} outside any module)`);
    }
    if (coverage.overriddenBy.length > 0) {
      const lines = coverage.overriddenBy.map(({ rule: later, files }) => {
        const owners = later.exclusion ? 'excluded' : later.owners.length > 0 ? later.owners.map(code).join(' ') : 'no owners';
        return `line ${later.line} ${code(later.pattern)} → ${owners} (${plural(files, 'file')})`;
      });
      parts.push(`Overridden by later lines:\n${bulletList(lines)}`);
    }
    if (coverage.truncated) parts.push(`(Modules and overrides counted over the first ${coverage.examined} files.)`);
  }
  return parts.join('\n\n');
}

// ---------------------------------------------------------------------------

function render(analysis: Analysis, target: CursorTarget, options: HoverOptions): string {
  switch (target.kind) {
    case 'codeowners-rule':
      return codeownersRuleHover(analysis, target.rule);
    case 'owner':
      return ownerHover(analysis, target.owner);
    case 'dependency':
      return dependencyHover(analysis, target.name);
    case 'api':
      return apiHover(analysis, target.name);
    case 'priority':
      return priorityHover(analysis, target.id);
    case 'rule':
      return ruleHover(analysis, target.id, options);
    case 'import':
      return importHover(analysis, target.module);
  }
}

/**
 * The hover for a position of a file (root-relative path, the editor's current text).
 * `line` and `character` are 1-based, `character` in UTF-16 code units, as every core position.
 */
export function hoverAt(analysis: Analysis, file: string, text: string, line: number, character: number, options: HoverOptions = {}): HoverResult | undefined {
  const target = targetAt(analysis, file, text, line, character);
  if (!target) return undefined;
  return { markdown: render(analysis, target, options), range: target.range };
}

/**
 * The tree's tooltip for a module (Markdown): its name and type, its level explained as the
 * module hover explains it, its owners and how many findings it has.
 */
export function moduleTooltipMarkdown(analysis: Analysis, module: Module): string {
  const team = teamOfModule(analysis.model, module);
  const findings = analysis.model.findings.filter((f) => f.module === module.name).length;
  const owners = module.owners.length > 0 ? module.owners.map(code).join(', ') : 'none';
  return [
    `**${escapeMarkdown(module.name)}** (${escapeMarkdown(module.type)})${team ? `, ${isPerson(team) ? 'owner' : 'team'} ${escapeMarkdown(team.name)}` : ''}`,
    ...levelExplanationMarkdown(levelExplanation(module, team, analysis.config)),
    `Owners: ${owners}`,
    plural(findings, 'finding'),
  ].join('\n\n');
}

/** What a screen reader says for a module row: its name, team and level, and what the next level needs. */
export function moduleAccessibilityLabel(analysis: Analysis, module: Module): string {
  const team = teamOfModule(analysis.model, module);
  const e = levelExplanation(module, team, analysis.config);
  const owner = team ? `${isPerson(team) ? 'owner' : 'team'} ${team.name}` : 'no owner';
  const level = e.scored ? `scorecard ${LEVEL_LABEL[e.level]}` : 'not scored';
  const needs = nextLevelNeeds(e);
  return [module.name, owner, level, needs].filter((x): x is string => x !== null).join(', ');
}
