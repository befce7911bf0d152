import { getJson } from '@acme/http-client';
import type { Promotion } from './rules';

/** Promotions whose category still exists in the catalog (so a deleted category never discounts). */
export async function activePromotions(): Promise<Promotion[]> {
  const categories = new Set(await getJson<string[]>('http://catalog-api/v2/categories'));
  const configured: Promotion[] = [
    { kind: 'percent-off-category', category: 'ceramics', percent: 15 },
    { kind: 'free-shipping-over', thresholdMinor: 5000 },
  ];
  return configured.filter((p) => p.kind !== 'percent-off-category' || categories.has(p.category));
}
