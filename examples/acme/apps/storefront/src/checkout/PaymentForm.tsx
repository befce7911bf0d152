import { useState } from 'react';
import { formatPrice } from './price';

export interface PaymentFormProps {
  orderId: string;
  amountMinor: number;
  currency: 'EUR' | 'GBP' | 'USD';
  onPay: (token: string) => Promise<void>;
}

export function PaymentForm({ amountMinor, currency, onPay }: PaymentFormProps) {
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        try {
          await onPay(String(new FormData(e.currentTarget).get('token')));
        } finally {
          setBusy(false);
        }
      }}
    >
      <input type="hidden" name="token" />
      <button type="submit" disabled={busy}>
        Pay {formatPrice(amountMinor, currency)}
      </button>
    </form>
  );
}
