/**
 * What the vision summary page receives and sends. Types only: shared by the panel
 * (extension host) and the page script (src/webview/summary.ts).
 */
import type { ModuleType, ScorecardLevel } from '../../core/model/types';
import type { VisionSummary } from '../../core/report/types';

/** Id of the `<script type="application/json">` element holding the initial data. */
export const SUMMARY_DATA_ELEMENT_ID = 'northstar-summary-data';

export interface SummaryLink {
  label: string;
  /**
   * As written in the workspace: the page makes a link only of an absolute http(s) URL and
   * shows anything else as text; the panel opens only http(s) URLs.
   */
  url: string;
}

/** What the page shows about a module named in the summary. */
export interface SummaryModuleInfo {
  name: string;
  type: ModuleType;
  level: ScorecardLevel;
  owners: string[];
  /** File that defines the module (contract, catalog entry, manifest), root-relative. */
  file: string;
  /** Dashboards, and the runbook when it is a URL. */
  links: SummaryLink[];
}

export interface SummaryRootRef {
  name: string;
  /** The workspace folder's URI, as a string: the key the panel uses. */
  uri: string;
}

export interface SummaryPageData {
  /** The same data as `northstar summary --format json`. */
  summary: VisionSummary;
  /** The root shown. */
  root: SummaryRootRef;
  /** Every analysed root (more than one: the page offers a picker). */
  roots: SummaryRootRef[];
  modules: SummaryModuleInfo[];
  /** Documentation of each rule named in the team gaps. */
  rules: { id: string; url: string }[];
}

/** Extension → page. */
export type SummaryHostMessage = { type: 'update'; data: SummaryPageData };

/** Page → extension. */
export type SummaryPageMessage =
  | { type: 'openModule'; name: string }
  | { type: 'openExternal'; url: string }
  | { type: 'exportMarkdown' }
  /** The page has drawn its embedded data and listens for updates. */
  | { type: 'ready' }
  | { type: 'selectRoot'; uri: string };

/** What the page keeps with `setState`, so that a restored panel shows the same root. */
export interface SummaryPageState {
  root: string;
}
