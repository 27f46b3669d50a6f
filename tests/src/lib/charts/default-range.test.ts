import { describe, expect, test } from 'vitest';
import {
  corpusDates,
  defaultDateRange,
  FULL_RANGE,
  effectiveRange,
  lastDayOfPeriod,
  nextPeriodStart,
  tailNotice,
  timelineExtent,
} from '../../../../src/lib/charts/default-range.ts';
import type { PeriodTotal } from '../../../../src/lib/queries/trend-series.ts';
import { dateSpread } from '../../../../src/shared/date-outliers.ts';

/** A dense monthly grid from `first` to `last` (YYYY-MM), zeros except the given counts. */
function months(first: string, last: string, counts: Record<string, number>, fill = 0): PeriodTotal[] {
  const out: PeriodTotal[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push({ period_start: `${key}-01`, period_total: counts[key] ?? fill });
    if (key === last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** The bulk: 2022-01..2026-07 with 300 papers a month (16,500 in all). */
const BULK = months('2022-01', '2026-07', {}, 300);

describe('defaultDateRange(totals, granularity, core)', () => {
  // What is an outlier is decided by dateSpread (tests/src/shared/date-outliers.test.ts); here only how the
  // manifest's coreDateRange becomes whole periods and how many papers lie outside.
  test('one paper dated 1900-01 is left out: the range starts with the bulk, and says how many', () => {
    const totals = [...months('1900-01', '2021-12', { '1900-01': 1 }), ...BULK];
    const core = { first: '2022-01-01', last: '2026-07-01' };
    expect(defaultDateRange(totals, 'month', core)).toEqual({ from: '2022-01-01', to: null, before: 1, after: 0 });
  });

  test('several far outliers (1900, 1950) are all counted', () => {
    const totals = [...months('1900-01', '2021-12', { '1900-01': 3, '1950-06': 2 }), ...BULK];
    const core = { first: '2022-01-01', last: '2026-07-01' };
    expect(defaultDateRange(totals, 'month', core)).toMatchObject({ from: '2022-01-01', before: 5 });
  });

  test('a trailing outlier is left out the same way; a core end inside a period takes the whole period', () => {
    const totals = [...months('2010-01', '2014-12', {}, 100), ...months('2015-01', '2024-03', { '2024-03': 2 })];
    const core = { first: '2010-01-06', last: '2014-12-19' };
    expect(defaultDateRange(totals, 'month', core)).toEqual({ from: null, to: '2014-12-01', before: 0, after: 2 });
  });

  test('no outliers, or no dated paper: the full range', () => {
    expect(defaultDateRange(BULK, 'month', { first: '2022-01-01', last: '2026-07-01' })).toEqual(FULL_RANGE);
    expect(defaultDateRange(BULK, 'month', { first: '2022-01-14', last: '2026-07-30' })).toEqual(FULL_RANGE);
    expect(defaultDateRange([], 'month', null)).toEqual(FULL_RANGE);
    expect(defaultDateRange(BULK, 'month', null)).toEqual(FULL_RANGE);
  });

  test('a one-month corpus with a 1900 outlier keeps the month', () => {
    const totals = months('1900-01', '2024-05', { '1900-01': 1, '2024-05': 400 });
    const core = { first: '2024-05-03', last: '2024-05-28' };
    expect(defaultDateRange(totals, 'month', core)).toMatchObject({ from: '2024-05-01', to: null, before: 1 });
  });

  test('works on sparse input (only periods with papers), at year and week granularity', () => {
    const years = [
      { period_start: '1900-01-01', period_total: 1 },
      ...[2022, 2023, 2024, 2025].map((y) => ({ period_start: `${y}-01-01`, period_total: 4000 })),
    ];
    const core = { first: '2022-03-04', last: '2025-11-30' };
    expect(defaultDateRange(years, 'year', core)).toEqual({ from: '2022-01-01', to: null, before: 1, after: 0 });
    const weeks = [
      { period_start: '2024-01-01', period_total: 30 },
      { period_start: '2024-01-08', period_total: 30 },
      { period_start: '2099-06-01', period_total: 1 },
    ];
    expect(defaultDateRange(weeks, 'week', { first: '2024-01-03', last: '2024-01-10' })).toEqual({
      from: null,
      to: '2024-01-08',
      before: 0,
      after: 1,
    });
  });

  test('counts what dateSpread calls outliers, on the same papers by month', () => {
    const dates = [
      '1900-01-01',
      '1950-06-15',
      ...BULK.flatMap((t) => Array<string>(t.period_total).fill(t.period_start)),
      '2099-01-01',
    ];
    const spread = dateSpread(dates);
    const byMonth = new Map<string, number>();
    for (const d of dates) byMonth.set(`${d.slice(0, 7)}-01`, (byMonth.get(`${d.slice(0, 7)}-01`) ?? 0) + 1);
    const totals = [...byMonth].map(([period_start, period_total]) => ({ period_start, period_total }));
    const range = defaultDateRange(totals, 'month', spread.coreDateRange);
    expect(range.before + range.after).toBe(spread.dateOutliers.count);
    expect(range).toEqual({ from: '2022-01-01', to: '2026-07-01', before: 2, after: 1 });
  });
});

describe('corpusDates(manifest)', () => {
  test('the core range, and the far outliers by count and date', () => {
    const dateRange = { first: '1900-01-01', last: '2025-06-03' };
    const coreDateRange = { first: '2022-01-03', last: '2025-06-03' };
    expect(corpusDates({ dateRange, coreDateRange, dateOutliers: { count: 1, dates: ['1900-01-01'] } })).toBe(
      '2022-01-03 – 2025-06-03 · 1 paper dated far outside: 1900-01-01',
    );
    expect(
      corpusDates({ dateRange, coreDateRange, dateOutliers: { count: 3, dates: ['1900-01-01', '2099-01-01'] } }),
    ).toBe('2022-01-03 – 2025-06-03 · 3 papers dated far outside: 1900-01-01, 2099-01-01');
  });
  test('the full range when nothing is far outside; null when nothing is dated', () => {
    const range = { first: '2022-01-03', last: '2025-06-03' };
    const none = { count: 0, dates: [] };
    expect(corpusDates({ dateRange: range, coreDateRange: range, dateOutliers: none })).toBe('2022-01-03 – 2025-06-03');
    // A manifest written before coreDateRange existed (read as null) shows dateRange.
    expect(corpusDates({ dateRange: range, coreDateRange: null, dateOutliers: none })).toBe('2022-01-03 – 2025-06-03');
    expect(corpusDates({ dateRange: null, coreDateRange: null, dateOutliers: none })).toBeNull();
  });
  test('says when the manifest lists only the first ten dates', () => {
    const dates = Array.from({ length: 10 }, (_, i) => `${1900 + i}-01-01`);
    const core = { first: '2022-01-03', last: '2025-06-03' };
    expect(corpusDates({ dateRange: core, coreDateRange: core, dateOutliers: { count: 12, dates } })).toMatch(
      /^2022-01-03 – 2025-06-03 · 12 papers dated far outside: 1900-01-01, .*, 1909-01-01, …$/,
    );
  });
});

describe('nextPeriodStart(day, granularity)', () => {
  test.each([
    ['2024-12-30', 'week', '2025-01-06'],
    ['2024-12-01', 'month', '2025-01-01'],
    ['2024-10-01', 'quarter', '2025-01-01'],
    ['1900-01-01', 'year', '1901-01-01'],
  ] as const)('after %s by %s comes %s', (day, granularity, next) => {
    expect(nextPeriodStart(day, granularity)).toBe(next);
  });
});

describe('effectiveRange(defaults, chosen) and timelineExtent(defaults, chosen)', () => {
  const defaults = { from: '2022-01-01', to: null };
  test('open ends fall back to the default range', () => {
    expect(effectiveRange(defaults, { from: null, to: '2023-05-01' })).toEqual({
      from: '2022-01-01',
      to: '2023-05-01',
    });
    expect(effectiveRange(defaults, { from: '1900-01-01', to: null })).toEqual({ from: '1900-01-01', to: null });
  });
  test('the timeline spans the default range, widened to a chosen end beyond it', () => {
    expect(timelineExtent(defaults, { from: null, to: null })).toEqual(defaults);
    expect(timelineExtent(defaults, { from: '2023-01-01', to: '2024-01-01' })).toEqual(defaults);
    expect(timelineExtent(defaults, { from: '1899-12-31', to: null })).toEqual({ from: '1899-12-31', to: null });
    expect(timelineExtent({ from: null, to: '2020-01-01' }, { from: null, to: '2024-01-01' })).toEqual({
      from: null,
      to: '2024-01-01',
    });
  });
});

describe('tailNotice(defaults, chosen, granularity)', () => {
  const open = { from: null, to: null };
  test('names the papers left out at each open end', () => {
    const one = { from: '2022-01-01', to: null, before: 1, after: 0 };
    expect(tailNotice(one, open, 'month')).toBe('1 paper before 2022-01 is outside the default range.');
    const both = { from: '2022-01-01', to: '2024-12-01', before: 1200, after: 3 };
    expect(tailNotice(both, open, 'month')).toBe(
      '1,200 papers before 2022-01 and 3 papers from 2025-01 on are outside the default range.',
    );
    expect(tailNotice({ ...both, from: null, to: '2024-01-01', before: 0 }, open, 'year')).toBe(
      '3 papers from 2025-01 on are outside the default range.',
    );
  });
  test('says nothing when the user chose that end, or nothing is trimmed', () => {
    const one = { from: '2022-01-01', to: null, before: 1, after: 0 };
    expect(tailNotice(one, { from: '1900-01-01', to: null }, 'month')).toBeNull();
    expect(tailNotice({ from: null, to: null, before: 0, after: 0 }, open, 'month')).toBeNull();
  });
});

describe('lastDayOfPeriod(day, granularity)', () => {
  test.each([
    ['2024-02-01', 'month', '2024-02-29'],
    ['2024-10-01', 'quarter', '2024-12-31'],
    ['2023-01-01', 'year', '2023-12-31'],
    ['2024-12-30', 'week', '2025-01-05'],
  ] as const)('the period starting %s by %s ends on %s', (day, granularity, last) => {
    expect(lastDayOfPeriod(day, granularity)).toBe(last);
  });
});
