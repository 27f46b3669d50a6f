/**
 * Far date outliers, the one rule (src/shared/date-outliers.ts): the pipeline's cases on document dates and the
 * dashboard's former default-range cases, written as the document dates behind those period totals.
 */
import { describe, expect, test } from 'vitest';
import { dateSpread } from '../../../src/shared/date-outliers.ts';

/** n days from 2024-01-01, one apart. */
const days = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));

/** `n` papers dated `date`. */
const many = (n: number, date: string): string[] => Array.from({ length: n }, () => date);

/** `perMonth` papers dated the first of each month from `first` to `last` (YYYY-MM). */
function monthly(first: string, last: string, perMonth: number): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(...many(perMonth, `${key}-01`));
    if (key === last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** The bulk: 2022-01..2026-07 with 300 papers a month (16,500 in all). */
const BULK = monthly('2022-01', '2026-07', 300);

describe('dateSpread(dates)', () => {
  test('flags one 1900-01-01 among 20 dates of 2024 and keeps the rest as the core', () => {
    const spread = dateSpread(['1900-01-01', ...days(20), null]);
    expect(spread.dateRange).toEqual({ first: '1900-01-01', last: '2024-01-20' });
    expect(spread.coreDateRange).toEqual({ first: '2024-01-01', last: '2024-01-20' });
    expect(spread.dateOutliers).toEqual({ count: 1, dates: ['1900-01-01'] });
  });

  test('flags a far future tail too, and at most 0.1 % of the documents a side (2 of 2,000 here)', () => {
    const dates = [...days(1998), '2099-06-01', '2099-06-01'];
    expect(dateSpread(dates).dateOutliers).toEqual({ count: 2, dates: ['2099-06-01'] });
    // Three far dates in 2,000 are more than 0.1 %: a cluster of old papers, not a stray placeholder.
    expect(dateSpread(['1990-01-01', '1990-01-01', '1990-01-01', ...days(1997)]).dateOutliers.count).toBe(0);
  });

  test('needs a gap longer than a year and than the core span: a spread-out corpus has no outlier', () => {
    // Core span 2024-01-02 .. 2024-01-20 is 18 days, so the gap must be >= 365 days: 300 days is not enough.
    expect(dateSpread(['2023-03-08', ...days(20)]).dateOutliers.count).toBe(0);
    // One paper per year over 30 years: gaps of one year, core span 28 years.
    const yearly = Array.from({ length: 30 }, (_, i) => `${1990 + i}-01-01`);
    expect(dateSpread(yearly).dateOutliers.count).toBe(0);
  });

  test('calls nothing an outlier below 10 dated documents, and handles none', () => {
    expect(dateSpread(['1900-01-01', ...days(8)]).dateOutliers.count).toBe(0);
    expect(dateSpread(many(7, '2024-05-01')).dateOutliers.count).toBe(0);
    expect(dateSpread([null, null])).toEqual({
      dateRange: null,
      coreDateRange: null,
      dateOutliers: { count: 0, dates: [] },
    });
  });
});

describe('dateSpread(dates) on a corpus of months (the dashboard default range cases)', () => {
  test('one paper dated 1900-01 is left out: the core starts with the bulk', () => {
    const spread = dateSpread(['1900-01-01', ...BULK]);
    expect(spread.coreDateRange).toEqual({ first: '2022-01-01', last: '2026-07-01' });
    expect(spread.dateOutliers).toEqual({ count: 1, dates: ['1900-01-01'] });
  });

  test('several far outliers (1900, 1950) are all left out while together under 0.1% (5 of 16,505)', () => {
    const spread = dateSpread([...many(3, '1900-01-01'), ...many(2, '1950-06-01'), ...BULK]);
    expect(spread.dateOutliers).toEqual({ count: 5, dates: ['1900-01-01', '1950-06-01'] });
    expect(spread.coreDateRange!.first).toBe('2022-01-01');
  });

  test('at most floor(0.001 · n) a side: 16 strays in 16,516 go, 17 in 16,517 stay', () => {
    expect(dateSpread([...many(16, '1900-01-01'), ...BULK]).dateOutliers.count).toBe(16);
    expect(dateSpread([...many(17, '1900-01-01'), ...BULK]).dateOutliers.count).toBe(0);
  });

  test('a trailing outlier is left out the same way', () => {
    const spread = dateSpread([...monthly('2010-01', '2014-12', 100), ...many(2, '2024-03-01')]);
    expect(spread.coreDateRange).toEqual({ first: '2010-01-01', last: '2014-12-01' });
    expect(spread.dateOutliers.count).toBe(2);
  });

  test('strays on both sides go, whichever side is nearer (1950 and 2099 around 2022-2026)', () => {
    const spread = dateSpread(['1950-01-01', ...BULK, '2099-01-01']);
    expect(spread.coreDateRange).toEqual({ first: '2022-01-01', last: '2026-07-01' });
    expect(spread.dateOutliers).toEqual({ count: 2, dates: ['1950-01-01', '2099-01-01'] });
  });

  test('a tail holding more than 0.1% of the papers is kept (100 of 16,600)', () => {
    expect(dateSpread([...many(100, '1900-01-01'), ...BULK]).dateOutliers.count).toBe(0);
  });

  test('a gap shorter than a year is not a reason to cut, even before a short bulk', () => {
    const bulk = monthly('2024-01', '2024-03', 300);
    // 245 days before a 2-month core: kept; 396 days: left out.
    expect(dateSpread(['2023-05-01', ...bulk]).dateOutliers.count).toBe(0);
    expect(dateSpread(['2022-12-01', ...bulk]).dateOutliers.count).toBe(1);
  });

  test('a year before a bulk spanning 4.5 years is kept: the gap must be as long as the core', () => {
    expect(dateSpread(['2021-01-01', ...BULK]).dateOutliers.count).toBe(0);
  });

  test('a gap short next to the span of the rest (2 years against 20) is kept: the axis is mostly data', () => {
    expect(dateSpread(['2000-01-01', ...monthly('2002-01', '2021-12', 300)]).dateOutliers.count).toBe(0);
  });

  test('an ordinary corpus, even with a thin first month, has no outlier', () => {
    expect(dateSpread(['2022-01-01', ...monthly('2022-02', '2026-07', 300)]).dateOutliers.count).toBe(0);
  });

  test('a one-month corpus with a 1900 outlier keeps the month', () => {
    const spread = dateSpread(['1900-01-01', ...many(400, '2024-05-01')]);
    expect(spread.coreDateRange).toEqual({ first: '2024-05-01', last: '2024-05-01' });
    expect(spread.dateOutliers.count).toBe(1);
  });

  test('works on year-precision dates', () => {
    const years = [2022, 2023, 2024, 2025].flatMap((y) => many(4000, `${y}-01-01`));
    expect(dateSpread(['1900-01-01', ...years]).coreDateRange).toEqual({ first: '2022-01-01', last: '2025-01-01' });
  });

  test('the options change the thresholds', () => {
    const dates = [...many(100, '1900-01-01'), ...BULK];
    expect(dateSpread(dates, { maxShare: 0.01 }).dateOutliers.count).toBe(100);
    expect(
      dateSpread(['2023-05-01', ...monthly('2024-01', '2024-03', 300)], { minGapDays: 200 }).dateOutliers.count,
    ).toBe(1);
  });
});

describe('dateSpread(dates) on small corpora', () => {
  test('a lone stray paper goes even when it is more than 0.1% of a small corpus (1 of 61)', () => {
    expect(dateSpread(['1900-01-01', ...many(60, '2024-05-01')]).dateOutliers.count).toBe(1);
  });
  test('two stray papers in a corpus of 62 stay: only one may go', () => {
    expect(dateSpread([...many(2, '1900-01-01'), ...many(60, '2024-05-01')]).dateOutliers.count).toBe(0);
  });
});

describe('dateSpread(dates): the gap against the span of the core', () => {
  const rest = monthly('2015-01', '2024-12', 300); // 10 years
  test('a gap shorter than the core (6 years against 10) keeps the tail', () => {
    expect(dateSpread(['2008-12-01', ...rest]).dateOutliers.count).toBe(0);
  });
  test('a gap longer than the core (12 years against 10) leaves it out', () => {
    expect(dateSpread(['2002-12-01', ...rest]).coreDateRange!.first).toBe('2015-01-01');
  });
});
