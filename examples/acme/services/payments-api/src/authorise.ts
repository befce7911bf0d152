import { trace } from '@opentelemetry/api';

export interface PaymentInput {
  orderId: string;
  amountMinor: number;
  currency: 'EUR' | 'GBP' | 'USD';
  method: 'card' | 'wallet';
  token: string;
}

export interface PaymentResult {
  paymentId: string;
  status: 'authorised' | 'declined' | 'review';
  reason?: string;
}

export type FraudScorer = (input: PaymentInput) => Promise<number>;

const tracer = trace.getTracer('payments-api');

/** Scores above this go to manual review instead of being declined outright. */
export const REVIEW_THRESHOLD = 0.7;
export const DECLINE_THRESHOLD = 0.92;

export async function authorise(input: PaymentInput, score: FraudScorer = async () => 0): Promise<PaymentResult> {
  return tracer.startActiveSpan('payments.authorise', async (span) => {
    try {
      const risk = await score(input);
      const paymentId = `pay_${input.orderId.slice(0, 8)}`;
      if (risk >= DECLINE_THRESHOLD) return { paymentId, status: 'declined', reason: 'fraud-risk' };
      if (risk >= REVIEW_THRESHOLD) return { paymentId, status: 'review' };
      return { paymentId, status: 'authorised' };
    } finally {
      span.end();
    }
  });
}
