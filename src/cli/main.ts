/**
 * `northstar`: argv → exit code. Everything the process touches comes through `io` (output,
 * stdin, current directory) so that tests run the same cases in-process and spawned.
 * Exit codes: 0 success, 1 findings over the limit (check), 2 bad usage, a missing or
 * unreadable root, or an internal error — always with a one-line message, never a stack.
 */
import { appendFileSync, closeSync, lstatSync, openSync, promises as fsp, realpathSync, statSync, writeSync } from 'node:fs';
import * as nodePath from 'node:path';
import { analyzeWorkspace } from '../core/analyze';
import type { Analysis } from '../core/api';
import { lowerBound, normalizePath } from '../core/fs';
import type { Finding } from '../core/model/types';
import { checkWriters, countSeverities, githubSummaryMarkdown, SARIF_MAX_RESULTS } from '../core/report';
import { buildBackstageExport, formatBackstageYaml } from '../core/report/backstage';
import { pullRequestMarkdown } from '../core/report/pullRequest';
import { initPlan } from '../core/init';
import { buildDiagram, type DiagramOptions } from '../core/report/mermaid';
import { diagramMarkdown } from '../core/report/diagramMarkdown';
import { buildOwnersEntry, formatCoverageText, isOwned, ownershipCoverage, writeOwnersJson, writeOwnersNdjson, writeOwnersText } from '../core/report/owners';
import { escapeTerminal } from '../core/report/escape';
import { ChunkWriter, lazyMap, writeJson } from '../core/report/stream';
import { buildSummary, moduleOwnership, summaryMarkdown } from '../core/report/summary';
import packageJson from '../../package.json';
import { parseArgs, UsageError, USAGE, type ParsedArgs, type PathArgs } from './args';
import { changesSince, GitError, type ChangesSince } from './git';
import { BaseFileAccess } from '../node/baseFileAccess';
import { RULE_DOCS } from './ruleDocs';
import { GzipBudget, SARIF_MAX_GZIP_BYTES } from './sarifBudget';
import { NodeFileAccess } from '../node/nodeFileAccess';
import { sha256Hex } from '../node/hash';
import { localAnalyzeOptions } from '../node/setup';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input, for `owners --stdin`. */
  readStdin?(): Promise<string>;
  /** The current directory (default: process.cwd()). */
  cwd?: string;
  /** The environment (default: process.env): `GITHUB_STEP_SUMMARY`, `NO_COLOR`, `FORCE_COLOR`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Standard output is a terminal (colours for text output, unless NO_COLOR). */
  isTTY?: boolean;
}

/**
 * Colours for the text format, as ESLint and Node decide: `FORCE_COLOR` (not `0`) forces them,
 * `NO_COLOR` (any non-empty value, no-color.org) turns them off, else a terminal gets them.
 */
export function useColor(io: CliIO, toFile: boolean): boolean {
  const env = io.env ?? process.env;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return !toFile && io.isTTY === true;
}

export const VERSION: string = packageJson.version;

/** A failure that ends the run with exit code 2 and a one-line message. */
class CliFailure extends Error {}

function toSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

async function openRoot(cwd: string, given: string | null): Promise<string> {
  const root = nodePath.resolve(cwd, given ?? '.');
  const shown = given ?? root;
  let stat;
  try {
    stat = await fsp.stat(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new CliFailure(`root folder not found: ${shown}`);
    throw new CliFailure(`cannot read root folder ${shown}: ${code ?? String(e)}`);
  }
  if (!stat.isDirectory()) throw new CliFailure(`root is not a folder: ${shown}`);
  try {
    await fsp.readdir(root);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliFailure(`cannot read root folder ${shown}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e))}`);
  }
  return root;
}

/**
 * The real path of `path`: of its longest existing ancestor, with the rest appended (a path
 * asked about need not exist). Links in the existing part are resolved as the kernel would.
 * `cache` keeps the answers per folder: 100,000 paths from `git ls-files` share a few thousand
 * folders, and resolving each path's folders anew was 11 of the 17 seconds of `owners -`.
 */
function realPathOf(path: string, cache?: Map<string, string>): string {
  const known = cache?.get(path);
  if (known !== undefined) return known;
  let real: string;
  const parent = nodePath.dirname(path);
  if (parent === path) {
    real = realpathOrSelf(path);
  } else {
    // The parent's real path, then one lstat for this name: a folder shared by thousands of
    // paths costs one system call, and a missing one no exception (realpath threw for each).
    const candidate = nodePath.join(realPathOf(parent, cache), nodePath.basename(path));
    const stat = lstatSync(candidate, { throwIfNoEntry: false });
    real = stat?.isSymbolicLink() ? realpathOrSelf(candidate) : candidate;
  }
  cache?.set(path, real);
  return real;
}

/** The real path of an existing path; the path itself when it cannot be resolved (a dangling link). */
function realpathOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/**
 * Paths from the command line as root-relative paths. Absolute paths are taken as they
 * are; a relative path is relative to the current directory when that is inside the root
 * (as git does), else to the root. Root, current directory and path are compared by their
 * real paths: a root given through a symbolic link holds the real paths inside its target
 * (a shell's current directory is a real path).
 */
export function rootRelativePaths(root: string, cwd: string): (given: string) => string {
  const folders = new Map<string, string>();
  const realRoot = realPathOf(root);
  const realCwd = realPathOf(cwd);
  const fromCwd = nodePath.relative(realRoot, realCwd);
  const rootPrefix = realRoot.endsWith(nodePath.sep) ? realRoot : realRoot + nodePath.sep;
  const base = fromCwd === '' || (!fromCwd.startsWith('..') && !nodePath.isAbsolute(fromCwd)) ? realCwd : realRoot;
  // Per folder as given (`services/api` of `services/api/a.ts`): 100,000 paths from `git ls-files`
  // share a few thousand folders, and resolving each path's folder anew was most of `owners -`.
  const byGivenFolder = new Map<string, string>();
  return (given) => {
    const slash = given.lastIndexOf('/');
    if (nodePath.sep === '/' && slash > 0 && isPlainRelative(given)) {
      const folderText = given.slice(0, slash);
      let folder = byGivenFolder.get(folderText);
      if (folder === undefined) {
        folder = realPathOf(nodePath.resolve(base, folderText), folders);
        byGivenFolder.set(folderText, folder);
      }
      const resolved = `${folder}/${given.slice(slash + 1)}`;
      // A real path is clean, and the name has no separator: nothing left to normalise.
      if (resolved.startsWith(rootPrefix)) return resolved.slice(rootPrefix.length);
    }
    const native = given.replace(/[\\/]/g, nodePath.sep);
    const absolute = nodePath.isAbsolute(native) ? native : nodePath.resolve(base, native);
    // The folders on the way are resolved; the last name is kept (a link is owned by its own path,
    // as GitHub matches it), unless the whole path is the root (a link to it, given as such).
    let resolved = nodePath.join(realPathOf(nodePath.dirname(absolute), folders), nodePath.basename(absolute));
    // Inside the root, the common case, is a prefix test (path.relative was a sixth of `owners -`).
    if (resolved.startsWith(rootPrefix)) return normalizePath(toSlashes(resolved.slice(rootPrefix.length)));
    if (resolved !== realRoot && !isInsideFolder(realRoot, resolved) && realPathOf(absolute) === realRoot) resolved = realRoot;
    const relative = nodePath.relative(realRoot, resolved);
    if (relative === '..' || relative.startsWith('..' + nodePath.sep) || nodePath.isAbsolute(relative)) {
      throw new CliFailure(`path is outside the root: ${given}`);
    }
    return normalizePath(toSlashes(relative));
  };
}

/** `a/b/c.ts`: relative, no backslash, no empty, `.` or `..` name, not ending in a separator. */
function isPlainRelative(given: string): boolean {
  if (given.startsWith('/') || given.endsWith('/') || given.includes('\\') || given.includes('//')) return false;
  if (given.startsWith('./') || given.startsWith('../') || given.endsWith('/.') || given.endsWith('/..')) return false;
  return !given.includes('/./') && !given.includes('/../');
}

function isInsideFolder(folder: string, path: string): boolean {
  const relative = nodePath.relative(folder, path);
  return relative !== '' && relative !== '..' && !relative.startsWith('..' + nodePath.sep) && !nodePath.isAbsolute(relative);
}

/** One path (see rootRelativePaths). */
export function toRootRelative(root: string, cwd: string, given: string): string {
  return rootRelativePaths(root, cwd)(given);
}

async function analyze(root: string): Promise<Analysis> {
  return analyzeWorkspace(new NodeFileAccess(root), localAnalyzeOptions(root));
}

function insideAny(file: string, folders: readonly string[]): boolean {
  return folders.some((p) => p === '' || file === p || file.startsWith(p + '/'));
}

/**
 * The PATHs given on the command line, then those read from standard input when `-` (or
 * `owners --stdin`) asks for it: one per line, or NUL-separated with `-z` (`git diff -z`).
 */
async function givenPaths(args: PathArgs, io: CliIO): Promise<string[]> {
  const given = [...args.paths];
  if (!args.stdin) return given;
  if (!io.readStdin) throw new CliFailure('-: standard input is not available');
  const text = await io.readStdin();
  for (const item of args.nul ? text.split('\0') : text.split(/\r?\n/)) {
    const path = args.nul ? item : item.trim();
    if (path !== '') given.push(path);
  }
  return given;
}

/**
 * A PATH holds something of the workspace: a file git lists (or the walk found), or a folder of
 * them. The list is sorted: one binary search per PATH (a pre-commit hook passes hundreds).
 */
async function matchesAnything(root: string, path: string, files: readonly string[] | undefined): Promise<boolean> {
  if (files) {
    if (path === '') return files.length > 0;
    const at = lowerBound(files, path);
    if (files[at] === path) return true;
    const under = lowerBound(files, `${path}/`);
    return under < files.length && files[under].startsWith(`${path}/`);
  }
  return fsp.lstat(nodePath.join(root, path)).then(
    () => true,
    () => false,
  );
}

/**
 * Which findings `check` reports: under the PATHs given, errors only with `--quiet`, and with
 * `--changed-since` those of changed files and of the modules the change touches (a module as
 * `analysis` sees it: the head's, or the base's for the pull-request report's comparison).
 */
function scopeOf(args: Extract<ParsedArgs, { command: 'check' }>, paths: readonly string[], changed: readonly string[] | null, analysis: Analysis): (f: Finding) => boolean {
  const changedSet = changed !== null ? new Set(changed) : null;
  const touched = new Set<string>();
  for (const file of changed ?? []) {
    const m = analysis.moduleOf(file);
    if (m) touched.add(m.name);
  }
  return (f) => {
    if (paths.length > 0 && !insideAny(f.file, paths)) return false;
    if (args.quiet && f.severity !== 'error') return false;
    if (changedSet === null || changedSet.has(f.file)) return true;
    if (f.module !== null) return touched.has(f.module);
    const m = analysis.moduleOf(f.file);
    return m !== undefined && touched.has(m.name);
  };
}

async function runCheck(args: Extract<ParsedArgs, { command: 'check' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const paths = (await givenPaths(args, io)).map(rootRelativePaths(root, cwd));
  let changes: ChangesSince | null = null;
  if (args.changedSince !== null) {
    try {
      changes = await changesSince(root, args.changedSince);
    } catch (e) {
      if (e instanceof GitError) throw new CliFailure(`--changed-since ${args.changedSince}: ${e.message}`);
      throw e;
    }
  }
  const changed = changes?.files ?? null;
  const options = localAnalyzeOptions(root);
  const work = new NodeFileAccess(root);
  const analysis = await analyzeWorkspace(work, options);
  // SARIF and GitLab name files from the repository root (GitHub and GitLab look there), not from --root.
  const prefix = options.repository?.prefix ?? '';
  if (args.errorOnUnmatched) {
    // As ESLint's "No files matching the pattern": a misspelt PATH would otherwise pass in silence.
    for (const p of paths) {
      if (!(await matchesAnything(root, p, analysis.files))) {
        throw new CliFailure(`no file of the workspace matches '${p}' (--no-error-on-unmatched-pattern allows it)`);
      }
    }
  }
  const inScope = scopeOf(args, paths, changed, analysis);
  const findings: readonly Finding[] = analysis.model.findings.filter(inScope);
  if (args.format === 'md') {
    // Against the change's base, analysed by the same engine: what is new, what was fixed, which levels moved.
    let base: { model: Analysis['model']; findings: readonly Finding[] } | undefined;
    if (changes !== null) {
      const before = new BaseFileAccess(work, changes, analysis.files ?? []);
      const baseAnalysis = await analyzeWorkspace(before, { ...options, listFiles: () => before.listFiles() });
      base = { model: baseAnalysis.model, findings: baseAnalysis.model.findings.filter(scopeOf(args, paths, changed, baseAnalysis)) };
    }
    io.stdout(pullRequestMarkdown({ model: analysis.model, findings, changed, ownersOf: analysis.ownersOf, moduleOf: analysis.moduleOf, prefix, base, config: analysis.config }));
    return exitCodeOf(findings, args.maxWarnings, io);
  }
  const format = args.format;
  // In chunks of about 64 KB: 400,000 findings are hundreds of megabytes of SARIF.
  const budget = new GzipBudget();
  const out = new ChunkWriter(format === 'sarif' ? budget.sink(io.stdout) : io.stdout);
  checkWriters[format](
    {
      findings,
      rules: analysis.rules,
      modules: analysis.model.modules.length,
      version: VERSION,
      hash: sha256Hex,
      prefix,
      color: args.format === 'text' && useColor(io, args.outputFile !== null),
      // Absolute, as ESLint prints it: a terminal and VS Code's $eslint-stylish matcher open it from anywhere.
      showPath: (file) => nodePath.join(root, ...file.split('/')),
      ruleDocs: (id) => RULE_DOCS.get(id),
      sarifRoom: budget.room,
      onSarifTruncated: (p) =>
        io.stderr(
          `northstar: the SARIF log holds the ${p.results} most severe of ${p.findings} findings: GitHub accepts ${
            p.truncated === 'maxResults' ? `at most ${SARIF_MAX_RESULTS} results a run` : `at most ${SARIF_MAX_GZIP_BYTES / 1_000_000} MB gzipped`
          } (the run's properties say so too).\n`,
        ),
    },
    args.format === 'sarif' ? budget.counted(out.write) : out.write,
  );
  out.flush();
  const summaryFile = (io.env ?? process.env).GITHUB_STEP_SUMMARY;
  if (args.format === 'github' && summaryFile) {
    try {
      appendFileSync(summaryFile, githubSummaryMarkdown(findings, prefix), 'utf8');
    } catch (e) {
      io.stderr(`northstar: cannot write the job summary ${summaryFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
    }
  }
  return exitCodeOf(findings, args.maxWarnings, io);
}

/** 1 on an error finding or more warnings than `maxWarnings` (-1: no limit), else 0. */
function exitCodeOf(findings: readonly Finding[], maxWarnings: number, io: CliIO): number {
  const counts = countSeverities(findings);
  if (counts.errors > 0) return 1;
  if (maxWarnings >= 0 && counts.warnings > maxWarnings) {
    io.stderr(`northstar: too many warnings (${counts.warnings}); the maximum allowed is ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

async function runOwners(args: Extract<ParsedArgs, { command: 'owners' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const paths = (await givenPaths(args, io)).map(rootRelativePaths(root, cwd));
  const analysis = await analyze(root);
  const out = new ChunkWriter(io.stdout);
  // The flags, else `.northstar.yaml`'s `ownership` section: the editor and CI read the same gate.
  const catchAllUnowned = args.catchAllUnowned || (analysis.config?.ownership.catchAllUnowned ?? false);
  if (args.coverage) {
    const minCoverage = args.minCoverage ?? analysis.config?.ownership.minCoverage ?? null;
    const coverage = ownershipCoverage(analysis.files ?? [], analysis.ownersOf, moduleOwnership(analysis.model), catchAllUnowned);
    if (args.format === 'text') out.write(formatCoverageText(coverage));
    else out.write(JSON.stringify(minCoverage !== null ? { ...coverage, minCoverage } : coverage) + '\n');
    out.flush();
    if (minCoverage !== null && coverage.files.percent < minCoverage) {
      io.stderr(`northstar: ${coverage.files.percent}% of the files have owners, under the minimum of ${minCoverage}%.\n`);
      return 1;
    }
    return 0;
  }
  // --unowned: the workspace's files (git's list, or the walk's) that no line owns, in the given folders if any.
  const asked = args.unowned
    ? (analysis.files ?? []).filter((f) => (paths.length === 0 || insideAny(f, paths)) && !isOwned(analysis.ownersOf(f), catchAllUnowned))
    : paths;
  const entryOf = (p: string) => buildOwnersEntry(p, analysis.ownersOf(p), analysis.moduleOf(p)?.name ?? null, analysis.model.codeowners, args.explain);
  // JSON and NDJSON: each entry is built, written and dropped. Text aligns its columns, so it needs them all.
  if (args.format === 'json') writeOwnersJson(lazyMap(asked, entryOf), out.write);
  else if (args.format === 'ndjson') writeOwnersNdjson(lazyMap(asked, entryOf), out.write);
  else if (args.unowned) for (const p of asked) out.write(`${escapeTerminal(p)}\n`);
  else writeOwnersText(asked.map(entryOf), out.write);
  out.flush();
  return 0;
}

async function runDiagram(args: Extract<ParsedArgs, { command: 'diagram' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  if (args.focus !== null && !analysis.model.modules.some((m) => m.name === args.focus)) {
    throw new CliFailure(`--focus: no module named '${args.focus}'`);
  }
  const options: DiagramOptions = {
    groupBy: args.groupBy,
    collapse: args.collapse,
    focus: args.focus,
    ...(args.focus !== null && args.depth === 2 && { focusDepth: 2 }),
    ...(args.allDependencies && { allDependencies: true }),
  };
  // The Mermaid source starts with a `%% grouped by …` comment: which grouping, and why.
  io.stdout(args.format === 'md' ? diagramMarkdown(analysis.model, options) : buildDiagram(analysis.model, options).mermaid);
  return 0;
}

async function runSummary(args: Extract<ParsedArgs, { command: 'summary' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  const summary = buildSummary(analysis.model, analysis.config);
  if (args.format === 'md') {
    io.stdout(summaryMarkdown(summary));
    return 0;
  }
  const out = new ChunkWriter(io.stdout);
  writeJson(summary, out.write, { walkDepth: 1 });
  out.write('\n');
  out.flush();
  return 0;
}

async function runModel(args: Extract<ParsedArgs, { command: 'model' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  // In chunks, well-formed (lone surrogates as U+FFFD): the model of a big workspace is big.
  const out = new ChunkWriter(io.stdout);
  writeJson(analysis.model, out.write, { walkDepth: 2 });
  out.write('\n');
  out.flush();
  return 0;
}

/**
 * `northstar init`: the files initPlan proposes, each created only where nothing exists (O_EXCL:
 * not over a file, nor through a link), and only in a folder whose real path is inside the root.
 */
async function runInit(args: Extract<ParsedArgs, { command: 'init' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  const plan = initPlan({ model: analysis.model, ownersOf: analysis.ownersOf, files: analysis.files ?? [] });
  const realRoot = realpathSync.native(root);
  let created = 0;
  for (const file of plan) {
    const target = nodePath.join(root, ...file.path.split('/'));
    const shown = escapeTerminal(file.path);
    if (args.dryRun) {
      io.stdout(`would create ${shown}: ${escapeTerminal(file.what)}\n`);
      continue;
    }
    let folder: string;
    try {
      folder = realpathSync.native(nodePath.dirname(target));
    } catch (e) {
      io.stdout(`skipped ${shown}: its folder cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`);
      continue;
    }
    if (folder !== realRoot && !isInsideFolder(realRoot, folder)) {
      io.stdout(`skipped ${shown}: its folder leads outside the root\n`);
      continue;
    }
    try {
      await fsp.writeFile(nodePath.join(folder, nodePath.basename(target)), file.text, { encoding: 'utf8', flag: 'wx' });
      created++;
      io.stdout(`created ${shown}: ${escapeTerminal(file.what)}\n`);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      io.stdout(code === 'EEXIST' ? `kept ${shown}: it exists\n` : `skipped ${shown}: ${code ?? String(e)}\n`);
    }
  }
  if (plan.length === 0) io.stdout('Nothing to create: teams.yaml, vision.yaml and a contract for every module exist.\n');
  else if (!args.dryRun && created > 0) io.stdout(`\nComplete the TODOs in the files created, then run \`northstar check\`.\n`);
  return 0;
}

async function runExport(args: Extract<ParsedArgs, { command: 'export' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  const exported = buildBackstageExport(analysis.model, analysis.config);
  io.stdout(formatBackstageYaml(exported));
  if (exported.unowned.length > 0) {
    const shown = exported.unowned.slice(0, 5).map(escapeTerminal).join(', ');
    io.stderr(`northstar: ${exported.unowned.length} module(s) have no team and are not exported: ${shown}${exported.unowned.length > 5 ? ', …' : ''}\n`);
  }
  return 0;
}

/** The first line of a message, escaped for the terminal (it may quote a path or a name). */
function oneLine(text: string): string {
  return escapeTerminal(text.split(/\r?\n/)[0]);
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`northstar: ${oneLine(e.message)}\n`);
      return 2;
    }
    throw e;
  }
  let sink: { io: CliIO; close(): void } = { io, close: () => undefined };
  try {
    if ('outputFile' in args && args.outputFile !== null) sink = openOutputFile(nodePath.resolve(cwd, args.outputFile), io);
    return await run(args, sink.io, cwd);
  } catch (e) {
    if (e instanceof CliFailure || e instanceof UsageError) io.stderr(`northstar: ${oneLine(e.message)}\n`);
    else io.stderr(`northstar: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  } finally {
    sink.close();
  }
}

/**
 * `-o FILE`: the output goes to FILE, as UTF-8 without a byte-order mark (PowerShell's `>`
 * writes UTF-16, which GitLab's report parser refuses), written as it comes.
 */
function openOutputFile(file: string, io: CliIO): { io: CliIO; close(): void } {
  // Opened at the first write: a run that fails before any output leaves no empty report behind
  // (an upload step would take it for a clean run). The folder is checked now, for a clear error.
  let fd: number | null = null;
  const parent = nodePath.dirname(file);
  try {
    if (!statSync(parent).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (e) {
    throw new CliFailure(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const write = (text: string): void => {
    if (fd === null) {
      try {
        fd = openSync(file, 'w');
      } catch (e) {
        throw new CliFailure(`cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
      }
    }
    writeSync(fd, text, null, 'utf8');
  };
  return {
    io: { ...io, stdout: write },
    close: () => {
      if (fd !== null) closeSync(fd);
    },
  };
}

async function run(args: ParsedArgs, io: CliIO, cwd: string): Promise<number> {
  switch (args.command) {
    case 'help':
      io.stdout(USAGE[args.topic ?? 'main']);
      return 0;
    case 'version':
      io.stdout(`${VERSION}\n`);
      return 0;
    case 'check':
      return await runCheck(args, io, cwd);
    case 'owners':
      return await runOwners(args, io, cwd);
    case 'diagram':
      return await runDiagram(args, io, cwd);
    case 'summary':
      return await runSummary(args, io, cwd);
    case 'model':
      return await runModel(args, io, cwd);
    case 'export':
      return await runExport(args, io, cwd);
    case 'init':
      return await runInit(args, io, cwd);
  }
}
