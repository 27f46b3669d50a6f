import { describe, expect, test } from 'vitest';
import { plural } from '../../../../src/lib/format/plural.ts';

describe('plural(n, singular, pluralForm)', () => {
  test('exactly 1 takes the singular', () => {
    expect(plural(1, 'paper')).toBe('1 paper');
  });

  test('0, 2 and fractions take the plural, with thousands separators', () => {
    expect(plural(0, 'paper')).toBe('0 papers');
    expect(plural(2, 'paper')).toBe('2 papers');
    expect(plural(1.5, 'period')).toBe('1.5 periods');
    expect(plural(15989, 'paper')).toBe('15,989 papers');
  });

  test('an irregular plural is given', () => {
    expect(plural(3, 'query', 'queries')).toBe('3 queries');
    expect(plural(1, 'query', 'queries')).toBe('1 query');
  });
});
