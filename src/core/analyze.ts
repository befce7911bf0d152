/**
 * The engine's entry for its adapters (the CLI and the extension): analyse a workspace once,
 * or keep an incremental analyzer. The engine itself is split by concern:
 * - workspace/roles.ts: which files are read, as what, and their size limits;
 * - engine/read.ts: one file → its facts; engine/analyzer.ts: caching, updates, scheduling;
 * - build/: declarations → model (CODEOWNERS, modules, file assignment, teams in model/teams.ts);
 * - rules/run.ts: the rule run (severities, silencing), with shared indexes (rules/indexes.ts).
 */
export { analyzeWorkspace, WorkspaceAnalyzer } from './engine/analyzer';
export { isRelevantFile, roleOf } from './workspace/roles';
