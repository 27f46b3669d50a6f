import { describe, expect, test } from 'vitest';
import {
  defaultDateRange,
  effectiveRange,
  lastDayOfPeriod,
  nextPeriodStart,
  tailNotice,
  timelineExtent,
} from '../../../../src/lib/charts/default-range.ts';
import type { PeriodTotal } from '../../../../src/lib/queries/trend-series.ts';

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

describe('defaultDateRange(totals, granularity)', () => {
  test('one paper dated 1900-01 is left out: the range starts with the bulk, and says how many', () => {
    const totals = [...months('1900-01', '2021-12', { '1900-01': 1 }), ...BULK];
    expect(defaultDateRange(totals, 'month')).toEqual({ from: '2022-01-01', to: null, before: 1, after: 0 });
  });

  test('several far outliers (1900, 1950) are all left out while together under 0.5%', () => {
    const totals = [...months('1900-01', '2021-12', { '1900-01': 3, '1950-06': 2 }), ...BULK];
    expect(defaultDateRange(totals, 'month')).toMatchObject({ from: '2022-01-01', before: 5 });
  });

  test('a trailing outlier is left out the same way', () => {
    const totals = [...months('2010-01', '2014-12', {}, 100), ...months('2015-01', '2024-03', { '2024-03': 2 })];
    expect(defaultDateRange(totals, 'month')).toEqual({ from: null, to: '2014-12-01', before: 0, after: 2 });
  });

  test('a tail holding more than 0.5% of the papers is kept', () => {
    const totals = [...months('1900-01', '2021-12', { '1900-01': 100 }), ...BULK];
    expect(defaultDateRange(totals, 'month')).toEqual({ from: null, to: null, before: 0, after: 0 });
  });

  test('a gap shorter than a year is not a reason to cut', () => {
    const totals = [...months('2021-01', '2021-12', { '2021-01': 1 }), ...BULK];
    expect(defaultDateRange(totals, 'month').from).toBeNull();
  });

  test('a gap short next to the span of the rest (2 years against 20) is kept: the axis is mostly data', () => {
    const totals = [...months('2000-01', '2001-12', { '2000-01': 1 }), ...months('2002-01', '2021-12', {}, 300)];
    expect(defaultDateRange(totals, 'month').from).toBeNull();
  });

  test('an ordinary corpus, even with a thin first month, is shown whole', () => {
    expect(defaultDateRange(months('2022-01', '2026-07', { '2022-01': 1 }, 300), 'month')).toEqual({
      from: null,
      to: null,
      before: 0,
      after: 0,
    });
  });

  test('a one-month corpus with a 1900 outlier keeps the month', () => {
    const totals = months('1900-01', '2024-05', { '1900-01': 1, '2024-05': 400 });
    expect(defaultDateRange(totals, 'month')).toMatchObject({ from: '2024-05-01', to: null, before: 1 });
  });

  test('a single period or none: nothing to cut', () => {
    expect(defaultDateRange([], 'month').from).toBeNull();
    expect(defaultDateRange([{ period_start: '2024-05-01', period_total: 7 }], 'month').from).toBeNull();
  });

  test('works on sparse input (only periods with papers) and at year granularity', () => {
    const years = [
      { period_start: '1900-01-01', period_total: 1 },
      ...[2022, 2023, 2024, 2025].map((y) => ({ period_start: `${y}-01-01`, period_total: 4000 })),
    ];
    expect(defaultDateRange(years, 'year')).toMatchObject({ from: '2022-01-01', before: 1 });
  });

  test('the options change the thresholds', () => {
    const totals = [...months('1900-01', '2021-12', { '1900-01': 100 }), ...BULK];
    expect(defaultDateRange(totals, 'month', { maxExcludedShare: 0.01 }).from).toBe('2022-01-01');
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

describe('defaultDateRange(totals, granularity) on small corpora', () => {
  test('a lone stray paper goes even when it is more than 0.5% of a small corpus', () => {
    const totals = months('1900-01', '2024-05', { '1900-01': 1, '2024-05': 60 });
    expect(defaultDateRange(totals, 'month')).toMatchObject({ from: '2024-05-01', before: 1 });
  });
  test('two stray papers in a corpus of 60 stay: they are more than 0.5%', () => {
    const totals = months('1900-01', '2024-05', { '1900-01': 2, '2024-05': 60 });
    expect(defaultDateRange(totals, 'month').from).toBeNull();
  });
});

describe('defaultDateRange(totals, granularity): the gap against the span of the rest', () => {
  const rest = months('2015-01', '2024-12', {}, 300); // 10 years
  test('a gap shorter than the rest (6 years against 10) keeps the tail', () => {
    const totals = [...months('2008-01', '2014-12', { '2008-12': 1 }), ...rest];
    expect(defaultDateRange(totals, 'month').from).toBeNull();
  });
  test('a gap longer than the rest (12 years against 10) leaves it out', () => {
    const totals = [...months('2002-01', '2014-12', { '2002-12': 1 }), ...rest];
    expect(defaultDateRange(totals, 'month')).toMatchObject({ from: '2015-01-01', before: 1 });
  });
});
