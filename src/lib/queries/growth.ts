/**
 * Emerging and fading topics, recomputed for the selected range with the pipeline's definition
 * (`pipelines/trends/growth.ts`): a cluster's share of papers in the last `window` periods of the range,
 * p2 = x2 / n2, against the `window` periods before, p1 = x1 / n1; growth = 100 (p2 - p1) percentage points;
 * z = (p2 - p1) / sqrt(p (1 - p) (1 / n1 + 1 / n2)) with the pooled p = (x1 + x2) / (n1 + n2), 0 when p is 0 or 1.
 * 'rising' or 'falling' only when |z| >= Z_CRITICAL and the guard holds (x1 + x2, n1 and n2 each >= `minPapers`);
 * else 'steady'. Growth is null when the range has fewer than 2 `window` periods or a window has no papers.
 * The SQL (`windowGrowthQuery`) is the reference; the dashboard evaluates the same definition on the trends rows it
 * already holds (`windowGrowthFromRows`, tested equal), so a brush needs no DuckDB round trip.
 */
import type { ClusterRow, Granularity, TrendRow } from '../../schema.ts';
import { columnsOf, dateBounds, inRange, tableName, type DateRange, type SqlQuery } from './sql.ts';

export const TREND_DIRECTIONS = ['rising', 'falling', 'steady'] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];

/** Two-sided 5% level of the normal distribution. */
export const Z_CRITICAL = 1.96;

export interface GrowthOptions {
  /** Periods in each of the two compared windows. */
  readonly window: number;
  /** Guard: fewest cluster papers in both windows together, and fewest papers in each window. */
  readonly minPapers: number;
}

export interface ClusterGrowth {
  cluster_id: number;
  label: string;
  growth: number | null;
  growth_z: number | null;
  trend_direction: TrendDirection;
}

/** Window counts, for showing the evidence behind a verdict. */
export interface WindowGrowth extends ClusterGrowth {
  count_before: number;
  total_before: number;
  count_recent: number;
  total_recent: number;
}

const T = columnsOf('trends');
const C = columnsOf('clusters');

/** Growth recomputed in DuckDB over the periods of `granularity` whose start lies in `range`. */
export function windowGrowthQuery(granularity: Granularity, range: DateRange, options: GrowthOptions): SqlQuery {
  const bounds = dateBounds(T.period_start, range);
  return {
    text: `WITH t AS (
  SELECT ${T.period_start}, ${T.cluster_id}, ${T.doc_count}, ${T.period_total}
  FROM ${tableName('trends')} WHERE ${T.granularity} = ?${bounds.text}
), p AS (
  SELECT ${T.period_start}, row_number() OVER (ORDER BY ${T.period_start} DESC) AS back, count(*) OVER () AS n
  FROM (SELECT DISTINCT ${T.period_start} FROM t)
), o AS (SELECT ?::INTEGER AS w, ?::INTEGER AS min_papers),
w AS (
  SELECT t.${T.cluster_id}, any_value(p.n) AS n,
    coalesce(sum(t.${T.doc_count}) FILTER (WHERE p.back <= o.w), 0) AS c2,
    coalesce(sum(t.${T.period_total}) FILTER (WHERE p.back <= o.w), 0) AS n2,
    coalesce(sum(t.${T.doc_count}) FILTER (WHERE p.back > o.w AND p.back <= 2 * o.w), 0) AS c1,
    coalesce(sum(t.${T.period_total}) FILTER (WHERE p.back > o.w AND p.back <= 2 * o.w), 0) AS n1
  FROM t JOIN p USING (${T.period_start}), o GROUP BY t.${T.cluster_id}
), g AS (
  SELECT w.*, o.w, o.min_papers, c1 / nullif(n1, 0) AS p1, c2 / nullif(n2, 0) AS p2,
    (c1 + c2) / nullif(n1 + n2, 0) AS pooled
  FROM w, o
), s AS (
  SELECT *, CASE WHEN n >= 2 * g.w AND n1 > 0 AND n2 > 0 THEN 100 * (p2 - p1) END AS growth,
    CASE WHEN n >= 2 * g.w AND n1 > 0 AND n2 > 0 THEN
      CASE WHEN pooled * (1 - pooled) = 0 THEN 0 ELSE (p2 - p1) / sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2)) END
    END AS growth_z
  FROM g
)
SELECT c.${C.cluster_id}, c.${C.label}, s.growth::DOUBLE AS growth, s.growth_z::DOUBLE AS growth_z,
  CASE WHEN abs(s.growth_z) >= ${Z_CRITICAL} AND s.c1 + s.c2 >= s.min_papers AND s.n1 >= s.min_papers
      AND s.n2 >= s.min_papers
    THEN CASE WHEN s.growth_z > 0 THEN 'rising' ELSE 'falling' END ELSE 'steady' END AS trend_direction,
  coalesce(s.c1, 0)::INTEGER AS count_before, coalesce(s.n1, 0)::INTEGER AS total_before,
  coalesce(s.c2, 0)::INTEGER AS count_recent, coalesce(s.n2, 0)::INTEGER AS total_recent
FROM ${tableName('clusters')} c LEFT JOIN s USING (${C.cluster_id})
ORDER BY c.${C.cluster_id}`,
    params: [granularity, ...bounds.params, options.window, options.minPapers],
    tables: ['trends', 'clusters'],
  };
}

interface WindowSums {
  c1: number;
  n1: number;
  c2: number;
  n2: number;
}

/**
 * `windowGrowthQuery` evaluated on the trends and clusters tables' rows in memory: the same rows, values and order.
 * Window sums are per cluster over that cluster's rows, as in the SQL; a cluster without rows in the range gets no
 * growth and zero counts. O(rows + periods log periods).
 */
export function windowGrowthFromRows(
  trends: readonly TrendRow[],
  clusters: readonly Pick<ClusterRow, 'cluster_id' | 'label'>[],
  granularity: Granularity,
  range: DateRange,
  options: GrowthOptions,
): WindowGrowth[] {
  const rows = trends.filter((r) => r.granularity === granularity && inRange(r.period_start, range));
  const periods = [...new Set(rows.map((r) => r.period_start))].sort();
  // Periods counted back from the last one of the range: 1 is the last.
  const back = new Map(periods.map((p, i) => [p, periods.length - i]));
  const sums = new Map<number, WindowSums>();
  for (const r of rows) {
    let s = sums.get(r.cluster_id);
    if (s === undefined) sums.set(r.cluster_id, (s = { c1: 0, n1: 0, c2: 0, n2: 0 }));
    const b = back.get(r.period_start) ?? 0;
    if (b <= options.window) {
      s.c2 += r.doc_count;
      s.n2 += r.period_total;
    } else if (b <= 2 * options.window) {
      s.c1 += r.doc_count;
      s.n1 += r.period_total;
    }
  }
  const enough = periods.length >= 2 * options.window;
  return clusters
    .map((c): WindowGrowth => {
      const s = sums.get(c.cluster_id);
      const base = { cluster_id: c.cluster_id, label: c.label };
      const counts = {
        count_before: s?.c1 ?? 0,
        total_before: s?.n1 ?? 0,
        count_recent: s?.c2 ?? 0,
        total_recent: s?.n2 ?? 0,
      };
      if (s === undefined || !enough || s.n1 === 0 || s.n2 === 0)
        return { ...base, growth: null, growth_z: null, trend_direction: 'steady', ...counts };
      return { ...base, ...windowVerdict(s, options.minPapers), ...counts };
    })
    .sort((a, b) => a.cluster_id - b.cluster_id);
}

/** Growth, z and verdict of one cluster's windows (n1, n2 > 0), with the SQL's operations in the SQL's order. */
function windowVerdict(
  s: WindowSums,
  minPapers: number,
): Pick<ClusterGrowth, 'growth' | 'growth_z' | 'trend_direction'> {
  const p1 = s.c1 / s.n1;
  const p2 = s.c2 / s.n2;
  const pooled = (s.c1 + s.c2) / (s.n1 + s.n2);
  const z = pooled * (1 - pooled) === 0 ? 0 : (p2 - p1) / Math.sqrt(pooled * (1 - pooled) * (1 / s.n1 + 1 / s.n2));
  const guarded = s.c1 + s.c2 >= minPapers && s.n1 >= minPapers && s.n2 >= minPapers;
  const trend_direction = Math.abs(z) >= Z_CRITICAL && guarded ? (z > 0 ? 'rising' : 'falling') : 'steady';
  return { growth: 100 * (p2 - p1), growth_z: z, trend_direction };
}

/** The growth the pipeline stored for the whole date range at the default granularity. */
export function storedGrowthQuery(): SqlQuery {
  return {
    text: `SELECT ${C.cluster_id}, ${C.label}, ${C.growth}, ${C.growth_z}, ${C.trend_direction}
FROM ${tableName('clusters')} ORDER BY ${C.cluster_id}`,
    params: [],
    tables: ['clusters'],
  };
}

/**
 * `storedGrowthQuery` on the clusters table's rows in memory. A `trend_direction` the pipeline never writes is an
 * error naming the cluster and the value (the file was not written by this version).
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
