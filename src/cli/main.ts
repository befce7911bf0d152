/**
 * `northstar`: argv → exit code. Everything the process touches comes through `io` (output,
 * stdin, current directory) so that tests run the same cases in-process and spawned.
 * Exit codes: 0 success, 1 findings over the limit (check), 2 bad usage, a missing or
 * unreadable root, or an internal error — always with a one-line message, never a stack.
 */
import { promises as fsp, realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { analyzeWorkspace } from '../core/analyze';
import type { Analysis } from '../core/api';
import { normalizePath } from '../core/fs';
import type { Finding } from '../core/model/types';
import { checkWriters, countSeverities, SARIF_MAX_RESULTS } from '../core/report';
import { buildDiagram } from '../core/report/mermaid';
import { buildOwnersEntry, writeOwnersJson, writeOwnersText } from '../core/report/owners';
import { escapeTerminal } from '../core/report/escape';
import { ChunkWriter, lazyMap, writeJson } from '../core/report/stream';
import { buildSummary, summaryMarkdown } from '../core/report/summary';
import packageJson from '../../package.json';
import { parseArgs, UsageError, USAGE, type ParsedArgs } from './args';
import { changedFiles, GitError } from './git';
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
 */
function realPathOf(path: string): string {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    try {
      return rest.length === 0 ? realpathSync(at) : nodePath.join(realpathSync(at), ...rest.reverse());
    } catch {
      const parent = nodePath.dirname(at);
      if (parent === at) return path;
      rest.push(nodePath.basename(at));
      at = parent;
    }
  }
}

/**
 * A path from the command line as a root-relative path. Absolute paths are taken as they
 * are; a relative path is relative to the current directory when that is inside the root
 * (as git does), else to the root. Root, current directory and path are compared by their
 * real paths: a root given through a symbolic link holds the real paths inside its target
 * (a shell's current directory is a real path).
 */
export function toRootRelative(root: string, cwd: string, given: string): string {
  const native = given.replace(/[\\/]/g, nodePath.sep);
  const realRoot = realPathOf(root);
  const realCwd = realPathOf(cwd);
  let absolute: string;
  if (nodePath.isAbsolute(native)) absolute = native;
  else {
    const fromCwd = nodePath.relative(realRoot, realCwd);
    const cwdInside = fromCwd === '' || (!fromCwd.startsWith('..') && !nodePath.isAbsolute(fromCwd));
    absolute = nodePath.resolve(cwdInside ? realCwd : realRoot, native);
  }
  // The folders on the way are resolved; the last name is kept (a link is owned by its own path, as GitHub matches it).
  const resolved = realPathOf(absolute) === realRoot ? realRoot : nodePath.join(realPathOf(nodePath.dirname(absolute)), nodePath.basename(absolute));
  const relative = nodePath.relative(realRoot, resolved);
  if (relative === '..' || relative.startsWith('..' + nodePath.sep) || nodePath.isAbsolute(relative)) {
    throw new CliFailure(`path is outside the root: ${given}`);
  }
  return normalizePath(toSlashes(relative));
}

async function analyze(root: string): Promise<Analysis> {
  return analyzeWorkspace(new NodeFileAccess(root), localAnalyzeOptions(root));
}

function insideAny(file: string, folders: readonly string[]): boolean {
  return folders.some((p) => p === '' || file === p || file.startsWith(p + '/'));
}

async function runCheck(args: Extract<ParsedArgs, { command: 'check' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const paths = args.paths.map((p) => toRootRelative(root, cwd, p));
  let changed: string[] | null = null;
  if (args.changedSince !== null) {
    try {
      changed = await changedFiles(root, args.changedSince);
    } catch (e) {
      if (e instanceof GitError) throw new CliFailure(`--changed-since ${args.changedSince}: ${e.message}`);
      throw e;
    }
  }
  const options = localAnalyzeOptions(root);
  const analysis = await analyzeWorkspace(new NodeFileAccess(root), options);
  // SARIF and GitLab name files from the repository root (GitHub and GitLab look there), not from --root.
  const prefix = options.repository?.prefix ?? '';
  let findings: readonly Finding[] = analysis.model.findings;
  if (paths.length > 0) findings = findings.filter((f) => insideAny(f.file, paths));
  if (changed !== null) {
    const changedSet = new Set(changed);
    const touched = new Set<string>();
    for (const file of changed) {
      const m = analysis.moduleOf(file);
      if (m) touched.add(m.name);
    }
    findings = findings.filter((f) => {
      if (changedSet.has(f.file)) return true;
      if (f.module !== null) return touched.has(f.module);
      const m = analysis.moduleOf(f.file);
      return m !== undefined && touched.has(m.name);
    });
  }
  // In chunks of about 64 KB: 400,000 findings are hundreds of megabytes of SARIF.
  const budget = new GzipBudget();
  const out = new ChunkWriter(args.format === 'sarif' ? budget.sink(io.stdout) : io.stdout);
  checkWriters[args.format](
    {
      findings,
      rules: analysis.rules,
      modules: analysis.model.modules.length,
      version: VERSION,
      hash: sha256Hex,
      prefix,
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
  const counts = countSeverities(findings);
  if (counts.errors > 0) return 1;
  if (args.maxWarnings >= 0 && counts.warnings > args.maxWarnings) {
    io.stderr(`northstar: too many warnings (${counts.warnings}); the maximum allowed is ${args.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

async function runOwners(args: Extract<ParsedArgs, { command: 'owners' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const given = [...args.paths];
  if (args.stdin) {
    if (!io.readStdin) throw new CliFailure('--stdin: standard input is not available');
    const text = await io.readStdin();
    for (const line of text.split(/\r?\n/)) if (line.trim() !== '') given.push(line.trim());
  }
  const paths = given.map((p) => toRootRelative(root, cwd, p));
  const analysis = await analyze(root);
  const entryOf = (p: string) => buildOwnersEntry(p, analysis.ownersOf(p), analysis.moduleOf(p)?.name ?? null, analysis.model.codeowners);
  const out = new ChunkWriter(io.stdout);
  // JSON: each entry is built, written and dropped. Text aligns its columns, so it needs them all.
  if (args.json) writeOwnersJson(lazyMap(paths, entryOf), out.write);
  else writeOwnersText(paths.map(entryOf), out.write);
  out.flush();
  return 0;
}

async function runDiagram(args: Extract<ParsedArgs, { command: 'diagram' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  if (args.focus !== null && !analysis.model.modules.some((m) => m.name === args.focus)) {
    throw new CliFailure(`--focus: no module named '${args.focus}'`);
  }
  const diagram = buildDiagram(analysis.model, {
    groupBy: args.groupBy,
    collapse: args.collapse,
    focus: args.focus,
    ...(args.allDependencies && { allDependencies: true }),
  });
  io.stdout(diagram.mermaid);
  return 0;
}

async function runSummary(args: Extract<ParsedArgs, { command: 'summary' }>, io: CliIO, cwd: string): Promise<number> {
  const root = await openRoot(cwd, args.root);
  const analysis = await analyze(root);
  const summary = buildSummary(analysis.model);
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
  try {
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
    }
  } catch (e) {
    if (e instanceof CliFailure || e instanceof UsageError) io.stderr(`northstar: ${oneLine(e.message)}\n`);
    else io.stderr(`northstar: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}
