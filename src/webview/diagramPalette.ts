/**
 * The diagram's colours for each VS Code theme kind (the body's `vscode-light`, `vscode-dark`,
 * `vscode-high-contrast`, `vscode-high-contrast-light` class), given to Mermaid as the `base`
 * theme's variables. Node fills are the scorecard levels' classDefs in the Mermaid source
 * (core/report/mermaid.ts), light in every theme with dark text; what changes here is what is
 * around them. Chosen so that every text is at least 4.5:1 against what it is drawn on, and every
 * node stands out from a cluster's background (its fill or its border at least 3:1): the browser
 * tests compute both from the colours Chromium draws (test/webview/diagram-theme.test.ts).
 */
export type ThemeKind = 'light' | 'dark' | 'hc-dark' | 'hc-light';

export interface DiagramPalette {
  /** The drawing's background (an exported SVG gets the light one). */
  background: string;
  /** Nodes without a level class (an empty model's note). */
  nodeFill: string;
  nodeText: string;
  nodeBorder: string;
  /** Text outside nodes. */
  text: string;
  /** Edges and arrowheads. */
  line: string;
  clusterFill: string;
  clusterBorder: string;
  clusterText: string;
  edgeLabelFill: string;
}

export const PALETTES: Record<ThemeKind, DiagramPalette> = {
  light: {
    background: '#ffffff',
    nodeFill: '#eeeeee',
    nodeText: '#1f1f1f',
    nodeBorder: '#6e6e6e',
    text: '#1f1f1f',
    line: '#555555',
    // Neutral grey, not Mermaid's default pale yellow, in which Gold nodes disappeared.
    clusterFill: '#f4f5f7',
    clusterBorder: '#6e6e6e',
    clusterText: '#1f1f1f',
    edgeLabelFill: '#ffffff',
  },
  dark: {
    background: '#1e1e1e',
    nodeFill: '#eeeeee',
    nodeText: '#1f1f1f',
    nodeBorder: '#9e9e9e',
    text: '#e8e8e8',
    line: '#b4b4b4',
    clusterFill: '#2b2d31',
    clusterBorder: '#8b8b8b',
    clusterText: '#ececec',
    edgeLabelFill: '#1e1e1e',
  },
  'hc-dark': {
    background: '#000000',
    nodeFill: '#eeeeee',
    nodeText: '#000000',
    nodeBorder: '#ffffff',
    text: '#ffffff',
    line: '#ffffff',
    clusterFill: '#000000',
    clusterBorder: '#ffffff',
    clusterText: '#ffffff',
    edgeLabelFill: '#000000',
  },
  'hc-light': {
    background: '#ffffff',
    nodeFill: '#eeeeee',
    nodeText: '#000000',
    nodeBorder: '#000000',
    text: '#000000',
    line: '#000000',
    clusterFill: '#ffffff',
    clusterBorder: '#000000',
    clusterText: '#000000',
    edgeLabelFill: '#ffffff',
  },
};
