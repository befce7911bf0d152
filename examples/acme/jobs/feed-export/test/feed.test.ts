import { describe, expect, it } from 'vitest';
import { toFeedXml } from '../src/feed';

describe('toFeedXml', () => {
  it('escapes titles and skips products out of stock', () => {
    const xml = toFeedXml([
      { id: 'MUG-01', title: 'Mug <blue> & white', priceMinor: 1250, currency: 'EUR', inStock: true, url: 'https://shop.acme.example/p/mug-01' },
      { id: 'TEE-02', title: 'Tee', priceMinor: 1999, currency: 'EUR', inStock: false, url: 'https://shop.acme.example/p/tee-02' },
    ]);
    expect(xml).toContain('<title>Mug &lt;blue&gt; &amp; white</title>');
    expect(xml).toContain('<price>12.50 EUR</price>');
    expect(xml).not.toContain('TEE-02');
  });
});
