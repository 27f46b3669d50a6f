import { describe, expect, test } from 'vitest';
import { likeContains } from '../../../../src/lib/queries/sql.ts';

describe('likeContains(text)', () => {
  test('escapes backslash, % and _', () => {
    expect(likeContains('a\\b%c_d')).toBe('%a\\\\b\\%c\\_d%');
  });
});
