import express from 'express';
import { createLogger } from '@acme/logger';
import { lookup } from './codes';

const log = createLogger({ service: 'coupons' });
const app = express();

app.get('/v1/coupons/:code', (req, res) => {
  const coupon = lookup(req.params.code, new Date());
  if (!coupon) return res.status(404).end();
  log.warn('deprecated coupon lookup', { code: coupon.code });
  return res.json(coupon);
});

app.listen(8080);
