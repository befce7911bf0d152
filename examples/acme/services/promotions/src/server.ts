import Fastify from 'fastify';
import { createLogger } from '@acme/logger';
import { applyPromotions, type CartLine } from './rules';
import { activePromotions } from './store';

const log = createLogger({ service: 'promotions' });
const app = Fastify();

app.post<{ Body: { lines: CartLine[] } }>('/v1/quotes', async (req) => {
  const discounts = applyPromotions(req.body.lines, await activePromotions());
  log.info('quoted', { lines: req.body.lines.length, discounts: discounts.length });
  return { discounts };
});

app.listen({ port: 8080, host: '0.0.0.0' }).catch((err: unknown) => {
  log.error('promotions failed to start', { err });
  process.exit(1);
});
