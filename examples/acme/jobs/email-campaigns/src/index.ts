import { createLogger } from '@acme/logger';
import { getJson } from '@acme/http-client';
import { selectAbandonedCarts, type CartSummary } from './select';
import { renderReminder } from './templates/reminder';

const log = createLogger({ service: 'email-campaigns' });

export async function runAbandonedCartReminders(now = new Date()): Promise<number> {
  const carts = await getJson<CartSummary[]>('http://accounts/v1/carts?status=open');
  const due = selectAbandonedCarts(carts, now);
  for (const cart of due) {
    const mail = renderReminder(cart);
    log.info('reminder queued', { customerId: cart.customerId, subject: mail.subject });
  }
  return due.length;
}
