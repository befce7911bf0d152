/**
 * GitHub code scanning rejects a SARIF upload over 10 MB gzipped. The log is streamed, so its
 * size is counted as it goes: each chunk the ChunkWriter hands on is deflated on its own (which
 * compresses no better than one stream over the whole log, so the sum bounds the gzipped size
 * from above, within a few percent), plus the raw bytes not yet handed on. Before each result the
 * writer asks `room`: the result, and a reserve for what may still come (the run's properties, the
 * closing brackets, a result's indentation), must fit.
 */
import { deflateRawSync } from 'node:zlib';
import type { Write } from '../core/report/stream';

/** GitHub's limit on an uploaded SARIF file, gzip-compressed: 10 MB (counted as 10,000,000 bytes, the stricter reading). */
export const SARIF_MAX_GZIP_BYTES = 10_000_000;
/** gzip's header and trailer around the deflate stream. */
const GZIP_FRAME = 18;

export class GzipBudget {
  private compressed = GZIP_FRAME;
  private pending = 0;

  constructor(
    private readonly limit = SARIF_MAX_GZIP_BYTES,
    private readonly reserve = 64 * 1024,
  ) {}

  /** The ChunkWriter's sink: counts each chunk compressed, then passes it on. */
  sink(next: Write): Write {
    return (chunk) => {
      this.compressed += deflateRawSync(chunk).length;
      this.pending = 0;
      next(chunk);
    };
  }

  /** In front of the ChunkWriter: counts the bytes it holds and has not yet handed on. */
  counted(write: Write): Write {
    return (piece) => {
      this.pending += Buffer.byteLength(piece);
      write(piece);
    };
  }

  /** An upper bound of the gzipped size so far. */
  get size(): number {
    return this.compressed + this.pending;
  }

  readonly room = (resultJson: string): boolean => this.size + Buffer.byteLength(resultJson) + this.reserve <= this.limit;
}
