/**
 * Term trends, Ngram-viewer style: per vocabulary term and month, the number of dated documents containing it,
 * plus the `terms` index that says where each term's rows lie in the written `term_trends` (sorted by stem).
 *
 * Counting walks the document x term count matrix one month at a time (documents bucketed by a counting sort):
 * a per-term counter and a list of the terms touched that month, reset after the month is emitted. Memory is
 * O(nDocs + nTerms) besides the matrix, time O(nnz); no per-document objects. Each month's (term, count) pairs
 * are appended straight into DuckDB, which joins stems and month starts and sorts. Only documents dated to the
 * day or month count (a year-only date has no month).
 *
 * The index is computed in SQL from the same staged rows with the same `ORDER BY stem` as the COPY, so
 * `first_row` / `row_count` agree with the file whatever the collation of non-ASCII stems.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatePrecision } from '../../src/schema.ts';
import type { Csr } from '../features/csr.ts';
import type { OutputDatabase } from '../write/output-database.ts';
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
  /** Staged (term_id, month, doc_count) rows. */
  stagedRows: number;
}

/** Counts the term months and writes `term_trends` and `terms` into `outDir`. */
export async function writeTermTrends(database: OutputDatabase, input: TermTrendInput, outDir: string): Promise<void> {
  const sources = await database.stage((connection) => stageTermTrends(connection, input));
  await database.writeRelation('termTrends', sources.termTrends, outDir);
  await database.writeRelation('terms', sources.terms, outDir);
}

/**
 * Stages vocabulary, months and (term, month, count) rows in `connection` under `prefix`, and returns the
 * relations that produce `term_trends` and `terms` rows.
 */
export async function stageTermTrends(
  connection: DuckDBConnection,
  input: TermTrendInput,
  prefix = 'tt',
): Promise<TermTrendSources> {
  const { counts, stems, docFreq, months, minDocFreq } = input;
  await connection.run(`CREATE TABLE ${prefix}_vocab (term_id INTEGER, stem VARCHAR, term VARCHAR, doc_freq INTEGER)`);
  await connection.run(`CREATE TABLE ${prefix}_months (month INTEGER, period_start VARCHAR)`);
  await connection.run(`CREATE TABLE ${prefix}_rows (term_id INTEGER, month INTEGER, doc_count INTEGER)`);

  const vocab = await connection.createAppender(`${prefix}_vocab`);
  stems.forEach((stem, termId) => {
    if (docFreq[termId]! < minDocFreq) return;
    vocab.appendInteger(termId);
    vocab.appendVarchar(stem);
    vocab.appendVarchar(input.surfaceForm(stem));
    vocab.appendInteger(docFreq[termId]!);
    vocab.endRow();
  });
  vocab.closeSync();
  const monthAppender = await connection.createAppender(`${prefix}_months`);
  months.months.forEach((start, month) => {
    monthAppender.appendInteger(month);
    monthAppender.appendVarchar(start);
    monthAppender.endRow();
  });
  monthAppender.closeSync();

  const rows = await connection.createAppender(`${prefix}_rows`);
  let stagedRows = 0;
  forEachTermMonth(counts, months.monthOfDoc, months.months.length, (month, termIds, docCounts) => {
    for (let i = 0; i < termIds.length; i++) {
      const termId = termIds[i]!;
      if (docFreq[termId]! < minDocFreq) continue;
      rows.appendInteger(termId);
      rows.appendInteger(month);
      rows.appendInteger(docCounts[i]!);
      rows.endRow();
      stagedRows++;
    }
  });
  rows.closeSync();
  return { ...termTrendRelations(prefix), stagedRows };
}

export function termTrendRelations(prefix: string): Omit<TermTrendSources, 'stagedRows'> {
  return {
    termTrends: `(SELECT v.stem, m.period_start, r.doc_count FROM ${prefix}_rows r JOIN ${prefix}_vocab v USING (term_id) JOIN ${prefix}_months m USING (month))`,
    terms: termIndexRelation(
      `${prefix}_vocab`,
      `(SELECT stem, count(*) AS n FROM ${prefix}_rows JOIN ${prefix}_vocab USING (term_id) GROUP BY stem)`,
    ),
  };
}

/**
 * `terms` rows from a vocabulary relation (stem, term, doc_freq) and per-stem row counts (stem, n): first_row is
 * the number of term_trends rows of all smaller stems, in DuckDB's own VARCHAR order.
 */
export function termIndexRelation(vocabulary: string, rowCounts: string): string {
  return `(SELECT v.stem, v.term, v.doc_freq, coalesce(sum(coalesce(c.n, 0)) OVER (ORDER BY v.stem ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_row, coalesce(c.n, 0) AS row_count FROM ${vocabulary} v LEFT JOIN ${rowCounts} c USING (stem))`;
}
