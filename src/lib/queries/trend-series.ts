/** Volume per cluster and period at one granularity, for periods whose start lies in the date range. */
import type { Granularity, TrendRow } from '../../schema.ts';
import { columnsOf, inRange, tableName, type DateRange, type SqlQuery } from './sql.ts';

export interface TrendPoint {
  period_start: string;
  cluster_id: number;
  doc_count: number;
  period_total: number;
  share: number;
  /** Fraction of the period inside the corpus's dated span; below 1 for a partial edge period. */
  coverage: number;
}

const T = columnsOf('trends');

/**
 * Volume per cluster and period from the trends table's rows in memory (the tests' SQL oracle:
 * `tests/reference-sql/trend-series.ts`), ordered by period and cluster. The table is
 * pre-aggregated and small (periods x clusters x 4 granularities), so the chart needs no DuckDB round trip for it.
 */
export function trendSeriesFromRows(
  rows: readonly TrendRow[],
  granularity: Granularity,
  range: DateRange,
): TrendPoint[] {
  return rows
    .filter((r) => r.granularity === granularity && inRange(r.period_start, range))
    .map((r) => ({
      period_start: r.period_start,
      cluster_id: r.cluster_id,
      doc_count: r.doc_count,
      period_total: r.period_total,
      share: r.share,
      coverage: r.coverage,
    }))
    .sort((a, b) => compare(a.period_start, b.period_start) || a.cluster_id - b.cluster_id);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface PeriodTotal {
  period_start: string;
  period_total: number;
}

/** Total papers per period over the whole corpus: the timeline under the brush. */
export function periodTotalsQuery(granularity: Granularity): SqlQuery {
  return {
    text: `SELECT strftime(${T.period_start}, '%Y-%m-%d') AS ${T.period_start}, max(${T.period_total})::INTEGER AS ${T.period_total}
FROM ${tableName('trends')}
WHERE ${T.granularity} = ?
GROUP BY ${T.period_start}
ORDER BY ${T.period_start}`,
    params: [granularity],
    tables: ['trends'],
  };
}

/** `periodTotalsQuery` evaluated on the trends table's rows in memory. */
export function periodTotalsFromRows(rows: readonly TrendRow[], granularity: Granularity): PeriodTotal[] {
  const totals = new Map<string, number>();
  for (const r of rows) {
    if (r.granularity !== granularity) continue;
    totals.set(r.period_start, Math.max(totals.get(r.period_start) ?? r.period_total, r.period_total));
  }
  return [...totals]
    .map(([period_start, period_total]) => ({ period_start, period_total }))
    .sort((a, b) => compare(a.period_start, b.period_start));
}

/** Coverage of each period of `granularity` (trends `coverage`, the same on every row of a period), by period start. */
export function periodCoverageFromRows(rows: readonly TrendRow[], granularity: Granularity): Map<string, number> {
  const coverage = new Map<string, number>();
  for (const r of rows) if (r.granularity === granularity) coverage.set(r.period_start, r.coverage);
  return coverage;
}
