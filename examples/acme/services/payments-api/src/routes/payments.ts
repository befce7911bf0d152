import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { authorise } from '../authorise';

const PaymentRequest = z.object({
  orderId: z.string().uuid(),
  amountMinor: z.number().int().positive(),
  currency: z.enum(['EUR', 'GBP', 'USD']),
  method: z.enum(['card', 'wallet']),
  token: z.string().min(8),
});

// northstar:priority checkout-conversion
export function registerPaymentRoutes(app: FastifyInstance): void {
  app.post('/v1/payments', async (req, reply) => {
    const body = PaymentRequest.parse(req.body);
    const result = await authorise(body);
    return reply.code(result.status === 'authorised' ? 201 : 402).send(result);
  });
}
