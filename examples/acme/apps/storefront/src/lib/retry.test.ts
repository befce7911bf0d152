import { describe, expect, it } from 'vitest';
import { withRetry } from './retry';

describe('withRetry', () => {
  it('returns the first success', async () => {
    let calls = 0;
    const value = await withRetry(async () => {
      calls++;
      if (calls < 2) throw new Error('503');
      return 'ok';
    }, { attempts: 3, baseDelayMs: 1 });
    expect(value).toBe('ok');
    expect(calls).toBe(2);
  });

  it('rethrows after the last attempt', async () => {
    await expect(withRetry(async () => { throw new Error('down'); }, { attempts: 2, baseDelayMs: 1 })).rejects.toThrow('down');
  });
});
