import type { CartSummary } from '../select';

export function renderReminder(cart: CartSummary): { subject: string; text: string } {
  const items = cart.itemCount === 1 ? '1 item' : `${cart.itemCount} items`;
  return {
    subject: 'You left something in your basket',
    text: `Your basket still holds ${items}. It is saved for you: https://shop.acme.example/basket`,
  };
}
