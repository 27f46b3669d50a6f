/** Clusters with their volume in the date range (growth comes from `growth.ts`, one definition for every view). */
import type { ClusterRow, Granularity, TrendRow } from '../../schema.ts';
import { inRange, type DateRange } from './sql.ts';

export interface ClusterSummary {
  cluster_id: number;
  label: string;
  size: number;
  range_count: number;
}

/**
 * Each cluster with its papers in the date range, from the trends and clusters rows the dashboard holds (the tests'
 * SQL oracle: `tests/reference-sql/cluster-summary.ts`).
 */
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
