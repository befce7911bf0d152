import { describe, expect, it } from 'vitest';
import { applyPromotions } from '../src/rules';

const lines = [
  { sku: 'MUG-01', category: 'ceramics', unitPriceMinor: 1250, quantity: 2 },
  { sku: 'TEE-02', category: 'apparel', unitPriceMinor: 1999, quantity: 1 },
];

describe('applyPromotions', () => {
  it('discounts only the promoted category', () => {
    const [d] = applyPromotions(lines, [{ kind: 'percent-off-category', category: 'ceramics', percent: 15 }]);
    expect(d.amountMinor).toBe(375);
  });

  it('grants free shipping above the threshold', () => {
    const [d] = applyPromotions(lines, [{ kind: 'free-shipping-over', thresholdMinor: 4000 }]);
    expect(d.freeShipping).toBe(true);
  });
});
