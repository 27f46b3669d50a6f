/**
 * `clusterSummaryFromRows` as DuckDB SQL. Production never runs it (the dashboard reduces the rows it holds); the
 * tests keep it as the oracle the in-memory results must equal, run on real DuckDB over Parquet.
 */
import type { Granularity } from '../../src/schema.ts';
import { columnsOf, dateBounds, tableName, type DateRange, type SqlQuery } from '../../src/lib/queries/sql.ts';

const T = columnsOf('trends');
const C = columnsOf('clusters');

export function clusterSummaryQuery(granularity: Granularity, range: DateRange): SqlQuery {
  const bounds = dateBounds(T.period_start, range);
  return {
    text: `WITH h AS (
  SELECT ${T.cluster_id}, sum(${T.doc_count})::INTEGER AS range_count
  FROM ${tableName('trends')} WHERE ${T.granularity} = ?${bounds.text}
  GROUP BY ${T.cluster_id}
)
SELECT c.${C.cluster_id}, c.${C.label}, c.${C.size}, coalesce(h.range_count, 0)::INTEGER AS range_count
FROM ${tableName('clusters')} c LEFT JOIN h USING (${C.cluster_id})
ORDER BY c.${C.cluster_id}`,
    params: [granularity, ...bounds.params],
    tables: ['trends', 'clusters'],
  };
}
