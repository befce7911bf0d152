/**
 * media/mermaid/layout-elk.js: ELK's layouts for Mermaid (`@mermaid-js/layout-elk` 0.2.x, the
 * line built for Mermaid 11, with elkjs's in-thread build: no worker, no eval), bundled whole by
 * esbuild (its dynamic imports included) so that nothing is fetched. A script of its own, loaded
 * by the diagram page only when a view is drawn with ELK (diagramLayout.ts): about 5 MB that a
 * dagre drawing never parses.
 */
import elkLayouts from '@mermaid-js/layout-elk';

(globalThis as { northstarElkLayouts?: typeof elkLayouts }).northstarElkLayouts = elkLayouts;
