/**
 * `assign`'s `cluster_term_months`: the new documents' counts added to the earlier output's rows. The candidate
 * terms stay those the full run chose (as `term_trends` keeps its terms), so every stored count stays exact; a
 * word that only the new documents make distinctive waits for the next full run.
 */
import type { DatePrecision } from '../../src/schema.ts';
import type { Csr } from '../features/csr.ts';
import { countClusterTermMonths, stageClusterTermMonths } from '../trends/cluster-term-months.ts';
import { documentMonths } from '../trends/term-trends.ts';
import { parquetRelation, type OutputDatabase } from '../write/output-database.ts';

export interface NewClusterTermCounts {
  /** Raw counts of known terms per new document (`ModelVectors.counts`). */
  counts: Csr;
  clusterIds: Int32Array;
  k: number;
  /** The saved vocabulary's stems, by column. */
  stems: readonly string[];
  dates: readonly (string | null)[];
  precisions: readonly (DatePrecision | null)[];
}

/** Writes `cluster_term_months` into `outDir` from `previousDir`'s rows plus `added`'s. */
export async function writeMergedClusterTermMonths(
  database: OutputDatabase,
  added: NewClusterTermCounts,
  previousDir: string,
  outDir: string,
): Promise<number> {
  const previous = parquetRelation(previousDir, 'clusterTermMonths');
  const column = new Map(added.stems.map((stem, t) => [stem, t]));
  const nCols = added.counts.nCols;
  const candidates = new Uint8Array(added.k * nCols);
  const surface = new Map<string, string>();
  await database.stage(async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT cluster_id, stem, term FROM ${previous} WHERE cluster_id IS NOT NULL AND stem IS NOT NULL`,
    );
    for (const [clusterId, stem, term] of reader.getRows()) {
      const t = column.get(String(stem));
      if (t !== undefined) candidates[Number(clusterId) * nCols + t] = 1;
      surface.set(String(stem), String(term));
    }
    const input = {
      counts: added.counts,
      clusterIds: added.clusterIds,
      k: added.k,
      months: documentMonths(added.dates, added.precisions),
    };
    const fresh = await stageClusterTermMonths(
      connection,
      countClusterTermMonths(input, candidates),
      input.months,
      { stems: added.stems, surfaceForm: (stem) => surface.get(stem) ?? stem },
      'new_ctm',
    );
    await connection.run(
      `CREATE TABLE merged_cluster_term_months AS SELECT cluster_id, period_start, stem, min(term) AS term, sum(term_count) AS term_count, sum(doc_count) AS doc_count FROM (SELECT cluster_id, CAST(period_start AS DATE) AS period_start, stem, term, term_count, doc_count FROM ${previous} UNION ALL SELECT cluster_id, CAST(period_start AS DATE), stem, term, term_count, doc_count FROM ${fresh.relation}) GROUP BY cluster_id, period_start, stem`,
    );
  });
  return database.writeRelation('clusterTermMonths', 'merged_cluster_term_months', outDir);
}
