/**
 * Mermaid's own flowchart parser, loaded in Node for tests: the diagram source we write is
 * parsed by the real grammar, and the vertices, edges, subgraphs and classes it yields are
 * compared with what we meant. Rendering needs a DOM; parsing only needs DOMPurify's hooks,
 * which are stubbed (sanitising is the renderer's job, and our labels must be safe without it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ParsedFlowchart {
  vertices: { id: string; text: string; classes: string[] }[];
  edges: { start: string; end: string; text: string; stroke: string; style: string[] }[];
  subgraphs: { id: string; title: string; nodes: string[] }[];
  /** Nodes with click handlers or links (must be none). */
  clicks: string[];
}

// Loaded through a Function so that TypeScript's CommonJS output keeps a real dynamic import (ESM only).
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<Record<string, unknown>>;

interface FlowDb {
  getVertices(): Map<string, { id: string; text: string; classes: string[]; link?: string; haveCallback?: boolean }>;
  getEdges(): { start: string; end: string; text: string; stroke: string; style?: string[] }[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
  getTooltip?(id: string): string | undefined;
}

let loaded: Promise<{ parser: { parser: { yy: unknown }; parse(text: string): unknown }; makeDb: () => FlowDb }> | undefined;

function load(): NonNullable<typeof loaded> {
  loaded ??= (async () => {
    const purifyDir = path.dirname(require.resolve('dompurify'));
    const purify = (await importEsm(pathToFileURL(path.join(purifyDir, 'purify.es.mjs')).href)).default as Record<string, unknown>;
    purify.addHook = () => undefined;
    purify.removeHook = () => undefined;
    purify.removeHooks = () => undefined;
    purify.removeAllHooks = () => undefined;
    purify.sanitize = (text: string) => text;
    const chunks = path.join(path.dirname(require.resolve('mermaid/package.json')), 'dist', 'chunks', 'mermaid.core');
    const file = fs
      .readdirSync(chunks)
      .filter((f) => f.endsWith('.mjs'))
      .find((f) => /createFlowDiagram/.test(fs.readFileSync(path.join(chunks, f), 'utf8')) && /export \{[^}]*\bdiagram\b/.test(fs.readFileSync(path.join(chunks, f), 'utf8')));
    if (!file) throw new Error("Mermaid's flowchart chunk not found");
    const mod = await importEsm(pathToFileURL(path.join(chunks, file)).href);
    const diagram = mod.diagram as { parser: { parser: { yy: unknown }; parse(text: string): unknown }; db: object };
    const DbClass = diagram.db.constructor as new () => FlowDb;
    return { parser: diagram.parser, makeDb: () => new DbClass() };
  })();
  return loaded;
}

/** Parses flowchart source with Mermaid's grammar; throws on a syntax error. */
export async function parseFlowchart(source: string): Promise<ParsedFlowchart> {
  const { parser, makeDb } = await load();
  const db = makeDb();
  parser.parser.yy = db;
  // As Mermaid does before parsing (its cleanupComments): a line that is a `%%` comment (not a
  // `%%{` directive) goes; the grammar alone does not skip it after the header.
  parser.parse(
    source
      .split('\n')
      .filter((line) => !(line.trimStart().startsWith('%%') && !line.trimStart().startsWith('%%{')))
      .join('\n'),
  );
  const vertices = [...db.getVertices().values()];
  return {
    vertices: vertices.map((v) => ({ id: v.id, text: v.text, classes: [...v.classes] })),
    edges: db.getEdges().map((e) => ({ start: e.start, end: e.end, text: e.text, stroke: e.stroke, style: [...(e.style ?? [])] })),
    subgraphs: db.getSubGraphs().map((s) => ({ id: s.id, title: s.title, nodes: [...s.nodes] })),
    clicks: vertices.filter((v) => v.link !== undefined || v.haveCallback === true).map((v) => v.id),
  };
}

/** Mermaid turns `#60;` / `#quot;` into HTML character references; this is the text a browser then shows. */
export function decodeMermaidEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'", nbsp: '\u00a0' };
  return text.replace(/#(\d+|[a-zA-Z]+);/g, (all, code: string) =>
    /^\d+$/.test(code) ? String.fromCodePoint(Number(code)) : (named[code] ?? all),
  );
}
