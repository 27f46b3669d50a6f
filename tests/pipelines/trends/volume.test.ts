import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { GRANULARITIES } from '../../../src/schema.ts';
import { trendRows, type DatedAssignment } from '../../../pipelines/trends/volume.ts';

const doc = (
  date: string | null,
  clusterId: number,
  datePrecision: DatedAssignment['datePrecision'] = 'day',
): DatedAssignment => ({
  date,
  datePrecision: date === null ? null : datePrecision,
  clusterId,
});

describe('trendRows(docs, k)', () => {
  it('counts per cluster and month with shares, as a dense grid with zeros', () => {
    const rows = trendRows([doc('2024-01-05', 0), doc('2024-01-20', 1), doc('2024-01-21', 1), doc('2024-03-02', 0)], 2);
    const monthly = rows.filter((row) => row.granularity === 'month');
    expect(monthly.map((r) => [r.period_start, r.cluster_id, r.doc_count, r.period_total, r.share])).toEqual([
      ['2024-01-01', 0, 1, 3, 1 / 3],
      ['2024-01-01', 1, 2, 3, 2 / 3],
      ['2024-02-01', 0, 0, 0, 0],
      ['2024-02-01', 1, 0, 0, 0],
      ['2024-03-01', 0, 1, 1, 1],
      ['2024-03-01', 1, 0, 1, 0],
    ]);
  });

  it('leaves undated documents out of every granularity', () => {
    const rows = trendRows([doc(null, 0), doc('2024-01-05', 0)], 1);
    for (const granularity of GRANULARITIES) {
      expect(rows.filter((r) => r.granularity === granularity).reduce((sum, r) => sum + r.doc_count, 0)).toBe(1);
    }
  });

  it('counts a year-only date in yearly trends only', () => {
    const rows = trendRows([doc('2023-01-01', 0, 'year'), doc('2023-06-10', 0)], 1);
    const total = (granularity: string) =>
      rows.filter((r) => r.granularity === granularity).reduce((sum, r) => sum + r.doc_count, 0);
    expect([total('year'), total('quarter'), total('month'), total('week')]).toEqual([2, 1, 1, 1]);
  });

  it("marks a corpus's edge periods with the share of their days it covers (coverage), inner ones 1", () => {
    // Days 5 January to 2 March 2024: January 27/31, February whole, March 2/31; Q1 58/91; 2024 58/366.
    const rows = trendRows([doc('2024-01-05', 0), doc('2024-02-10', 0), doc('2024-03-02', 0)], 1);
    const coverage = (granularity: string) =>
      rows.filter((r) => r.granularity === granularity).map((r) => [r.period_start, r.coverage]);
    expect(coverage('month')).toEqual([
      ['2024-01-01', 27 / 31],
      ['2024-02-01', 1],
      ['2024-03-01', 2 / 31],
    ]);
    expect(coverage('quarter')).toEqual([['2024-01-01', 58 / 91]]);
    expect(coverage('year')).toEqual([['2024-01-01', 58 / 366]]);
    // Friday 5 January: 3 of the ISO week's 7 days; Saturday 2 March: 6 of 7.
    expect(coverage('week').at(0)).toEqual(['2024-01-01', 3 / 7]);
    expect(coverage('week').at(-1)).toEqual(['2024-02-26', 6 / 7]);
  });

  it('takes the span of each granularity from the dates counted in it: a year-only date widens only years', () => {
    const rows = trendRows([doc('2023-01-01', 0, 'year'), doc('2023-06-10', 0), doc('2023-06-30', 0)], 1);
    expect(rows.filter((r) => r.granularity === 'year').map((r) => r.coverage)).toEqual([1]);
    const june = rows.find((r) => r.granularity === 'month' && r.period_start === '2023-06-01');
    expect(june?.coverage).toBe(21 / 30);
  });

  it('returns no rows when nothing is dated', () => {
    expect(trendRows([doc(null, 0)], 3)).toEqual([]);
  });

  const datedDocs = fc.array(
    fc.record({
      date: fc
        .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      clusterId: fc.integer({ min: 0, max: 4 }),
    }),
    { minLength: 1, maxLength: 200 },
  );

  test.prop([datedDocs], { seed: 7 })(
    'counts of every granularity sum to the number of day-precision documents',
    (docs) => {
      const rows = trendRows(
        docs.map((d) => doc(d.date, d.clusterId)),
        5,
      );
      for (const granularity of GRANULARITIES) {
        const ofGranularity = rows.filter((r) => r.granularity === granularity);
        expect(ofGranularity.reduce((sum, r) => sum + r.doc_count, 0)).toBe(docs.length);
        for (const row of ofGranularity) {
          if (row.period_total > 0) expect(row.share).toBeCloseTo(row.doc_count / row.period_total, 12);
        }
      }
    },
  );
});
