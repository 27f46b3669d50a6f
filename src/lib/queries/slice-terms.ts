/**
 * A topic's top terms in the selected date range: class-based TF-IDF (`src/shared/ctfidf.ts`, the formula of the
 * pipeline's global weights) over the papers of the range's whole months only, from `cluster_term_months`. A
 * partly covered month is left out, so no paper dated after the range, not even later that month, adds a word.
 */
import { averageClassTotal, ctfidfIdf, ctfidfWeight } from '../../shared/ctfidf.ts';
import { columnsOf, tableName, type DateRange, type SqlParam, type SqlQuery } from './sql.ts';

/** First and last month start (`YYYY-MM-01`) fully inside a range; null ends are open. */
export interface WholeMonths {
  readonly first: string | null;
  readonly last: string | null;
}

/** The whole months inside `range`, or null when it holds none (e.g. 2025-03-05 .. 2025-03-20). */
export function wholeMonths(range: DateRange): WholeMonths | null {
  const first = range.from === null ? null : range.from.endsWith('-01') ? range.from : addMonths(range.from, 1);
  const last = range.to === null ? null : isLastDayOfMonth(range.to) ? monthOf(range.to) : addMonths(range.to, -1);
  return first !== null && last !== null && first > last ? null : { first, last };
}

function monthOf(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** The month start `n` months after the month of `day`. */
function addMonths(day: string, n: number): string {
  const d = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + n, 1));
  return d.toISOString().slice(0, 10);
}

function isLastDayOfMonth(day: string): boolean {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.getUTCDate() === 1;
}

const M = columnsOf('clusterTermMonths');

function monthBounds(months: WholeMonths): { text: string; params: SqlParam[] } {
  let text = '';
  const params: SqlParam[] = [];
  if (months.first !== null) {
    text += ` AND ${M.period_start} >= CAST(? AS DATE)`;
    params.push(months.first);
  }
  if (months.last !== null) {
    text += ` AND ${M.period_start} <= CAST(? AS DATE)`;
    params.push(months.last);
  }
  return { text, params };
}

export interface SliceClassTotal {
  cluster_id: number;
  /** Occurrences of all terms in the cluster's papers of the months. */
  term_total: number;
  /** The cluster's papers in the months. */
  doc_count: number;
}

/** Every cluster's total over all terms in the months: the class sizes c-TF-IDF needs (A). */
export function sliceClassTotalsQuery(months: WholeMonths): SqlQuery {
  const b = monthBounds(months);
  return {
    text: `SELECT ${M.cluster_id}, sum(${M.term_count})::DOUBLE AS term_total, sum(${M.doc_count})::INTEGER AS doc_count
FROM ${tableName('clusterTermMonths')}
WHERE ${M.cluster_id} IS NOT NULL AND ${M.stem} IS NULL${b.text}
GROUP BY ${M.cluster_id} ORDER BY ${M.cluster_id}`,
    params: b.params,
    tables: ['clusterTermMonths'],
  };
}

export interface SliceTermCount {
  stem: string;
  term: string;
  /** tf(t, c) over the months. */
  term_count: number;
  doc_count: number;
  /** f(t): the term over all clusters in the months. */
  term_total: number;
}

/** The candidate terms of one cluster with their counts in the months, and their totals over all clusters. */
export function sliceTermCountsQuery(clusterId: number, months: WholeMonths): SqlQuery {
  const b = monthBounds(months);
  const table = tableName('clusterTermMonths');
  return {
    text: `WITH slice AS (SELECT * FROM ${table} WHERE ${M.stem} IS NOT NULL${b.text}),
own AS (SELECT ${M.stem}, min(${M.term}) AS term, sum(${M.term_count}) AS term_count, sum(${M.doc_count}) AS doc_count
  FROM slice WHERE ${M.cluster_id} = ? GROUP BY ${M.stem})
SELECT own.stem, own.term, own.term_count::DOUBLE AS term_count, own.doc_count::INTEGER AS doc_count,
  sum(total.${M.term_count})::DOUBLE AS term_total
FROM own JOIN slice total ON total.${M.cluster_id} IS NULL AND total.${M.stem} = own.stem
GROUP BY ALL ORDER BY own.stem`,
    params: [...b.params, clusterId],
    tables: ['clusterTermMonths'],
  };
}

export interface SliceTerm {
  rank: number;
  term: string;
  stem: string;
  /** c-TF-IDF over the months. */
  weight: number;
  /** The cluster's papers in the months containing the term. */
  doc_count: number;
}

/** The `n` terms of `clusterId` with the highest c-TF-IDF over the months (weight > 0), ties by stem. */
export function rankSliceTerms(
  terms: readonly SliceTermCount[],
  classes: readonly SliceClassTotal[],
  clusterId: number,
  n: number,
): SliceTerm[] {
  const averageTotal = averageClassTotal(classes.map((c) => c.term_total));
  const classTotal = classes.find((c) => c.cluster_id === clusterId)?.term_total ?? 0;
  return terms
    .map((t) => ({
      term: t.term,
      stem: t.stem,
      weight: ctfidfWeight(t.term_count, classTotal, ctfidfIdf(averageTotal, t.term_total)),
      doc_count: t.doc_count,
    }))
    .filter((t) => t.weight > 0)
    .sort((a, b) => b.weight - a.weight || (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0))
    .slice(0, n)
    .map((t, i) => ({ rank: i + 1, ...t }));
}
