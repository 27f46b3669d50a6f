/**
 * Term trends and `cluster_term_months` of the bounded-memory run, counted batch by batch: each batch of documents
 * (raw counts of the saved vocabulary's terms, their topic and month) adds into dense per-month counters, so
 * memory is O(months × (terms + candidates)) whatever the number of documents, and no per-document row reaches
 * DuckDB. Both tables are sums over documents, so batch order cannot change them. The rows written are those of
 * a full run (`trends/term-trends.ts`, `trends/cluster-term-months.ts`) over the same vocabulary, with one
 * difference: a topic's candidate terms are those the fit on the sample chose (as `assign` keeps them).
 */
import type { DatePrecision } from '../../src/schema.ts';
import type { Csr } from '../features/csr.ts';
import { stageCountedTermTrends } from '../trends/term-trends.ts';
import { periodStart } from '../trends/periods.ts';
import { Int32Columns, type OutputDatabase } from '../write/output-database.ts';

export interface CountedBatch {
  /** Raw counts of known terms, one row per document. */
  counts: Csr;
  clusterIds: Int32Array;
  dates: readonly (string | null)[];
  precisions: readonly (DatePrecision | null)[];
}

interface MonthCounts {
  /** Per term: documents containing it (term trends). */
  termDocs: Int32Array;
  /** Per topic: sum of all its term counts, and its documents. */
  classTotal: Int32Array;
  classDocs: Int32Array;
  /** Per candidate pair (topic, term), by `candidateIndex`. */
  pairCount: Int32Array;
  pairDocs: Int32Array;
  /** Per term that is a candidate of any topic, by `anyIndex`: over all topics. */
  anyCount: Int32Array;
  anyDocs: Int32Array;
}

export class TermMonthCounts {
  readonly #months = new Map<string, MonthCounts>();
  /** Documents containing each term, dated or not (`terms.doc_freq`). */
  readonly docFreq: Int32Array;
  /** (topic · nTerms + term) -> index among candidate pairs; the pairs, in index order. */
  readonly #candidateIndex = new Map<number, number>();
  readonly #pairs: { clusterId: number; term: number }[] = [];
  /** Term -> index among terms that are some topic's candidate, or -1. */
  readonly #anyIndex: Int32Array;
  readonly #anyTerms: number[] = [];

  constructor(
    private readonly k: number,
    private readonly nTerms: number,
    /** The fit's candidate terms per topic. */
    candidates: readonly { clusterId: number; term: number }[],
  ) {
    this.docFreq = new Int32Array(nTerms);
    this.#anyIndex = new Int32Array(nTerms).fill(-1);
    const sorted = [...candidates].sort((a, b) => a.clusterId - b.clusterId || a.term - b.term);
    for (const pair of sorted) {
      const key = pair.clusterId * nTerms + pair.term;
      if (this.#candidateIndex.has(key)) continue;
      this.#candidateIndex.set(key, this.#pairs.length);
      this.#pairs.push(pair);
      if (this.#anyIndex[pair.term] === -1) {
        this.#anyIndex[pair.term] = this.#anyTerms.length;
        this.#anyTerms.push(pair.term);
      }
    }
  }

  /** Adds one batch; only documents dated to the day or month count per month (a year has no month). */
  add(batch: CountedBatch): void {
    const { indptr, indices, data } = batch.counts;
    for (let doc = 0; doc < batch.counts.nRows; doc++) {
      for (let j = indptr[doc]!; j < indptr[doc + 1]!; j++) this.docFreq[indices[j]!]!++;
      const date = batch.dates[doc];
      const precision = batch.precisions[doc];
      if (date === null || date === undefined || (precision !== 'day' && precision !== 'month')) continue;
      const month = this.#month(periodStart(date, 'month'));
      const c = batch.clusterIds[doc]!;
      month.classDocs[c]!++;
      for (let j = indptr[doc]!; j < indptr[doc + 1]!; j++) {
        const t = indices[j]!;
        const count = data[j]!;
        month.termDocs[t]!++;
        month.classTotal[c]! += count;
        const pair = this.#candidateIndex.get(c * this.nTerms + t);
        if (pair !== undefined) {
          month.pairCount[pair]! += count;
          month.pairDocs[pair]!++;
        }
        const any = this.#anyIndex[t]!;
        if (any >= 0) {
          month.anyCount[any]! += count;
          month.anyDocs[any]!++;
        }
      }
    }
  }

  /** Writes `term_trends` and `terms` (terms in at least `minDocFreq` documents) into `outDir`. */
  async writeTermTrends(
    database: OutputDatabase,
    vocabulary: { stems: readonly string[]; surfaceForms: readonly string[] },
    minDocFreq: number,
    outDir: string,
  ): Promise<void> {
    const monthStarts = [...this.#months.keys()].sort();
    const rows = new Int32Columns(3);
    const rowCount = new Int32Array(this.nTerms);
    monthStarts.forEach((start, m) => {
      const termDocs = this.#months.get(start)!.termDocs;
      for (let t = 0; t < this.nTerms; t++) {
        if (termDocs[t]! > 0 && this.docFreq[t]! >= minDocFreq) {
          rows.push(t, m, termDocs[t]);
          rowCount[t]!++;
        }
      }
    });
    const surfaceOf = new Map(vocabulary.stems.map((stem, t) => [stem, vocabulary.surfaceForms[t]!]));
    const sources = await database.stage((connection) =>
      stageCountedTermTrends(
        connection,
        {
          stems: vocabulary.stems,
          surfaceForm: (stem) => surfaceOf.get(stem)!,
          docFreq: this.docFreq,
          monthStarts,
          minDocFreq,
        },
        { rows, rowCount },
        'stream_tt',
      ),
    );
    await database.writeRelation('termTrends', sources.termTrends, outDir, sources.termTrendsOrder);
    await database.writeRelation('terms', sources.terms, outDir, sources.termsOrder);
  }

  /** Writes `cluster_term_months` into `outDir`; returns its row count. */
  async writeClusterTermMonths(
    database: OutputDatabase,
    vocabulary: { stems: readonly string[]; surfaceForms: readonly string[] },
    outDir: string,
  ): Promise<number> {
    const months = [...this.#months.keys()].sort();
    const prefix = 'stream_ctm';
    await database.stage(async (connection) => {
      await connection.run(`CREATE TABLE ${prefix}_months (month INTEGER, period_start VARCHAR)`);
      await connection.run(`CREATE TABLE ${prefix}_vocab (term_id INTEGER, stem VARCHAR, term VARCHAR)`);
      await connection.run(
        `CREATE TABLE ${prefix}_rows (cluster_id INTEGER, month INTEGER, term_id INTEGER, term_count INTEGER, doc_count INTEGER)`,
      );
      const monthAppender = await connection.createAppender(`${prefix}_months`);
      months.forEach((start, m) => {
        monthAppender.appendInteger(m);
        monthAppender.appendVarchar(start);
        monthAppender.endRow();
      });
      monthAppender.closeSync();
      // -1: NULL (ids and months are never negative), as in `stageClusterTermMonths`.
      const rows = new Int32Columns(5, -1);
      months.forEach((start, m) => {
        const month = this.#months.get(start)!;
        for (let c = 0; c < this.k; c++) {
          if (month.classDocs[c]! > 0) rows.push(c, m, -1, month.classTotal[c], month.classDocs[c]);
        }
        this.#pairs.forEach(({ clusterId, term }, i) => {
          if (month.pairDocs[i]! > 0) rows.push(clusterId, m, term, month.pairCount[i], month.pairDocs[i]);
        });
        this.#anyTerms.forEach((term, i) => {
          if (month.anyDocs[i]! > 0) rows.push(-1, m, term, month.anyCount[i], month.anyDocs[i]);
        });
      });
      const appender = await connection.createAppender(`${prefix}_rows`);
      await rows.appendTo(appender);
      appender.closeSync();
      const vocab = await connection.createAppender(`${prefix}_vocab`);
      for (const t of [...this.#anyTerms].sort((a, b) => a - b)) {
        vocab.appendInteger(t);
        vocab.appendVarchar(vocabulary.stems[t]!);
        vocab.appendVarchar(vocabulary.surfaceForms[t]!);
        vocab.endRow();
      }
      vocab.closeSync();
    });
    return database.writeRelation(
      'clusterTermMonths',
      `(SELECT r.cluster_id, m.period_start, v.stem, v.term, r.term_count, r.doc_count FROM ${prefix}_rows r JOIN ${prefix}_months m USING (month) LEFT JOIN ${prefix}_vocab v USING (term_id))`,
      outDir,
    );
  }

  #month(start: string): MonthCounts {
    let month = this.#months.get(start);
    if (month === undefined) {
      month = {
        termDocs: new Int32Array(this.nTerms),
        classTotal: new Int32Array(this.k),
        classDocs: new Int32Array(this.k),
        pairCount: new Int32Array(this.#pairs.length),
        pairDocs: new Int32Array(this.#pairs.length),
        anyCount: new Int32Array(this.#anyTerms.length),
        anyDocs: new Int32Array(this.#anyTerms.length),
      };
      this.#months.set(start, month);
    }
    return month;
  }
}
