/**
 * The growth definition (`src/shared/growth.ts`) and the stored growth as DuckDB SQL. Production never runs it: the
 * dashboard evaluates the same definition on the rows it holds. The tests keep it as the oracle the in-memory
 * results must equal, run on real DuckDB over Parquet.
 */
import { MIN_PERIOD_PAPERS, Z_CRITICAL, type GrowthOptions } from '../../src/shared/growth.ts';
import type { Granularity } from '../../src/schema.ts';
import { columnsOf, dateBounds, tableName, type DateRange, type SqlQuery } from '../../src/lib/queries/sql.ts';

const T = columnsOf('trends');
const C = columnsOf('clusters');

/** Growth recomputed in DuckDB over the periods of `granularity` whose start lies in `range` and that count. */
export function windowGrowthQuery(granularity: Granularity, range: DateRange, options: GrowthOptions): SqlQuery {
  const bounds = dateBounds(T.period_start, range);
  return {
    text: `WITH t AS (
  SELECT ${T.period_start}, ${T.cluster_id}, ${T.doc_count}, ${T.period_total}
  FROM ${tableName('trends')} WHERE ${T.granularity} = ?${bounds.text}
    AND (?::BOOLEAN OR ${T.coverage} >= 1) AND ${T.period_total} >= ?
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
    params: [
      granularity,
      ...bounds.params,
      options.includePartial === true,
      options.minPeriodPapers ?? MIN_PERIOD_PAPERS,
      options.window,
      options.minPapers,
    ],
    tables: ['trends', 'clusters'],
  };
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
