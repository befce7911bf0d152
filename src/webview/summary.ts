/**
 * The vision summary page (browser side, bundled to media/summary.js). It draws the data the
 * panel embeds as JSON and re-draws on every `update` message. Every value from the workspace
 * goes in with textContent or as an attribute set through the DOM, never as markup; only
 * absolute http(s) URLs become links, and a click asks the extension to open them.
 */
import {
  isSummaryPageData,
  parseSummaryHostMessage,
  SUMMARY_DATA_ELEMENT_ID,
  type SummaryModuleInfo,
  type SummaryPageData,
  type SummaryPageMessage,
  type SummaryPageState,
} from '../protocol/summary';
import type { ScorecardLevel } from '../core/model/types';
import { shownUnit } from '../core/model/units';
import { criterionText, LEVEL_LABEL } from '../core/scorecard';
import type { SummaryCount, SummaryLearningNote, SummaryMetric, SummaryModuleLevel, SummaryPriority, SummaryTeam } from '../core/report/types';
import { renderExperiments, renderRoadmap, type SummaryKit } from './summaryStrategy';
import { renderTrends } from './trend';

interface VsCodeApi {
  postMessage(message: SummaryPageMessage): void;
  getState(): unknown;
  setState(state: SummaryPageState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const LEVELS: readonly ScorecardLevel[] = ['gold', 'silver', 'bronze', 'none'];

const vscodeApi: VsCodeApi | undefined = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;

function post(message: SummaryPageMessage): void {
  vscodeApi?.postMessage(message);
}

// ---------------------------------------------------------------------------
// DOM helpers: text only.

type Child = Node | string | null | undefined | false;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string; title?: string; attrs?: Record<string, string> } = {},
  children: readonly Child[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title !== undefined) node.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A link for an http(s) URL (opened by the extension); anything else is shown as text. */
function externalLink(label: string, url: string): HTMLElement {
  if (!isHttpUrl(url)) return el('span', { className: 'link-text', text: `${label}: ${url}` });
  const a = el('a', { text: label, title: url, attrs: { href: url } });
  a.addEventListener('click', (event) => {
    event.preventDefault();
    post({ type: 'openExternal', url });
  });
  return a;
}

/**
 * A rule id linked to its page packed in the extension: a link-styled button that asks the
 * extension to open the page by id (a webview cannot open a file: URI itself).
 */
function ruleDocsLink(id: string, url: string): HTMLElement {
  const button = el('button', { className: 'rule-docs', text: id, title: `Open the rule's documentation (${url})`, attrs: { type: 'button' } });
  button.addEventListener('click', () => post({ type: 'openRuleDocs', id }));
  return button;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function formatValue(value: number | null, unit: string | null): string {
  if (value === null) return '–';
  const shown = shownUnit(unit);
  if (!shown) return String(value);
  return `${value}${shown.spaced ? ' ' : ''}${shown.text}`;
}

function percentText(c: SummaryCount): string {
  return c.percent === null ? `${c.count} of ${c.of} (n/a)` : `${c.count} of ${c.of} (${c.percent}%)`;
}

function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, value));
}

/** A horizontal bar filled to `percent` (0–100), announced as a progress bar. */
function bar(percent: number | null, label: string, className = ''): HTMLElement {
  const track = el('div', { className: `bar ${className}`.trim(), attrs: { role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100' } });
  if (percent === null) {
    track.classList.add('unknown');
    return track;
  }
  const value = clampPercent(percent);
  track.setAttribute('aria-valuenow', String(value));
  const fill = el('div', { className: 'fill' });
  fill.style.width = `${value}%`;
  track.append(fill);
  return track;
}

function levelBadge(level: ScorecardLevel): HTMLElement {
  return el('span', { className: `level level-${level}`, text: LEVEL_LABEL[level], title: `Scorecard: ${LEVEL_LABEL[level]}` });
}

function section(id: string, title: string, children: readonly Child[]): HTMLElement {
  return el('section', { className: 'card', attrs: { id, 'aria-labelledby': `${id}-title` } }, [
    el('h2', { text: title, attrs: { id: `${id}-title` } }),
    ...children,
  ]);
}

// ---------------------------------------------------------------------------
// Sections

function renderHeader(data: SummaryPageData): HTMLElement {
  const { findings } = data.summary;
  const actions = el('div', { className: 'actions' });
  if (data.roots.length > 1) {
    const select = el('select', { attrs: { id: 'root-picker', 'aria-label': 'Workspace folder' } });
    for (const root of data.roots) {
      const option = el('option', { text: root.name });
      option.value = root.uri;
      option.selected = root.uri === data.root.uri;
      select.append(option);
    }
    select.addEventListener('change', () => post({ type: 'selectRoot', uri: select.value }));
    actions.append(el('label', { className: 'root-label', text: 'Folder ' }, [select]));
  }
  const exportButton = el('button', { text: 'Export as Markdown', attrs: { id: 'export-markdown', type: 'button' } });
  exportButton.addEventListener('click', () => post({ type: 'exportMarkdown' }));
  actions.append(exportButton);
  return el('header', { className: 'page-header' }, [
    el('div', {}, [
      el('h1', { text: 'Vision summary' }),
      el('p', {
        className: 'subtitle',
        text: `${data.root.name} · ${plural(data.summary.coverage.modules, 'module')} · ${plural(findings.errors, 'error')}, ${plural(findings.warnings, 'warning')}, ${plural(findings.infos, 'info')}`,
      }),
    ]),
    actions,
  ]);
}

function renderVision(data: SummaryPageData): HTMLElement {
  const vision = data.summary.vision;
  if (!vision) {
    // The first step is offered where its absence shows: init writes a vision.yaml skeleton
    // (and teams.yaml, contracts) without overwriting anything.
    const start = el('button', { text: 'Start vision.yaml', attrs: { id: 'start-files', type: 'button' } });
    start.addEventListener('click', () => post({ type: 'startFiles' }));
    return section('vision', 'Vision', [
      el('p', { className: 'empty', text: 'No vision.yaml in this workspace: priorities and capacity are not shown.' }),
      el('p', { className: 'empty' }, ['Northstar can start one with the 3 to 5 priorities your contracts and catalog already name, each waiting for its outcome metric, and teams.yaml and contracts where they are missing (nothing is overwritten). ', start]),
    ]);
  }
  const children: Child[] = [];
  if (vision.direction) children.push(el('p', { className: 'direction' }, [el('strong', { text: 'Direction: ' }), vision.direction]));
  if (vision.why) children.push(el('p', { className: 'why' }, [el('strong', { text: 'Why: ' }), vision.why]));
  if (vision.capabilities.length > 0) {
    children.push(el('h3', { text: 'Capabilities' }), el('ul', { className: 'capabilities' }, vision.capabilities.map((c) => el('li', { text: c }))));
  }
  if (children.length === 0) children.push(el('p', { className: 'empty', text: 'The vision has no direction, why or capabilities yet.' }));
  return section('vision', 'Vision', children);
}

function renderMetricRow(metric: SummaryMetric): HTMLElement {
  const falling = metric.baseline !== null && metric.target !== null && metric.target < metric.baseline;
  const values = el('td', { className: 'values' }, [
    el('span', { className: 'baseline', text: formatValue(metric.baseline, metric.unit), title: 'baseline' }),
    el('span', { className: 'arrow', text: ' → ', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'current', text: formatValue(metric.current, metric.unit), title: 'current' }),
    el('span', { className: 'arrow', text: ' → ', attrs: { 'aria-hidden': 'true' } }),
    el('span', { className: 'target', text: formatValue(metric.target, metric.unit), title: 'target' }),
  ]);
  const progressText = metric.progress === null ? '–' : `${metric.progress}%`;
  const progress = el('td', { className: 'progress' }, [
    bar(metric.progress, `${metric.name} progress`, metric.progress !== null && metric.progress >= 100 ? 'done' : ''),
    el('span', { className: 'progress-value', text: progressText }),
    falling ? el('span', { className: 'direction-hint', text: 'lower is better', title: 'The target is below the baseline' }) : null,
  ]);
  return el('tr', { className: 'metric' }, [el('td', { className: 'metric-name', text: metric.name }), values, progress]);
}

/**
 * One module that serves a priority: its name (opens its definition), its level, then its links,
 * as one chip. Spaces and " · " stand between the parts so they read apart also as text (copied,
 * read aloud), not only by the chip's layout.
 */
function moduleChip(name: string, info: SummaryModuleInfo | undefined): HTMLElement {
  const button = el('button', { className: 'module', text: name, title: info ? `Open the definition of ${name} (${info.file})` : name, attrs: { type: 'button' } });
  button.addEventListener('click', () => post({ type: 'openModule', name }));
  const children: Child[] = [button];
  if (info) {
    children.push(' ', levelBadge(info.level));
    if (info.links.length > 0) {
      const links = el('span', { className: 'module-links' });
      for (const link of info.links) {
        links.append(el('span', { className: 'separator', text: ' · ', attrs: { 'aria-hidden': 'true' } }), externalLink(link.label, link.url));
      }
      children.push(links);
    }
  }
  return el('li', { className: 'module-item' }, children);
}

function renderPriority(priority: SummaryPriority, modules: ReadonlyMap<string, SummaryModuleInfo>): HTMLElement {
  const heading = el('h3', {}, [
    el('span', { className: 'priority-title', text: priority.title }),
    ' ',
    el('code', { className: 'priority-id', text: priority.id }),
  ]);
  const children: Child[] = [heading];
  if (priority.owner) children.push(el('p', { className: 'owner', text: `Owner: ${priority.owner}` }));
  if (priority.metrics.length > 0) {
    children.push(
      el('table', { className: 'metrics' }, [
        el('thead', {}, [el('tr', {}, [el('th', { text: 'Metric' }), el('th', { text: 'Baseline → Current → Target' }), el('th', { text: 'Progress' })])]),
        el('tbody', {}, priority.metrics.map(renderMetricRow)),
      ]),
    );
  } else {
    children.push(el('p', { className: 'empty', text: 'No success metric.' }));
  }
  if (priority.modules.length > 0) {
    children.push(
      el('div', { className: 'served-by' }, [
        el('span', { className: 'label', text: 'Served by' }),
        el('ul', { className: 'modules' }, priority.modules.map((name) => moduleChip(name, modules.get(name)))),
      ]),
    );
  } else {
    children.push(el('p', { className: 'empty', text: 'No module serves this priority yet.' }));
  }
  return el('article', { className: 'priority', attrs: { 'data-priority': priority.id } }, children);
}

function renderPriorities(data: SummaryPageData, modules: ReadonlyMap<string, SummaryModuleInfo>): HTMLElement | null {
  const { priorities } = data.summary;
  if (priorities.length === 0) {
    return data.summary.vision ? section('priorities', 'Priorities', [el('p', { className: 'empty', text: 'No priorities declared.' })]) : null;
  }
  return section('priorities', 'Priorities', priorities.map((p) => renderPriority(p, modules)));
}

function renderCoverage(data: SummaryPageData): HTMLElement {
  const { coverage } = data.summary;
  const rows: [string, string, SummaryCount][] = [
    ['ownership', 'Ownership', coverage.ownership],
    ['tests', 'Tests', coverage.tests],
    ['observability', 'Observability (services, websites, jobs)', coverage.observability],
  ];
  return section('coverage', 'Coverage', [
    el(
      'dl',
      { className: 'measures' },
      rows.flatMap(([key, label, count]) => [
        el('dt', { text: label }),
        el('dd', { attrs: { 'data-measure': key } }, [bar(count.percent, label), el('span', { className: 'measure-value', text: percentText(count) })]),
      ]),
    ),
  ]);
}

function renderCapacity(data: SummaryPageData): HTMLElement | null {
  const capacity = data.summary.capacity;
  if (!capacity) return null;
  const scale = Math.max(capacity.total, 100);
  const stack = el('div', { className: 'stack', attrs: { role: 'img', 'aria-label': capacity.allocations.map((a) => `${a.category} ${a.percent}%`).join(', ') } });
  const legend = el('ul', { className: 'legend' });
  capacity.allocations.forEach((a, index) => {
    const colour = `slot-${index % 6}`;
    const segment = el('div', { className: `segment ${colour}`, title: `${a.category}: ${a.percent}%` });
    segment.style.width = `${clampPercent((a.percent / scale) * 100)}%`;
    stack.append(segment);
    legend.append(el('li', {}, [el('span', { className: `swatch ${colour}`, attrs: { 'aria-hidden': 'true' } }), el('span', { className: 'category', text: a.category }), ` ${a.percent}%`]));
  });
  const total = el('p', { className: capacity.total === 100 ? 'total' : 'total warning', text: capacity.total === 100 ? 'Total: 100%' : `Total: ${capacity.total}% (should be 100%)` });
  return section('capacity', 'Capacity allocation', [stack, legend, total]);
}

function renderScorecard(data: SummaryPageData): HTMLElement {
  const levels = data.summary.levels;
  return section('scorecard', 'Scorecard', [
    el(
      'ul',
      { className: 'levels' },
      LEVELS.map((level) =>
        el('li', { className: `level-count level-${level}`, attrs: { 'data-level': level } }, [
          el('span', { className: 'count', text: String(levels[level]) }),
          el('span', { className: 'name', text: LEVEL_LABEL[level] }),
        ]),
      ),
    ),
    ...renderModuleLevels(data.summary.modules),
  ]);
}

/** The modules below Gold (or with criteria not assessed): level, what the next level needs, what is not assessed. Text only. */
function renderModuleLevels(modules: readonly SummaryModuleLevel[]): HTMLElement[] {
  const shown = modules.filter((m) => m.needs.length > 0 || m.notAssessed.length > 0);
  if (shown.length === 0) return [];
  return [
    el('h3', { text: 'Next level per module' }),
    el(
      'ul',
      { className: 'module-levels' },
      shown.map((m) => {
        const parts: Child[] = [el('span', { className: 'module-name', text: m.name }), ' ', levelBadge(m.level)];
        if (m.team !== null) parts.push(el('span', { className: 'module-team', text: ` · ${m.team}` }));
        if (m.next && m.needs.length > 0) parts.push(el('span', { className: 'needs', text: ` — ${LEVEL_LABEL[m.next]} needs: ${m.needs.map((c) => criterionText(c)).join(', ')}` }));
        if (m.notAssessed.length > 0) parts.push(el('span', { className: 'not-assessed', text: ` — not assessed: ${m.notAssessed.join(', ')}` }));
        return el('li', { attrs: { 'data-module': m.name } }, parts);
      }),
    ),
  ];
}

function renderTeam(team: SummaryTeam, docs: ReadonlyMap<string, string>): HTMLElement {
  const levels = LEVELS.filter((l) => team.levels[l] > 0).map((l) => `${LEVEL_LABEL[l]}: ${team.levels[l]}`).join(', ');
  const children: Child[] = [
    el('h3', { text: team.name }),
    el('p', { className: 'team-meta', text: `${plural(team.modules.length, 'module')} (${levels}) · ${plural(team.findings.errors, 'error')}, ${plural(team.findings.warnings, 'warning')}` }),
  ];
  if (team.gaps.length === 0) children.push(el('p', { className: 'empty', text: 'No open gaps.' }));
  else {
    children.push(
      el(
        'ol',
        { className: 'gaps' },
        team.gaps.map((gap) => {
          // In words first; the id (linked to the rule's page) is what .northstar.yaml and the docs use.
          const url = docs.get(gap.ruleId);
          const rule = url ? ruleDocsLink(gap.ruleId, url) : el('code', { text: gap.ruleId });
          rule.classList.add('rule');
          // Counted in words ("1 critical service without alerts, a runbook or an SLO"); the count also as data.
          return el('li', { attrs: { 'data-rule': gap.ruleId, 'data-count': String(gap.count) } }, [
            el('span', { className: 'gap-title', text: gap.text }),
            el('span', { className: 'rule-id' }, [' (', rule, ')']),
          ]);
        }),
      ),
    );
  }
  return el('article', { className: team.team === null ? 'team unowned' : 'team' }, children);
}

function renderTeams(data: SummaryPageData): HTMLElement {
  const docs = new Map(data.rules.map((r) => [r.id, r.url]));
  const teams = data.summary.teams;
  return section('teams', 'Top gaps per owner', teams.length === 0 ? [el('p', { className: 'empty', text: 'No modules.' })] : teams.map((t) => renderTeam(t, docs)));
}

/** What the Experiments and Roadmap sections (summaryStrategy.ts) draw with: this page's text-only helpers. */
const strategyKit: SummaryKit = {
  el,
  section,
  moduleButton: (name) => {
    const button = el('button', { className: 'module', text: name, title: `Open the definition of ${name}`, attrs: { type: 'button' } });
    button.addEventListener('click', () => post({ type: 'openModule', name }));
    return button;
  },
};

const KIND_LABEL: Record<SummaryLearningNote['kind'], string> = { postmortem: 'Postmortem', demo: 'Demo', review: 'Review' };

/** Postmortems, demos and reviews: per quarter, open actions by team, repeated postmortems, every note. */
function renderLearning(data: SummaryPageData, modules: ReadonlyMap<string, SummaryModuleInfo>): HTMLElement | null {
  const learning = data.summary.learning;
  if (!learning) return null;
  const children: Child[] = [];
  if (learning.quarters.length > 0) {
    children.push(
      el('table', { className: 'learning-quarters' }, [
        el('thead', {}, [el('tr', {}, ['Quarter', 'Postmortems', 'Demos', 'Reviews'].map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
        el(
          'tbody',
          {},
          learning.quarters.map((q) =>
            el('tr', { attrs: { 'data-quarter': q.quarter } }, [el('th', { text: q.quarter, attrs: { scope: 'row' } }), ...[q.postmortems, q.demos, q.reviews].map((n) => el('td', { text: String(n) }))]),
          ),
        ),
      ]),
    );
  }
  children.push(el('h3', { text: 'Open actions by team' }));
  if (learning.actions.length === 0) children.push(el('p', { className: 'empty', text: 'Every action is done.' }));
  else {
    children.push(
      el(
        'ul',
        { className: 'learning-actions' },
        learning.actions.map((a) =>
          el('li', { className: a.overdue > 0 ? 'overdue' : '' }, [
            el('span', { className: 'team-name', text: a.name }),
            `: ${plural(a.open, 'open action')}`,
            a.overdue > 0 && el('strong', { className: 'overdue-count', text: `, ${a.overdue} overdue` }),
          ]),
        ),
      ),
    );
  }
  if (learning.repeated.length > 0) {
    children.push(
      el('h3', { text: 'Modules with repeated postmortems' }),
      el(
        'ul',
        { className: 'modules learning-repeated' },
        learning.repeated.map((r) => {
          const item = moduleChip(r.module, modules.get(r.module));
          item.append(el('span', { className: 'repeated-count', text: ` — ${plural(r.postmortems, 'postmortem')}${r.last ? `, the last on ${r.last}` : ''}` }));
          return item;
        }),
      ),
    );
  }
  children.push(
    el('h3', { text: 'Notes' }),
    el(
      'ol',
      { className: 'learning-notes' },
      learning.notes.map((n) => {
        const actions = n.open === 0 ? 'no open action' : `${plural(n.open, 'open action')}${n.overdue > 0 ? `, ${n.overdue} overdue` : ''}`;
        return el('li', { className: `note note-${n.kind}${n.overdue > 0 ? ' overdue' : ''}`, title: n.file }, [
          el('span', { className: 'note-date', text: n.date ?? 'undated' }),
          ' ',
          el('span', { className: 'note-kind', text: `${KIND_LABEL[n.kind]}${n.severity ? ` (${n.severity})` : ''}` }),
          ' ',
          el('span', { className: 'note-title', text: n.title }),
          el('span', { className: 'note-actions', text: ` · ${actions}` }),
          n.modules.length > 0 && el('ul', { className: 'modules' }, n.modules.map((name) => moduleChip(name, modules.get(name)))),
        ]);
      }),
    ),
  );
  return section('learning', 'Learning', children);
}

// ---------------------------------------------------------------------------

function render(data: SummaryPageData): void {
  const app = document.getElementById('app');
  if (!app) return;
  const modules = new Map(data.modules.map((m) => [m.name, m]));
  const grid = el('div', { className: 'grid' }, [renderCoverage(data), renderScorecard(data), renderCapacity(data)]);
  app.replaceChildren(
    renderHeader(data),
    renderVision(data),
    ...[renderPriorities(data, modules), renderTrends(data.summary.priorities)].filter((x): x is HTMLElement => x !== null),
    ...[renderRoadmap(data, strategyKit, data.summary.today), renderExperiments(data, strategyKit)].filter((x): x is HTMLElement => x !== null),
    grid,
    ...[renderLearning(data, modules)].filter((x): x is HTMLElement => x !== null),
    renderTeams(data),
  );
  document.title = `Vision Summary — ${data.root.name}`;
  vscodeApi?.setState({ root: data.root.uri });
}

function showError(message: string): void {
  document.getElementById('app')?.replaceChildren(el('p', { className: 'error', text: message }));
}

const logDropped = (reason: string): void => console.warn(`Northstar vision summary: ${reason}`);

/** The data the panel embedded in the page, checked like a message; undefined when missing or malformed (logged). */
function initialData(): SummaryPageData | undefined {
  const text = document.getElementById(SUMMARY_DATA_ELEMENT_ID)?.textContent;
  if (!text) return undefined;
  const data: unknown = JSON.parse(text);
  if (isSummaryPageData(data)) return data;
  logDropped('dropped malformed embedded data');
  return undefined;
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseSummaryHostMessage(event.data, logDropped);
  if (message?.type === 'update') render(message.data);
});

try {
  const data = initialData();
  if (data) render(data);
  else showError('No summary data.');
} catch (error) {
  showError(`The summary could not be drawn: ${error instanceof Error ? error.message : String(error)}`);
}
post({ type: 'ready' });
