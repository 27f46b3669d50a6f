/**
 * Emerging and fading topics for the dashboard, in the clusters table's column names: the growth the pipeline stored,
 * or the one definition (`src/shared/growth.ts`) recomputed for the selected range on the trends rows the dashboard
 * already holds, so a brush needs no DuckDB round trip. (The same as SQL, the tests' oracle:
 * `tests/reference-sql/growth.ts`.)
 */
import type { ClusterRow, Granularity, TrendRow } from '../../schema.ts';
import {
  TREND_DIRECTIONS,
  windowCounts,
  windowGrowth,
  type GrowthOptions,
  type TrendDirection,
} from '../../shared/growth.ts';
import { inRange, type DateRange } from './sql.ts';

/** The clusters table's growth columns, with `trend_direction` narrowed to the values the pipeline writes. */
export type ClusterGrowth = Pick<ClusterRow, 'cluster_id' | 'label' | 'growth' | 'growth_z'> & {
  trend_direction: TrendDirection;
};

/** Window counts, for showing the evidence behind a verdict. */
export interface WindowGrowth extends ClusterGrowth {
  count_before: number;
  total_before: number;
  count_recent: number;
  total_recent: number;
}

/**
 * The growth of every cluster over the periods of `granularity` whose start lies in `range`, ordered by cluster id.
 * A cluster without rows in the range gets no growth and zero counts. O(rows + periods log periods).
 */
export function windowGrowthFromRows(
  trends: readonly TrendRow[],
  clusters: readonly Pick<ClusterRow, 'cluster_id' | 'label'>[],
  granularity: Granularity,
  range: DateRange,
  options: GrowthOptions,
): WindowGrowth[] {
  const rows = trends.filter((r) => r.granularity === granularity && inRange(r.period_start, range));
  const { periods, byCluster } = windowCounts(rows, options);
  return clusters
    .map((c): WindowGrowth => {
      const counts = byCluster.get(c.cluster_id);
      const { growth, growthZ, direction } = windowGrowth(counts, periods, options);
      return {
        cluster_id: c.cluster_id,
        label: c.label,
        growth,
        growth_z: growthZ,
        trend_direction: direction,
        count_before: counts?.countBefore ?? 0,
        total_before: counts?.totalBefore ?? 0,
        count_recent: counts?.countRecent ?? 0,
        total_recent: counts?.totalRecent ?? 0,
      };
    })
    .sort((a, b) => a.cluster_id - b.cluster_id);
}

/**
 * The growth the pipeline stored (whole range, default granularity), from the clusters table's rows. A
 * `trend_direction` the pipeline never writes is an error naming the cluster and the value (the file was not
 * written by this version).
 */
export function storedGrowthFromRows(
  clusters: readonly Pick<ClusterRow, 'cluster_id' | 'label' | 'growth' | 'growth_z' | 'trend_direction'>[],
): ClusterGrowth[] {
  return clusters
    .map((c) => ({
      cluster_id: c.cluster_id,
      label: c.label,
      growth: c.growth,
      growth_z: c.growth_z,
      trend_direction: trendDirection(c.trend_direction, c.cluster_id),
    }))
    .sort((a, b) => a.cluster_id - b.cluster_id);
}

function trendDirection(value: string, clusterId: number): TrendDirection {
  const known: readonly string[] = TREND_DIRECTIONS;
  if (known.includes(value)) return value as TrendDirection;
  throw new Error(
    `clusters.parquet: cluster ${clusterId} has trend_direction '${value}', expected one of ${TREND_DIRECTIONS.join(', ')}; rebuild the data folder with this version of the pipeline`,
  );
}

export interface RankedGrowth<G extends ClusterGrowth> {
  rising: G[];
  falling: G[];
}

/** The `limit` fastest risers and fallers among the significant ones, by growth. */
export function rankGrowth<G extends ClusterGrowth>(rows: readonly G[], limit: number): RankedGrowth<G> {
  const by = (direction: TrendDirection, sign: number): G[] =>
    rows
      .filter((r) => r.trend_direction === direction && r.growth !== null)
      .sort((a, b) => sign * ((b.growth ?? 0) - (a.growth ?? 0)) || a.cluster_id - b.cluster_id)
      .slice(0, limit);
  return { rising: by('rising', 1), falling: by('falling', -1) };
}
