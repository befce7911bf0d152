/**
 * Checks for data that crosses the boundary between the extension host and a webview page.
 * Either side may receive anything (a page runs workspace text through a browser; a host message
 * can be replayed or forged by script in the page), so every message is checked by one of these
 * before it is used. Pure TypeScript, no DOM and no 'vscode': both sides import it.
 */

/** A type guard for untrusted data. */
export type Check<T> = (value: unknown) => value is T;

/** Called with the reason a message was dropped. */
export type DropLog = (reason: string) => void;

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isString: Check<string> = (v): v is string => typeof v === 'string';
/** A finite number (JSON has no NaN or Infinity; a page could still send them through structured clone). */
export const isNumber: Check<number> = (v): v is number => typeof v === 'number' && Number.isFinite(v);
export const isBoolean: Check<boolean> = (v): v is boolean => typeof v === 'boolean';

export function nullable<T>(check: Check<T>): Check<T | null> {
  return (v): v is T | null => v === null || check(v);
}

export function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.every((item) => check(item));
}

export function oneOf<const T extends string | number>(...values: readonly T[]): Check<T> {
  return (v): v is T => (values as readonly unknown[]).includes(v);
}

/** An object with every listed field of the right kind (other fields are allowed and ignored). */
export function shape<T>(fields: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  const entries = Object.entries(fields) as [string, Check<unknown>][];
  return (v): v is T => isRecord(v) && entries.every(([key, check]) => check(v[key]));
}

/** An object with exactly the keys `keys`, each value passing `check` (`Record<'a' | 'b', number>`). */
export function recordOf<K extends string, V>(keys: readonly K[], check: Check<V>): Check<Record<K, V>> {
  return (v): v is Record<K, V> => isRecord(v) && keys.every((key) => check(v[key]));
}

/** A message type, or a short printable description of what came instead (for the log: never markup, never long). */
export function describe(raw: unknown): string {
  if (!isRecord(raw)) return raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`;
  const type = raw.type;
  if (typeof type !== 'string') return 'a message without a type';
  const printable = type.replace(/[^\w.-]/g, '?');
  return `'${printable.length > 40 ? `${printable.slice(0, 40)}…` : printable}'`;
}

/**
 * Checks a message against its kind's parser, chosen by its `type` field. A parser returns the
 * message rebuilt from the fields it checked (so nothing unchecked travels on), or undefined
 * when it is malformed. Unknown and malformed messages are reported to `log` and dropped.
 */
export function parseByType<M>(
  raw: unknown,
  parsers: Readonly<Record<string, (m: Record<string, unknown>) => M | undefined>>,
  log: DropLog | undefined,
): M | undefined {
  const kind = describe(raw);
  if (!isRecord(raw) || typeof raw.type !== 'string') {
    log?.(`dropped ${kind}: not a message`);
    return undefined;
  }
  const parse = Object.prototype.hasOwnProperty.call(parsers, raw.type) ? parsers[raw.type] : undefined;
  if (!parse) {
    log?.(`dropped a message of unknown type ${kind}`);
    return undefined;
  }
  const message = parse(raw);
  if (message === undefined) log?.(`dropped a malformed ${kind} message`);
  return message;
}
