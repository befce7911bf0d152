/**
 * Offsets to positions for text files read without the `yaml` library (manifests, source
 * files). Positions follow the model's conventions: 1-based lines and columns, end
 * exclusive, columns in UTF-16 code units (JavaScript string indices are UTF-16 already).
 */
import type { SourceLocation, SourceRange } from '../model/types';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low] + 1 };
  }

  range(start: number, end: number): SourceRange {
    const a = this.position(start);
    const b = this.position(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  location(file: string, start: number, end: number): SourceLocation {
    return { file, ...this.range(start, end) };
  }

  /** The whole of a 1-based line, without its line break. */
  lineLocation(file: string, line: number): SourceLocation {
    const index = Math.max(0, Math.min(line - 1, this.starts.length - 1));
    const start = this.starts[index];
    let end = index + 1 < this.starts.length ? this.starts[index + 1] - 1 : this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return this.location(file, start, end);
  }
}

/** A location covering line 1 (used when a file has nothing better to point at). */
export function firstLineLocation(file: string, text: string): SourceLocation {
  return new LineIndex(text).lineLocation(file, 1);
}

// The same as dirname/basename in ../fs.ts. Kept here because the lint rule that keeps
// node:fs out of src/core also matches an import of '../fs'.

/** Folder of a root-relative path ("" for a file at the root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** Last segment of a root-relative path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
