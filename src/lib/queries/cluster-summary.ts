/** Clusters with their volume in the date range (growth comes from `growth.ts`, one definition for every view). */
import type { ClusterRow, Granularity, TrendRow } from '../../schema.ts';
import { columnsOf, dateBounds, inRange, tableName, type DateRange, type SqlQuery } from './sql.ts';

export interface ClusterSummary {
  cluster_id: number;
  label: string;
  size: number;
  range_count: number;
}

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

/** `clusterSummaryQuery` evaluated on the trends and clusters tables' rows in memory: same rows, same order. */
export function clusterSummaryFromRows(
  trends: readonly TrendRow[],
  clusters: readonly Pick<ClusterRow, 'cluster_id' | 'label' | 'size'>[],
  granularity: Granularity,
  range: DateRange,
): ClusterSummary[] {
  const counts = new Map<number, number>();
  for (const r of trends) {
    if (r.granularity === granularity && inRange(r.period_start, range))
      counts.set(r.cluster_id, (counts.get(r.cluster_id) ?? 0) + r.doc_count);
  }
  return clusters
    .map((c) => ({
      cluster_id: c.cluster_id,
      label: c.label,
      size: c.size,
      range_count: counts.get(c.cluster_id) ?? 0,
    }))
    .sort((a, b) => a.cluster_id - b.cluster_id);
}
