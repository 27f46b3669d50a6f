/**
 * Clusters with their volume in the date range and growth. Growth = share of the range's papers in the second
 * half of its periods minus share in the first half (percentage points / 100); with an odd number of periods the
 * middle one belongs to neither half. Null when the range has fewer than two periods or a half has no papers.
 */
import type { Granularity } from '../../schema.ts';
import { columnsOf, dateBounds, tableName, type DateRange, type SqlQuery } from './sql.ts';

export interface ClusterSummary {
  cluster_id: number;
  label: string;
  size: number;
  range_count: number;
  share_first: number | null;
  share_second: number | null;
  growth: number | null;
}

const T = columnsOf('trends');
const C = columnsOf('clusters');

export function clusterSummaryQuery(granularity: Granularity, range: DateRange): SqlQuery {
  const bounds = dateBounds(T.period_start, range);
  return {
    text: `WITH t AS (
  SELECT ${T.period_start}, ${T.cluster_id}, ${T.doc_count}, ${T.period_total},
    dense_rank() OVER (ORDER BY ${T.period_start}) AS idx
  FROM ${tableName('trends')} WHERE ${T.granularity} = ?${bounds.text}
), n AS (SELECT count(DISTINCT ${T.period_start}) AS n FROM t),
h AS (
  SELECT ${T.cluster_id},
    sum(${T.doc_count})::INTEGER AS range_count,
    sum(${T.doc_count}) FILTER (WHERE idx <= n.n // 2) AS c1,
    sum(${T.period_total}) FILTER (WHERE idx <= n.n // 2) AS t1,
    sum(${T.doc_count}) FILTER (WHERE idx > n.n - n.n // 2) AS c2,
    sum(${T.period_total}) FILTER (WHERE idx > n.n - n.n // 2) AS t2
  FROM t, n GROUP BY ${T.cluster_id}
)
SELECT c.${C.cluster_id}, c.${C.label}, c.${C.size}, coalesce(h.range_count, 0)::INTEGER AS range_count,
  (CASE WHEN h.t1 > 0 THEN h.c1 / h.t1 END)::DOUBLE AS share_first,
  (CASE WHEN h.t2 > 0 THEN h.c2 / h.t2 END)::DOUBLE AS share_second,
  (share_second - share_first)::DOUBLE AS growth
FROM ${tableName('clusters')} c LEFT JOIN h USING (${C.cluster_id})
ORDER BY c.${C.cluster_id}`,
    params: [granularity, ...bounds.params],
    tables: ['trends', 'clusters'],
  };
}
