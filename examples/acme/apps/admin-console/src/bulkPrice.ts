export interface PriceChange {
  sku: string;
  priceMinor: number;
}

/** Parses "SKU;price" lines pasted from a spreadsheet; bad lines are returned separately. */
export function parseBulkPrices(text: string): { changes: PriceChange[]; rejected: string[] } {
  const changes: PriceChange[] = [];
  const rejected: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const [sku, price] = line.split(';');
    const value = Number(price?.replace(',', '.'));
    if (!sku || !Number.isFinite(value) || value <= 0) rejected.push(line);
    else changes.push({ sku: sku.trim(), priceMinor: Math.round(value * 100) });
  }
  return { changes, rejected };
}
