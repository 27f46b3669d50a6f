import { scaleUtc } from 'd3';
import { describe, expect, test } from 'vitest';
import { parseDay, periodXs, ringPath, widenSingle } from '../../../../src/lib/charts/time.ts';

describe('periodXs(dates, x, bandPx) and widenSingle(values)', () => {
  test('one period becomes a band of bandPx centred on its date, so the chart is not empty', () => {
    const dates = [parseDay('2024-05-01')];
    const x = scaleUtc().domain([dates[0]!, dates[0]!]).range([50, 850]);
    expect(periodXs(dates, x, 40)).toEqual([430, 470]);
    expect(widenSingle([[0, 12]])).toEqual([
      [0, 12],
      [0, 12],
    ]);
  });

  test('two or more periods are placed on the scale as they are', () => {
    const dates = ['2024-05-01', '2024-06-01', '2024-07-01'].map(parseDay);
    const x = scaleUtc().domain([dates[0]!, dates[2]!]).range([0, 100]);
    const xs = periodXs(dates, x, 40);
    expect(xs[0]).toBe(0);
    expect(xs[2]).toBe(100);
    expect(widenSingle([1, 2, 3])).toEqual([1, 2, 3]);
    expect(periodXs([], x, 40)).toEqual([]);
  });
});

describe('ringPath(cx, cy, r)', () => {
  test('draws a closed circle of radius r through (cx - r, cy) and (cx + r, cy)', () => {
    expect(ringPath(10, 20, 4)).toBe('M6,20a4,4 0 1,0 8,0a4,4 0 1,0 -8,0');
  });
});
