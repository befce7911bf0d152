import Fastify from 'fastify';
import { collectDefaultMetrics, register } from 'prom-client';
import { createLogger } from '@acme/logger';
import { registerPaymentRoutes } from './routes/payments';

const log = createLogger({ service: 'payments-api' });

export async function start(port = Number(process.env.PORT ?? 8080)): Promise<void> {
  collectDefaultMetrics();
  const app = Fastify({ logger: false });
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/metrics', async (_req, reply) => reply.type(register.contentType).send(await register.metrics()));
  registerPaymentRoutes(app);
  await app.listen({ port, host: '0.0.0.0' });
  log.info('payments-api listening', { port });
}

if (require.main === module) {
  start().catch((err: unknown) => {
    log.error('payments-api failed to start', { err });
    process.exit(1);
  });
}
