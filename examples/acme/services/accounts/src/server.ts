import Fastify from 'fastify';
import { createLogger } from '@acme/logger';
import { passwordProblems } from './password';

const log = createLogger({ service: 'accounts', redact: ['password', 'email'] });
const app = Fastify();

app.post<{ Body: { email: string; password: string } }>('/v1/accounts', async (req, reply) => {
  const problems = passwordProblems(req.body.password, req.body.email);
  if (problems.length) return reply.code(422).send({ problems });
  log.info('account created');
  return reply.code(201).send({});
});

void app.listen({ port: 8080, host: '0.0.0.0' });
