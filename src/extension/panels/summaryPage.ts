/**
 * The vision summary page, without VS Code: its data (built from a model with the core's
 * `buildSummary`) and its HTML. The panel (summaryPanel.ts) uses these; test/webview renders the
 * same HTML in Chromium. The messages and their checks are in src/protocol/summary.ts.
 */
import type { Model, Module, NorthstarConfig } from '../../core/model/types';
import { buildSummary, summaryMarkdown } from '../../core/report/summary';
import { docsPath, docsUrl } from '../../core/rules/rule';
import { SUMMARY_DATA_ELEMENT_ID, type SummaryLink, type SummaryModuleInfo, type SummaryPageData, type SummaryRootRef } from '../../protocol/summary';
import { webviewPage } from './webviewHtml';

const hasScheme = (text: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(text.trim());

function moduleLinks(m: Module): SummaryLink[] {
  const links: SummaryLink[] = m.dashboards.map((url) => ({ label: 'dashboard', url }));
  if (m.runbook !== null && hasScheme(m.runbook)) links.push({ label: 'runbook', url: m.runbook });
  return links;
}

function moduleInfo(m: Module): SummaryModuleInfo {
  return {
    name: m.name,
    type: m.type,
    level: m.level,
    owners: [...m.owners],
    file: m.definedAt.file,
    links: moduleLinks(m),
  };
}

/**
 * Everything the page draws for one root. `docsBase` is the URI of the extension's packed
 * `docs/rules/` folder (the panel passes it); without it each rule names its page's path.
 */
export function buildSummaryPageData(model: Model, root: SummaryRootRef, roots: readonly SummaryRootRef[], docsBase?: string, config?: NorthstarConfig): SummaryPageData {
  const summary = buildSummary(model, config);
  const ruleIds = [...new Set(summary.teams.flatMap((t) => t.gaps.map((g) => g.ruleId)))].sort();
  return {
    summary,
    root,
    roots: [...roots],
    modules: [...model.modules].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(moduleInfo),
    rules: ruleIds.map((id) => ({ id, url: docsBase !== undefined ? docsUrl(id, docsBase) : docsPath(id) })),
  };
}

/** The Markdown export: exactly what `northstar summary --format md` prints for the same model. */
export function summaryMarkdownOf(model: Model, config?: NorthstarConfig): string {
  return summaryMarkdown(buildSummary(model, config));
}

export interface SummaryHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  /** `media/summary.js` as a webview URI. */
  scriptUri: string;
  /** `media/summary.css` as a webview URI. */
  styleUri: string;
  nonce: string;
  data: SummaryPageData;
}

/**
 * The page's HTML: a static shell; the script (media/summary.js, bundled from
 * src/webview/summary.ts) draws everything from the embedded JSON with textContent.
 */
export function summaryHtml(input: SummaryHtmlInput): string {
  return webviewPage({
    cspSource: input.cspSource,
    nonce: input.nonce,
    title: 'Vision Summary',
    styles: [input.styleUri],
    scripts: [input.scriptUri],
    data: { id: SUMMARY_DATA_ELEMENT_ID, value: input.data },
    body: '<main id="app" aria-live="polite"><p class="loading">Loading the vision summary…</p></main>',
  });
}
