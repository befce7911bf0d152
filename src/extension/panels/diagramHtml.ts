/**
 * The diagram webview's HTML: the panel calls this, and the browser tests render its output
 * as is. The page carries no workspace data at all (the script asks the host for it), only
 * static markup, the CSP and the nonce'd scripts: Mermaid's browser build, then ours.
 */
import { LEVEL_LABEL } from '../../core/scorecard';
import { webviewPage } from './webviewHtml';

export interface DiagramHtmlOptions {
  cspSource: string;
  nonce: string;
  /** media/diagram.js as the webview loads it. */
  scriptUri: string;
  /** media/mermaid/mermaid.min.js as the webview loads it. */
  mermaidUri: string;
  /** media/diagram.css as the webview loads it. */
  styleUri: string;
}

const BODY = `<header class="toolbar" role="toolbar" aria-label="Diagram controls">
  <label id="rootLabel" hidden>Folder <select id="root"></select></label>
  <label>Group <select id="groupBy" title="Group modules by">
    <option value="auto">auto</option><option value="system">system</option><option value="team">team</option><option value="folder">folder</option><option value="none">none</option>
  </select></label>
  <label>Collapse <select id="collapse" title="Collapse groups">
    <option value="auto">auto</option><option value="all">all</option><option value="none">none</option>
  </select></label>
  <label>Team <select id="team"><option value="">all</option></select></label>
  <label>System <select id="system"><option value="">all</option></select></label>
  <label>Priority <select id="priority"><option value="">all</option></select></label>
  <label class="check"><input type="checkbox" id="onlyProblems"> only problems</label>
  <label class="check" title="Also draw dev, peer and optional dependencies (dotted)"><input type="checkbox" id="allDependencies"> dev &amp; peer deps</label>
  <span class="search">
    <input id="search" type="search" list="moduleNames" placeholder="Focus on a module…" aria-label="Focus on a module" autocomplete="off">
    <datalist id="moduleNames"></datalist>
    <select id="depth" title="Neighbours shown around the focused module"><option value="1">depth 1</option><option value="2">depth 2</option></select>
    <button id="clearFocus" type="button" title="Show every module">Clear</button>
  </span>
  <span class="spacer"></span>
  <span class="zoom">
    <button id="zoomOut" type="button" title="Zoom out">−</button>
    <button id="zoomFit" type="button" title="Fit to the window">Fit</button>
    <button id="zoomIn" type="button" title="Zoom in">+</button>
  </span>
  <span class="export">
    <button id="exportSvg" type="button" title="Save the drawing as SVG">SVG</button>
    <button id="copyMermaid" type="button" title="Copy the Mermaid source">Copy</button>
    <button id="exportMermaid" type="button" title="Save the Mermaid source">.mmd</button>
    <button id="exportMarkdown" type="button" title="Save Markdown with a mermaid block (GitHub renders it)">.md</button>
  </span>
</header>
<nav id="crumbs" class="crumbs" aria-label="Where you are in the diagram">
  <button id="back" type="button" title="Back to the previous view (Alt+←)" aria-label="Back to the previous view" disabled>←</button>
  <ol id="crumbList"></ol>
  <div id="status" class="status" role="status" aria-live="polite"></div>
</nav>
<div id="notice" class="notice" hidden></div>
<main id="layout" class="layout">
  <section id="canvas" class="canvas" tabindex="0" aria-label="Architecture diagram"><div id="stage" class="stage"></div></section>
  <section id="listView" class="list-view" hidden aria-label="Modules of this view">
    <input id="listSearch" type="search" placeholder="Search modules, teams, levels…" aria-label="Search the list" autocomplete="off">
    <table id="moduleList" class="module-list">
      <thead><tr><th scope="col">Module</th><th scope="col">Team</th><th scope="col">Level</th><th scope="col">Findings</th></tr></thead>
      <tbody id="moduleRows"></tbody>
    </table>
  </section>
  <aside id="details" class="details" hidden aria-label="Module details">
    <button id="closeDetails" type="button" class="close" title="Close">×</button>
    <div id="detailsBody"></div>
  </aside>
</main>
<footer class="legend" aria-label="Legend">
  <span class="swatch lvlGold"></span>${LEVEL_LABEL.gold} <span class="swatch lvlSilver"></span>${LEVEL_LABEL.silver}
  <span class="swatch lvlBronze"></span>${LEVEL_LABEL.bronze} <span class="swatch lvlNone"></span>${LEVEL_LABEL.none}
  <span class="line solid"></span>depends on <span class="line dashed"></span>consumes API
  <span class="line dotted" title="dev, peer and optional dependencies, drawn with “dev &amp; peer deps”"></span>dev, peer
  <span>⚠ findings</span> <span title="A collapsed group: click to open it">[[ ]] group</span>
  <span title="Click a module for its details beside the drawing; double-click to open its contract">click: details · double-click: contract</span>
</footer>`;

export function diagramHtml(options: DiagramHtmlOptions): string {
  return webviewPage({
    cspSource: options.cspSource,
    nonce: options.nonce,
    title: 'Architecture diagram',
    styles: [options.styleUri],
    scripts: [options.mermaidUri, options.scriptUri],
    body: BODY,
  });
}
