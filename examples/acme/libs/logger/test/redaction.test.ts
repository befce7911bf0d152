import { describe, expect, it } from 'vitest';
import { redactionPaths } from '../src/index';

describe('redactionPaths', () => {
  it('always redacts card data and adds extra fields once', () => {
    const paths = redactionPaths(['email', 'token']);
    expect(paths).toContain('pan');
    expect(paths).toContain('*.email');
    expect(paths.filter((p) => p === 'token')).toHaveLength(1);
  });
});
