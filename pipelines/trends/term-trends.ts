/**
 * Term trends, Ngram-viewer style: per vocabulary term and month, the number of dated documents containing it,
 * plus the `terms` index that says where each term's rows lie in the written `term_trends` (sorted by stem).
 *
 * Counting walks the document x term count matrix one month at a time (documents bucketed by a counting sort):
 * a per-term counter and a list of the terms touched that month, reset after the month is emitted. Memory is
 * O(nDocs + nTerms) besides the matrix, time O(nnz); no per-document objects. Each month's (term, count) pairs
 * go into typed columns, appended to DuckDB a data chunk at a time; DuckDB joins stems and month starts and
 * sorts. Only documents dated to the day or month count (a year-only date has no month).
 *
 * Both tables are sorted by each stem's rank in DuckDB's own VARCHAR order (a window over the vocabulary), so
 * `first_row` / `row_count` agree with the file whatever the collation of non-ASCII stems; sorting the rows by
 * that integer instead of the stem gives the same file for less than half the cost (measured at 25k papers).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatePrecision } from '../../src/schema.ts';
import type { Csr } from '../features/csr.ts';
import { Int32Columns, type OutputDatabase } from '../write/output-database.ts';
import { periodStart } from './periods.ts';

export interface DocumentMonths {
  /** Distinct month starts (`YYYY-MM-01`), ascending. */
  months: string[];
  /** Index into `months` per document; -1 when undated or dated to the year only. */
  monthOfDoc: Int32Array;
}

export function documentMonths(
  dates: readonly (string | null)[],
  precisions: readonly (DatePrecision | null)[],
): DocumentMonths {
  const starts = dates.map((date, i) => {
    const precision = precisions[i];
    return date === null || (precision !== 'day' && precision !== 'month') ? null : periodStart(date, 'month');
  });
  const months = [...new Set(starts.filter((start): start is string => start !== null))].sort();
  const indexOf = new Map(months.map((month, i) => [month, i]));
  return { months, monthOfDoc: Int32Array.from(starts, (start) => (start === null ? -1 : indexOf.get(start)!)) };
}

/**
 * Calls `emit(month, termIds, docCounts)` once per month that has dated documents, months ascending; the arrays
 * are reused scratch (valid during the call), terms in first-seen order. Terms with no document that month are
 * not emitted.
 */
export function forEachTermMonth(
  counts: Csr,
  monthOfDoc: Int32Array,
  nMonths: number,
  emit: (month: number, termIds: Int32Array, docCounts: Int32Array) => void,
): void {
  const bucketStart = new Int32Array(nMonths + 1);
  for (const month of monthOfDoc) if (month >= 0) bucketStart[month + 1]!++;
  for (let m = 0; m < nMonths; m++) bucketStart[m + 1]! += bucketStart[m]!;
  const cursor = bucketStart.slice(0, nMonths);
  const docsByMonth = new Int32Array(bucketStart[nMonths]!);
  monthOfDoc.forEach((month, doc) => {
    if (month >= 0) docsByMonth[cursor[month]!++] = doc;
  });

  const { indptr, indices } = counts;
  const docCount = new Int32Array(counts.nCols);
  const touched = new Int32Array(counts.nCols);
  const emitted = new Int32Array(counts.nCols);
  for (let month = 0; month < nMonths; month++) {
    let nTouched = 0;
    for (let p = bucketStart[month]!; p < bucketStart[month + 1]!; p++) {
      const doc = docsByMonth[p]!;
      for (let k = indptr[doc]!; k < indptr[doc + 1]!; k++) {
        const term = indices[k]!;
        if (docCount[term]!++ === 0) touched[nTouched++] = term;
      }
    }
    if (nTouched === 0) continue;
    for (let i = 0; i < nTouched; i++) {
      emitted[i] = docCount[touched[i]!]!;
      docCount[touched[i]!] = 0;
    }
    emit(month, touched.subarray(0, nTouched), emitted.subarray(0, nTouched));
  }
}

export interface TermTrendInput {
  counts: Csr;
  /** Vocabulary keys, column j of `counts` is stems[j]. */
  stems: readonly string[];
  surfaceForm: (stem: string) => string;
  /** Documents containing each term (all documents, dated or not). */
  docFreq: Int32Array;
  months: DocumentMonths;
  /** Terms in fewer documents are left out of both tables (bounds the size at scale); 1 keeps every term. */
  minDocFreq: number;
}

/** Relations (SQL `FROM` expressions) over staged tables, for the writer's COPY. */
export interface TermTrendSources {
  termTrends: string;
  terms: string;
  /** ORDER BY over either relation equal to its sort key (stem, then period_start). */
  termTrendsOrder: string;
  termsOrder: string;
  /** Staged (term_id, month, doc_count) rows. */
  stagedRows: number;
}

/** The staged rows of `term_trends` (term_id, month, doc_count) and each term's number of rows. */
export interface TermMonthCounts {
  rows: Int32Columns;
  rowCount: Int32Array;
}

/** Counts the term months of the terms in at least `minDocFreq` documents (JS only, no DuckDB). */
export function countTermMonths(
  input: Pick<TermTrendInput, 'counts' | 'docFreq' | 'months' | 'minDocFreq'>,
): TermMonthCounts {
  const { counts, docFreq, months, minDocFreq } = input;
  // Ids and months are never negative: no NULLs.
  const rows = new Int32Columns(3);
  const rowCount = new Int32Array(counts.nCols);
  forEachTermMonth(counts, months.monthOfDoc, months.months.length, (month, termIds, docCounts) => {
    for (let i = 0; i < termIds.length; i++) {
      const termId = termIds[i]!;
      if (docFreq[termId]! < minDocFreq) continue;
      rows.push(termId, month, docCounts[i]);
      rowCount[termId]!++;
    }
  });
  return { rows, rowCount };
}

/** Counts the term months (unless `counted`) and writes `term_trends` and `terms` into `outDir`. */
export async function writeTermTrends(
  database: OutputDatabase,
  input: TermTrendInput,
  outDir: string,
  counted?: TermMonthCounts,
): Promise<void> {
  const sources = await database.stage((connection) => stageTermTrends(connection, input, 'tt', counted));
  await database.writeRelation('termTrends', sources.termTrends, outDir, sources.termTrendsOrder);
  await database.writeRelation('terms', sources.terms, outDir, sources.termsOrder);
}

/**
 * Stages vocabulary (with each term's rows and its stem's rank), months and (term, month, count) rows in
 * `connection` under `prefix`, and returns the relations that produce `term_trends` and `terms` rows.
 */
export async function stageTermTrends(
  connection: DuckDBConnection,
  input: TermTrendInput,
  prefix = 'tt',
  counted: TermMonthCounts = countTermMonths(input),
): Promise<TermTrendSources> {
  return stageCountedTermTrends(connection, { ...input, monthStarts: input.months.months }, counted, prefix);
}

/** The vocabulary and month list `stageCountedTermTrends` joins to rows counted elsewhere. */
export interface TermTrendVocabulary {
  stems: readonly string[];
  surfaceForm: (stem: string) => string;
  docFreq: Int32Array;
  /** Month starts (`YYYY-MM-01`), ascending; a row's month indexes this list. */
  monthStarts: readonly string[];
  minDocFreq: number;
}

/** `stageTermTrends` for (term, month, count) rows already counted (the bounded-memory mode counts in batches). */
export async function stageCountedTermTrends(
  connection: DuckDBConnection,
  input: TermTrendVocabulary,
  counted: TermMonthCounts,
  prefix: string,
): Promise<TermTrendSources> {
  const { stems, docFreq, monthStarts, minDocFreq } = input;
  const { rows, rowCount } = counted;
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_terms (term_id INTEGER, stem VARCHAR, term VARCHAR, doc_freq INTEGER, row_count INTEGER)`,
  );
  await connection.run(`CREATE TEMP TABLE ${prefix}_months (month INTEGER, period_start VARCHAR)`);
  await connection.run(`CREATE TEMP TABLE ${prefix}_rows (term_id INTEGER, month INTEGER, doc_count INTEGER)`);
  const vocab = await connection.createAppender(`${prefix}_terms`);
  stems.forEach((stem, termId) => {
    if (docFreq[termId]! < minDocFreq) return;
    vocab.appendInteger(termId);
    vocab.appendVarchar(stem);
    vocab.appendVarchar(input.surfaceForm(stem));
    vocab.appendInteger(docFreq[termId]!);
    vocab.appendInteger(rowCount[termId]!);
    vocab.endRow();
  });
  vocab.closeSync();
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_vocab AS SELECT *, row_number() OVER (ORDER BY stem)::INTEGER AS stem_rank FROM ${prefix}_terms`,
  );
  const monthAppender = await connection.createAppender(`${prefix}_months`);
  monthStarts.forEach((start, month) => {
    monthAppender.appendInteger(month);
    monthAppender.appendVarchar(start);
    monthAppender.endRow();
  });
  monthAppender.closeSync();
  const rowAppender = await connection.createAppender(`${prefix}_rows`);
  await rows.appendTo(rowAppender);
  rowAppender.closeSync();
  return {
    termTrends: `(SELECT v.stem, m.period_start, r.doc_count, v.stem_rank, r.month FROM ${prefix}_rows r JOIN ${prefix}_vocab v USING (term_id) JOIN ${prefix}_months m USING (month))`,
    termTrendsOrder: 'stem_rank, month',
    terms: `(SELECT stem, term, doc_freq, coalesce(sum(row_count) OVER (ORDER BY stem_rank ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_row, row_count, stem_rank FROM ${prefix}_vocab)`,
    termsOrder: 'stem_rank',
    stagedRows: rows.length,
  };
}

/**
 * `terms` rows from a vocabulary relation (stem, term, doc_freq) and per-stem row counts (stem, n): first_row is
 * the number of term_trends rows of all smaller stems, in DuckDB's own VARCHAR order.
 */
export function termIndexRelation(vocabulary: string, rowCounts: string): string {
  return `(SELECT v.stem, v.term, v.doc_freq, coalesce(sum(coalesce(c.n, 0)) OVER (ORDER BY v.stem ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_row, coalesce(c.n, 0) AS row_count FROM ${vocabulary} v LEFT JOIN ${rowCounts} c USING (stem))`;
}
