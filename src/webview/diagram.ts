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
  crumbsOf,
  type DetailsMessage,
  type DiagramNav,
  type DiagramListRow,
  type DiagramPageMessage,
  type DiagramViewState,
  MAX_SHRINK,
  MIN_TEXT_PX,
  type ModuleDetails,
  navOf,
  normalizeViewState,
  parseDiagramHostMessage,
  type RenderMessage,
  sameNav,
} from '../protocol/diagram';
import { criterionText, LEVEL_LABEL } from '../core/scorecard';
import { PALETTES, type ThemeKind } from './diagramPalette';
import { type LayoutApi, registerLayouts, sourceWithLayout } from './diagramLayout';

interface MermaidApi extends LayoutApi {
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
  back: $<HTMLButtonElement>('back'),
  crumbList: $('crumbList'),
  notice: $('notice'),
  layout: $('layout'),
  canvas: $('canvas'),
  stage: $('stage'),
  details: $('details'),
  detailsBody: $('detailsBody'),
  listView: $('listView'),
  listSearch: $<HTMLInputElement>('listSearch'),
  moduleRows: $('moduleRows'),
};

/** Earlier views, newest last: the Back button (Alt+←) shows them again. Saved with the state. */
const BACK_STEPS = 30;
let history: DiagramNav[] = [];
let state: DiagramViewState | null = readSavedState();
let current: RenderMessage | null = null;
let renderSeq = 0;
/** Group labels by key, from every drawing seen (the breadcrumb names opened groups by them). */
const groupLabels = new Map<string, string>();

function readSavedState(): DiagramViewState | null {
  const saved = vscode.getState();
  if (typeof saved !== 'object' || saved === null) return null;
  const back = (saved as { back?: unknown }).back;
  if (Array.isArray(back)) history = back.slice(-BACK_STEPS).map((b) => navOf(normalizeViewState(b)));
  return normalizeViewState(saved);
}

function post(message: DiagramPageMessage): void {
  vscode.postMessage(message);
}

function save(): void {
  if (state) vscode.setState({ ...state, back: history });
}

/**
 * A change to the view: saved at once (a reload shows it) and sent to the host to redraw. A
 * change of what the view shows (not of zoom or selection) is remembered for Back.
 */
function update(change: (s: DiagramViewState) => void): void {
  if (!state) return;
  const before = navOf(state);
  change(state);
  if (!sameNav(before, navOf(state))) {
    history.push(before);
    if (history.length > BACK_STEPS) history.shift();
  }
  // The user changed the view: the readability steps start again from the drawing.
  state.shrink = 0;
  save();
  post({ type: 'update', state });
}

/** Back: the view before the last change, fitted again. */
function goBack(): void {
  const nav = history.pop();
  if (!state || !nav) return;
  state = { ...state, ...nav, view: null, shrink: 0 };
  if (document.activeElement !== ui.search) ui.search.value = state.focus ?? '';
  save();
  post({ type: 'update', state });
}
ui.back.addEventListener('click', goBack);
document.addEventListener('keydown', (e) => {
  if (e.altKey && e.key === 'ArrowLeft') {
    e.preventDefault();
    goBack();
  }
});

/** The breadcrumb of the view drawn: Overview › opened groups › focus, each a way back. */
function showCrumbs(msg: RenderMessage): void {
  for (const g of msg.diagram?.groups ?? []) groupLabels.set(g.key, g.label);
  ui.back.disabled = history.length === 0;
  ui.crumbList.textContent = '';
  for (const crumb of crumbsOf(msg.state, (key) => groupLabels.get(key) ?? key)) {
    const li = document.createElement('li');
    if (crumb.current) {
      const here = document.createElement('span');
      here.textContent = crumb.label;
      here.setAttribute('aria-current', 'page');
      li.append(here);
    } else {
      const go = document.createElement('button');
      go.type = 'button';
      go.textContent = crumb.label;
      go.addEventListener('click', () => {
        if (crumb.focus === null) ui.search.value = '';
        update((s) => {
          s.expand = [...crumb.expand];
          s.focus = crumb.focus;
          s.view = null;
        });
      });
      li.append(go);
    }
    ui.crumbList.append(li);
  }
}

// ---------------------------------------------------------------------------
// Theme

function themeKind(): ThemeKind {
  const c = document.body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc-dark';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

/**
 * Mermaid's settings for a theme: the `base` theme with our palette (diagramPalette.ts), whose
 * text contrast the browser tests check in every VS Code theme kind.
 */
function mermaidConfig(kind: ThemeKind): Record<string, unknown> {
  const css = getComputedStyle(document.body);
  const font = css.getPropertyValue('--vscode-font-family').trim();
  const p = PALETTES[kind];
  return {
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'base',
    themeVariables: {
      darkMode: kind === 'dark' || kind === 'hc-dark',
      background: p.background,
      primaryColor: p.nodeFill,
      primaryTextColor: p.nodeText,
      primaryBorderColor: p.nodeBorder,
      mainBkg: p.nodeFill,
      nodeBorder: p.nodeBorder,
      nodeTextColor: p.nodeText,
      textColor: p.text,
      lineColor: p.line,
      clusterBkg: p.clusterFill,
      clusterBorder: p.clusterBorder,
      titleColor: p.clusterText,
      edgeLabelBackground: p.edgeLabelFill,
      ...(font ? { fontFamily: font } : {}),
    },
    maxEdges: 500,
    maxTextSize: 50_000,
    ...(font ? { fontFamily: font } : {}),
    // Tighter than Mermaid's defaults (50/50/15, labels wrapped at 200 px): a drawing that fits
    // at a larger scale keeps its text readable (issue 14: ≥ 11 px at fit).
    flowchart: { useMaxWidth: false, htmlLabels: true, nodeSpacing: 20, rankSpacing: 36, padding: 6, wrappingWidth: 420, diagramPadding: 4 },
    // Mermaid colours edge labels with the node text colour; ours sit on the page's colour.
    themeCSS: `.edgeLabel, .edgeLabel p, .edgeLabel span { color: ${p.text} !important; }`,
  };
}

function initMermaid(): void {
  const kind = themeKind();
  mermaid.initialize(mermaidConfig(kind));
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
// A filter is a new overview of what it keeps: groups opened before it are closed (the
// breadcrumb and Back lead to them again).
for (const key of ['team', 'system', 'priority'] as const) {
  ui[key].addEventListener('change', () =>
    update((s) => {
      s.filter[key] = ui[key].value || null;
      s.expand = [];
    }),
  );
}
ui.onlyProblems.addEventListener('change', () =>
  update((s) => {
    s.filter.onlyProblems = ui.onlyProblems.checked;
    s.expand = [];
  }),
);
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

/**
 * The SVG export: drawn again in the light palette with its own white background, so that it
 * reads in a light document (a README, a wiki) whatever theme the editor has.
 */
async function exportableSvg(): Promise<string | null> {
  if (!current?.diagram) return null;
  const id = `northstar-export-${++exportSeq}`;
  try {
    mermaid.initialize(mermaidConfig('light'));
    const { svg } = await mermaid.render(id, sourceWithLayout(current.diagram.mermaid, current.diagram.layout));
    // As in draw(): Mermaid's output parsed inertly (its HTML labels are not XML until serialised).
    const parsed = new DOMParser().parseFromString(svg, 'text/html').querySelector('svg');
    if (!parsed) return null;
    const box = parsed.getAttribute('viewBox')?.split(/\s+/).map(Number);
    const bg = parsed.ownerDocument.createElementNS('http://www.w3.org/2000/svg', 'rect');
    if (box && box.length === 4 && box.every((n) => Number.isFinite(n))) {
      bg.setAttribute('x', String(box[0]));
      bg.setAttribute('y', String(box[1]));
      bg.setAttribute('width', String(box[2]));
      bg.setAttribute('height', String(box[3]));
    } else {
      bg.setAttribute('width', '100%');
      bg.setAttribute('height', '100%');
    }
    bg.setAttribute('fill', PALETTES.light.background);
    parsed.insertBefore(bg, parsed.querySelector('style')?.nextSibling ?? parsed.firstChild);
    parsed.style.backgroundColor = PALETTES.light.background;
    return new XMLSerializer().serializeToString(parsed);
  } finally {
    document.getElementById(`d${id}`)?.remove();
    document.getElementById(id)?.remove();
    initMermaid();
  }
}
let exportSeq = 0;

$('exportSvg').addEventListener('click', () => {
  void exportableSvg().then(
    (svg) => {
      if (svg !== null) post({ type: 'export', format: 'svg', svg });
    },
    (error: unknown) => {
      ui.notice.hidden = false;
      ui.notice.textContent = `The SVG could not be exported: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
});
$('copyMermaid').addEventListener('click', () => post({ type: 'copy' }));
$('exportMermaid').addEventListener('click', () => post({ type: 'export', format: 'mermaid' }));
$('exportMarkdown').addEventListener('click', () => post({ type: 'export', format: 'markdown' }));
$('closeDetails').addEventListener('click', () => {
  ui.details.hidden = true;
  for (const n of ui.stage.querySelectorAll('g.node.selected')) n.classList.remove('selected');
  if (state) {
    state.selected = null;
    save();
  }
});

// ---------------------------------------------------------------------------
// Pan and zoom: the stage is translated and scaled inside the canvas.

let view = { x: 0, y: 0, scale: 1 };
/** Is the view the fit of the drawing (true), or one the user chose or a reload restored? */
let viewIsFit = false;

function applyView(persist: boolean, isFit = false): void {
  viewIsFit = isFit;
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
  // Never enlarged past 100%: a 2-node graph keeps its text size instead of 40 px letters.
  const scale = Math.min(1, Math.max(0.05, Math.min((w - 24) / size.width, (h - 24) / size.height)));
  view = { scale, x: (w - size.width * scale) / 2, y: Math.max(12, (h - size.height * scale) / 2) };
  applyView(true, true);
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
    // A click selects and shows the details beside the drawing; opening the contract is a
    // choice (double-click, or the panel's button), not a side effect.
    select(node.modules[0]);
  } else if (node.group !== null) {
    const key = node.group;
    update((s) => {
      if (!s.expand.includes(key)) s.expand.push(key);
    });
  } else {
    update((s) => (s.maxGroups += MORE_GROUPS));
  }
}

function select(name: string): void {
  if (!state) return;
  state.selected = name;
  save();
  post({ type: 'select', module: name });
  for (const el of ui.stage.querySelectorAll('g.node.selected')) el.classList.remove('selected');
  const node = current?.diagram?.nodes.find((n) => !n.collapsed && n.modules[0] === name);
  if (node) ui.stage.querySelector(`g.node[data-node="${node.id}"]`)?.classList.add('selected');
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
    const what = node.collapsed ? (node.group === null ? 'show more groups' : 'open this group') : 'show its details (double-click: open its contract)';
    el.setAttribute('aria-label', `${node.label}: ${what}`);
    const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    title.textContent = `${node.label}${node.detail ? `\n${node.detail}` : ''}\n(click to ${what})`;
    el.prepend(title);
    if (node.findings.errors + node.findings.warnings > 0) el.classList.add('has-findings');
    el.addEventListener('click', () => activate(id));
    if (!node.collapsed) {
      const name = node.modules[0];
      el.addEventListener('dblclick', () => {
        if (!suppressClick) post({ type: 'open', module: name });
      });
      if (state?.selected === name) el.classList.add('selected');
    }
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
  if (msg.readability) parts.push(msg.readability);
  ui.status.textContent = parts.join(' · ');
  showCrumbs(msg);
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
  ui.listView.hidden = msg.list === null;
  ui.canvas.hidden = msg.list !== null;
  if (msg.list) {
    ui.stage.textContent = '';
    showList(msg.list);
    document.body.dataset.render = 'list';
    document.body.dataset.settled = 'true';
    document.body.dataset.renderSeq = String(seq);
    return;
  }
  if (!msg.diagram) {
    ui.stage.textContent = '';
    document.body.dataset.render = 'empty';
    document.body.dataset.renderSeq = String(seq);
    return;
  }
  const svgId = `northstar-diagram-${seq}`;
  try {
    document.body.dataset.layout = msg.diagram.layout;
    const { svg } = await mermaid.render(svgId, sourceWithLayout(msg.diagram.mermaid, msg.diagram.layout));
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
    const textPx = smallestTextPx();
    document.body.dataset.minTextPx = textPx === null ? '' : textPx.toFixed(2);
    // Unreadable at its fit: the host collapses further, or shows the view as a list.
    // `settled` says no smaller view is coming (tests wait for it).
    const shrink = !keepView && textPx !== null && textPx < MIN_TEXT_PX && msg.state.shrink < MAX_SHRINK;
    document.body.dataset.settled = String(!shrink);
    if (shrink) {
      if (msg.state.shrink === 0) ladderRoom = room();
      post({ type: 'tooSmall', textPx, shrink: msg.state.shrink });
    }
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

/**
 * The smallest text drawn, in screen pixels: each label's computed font size times the scale the
 * SVG is shown at (its on-screen width over its viewBox width, which includes our zoom). Null
 * when nothing is drawn.
 */
function smallestTextPx(): number | null {
  const svg = ui.stage.querySelector('svg');
  if (!svg) return null;
  const box = svg.viewBox.baseVal;
  const shown = svg.getBoundingClientRect().width;
  const factor = box && box.width > 0 && shown > 0 ? shown / box.width : view.scale;
  let smallest: number | null = null;
  for (const el of svg.querySelectorAll('span, p, div, text, tspan')) {
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!own) continue;
    const px = parseFloat(getComputedStyle(el).fontSize) * factor;
    if (Number.isFinite(px) && (smallest === null || px < smallest)) smallest = px;
  }
  return smallest;
}

/** Refits when the editor (or the side panel beside the drawing) changes the canvas' size. */
let resizeFrame = 0;
// A change of the canvas's size refits a fitted view. A view the user zoomed or panned, or one
// restored after a reload, is kept: the observer also reports the sizes of the page's first
// layout, which must not undo it.
let canvasSize = '';
new ResizeObserver(() => {
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    const size = `${ui.canvas.clientWidth}x${ui.canvas.clientHeight}`;
    if (size === canvasSize) return;
    canvasSize = size;
    if (viewIsFit && ui.stage.querySelector('svg') && !drag) fit();
  });
}).observe(ui.canvas);

/**
 * The room the drawing has: the page's layout less the details panel beside it. The canvas
 * itself cannot say, since it is hidden while the view is a list.
 */
function room(): { width: number; height: number } {
  return { width: ui.layout.clientWidth - (ui.details.hidden ? 0 : ui.details.offsetWidth), height: ui.layout.clientHeight };
}
/** The room when the readability ladder started on this view (a `tooSmall` at step 0). */
let ladderRoom: { width: number; height: number } | null = null;
// A view collapsed further or listed for want of room is tried again from its drawing when the
// room grows by a tenth (the details closed, the editor widened): the ladder climbs back as far
// as the new room allows. Shrinking room refits only (above): readability is judged at a fit.
let roomFrame = 0;
const roomObserver = new ResizeObserver(() => {
  cancelAnimationFrame(roomFrame);
  roomFrame = requestAnimationFrame(() => {
    if (!state || state.shrink === 0 || ladderRoom === null || drag) return;
    const now = room();
    if (now.width < ladderRoom.width * 1.1 && now.height < ladderRoom.height * 1.1) return;
    ladderRoom = null;
    state.shrink = 0;
    save();
    post({ type: 'update', state });
  });
});
roomObserver.observe(ui.layout);
roomObserver.observe(ui.details);

// ---------------------------------------------------------------------------
// The list a view is shown as when no drawing of it is readable

let listRows: DiagramListRow[] = [];

function findingsText(f: DiagramListRow['findings']): string {
  const parts = [f.errors > 0 ? `${f.errors} error${f.errors === 1 ? '' : 's'}` : '', f.warnings > 0 ? `${f.warnings} warning${f.warnings === 1 ? '' : 's'}` : '', f.infos > 0 ? `${f.infos} info` : ''];
  return parts.filter((p) => p !== '').join(', ') || '—';
}

function showList(rows: DiagramListRow[]): void {
  listRows = rows;
  fillList();
}

function fillList(): void {
  const q = ui.listSearch.value.trim().toLowerCase();
  ui.moduleRows.textContent = '';
  for (const row of listRows) {
    const level = LEVEL_LABEL[row.level];
    if (q !== '' && ![row.module, row.team ?? '', level].some((t) => t.toLowerCase().includes(q))) continue;
    const tr = el('tr');
    tr.tabIndex = 0;
    tr.dataset.module = row.module;
    if (state?.selected === row.module) tr.classList.add('selected');
    const levelCell = el('td');
    levelCell.append(el('span', '', `swatch lvl${row.level[0].toUpperCase()}${row.level.slice(1)}`), document.createTextNode(` ${level}`));
    tr.append(el('td', row.module), el('td', row.team ?? 'no owner', row.team === null ? 'muted' : undefined), levelCell, el('td', findingsText(row.findings)));
    const choose = (): void => {
      for (const other of ui.moduleRows.querySelectorAll('tr.selected')) other.classList.remove('selected');
      tr.classList.add('selected');
      select(row.module);
    };
    tr.addEventListener('click', choose);
    tr.addEventListener('dblclick', () => post({ type: 'open', module: row.module }));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        choose();
      }
    });
    ui.moduleRows.append(tr);
  }
}
ui.listSearch.addEventListener('input', fillList);

// ---------------------------------------------------------------------------
// Side panel

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function section(title: string, items: HTMLElement[], empty: string, list: 'ul' | 'ol' = 'ul'): HTMLElement {
  const s = el('section');
  s.append(el('h3', title));
  if (items.length === 0) s.append(el('p', empty, 'muted'));
  else {
    const ul = el(list);
    for (const item of items) {
      const li = el('li');
      li.append(item);
      ul.append(li);
    }
    s.append(ul);
  }
  return s;
}

function button(text: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
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
  const facts = [d.type, d.system ? `system ${d.system}` : null, d.tier !== null ? `tier ${d.tier}` : null, d.lifecycle]
    .filter((x): x is string => x !== null)
    .join(' · ');
  if (facts) body.append(el('p', facts, 'muted'));
  if (d.description) body.append(el('p', d.description));
  const actions = el('p', undefined, 'actions');
  actions.append(button('Open contract', () => post({ type: 'open', module: d.name })));
  if (d.codeowners) {
    const line = d.codeowners;
    const b = button('Open CODEOWNERS line', () => post({ type: 'openCodeowners', module: d.name }));
    b.title = `${line.file}:${line.line}`;
    actions.append(b);
  }
  actions.append(
    button('Focus here', () => {
      ui.search.value = d.name;
      update((s) => {
        s.focus = d.name;
        s.view = null;
      });
    }),
  );
  body.append(actions);

  // Owner: the team by its name; the handles as written come second.
  const owner = el('section');
  owner.append(el('h3', 'Owner'));
  if (d.team === null && d.owners.length === 0) owner.append(el('p', 'No owner.', 'warn'));
  else {
    owner.append(el('p', d.team ?? d.owners[0]?.handle ?? '', 'team'));
    const handles = d.owners.map((o) => o.handle).filter((h) => h !== d.team);
    if (handles.length > 0) owner.append(el('p', `declared as ${handles.join(', ')}`, 'muted'));
    if (d.codeowners) owner.append(el('p', `CODEOWNERS ${d.codeowners.file}:${d.codeowners.line}`, 'muted'));
  }
  body.append(owner);
  const steps: HTMLElement[] = [];
  for (const e of d.escalation) {
    if (e.steps.length === 0) steps.push(el('span', `${e.team}: no escalation path`, 'warn'));
    for (const s of e.steps) steps.push(el('span', `${s.kind}: ${s.target}${s.url ? ` (${s.url})` : ''}`));
  }
  body.append(section('Escalation', steps, 'None declared.', 'ol'));

  const level = el('section');
  level.append(el('h3', 'Scorecard'));
  const levelLine = el('p');
  levelLine.append(el('span', '', `swatch lvl${d.level[0].toUpperCase()}${d.level.slice(1)}`), document.createTextNode(` ${LEVEL_LABEL[d.level]}`));
  level.append(levelLine);
  // The level explained as the hover and the tree explain it (core/scorecard.ts): text only.
  const sc = d.scorecard;
  if (sc && sc.next && sc.needs.length > 0) {
    level.append(el('p', `${LEVEL_LABEL[sc.next]} needs:`, 'muted'));
    const ul = el('ul', undefined, 'missing');
    for (const c of sc.needs) ul.append(el('li', criterionText(c)));
    level.append(ul);
  } else if (sc && sc.next === null) level.append(el('p', `${LEVEL_LABEL[d.level]}: every criterion met.`, 'muted'));
  // At Gold every assessed criterion is met: listing them says nothing (as the hover).
  if (sc && d.level !== 'gold' && sc.met.length > 0) level.append(el('p', `Met: ${sc.met.join(', ')}`, 'muted'));
  if (sc && sc.notAssessed.length > 0) level.append(el('p', `Not assessed (rule off in .northstar.yaml): ${sc.notAssessed.join(', ')}`, 'muted'));
  body.append(level);

  body.append(section('Priorities', d.priorities.map((p) => el('span', p.title ? `${p.title} (${p.id})` : p.id)), 'Serves no priority.'));
  const findings = el('section');
  findings.append(el('h3', `Findings (${d.findings.length})`));
  if (d.findings.length === 0) findings.append(el('p', 'No findings.', 'muted'));
  else {
    const ul = el('ul', undefined, 'findings');
    for (const f of d.findings) {
      const li = el('li', undefined, `finding sev-${f.severity}`);
      const head = el('div', undefined, 'finding-head');
      head.append(el('span', f.severity, 'severity'), el('code', f.ruleId, 'rule'));
      const where = linkButton(`${f.file}:${f.line}`, () => post({ type: 'openFinding', file: f.file, line: f.line }));
      where.classList.add('where');
      li.append(head, el('div', f.message, 'message'), where);
      ul.append(li);
    }
    findings.append(ul);
  }
  body.append(findings);
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
  // A new palette is drawn again: fitted again, unless the user zoomed or a reload restored the
  // view (the drawing's geometry is the same).
  if (current) void draw(current, viewIsFit ? null : (state?.view ?? null));
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

registerLayouts(mermaid);
initMermaid();
post({ type: 'ready', state });
