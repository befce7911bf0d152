/**
 * Experiments (DESIGN.md 1.8): `experiment:` in a service contract, or the same mapping as a YAML
 * string in a catalog entity's annotation `northstar.dev/experiment`. Both read into one
 * `ExperimentDecl` here, with positions in the file that declares it: for the annotation, the
 * inner YAML's positions are mapped back into the annotation's value where the text allows it
 * (a block scalar `|`, or a one-line value), else they point at the whole value.
 */
import { isMap, isScalar, type Scalar } from 'yaml';
import type { ExperimentDecision, SourceLocation } from '../model/types';
import type { ExperimentDecl, Located, ParseProblem } from './types';
import { validateAgainstSchema } from './schema';
import { parseSingleYaml, type YamlDoc } from './yaml';

/** The catalog annotation that carries a Backstage entity's experiment. */
export const EXPERIMENT_ANNOTATION = 'northstar.dev/experiment';

export const EXPERIMENT_DECISIONS: readonly ExperimentDecision[] = ['scale', 'stop', 'extend'];

function trimmed(doc: YamlDoc, node: unknown): Located | null {
  const value = doc.located(node);
  return value ? { value: value.value.trim(), location: value.location } : null;
}

/** A string or a number (a target may be either), as text. */
function scalarText(doc: YamlDoc, node: unknown): Located | null {
  const n = doc.deref(node);
  if (!isScalar(n)) return null;
  if (typeof n.value === 'number' && Number.isFinite(n.value)) return { value: String(n.value), location: doc.loc(n) };
  return trimmed(doc, n);
}

/**
 * Read an experiment mapping. Null when there is none (no key, or an empty value); a value of the
 * wrong shape is a schema problem and reads as an experiment with nothing in it, so that rules
 * still see that one was meant.
 */
export function readExperiment(doc: YamlDoc, node: unknown, location: SourceLocation): ExperimentDecl | null {
  const n = doc.deref(node);
  if (n === null || (isScalar(n) && (n.value === null || n.value === ''))) return null;
  const criterionNode = doc.get(n, 'successCriterion');
  const decision = trimmed(doc, doc.get(n, 'decision'));
  return {
    hypothesis: doc.str(doc.get(n, 'hypothesis'))?.trim() || null,
    successCriterion: isMap(criterionNode)
      ? {
          metric: trimmed(doc, doc.get(criterionNode, 'metric')),
          target: scalarText(doc, doc.get(criterionNode, 'target')),
          by: trimmed(doc, doc.get(criterionNode, 'by')),
          location: doc.loc(criterionNode),
        }
      : null,
    started: trimmed(doc, doc.get(n, 'started')),
    decideBy: trimmed(doc, doc.get(n, 'decideBy')),
    decision:
      decision && (EXPERIMENT_DECISIONS as readonly string[]).includes(decision.value)
        ? { value: decision.value as ExperimentDecision, location: decision.location }
        : null,
    location,
  };
}

/** Does the experiment state a measurable criterion: a metric and a target? */
export function hasMeasurableCriterion(experiment: Pick<ExperimentDecl, 'successCriterion'>): boolean {
  const c = experiment.successCriterion;
  return c !== null && c.metric !== null && c.target !== null;
}

/**
 * Where each line of the annotation's text starts in the catalog file (text offsets), when the
 * value is written so that its text is the file's text: a literal block (`|`) whose lines are
 * the file's lines less the indentation, or a value on one line with no escapes. Null otherwise.
 */
function lineStarts(outer: YamlDoc, node: Scalar, inner: string): number[] | null {
  const range = node.range;
  if (!range) return null;
  const text = outer.text;
  const lines = inner.split('\n');
  if (node.type === 'BLOCK_LITERAL') {
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    let pos = text.indexOf('\n', range[0]);
    if (pos < 0) return null;
    pos++;
    let indent = -1;
    const starts: number[] = [];
    for (const line of lines) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const written = text.slice(pos, end).replace(/\r$/, '');
      if (line === '') {
        if (written.trim() !== '') return null;
      } else {
        if (indent < 0) indent = written.length - written.trimStart().length;
        if (written !== ' '.repeat(indent) + line) return null;
      }
      starts.push(pos + Math.max(indent, 0));
      pos = end + 1;
    }
    return starts;
  }
  if (lines.length !== 1) return null;
  const quote = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
  const start = range[0] + quote;
  return text.slice(start, start + inner.length) === inner ? [start] : null;
}

/** Maps a location in the annotation's own text to the catalog file. */
type Remap = (location: SourceLocation) => SourceLocation;

function remapper(outer: YamlDoc, node: Scalar, inner: string): Remap {
  const whole = outer.loc(node);
  const starts = lineStarts(outer, node, inner);
  if (!starts) return () => whole;
  const offset = (line: number, column: number): number | null => (line >= 1 && line <= starts.length ? starts[line - 1] + column - 1 : null);
  return (location) => {
    const a = offset(location.line, location.column);
    const b = offset(location.endLine, location.endColumn);
    if (a === null) return whole;
    return outer.offsets(a, b === null || b < a ? a + 1 : Math.max(b, a + 1));
  };
}

function remapLocated<T extends string>(value: Located<T> | null, remap: Remap): Located<T> | null {
  return value ? { value: value.value, location: remap(value.location) } : null;
}

/**
 * The experiment of a catalog entity: its annotation `northstar.dev/experiment` parsed as YAML
 * and checked against the contract schema's `experiment`. Problems (YAML and schema) are added
 * to `problems` at their place inside the annotation's value. Never throws.
 */
export function experimentAnnotation(doc: YamlDoc, annotations: unknown, problems: ParseProblem[]): ExperimentDecl | null {
  const pair = doc.pair(annotations, EXPERIMENT_ANNOTATION);
  if (!pair) return null;
  const node = doc.deref(pair.value);
  const where = doc.pairValueLoc(pair);
  const prefix = `annotation ${EXPERIMENT_ANNOTATION}`;
  if (!isScalar(node) || typeof node.value !== 'string') {
    problems.push({ ruleId: 'contracts/schema', message: `${prefix} must be a string holding a YAML mapping (hypothesis, successCriterion, started, decideBy, decision)`, location: where });
    return null;
  }
  const inner = node.value;
  if (inner.trim() === '') return null;
  const remap = remapper(doc, node as Scalar, inner);
  const parsed = parseSingleYaml(inner, doc.file);
  for (const p of parsed.problems) problems.push({ ...p, message: `${prefix}: ${p.message}`, location: remap(p.location) });
  const innerDoc = parsed.doc;
  // Text that does not parse is reported above; guessing its shape would only add findings about a guess.
  if (!innerDoc || innerDoc.hasSyntaxErrors) return null;
  for (const p of validateAgainstSchema('experiment', innerDoc)) problems.push({ ...p, message: `${prefix}: ${p.message}`, location: remap(p.location) });
  const read = readExperiment(innerDoc, innerDoc.root, where);
  if (!read) return null;
  const c = read.successCriterion;
  return {
    hypothesis: read.hypothesis,
    successCriterion: c
      ? { metric: remapLocated(c.metric, remap), target: remapLocated(c.target, remap), by: remapLocated(c.by, remap), location: remap(c.location) }
      : null,
    started: remapLocated(read.started, remap),
    decideBy: remapLocated(read.decideBy, remap),
    decision: remapLocated(read.decision, remap),
    location: where,
  };
}
