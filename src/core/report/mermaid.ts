/**
 * The architecture diagram as a Mermaid flowchart: one node per module, grouped in
 * subgraphs (by system, team or folder), runtime and declared dependencies solid, consumed APIs
 * dashed and labelled, nodes classed by scorecard level. Dev, peer and optional dependencies are
 * left out unless asked for (`allDependencies`); then they are dotted and labelled with their kind. Large views collapse groups into single nodes
 * with counted edges; `focus` keeps one module and its neighbours.
 *
 * Safety (DESIGN.md section 6): node ids are generated (`m1`, `g1`, `s1`), never taken from
 * names, and every label is written as a quoted string in which anything but plain letters,
 * digits and a few punctuation marks is a Mermaid entity code (`#60;`), so a module named
 * `<img src=x onerror=alert(1)>`, `A]-->B[`, `end` or `%%{init: …}%%` stays text.
 */
import { LEVEL_LABEL } from '../scorecard';
import { isArchitecturalDependency } from '../model/predicates';
import { resolveGrouping } from './grouping';
import type { Finding, Model, Module, ScorecardLevel } from '../model/types';
import type {
  Diagram,
  DiagramCollapse,
  DiagramEdge,
  DiagramFindingCounts,
  DiagramGroup,
  DiagramGroupBy,
  DiagramNode,
} from './types';

export interface DiagramFilter {
  /** Only modules of this team (an id, alias or owner handle). */
  team?: string;
  system?: string;
  priority?: string;
  /** Only modules with errors or warnings. */
  onlyProblems?: boolean;
}

export interface DiagramOptions {
  groupBy?: DiagramGroupBy;
  collapse?: DiagramCollapse;
  /**
   * Show this module, its dependencies and its dependents, and only the edges on paths through it:
   * at depth 1 the edges that touch it; at depth 2 also the dependencies of its dependencies and
   * the dependents of its dependents, with the edges that lead to them.
   */
  focus?: string | null;
  /** How far from the focused module neighbours are shown: 1 (default) or 2. */
  focusDepth?: 1 | 2;
  /**
   * Draw these modules (by name) in their groups, the modules they connect to collapsed into
   * their own groups, and only the edges that touch them: one group's page of `diagram --format md`.
   */
  only?: readonly string[];
  /** Keys of groups drawn expanded even when the view is collapsed ("expand on demand"). */
  expand?: readonly string[];
  filter?: DiagramFilter;
  /** `collapse: auto` collapses when more modules than this are visible. Default 60. */
  maxModules?: number;
  /** At most this many collapsed group nodes; the smallest are folded into "N more". Default 24. */
  maxGroups?: number;
  /**
   * When any group is collapsed, at most this many edges are drawn: those of the focused module
   * first, then the heaviest (largest count). The rest are counted in `hiddenEdges`. Default 60.
   */
  maxEdges?: number;
  direction?: 'LR' | 'TB';
  /**
   * Also draw dev, peer and optional dependencies (dotted, labelled `dev`, `peer`, `optional`).
   * Default: only runtime and declared dependencies and consumed APIs (DESIGN section 4).
   */
  allDependencies?: boolean;
}

export const DEFAULT_MAX_MODULES = 60;
export const DEFAULT_MAX_GROUPS = 24;
export const DEFAULT_MAX_EDGES = 60;

const LEVEL_ORDER: ScorecardLevel[] = ['none', 'bronze', 'silver', 'gold'];

export const LEVEL_CLASS: Record<ScorecardLevel, string> = {
  none: 'lvlNone',
  bronze: 'lvlBronze',
  silver: 'lvlSilver',
  gold: 'lvlGold',
};


/** The second line of a module node: its team's name (model/teams.ts) and scorecard level. */
function detailText(m: Module, teamName: string | null): string {
  return `${teamName ?? 'no owner'} · ${LEVEL_LABEL[m.level]}`;
}

/** What an empty model shows, in the diagram and the summary: there are no modules, and why. */
export const NO_MODULES =
  'No modules: this folder has no service-contract.yaml, no catalog-info.yaml Component and no package manifest (package.json, go.mod, pom.xml, …) outside test data, templates and vendored code.';

// Light fills with dark text (at least 4.5:1 on each fill, deprecated grey included) and borders
// dark enough (3:1) to stand out from a light cluster background or a light page: the webview's
// theme test checks both in every VS Code theme kind.
const CLASS_DEFS = [
  'classDef lvlNone fill:#eeeeee,stroke:#6e6e6e,color:#1f1f1f',
  'classDef lvlBronze fill:#f3d3b0,stroke:#a0522d,color:#1f1f1f',
  'classDef lvlSilver fill:#e3e7eb,stroke:#66717d,color:#1f1f1f',
  'classDef lvlGold fill:#fbe7a1,stroke:#8a6500,color:#1f1f1f',
  'classDef deprecated stroke-dasharray:5 5,color:#4a4a4a',
  'classDef collapsed stroke-width:2px',
  'classDef focus stroke-width:4px',
];

/**
 * A label as the body of a Mermaid quoted string. Letters, digits, spaces and `_ . , - / @ : + = · ⚠`
 * stay; every other character becomes an entity code (`#60;`), which Mermaid turns into an
 * HTML character reference: it renders as the character, never as markup or syntax.
 */
export function escapeMermaidLabel(text: string): string {
  // An empty label is a syntax error: draw a zero-width space.
  if (text === '') return '#8203;';
  const chars = [...text];
  // Mermaid trims a label, so spaces at either end are written as entity codes.
  let lead = 0;
  while (lead < chars.length && chars[lead] === ' ') lead++;
  let trail = chars.length;
  while (trail > lead && chars[trail - 1] === ' ') trail--;
  let out = '';
  chars.forEach((ch, i) => {
    if (i >= lead && i < trail && /^[\p{L}\p{N} _.,\-/@:+=·⚠]$/u.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  });
  // Before parsing, Mermaid drops the last `;` of any line matching /style.*:\S*#.*;/ or
  // /classDef.*:\S*#.*;/, which would break our entity codes: keep those words out of labels.
  return out.replace(/style/g, '#115;tyle').replace(/classDef/g, '#99;lassDef');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `component:default/ledger` → `ledger`; plain names unchanged. */
function refName(ref: string): string {
  const noKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return noKind.includes('/') ? noKind.slice(noKind.lastIndexOf('/') + 1) : noKind;
}

interface ModuleEdge {
  from: Module;
  to: Module;
  kind: DiagramEdge['kind'];
  api: string | null;
}

function moduleEdges(modules: readonly Module[], allDependencies: boolean): ModuleEdge[] {
  const byName = new Map<string, Module>();
  for (const m of modules) if (!byName.has(m.name)) byName.set(m.name, m);
  const providers = new Map<string, Module>();
  for (const m of modules) for (const api of m.apis) if (!providers.has(api.name)) providers.set(api.name, m);
  const edges: ModuleEdge[] = [];
  for (const m of modules) {
    for (const dep of m.dependsOn) {
      const architectural = isArchitecturalDependency(dep);
      if (!architectural && !allDependencies) continue;
      const to = byName.get(dep.name) ?? byName.get(refName(dep.name));
      if (to && to !== m) edges.push({ from: m, to, kind: architectural ? 'dependsOn' : (dep.kind as 'dev' | 'peer' | 'optional'), api: null });
    }
    for (const use of m.consumes) {
      const api = providers.has(use.name) ? use.name : refName(use.name);
      const to = providers.get(api);
      if (to && to !== m) edges.push({ from: m, to, kind: 'consumes', api });
    }
  }
  return edges;
}

function findingCounts(findings: readonly Finding[]): Map<string, DiagramFindingCounts> {
  const counts = new Map<string, DiagramFindingCounts>();
  for (const f of findings) {
    if (f.module === null) continue;
    let c = counts.get(f.module);
    if (!c) counts.set(f.module, (c = { errors: 0, warnings: 0, infos: 0 }));
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return counts;
}

const NO_FINDINGS: DiagramFindingCounts = { errors: 0, warnings: 0, infos: 0 };

function addCounts(a: DiagramFindingCounts, b: DiagramFindingCounts): DiagramFindingCounts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, infos: a.infos + b.infos };
}

function markText(c: DiagramFindingCounts): string {
  const n = c.errors + c.warnings;
  return n > 0 ? ` ⚠ ${n}` : '';
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** The label of an edge that stands for `count` module edges of one kind (an edge with a collapsed end). */
function bundledLabel(kind: DiagramEdge['kind'], count: number, apis: readonly string[]): string {
  switch (kind) {
    case 'dependsOn':
      return plural(count, 'dependency', 'dependencies');
    case 'consumes':
      return count === 1 && apis.length === 1 ? apis[0] : plural(count, 'API use');
    default:
      return plural(count, `${kind} dependency`, `${kind} dependencies`);
  }
}

/**
 * A line of a Mermaid comment: letters, digits and plain punctuation stay; anything else
 * (a line break, `%`, braces that could open a directive) becomes an entity code, as in labels.
 */
function commentText(text: string): string {
  let out = '';
  for (const ch of text) out += /^[\p{L}\p{N} _.,;:()'\-/@+=·…]$/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

interface GroupInfo {
  key: string;
  label: string;
  modules: Module[];
  collapsed: boolean;
  id: string;
}

export function buildDiagram(model: Model, options: DiagramOptions = {}): Diagram {
  const collapseMode = options.collapse ?? 'auto';
  const maxModules = options.maxModules ?? DEFAULT_MAX_MODULES;
  const maxGroups = Math.max(2, options.maxGroups ?? DEFAULT_MAX_GROUPS);
  const teamById = new Map(model.teams.map((t) => [t.id, t] as const));
  const counts = findingCounts(model.findings);
  const all = [...model.modules].sort((a, b) => compareText(a.name, b.name) || compareText(a.path, b.path));
  const allEdges = moduleEdges(all, options.allDependencies === true);

  const teamKey = (m: Module): string => m.team ?? '';
  const teamLabel = (key: string): string => teamById.get(key)?.name ?? key;
  // Decided on every module of the model, so that a filter or a focus does not change the grouping.
  const grouping = resolveGrouping(all, options.groupBy ?? 'auto', teamKey);
  const groupBy = grouping.by;

  // 1. Which modules are visible, and which edges may be drawn.
  let visible = all;
  let edgeAllowed: (e: ModuleEdge) => boolean = () => true;
  const focusName = options.focus ?? null;
  const focusModule = focusName !== null ? all.find((m) => m.name === focusName) : undefined;
  if (focusName !== null) {
    const keep = new Set<Module>();
    if (focusModule) {
      // Dependencies (out) and dependents (in), each side followed on its own: depth 2 reaches
      // the dependencies of dependencies and the dependents of dependents, not a dependent of a dependency.
      const out = new Map<Module, Module[]>();
      const into = new Map<Module, Module[]>();
      const link = (map: Map<Module, Module[]>, a: Module, b: Module): void => {
        const list = map.get(a);
        if (list) list.push(b);
        else map.set(a, [b]);
      };
      for (const e of allEdges) {
        link(out, e.from, e.to);
        link(into, e.to, e.from);
      }
      const side = (next: Map<Module, Module[]>): [Set<Module>, Set<Module>] => {
        const first = new Set((next.get(focusModule) ?? []).filter((m) => m !== focusModule));
        const second = new Set<Module>();
        if ((options.focusDepth ?? 1) >= 2) {
          for (const m of first) for (const n of next.get(m) ?? []) if (n !== focusModule && !first.has(n)) second.add(n);
        }
        return [first, second];
      };
      const [deps1, deps2] = side(out);
      const [users1, users2] = side(into);
      keep.add(focusModule);
      for (const set of [deps1, deps2, users1, users2]) for (const m of set) keep.add(m);
      edgeAllowed = (e) =>
        e.from === focusModule || e.to === focusModule || (deps1.has(e.from) && deps2.has(e.to)) || (users2.has(e.from) && users1.has(e.to));
    }
    visible = visible.filter((m) => keep.has(m));
  }
  const onlySet = options.only ? new Set(all.filter((m) => options.only?.includes(m.name))) : null;
  if (onlySet) {
    const keep = new Set(onlySet);
    for (const e of allEdges) {
      if (onlySet.has(e.from)) keep.add(e.to);
      if (onlySet.has(e.to)) keep.add(e.from);
    }
    visible = visible.filter((m) => keep.has(m));
    const focusAllowed = edgeAllowed;
    edgeAllowed = (e) => (onlySet.has(e.from) || onlySet.has(e.to)) && focusAllowed(e);
  }
  const filter = options.filter ?? {};
  visible = visible.filter((m) => {
    if (m === focusModule || onlySet?.has(m)) return true;
    if (filter.team !== undefined) {
      // A team id, or any of the team's names.
      const asked = filter.team.toLowerCase();
      const wanted = model.teams.find((t) => t.id === filter.team || t.aliases.some((a) => a.toLowerCase() === asked))?.id ?? filter.team;
      if (teamKey(m) !== wanted) return false;
    }
    if (filter.system !== undefined && m.system !== filter.system) return false;
    if (filter.priority !== undefined && !m.priorities.includes(filter.priority)) return false;
    if (filter.onlyProblems) {
      const c = counts.get(m.name) ?? NO_FINDINGS;
      if (c.errors + c.warnings === 0) return false;
    }
    return true;
  });
  const visibleSet = new Set(visible);

  // 2. Groups, as resolved: a module with no system (or team) is in "(no system)" (or "(no team)").
  const shouldCollapse =
    groupBy !== 'none' && (onlySet !== null || collapseMode === 'all' || (collapseMode === 'auto' && visible.length > maxModules));
  const groupLabel = (key: string): string => {
    if (groupBy === 'team') return key === '' ? '(no team)' : teamLabel(key);
    if (groupBy === 'folder') return key === '' ? '(root)' : key;
    return key === '' ? '(no system)' : key;
  };
  const groupSize = new Map<string, number>();
  for (const m of all) {
    const key = grouping.keyOf(m);
    if (key !== null) groupSize.set(key, (groupSize.get(key) ?? 0) + 1);
  }
  const groups = new Map<string, GroupInfo>();
  for (const m of visible) {
    const key = grouping.keyOf(m);
    if (key === null) continue;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, label: groupLabel(key), modules: [], collapsed: false, id: '' }));
    g.modules.push(m);
  }
  const groupList = [...groups.values()].sort((a, b) => {
    if (a.key === '' || b.key === '') return a.key === '' ? (b.key === '' ? 0 : 1) : -1;
    return compareText(a.label.toLowerCase(), b.label.toLowerCase()) || compareText(a.key, b.key);
  });

  // 3. Collapse.
  const expand = new Set(options.expand ?? []);
  if (shouldCollapse) {
    for (const g of groupList) {
      g.collapsed = !expand.has(g.key) && !(focusModule && g.modules.includes(focusModule)) && !(onlySet && g.modules.some((m) => onlySet.has(m)));
    }
  }

  // Too many collapsed groups: keep the largest, fold the rest into one "N more" node.
  const collapsedGroups = groupList.filter((g) => g.collapsed);
  let folded: GroupInfo[] = [];
  if (collapsedGroups.length > maxGroups) {
    const bySize = [...collapsedGroups].sort((a, b) => b.modules.length - a.modules.length || compareText(a.label, b.label));
    folded = bySize.slice(maxGroups - 1);
  }
  const foldedSet = new Set(folded);

  // 4. Nodes, in drawing order, with generated ids.
  let moduleCounter = 0;
  let groupCounter = 0;
  let subgraphCounter = 0;
  const nodes: DiagramNode[] = [];
  const nodeOfModule = new Map<Module, DiagramNode>();
  const lines: string[] = [`flowchart ${options.direction ?? 'LR'}`, `  %% grouped by ${grouping.by}: ${commentText(grouping.reason)}`];

  const moduleNode = (m: Module, group: string | null): DiagramNode => {
    const c = counts.get(m.name) ?? NO_FINDINGS;
    const deprecated = m.lifecycle === 'deprecated';
    const node: DiagramNode = {
      id: `m${++moduleCounter}`,
      label: `${m.name}${deprecated ? ' (deprecated)' : ''}${markText(c)}`,
      detail: detailText(m, m.team === null ? null : (teamById.get(m.team)?.name ?? m.team)),
      modules: [m.name],
      group,
      level: m.level,
      collapsed: false,
      deprecated,
      findings: { ...c },
      file: m.definedAt.file,
      focus: m === focusModule,
    };
    nodes.push(node);
    nodeOfModule.set(m, node);
    return node;
  };
  const lowestLevel = (mods: readonly Module[]): ScorecardLevel =>
    mods.reduce<ScorecardLevel>((low, m) => (LEVEL_ORDER.indexOf(m.level) < LEVEL_ORDER.indexOf(low) ? m.level : low), 'gold');
  const collapsedNode = (key: string | null, label: string, mods: Module[], groupsInside: number): DiagramNode => {
    const c = mods.reduce((sum, m) => addCounts(sum, counts.get(m.name) ?? NO_FINDINGS), NO_FINDINGS);
    // A group only partly shown (a focus, a filter, one group's page) says of how many.
    const total = key === null ? mods.length : (groupSize.get(key) ?? mods.length);
    const what =
      groupsInside > 1
        ? `${plural(groupsInside, 'group')}, ${plural(mods.length, 'module')}`
        : total > mods.length
          ? `${mods.length} of ${plural(total, 'module')}`
          : plural(mods.length, 'module');
    const node: DiagramNode = {
      id: `g${++groupCounter}`,
      label: `${label} (${what})${markText(c)}`,
      detail: null,
      modules: mods.map((m) => m.name),
      group: key,
      level: lowestLevel(mods),
      collapsed: true,
      deprecated: mods.length > 0 && mods.every((m) => m.lifecycle === 'deprecated'),
      findings: c,
      file: null,
      focus: false,
    };
    nodes.push(node);
    for (const m of mods) nodeOfModule.set(m, node);
    return node;
  };
  // The only markup in a label is the `<br>` we put between its two lines; both lines are escaped.
  const nodeText = (node: DiagramNode): string =>
    escapeMermaidLabel(node.label) + (node.detail === null ? '' : `<br>${escapeMermaidLabel(node.detail)}`);
  const nodeLine = (node: DiagramNode, indent: string): string =>
    node.collapsed ? `${indent}${node.id}[["${nodeText(node)}"]]` : `${indent}${node.id}["${nodeText(node)}"]`;

  const groupsOut: DiagramGroup[] = [];
  if (groupBy === 'none') {
    for (const m of visible) lines.push(nodeLine(moduleNode(m, null), '  '));
  } else {
    for (const g of groupList) {
      if (foldedSet.has(g)) continue;
      if (g.collapsed) {
        const node = collapsedNode(g.key, g.label, g.modules, 1);
        g.id = node.id;
        lines.push(nodeLine(node, '  '));
      } else if (g.key === '' && groupBy !== 'folder') {
        // Modules with no system/team are drawn outside any subgraph.
        g.id = '';
        for (const m of g.modules) lines.push(nodeLine(moduleNode(m, g.key), '  '));
      } else {
        g.id = `s${++subgraphCounter}`;
        lines.push(`  subgraph ${g.id}["${escapeMermaidLabel(g.label)}"]`);
        for (const m of g.modules) lines.push(nodeLine(moduleNode(m, g.key), '    '));
        lines.push('  end');
      }
      groupsOut.push({ key: g.key, label: g.label, modules: g.modules.map((m) => m.name), collapsed: g.collapsed, id: g.id });
    }
    if (folded.length > 0) {
      const mods = folded.flatMap((g) => g.modules).sort((a, b) => compareText(a.name, b.name));
      const node = collapsedNode(null, `${folded.length} more`, mods, folded.length);
      lines.push(nodeLine(node, '  '));
      for (const g of folded) {
        g.id = node.id;
        groupsOut.push({ key: g.key, label: g.label, modules: g.modules.map((m) => m.name), collapsed: true, id: node.id });
      }
    }
  }

  // 5. Edges between visible nodes. Between two nodes, parallel edges of one kind merge; an edge
  // with a collapsed end stands for every module edge of that kind between them, and says how many.
  const edgeMap = new Map<string, DiagramEdge & { apiSet: Set<string> }>();
  for (const e of allEdges) {
    if (!visibleSet.has(e.from) || !visibleSet.has(e.to) || !edgeAllowed(e)) continue;
    const from = nodeOfModule.get(e.from);
    const to = nodeOfModule.get(e.to);
    if (!from || !to || from === to) continue;
    // One drawn edge per pair and kind: a bundled edge counts only module edges of its own kind.
    const key = `${from.id}>${to.id}>${e.kind}`;
    let edge = edgeMap.get(key);
    if (!edge) edgeMap.set(key, (edge = { from: from.id, to: to.id, kind: e.kind, apis: [], count: 0, label: null, apiSet: new Set() }));
    edge.count++;
    if (e.api !== null) edge.apiSet.add(e.api);
  }
  const collapsedIds = new Set(nodes.filter((n) => n.collapsed).map((n) => n.id));
  let edges: DiagramEdge[] = [];
  for (const { apiSet, ...edge } of edgeMap.values()) {
    edge.apis = [...apiSet].sort(compareText);
    const dotted = edge.kind !== 'dependsOn' && edge.kind !== 'consumes';
    if (collapsedIds.has(edge.from) || collapsedIds.has(edge.to)) {
      edge.label = bundledLabel(edge.kind, edge.count, edge.apis);
    } else if (edge.kind === 'consumes') {
      const shown = edge.apis.slice(0, 3).join(', ');
      edge.label = edge.apis.length > 3 ? `${shown} +${edge.apis.length - 3}` : shown;
    } else if (dotted) edge.label = edge.count > 1 ? `${edge.kind} ${edge.count}` : edge.kind;
    else edge.label = edge.count > 1 ? String(edge.count) : null;
    edges.push(edge);
  }
  // A collapsed overview of many connected groups is a hairball (and Mermaid refuses more than
  // 500 edges): keep the focused module's edges, then the heaviest; count the rest.
  const maxEdges = options.maxEdges ?? DEFAULT_MAX_EDGES;
  let hiddenEdges = 0;
  if ((collapsedIds.size > 0 || onlySet !== null) && edges.length > maxEdges) {
    const focusId = focusModule ? nodeOfModule.get(focusModule)?.id : undefined;
    const rank = edges.map((e, i) => ({ e, i, focus: e.from === focusId || e.to === focusId }));
    rank.sort((a, b) => Number(b.focus) - Number(a.focus) || b.e.count - a.e.count || a.i - b.i);
    const kept = new Set(rank.slice(0, maxEdges).map((r) => r.e));
    hiddenEdges = edges.length - kept.size;
    edges = edges.filter((e) => kept.has(e));
  }
  const dottedLinks: number[] = [];
  edges.forEach((e, i) => {
    const arrow = e.kind === 'dependsOn' ? '-->' : '-.->';
    if (e.kind !== 'dependsOn' && e.kind !== 'consumes') dottedLinks.push(i);
    lines.push(e.label === null ? `  ${e.from} ${arrow} ${e.to}` : `  ${e.from} ${arrow}|"${escapeMermaidLabel(e.label)}"| ${e.to}`);
  });
  // Dev, peer and optional edges: grey and finely dotted, unlike the dashed consumed APIs.
  if (dottedLinks.length > 0) lines.push(`  linkStyle ${dottedLinks.join(',')} stroke:#8a8a8a,stroke-dasharray:2 4`);

  // An empty model draws one note that says why, not a page of class definitions only.
  if (model.modules.length === 0) lines.push(`  empty["${escapeMermaidLabel(NO_MODULES)}"]`);

  // 6. Classes.
  for (const d of CLASS_DEFS) lines.push(`  ${d}`);
  const byClass = new Map<string, string[]>();
  const addClass = (cls: string, id: string): void => {
    const ids = byClass.get(cls);
    if (ids) ids.push(id);
    else byClass.set(cls, [id]);
  };
  for (const n of nodes) {
    if (n.level) addClass(LEVEL_CLASS[n.level], n.id);
    if (n.deprecated) addClass('deprecated', n.id);
    if (n.collapsed) addClass('collapsed', n.id);
    if (n.focus) addClass('focus', n.id);
  }
  for (const cls of ['lvlNone', 'lvlBronze', 'lvlSilver', 'lvlGold', 'deprecated', 'collapsed', 'focus']) {
    const ids = byClass.get(cls);
    if (ids) lines.push(`  class ${ids.join(',')} ${cls}`);
  }

  return {
    mermaid: lines.join('\n') + '\n',
    nodes,
    edges,
    groups: groupsOut,
    collapsed: groupsOut.some((g) => g.collapsed),
    hiddenEdges,
    grouping: { by: grouping.by, reason: grouping.reason },
  };
}
