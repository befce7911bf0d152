export interface FeedProduct {
  id: string;
  title: string;
  priceMinor: number;
  currency: string;
  inStock: boolean;
  url: string;
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One <item> per in-stock product, in the common price-comparison XML shape. */
export function toFeedXml(products: FeedProduct[]): string {
  const items = products
    .filter((p) => p.inStock)
    .map(
      (p) =>
        `<item><id>${escapeXml(p.id)}</id><title>${escapeXml(p.title)}</title>` +
        `<price>${(p.priceMinor / 100).toFixed(2)} ${p.currency}</price><link>${escapeXml(p.url)}</link></item>`,
    );
  return `<?xml version="1.0" encoding="UTF-8"?><feed>${items.join('')}</feed>`;
}
