/**
 * Term trends, Ngram-viewer style: share of a period's papers that contain a term = term documents / all dated
 * documents, both summed over the period's months. The index stores months only (zero months omitted); quarters and
 * years are sums of months, so a year-only date counts in neither. Periods are kept when their start lies in the range,
 * as the topic chart does.
 */
import type { Granularity } from '../../schema.ts';
import type { DateRange } from '../queries/sql.ts';
import type { SeriesTable } from './series-table.ts';
import { movingAverage } from './moving-average.ts';
import { periodQuality, type PeriodQuality } from './period-quality.ts';

/** Granularities term trends can show: weeks would need per-week counts, which are not stored. */
export type TermGranularity = Exclude<Granularity, 'week'>;

export interface MonthCount {
  period_start: string;
  doc_count: number;
}

export interface MonthTotal {
  period_start: string;
  period_total: number;
}

export interface TermSeriesInput {
  term: string;
  /** The forms counted, e.g. "transformer" or "transformer|transformers" ('|' between forms, ' ' within a phrase). */
  forms: string;
  months: readonly MonthCount[];
}

export interface TermTable extends SeriesTable {
  terms: string[];
  forms: string[];
  /** counts[t][p]: papers containing terms[t] in periods[p]. */
  counts: number[][];
  /** Papers with a month-or-finer date in periods[p]. */
  totals: number[];
}

/** First day of the period of `granularity` holding the month that starts on `month` (`YYYY-MM-01`). */
export function periodOfMonth(month: string, granularity: TermGranularity): string {
  const year = month.slice(0, 4);
  switch (granularity) {
    case 'month':
      return month.slice(0, 10);
    case 'quarter': {
      const m = Number(month.slice(5, 7));
      return `${year}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
    }
    case 'year':
      return `${year}-01-01`;
  }
}

function inRange(period: string, range: DateRange): boolean {
  return (range.from === null || period >= range.from) && (range.to === null || period <= range.to);
}

/**
 * @param monthTotals papers per month over the whole corpus, the dense grid of `trends` at month granularity
 * @param smoothing moving-average window in periods; 1 for none
 */
export function termTable(
  series: readonly TermSeriesInput[],
  monthTotals: readonly MonthTotal[],
  granularity: TermGranularity,
  range: DateRange,
  smoothing: number,
): TermTable {
  const totalByPeriod = new Map<string, number>();
  for (const m of monthTotals) {
    const p = periodOfMonth(m.period_start, granularity);
    totalByPeriod.set(p, (totalByPeriod.get(p) ?? 0) + m.period_total);
  }
  const periods = [...totalByPeriod.keys()].filter((p) => inRange(p, range)).sort();
  const index = new Map(periods.map((p, i) => [p, i]));
  const totals = periods.map((p) => totalByPeriod.get(p) ?? 0);
  const counts = series.map((s) => {
    const row = new Array<number>(periods.length).fill(0);
    for (const m of s.months) {
      const i = index.get(periodOfMonth(m.period_start, granularity));
      if (i !== undefined) row[i] = (row[i] ?? 0) + m.doc_count;
    }
    return row;
  });
  const values = counts.map((row) =>
    movingAverage(
      row.map((c, i) => {
        const total = totals[i] ?? 0;
        return total > 0 ? c / total : 0;
      }),
      smoothing,
    ),
  );
  return {
    periods,
    clusterIds: series.map((_, i) => i),
    values,
    terms: series.map((s) => s.term),
    forms: series.map((s) => s.forms),
    counts,
    totals,
  };
}

/**
 * What each period of the term chart can be trusted for (see `periodQuality`): its total is the term share's
 * denominator (`totals`), its coverage the trends table's for the period (`coverage`, by period start; 1 if absent).
 */
export function termQuality(table: TermTable, coverage: ReadonlyMap<string, number>): PeriodQuality[] {
  const points = table.periods.map((period_start, p) => ({
    period_start,
    period_total: table.totals[p] ?? 0,
    coverage: coverage.get(period_start) ?? 1,
  }));
  return periodQuality(points, table.periods);
}

/**
 * The rows behind the term chart, one per term and period, for CSV/JSON downloads. With `quality` (one per period),
 * each row also says whether its period is partial.
 */
export function termRecords(
  table: TermTable,
  quality?: readonly PeriodQuality[],
): Record<string, string | number | boolean>[] {
  const out: Record<string, string | number | boolean>[] = [];
  table.periods.forEach((period, p) => {
    const q = quality?.[p];
    table.terms.forEach((term, t) => {
      const record = {
        period_start: period,
        term,
        forms: table.forms[t] ?? '',
        doc_count: table.counts[t]?.[p] ?? 0,
        period_total: table.totals[p] ?? 0,
        share: table.values[t]?.[p] ?? 0,
      };
      out.push(q ? { ...record, partial: q.partial } : record);
    });
  });
  return out;
}
