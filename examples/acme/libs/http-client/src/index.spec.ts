import { afterEach, describe, expect, it, vi } from 'vitest';
import { getJson, HttpError } from './index';

afterEach(() => vi.unstubAllGlobals());

describe('getJson', () => {
  it('returns the parsed body', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"ok":true}', { status: 200 }));
    expect(await getJson<{ ok: boolean }>('http://svc/x')).toEqual({ ok: true });
  });

  it('throws HttpError on a non-2xx status', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 503 }));
    await expect(getJson('http://svc/x')).rejects.toBeInstanceOf(HttpError);
  });
});
