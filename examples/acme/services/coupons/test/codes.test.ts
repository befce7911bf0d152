import { describe, expect, it } from 'vitest';
import { lookup } from '../src/codes';

describe('lookup', () => {
  it('finds a valid code regardless of case', () => {
    expect(lookup(' welcome10 ', new Date('2026-11-01'))?.percentOff).toBe(10);
  });

  it('ignores expired codes', () => {
    expect(lookup('SPRING25', new Date('2026-11-01'))).toBeUndefined();
  });
});
