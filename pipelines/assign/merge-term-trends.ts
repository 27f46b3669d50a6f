/**
 * `assign`'s term trends: the new documents' counts per term and month added to the earlier output's. The term
 * set stays the one the full run indexed (its `--term-min-df`); `doc_freq` grows by the new documents.
 */
import type { DatePrecision } from '../../src/schema.ts';
import { columnCounts, type Csr } from '../features/csr.ts';
import { documentMonths, stageTermTrends, termIndexRelation } from '../trends/term-trends.ts';
import { parquetRelation, type OutputDatabase } from '../write/output-database.ts';

export interface NewTermCounts {
  /** Raw counts of known terms per new document (`ModelVectors.counts`). */
  counts: Csr;
  /** The saved vocabulary's stems, by column. */
  stems: readonly string[];
  dates: readonly (string | null)[];
  precisions: readonly (DatePrecision | null)[];
}

/** Writes `term_trends` and `terms` into `outDir` from `previousDir`'s tables plus `added`. */
export async function writeMergedTermTrends(
  database: OutputDatabase,
  added: NewTermCounts,
  previousDir: string,
  outDir: string,
): Promise<void> {
  const previousTermTrends = parquetRelation(previousDir, 'termTrends');
  const previousTerms = parquetRelation(previousDir, 'terms');
  await database.stage(async (connection) => {
    await stageTermTrends(
      connection,
      {
        counts: added.counts,
        stems: added.stems,
        surfaceForm: (stem) => stem,
        docFreq: columnCounts(added.counts),
        months: documentMonths(added.dates, added.precisions),
        minDocFreq: 1,
      },
      'new_tt',
    );
    await connection.run(
      `CREATE TABLE merged_term_trends AS SELECT stem, period_start, sum(doc_count) AS doc_count FROM (SELECT stem, period_start, doc_count FROM ${previousTermTrends} UNION ALL SELECT v.stem, CAST(m.period_start AS DATE), r.doc_count FROM new_tt_rows r JOIN new_tt_vocab v USING (term_id) JOIN new_tt_months m USING (month)) WHERE stem IN (SELECT stem FROM ${previousTerms}) GROUP BY ALL`,
    );
  });
  await database.writeRelation('termTrends', 'merged_term_trends', outDir);
  const vocabulary = `(SELECT o.stem, o.term, o.doc_freq + coalesce(n.doc_freq, 0) AS doc_freq FROM ${previousTerms} o LEFT JOIN new_tt_vocab n USING (stem))`;
  const rowCounts = '(SELECT stem, count(*) AS n FROM merged_term_trends GROUP BY stem)';
  await database.writeRelation('terms', termIndexRelation(vocabulary, rowCounts), outDir);
}
