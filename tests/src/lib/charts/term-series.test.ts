import { describe, expect, test } from 'vitest';
import { periodOfMonth, termQuality, termRecords, termTable } from '../../../../src/lib/charts/term-series.ts';

const totals = [
  { period_start: '2024-01-01', period_total: 10 },
  { period_start: '2024-02-01', period_total: 20 },
  { period_start: '2024-03-01', period_total: 10 },
  { period_start: '2024-04-01', period_total: 0 },
  { period_start: '2025-01-01', period_total: 40 },
];
const llm = {
  term: 'llm',
  forms: 'llm',
  months: [
    { period_start: '2024-01-01', doc_count: 1 },
    { period_start: '2024-03-01', doc_count: 5 },
    { period_start: '2025-01-01', doc_count: 8 },
  ],
};
const all = { from: null, to: null };

describe('periodOfMonth(month, granularity)', () => {
  test.each([
    ['2024-05-01', 'month', '2024-05-01'],
    ['2024-05-01', 'quarter', '2024-04-01'],
    ['2024-12-01', 'quarter', '2024-10-01'],
    ['2024-03-01', 'quarter', '2024-01-01'],
    ['2024-05-01', 'year', '2024-01-01'],
  ] as const)('%s in a %s is %s', (month, granularity, expected) => {
    expect(periodOfMonth(month, granularity)).toBe(expected);
  });
});

describe('termTable(series, monthTotals, granularity, range, smoothing)', () => {
  test('share per month = term papers / month papers; omitted months are 0; an empty month is 0, not NaN', () => {
    const t = termTable([llm], totals, 'month', all, 1);
    expect(t.periods).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2025-01-01']);
    expect(t.values).toEqual([[1 / 10, 0, 5 / 10, 0, 8 / 40]]);
    expect(t.counts).toEqual([[1, 0, 5, 0, 8]]);
    expect(t.totals).toEqual([10, 20, 10, 0, 40]);
  });

  test('quarters and years sum counts and totals over their months', () => {
    expect(termTable([llm], totals, 'quarter', all, 1).values).toEqual([[6 / 40, 0, 8 / 40]]);
    const years = termTable([llm], totals, 'year', all, 1);
    expect(years.periods).toEqual(['2024-01-01', '2025-01-01']);
    expect(years.values).toEqual([[6 / 40, 8 / 40]]);
  });

  test('keeps periods whose start lies in the range', () => {
    const t = termTable([llm], totals, 'month', { from: '2024-02-01', to: '2024-03-31' }, 1);
    expect(t.periods).toEqual(['2024-02-01', '2024-03-01']);
    expect(t.values).toEqual([[0, 5 / 10]]);
  });

  test('several terms share the periods; smoothing averages the shares', () => {
    const none = { term: 'zzz', forms: 'zzz', months: [] };
    const t = termTable([llm, none], totals.slice(0, 3), 'month', all, 2);
    expect(t.clusterIds).toEqual([0, 1]);
    expect(t.values).toEqual([
      [0.1, 0.05, 0.25],
      [0, 0, 0],
    ]);
  });

  test('no terms gives the periods and no series', () => {
    const t = termTable([], totals, 'year', all, 1);
    expect(t.values).toEqual([]);
    expect(t.periods).toHaveLength(2);
  });
});

describe('termRecords(table)', () => {
  test('one record per period and term with counts, totals and share', () => {
    const t = termTable([llm], totals.slice(0, 2), 'month', all, 1);
    expect(termRecords(t)).toEqual([
      { period_start: '2024-01-01', term: 'llm', forms: 'llm', doc_count: 1, period_total: 10, share: 0.1 },
      { period_start: '2024-02-01', term: 'llm', forms: 'llm', doc_count: 0, period_total: 20, share: 0 },
    ]);
  });
});

describe('termQuality(table, coverage)', () => {
  test("each period's total is the term share's denominator; partial below full coverage, small under 30 papers", () => {
    const t = termTable(
      [llm],
      [...totals.slice(0, 3), { period_start: '2024-04-01', period_total: 31 }],
      'month',
      all,
      1,
    );
    const coverage = new Map([
      ['2024-01-01', 30 / 31],
      ['2024-04-01', 1 / 30],
    ]);
    expect(termQuality(t, coverage)).toEqual([
      { total: 10, coverage: 30 / 31, partial: true, small: true },
      { total: 20, coverage: 1, partial: false, small: true },
      { total: 10, coverage: 1, partial: false, small: true },
      { total: 31, coverage: 1 / 30, partial: true, small: false },
    ]);
  });

  test('quarters take the coverage of the quarter, not of its months', () => {
    const t = termTable([llm], totals, 'quarter', all, 1);
    const q = termQuality(t, new Map([['2025-01-01', 1 / 90]]));
    expect(q.map((x) => [x.total, x.partial])).toEqual([
      [40, false],
      [0, false],
      [40, true],
    ]);
  });
});

describe('termRecords(table, quality)', () => {
  test('with quality, each record says whether its period is partial', () => {
    const t = termTable([llm], totals.slice(0, 2), 'month', all, 1);
    const quality = termQuality(t, new Map([['2024-02-01', 0.5]]));
    expect(termRecords(t, quality).map((r) => [r['period_start'], r['partial']])).toEqual([
      ['2024-01-01', false],
      ['2024-02-01', true],
    ]);
  });
});
