/**
 * What the vision summary page receives and sends, and the checks each side runs on what it
 * receives. Shared by the panel (extension host), the page script (src/webview/summary.ts) and
 * the tests.
 */
import type { ModuleType, ScorecardLevel } from '../core/model/types';
import type { SummaryCount, SummaryExperiment, SummaryInitiative, SummaryLearning, SummaryLearningNote, SummaryMetric, SummaryModuleLevel, SummaryPriority, SummaryRoadmap, SummaryTeam, SummaryTrend, VisionSummary } from '../core/report/types';
import { arrayOf, type Check, type DropLog, isBoolean, isNumber, isRecord, isString, nullable, oneOf, parseByType, recordOf, shape } from './validate';

/** The webview type of the summary panel (also its serializer's key). */
export const SUMMARY_VIEW_TYPE = 'northstar.summary';

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
  /**
   * Documentation of each rule named in the team gaps: the packed page's URI inside the
   * extension (shown as the link's title; the page asks the extension to open it by id).
   */
  rules: { id: string; url: string }[];
}

/** Extension → page. */
export type SummaryHostMessage = { type: 'update'; data: SummaryPageData };

/** Page → extension. */
export type SummaryPageMessage =
  | { type: 'openModule'; name: string }
  | { type: 'openExternal'; url: string }
  /** Open a rule's page packed in the extension (the extension checks the id is a rule's). */
  | { type: 'openRuleDocs'; id: string }
  | { type: 'exportMarkdown' }
  /** Run "Start the Files Northstar Reads" on the page's folder (offered when it has no vision.yaml). */
  | { type: 'startFiles' }
  /** The page has drawn its embedded data and listens for updates. */
  | { type: 'ready' }
  | { type: 'selectRoot'; uri: string };

/** What the page keeps with `setState`, so that a restored panel shows the same root. */
export interface SummaryPageState {
  /** The folder's URI (`folder.uri.toString()`). */
  root: string;
}

/** The root a saved page state names, or null when the state is not one (a restored panel then shows the first root). */
export function savedSummaryRoot(state: unknown): string | null {
  return isRecord(state) && isString(state.root) && state.root !== '' ? state.root : null;
}

// ---------------------------------------------------------------------------
// Page → host

const PAGE_PARSERS: Record<string, (m: Record<string, unknown>) => SummaryPageMessage | undefined> = {
  openModule: (m) => (isString(m.name) ? { type: 'openModule', name: m.name } : undefined),
  openExternal: (m) => (isString(m.url) ? { type: 'openExternal', url: m.url } : undefined),
  openRuleDocs: (m) => (isString(m.id) ? { type: 'openRuleDocs', id: m.id } : undefined),
  exportMarkdown: () => ({ type: 'exportMarkdown' }),
  startFiles: () => ({ type: 'startFiles' }),
  ready: () => ({ type: 'ready' }),
  selectRoot: (m) => (isString(m.uri) ? { type: 'selectRoot', uri: m.uri } : undefined),
};

/** A message from the page, checked field by field (the page is not trusted) and rebuilt, or undefined (logged). */
export function parseSummaryPageMessage(raw: unknown, log?: DropLog): SummaryPageMessage | undefined {
  return parseByType(raw, PAGE_PARSERS, log);
}

// ---------------------------------------------------------------------------
// Host → page (the update message, and the data embedded in the page's HTML)

const nullableString = nullable(isString);
const nullableNumber = nullable(isNumber);
const isStrings = arrayOf(isString);
const LEVELS = ['none', 'bronze', 'silver', 'gold'] as const;
const isLevels = recordOf(LEVELS, isNumber);
const isFindings = recordOf(['errors', 'warnings', 'infos'], isNumber);
const isCount = shape<SummaryCount>({ count: isNumber, of: isNumber, percent: nullableNumber });
const isRootRef = shape<SummaryRootRef>({ name: isString, uri: isString });
const isLink = shape<SummaryLink>({ label: isString, url: isString });

const isMetric = shape<SummaryMetric>({
  name: isString,
  unit: nullableString,
  baseline: nullableNumber,
  current: nullableNumber,
  target: nullableNumber,
  progress: nullableNumber,
  trend: nullable(
    shape<SummaryTrend>({
      points: arrayOf(shape<SummaryTrend['points'][number]>({ date: isString, value: isNumber, source: oneOf('file', 'git') })),
      baseline: nullableNumber,
      latest: nullableNumber,
      change: nullableNumber,
      lastUpdate: nullableString,
    }),
  ),
});

const isLearning = shape<SummaryLearning>({
  quarters: arrayOf(shape<SummaryLearning['quarters'][number]>({ quarter: isString, postmortems: isNumber, demos: isNumber, reviews: isNumber })),
  actions: arrayOf(shape<SummaryLearning['actions'][number]>({ team: nullableString, name: isString, open: isNumber, overdue: isNumber })),
  repeated: arrayOf(shape<SummaryLearning['repeated'][number]>({ module: isString, postmortems: isNumber, last: nullableString })),
  notes: arrayOf(
    shape<SummaryLearningNote>({
      kind: oneOf('postmortem', 'demo', 'review'),
      date: nullableString,
      title: isString,
      file: isString,
      severity: nullableString,
      modules: isStrings,
      open: isNumber,
      overdue: isNumber,
    }),
  ),
});

const isVisionSummary = shape<VisionSummary>({
  root: isString,
  vision: nullable(shape<NonNullable<VisionSummary['vision']>>({ direction: nullableString, why: nullableString, capabilities: isStrings })),
  priorities: arrayOf(shape<SummaryPriority>({ id: isString, title: isString, owner: nullableString, metrics: arrayOf(isMetric), modules: isStrings })),
  coverage: shape<VisionSummary['coverage']>({ modules: isNumber, ownership: isCount, tests: isCount, observability: isCount }),
  capacity: nullable(
    shape<NonNullable<VisionSummary['capacity']>>({
      allocations: arrayOf(shape<{ category: string; percent: number }>({ category: isString, percent: isNumber })),
      total: isNumber,
    }),
  ),
  levels: isLevels,
  findings: isFindings,
  teams: arrayOf(
    shape<SummaryTeam>({
      team: nullableString,
      name: isString,
      modules: isStrings,
      levels: isLevels,
      findings: isFindings,
      gaps: arrayOf(shape<SummaryTeam['gaps'][number]>({ ruleId: isString, title: isString, count: isNumber, text: isString })),
    }),
  ),
  modules: arrayOf(
    shape<SummaryModuleLevel>({
      name: isString,
      team: nullableString,
      level: oneOf(...LEVELS),
      next: nullable(oneOf('bronze', 'silver', 'gold')),
      met: isStrings,
      needs: arrayOf(shape<SummaryModuleLevel['needs'][number]>({ label: isString, detail: nullableString })),
      notAssessed: isStrings,
    }),
  ),
  experiments: arrayOf(
    shape<SummaryExperiment>({
      module: isString,
      state: oneOf('running', 'overdue', 'decided'),
      hypothesis: nullableString,
      metric: nullableString,
      target: nullableString,
      by: nullableString,
      started: nullableString,
      decideBy: nullableString,
      decision: nullable(oneOf('scale', 'stop', 'extend')),
    }),
  ),
  roadmap: arrayOf(
    shape<SummaryRoadmap>({
      priority: isString,
      title: isString,
      initiatives: arrayOf(
        shape<SummaryInitiative>({
          id: isString,
          title: isString,
          owner: nullableString,
          status: nullable(oneOf('planned', 'active', 'done', 'dropped')),
          due: nullableString,
          modules: isStrings,
          metric: nullableString,
          overdue: isBoolean,
        }),
      ),
    }),
  ),
  today: nullableString,
  learning: nullable(isLearning),
});

export const isSummaryPageData: Check<SummaryPageData> = shape<SummaryPageData>({
  summary: isVisionSummary,
  root: isRootRef,
  roots: arrayOf(isRootRef),
  modules: arrayOf(
    shape<SummaryModuleInfo>({
      name: isString,
      type: oneOf('service', 'website', 'job', 'library', 'sample'),
      level: oneOf(...LEVELS),
      owners: isStrings,
      file: isString,
      links: arrayOf(isLink),
    }),
  ),
  rules: arrayOf(shape<{ id: string; url: string }>({ id: isString, url: isString })),
});

const HOST_PARSERS: Record<string, (m: Record<string, unknown>) => SummaryHostMessage | undefined> = {
  update: (m) => (isSummaryPageData(m.data) ? { type: 'update', data: m.data } : undefined),
};

/** A message from the host, checked field by field, or undefined (logged). */
export function parseSummaryHostMessage(raw: unknown, log?: DropLog): SummaryHostMessage | undefined {
  return parseByType(raw, HOST_PARSERS, log);
}
