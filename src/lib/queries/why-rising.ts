/**
 * Why a topic is rising or falling: the terms whose share of the topic's text grew or shrank most between the two
 * growth windows (weighted log-odds with an informative prior, `src/shared/log-odds.ts`), counted in
 * `cluster_term_months` over the windows' months (`growth-months.ts`), and the recent window's papers closest to the
 * topic's centroid. Only papers dated to the day or month count, as in the table.
 */
import { logOdds } from '../../shared/log-odds.ts';
import type { TermMonthGroups, TermMonthRow } from '../db/term-month-groups.ts';
import type { GrowthMonths } from './growth-months.ts';
import type { WindowPaper } from './window-papers.ts';

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

/** Byte order of the stems with null first, as the SQL's ORDER BY (`tests/reference-sql/why-rising.ts`). */
function stemOrder(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/**
 * Per topic and term in TS (`tests/reference-sql/why-rising.ts` is the same in SQL), over rows of `cluster_term_months` (any months; those outside the windows are
 * skipped): per topic and term, its counts in the two windows, ordered by topic then stem (the total row first).
 */
export function sumWindowTermCounts(rows: readonly TermMonthRow[], months: GrowthMonths): WindowTermCount[] {
  const recent = new Set(months.recent);
  const before = new Set(months.before);
  const sums = new Map<string, WindowTermCount>();
  for (const r of rows) {
    const isRecent = recent.has(r.period_start);
    if (r.cluster_id === null || (!isRecent && !before.has(r.period_start))) continue;
    const key = `${r.cluster_id}|${r.stem ?? ''}|${r.stem === null ? 1 : 0}`;
    let sum = sums.get(key);
    if (sum === undefined) {
      sum = {
        cluster_id: r.cluster_id,
        stem: r.stem,
        term: r.term,
        count_before: 0,
        count_recent: 0,
        docs_before: 0,
        docs_recent: 0,
      };
      sums.set(key, sum);
    } else if (r.term !== null && (sum.term === null || r.term < sum.term)) sum.term = r.term;
    if (isRecent) {
      sum.count_recent += r.term_count;
      sum.docs_recent += r.doc_count;
    } else {
      sum.count_before += r.term_count;
      sum.docs_before += r.doc_count;
    }
  }
  return [...sums.values()].sort((a, b) => a.cluster_id - b.cluster_id || stemOrder(a.stem, b.stem));
}

/** Each topic's counts in the windows, from only its rows of the windows' months (a few row groups a topic). */
export async function windowTermCounts(
  groups: TermMonthGroups,
  clusterIds: readonly number[],
  months: GrowthMonths,
): Promise<WindowTermCount[]> {
  const all = [...months.before, ...months.recent].sort();
  const span = { first: all[0] ?? null, last: all.at(-1) ?? null };
  if (span.first === null) return [];
  const rows: TermMonthRow[] = [];
  // One topic after another: each is a short run of reads and decoding.
  for (const id of [...new Set(clusterIds)]) rows.push(...(await groups.rows(id, span)));
  return sumWindowTermCounts(rows, months);
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

/** The rows of `windowPapers` per topic, in their order. */
export function papersByCluster(papers: readonly WindowPaper[]): Map<number, WindowPaper[]> {
  const out = new Map<number, WindowPaper[]>();
  for (const p of papers) out.set(p.cluster_id, [...(out.get(p.cluster_id) ?? []), p]);
  return out;
}

/** The CSV columns of the terms download, in order (`run_id` is added by the download). */
export const WHY_TERM_COLUMNS = [
  'cluster_id',
  'label',
  'trend_direction',
  'change',
  'rank',
  'term',
  'stem',
  'count_before',
  'count_recent',
  'total_before',
  'total_recent',
  'docs_before',
  'docs_recent',
  'log_odds',
  'z',
  'months_before',
  'months_recent',
  'prior_total',
] as const;
export type WhyTermRecord = Record<(typeof WHY_TERM_COLUMNS)[number], string | number>;

/** A shown topic, as the growth lists hold it. */
export interface WhyTopicRow {
  cluster_id: number;
  label: string;
  trend_direction: string;
}

/** The terms download: per shown topic in order, its growing then its shrinking terms, each with the windows. */
export function whyTermRecords(
  topics: readonly WhyTopicRow[],
  changes: ReadonlyMap<number, TopicTermChanges>,
  months: GrowthMonths,
  priorTotal: number,
): WhyTermRecord[] {
  return topics.flatMap((g) => {
    const t = changes.get(g.cluster_id);
    if (t === undefined) return [];
    const sides = [
      ['growing', t.growing],
      ['shrinking', t.shrinking],
    ] as const;
    return sides.flatMap(([change, terms]) =>
      terms.map((term, i) => ({
        cluster_id: g.cluster_id,
        label: g.label,
        trend_direction: g.trend_direction,
        change,
        rank: i + 1,
        term: term.term,
        stem: term.stem,
        count_before: term.count_before,
        count_recent: term.count_recent,
        total_before: t.total_before,
        total_recent: t.total_recent,
        docs_before: term.docs_before,
        docs_recent: term.docs_recent,
        log_odds: term.delta,
        z: term.z,
        months_before: months.before.join(' '),
        months_recent: months.recent.join(' '),
        prior_total: priorTotal,
      })),
    );
  });
}

export const WHY_PAPER_COLUMNS = [
  'cluster_id',
  'label',
  'trend_direction',
  'rank',
  'doc_id',
  'title',
  'date',
  'similarity',
] as const;
export type WhyPaperRecord = Record<(typeof WHY_PAPER_COLUMNS)[number], string | number>;

/** The papers download: per shown topic in order, its recent papers closest to the centroid. */
export function whyPaperRecords(
  topics: readonly WhyTopicRow[],
  papers: ReadonlyMap<number, readonly WindowPaper[]>,
): WhyPaperRecord[] {
  return topics.flatMap((g) =>
    (papers.get(g.cluster_id) ?? []).map((p) => ({
      cluster_id: g.cluster_id,
      label: g.label,
      trend_direction: g.trend_direction,
      rank: p.rank,
      doc_id: p.doc_id,
      title: p.title,
      date: p.date,
      similarity: p.similarity,
    })),
  );
}
