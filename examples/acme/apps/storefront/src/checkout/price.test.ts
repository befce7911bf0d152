import { describe, expect, it } from 'vitest';
import { formatPrice } from './price';

describe('formatPrice', () => {
  it('formats minor units in the given currency', () => {
    expect(formatPrice(4599, 'EUR', 'en-GB')).toBe('€45.99');
    expect(formatPrice(100, 'GBP', 'en-GB')).toBe('£1.00');
  });
});
