/**
 * The diagram page's layout hook. The host decides the layout of each drawing (`layoutFor` in
 * src/webview/diagram-host.ts, carried in the render message); this file makes ELK available to
 * Mermaid and asks for it in the source Mermaid renders.
 *
 * ELK lives in media/mermaid/layout-elk.js (diagramElk.ts), beside this page's own script, and is
 * loaded the first time a drawing needs it: a `<script>` with this page's nonce (the webview's
 * CSP runs scripts by nonce only) from the extension's media/, never from the network.
 */
import type { DiagramLayout } from '../protocol/diagram';

interface LayoutLoader {
  name: string;
  loader: () => Promise<unknown>;
  algorithm?: string;
}

export interface LayoutApi {
  registerLayoutLoaders(loaders: LayoutLoader[]): void;
}

declare global {
  // Set by media/mermaid/layout-elk.js (diagramElk.ts).
  var northstarElkLayouts: LayoutLoader[] | undefined;
}

// Read while this script runs: its nonce and where it was loaded from (media/diagram.js).
const script = document.currentScript as HTMLScriptElement | null;
const ELK_SCRIPT = script?.src ? new URL('mermaid/layout-elk.js', script.src).href : null;
const NONCE = script?.nonce ?? '';

let elkScript: Promise<LayoutLoader[]> | null = null;

function loadElk(): Promise<LayoutLoader[]> {
  if (elkScript) return elkScript;
  const loading = new Promise<LayoutLoader[]>((resolve, reject) => {
    if (globalThis.northstarElkLayouts) return resolve(globalThis.northstarElkLayouts);
    if (!ELK_SCRIPT) return reject(new Error('the ELK layout script has no address'));
    const el = document.createElement('script');
    el.nonce = NONCE;
    el.src = ELK_SCRIPT;
    el.addEventListener('load', () => (globalThis.northstarElkLayouts ? resolve(globalThis.northstarElkLayouts) : reject(new Error('the ELK layout script defined nothing'))));
    el.addEventListener('error', () => reject(new Error('the ELK layout script could not be loaded')));
    document.head.append(el);
  });
  // A failed load may be tried again by the next drawing.
  loading.catch(() => (elkScript = null));
  return (elkScript = loading);
}

/** Registers ELK's layered layout with Mermaid: its code is loaded when a drawing first asks for it. */
export function registerLayouts(mermaid: LayoutApi): void {
  const loader = async (): Promise<unknown> => {
    const elk = (await loadElk()).find((l) => l.name === 'elk');
    if (!elk) throw new Error('the ELK layout script has no "elk" layout');
    return elk.loader();
  };
  mermaid.registerLayoutLoaders([{ name: 'elk', loader, algorithm: 'elk.layered' }]);
}

/**
 * The source Mermaid renders for `layout`: dagre is Mermaid's default and needs nothing; ELK is
 * asked for in front matter (the builder's source never has front matter of its own), with
 * crossing minimisation free of the source's order (`considerModelOrder: NONE`: Mermaid's default
 * keeps the order of nodes and edges as written, which drew more crossings in bench/layout.mjs).
 */
export function sourceWithLayout(source: string, layout: DiagramLayout): string {
  if (layout === 'dagre') return source;
  return `---\nconfig:\n  layout: elk\n  elk:\n    considerModelOrder: NONE\n---\n${source}`;
}
