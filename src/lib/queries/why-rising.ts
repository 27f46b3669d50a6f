/**
 * Why a topic is rising or falling: the terms whose share of the topic's text grew or shrank most between the two
 * growth windows (weighted log-odds with an informative prior, `src/shared/log-odds.ts`), counted in
 * `cluster_term_months`, and the recent window's papers closest to the topic's centroid.
 *
 * The windows are growth's own (`growthWindows`, `src/shared/growth.ts`) over the shown granularity and range, as
 * months: a month is itself, a quarter or year its 3 or 12 months, and an ISO week the month of its Thursday (the
 * ISO 8601 rule that puts a week in a year); a month reached from both windows (weeks straddling a month) counts in
 * the recent one only. Months not wholly inside the range are dropped, as the detail's range-local terms drop them,
 * so no paper after the range counts. Only papers dated to the day or month count, as in the table.
 */
import type { Granularity, TrendRow } from '../../schema.ts';
import { growthWindows, type GrowthOptions } from '../../shared/growth.ts';
import { logOdds } from '../../shared/log-odds.ts';
import { wholeMonths } from './slice-terms.ts';
import { columnsOf, inRange, placeholders, tableName, type DateRange, type SqlParam, type SqlQuery } from './sql.ts';

/** The growth windows as month starts (`YYYY-MM-01`, ascending, disjoint). */
export interface GrowthMonths {
  readonly before: readonly string[];
  readonly recent: readonly string[];
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function monthStart(day: string, addMonths = 0): string {
  return new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1 + addMonths, 1))
    .toISOString()
    .slice(0, 10);
}

/** The months a period stands for: itself, its 3 or 12 months, or (a week) the month of its Thursday. */
export function monthsOfPeriod(periodStart: string, granularity: Granularity): string[] {
  switch (granularity) {
    case 'week':
      return [monthStart(addDays(periodStart, 3))];
    case 'month':
      return [monthStart(periodStart)];
    case 'quarter':
      return [0, 1, 2].map((i) => monthStart(periodStart, i));
    case 'year':
      return Array.from({ length: 12 }, (_, i) => monthStart(periodStart, i));
    default:
      return granularity satisfies never;
  }
}

/**
 * The months of the growth windows over the `granularity` rows whose period starts in `range` (as the dashboard's
 * growth takes them), or null when growth has no windows there or a window keeps no whole month of the range.
 */
export function growthMonths(
  rows: readonly Pick<TrendRow, 'granularity' | 'period_start' | 'coverage' | 'period_total'>[],
  granularity: Granularity,
  range: DateRange,
  options: GrowthOptions,
): GrowthMonths | null {
  const windows = growthWindows(
    rows.filter((r) => r.granularity === granularity && inRange(r.period_start, range)),
    options,
  );
  const whole = wholeMonths(range);
  if (windows.periods < 2 * options.window || whole === null) return null;
  const inside = (m: string): boolean =>
    (whole.first === null || m >= whole.first) && (whole.last === null || m <= whole.last);
  const months = (periods: readonly string[]): Set<string> =>
    new Set(periods.flatMap((p) => monthsOfPeriod(p, granularity)).filter(inside));
  const recent = months(windows.recent);
  const before = [...months(windows.before)].filter((m) => !recent.has(m));
  return before.length === 0 || recent.size === 0 ? null : { before: before.sort(), recent: [...recent].sort() };
}

const M = columnsOf('clusterTermMonths');

/** `WITH windows(month, recent) AS (VALUES ...)`: each month of the two windows once, as a parameter. */
function windowsCte(months: GrowthMonths): { text: string; params: SqlParam[] } {
  const rows = [...months.before.map((m) => [m, false] as const), ...months.recent.map((m) => [m, true] as const)];
  return {
    text: `WITH windows(month, recent) AS (VALUES ${rows.map(() => '(CAST(? AS DATE), CAST(? AS BOOLEAN))').join(', ')})`,
    params: rows.flat(),
  };
}

/** A topic's counts of one candidate term (or, with `stem` null, of all its terms) in the two windows. */
export interface WindowTermCount {
  cluster_id: number;
  stem: string | null;
  term: string | null;
  count_before: number;
  count_recent: number;
  /** Papers containing the term (all the topic's papers for the total row). */
  docs_before: number;
  docs_recent: number;
}

/** Per topic in `clusterIds`: every candidate term's counts in the two windows, and the topic's total row. */
export function windowTermCountsQuery(clusterIds: readonly number[], months: GrowthMonths): SqlQuery {
  const w = windowsCte(months);
  const sum = (column: string, recent: boolean, type: string): string =>
    `coalesce(sum(m.${column}) FILTER (WHERE ${recent ? '' : 'NOT '}w.recent), 0)::${type}`;
  return {
    text: `${w.text}
SELECT m.${M.cluster_id}, m.${M.stem}, min(m.${M.term}) AS term,
  ${sum(M.term_count, false, 'DOUBLE')} AS count_before, ${sum(M.term_count, true, 'DOUBLE')} AS count_recent,
  ${sum(M.doc_count, false, 'INTEGER')} AS docs_before, ${sum(M.doc_count, true, 'INTEGER')} AS docs_recent
FROM ${tableName('clusterTermMonths')} m JOIN windows w ON m.${M.period_start} = w.month
WHERE m.${M.cluster_id} IN (${placeholders(clusterIds.length)})
GROUP BY m.${M.cluster_id}, m.${M.stem}
ORDER BY m.${M.cluster_id}, m.${M.stem} NULLS FIRST`,
    params: [...w.params, ...clusterIds],
    tables: ['clusterTermMonths'],
  };
}

/** A term's change within its topic, recent window (a) against the one before (b). */
export interface TermChange {
  term: string;
  stem: string;
  count_before: number;
  count_recent: number;
  docs_before: number;
  docs_recent: number;
  /** δ, natural log of the odds ratio, recent over before. */
  delta: number;
  z: number;
}

export interface TopicTermChanges {
  /** All term occurrences and papers of the topic in each window. */
  total_before: number;
  total_recent: number;
  papers_before: number;
  papers_recent: number;
  /** Highest z first, z ≥ `minZ`. */
  growing: TermChange[];
  /** Lowest z first, z ≤ −`minZ`. */
  shrinking: TermChange[];
}

/**
 * Per topic, its `limit` terms with the highest and the lowest z among those with |z| >= `minZ`, ties by stem;
 * `priorTotal` is α_0. A topic without a total row in the windows (no dated paper) is left out.
 */
export function termChanges(
  rows: readonly WindowTermCount[],
  limit: number,
  minZ: number,
  priorTotal?: number,
): Map<number, TopicTermChanges> {
  const out = new Map<number, TopicTermChanges>();
  for (const total of rows) {
    if (total.stem !== null || total.count_before === 0 || total.count_recent === 0) continue;
    const scored = rows
      .filter((r) => r.cluster_id === total.cluster_id && r.stem !== null && r.count_before + r.count_recent > 0)
      .map((r): TermChange => {
        const { delta, z } = logOdds(
          r.count_recent,
          total.count_recent,
          r.count_before,
          total.count_before,
          priorTotal,
        );
        const { count_before, count_recent, docs_before, docs_recent } = r;
        return {
          term: r.term ?? r.stem!,
          stem: r.stem!,
          count_before,
          count_recent,
          docs_before,
          docs_recent,
          delta,
          z,
        };
      });
    const byStem = (a: TermChange, b: TermChange): number => (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0);
    out.set(total.cluster_id, {
      total_before: total.count_before,
      total_recent: total.count_recent,
      papers_before: total.docs_before,
      papers_recent: total.docs_recent,
      growing: scored
        .filter((t) => t.z >= minZ)
        .sort((a, b) => b.z - a.z || byStem(a, b))
        .slice(0, limit),
      shrinking: scored
        .filter((t) => t.z <= -minZ)
        .sort((a, b) => a.z - b.z || byStem(a, b))
        .slice(0, limit),
    });
  }
  return out;
}

const D = columnsOf('documents');

export interface WindowPaper {
  cluster_id: number;
  /** 1 for the paper closest to the centroid. */
  rank: number;
  doc_id: string;
  title: string;
  date: string;
  similarity: number;
}

/**
 * Per topic, its `limit` papers of the recent window's months closest to its centroid, best first (ties: newer,
 * then doc_id). By similarity rather than date: the window already makes them new, and ordering by date would put
 * a marginal paper first for being a week newer.
 */
export function windowPapersQuery(clusterIds: readonly number[], months: GrowthMonths, limit: number): SqlQuery {
  const w = windowsCte({ before: [], recent: months.recent });
  return {
    text: `${w.text}
SELECT * FROM (
  SELECT d.${D.cluster_id}, row_number() OVER (
      PARTITION BY d.${D.cluster_id} ORDER BY d.${D.similarity} DESC, d.${D.date} DESC, d.${D.doc_id})::INTEGER AS rank,
    d.${D.doc_id}, d.${D.title}, strftime(d.${D.date}, '%Y-%m-%d') AS date, d.${D.similarity}::DOUBLE AS similarity
  FROM ${tableName('documents')} d JOIN windows w ON CAST(date_trunc('month', d.${D.date}) AS DATE) = w.month
  WHERE d.${D.cluster_id} IN (${placeholders(clusterIds.length)}) AND d.${D.date_precision} IN ('day', 'month'))
WHERE rank <= ? ORDER BY ${D.cluster_id}, rank`,
    params: [...w.params, ...clusterIds, limit],
    tables: ['documents'],
  };
}

/** The rows of `windowPapersQuery` per topic, in their order. */
export function papersByCluster(papers: readonly WindowPaper[]): Map<number, WindowPaper[]> {
  const out = new Map<number, WindowPaper[]>();
  for (const p of papers) out.set(p.cluster_id, [...(out.get(p.cluster_id) ?? []), p]);
  return out;
}
