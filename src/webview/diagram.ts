/**
 * The architecture diagram page (browser side). It holds no model: it sends its view state to
 * the extension, draws the Mermaid source it gets back, and turns clicks into messages.
 *
 * Safety (DESIGN.md section 6): Mermaid runs with `securityLevel: 'strict'` (no Mermaid `click`,
 * labels sanitised); node clicks are DOM listeners here; everything we write ourselves from data
 * goes through `textContent`. Mermaid is the browser build bundled in media/mermaid/, loaded by
 * the page before this script.
 */
import {
  type Choice,
  type DetailsMessage,
  type DiagramPageMessage,
  type DiagramViewState,
  type ModuleDetails,
  normalizeViewState,
  parseDiagramHostMessage,
  type RenderMessage,
} from '../protocol/diagram';
import { criterionText, LEVEL_LABEL } from '../core/scorecard';

interface MermaidApi {
  initialize(config: Record<string, unknown>): void;
  render(id: string, text: string): Promise<{ svg: string }>;
}
interface VsCodeApi {
  postMessage(message: DiagramPageMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const mermaid: MermaidApi;
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const MORE_GROUPS = 24;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};
const ui = {
  rootLabel: $('rootLabel'),
  root: $<HTMLSelectElement>('root'),
  groupBy: $<HTMLSelectElement>('groupBy'),
  collapse: $<HTMLSelectElement>('collapse'),
  team: $<HTMLSelectElement>('team'),
  system: $<HTMLSelectElement>('system'),
  priority: $<HTMLSelectElement>('priority'),
  onlyProblems: $<HTMLInputElement>('onlyProblems'),
  allDependencies: $<HTMLInputElement>('allDependencies'),
  search: $<HTMLInputElement>('search'),
  moduleNames: $<HTMLDataListElement>('moduleNames'),
  depth: $<HTMLSelectElement>('depth'),
  clearFocus: $<HTMLButtonElement>('clearFocus'),
  status: $('status'),
  notice: $('notice'),
  canvas: $('canvas'),
  stage: $('stage'),
  details: $('details'),
  detailsBody: $('detailsBody'),
};

let state: DiagramViewState | null = readSavedState();
let current: RenderMessage | null = null;
let renderSeq = 0;

function readSavedState(): DiagramViewState | null {
  const saved = vscode.getState();
  return typeof saved === 'object' && saved !== null ? normalizeViewState(saved) : null;
}

function post(message: DiagramPageMessage): void {
  vscode.postMessage(message);
}

function save(): void {
  if (state) vscode.setState(state);
}

/** A change to the view: saved at once (a reload shows it) and sent to the host to redraw. */
function update(change: (s: DiagramViewState) => void): void {
  if (!state) return;
  change(state);
  save();
  post({ type: 'update', state });
}

// ---------------------------------------------------------------------------
// Theme

function themeKind(): 'light' | 'dark' | 'hc-dark' | 'hc-light' {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc-dark';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

function initMermaid(): void {
  const kind = themeKind();
  const css = getComputedStyle(document.body);
  const font = css.getPropertyValue('--vscode-font-family').trim();
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: kind === 'dark' || kind === 'hc-dark' ? 'dark' : 'default',
    maxEdges: 500,
    maxTextSize: 50_000,
    ...(font ? { fontFamily: font } : {}),
    flowchart: { useMaxWidth: false, htmlLabels: true },
  });
  document.body.dataset.mermaidTheme = kind;
}

// ---------------------------------------------------------------------------
// Controls

function fillSelect(select: HTMLSelectElement, choices: readonly Choice[], value: string | null): void {
  const keep = select.options[0];
  select.textContent = '';
  select.append(keep);
  for (const c of choices) {
    const option = document.createElement('option');
    option.value = c.value;
    option.textContent = c.label;
    select.append(option);
  }
  select.value = value ?? '';
  if (select.value !== (value ?? '')) select.value = '';
}

function syncControls(msg: RenderMessage): void {
  const s = msg.state;
  ui.rootLabel.hidden = msg.choices.roots.length < 2;
  ui.root.textContent = '';
  for (const root of msg.choices.roots) {
    const option = document.createElement('option');
    option.value = root.value;
    option.textContent = root.label;
    ui.root.append(option);
  }
  ui.root.value = s.root ?? msg.choices.roots[0]?.value ?? '';
  ui.groupBy.value = s.groupBy;
  ui.collapse.value = s.collapse;
  fillSelect(ui.team, msg.choices.teams, s.filter.team);
  fillSelect(ui.system, msg.choices.systems, s.filter.system);
  fillSelect(ui.priority, msg.choices.priorities, s.filter.priority);
  ui.onlyProblems.checked = s.filter.onlyProblems;
  ui.allDependencies.checked = s.allDependencies;
  ui.depth.value = String(s.focusDepth);
  if (document.activeElement !== ui.search) ui.search.value = s.focus ?? '';
  if (ui.moduleNames.childElementCount !== msg.choices.modules.length || ui.moduleNames.dataset.key !== msg.choices.modules.join('\n')) {
    ui.moduleNames.textContent = '';
    for (const name of msg.choices.modules) {
      const option = document.createElement('option');
      option.value = name;
      ui.moduleNames.append(option);
    }
    ui.moduleNames.dataset.key = msg.choices.modules.join('\n');
  }
}

ui.root.addEventListener('change', () =>
  update((s) => {
    s.root = ui.root.value || null;
    s.expand = [];
    s.focus = null;
    s.selected = null;
    s.view = null;
  }),
);
ui.groupBy.addEventListener('change', () =>
  update((s) => {
    s.groupBy = ui.groupBy.value as DiagramViewState['groupBy'];
    s.expand = [];
  }),
);
ui.collapse.addEventListener('change', () =>
  update((s) => {
    s.collapse = ui.collapse.value as DiagramViewState['collapse'];
    s.expand = [];
  }),
);
for (const key of ['team', 'system', 'priority'] as const) {
  ui[key].addEventListener('change', () => update((s) => (s.filter[key] = ui[key].value || null)));
}
ui.onlyProblems.addEventListener('change', () => update((s) => (s.filter.onlyProblems = ui.onlyProblems.checked)));
ui.allDependencies.addEventListener('change', () => update((s) => (s.allDependencies = ui.allDependencies.checked)));
ui.depth.addEventListener('change', () => update((s) => (s.focusDepth = ui.depth.value === '2' ? 2 : 1)));
ui.clearFocus.addEventListener('click', () => {
  ui.search.value = '';
  update((s) => (s.focus = null));
});

function applySearch(): void {
  const text = ui.search.value.trim();
  if (text === '') {
    if (state?.focus) update((s) => (s.focus = null));
    return;
  }
  const names = current?.choices.modules ?? [];
  const exact = names.find((n) => n === text) ?? names.find((n) => n.toLowerCase() === text.toLowerCase());
  const partial = exact ?? names.filter((n) => n.toLowerCase().includes(text.toLowerCase()));
  const name = typeof partial === 'string' ? partial : partial.length === 1 ? partial[0] : undefined;
  if (name === undefined) {
    ui.status.textContent = typeof partial === 'string' || partial.length === 0 ? `No module matches “${text}”.` : `${partial.length} modules match “${text}”: pick one.`;
    return;
  }
  ui.search.value = name;
  // Enter fires both keydown and change: one update.
  if (state?.focus === name) return;
  update((s) => {
    s.focus = name;
    s.view = null;
  });
}
ui.search.addEventListener('change', applySearch);
ui.search.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') applySearch();
});

$('exportSvg').addEventListener('click', () => {
  const svg = ui.stage.querySelector('svg');
  if (svg) post({ type: 'export', format: 'svg', svg: new XMLSerializer().serializeToString(svg) });
});
$('copyMermaid').addEventListener('click', () => post({ type: 'copy' }));
$('exportMermaid').addEventListener('click', () => post({ type: 'export', format: 'mermaid' }));
$('exportMarkdown').addEventListener('click', () => post({ type: 'export', format: 'markdown' }));
$('closeDetails').addEventListener('click', () => {
  ui.details.hidden = true;
  if (state) {
    state.selected = null;
    save();
  }
});

// ---------------------------------------------------------------------------
// Pan and zoom: the stage is translated and scaled inside the canvas.

let view = { x: 0, y: 0, scale: 1 };

function applyView(persist: boolean): void {
  ui.stage.style.transform = `translate(${view.x}px, ${view.y}px) scale(${view.scale})`;
  if (persist && state) {
    state.view = { ...view };
    save();
  }
}

function svgSize(): { width: number; height: number } | null {
  const svg = ui.stage.querySelector('svg');
  if (!svg) return null;
  const box = svg.viewBox.baseVal;
  const width = box && box.width > 0 ? box.width : svg.getBoundingClientRect().width / view.scale;
  const height = box && box.height > 0 ? box.height : svg.getBoundingClientRect().height / view.scale;
  return { width, height };
}

function fit(): void {
  const size = svgSize();
  if (!size) return;
  const w = ui.canvas.clientWidth;
  const h = ui.canvas.clientHeight;
  const scale = Math.min(2, Math.max(0.05, Math.min((w - 24) / size.width, (h - 24) / size.height)));
  view = { scale, x: (w - size.width * scale) / 2, y: Math.max(12, (h - size.height * scale) / 2) };
  applyView(true);
}

function zoomAt(factor: number, cx: number, cy: number): void {
  const scale = Math.min(8, Math.max(0.05, view.scale * factor));
  const k = scale / view.scale;
  view = { scale, x: cx - (cx - view.x) * k, y: cy - (cy - view.y) * k };
  applyView(true);
}

$('zoomIn').addEventListener('click', () => zoomAt(1.25, ui.canvas.clientWidth / 2, ui.canvas.clientHeight / 2));
$('zoomOut').addEventListener('click', () => zoomAt(0.8, ui.canvas.clientWidth / 2, ui.canvas.clientHeight / 2));
$('zoomFit').addEventListener('click', fit);
ui.canvas.addEventListener(
  'wheel',
  (e) => {
    e.preventDefault();
    const r = ui.canvas.getBoundingClientRect();
    zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  },
  { passive: false },
);

let drag: { x: number; y: number; vx: number; vy: number; moved: boolean } | null = null;
let suppressClick = false;
ui.canvas.addEventListener('pointerdown', (e) => {
  if (e.button !== 0) return;
  drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false };
});
window.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  if (!drag.moved) ui.canvas.classList.add('panning');
  drag.moved = true;
  view = { ...view, x: drag.vx + dx, y: drag.vy + dy };
  applyView(false);
});
window.addEventListener('pointerup', () => {
  if (drag?.moved) {
    suppressClick = true;
    setTimeout(() => (suppressClick = false), 0);
    applyView(true);
  }
  ui.canvas.classList.remove('panning');
  drag = null;
});
ui.canvas.addEventListener('keydown', (e) => {
  const step = 40;
  if (e.target !== ui.canvas) return;
  if (e.key === '+' || e.key === '=') zoomAt(1.25, ui.canvas.clientWidth / 2, ui.canvas.clientHeight / 2);
  else if (e.key === '-') zoomAt(0.8, ui.canvas.clientWidth / 2, ui.canvas.clientHeight / 2);
  else if (e.key === '0') fit();
  else if (e.key.startsWith('Arrow')) {
    view = { ...view, x: view.x + (e.key === 'ArrowLeft' ? step : e.key === 'ArrowRight' ? -step : 0), y: view.y + (e.key === 'ArrowUp' ? step : e.key === 'ArrowDown' ? -step : 0) };
    applyView(true);
  } else return;
  e.preventDefault();
});

// ---------------------------------------------------------------------------
// Drawing

/** The diagram node id (`m3`, `g1`) of a Mermaid node element (`<svgId>-flowchart-m3-2`). */
function nodeIdOf(el: Element): string | null {
  const match = /-flowchart-([a-z]\d+)-\d+$/.exec(el.id);
  return match ? match[1] : null;
}

function activate(nodeId: string): void {
  if (suppressClick || !current?.diagram || !state) return;
  const node = current.diagram.nodes.find((n) => n.id === nodeId);
  if (!node) return;
  if (!node.collapsed) {
    const name = node.modules[0];
    state.selected = name;
    save();
    post({ type: 'select', module: name });
    post({ type: 'open', module: name });
  } else if (node.group !== null) {
    const key = node.group;
    update((s) => {
      if (!s.expand.includes(key)) s.expand.push(key);
    });
  } else {
    update((s) => (s.maxGroups += MORE_GROUPS));
  }
}

function wire(svg: SVGSVGElement, msg: RenderMessage): void {
  const diagram = msg.diagram;
  if (!diagram) return;
  const byId = new Map(diagram.nodes.map((n) => [n.id, n]));
  for (const el of svg.querySelectorAll('g.node')) {
    const id = nodeIdOf(el);
    const node = id === null ? undefined : byId.get(id);
    if (!id || !node) continue;
    el.setAttribute('data-node', id);
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    const what = node.collapsed ? (node.group === null ? 'show more groups' : 'expand this group') : 'open its contract';
    el.setAttribute('aria-label', `${node.label}: ${what}`);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${node.label}${node.detail ? `\n${node.detail}` : ''}\n(click to ${what})`;
    el.prepend(title);
    if (node.findings.errors + node.findings.warnings > 0) el.classList.add('has-findings');
    el.addEventListener('click', () => activate(id));
    el.addEventListener('keydown', (e) => {
      const key = (e as KeyboardEvent).key;
      if (key === 'Enter' || key === ' ') {
        e.preventDefault();
        activate(id);
      }
    });
  }
  // A subgraph the user expanded collapses again when its title is clicked.
  const groupOfSubgraph = new Map(diagram.groups.filter((g) => !g.collapsed && g.id !== '').map((g) => [g.id, g.key]));
  for (const el of svg.querySelectorAll('g.cluster')) {
    const sub = /-(s\d+)$/.exec(el.id)?.[1];
    const key = sub === undefined ? undefined : groupOfSubgraph.get(sub);
    if (key === undefined || !state?.expand.includes(key)) continue;
    const label = el.querySelector('.cluster-label');
    if (!label) continue;
    el.setAttribute('data-group', key);
    label.classList.add('collapsible');
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = 'Click to collapse this group';
    label.prepend(title);
    label.addEventListener('click', () => update((s) => (s.expand = s.expand.filter((k) => k !== key))));
  }
}

function showStatus(msg: RenderMessage): void {
  const d = msg.diagram;
  const parts = [`${msg.totals.visible} of ${msg.totals.modules} modules`];
  if (d) {
    parts.push(`${d.nodes.length} nodes`, `${d.edges.length} edges`);
    if (d.collapsed) parts.push('groups collapsed: click one to expand it');
  }
  if (msg.state.focus) parts.push(`focus: ${msg.state.focus} (depth ${msg.state.focusDepth})`);
  ui.status.textContent = parts.join(' · ');
  // Which grouping `auto` chose and why: the Group menu's tooltip (text, never markup).
  ui.groupBy.title = d ? `Grouped by ${d.grouping.by}: ${d.grouping.reason}` : 'Group modules by';
  ui.notice.hidden = msg.notice === null;
  ui.notice.textContent = msg.notice ?? '';
}

async function draw(msg: RenderMessage, keepView: DiagramViewState['view']): Promise<void> {
  const seq = ++renderSeq;
  const started = performance.now();
  document.body.dataset.render = 'pending';
  showStatus(msg);
  if (!msg.diagram) {
    ui.stage.textContent = '';
    document.body.dataset.render = 'empty';
    document.body.dataset.renderSeq = String(seq);
    return;
  }
  const svgId = `northstar-diagram-${seq}`;
  try {
    const { svg } = await mermaid.render(svgId, msg.diagram.mermaid);
    if (seq !== renderSeq) return;
    // Mermaid's own output (labels escaped by the builder and sanitised by Mermaid), parsed
    // inertly and adopted, never assembled from data here.
    const parsed = new DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
    if (!parsed) throw new Error('Mermaid returned no SVG');
    const element = document.importNode(parsed, true);
    ui.stage.replaceChildren(element);
    wire(element, msg);
    if (keepView) {
      view = { ...keepView };
      applyView(false);
    } else fit();
    document.body.dataset.render = 'done';
  } catch (error) {
    if (seq !== renderSeq) return;
    ui.stage.textContent = '';
    ui.notice.hidden = false;
    ui.notice.textContent = `The diagram could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
    document.body.dataset.render = 'error';
  } finally {
    // Mermaid leaves its scratch element behind when rendering fails.
    document.getElementById(`d${svgId}`)?.remove();
    if (seq === renderSeq) {
      document.body.dataset.renderSeq = String(seq);
      document.body.dataset.renderMs = String(Math.round(performance.now() - started));
    }
  }
}

// ---------------------------------------------------------------------------
// Side panel

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function section(title: string, items: HTMLElement[], empty: string): HTMLElement {
  const s = el('section');
  s.append(el('h3', title));
  if (items.length === 0) s.append(el('p', empty, 'muted'));
  else {
    const ul = el('ul');
    for (const item of items) {
      const li = el('li');
      li.append(item);
      ul.append(li);
    }
    s.append(ul);
  }
  return s;
}

function linkButton(text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', text, 'link');
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function showDetails(msg: DetailsMessage): void {
  if (!state || state.selected !== msg.module) return;
  const d: ModuleDetails | null = msg.details;
  const body = ui.detailsBody;
  body.textContent = '';
  ui.details.hidden = false;
  if (!d) {
    body.append(el('p', `No module named “${msg.module}”.`, 'muted'));
    return;
  }
  body.append(el('h2', d.name));
  const facts = [d.type, d.system ? `system ${d.system}` : null, d.tier !== null ? `tier ${d.tier}` : null, d.lifecycle, `scorecard: ${LEVEL_LABEL[d.level]}`]
    .filter((x): x is string => x !== null)
    .join(' · ');
  body.append(el('p', facts, 'muted'));
  // The level explained as the hover and the tree explain it (core/scorecard.ts): text only.
  if (d.scorecard) {
    const sc = d.scorecard;
    const lines: HTMLElement[] = [];
    if (sc.next && sc.needs.length > 0) lines.push(el('span', `${LEVEL_LABEL[sc.next]} needs: ${sc.needs.map((c) => criterionText(c)).join(', ')}`, 'warn'));
    // At Gold every assessed criterion is met: listing them says nothing (as the hover).
    if (d.level !== 'gold' && sc.met.length > 0) lines.push(el('span', `Met: ${sc.met.join(', ')}`));
    if (sc.notAssessed.length > 0) lines.push(el('span', `Not assessed (rule off in .northstar.yaml): ${sc.notAssessed.join(', ')}`, 'muted'));
    body.append(section('Scorecard', lines, `${LEVEL_LABEL[d.level]}: every criterion met.`));
  }
  if (d.description) body.append(el('p', d.description));
  const actions = el('p', undefined, 'actions');
  actions.append(
    linkButton('Open contract', () => post({ type: 'open', module: d.name })),
    linkButton('Focus here', () => {
      ui.search.value = d.name;
      update((s) => {
        s.focus = d.name;
        s.view = null;
      });
    }),
  );
  body.append(actions);
  body.append(section('Owners', d.owners.map((o) => el('span', o.team ? `${o.handle} (${o.team})` : o.handle)), 'No owner.'));
  const steps: HTMLElement[] = [];
  for (const e of d.escalation) {
    if (e.steps.length === 0) steps.push(el('span', `${e.team}: no escalation path`, 'warn'));
    e.steps.forEach((s, i) => steps.push(el('span', `${e.team} ${i + 1}. ${s.kind}: ${s.target}${s.url ? ` (${s.url})` : ''}`)));
  }
  body.append(section('Escalation path', steps, 'None declared.'));
  body.append(section('Priorities', d.priorities.map((p) => el('span', p.title ? `${p.title} (${p.id})` : p.id)), 'Serves no priority.'));
  body.append(
    section(
      'Findings',
      d.findings.map((f) => {
        const b = linkButton(`${f.severity}: ${f.message} [${f.ruleId}]`, () => post({ type: 'openFinding', file: f.file, line: f.line }));
        b.classList.add(`sev-${f.severity}`);
        return b;
      }),
      'No findings.',
    ),
  );
  const focusOn = (name: string) => () => {
    ui.search.value = name;
    update((s) => {
      s.focus = name;
      s.view = null;
    });
  };
  body.append(section('Depends on', d.dependsOn.map((n) => linkButton(n, focusOn(n))), 'Nothing.'));
  body.append(section('Used by', d.dependents.map((n) => linkButton(n, focusOn(n))), 'Nothing.'));
}

// ---------------------------------------------------------------------------
// Messages

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const msg = parseDiagramHostMessage(event.data, (reason) => console.warn(`Northstar diagram: ${reason}`));
  if (!msg) return;
  if (msg.type === 'render') {
    // A live refresh of the same view keeps the user's pan and zoom (which only this page
    // knows: it is saved locally, not sent); a first drawing restores the saved one; a new
    // view (filters, expand, focus) is fitted.
    const sameView =
      current !== null &&
      state !== null &&
      JSON.stringify({ ...current.state, view: null, selected: null }) === JSON.stringify({ ...msg.state, view: null, selected: null });
    const keep = sameView ? (state?.view ?? null) : current === null ? msg.state.view : null;
    current = msg;
    state = { ...msg.state, view: keep };
    save();
    syncControls(msg);
    void draw(msg, keep);
    if (state.selected && ui.details.hidden) post({ type: 'select', module: state.selected });
  } else if (msg.type === 'details') {
    showDetails(msg);
  }
});

new MutationObserver(() => {
  if (document.body.dataset.mermaidTheme === themeKind()) return;
  initMermaid();
  if (current) void draw(current, state?.view ?? null);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

initMermaid();
post({ type: 'ready', state });
