import * as Sentry from '@sentry/node';
import { getJson } from '@acme/http-client';
import { toFeedXml, type FeedProduct } from './feed';

Sentry.init({ dsn: process.env.SENTRY_DSN });

export async function exportFeed(): Promise<string> {
  const products = await getJson<FeedProduct[]>('http://catalog-api/v2/products?all=true');
  return toFeedXml(products);
}
