import { describe, expect, it } from 'vitest';
import { parseBulkPrices } from '../src/bulkPrice';

describe('parseBulkPrices', () => {
  it('reads decimal commas and rejects bad lines', () => {
    const { changes, rejected } = parseBulkPrices('MUG-01;12,50\nBAD\nTEE-02;19.99\n');
    expect(changes).toEqual([
      { sku: 'MUG-01', priceMinor: 1250 },
      { sku: 'TEE-02', priceMinor: 1999 },
    ]);
    expect(rejected).toEqual(['BAD']);
  });
});
