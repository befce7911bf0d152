/**
 * Output in chunks. A report of 400,000 findings is hundreds of megabytes as one string (and
 * V8 refuses strings past about 512 MB); built as one object tree and then stringified it
 * holds both at once. The reporters instead write pieces to a `Write` sink, which
 * `ChunkWriter` gathers into chunks of about 64 KB for the CLI's `io.stdout`.
 *
 * `writeJson` prints exactly what `JSON.stringify(value, null, 2)` prints, except that lone
 * UTF-16 surrogates become U+FFFD (strict JSON parsers reject `"\ud800"`), walking containers
 * down to `walkDepth` and stringifying what lies deeper in one piece. A non-array iterable (a
 * generator) is written as an array, element by element, so a caller need not build it.
 */
import { wellFormed } from './escape';

export type Write = (chunk: string) => void;

/** Gathers small pieces into chunks of about `size` characters for `sink`; call `flush()` at the end. */
export class ChunkWriter {
  private parts: string[] = [];
  private length = 0;

  constructor(
    private readonly sink: Write,
    private readonly size = 64 * 1024,
  ) {}

  readonly write: Write = (piece) => {
    if (piece === '') return;
    this.parts.push(piece);
    this.length += piece.length;
    if (this.length >= this.size) this.flush();
  };

  flush(): void {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.sink(chunk);
  }
}

/** What a writer printed, as one string (for the `format*` functions and tests). */
export function collect(print: (write: Write) => void): string {
  const parts: string[] = [];
  print((piece) => void parts.push(piece));
  return parts.join('');
}

/** Strings and object keys as well-formed text (lone surrogates as U+FFFD); everything else unchanged. */
function wellFormedReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (keys.every((k) => wellFormed(k) === k)) return value;
  return Object.fromEntries(keys.map((k) => [wellFormed(k), (value as Record<string, unknown>)[k]]));
}

/**
 * JSON.stringify with lone surrogates replaced. JSON.stringify writes a lone surrogate as the
 * escape `\udxxx` and a pair as itself, so output without `\ud` needs no second pass.
 */
export function stringifyWellFormed(value: unknown, indent?: number): string | undefined {
  const text = JSON.stringify(value, null, indent);
  if (text === undefined || !text.includes('\\ud')) return text;
  return JSON.stringify(value, wellFormedReplacer, indent);
}

/** A generator (an iterator that is iterable), which JSON.stringify cannot print: written as an array. */
function isLazyArray(value: unknown): value is Iterable<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Iterator<unknown>).next === 'function' &&
    typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function'
  );
}

/** `items.map(fn)` one element at a time, for `writeJson` to print without holding the array. */
export function* lazyMap<T, U>(items: Iterable<T>, fn: (item: T, index: number) => U): Generator<U> {
  let index = 0;
  for (const item of items) yield fn(item, index++);
}

/** Something JSON.stringify leaves out of an object (and writes as null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

export interface JsonWriteOptions {
  /** Containers at a depth below this are written piece by piece (the top value is depth 0). */
  walkDepth: number;
  /** Spaces per level (JSON.stringify's third argument); default 2. */
  indent?: number;
}

/** `JSON.stringify(value, null, indent)`, well-formed, written in pieces. No trailing newline. */
export function writeJson(value: unknown, write: Write, options: JsonWriteOptions): void {
  const unit = ' '.repeat(options.indent ?? 2);
  const visit = (v: unknown, depth: number, pad: string): void => {
    const walk = depth < options.walkDepth || isLazyArray(v);
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
      visit((v as { toJSON(): unknown }).toJSON(), depth, pad);
      return;
    }
    if (!walk || v === null || typeof v !== 'object') {
      const text = stringifyWellFormed(v, unit.length) ?? 'null';
      write(pad === '' ? text : text.replace(/\n/g, '\n' + pad));
      return;
    }
    const inner = pad + unit;
    if (Array.isArray(v) || isLazyArray(v)) {
      let first = true;
      for (const item of v as Iterable<unknown>) {
        write(first ? '[\n' + inner : ',\n' + inner);
        first = false;
        if (isOmitted(item)) write('null');
        else visit(item, depth + 1, inner);
      }
      write(first ? '[]' : '\n' + pad + ']');
      return;
    }
    let first = true;
    for (const key of Object.keys(v)) {
      const item = (v as Record<string, unknown>)[key];
      if (isOmitted(item)) continue;
      write((first ? '{\n' : ',\n') + inner + (stringifyWellFormed(wellFormed(key)) as string) + ': ');
      first = false;
      visit(item, depth + 1, inner);
    }
    write(first ? '{}' : '\n' + pad + '}');
  };
  visit(value, 0, '');
}
