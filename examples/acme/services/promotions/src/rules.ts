export interface CartLine {
  sku: string;
  category: string;
  unitPriceMinor: number;
  quantity: number;
}

export type Promotion =
  | { kind: 'percent-off-category'; category: string; percent: number }
  | { kind: 'free-shipping-over'; thresholdMinor: number };

export interface Discount {
  promotion: Promotion;
  amountMinor: number;
  freeShipping: boolean;
}

/** Applies every active promotion to a cart; discounts never exceed the line totals. */
export function applyPromotions(lines: CartLine[], promotions: Promotion[]): Discount[] {
  const subtotal = lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  return promotions.map((promotion) => {
    if (promotion.kind === 'free-shipping-over') {
      return { promotion, amountMinor: 0, freeShipping: subtotal >= promotion.thresholdMinor };
    }
    const eligible = lines
      .filter((l) => l.category === promotion.category)
      .reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
    return { promotion, amountMinor: Math.floor((eligible * promotion.percent) / 100), freeShipping: false };
  });
}
