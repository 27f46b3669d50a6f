import { scaleUtc } from 'd3';
import { describe, expect, test } from 'vitest';
import {
  formatDay,
  parseDay,
  periodTicks,
  periodXs,
  ringPath,
  tickLabel,
  widenSingle,
} from '../../../../src/lib/charts/time.ts';

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

describe('periodTicks(domain, granularity, maxTicks) and tickLabel(date, granularity)', () => {
  const domain = (a: string, b: string): [Date, Date] => [parseDay(a), parseDay(b)];

  test('a year view ticks only on 1 January, each year once', () => {
    const ticks = periodTicks(domain('2022-01-01', '2026-01-01'), 'year', 7);
    expect(ticks.map(formatDay)).toEqual(['2022-01-01', '2023-01-01', '2024-01-01', '2025-01-01', '2026-01-01']);
    expect(ticks.map((t) => tickLabel(t, 'year'))).toEqual(['2022', '2023', '2024', '2025', '2026']);
  });

  test('a year view with room for 2 ticks over 5 years steps by 5 years, never by months', () => {
    expect(periodTicks(domain('2022-01-01', '2026-01-01'), 'year', 2).map(formatDay)).toEqual(['2025-01-01']);
    expect(periodTicks(domain('2020-01-01', '2026-01-01'), 'year', 2).map(formatDay)).toEqual([
      '2020-01-01',
      '2025-01-01',
    ]);
  });

  test('one year alone gets its one tick', () => {
    expect(periodTicks(domain('2024-01-01', '2024-01-01'), 'year', 7).map(formatDay)).toEqual(['2024-01-01']);
  });

  test('a month view labels January with the year and other months by name', () => {
    const ticks = periodTicks(domain('2023-10-01', '2024-03-01'), 'month', 6);
    expect(ticks.map((t) => tickLabel(t, 'month'))).toEqual(['Oct', 'Nov', 'Dec', '2024', 'Feb', 'Mar']);
  });

  test('a week tick inside a month carries its day', () => {
    expect(tickLabel(parseDay('2024-01-08'), 'week')).toBe('Jan 8');
  });
});
