/**
 * How a metric's unit is shown after its number: one decision for every surface (the summary's
 * Markdown and page, hovers). A unit that only says "a number of things" (`count`, `counts`, or
 * none) adds nothing: `0 → 0 → 3`, not `0 count → 0 count → 3 count`. `%` is written against the
 * number (`99.5%`); any other unit follows a space (`48 min`). The text is raw: each surface
 * escapes it for its medium.
 */
export interface ShownUnit {
  readonly text: string;
  /** A space between the number and the unit. */
  readonly spaced: boolean;
}

const BARE_UNITS: ReadonlySet<string> = new Set(['', 'count', 'counts']);

export function shownUnit(unit: string | null | undefined): ShownUnit | null {
  if (typeof unit !== 'string') return null;
  const text = unit.trim();
  if (BARE_UNITS.has(text.toLowerCase())) return null;
  return { text, spaced: text !== '%' };
}
