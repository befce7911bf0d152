/**
 * `northstar diagram --format md`: a Markdown page for a README kept current in CI. The overview
 * (groups collapsed when large), then one page section per group: its modules, the edges among
 * them, and its edges to and from other groups (drawn as collapsed group nodes). GitHub renders
 * Mermaid with its default limits (`maxTextSize` 50,000 characters, `maxEdges` 500), so every
 * block stays under both: a group too large is split into parts, and a view that cannot be split
 * further keeps its heaviest edges and says how many it left out.
 */
import type { Model } from '../model/types';
import { escapeMarkdown } from './escape';
import { buildDiagram, type DiagramOptions } from './mermaid';
import type { Diagram } from './types';

/** Mermaid's defaults, which GitHub uses: a block must stay under both. */
export const MARKDOWN_MAX_TEXT = 50_000;
export const MARKDOWN_MAX_EDGES = 500;

/** Edges kept in a view that cannot be split further (a single module with many neighbours). */
const FALLBACK_EDGES = 400;

export function fitsGitHub(d: Diagram): boolean {
  return d.mermaid.length < MARKDOWN_MAX_TEXT && d.edges.length < MARKDOWN_MAX_EDGES;
}

interface Block {
  title: string;
  diagram: Diagram | null;
  note: string | null;
}

function block(title: string, diagram: Diagram): Block {
  const note = diagram.hiddenEdges > 0 ? `${diagram.hiddenEdges} lighter edges are left out of this view.` : null;
  return { title, diagram, note };
}

/**
 * The views of `names` (one group's modules), split in halves until each fits; a single module
 * that still does not fit keeps its heaviest edges.
 */
function partViews(model: Model, base: DiagramOptions, title: string, names: readonly string[]): Block[] {
  // Every edge first: a view too large is split, and only a single module's view ever leaves edges out.
  const d = buildDiagram(model, { ...base, only: names, maxEdges: Number.MAX_SAFE_INTEGER });
  if (fitsGitHub(d)) return [block(title, d)];
  if (names.length > 1) {
    const half = Math.ceil(names.length / 2);
    return [...partViews(model, base, title, names.slice(0, half)), ...partViews(model, base, title, names.slice(half))];
  }
  const trimmed = buildDiagram(model, { ...base, only: names, maxEdges: FALLBACK_EDGES });
  if (fitsGitHub(trimmed)) return [block(title, trimmed)];
  return [{ title, diagram: null, note: 'Too large to draw within GitHub’s Mermaid limits.' }];
}

/** The Markdown page: a title, the grouping and why, then one mermaid block per view. */
export function diagramMarkdown(model: Model, options: DiagramOptions = {}, title = 'Architecture'): string {
  const blocks: Block[] = [];
  let overview = buildDiagram(model, options);
  if (!fitsGitHub(overview) && overview.grouping.by !== 'none') overview = buildDiagram(model, { ...options, collapse: 'all', expand: [] });
  const grouping = overview.grouping;
  if (fitsGitHub(overview)) blocks.push(block('Overview', overview));
  else blocks.push({ title: 'Overview', diagram: null, note: 'Too large to draw within GitHub’s Mermaid limits: see the parts below.' });

  // One section per group (or, ungrouped and too large, parts of the module list); a focused view is one block.
  if ((options.focus ?? null) === null) {
    const base: DiagramOptions = { ...options, expand: [] };
    const groups = overview.grouping.by === 'none' ? [] : overview.groups;
    if (groups.length > 1) {
      for (const g of groups) {
        const count = g.modules.length === 1 ? '1 module' : `${g.modules.length} modules`;
        const parts = partViews(model, base, `${g.label} (${count})`, g.modules);
        parts.forEach((p, i) => blocks.push(parts.length > 1 ? { ...p, title: `${p.title}, part ${i + 1} of ${parts.length}` } : p));
      }
    } else if (blocks[0].diagram === null) {
      const names = [...new Set(overview.nodes.flatMap((n) => n.modules))].sort();
      const parts = partViews(model, { ...base, groupBy: 'none' }, 'Modules', names);
      parts.forEach((p, i) => blocks.push({ ...p, title: `${p.title}, part ${i + 1} of ${parts.length}` }));
    }
  }

  const out: string[] = [`# ${escapeMarkdown(title)}`, '', `Grouped by ${grouping.by}: ${escapeMarkdown(grouping.reason)}.`, ''];
  for (const b of blocks) {
    out.push(`## ${escapeMarkdown(b.title)}`, '');
    if (b.diagram) {
      const source = b.diagram.mermaid.endsWith('\n') ? b.diagram.mermaid : `${b.diagram.mermaid}\n`;
      const fence = source.includes('```') ? '~~~' : '```';
      out.push(`${fence}mermaid`, source.slice(0, -1), fence, '');
    }
    if (b.note) out.push(escapeMarkdown(b.note), '');
  }
  return out.join('\n');
}
