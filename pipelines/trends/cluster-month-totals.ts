/**
 * `cluster_month_totals`: every topic's total over all terms per month, the rows of `cluster_term_months` with a null
 * stem, written apart from the written file itself, so a full run, `--fit-sample`, `assign` (and the Spark job, the
 * same filter) give the same rows by construction. The dashboard's range-local terms need every topic's total (the
 * c-TF-IDF class sizes); in `cluster_term_months` those rows end each (topic, month) run, so they lay across every
 * topic's row groups: at 1M documents a pass over 1.2M rows for 3k rows.
 */
import { parquetRelation, type OutputDatabase } from '../write/output-database.ts';

/** A relation with the `cluster_month_totals` columns, from a relation with `cluster_term_months`' columns. */
export function clusterMonthTotalsRelation(clusterTermMonths: string): string {
  return `(SELECT cluster_id, period_start, term_count, doc_count FROM ${clusterTermMonths} WHERE cluster_id IS NOT NULL AND stem IS NULL)`;
}

/** Writes `cluster_month_totals` into `outDir` from the `cluster_term_months.parquet` already written there. */
export async function writeClusterMonthTotals(database: OutputDatabase, outDir: string): Promise<void> {
  await database.writeRelation(
    'clusterMonthTotals',
    clusterMonthTotalsRelation(parquetRelation(outDir, 'clusterTermMonths')),
    outDir,
  );
}
