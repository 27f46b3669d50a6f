/**
 * Emerging and fading topics, the one definition: each cluster's share of papers in the last `window` periods
 * against the `window` periods before, with a two-proportion z test so small counts do not pass for trends.
 * The pipeline stores it for the whole range at the default granularity (`clusters.growth`, `growth_z`,
 * `trend_direction`); the dashboard recomputes it for a selected range. Pure (no Node, no DuckDB), so both import it.
 *
 *   p1 = x1 / n1, p2 = x2 / n2    x = the cluster's papers, n = all papers, in the earlier (1) and later (2) window
 *   growth = 100 · (p2 − p1)       percentage points
 *   z = (p2 − p1) / sqrt(p · (1 − p) · (1/n1 + 1/n2)),  p = (x1 + x2) / (n1 + n2)   (pooled; z = 0 when p is 0 or 1)
 *
 * A cluster is 'rising' or 'falling' only when |z| >= Z_CRITICAL (two-sided 5%) and the guard holds: the cluster has
 * at least `minPapers` papers in the two windows together and each window holds at least `minPapers` papers in all.
 * The guard is on the pair of windows rather than on each one, so a topic that grows from 3 papers to 150 counts as
 * rising; with fewer events the normal approximation behind z is not trustworthy.
 * Only whole, well-filled periods count: a partial edge period (trends `coverage` < 1, e.g. a corpus ending on
 * 1 July) and a period with fewer than MIN_PERIOD_PAPERS papers in all are left out before the windows are laid, so
 * the recent window is the last `window` periods that can be read (`includePartial` keeps partial ones).
 * Growth is null (and the cluster 'steady') when there are fewer than 2 · window such periods or a window is empty.
 * Window sums are per cluster over its own rows (the pipeline's grid is dense, so n is the same for every cluster
 * there). The operations follow the reference SQL's order, so both give the same doubles. O(rows) over the grid.
 */
import type { Granularity, TrendRow } from '../schema.ts';

export const TREND_DIRECTIONS = ['rising', 'falling', 'steady'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

/** Two-sided 5% level of the normal distribution. */
export const Z_CRITICAL = 1.96;
export const DEFAULT_GROWTH_WINDOW = 6;
export const DEFAULT_GROWTH_MIN_PAPERS = 20;
/**
 * A period with fewer papers than this in all is too small to read a share from (one paper moves it by more than
 * 3 points, and its 95% interval is wider than ±15 points around one half): charts fade it and growth leaves it out.
 */
export const MIN_PERIOD_PAPERS = 30;

export interface GrowthOptions {
  /** Periods in each of the two compared windows; default `DEFAULT_GROWTH_WINDOW`. */
  readonly window: number;
  /** Guard: fewest cluster papers in both windows together, and fewest papers in each window; default 20. */
  readonly minPapers: number;
  /** Count partial edge periods (coverage < 1) too; default false. */
  readonly includePartial?: boolean;
  /** Fewest papers in a period for it to count; default MIN_PERIOD_PAPERS. */
  readonly minPeriodPapers?: number;
}

/** Whether a period (any of its rows) enters the growth windows under `options`. */
export function countsForGrowth(row: Pick<TrendRow, 'coverage' | 'period_total'>, options: GrowthOptions): boolean {
  return (
    (options.includePartial === true || row.coverage >= 1) &&
    row.period_total >= (options.minPeriodPapers ?? MIN_PERIOD_PAPERS)
  );
}

export interface Growth {
  growth: number | null;
  growthZ: number | null;
  direction: TrendDirection;
}

/** One cluster's papers (`count`) and all papers (`total`) in the earlier window and in the recent one. */
export interface WindowCounts {
  countBefore: number;
  totalBefore: number;
  countRecent: number;
  totalRecent: number;
}

export interface WindowedRows {
  /** Distinct periods among the rows. */
  periods: number;
  /** Only clusters that have rows. */
  byCluster: Map<number, WindowCounts>;
}

/** The periods (`period_start`, ascending) of the two windows, and how many periods count for growth in all. */
export interface GrowthWindows {
  periods: number;
  before: string[];
  recent: string[];
}

/**
 * Where the windows lie among trend rows of one granularity, already cut to the range: the periods that count for
 * growth (`countsForGrowth`), the last `window` of them the recent window, the `window` before it the earlier one.
 */
export function growthWindows(
  allRows: readonly Pick<TrendRow, 'period_start' | 'coverage' | 'period_total'>[],
  options: GrowthOptions,
): GrowthWindows {
  const { window } = options;
  const periods = [
    ...new Set(allRows.filter((row) => countsForGrowth(row, options)).map((row) => row.period_start)),
  ].sort();
  const n = periods.length;
  return {
    periods: n,
    before: periods.slice(Math.max(0, n - 2 * window), Math.max(0, n - window)),
    recent: periods.slice(Math.max(0, n - window)),
  };
}

/** Window sums of trend rows of one granularity, already cut to the range, over the windows of `growthWindows`. */
export function windowCounts(allRows: readonly TrendRow[], options: GrowthOptions): WindowedRows {
  const windows = growthWindows(allRows, options);
  const before = new Set(windows.before);
  const recent = new Set(windows.recent);
  const byCluster = new Map<number, WindowCounts>();
  for (const row of allRows) {
    if (!countsForGrowth(row, options)) continue;
    let counts = byCluster.get(row.cluster_id);
    if (counts === undefined) {
      counts = { countBefore: 0, totalBefore: 0, countRecent: 0, totalRecent: 0 };
      byCluster.set(row.cluster_id, counts);
    }
    if (recent.has(row.period_start)) {
      counts.countRecent += row.doc_count;
      counts.totalRecent += row.period_total;
    } else if (before.has(row.period_start)) {
      counts.countBefore += row.doc_count;
      counts.totalBefore += row.period_total;
    }
  }
  return { periods: windows.periods, byCluster };
}

const NO_GROWTH: Growth = { growth: null, growthZ: null, direction: 'steady' };

/** The growth of one cluster's window counts (`undefined`: the cluster has no rows) among `periods` periods. */
export function windowGrowth(counts: WindowCounts | undefined, periods: number, options: GrowthOptions): Growth {
  if (counts === undefined || periods < 2 * options.window) return { ...NO_GROWTH };
  const { countBefore, totalBefore, countRecent, totalRecent } = counts;
  if (totalBefore === 0 || totalRecent === 0) return { ...NO_GROWTH };
  return twoProportionGrowth(countBefore, totalBefore, countRecent, totalRecent, options.minPapers);
}

/** The growth, z and direction of a proportion going from x1 / n1 to x2 / n2 (n1, n2 > 0). */
export function twoProportionGrowth(x1: number, n1: number, x2: number, n2: number, minPapers: number): Growth {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const growthZ = pooled * (1 - pooled) === 0 ? 0 : (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const guarded = x1 + x2 >= minPapers && n1 >= minPapers && n2 >= minPapers;
  const direction = Math.abs(growthZ) >= Z_CRITICAL && guarded ? (growthZ > 0 ? 'rising' : 'falling') : 'steady';
  return { growth: 100 * (p2 - p1), growthZ, direction };
}

/** Growth of clusters 0..k-1 over every period of `granularity` in the trend grid: what the pipeline stores. */
export function clusterGrowth(
  trends: readonly TrendRow[],
  granularity: Granularity,
  k: number,
  options: GrowthOptions,
): Growth[] {
  const { periods, byCluster } = windowCounts(
    trends.filter((row) => row.granularity === granularity),
    options,
  );
  return Array.from({ length: k }, (_, clusterId) => windowGrowth(byCluster.get(clusterId), periods, options));
}
