/**
 * A topic's top terms in the selected date range: class-based TF-IDF (`src/shared/ctfidf.ts`, the formula of the
 * pipeline's global weights) over the papers of the range's whole months only, from `cluster_term_months`. A
 * partly covered month is left out, so no paper dated after the range, not even later that month, adds a word.
 */
import { averageClassTotal, ctfidfIdf, ctfidfWeight } from '../../shared/ctfidf.ts';
import type { RowOf } from '../../schema.ts';
import type { DateRange } from './sql.ts';
import { within, type TermMonthGroups, type TermMonthRow } from '../db/term-month-groups.ts';

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

export interface SliceClassTotal {
  cluster_id: number;
  /** Occurrences of all terms in the cluster's papers of the months. */
  term_total: number;
  /** The cluster's papers in the months. */
  doc_count: number;
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

/** A topic's total over all terms in one month: a row of `cluster_month_totals`. */
export type ClassMonthTotal = RowOf<'clusterMonthTotals'>;

/** Every topic's total in the months (`tests/reference-sql/slice-terms.ts` in SQL), over its rows of any months. */
export function sliceClassTotals(totals: readonly ClassMonthTotal[], months: WholeMonths): SliceClassTotal[] {
  const sums = new Map<number, SliceClassTotal>();
  for (const r of totals) {
    if (!within(r.period_start, months)) continue;
    const sum = sums.get(r.cluster_id) ?? { cluster_id: r.cluster_id, term_total: 0, doc_count: 0 };
    sum.term_total += r.term_count;
    sum.doc_count += r.doc_count;
    sums.set(r.cluster_id, sum);
  }
  return [...sums.values()].sort((a, b) => a.cluster_id - b.cluster_id);
}

/**
 * The topic's candidate terms with their counts and totals over all topics in the months (`tests/reference-sql/slice-terms.ts` in SQL): `own`, rows of the topic, and `overAll`, rows over all topics (null cluster_id), of
 * any months; those outside `months` are skipped. Ordered by stem.
 */
export function sliceTermCounts(
  own: readonly TermMonthRow[],
  overAll: readonly TermMonthRow[],
  clusterId: number,
  months: WholeMonths,
): SliceTermCount[] {
  const sums = new Map<string, SliceTermCount & { totals: number }>();
  for (const r of own) {
    if (r.cluster_id !== clusterId || r.stem === null || r.term === null || !within(r.period_start, months)) continue;
    const sum = sums.get(r.stem);
    if (sum === undefined) {
      sums.set(r.stem, {
        stem: r.stem,
        term: r.term,
        term_count: r.term_count,
        doc_count: r.doc_count,
        term_total: 0,
        totals: 0,
      });
      continue;
    }
    if (r.term < sum.term) sum.term = r.term;
    sum.term_count += r.term_count;
    sum.doc_count += r.doc_count;
  }
  for (const r of overAll) {
    if (r.cluster_id !== null || r.stem === null || !within(r.period_start, months)) continue;
    const sum = sums.get(r.stem);
    if (sum === undefined) continue;
    sum.term_total += r.term_count;
    sum.totals++;
  }
  // An inner join, as the SQL's: a term without a row over all topics in the months has no total.
  return [...sums.values()]
    .filter((s) => s.totals > 0)
    .map(({ totals: _, ...count }) => count)
    .sort((a, b) => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
}

/**
 * Every topic's class total (from `totals`, every row of `cluster_month_totals`) and the topic's term counts in the
 * months, from range reads of its row groups and of the rows over all topics (see `TermMonthGroups`).
 */
export async function sliceTermData(
  groups: TermMonthGroups,
  totals: readonly ClassMonthTotal[],
  clusterId: number,
  months: WholeMonths,
): Promise<{ classes: SliceClassTotal[]; counts: SliceTermCount[] }> {
  const own = await groups.rows(clusterId, months);
  // The readable term comes from the topic's own rows: the rows over all topics are read by stem alone.
  const overAll = await groups.rows(null, months, false);
  return { classes: sliceClassTotals(totals, months), counts: sliceTermCounts(own, overAll, clusterId, months) };
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
