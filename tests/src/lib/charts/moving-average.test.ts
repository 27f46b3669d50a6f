import { describe, expect, test } from 'vitest';
import { movingAverage } from '../../../../src/lib/charts/moving-average.ts';

describe('movingAverage(values, window)', () => {
  test('window 1 returns a copy of the values', () => {
    const values = [1, 2, 3];
    const out = movingAverage(values, 1);
    expect(out).toEqual([1, 2, 3]);
    expect(out).not.toBe(values);
  });

  test('trailing window of 3 averages the available points at the start', () => {
    expect(movingAverage([3, 6, 9, 12], 3)).toEqual([3, (3 + 6) / 2, (3 + 6 + 9) / 3, (6 + 9 + 12) / 3]);
  });

  test('a window longer than the series averages everything so far', () => {
    expect(movingAverage([2, 4], 10)).toEqual([2, 3]);
  });

  test('an empty series stays empty', () => {
    expect(movingAverage([], 4)).toEqual([]);
  });
});
