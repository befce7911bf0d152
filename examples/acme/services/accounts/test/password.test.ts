import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../src/password';

describe('passwordProblems', () => {
  it('accepts a long password unrelated to the e-mail', () => {
    expect(passwordProblems('correct horse battery', 'sam@example.org')).toEqual([]);
  });

  it('rejects short passwords and ones containing the e-mail name', () => {
    expect(passwordProblems('sam123', 'sam@example.org')).toHaveLength(2);
  });
});
