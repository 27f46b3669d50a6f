/** Pivots trend points (long form) into one row per period with one value per visible cluster: what the chart shows. */
import { movingAverage } from './moving-average.ts';
import type { PeriodQuality } from './period-quality.ts';

export const MEASURES = ['count', 'share'] as const;
export type Measure = (typeof MEASURES)[number];

export interface TrendInput {
  period_start: string;
  cluster_id: number;
  doc_count: number;
  share: number;
}

export interface SeriesTable {
  /** ISO period starts, ascending. */
  periods: string[];
  clusterIds: number[];
  /** values[c][p]: value of clusterIds[c] in periods[p], after smoothing. */
  values: number[][];
}

/**
 * @param clusterIds clusters to keep, in display order
 * @param smoothing moving-average window in periods; 1 for none
 */
export function seriesTable(
  points: readonly TrendInput[],
  clusterIds: readonly number[],
  measure: Measure,
  smoothing: number,
): SeriesTable {
  const periods = [...new Set(points.map((p) => p.period_start))].sort();
  const periodIndex = new Map(periods.map((p, i) => [p, i]));
  const clusterIndex = new Map(clusterIds.map((c, i) => [c, i]));
  const raw = clusterIds.map(() => new Array<number>(periods.length).fill(0));
  for (const p of points) {
    const c = clusterIndex.get(p.cluster_id);
    const i = periodIndex.get(p.period_start);
    if (c === undefined || i === undefined) continue;
    const row = raw[c];
    if (row) row[i] = measure === 'share' ? p.share : p.doc_count;
  }
  return { periods, clusterIds: [...clusterIds], values: raw.map((r) => movingAverage(r, smoothing)) };
}

/**
 * Long form again, one record per cluster and period: the rows behind the chart, for CSV/JSON downloads. With
 * `quality` (one per period), each record also says the period's total papers and whether it is partial.
 */
export function seriesRecords(
  table: SeriesTable,
  labelOf: (clusterId: number) => string,
  measure: Measure,
  quality?: readonly PeriodQuality[],
): Record<string, string | number | boolean>[] {
  const out: Record<string, string | number | boolean>[] = [];
  table.periods.forEach((period, p) => {
    const q = quality?.[p];
    table.clusterIds.forEach((id, c) => {
      const record = { period_start: period, cluster_id: id, label: labelOf(id), [measure]: table.values[c]?.[p] ?? 0 };
      out.push(q ? { ...record, period_total: q.total, partial: q.partial } : record);
    });
  });
  return out;
}
