/**
 * One cluster's papers per period split by primary label: its `top` labels by papers in the range, the rest summed
 * as OTHER_LABEL. A dense grid: every period of the range (from `trends`, so gaps show as zero) for every series.
 */
import type { RowOf } from '../../schema.ts';
import { columnsOf, dateBounds, inRange, tableName, type DateRange, type SqlQuery } from './sql.ts';
import { periodOfMonth, type TermGranularity } from '../charts/term-series.ts';
import type { SeriesTable } from '../charts/series-table.ts';

export const OTHER_LABEL = 'other';

export interface LabelPoint {
  period_start: string;
  label: string;
  doc_count: number;
}

const L = columnsOf('labelTrends');
const T = columnsOf('trends');

/** Rows ordered by period, then series (top labels by papers, `other` last). */
export function labelSplitQuery(
  clusterId: number,
  granularity: TermGranularity,
  range: DateRange,
  top: number,
): SqlQuery {
  const labelBounds = dateBounds('period', range);
  const periodBounds = dateBounds(T.period_start, range);
  return {
    text: `WITH o AS (SELECT ?::VARCHAR AS g, ?::INTEGER AS top),
l AS (
  SELECT ${L.label}, date_trunc(o.g, ${L.period_start})::DATE AS period, ${L.doc_count}
  FROM ${tableName('labelTrends')}, o WHERE ${L.cluster_id} = ?
), lr AS (SELECT * FROM l WHERE TRUE${labelBounds.text}),
ranked AS (
  SELECT ${L.label}, row_number() OVER (ORDER BY sum(${L.doc_count}) DESC, ${L.label}) AS r
  FROM lr GROUP BY ${L.label}
), named AS (
  SELECT lr.period, CASE WHEN ranked.r <= o.top THEN lr.${L.label} ELSE '${OTHER_LABEL}' END AS series,
    least(ranked.r, o.top + 1) AS ord, lr.${L.doc_count}
  FROM lr JOIN ranked USING (${L.label}), o
), s AS (SELECT series, min(ord) AS ord FROM named GROUP BY series),
p AS (
  SELECT DISTINCT ${T.period_start} AS period FROM ${tableName('trends')}, o
  WHERE ${T.granularity} = o.g${periodBounds.text}
)
SELECT strftime(p.period, '%Y-%m-%d') AS period_start, s.series AS label,
  coalesce(sum(named.${L.doc_count}), 0)::INTEGER AS doc_count
FROM p CROSS JOIN s LEFT JOIN named ON named.period = p.period AND named.series = s.series
GROUP BY p.period, s.series, s.ord
ORDER BY p.period, s.ord`,
    params: [granularity, top, clusterId, ...labelBounds.params, ...periodBounds.params],
    tables: ['labelTrends', 'trends'],
  };
}

/**
 * `labelSplitQuery` in TS over the decoded rows of `label_trends` (small: one row per topic, label and month) and
 * `trends`, so the split needs no DuckDB-WASM.
 */
export function labelSplitFromRows(
  labelRows: readonly Pick<RowOf<'labelTrends'>, 'cluster_id' | 'label' | 'period_start' | 'doc_count'>[],
  trendRows: readonly Pick<RowOf<'trends'>, 'granularity' | 'period_start'>[],
  clusterId: number,
  granularity: TermGranularity,
  range: DateRange,
  top: number,
): LabelPoint[] {
  const rows = labelRows
    .filter((r) => r.cluster_id === clusterId)
    .map((r) => ({ label: r.label, period: periodOfMonth(r.period_start, granularity), doc_count: r.doc_count }))
    .filter((r) => inRange(r.period, range));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.label, (totals.get(r.label) ?? 0) + r.doc_count);
  const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const rank = new Map(
    [...totals].sort((a, b) => b[1] - a[1] || byText(a[0], b[0])).map(([label], i) => [label, i + 1] as const),
  );
  const seriesOf = (label: string): string => ((rank.get(label) ?? Infinity) <= top ? label : OTHER_LABEL);
  const order = new Map<string, number>();
  const sums = new Map<string, number>();
  for (const r of rows) {
    const series = seriesOf(r.label);
    order.set(series, Math.min(order.get(series) ?? Infinity, Math.min(rank.get(r.label)!, top + 1)));
    const key = `${r.period}|${series}`;
    sums.set(key, (sums.get(key) ?? 0) + r.doc_count);
  }
  const series = [...order].sort((a, b) => a[1] - b[1] || byText(a[0], b[0])).map(([name]) => name);
  const periods = [
    ...new Set(
      trendRows
        .filter((t) => t.granularity === granularity && inRange(t.period_start, range))
        .map((t) => t.period_start),
    ),
  ].sort();
  return periods.flatMap((period_start) =>
    series.map((label) => ({ period_start, label, doc_count: sums.get(`${period_start}|${label}`) ?? 0 })),
  );
}

/** Pivots the rows into a chart table; series ids are indices into `labels`, in query order. */
export function labelTable(points: readonly LabelPoint[]): { labels: string[]; table: SeriesTable } {
  const labels = [...new Set(points.map((p) => p.label))];
  const series = new Map(labels.map((l, i) => [l, i]));
  const periods = [...new Set(points.map((p) => p.period_start))];
  const index = new Map(periods.map((p, i) => [p, i]));
  const values = labels.map(() => new Array<number>(periods.length).fill(0));
  for (const p of points) {
    const row = values[series.get(p.label) ?? -1];
    const i = index.get(p.period_start);
    if (row && i !== undefined) row[i] = p.doc_count;
  }
  return { labels, table: { periods, clusterIds: labels.map((_, i) => i), values } };
}
