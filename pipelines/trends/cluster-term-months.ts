/**
 * `cluster_term_months`: per topic, month and candidate term, the term's count and the documents containing it,
 * so the dashboard can rank a topic's terms by class-based TF-IDF over the papers of any range of whole months
 * and nothing later (`src/shared/ctfidf.ts`, `src/lib/queries/slice-terms.ts`). Summing the rows of the range
 * gives, exactly as a count over the range's documents would:
 *
 *   tf(t, c)            rows (c, month, t)       for the candidates of c
 *   Σ_t' tf(t', c)      rows (c, month, NULL)    every topic's total over all terms (A needs all of them)
 *   f(t)                rows (NULL, month, t)    the term over all topics, for every candidate of any topic
 *
 * Candidates bound the size: a topic's candidates are the union, over months, of its `CANDIDATES_PER_MONTH` (50)
 * best terms by c-TF-IDF over that month alone among those in at least `CANDIDATE_MIN_DOCS` (3) of its papers that
 * month, and each candidate keeps every month it occurs in. A term can
 * rank in a range only if it ranks high in one of its months; one that first occurs after the range has no row
 * inside it, so it cannot show there. Default corpus (15,989 papers, k 12, 55 months): see README.
 *
 * Two passes over the documents bucketed by (month, topic) with a counting sort, scratch O(nCols + the largest
 * month's entries) per pass plus a k × nCols candidate bitmap; time O(nnz + months · k · touched terms · log 50). Only documents dated to the day or
 * month count (a year-only date has no month), as in `term_trends`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { averageClassTotal, ctfidfIdf, ctfidfWeight } from '../../src/shared/ctfidf.ts';
import type { Csr } from '../features/csr.ts';
import { Int32Columns, type OutputDatabase } from '../write/output-database.ts';
import type { DocumentMonths } from './term-trends.ts';

export const CANDIDATES_PER_MONTH = 50;
/** A term in fewer of the topic's papers that month says nothing about the month (measured: see README). */
export const CANDIDATE_MIN_DOCS = 3;

export interface ClusterTermMonthInput {
  /** Raw term counts, document × term. */
  counts: Csr;
  /** Topic of each document, 0..k-1. */
  clusterIds: Int32Array;
  k: number;
  months: DocumentMonths;
}

/** One month's sums, handed to `emit`; arrays are reused scratch, valid during the call only. */
export interface MonthSums {
  month: number;
  /** Per topic: total count of all its terms in the month, and its documents. */
  classTotal: Float64Array;
  classDocs: Int32Array;
  /** Per term over all topics (indexed by term id; only `touched` entries are set). */
  termTotal: Float64Array;
  termDocs: Int32Array;
  touched: Int32Array;
  /**
   * Topic c's terms that month are the cells `cellStart[c] .. cellStart[c + 1]`: term, count and documents (read in
   * place: a callback per cell cost more than the sums).
   */
  cellStart: Int32Array;
  cellTerm: Int32Array;
  cellCount: Float64Array;
  cellDocs: Int32Array;
}

/**
 * Walks the months in order, summing counts per topic and per term in one pass over each month's entries: each
 * topic's (term, count, docs) cells are gathered into month-local arrays (at most the month's entries), so
 * the callers read them (`MonthSums.cellStart`) instead of walking the documents again. O(nnz) per walk.
 */
export function forEachMonthSums(input: ClusterTermMonthInput, emit: (sums: MonthSums) => void): void {
  const { counts, clusterIds, k, months } = input;
  const { indptr, indices, data } = counts;
  const nMonths = months.months.length;
  const nBuckets = nMonths * k;
  const bucketStart = new Int32Array(nBuckets + 1);
  const monthEntries = new Float64Array(nMonths);
  const bucketOf = (doc: number): number => months.monthOfDoc[doc]! * k + clusterIds[doc]!;
  for (let doc = 0; doc < counts.nRows; doc++) {
    const month = months.monthOfDoc[doc]!;
    if (month < 0) continue;
    bucketStart[bucketOf(doc) + 1]!++;
    monthEntries[month]! += indptr[doc + 1]! - indptr[doc]!;
  }
  for (let b = 0; b < nBuckets; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const cursor = bucketStart.slice(0, nBuckets);
  const docs = new Int32Array(bucketStart[nBuckets]!);
  for (let doc = 0; doc < counts.nRows; doc++) if (months.monthOfDoc[doc]! >= 0) docs[cursor[bucketOf(doc)]!++] = doc;

  const termTotal = new Float64Array(counts.nCols);
  const termDocs = new Int32Array(counts.nCols);
  const touched = new Int32Array(counts.nCols);
  const clusterCount = new Float64Array(counts.nCols);
  const clusterDocs = new Int32Array(counts.nCols);
  const maxCells = monthEntries.reduce((max, n) => Math.max(max, n), 0);
  const cellTerm = new Int32Array(maxCells);
  const cellCount = new Float64Array(maxCells);
  const cellDocs = new Int32Array(maxCells);
  const cellStart = new Int32Array(k + 1);
  const classTotal = new Float64Array(k);
  const classDocs = new Int32Array(k);
  for (let month = 0; month < nMonths; month++) {
    let nTouched = 0;
    let nCells = 0;
    classTotal.fill(0);
    for (let c = 0; c < k; c++) {
      const b = month * k + c;
      cellStart[c] = nCells;
      classDocs[c] = bucketStart[b + 1]! - bucketStart[b]!;
      for (let p = bucketStart[b]!; p < bucketStart[b + 1]!; p++) {
        const doc = docs[p]!;
        for (let j = indptr[doc]!; j < indptr[doc + 1]!; j++) {
          const t = indices[j]!;
          const count = data[j]!;
          if (termDocs[t]! === 0) touched[nTouched++] = t;
          termTotal[t]! += count;
          termDocs[t]!++;
          classTotal[c]! += count;
          if (clusterDocs[t]! === 0) cellTerm[nCells++] = t;
          clusterCount[t]! += count;
          clusterDocs[t]!++;
        }
      }
      for (let i = cellStart[c]!; i < nCells; i++) {
        const t = cellTerm[i]!;
        cellCount[i] = clusterCount[t]!;
        cellDocs[i] = clusterDocs[t]!;
        clusterCount[t] = 0;
        clusterDocs[t] = 0;
      }
    }
    cellStart[k] = nCells;
    if (nTouched === 0) continue;
    emit({
      month,
      classTotal,
      classDocs,
      termTotal,
      termDocs,
      touched: touched.subarray(0, nTouched),
      cellStart,
      cellTerm,
      cellCount,
      cellDocs,
    });
    for (let i = 0; i < nTouched; i++) {
      termTotal[touched[i]!] = 0;
      termDocs[touched[i]!] = 0;
    }
  }
}

/**
 * Candidate bitmap, k × nCols (c · nCols + t): 1 when t is among topic c's `perMonth` best terms by c-TF-IDF over
 * some month alone, of those in at least `minDocs` of its papers that month (ties to the lower term id).
 */
export function sliceCandidates(
  input: ClusterTermMonthInput,
  perMonth = CANDIDATES_PER_MONTH,
  minDocs = CANDIDATE_MIN_DOCS,
): Uint8Array {
  const { k } = input;
  const nCols = input.counts.nCols;
  const candidates = new Uint8Array(k * nCols);
  const bestTerms: number[] = [];
  const bestWeights: number[] = [];
  forEachMonthSums(input, (sums) => {
    const averageTotal = averageClassTotal(sums.classTotal);
    for (let c = 0; c < k; c++) {
      bestTerms.length = 0;
      bestWeights.length = 0;
      for (let i = sums.cellStart[c]!; i < sums.cellStart[c + 1]!; i++) {
        if (sums.cellDocs[i]! < minDocs) continue;
        const t = sums.cellTerm[i]!;
        const w = ctfidfWeight(sums.cellCount[i]!, sums.classTotal[c]!, ctfidfIdf(averageTotal, sums.termTotal[t]!));
        if (!(w > 0)) continue;
        if (bestTerms.length === perMonth) {
          const last = bestWeights[perMonth - 1]!;
          if (w < last || (w === last && t > bestTerms[perMonth - 1]!)) continue;
        }
        let at = bestTerms.length;
        while (at > 0 && (w > bestWeights[at - 1]! || (w === bestWeights[at - 1]! && t < bestTerms[at - 1]!))) at--;
        bestTerms.splice(at, 0, t);
        bestWeights.splice(at, 0, w);
        if (bestTerms.length > perMonth) {
          bestTerms.pop();
          bestWeights.pop();
        }
      }
      for (const t of bestTerms) candidates[c * nCols + t] = 1;
    }
  });
  return candidates;
}

export interface ClusterTermMonthRow {
  /** null: the term over all topics. */
  clusterId: number | null;
  month: number;
  /** null: the topic over all terms. */
  term: number | null;
  termCount: number;
  docCount: number;
}

/**
 * Every row of the table for `candidates`, months ascending, then topics, then terms as met; totals last. `row` is
 * reused scratch, valid during the call.
 */
export function forEachClusterTermMonthRow(
  input: ClusterTermMonthInput,
  candidates: Uint8Array,
  emit: (row: ClusterTermMonthRow) => void,
): void {
  const { k } = input;
  const nCols = input.counts.nCols;
  const anyCandidate = new Uint8Array(nCols);
  candidates.forEach((on, at) => {
    if (on === 1) anyCandidate[at % nCols] = 1;
  });
  const row: ClusterTermMonthRow = { clusterId: null, month: 0, term: null, termCount: 0, docCount: 0 };
  const emitRow = (
    clusterId: number | null,
    month: number,
    term: number | null,
    termCount: number,
    docCount: number,
  ) => {
    row.clusterId = clusterId;
    row.month = month;
    row.term = term;
    row.termCount = termCount;
    row.docCount = docCount;
    emit(row);
  };
  forEachMonthSums(input, (sums) => {
    const { month } = sums;
    for (let c = 0; c < k; c++) {
      if (sums.classDocs[c] === 0) continue;
      emitRow(c, month, null, sums.classTotal[c]!, sums.classDocs[c]!);
      const offset = c * nCols;
      for (let i = sums.cellStart[c]!; i < sums.cellStart[c + 1]!; i++) {
        const t = sums.cellTerm[i]!;
        if (candidates[offset + t] === 1) emitRow(c, month, t, sums.cellCount[i]!, sums.cellDocs[i]!);
      }
    }
    for (const t of sums.touched) {
      if (anyCandidate[t] === 1) emitRow(null, month, t, sums.termTotal[t]!, sums.termDocs[t]!);
    }
  });
}

/** Relations (SQL `FROM` expressions) over staged tables, for the writer's COPY. */
export interface ClusterTermMonthSources {
  /** The `cluster_term_months` columns. */
  relation: string;
  /** ORDER BY over `relation` equal to the table's sort key (cluster_id, period_start, stem; NULLs last). */
  order: string;
}

/** The staged rows (cluster_id, month, term_id, term_count, doc_count; -1: NULL) and the terms they name. */
export interface ClusterTermMonthCounts {
  rows: Int32Columns;
  /** 1 for each term id with a row. */
  used: Uint8Array;
}

/** Counts the table's rows for `candidates` (JS only, no DuckDB). */
export function countClusterTermMonths(input: ClusterTermMonthInput, candidates: Uint8Array): ClusterTermMonthCounts {
  // Staged as typed columns and appended a data chunk at a time (-1: NULL; ids and months are never negative).
  const rows = new Int32Columns(5, -1);
  const used = new Uint8Array(input.counts.nCols);
  forEachClusterTermMonthRow(input, candidates, (row) => {
    rows.push(row.clusterId ?? -1, row.month, row.term ?? -1, row.termCount, row.docCount);
    if (row.term !== null) used[row.term] = 1;
  });
  return { rows, used };
}

/**
 * Stages the counted rows in `connection` under `prefix` and returns a relation with the `cluster_term_months`
 * columns. `stems[t]` is term t's vocabulary key, `surfaceForm` its readable spelling.
 */
export async function stageClusterTermMonths(
  connection: DuckDBConnection,
  counted: ClusterTermMonthCounts,
  months: DocumentMonths,
  vocabulary: { stems: readonly string[]; surfaceForm: (stem: string) => string },
  prefix = 'ctm',
): Promise<ClusterTermMonthSources> {
  const { rows, used } = counted;
  await connection.run(`CREATE TEMP TABLE ${prefix}_months (month INTEGER, period_start VARCHAR)`);
  await connection.run(`CREATE TEMP TABLE ${prefix}_terms (term_id INTEGER, stem VARCHAR, term VARCHAR)`);
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_rows (cluster_id INTEGER, month INTEGER, term_id INTEGER, term_count INTEGER, doc_count INTEGER)`,
  );
  const monthAppender = await connection.createAppender(`${prefix}_months`);
  months.months.forEach((start, month) => {
    monthAppender.appendInteger(month);
    monthAppender.appendVarchar(start);
    monthAppender.endRow();
  });
  monthAppender.closeSync();
  const rowAppender = await connection.createAppender(`${prefix}_rows`);
  await rows.appendTo(rowAppender);
  rowAppender.closeSync();
  const vocab = await connection.createAppender(`${prefix}_terms`);
  used.forEach((isUsed, t) => {
    if (isUsed === 0) return;
    const stem = vocabulary.stems[t]!;
    vocab.appendInteger(t);
    vocab.appendVarchar(stem);
    vocab.appendVarchar(vocabulary.surfaceForm(stem));
    vocab.endRow();
  });
  vocab.closeSync();
  // Sorting by the stem's rank in DuckDB's VARCHAR order and the month's index gives the sort key's order for
  // integers only (see `term-trends.ts`).
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_vocab AS SELECT *, row_number() OVER (ORDER BY stem)::INTEGER AS stem_rank FROM ${prefix}_terms`,
  );
  return {
    relation: `(SELECT r.cluster_id, m.period_start, v.stem, v.term, r.term_count, r.doc_count, r.month, v.stem_rank FROM ${prefix}_rows r JOIN ${prefix}_months m USING (month) LEFT JOIN ${prefix}_vocab v USING (term_id))`,
    order: 'cluster_id, month, stem_rank',
  };
}

/**
 * Computes the candidates and counts the rows (unless `counted`), stages them and writes `cluster_term_months` into
 * `outDir`; returns its row count.
 */
export async function writeClusterTermMonths(
  database: OutputDatabase,
  input: ClusterTermMonthInput,
  vocabulary: { stems: readonly string[]; surfaceForm: (stem: string) => string },
  outDir: string,
  counted: ClusterTermMonthCounts = countClusterTermMonths(input, sliceCandidates(input)),
): Promise<number> {
  const sources = await database.stage((connection) =>
    stageClusterTermMonths(connection, counted, input.months, vocabulary),
  );
  return database.writeRelation('clusterTermMonths', sources.relation, outDir, sources.order);
}
