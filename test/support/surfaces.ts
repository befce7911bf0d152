/**
 * The cross-surface tables (test/fixtures/surfaces/<workspace>.json): for every module of a
 * fixture workspace or the example, the values read by hand from its files — the owners
 * CODEOWNERS gives one file of the module, the module's team (id and display name) and its
 * scorecard level. Every surface is compared with these, not only with each other: the CLI's
 * model, owners, summary and diagram and the core's hovers (test/cli/surfaces.test.ts), and
 * the tree, status bar and hovers in the real VS Code (test/integration/surfaces.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ScorecardLevel } from '../../src/core/model/types';
import { LEVEL_LABEL } from '../../src/core/scorecard';

export interface SurfaceRow {
  module: string;
  /** The module's folder (two modules may share a name: a duplicate-name finding). */
  path: string;
  /** A root-relative file of the module (not a test, not a file that defines it). */
  file: string;
  /** Who owns that file: CODEOWNERS' answer, as GitHub or GitLab would request reviews. */
  fileOwners: string[];
  /** The id of the module's team; null when nothing owns the module. */
  team: string | null;
  /** The team's display name (never a raw `group:default/x` when the team has a name). */
  teamName: string | null;
  level: ScorecardLevel;
}

export interface SurfaceTable {
  /** The workspace folder, relative to the project root. */
  workspace: string;
  modules: SurfaceRow[];
}

/** The project root, from the compiled test folder (out/test/support) or the sources. */
export function projectRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'test', 'fixtures', 'surfaces'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`test/fixtures/surfaces not found above ${__dirname}`);
  }
}

export function surfaceTables(): Map<string, SurfaceTable> {
  const dir = path.join(projectRoot(), 'test', 'fixtures', 'surfaces');
  const tables = new Map<string, SurfaceTable>();
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    tables.set(name.slice(0, -'.json'.length), JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as SurfaceTable);
  }
  return tables;
}

/** The table of the workspace folder at `folder` (an absolute path), if one is pinned. */
export function surfaceTableFor(folder: string): SurfaceTable | undefined {
  const root = projectRoot();
  for (const table of surfaceTables().values()) {
    if (path.resolve(root, table.workspace) === path.resolve(folder)) return table;
    // The real-VS-Code harness opens examples/acme as a temporary git repository of the same files
    // (scripts/example-history.mjs: vision.yaml's history for the metric trends).
    if (table.workspace === 'examples/acme' && EXAMPLE_COPY.test(path.resolve(folder))) return table;
  }
  return undefined;
}

/** `<tmp>/northstar-example-XXXXXX/acme`: where createExampleRepository copies examples/acme. */
const EXAMPLE_COPY = /[\\/]northstar-example-[^\\/]+[\\/]acme$/;

/** The level as a diagram node's second line writes it: the one LEVEL_LABEL of scorecard.ts, pinned here as users read it. */
export const DIAGRAM_LEVEL_NAMES: Record<ScorecardLevel, string> = { none: 'No level', bronze: 'Bronze', silver: 'Silver', gold: 'Gold' };

/** The scorecard line of a module hover. */
export function hoverScorecard(level: ScorecardLevel): string {
  return level === 'none' ? 'Scorecard: No level' : `Scorecard: **${LEVEL_LABEL[level]}**`;
}
