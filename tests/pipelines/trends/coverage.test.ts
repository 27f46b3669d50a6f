import { describe, expect, it } from 'vitest';
import { lastDayCovered, periodCoverage, widenSpan } from '../../../pipelines/trends/coverage.ts';

describe('lastDayCovered(date, precision)', () => {
  it('is the day itself, the last day of the month (leap years too) or 31 December', () => {
    expect(lastDayCovered('2026-07-01', 'day')).toBe('2026-07-01');
    expect(lastDayCovered('2024-02-01', 'month')).toBe('2024-02-29');
    expect(lastDayCovered('2023-02-01', 'month')).toBe('2023-02-28');
    expect(lastDayCovered('2025-12-01', 'month')).toBe('2025-12-31');
    expect(lastDayCovered('2025-01-01', 'year')).toBe('2025-12-31');
  });
});

describe('periodCoverage(start, granularity, span)', () => {
  const corpus = { first: '2022-01-03', last: '2026-07-01' };

  it('is 1/31 for a July the corpus reaches only on its first day, 1 for the June before', () => {
    expect(periodCoverage('2026-07-01', 'month', corpus)).toBe(1 / 31);
    expect(periodCoverage('2026-06-01', 'month', corpus)).toBe(1);
  });

  it('counts the days of the first period from the first dated day: 29 of January, 88 of Q1, 363 of 2022', () => {
    expect(periodCoverage('2022-01-01', 'month', corpus)).toBe(29 / 31);
    expect(periodCoverage('2022-01-01', 'quarter', corpus)).toBe(88 / 90);
    expect(periodCoverage('2022-01-01', 'year', corpus)).toBe(363 / 365);
  });

  it('counts ISO weeks Monday to Sunday: a corpus starting on Monday 3 January 2022 covers that week', () => {
    expect(periodCoverage('2022-01-03', 'week', corpus)).toBe(1);
    expect(periodCoverage('2026-06-29', 'week', corpus)).toBe(3 / 7);
  });

  it('is 182/365 for a year the corpus ends on 1 July of, 92-day Q3 1/92', () => {
    expect(periodCoverage('2026-01-01', 'year', corpus)).toBe(182 / 365);
    expect(periodCoverage('2026-07-01', 'quarter', corpus)).toBe(1 / 92);
  });

  it('is 0 outside the span or without one, and 1 for a period exactly the span', () => {
    expect(periodCoverage('2021-12-01', 'month', corpus)).toBe(0);
    expect(periodCoverage('2024-02-01', 'month', null)).toBe(0);
    expect(periodCoverage('2024-02-01', 'month', { first: '2024-02-01', last: '2024-02-29' })).toBe(1);
  });
});

describe('widenSpan(span, date, precision)', () => {
  it('lets a month-only date cover its whole month, so its month is not partial', () => {
    let span = widenSpan(null, '2026-06-15', 'day');
    span = widenSpan(span, '2026-07-01', 'month');
    expect(span).toEqual({ first: '2026-06-15', last: '2026-07-31' });
    expect(periodCoverage('2026-07-01', 'month', span)).toBe(1);
    expect(periodCoverage('2026-06-01', 'month', span)).toBe(16 / 30);
  });

  it('lets a year-only date cover its year', () => {
    expect(widenSpan(widenSpan(null, '2025-03-02', 'day'), '2024-01-01', 'year')).toEqual({
      first: '2024-01-01',
      last: '2025-03-02',
    });
  });
});
