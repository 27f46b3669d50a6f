/**
 * Counts documents per cluster and period for every granularity, as a dense grid from the first to the last dated
 * period (zeros included, so stacked charts need no gap filling), with each cluster's share of the period's total
 * and how much of the period the corpus covers (`coverage.ts`: below 1 marks a partial edge period).
 */
import { GRANULARITIES, type DatePrecision, type Granularity, type TrendRow } from '../../src/schema.ts';
import { periodCoverage, widenSpan, type DatedSpan } from './coverage.ts';
import { countsAt, periodRange, periodStart } from './periods.ts';

export interface DatedAssignment {
  date: string | null;
  datePrecision: DatePrecision | null;
  clusterId: number;
}

/**
 * Trend rows ordered by (granularity, period_start, cluster_id). Undated documents are left out; so are documents
 * whose date is coarser than a granularity (see `countsAt`).
 */
export function trendRows(docs: Iterable<DatedAssignment>, k: number): TrendRow[] {
  const counts = new Map<Granularity, Map<string, Int32Array>>(GRANULARITIES.map((g) => [g, new Map()]));
  // Per granularity, since a month-only date counts in months but not in weeks.
  const spans = new Map<Granularity, DatedSpan | null>(GRANULARITIES.map((g) => [g, null]));
  let first: string | null = null;
  let last: string | null = null;
  for (const doc of docs) {
    if (doc.date === null || doc.datePrecision === null) continue;
    if (first === null || doc.date < first) first = doc.date;
    if (last === null || doc.date > last) last = doc.date;
    for (const granularity of GRANULARITIES) {
      if (!countsAt(doc.datePrecision, granularity)) continue;
      spans.set(granularity, widenSpan(spans.get(granularity) ?? null, doc.date, doc.datePrecision));
      const byPeriod = counts.get(granularity)!;
      const start = periodStart(doc.date, granularity);
      let row = byPeriod.get(start);
      if (row === undefined) byPeriod.set(start, (row = new Int32Array(k)));
      row[doc.clusterId]! += 1;
    }
  }
  if (first === null || last === null) return [];

  const rows: TrendRow[] = [];
  const empty = new Int32Array(k);
  for (const granularity of GRANULARITIES) {
    const byPeriod = counts.get(granularity)!;
    const span = spans.get(granularity) ?? null;
    for (const start of periodRange(first, last, granularity)) {
      const perCluster = byPeriod.get(start) ?? empty;
      const total = perCluster.reduce((sum, n) => sum + n, 0);
      const coverage = periodCoverage(start, granularity, span);
      for (let clusterId = 0; clusterId < k; clusterId++) {
        const count = perCluster[clusterId]!;
        rows.push({
          granularity,
          period_start: start,
          cluster_id: clusterId,
          doc_count: count,
          period_total: total,
          share: total === 0 ? 0 : count / total,
          coverage,
        });
      }
    }
  }
  return rows;
}
