// northstar:priority reliability
// Retries idempotent GETs to backend APIs so a single pod restart does not show an error page.

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
}

export async function withRetry<T>(fn: () => Promise<T>, opts: RetryOptions = { attempts: 3, baseDelayMs: 100 }): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < opts.attempts; attempt++) {
    try {
      return await fn();
    } catch (err) {
      lastError = err;
      const jitter = Math.random() * opts.baseDelayMs;
      await new Promise((resolve) => setTimeout(resolve, opts.baseDelayMs * 2 ** attempt + jitter));
    }
  }
  throw lastError;
}
