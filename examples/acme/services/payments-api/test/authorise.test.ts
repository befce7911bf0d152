import { describe, expect, it } from 'vitest';
import { authorise, DECLINE_THRESHOLD, REVIEW_THRESHOLD } from '../src/authorise';

const input = {
  orderId: '7f1c2a9e-5b7d-4c61-9a0e-2f7d1c3b8a10',
  amountMinor: 4599,
  currency: 'EUR' as const,
  method: 'card' as const,
  token: 'tok_visa_4242',
};

describe('authorise', () => {
  it('authorises a low-risk payment', async () => {
    expect((await authorise(input, async () => 0.1)).status).toBe('authorised');
  });

  it('sends a medium-risk payment to review', async () => {
    expect((await authorise(input, async () => REVIEW_THRESHOLD)).status).toBe('review');
  });

  it('declines a high-risk payment with a reason', async () => {
    const result = await authorise(input, async () => DECLINE_THRESHOLD);
    expect(result).toMatchObject({ status: 'declined', reason: 'fraud-risk' });
  });
});
