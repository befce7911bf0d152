/**
 * git's EWAH-compressed bitmaps (ewah/ewah_io.c), as the split index's `link` extension
 * stores its delete and replace bitmaps:
 *
 *   uint32 bit count, uint32 word count, word count × uint64 words, uint32 last-RLW position
 *
 * (all big-endian). The words are runs: a run-length word (bit 0: the running bit; bits 1–32:
 * how many 64-bit words repeat that bit; bits 33–63: how many literal words follow), then its
 * literal words, whose bit k (least significant first) is one position of the bitmap.
 *
 * Decoding is bounded by the stored bit count and by `maxBits` (the shared index's size), so a
 * hostile run length (up to 2^32 words) costs nothing: runs of zeros are skipped arithmetically
 * and runs of ones stop at the bound.
 */

export class EwahError extends Error {}

export interface DecodedEwah {
  /** Positions of the set bits, ascending. */
  positions: number[];
  /** Bytes the bitmap took from the buffer. */
  length: number;
}

export function decodeEwah(data: Uint8Array, offset: number, end: number, maxBits: number): DecodedEwah {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (offset + 8 > end) throw new EwahError('EWAH bitmap header is truncated');
  const bitCount = view.getUint32(offset);
  const wordCount = view.getUint32(offset + 4);
  const wordsAt = offset + 8;
  // The word count is checked against the bytes that exist before any loop uses it.
  if (wordCount > (end - wordsAt) / 8) throw new EwahError(`EWAH bitmap claims ${wordCount} words, more than its bytes hold`);
  const wordsEnd = wordsAt + wordCount * 8;
  if (wordsEnd + 4 > end) throw new EwahError('EWAH bitmap is truncated (no RLW position)');
  const rlwPosition = view.getUint32(wordsEnd);
  if (wordCount > 0 && rlwPosition >= wordCount) throw new EwahError('EWAH bitmap RLW position is out of range');
  if (bitCount > maxBits) throw new EwahError(`EWAH bitmap has ${bitCount} bits, more than the ${maxBits} entries it describes`);

  const positions: number[] = [];
  let word = 0; // index of the next word to read
  let bit = 0; // bitmap position of the next bit
  while (word < wordCount && bit < bitCount) {
    const at = wordsAt + word * 8;
    const hi = view.getUint32(at);
    const lo = view.getUint32(at + 4);
    word++;
    const runBit = lo & 1;
    // Running length: bits 1..32 of the 64-bit word = lo >>> 1 plus hi's bit 0 as bit 31.
    const runLength = (lo >>> 1) + (hi & 1) * 0x80000000;
    const literalWords = hi >>> 1;
    if (runBit === 1) {
      const stop = Math.min(bitCount, bit + runLength * 64);
      for (let p = bit; p < stop; p++) positions.push(p);
    }
    bit += runLength * 64;
    if (literalWords > wordCount - word) throw new EwahError('EWAH run announces more literal words than the bitmap holds');
    for (let k = 0; k < literalWords; k++) {
      const lat = wordsAt + word * 8;
      const lhi = view.getUint32(lat);
      const llo = view.getUint32(lat + 4);
      word++;
      if (bit < bitCount) {
        for (let b = 0; b < 32 && llo >>> b !== 0; b++) if ((llo >>> b) & 1 && bit + b < bitCount) positions.push(bit + b);
        for (let b = 0; b < 32 && lhi >>> b !== 0; b++) if ((lhi >>> b) & 1 && bit + 32 + b < bitCount) positions.push(bit + 32 + b);
      }
      bit += 64;
    }
  }
  return { positions, length: wordsEnd + 4 - offset };
}
