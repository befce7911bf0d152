/**
 * `vision.yaml` (DESIGN.md 1.5): direction, 3 to 5 priorities with success metrics, and
 * capacity allocation. Counting priorities and summing capacity are strategy rules, not
 * schema errors, so they are not checked here.
 */
import type { Draft, Metric, MetricSample } from '../model/types';
import type { ParseResult, PriorityDecl, VisionFile } from './types';
import { readInitiatives } from './initiative';
import { validateAgainstSchema } from './schema';
import { emptyFile, notNorthstars, parseSingleYaml, readFailure, type YamlDoc } from './yaml';

export const VISION_FILE_NAMES: readonly string[] = ['vision.yaml', 'vision.yml'];

/** Read a `vision.yaml`. Never throws. */
export function parseVision(text: string, file: string): ParseResult<VisionFile> {
  try {
    const { doc, problems } = parseSingleYaml(text, file);
    const empty: VisionFile = {
      vision: { file, direction: null, why: null, capabilities: [], capacity: null, capacityLocation: null },
      priorities: [],
      prioritiesLocation: null,
    };
    if (!doc) {
      if (problems.length === 0) problems.push(emptyFile(file, text));
      return { value: empty, problems };
    }
    const foreign = notNorthstars(doc, file, 'Vision');
    if (foreign) return { value: null, problems: [foreign] };
    if (!doc.hasSyntaxErrors) for (const item of validateAgainstSchema('vision', doc)) problems.push(item);
    const root = doc.root;
    const vision = doc.get(root, 'vision');

    const priorities: PriorityDecl[] = [];
    for (const item of doc.items(doc.get(root, 'priorities'))) {
      const id = doc.located(doc.get(item, 'id'));
      if (!id) continue;
      const metrics: Metric[] = [];
      for (const metricNode of doc.items(doc.get(item, 'metrics'))) {
        const name = doc.located(doc.get(metricNode, 'name'));
        if (!name) continue;
        const metric: Draft<Metric> = { name: name.value.trim(), location: doc.loc(metricNode) };
        const unit = doc.str(doc.get(metricNode, 'unit'));
        if (unit !== null) metric.unit = unit;
        for (const key of ['baseline', 'current', 'target'] as const) {
          const value = doc.num(doc.get(metricNode, key));
          if (value !== null) metric[key] = value;
        }
        const history = metricSamples(doc, doc.get(metricNode, 'history'));
        if (history.length > 0) metric.history = history;
        metrics.push(metric);
      }
      const owner = doc.located(doc.get(item, 'owner'));
      priorities.push({
        id: id.value.trim(),
        title: doc.str(doc.get(item, 'title'))?.trim() || id.value.trim(),
        owner: owner ? { value: owner.value.trim(), location: owner.location } : null,
        metrics,
        location: id.location,
        initiatives: readInitiatives(doc, doc.get(item, 'initiatives')),
      });
    }

    let capacity: Record<string, number> | null = null;
    const capacityNode = doc.get(root, 'capacity');
    if (capacityNode !== null) {
      for (const pair of doc.entries(capacityNode)) {
        const key = doc.keyText(pair);
        const value = doc.num(pair.value);
        // Defined, not assigned: a category named `__proto__` is a category like any other.
        if (key !== null && value !== null) Object.defineProperty((capacity ??= {}), key, { value, enumerable: true, writable: true, configurable: true });
      }
    }

    return {
      value: {
        vision: {
          file,
          direction: doc.str(doc.get(vision, 'direction')),
          why: doc.str(doc.get(vision, 'why')),
          capabilities: doc.strings(doc.get(vision, 'capabilities')).map((c) => c.value),
          capacity,
          capacityLocation: doc.keyLoc(root, 'capacity'),
        },
        priorities,
        prioritiesLocation: doc.keyLoc(root, 'priorities'),
      },
      problems,
    };
  } catch (error) {
    return { value: null, problems: [readFailure(file, error)] };
  }
}

/**
 * A metric's `history:` samples, oldest first. A sample without a real `YYYY-MM-DD` date or a
 * numeric value is left out (the schema reports it with its position).
 */
function metricSamples(doc: YamlDoc, node: unknown): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const item of doc.items(node)) {
    const date = doc.str(doc.get(item, 'date'))?.trim() ?? '';
    const value = doc.num(doc.get(item, 'value'));
    if (value !== null && Number.isFinite(value) && isCalendarDate(date)) samples.push({ date, value });
  }
  // Stable: two samples of one day keep the order written.
  return samples.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** `YYYY-MM-DD` naming a day that exists (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === text;
}
