export interface CartSummary {
  customerId: string;
  marketingOptIn: boolean;
  updatedAt: string;
  lastReminderAt: string | null;
  itemCount: number;
}

const DAY = 24 * 60 * 60 * 1000;

/** Carts idle for 1 to 7 days, opted in, never reminded in the last 7 days. */
export function selectAbandonedCarts(carts: CartSummary[], now: Date): CartSummary[] {
  return carts.filter((c) => {
    const idle = now.getTime() - Date.parse(c.updatedAt);
    const recentlyReminded = c.lastReminderAt !== null && now.getTime() - Date.parse(c.lastReminderAt) < 7 * DAY;
    return c.marketingOptIn && c.itemCount > 0 && idle >= DAY && idle <= 7 * DAY && !recentlyReminded;
  });
}
