import type { CodeownersFile, CodeownersRule, Fix } from '../../model/types';
import type { OwnershipIndex } from '../../sources/codeowners/ownership';
import { compilePattern, programMatches, type Program } from '../../sources/codeowners/pattern';
import { at, codeownersUsage, nearest } from '../helpers';
import type { FileTree } from '../indexes';
import type { Rule, RuleContext } from '../rule';

/** At most this many "did you mean" repairs of a dead pattern. */
const MAX_REPAIRS = 3;
/**
 * Repairs are looked for on this many dead lines per run: a CODEOWNERS that still lists thousands
 * of removed folders gets "remove the line" on each, and no search per line.
 */
const MAX_REPAIRED_LINES = 50;

function removeLine(rule: CodeownersRule): Fix {
  return {
    title: `Remove line ${rule.line} ("${rule.pattern}")`,
    edits: [{ file: rule.file, range: { line: rule.line, column: 1, endLine: rule.line + 1, endColumn: 1 }, newText: '' }],
  };
}

/**
 * The existing paths nearest an anchored plain dead pattern (a renamed or mistyped folder or
 * file): the entries of its deepest existing folder, compared with `closest`'s bar, written the
 * same way (leading and trailing `/` kept), each only when the repaired line would win a file (not
 * be shadowed by later lines) and does not repeat a pattern of the file. None for a pattern with
 * wildcards or one that matches at any depth (no `/` but a trailing one).
 */
function repairs(ctx: RuleContext, codeowners: CodeownersFile, rule: CodeownersRule, tree: FileTree, written: ReadonlySet<string>, memo: Map<number, readonly string[]> | null): Fix[] {
  let patterns = memo?.get(rule.index);
  if (!patterns) {
    patterns = repairPatterns(ctx, codeowners, rule, tree, written);
    memo?.set(rule.index, patterns);
  }
  return patterns.map((pattern) => ({ title: `Change "${rule.pattern}" to "${pattern}"`, edits: [{ file: rule.file, range: rule.patternRange, newText: pattern }] }));
}

/** The patterns `repairs` offers for `rule`, nearest first. */
function repairPatterns(ctx: RuleContext, codeowners: CodeownersFile, rule: CodeownersRule, tree: FileTree, written: ReadonlySet<string>): string[] {
  if (/[*?[\\!]/.test(rule.pattern)) return [];
  const lead = rule.pattern.startsWith('/') ? '/' : '';
  const trail = rule.pattern.endsWith('/') && rule.pattern.length > 1 ? '/' : '';
  const core = rule.pattern.slice(lead.length, rule.pattern.length - trail.length);
  if (core === '' || (lead === '' && !core.includes('/'))) return [];
  let parent = core.includes('/') ? core.slice(0, core.lastIndexOf('/')) : '';
  while (parent !== '' && !tree.folders.has(parent)) parent = parent.includes('/') ? parent.slice(0, parent.lastIndexOf('/')) : '';
  const entries = tree.children.get(parent);
  if (!entries) return [];
  const candidates = trail === '/' ? entries.folders : [...entries.folders, ...entries.files];
  const found: string[] = [];
  for (const candidate of nearest(core, candidates, MAX_REPAIRS * 3)) {
    const pattern = `${lead}${candidate}${trail}`;
    if (written.has(pattern) || !wins(ctx, codeowners, rule, pattern, tree)) continue;
    found.push(pattern);
    if (found.length === MAX_REPAIRS) break;
  }
  return found;
}

/**
 * Repair patterns found per dead line (by rule index), kept while the file tree is the same and
 * CODEOWNERS has the same patterns and decides every path as before (an edit of owners or
 * comments, the common CODEOWNERS edit): what a repair is offered for depends on nothing else.
 * Patterns, not fixes, since the lines may have moved. Keyed by the tree: dropped with it.
 */
const repairMemo = new WeakMap<FileTree, { index: OwnershipIndex; patterns: readonly string[]; byRule: Map<number, readonly string[]> }>();

function repairMemoOf(ctx: RuleContext, codeowners: CodeownersFile, tree: FileTree): Map<number, readonly string[]> | null {
  const index = ctx.ownership;
  if (!index || index.file !== codeowners) return null;
  const patterns = codeowners.rules.map((r) => r.pattern);
  const kept = repairMemo.get(tree);
  if (kept && (kept.index === index || index.decidesAs(kept.index)) && kept.patterns.length === patterns.length && kept.patterns.every((p, i) => p === patterns[i])) {
    kept.index = index;
    return kept.byRule;
  }
  const byRule = new Map<number, readonly string[]>();
  repairMemo.set(tree, { index, patterns, byRule });
  return byRule;
}

/** Files a repaired line would be checked on: at most this many under its folder. */
const MAX_CHECKED_FILES = 1000;

/**
 * Candidate patterns compiled, kept across runs: after a CODEOWNERS edit the same dead lines get
 * the same candidates, and compiling them was most of this rule's time. Bounded: cleared when full.
 */
const compiled = new Map<string, Program>();
const MAX_COMPILED = 4096;

function compiledPattern(pattern: string, dialect: CodeownersFile['dialect']): Program {
  const key = `${dialect}\u0000${pattern}`;
  let program = compiled.get(key);
  if (!program) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    program = compilePattern(pattern, dialect);
    compiled.set(key, program);
  }
  return program;
}

/** Would `pattern` (a workspace path, with `/`s as written), put at `rule`'s place, decide the owners of some file under it (not be shadowed by later lines)? */
function wins(ctx: RuleContext, codeowners: CodeownersFile, rule: CodeownersRule, pattern: string, tree: FileTree): boolean {
  const program = compiledPattern(pattern, codeowners.dialect);
  const path = pattern.replace(/^\//, '').replace(/\/$/, '');
  const sameSection = (r: CodeownersRule) => (r.section ?? '').toLowerCase() === (rule.section ?? '').toLowerCase();
  let checked = 0;
  const stack = [path];
  const files: string[] = tree.folders.has(path) ? [] : [path];
  while (stack.length > 0 && files.length < MAX_CHECKED_FILES) {
    const e = tree.children.get(stack.pop() as string);
    if (!e) continue;
    for (const f of e.files) files.push(f);
    for (const f of e.folders) stack.push(f);
  }
  for (const file of files) {
    if (checked++ >= MAX_CHECKED_FILES) break;
    if (!programMatches(program, file.split('/'))) continue;
    const deciding = ctx.ownersOf(file).rules.find(sameSection);
    if (!deciding || deciding.index < rule.index) return true;
  }
  return false;
}

export const noMatch: Rule = {
  meta: {
    id: 'codeowners/no-match',
    title: 'CODEOWNERS pattern matching no file',
    gap: { one: 'CODEOWNERS pattern that matches no file', other: 'CODEOWNERS patterns that match no file' },
    description: 'A CODEOWNERS pattern that matches no file of the workspace.',
    defaultSeverity: 'warning',
    wholeRepository: true,
    uses: ['codeownersUsage'],
    reads: ['files', 'codeowners'],
  },
  check(ctx) {
    const codeowners = ctx.codeowners;
    if (!codeowners || codeowners.rules.length === 0) return;
    const usage = codeownersUsage(ctx, codeowners);
    // GitLab reads a path without a trailing `/` as a file: `/docs` owns no file of the folder
    // `docs/`. Such a line is not stale, it lacks its `/` (the folders are gathered on first need).
    let names: Set<string> | null = null;
    const isFolder = (pattern: string): boolean => {
      const folders = ctx.indexes.fileTree().folders;
      const path = pattern.startsWith('/') ? pattern.slice(1) : pattern;
      if (pattern.slice(1).includes('/') || pattern.startsWith('/')) return folders.has(path);
      names ??= new Set([...folders].map((folder) => folder.slice(folder.lastIndexOf('/') + 1)));
      return names.has(path);
    };
    let repair: { tree: FileTree; written: Set<string>; lines: number; memo: Map<number, readonly string[]> | null } | null = null;
    const repairsOf = (rule: CodeownersRule): Fix[] => {
      if (!repair) {
        const tree = ctx.indexes.fileTree();
        repair = { tree, written: new Set(codeowners.rules.map((r) => r.pattern)), lines: 0, memo: repairMemoOf(ctx, codeowners, tree) };
      }
      if (repair.lines++ >= MAX_REPAIRED_LINES) return [];
      return repairs(ctx, codeowners, rule, repair.tree, repair.written, repair.memo);
    };
    for (const rule of codeowners.rules) {
      if (rule.exclusion || (usage.matched[rule.index] ?? 0) > 0) continue;
      const plain = !rule.pattern.endsWith('/') && !/[*?[\\]/.test(rule.pattern);
      if (codeowners.dialect === 'gitlab' && plain && isFolder(rule.pattern)) {
        ctx.report({
          message: `Pattern "${rule.pattern}" matches no file: GitLab reads a path without a trailing "/" as a file, and "${rule.pattern}" is a folder. Write "${rule.pattern}/" to own the files in it.`,
          location: at(rule.file, rule.patternRange),
          module: null,
          fixes: [{ title: `Change "${rule.pattern}" to "${rule.pattern}/"`, edits: [{ file: rule.file, range: rule.patternRange, newText: `${rule.pattern}/` }] }, removeLine(rule)],
        });
        continue;
      }
      ctx.report({
        message: `Pattern "${rule.pattern}" matches no file: fix the path (renamed or moved?) or remove the line.`,
        location: at(rule.file, rule.patternRange),
        module: null,
        fixes: [...repairsOf(rule), removeLine(rule)],
      });
    }
  },
};
