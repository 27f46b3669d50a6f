import { describe, expect, it } from 'vitest';
import type { TrendRow } from '../../../src/schema.ts';
import { clusterGrowth, growthWindows, MIN_PERIOD_PAPERS, twoProportionGrowth } from '../../../src/shared/growth.ts';

/** Monthly grid rows from per-period [cluster 0, cluster 1] counts, months 2024-01 onwards; `coverage` per month. */
function monthly(counts: readonly (readonly [number, number])[], coverage: readonly number[] = []): TrendRow[] {
  return counts.flatMap(([a, b], i) => {
    const periodStart = `2024-${String(i + 1).padStart(2, '0')}-01`;
    const total = a + b;
    return [a, b].map((count, clusterId) => ({
      granularity: 'month' as const,
      period_start: periodStart,
      cluster_id: clusterId,
      doc_count: count,
      period_total: total,
      share: total === 0 ? 0 : count / total,
      coverage: coverage[i] ?? 1,
    }));
  });
}

describe('twoProportionGrowth(x1, n1, x2, n2, minPapers)', () => {
  it('gives the share change in points and the pooled z: 10/100 -> 30/100', () => {
    // p1 = 0.1, p2 = 0.3, pooled p = 0.2, se = sqrt(0.2 · 0.8 · (1/100 + 1/100)) = sqrt(0.0032); z = 0.2 / se = sqrt(12.5)
    const result = twoProportionGrowth(10, 100, 30, 100, 20);
    expect(result.growth).toBeCloseTo(20, 12);
    expect(result.growthZ).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(result.direction).toBe('rising');
  });

  it('is falling for the mirror image, with the same |z|', () => {
    const result = twoProportionGrowth(30, 100, 10, 100, 20);
    expect(result.growth).toBeCloseTo(-20, 12);
    expect(result.growthZ).toBeCloseTo(-Math.sqrt(12.5), 12);
    expect(result.direction).toBe('falling');
  });

  it('stays steady below |z| = 1.96: 10/100 -> 15/100', () => {
    // pooled p = 0.125, se = sqrt(0.125 · 0.875 · 0.02) = 0.046771, z = 0.05 / 0.046771 = 1.0690
    const result = twoProportionGrowth(10, 100, 15, 100, 20);
    expect(result.growthZ).toBeCloseTo(0.05 / Math.sqrt(0.125 * 0.875 * 0.02), 12);
    expect(result.direction).toBe('steady');
  });

  it('guards small counts: 1/10 -> 9/10 has z = 3.58 but only 10 cluster papers', () => {
    const result = twoProportionGrowth(1, 10, 9, 10, 20);
    expect(result.growthZ!).toBeGreaterThan(3.5);
    expect(result.direction).toBe('steady');
    expect(twoProportionGrowth(1, 10, 9, 10, 10).direction).toBe('rising');
  });

  it('counts a topic that emerges from almost nothing as rising (the guard is on both windows together)', () => {
    expect(twoProportionGrowth(2, 1000, 150, 1000, 20).direction).toBe('rising');
  });

  it('gives z = 0 when the cluster has no papers in either window', () => {
    expect(twoProportionGrowth(0, 100, 0, 100, 20)).toEqual({ growth: 0, growthZ: 0, direction: 'steady' });
  });
});

describe('clusterGrowth(trends, granularity, k, options)', () => {
  it('compares the last window of periods with the window before, ignoring older periods', () => {
    // window 2 over 5 months: month 1 is ignored; earlier = months 2-3 (x = 10 of 100), later = months 4-5 (30 of 100).
    const trends = monthly([
      [99, 1],
      [5, 45],
      [5, 45],
      [15, 35],
      [15, 35],
    ]);
    const [first, second] = clusterGrowth(trends, 'month', 2, { window: 2, minPapers: 20 });
    expect(first!.growth).toBeCloseTo(20, 12);
    expect(first!.growthZ).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(first!.direction).toBe('rising');
    expect(second!.growth).toBeCloseTo(-20, 12);
    expect(second!.direction).toBe('falling');
  });

  it('is null and steady with fewer than 2 × window periods', () => {
    const trends = monthly([
      [5, 5],
      [5, 5],
      [5, 5],
    ]);
    expect(clusterGrowth(trends, 'month', 2, { window: 2, minPapers: 1 })).toEqual([
      { growth: null, growthZ: null, direction: 'steady' },
      { growth: null, growthZ: null, direction: 'steady' },
    ]);
  });

  it('is null when a window holds no papers at all', () => {
    const trends = monthly([
      [0, 0],
      [5, 5],
    ]);
    expect(clusterGrowth(trends, 'month', 2, { window: 1, minPapers: 1 })[0]).toEqual({
      growth: null,
      growthZ: null,
      direction: 'steady',
    });
  });

  it('uses only rows of the requested granularity', () => {
    const trends = [
      ...monthly([
        [10, 90],
        [30, 70],
      ]),
      {
        granularity: 'year' as const,
        period_start: '2024-01-01',
        cluster_id: 0,
        doc_count: 40,
        period_total: 200,
        share: 0.2,
        coverage: 1,
      },
      {
        granularity: 'year' as const,
        period_start: '2024-01-01',
        cluster_id: 1,
        doc_count: 160,
        period_total: 200,
        share: 0.8,
        coverage: 1,
      },
    ];
    expect(clusterGrowth(trends, 'month', 2, { window: 1, minPapers: 20 })[0]!.growth).toBeCloseTo(20, 12);
    expect(clusterGrowth(trends, 'year', 2, { window: 1, minPapers: 20 })[0]!.growth).toBeNull();
  });

  // The default corpus's shape: it ends on 1 July, so July covers 1 of its 31 days.
  const endsOnFirstOfJuly = monthly(
    [
      [20, 80],
      [20, 80],
      [40, 60],
      [40, 60],
      [28, 3],
    ],
    [1, 1, 1, 1, 1 / 31],
  );

  it('leaves a partial last period (coverage < 1) out of the windows: the window ends at the last whole period', () => {
    // Months 1-2 (40 of 200) against months 3-4 (80 of 200): +20 points. With July, it would be 60 of 200 against
    // 68 of 131 (+21.9) on windows shifted by one.
    const [first] = clusterGrowth(endsOnFirstOfJuly, 'month', 2, { window: 2, minPapers: 20 });
    expect(first!.growth).toBeCloseTo(20, 12);
  });

  it('counts the partial period again with includePartial', () => {
    const [first] = clusterGrowth(endsOnFirstOfJuly, 'month', 2, { window: 2, minPapers: 20, includePartial: true });
    expect(first!.growth).toBeCloseTo(100 * (68 / 131 - 60 / 200), 12);
  });

  it(`leaves a period with fewer than MIN_PERIOD_PAPERS (${MIN_PERIOD_PAPERS}) papers out, even a whole one`, () => {
    const small = monthly([
      [20, 80],
      [20, 80],
      [40, 60],
      [40, 60],
      [28, 1],
    ]);
    expect(clusterGrowth(small, 'month', 2, { window: 2, minPapers: 20 })[0]!.growth).toBeCloseTo(20, 12);
    expect(clusterGrowth(small, 'month', 2, { window: 2, minPapers: 20, minPeriodPapers: 29 })[0]!.growth).toBeCloseTo(
      100 * (68 / 129 - 60 / 200),
      12,
    );
  });
});

describe('growthWindows(rows, options)', () => {
  it('lays the recent window on the last periods that count and the earlier one before it, skipping small periods', () => {
    // Month 3 has 29 papers: left out, so the windows are {1, 2} and {4, 5}.
    const rows = monthly([
      [20, 80],
      [20, 80],
      [9, 20],
      [40, 60],
      [40, 60],
    ]);
    expect(growthWindows(rows, { window: 2, minPapers: 20 })).toEqual({
      periods: 4,
      before: ['2024-01-01', '2024-02-01'],
      recent: ['2024-04-01', '2024-05-01'],
    });
  });

  it('gives what periods there are when fewer than 2 × window count', () => {
    const rows = monthly([
      [20, 80],
      [20, 80],
      [40, 60],
    ]);
    expect(growthWindows(rows, { window: 2, minPapers: 20 })).toEqual({
      periods: 3,
      before: ['2024-01-01'],
      recent: ['2024-02-01', '2024-03-01'],
    });
  });
});
