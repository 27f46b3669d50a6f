import { describe, expect, it } from 'vitest';
import { partialText, periodQuality } from '../../../../src/lib/charts/period-quality.ts';
import { MIN_PERIOD_PAPERS } from '../../../../src/shared/growth.ts';

describe('periodQuality(points, periods)', () => {
  it('flags coverage below 1 as partial and totals under MIN_PERIOD_PAPERS as small, per period in order', () => {
    const points = [
      { period_start: '2026-06-01', period_total: 662, coverage: 1 },
      { period_start: '2026-07-01', period_total: 21, coverage: 1 / 31 },
      { period_start: '2026-07-01', period_total: 21, coverage: 1 / 31 },
      { period_start: '2026-05-01', period_total: MIN_PERIOD_PAPERS - 1, coverage: 1 },
    ];
    expect(periodQuality(points, ['2026-05-01', '2026-06-01', '2026-07-01'])).toEqual([
      { total: 29, coverage: 1, partial: false, small: true },
      { total: 662, coverage: 1, partial: false, small: false },
      { total: 21, coverage: 1 / 31, partial: true, small: true },
    ]);
  });
});

describe('partialText(quality, periodStart, granularity, isFirst)', () => {
  const july = { total: 21, coverage: 1 / 31, partial: true, small: true };
  it('says how many papers so far and how many days the data covers', () => {
    expect(partialText(july, '2026-07-01', 'month', false)).toBe('partial: 21 papers so far (1 of 31 days)');
    expect(partialText({ ...july, total: 1 }, '2026-07-01', 'month', false)).toBe(
      'partial: 1 paper so far (1 of 31 days)',
    );
  });
  it('says the data starts inside a first period', () => {
    const jan = { total: 56, coverage: 29 / 31, partial: true, small: false };
    expect(partialText(jan, '2022-01-01', 'month', true)).toBe(
      'partial: the data starts inside this month (29 of 31 days, 56 papers)',
    );
    expect(partialText({ ...jan, coverage: 363 / 365 }, '2022-01-01', 'year', true)).toBe(
      'partial: the data starts inside this year (363 of 365 days, 56 papers)',
    );
  });
});
