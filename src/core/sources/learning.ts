/**
 * Postmortems, demos and reviews (DESIGN 1.8): Markdown files in the learning folders
 * (`docs/postmortems/` unless `.northstar.yaml` sets `learning.folders`) whose YAML front matter
 * says what happened, which modules and priorities it concerns, and which actions follow.
 *
 * The front matter is the text between a first line `---` and the next line `---` (or `...`).
 * It is parsed as YAML with the lines before it kept as empty lines, so every position the
 * `yaml` library gives is the Markdown file's own line and column.
 */
import type { LearningAction, LearningKind, LearningRecord, Reference, SourceLocation } from '../model/types';
import type { Located, ParseResult } from './types';
import { validateAgainstSchema } from './schema';
import { LineIndex } from './text';
import { parseSingleYaml, readFailure, type YamlDoc } from './yaml';

/** Where postmortems, demos and reviews live unless `.northstar.yaml` says otherwise. */
export const DEFAULT_LEARNING_FOLDERS: readonly string[] = ['docs/postmortems'];

const KINDS: readonly LearningKind[] = ['postmortem', 'demo', 'review'];

/**
 * A Markdown file under one of `folders` (at any depth). A folder's `README.md` (what the folder
 * is for) and files whose name starts with `_` (templates such as `_template.md`) are not notes.
 */
export function isLearningFile(path: string, folders: readonly string[]): boolean {
  // Asked for every file: one that does not end in `d` or `n` (any case) is no `.md` or `.markdown`.
  const last = path.charCodeAt(path.length - 1) | 0x20;
  if (last !== 0x64 && last !== 0x6e) return false;
  const slash = path.lastIndexOf('/');
  const base = path.slice(slash + 1);
  const lower = base.toLowerCase();
  if (!(lower.endsWith('.md') || lower.endsWith('.markdown'))) return false;
  if (lower === 'readme.md' || lower === 'readme.markdown' || base.startsWith('_')) return false;
  return folders.some((folder) => folder !== '' && path.startsWith(`${folder}/`));
}

/** The front matter of a Markdown text: YAML whose lines keep their numbers, or why there is none. */
export function frontMatter(text: string): { yaml: string } | { missing: true } | { unclosed: true } {
  const firstEnd = text.indexOf('\n');
  const first = (firstEnd < 0 ? text : text.slice(0, firstEnd)).replace(/^\uFEFF/, '').trimEnd();
  if (first !== '---' || firstEnd < 0) return { missing: true };
  let at = firstEnd + 1;
  while (at <= text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).trimEnd();
    if (line === '---' || line === '...') return { yaml: `\n${text.slice(firstEnd + 1, at)}` };
    at = end + 1;
  }
  return { unclosed: true };
}

function dateOf(doc: YamlDoc, node: unknown): string | null {
  const value = doc.str(node)?.trim() ?? null;
  return value !== null && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value.slice(0, 10))) ? value.slice(0, 10) : null;
}

function references(located: readonly Located[]): Reference[] {
  return located.map((l) => ({ name: l.value.trim(), location: l.location }));
}

/** Read one note's front matter. Never throws. `overdue` is decided later, against the analysis' today. */
export function parseLearning(text: string, file: string): ParseResult<LearningRecord> {
  try {
    const found = frontMatter(text);
    const firstLine: SourceLocation = new LineIndex(text).lineLocation(file, 1);
    if ('missing' in found) {
      return {
        value: null,
        problems: [{
          ruleId: 'workspace/skipped',
          message: `${file} was not read as a postmortem, demo or review: it has no YAML front matter. Start it with a "---" line, then "kind", "date", "title" and the rest, then another "---" line.`,
          location: firstLine,
        }],
      };
    }
    if ('unclosed' in found) {
      return {
        value: null,
        problems: [{ ruleId: 'contracts/yaml', message: `The front matter of ${file} has no closing "---" line, so it was not read.`, location: firstLine }],
      };
    }
    const { doc, problems } = parseSingleYaml(found.yaml, file);
    if (!doc) return { value: null, problems };
    if (!doc.hasSyntaxErrors) for (const p of validateAgainstSchema('learning', doc)) problems.push(p);
    const root = doc.root;
    const kind = doc.str(doc.get(root, 'kind'))?.trim() as LearningKind | undefined;
    // Without a known kind it is no note Northstar understands; the schema problem says why.
    if (kind === undefined || !KINDS.includes(kind)) return { value: null, problems };
    const title = doc.located(doc.get(root, 'title'));
    const severityNode = doc.get(root, 'severity');
    const severity = doc.str(severityNode)?.trim() || (doc.num(severityNode) !== null ? String(doc.num(severityNode)) : null);
    const actions: LearningAction[] = [];
    for (const item of doc.items(doc.get(root, 'actions'))) {
      const actionTitle = doc.located(doc.get(item, 'title'));
      if (!actionTitle) continue;
      const dueNode = doc.get(item, 'due');
      const due = dateOf(doc, dueNode);
      actions.push({
        title: actionTitle.value.trim(),
        owner: doc.str(doc.get(item, 'owner'))?.trim() || null,
        due,
        done: doc.nodeToJS(doc.get(item, 'done')) === true,
        overdue: false,
        location: actionTitle.location,
        dueLocation: due === null ? null : doc.loc(dueNode),
      });
    }
    const slash = file.lastIndexOf('/');
    return {
      value: {
        file,
        kind,
        date: dateOf(doc, doc.get(root, 'date')),
        title: title?.value.trim() ?? file.slice(slash + 1),
        severity,
        modules: references(doc.strings(doc.get(root, 'modules'))),
        priorities: references(doc.strings(doc.get(root, 'priorities'))),
        actions,
        location: title?.location ?? doc.documentLocation(),
      },
      problems,
    };
  } catch (error) {
    return { value: null, problems: [readFailure(file, error)] };
  }
}
