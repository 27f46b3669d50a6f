/**
 * Emerging and fading topics: each cluster's share of papers in the last `window` periods against the `window`
 * periods before, with a two-proportion z test so small counts do not pass for trends.
 *
 *   p1 = x1 / n1, p2 = x2 / n2    x = the cluster's papers, n = all papers, in the earlier (1) and later (2) window
 *   growth = 100 · (p2 − p1)       percentage points
 *   z = (p2 − p1) / sqrt(p · (1 − p) · (1/n1 + 1/n2)),  p = (x1 + x2) / (n1 + n2)   (pooled; z = 0 when p is 0 or 1)
 *
 * A cluster is 'rising' or 'falling' only when |z| >= Z_CRITICAL (1.96, two-sided 5%) and the guard holds: the
 * cluster has at least `minPapers` papers in the two windows together and each window holds at least `minPapers`
 * papers in all. The guard is on the pair of windows rather than on each one, so a topic that grows from 3 papers
 * to 150 counts as rising; with fewer events the normal approximation behind z is not trustworthy.
 * Growth is null (and the cluster 'steady') when there are fewer than 2 · window periods or a window is empty.
 * O(rows) over the trend grid.
 */
import type { Granularity, TrendRow } from '../../src/schema.ts';

export type TrendDirection = 'rising' | 'falling' | 'steady';

export interface GrowthOptions {
  /** Periods in each of the two compared windows; default 6. */
  window: number;
  /** Guard: fewest cluster papers in both windows together, and fewest papers in each window; default 20. */
  minPapers: number;
}

export interface ClusterGrowth {
  growth: number | null;
  growthZ: number | null;
  direction: TrendDirection;
}

export const Z_CRITICAL = 1.96;
export const DEFAULT_GROWTH_MIN_PAPERS = 20;

/** Growth of clusters 0..k-1 from the dense trend grid (`trendRows`) at `granularity`. */
export function clusterGrowth(
  trends: readonly TrendRow[],
  granularity: Granularity,
  k: number,
  options: GrowthOptions,
): ClusterGrowth[] {
  const rows = trends.filter((row) => row.granularity === granularity);
  const periods = [...new Set(rows.map((row) => row.period_start))].sort();
  const steady = (): ClusterGrowth[] =>
    Array.from({ length: k }, () => ({ growth: null, growthZ: null, direction: 'steady' as const }));
  if (periods.length < 2 * options.window) return steady();

  const laterStart = periods[periods.length - options.window]!;
  const earlierStart = periods[periods.length - 2 * options.window]!;
  const x1 = new Float64Array(k);
  const x2 = new Float64Array(k);
  const totals1 = new Map<string, number>();
  const totals2 = new Map<string, number>();
  for (const row of rows) {
    if (row.period_start >= laterStart) {
      x2[row.cluster_id]! += row.doc_count;
      totals2.set(row.period_start, row.period_total);
    } else if (row.period_start >= earlierStart) {
      x1[row.cluster_id]! += row.doc_count;
      totals1.set(row.period_start, row.period_total);
    }
  }
  const n1 = sum(totals1.values());
  const n2 = sum(totals2.values());
  if (n1 === 0 || n2 === 0) return steady();
  return Array.from({ length: k }, (_, clusterId) =>
    twoProportionGrowth(x1[clusterId]!, n1, x2[clusterId]!, n2, options.minPapers),
  );
}

/** The growth, z and direction of a proportion going from x1 / n1 to x2 / n2 (n1, n2 > 0). */
export function twoProportionGrowth(x1: number, n1: number, x2: number, n2: number, minPapers: number): ClusterGrowth {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  const growthZ = variance === 0 ? 0 : (p2 - p1) / Math.sqrt(variance);
  const guarded = x1 + x2 >= minPapers && n1 >= minPapers && n2 >= minPapers;
  const direction =
    guarded && growthZ >= Z_CRITICAL ? 'rising' : guarded && growthZ <= -Z_CRITICAL ? 'falling' : 'steady';
  return { growth: 100 * (p2 - p1), growthZ, direction };
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
