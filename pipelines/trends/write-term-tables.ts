/**
 * The term tables of a full run, over the documents dated to the day or month: `term_trends` and `terms` (every
 * stem with at least `minDocFreq` documents, per month) and `cluster_term_months` (each topic's candidate terms).
 */
import type { DatePrecision } from '../../src/schema.ts';
import { columnCounts } from '../features/csr.ts';
import type { CorpusFeatures } from '../features/corpus-features.ts';
import type { OutputDatabase } from '../write/output-database.ts';
import { writeClusterTermMonths } from './cluster-term-months.ts';
import { documentMonths, writeTermTrends } from './term-trends.ts';

export interface TermTablesInput {
  features: Pick<CorpusFeatures, 'counts' | 'stems' | 'surfaceForm'>;
  documents: { dates: readonly (string | null)[]; precisions: readonly (DatePrecision | null)[] };
  clusterIds: Int32Array;
  k: number;
  /** `--term-min-df`. */
  minDocFreq: number;
}

export async function writeTermTables(database: OutputDatabase, input: TermTablesInput, outDir: string): Promise<void> {
  const { counts, stems, surfaceForm } = input.features;
  const months = documentMonths(input.documents.dates, input.documents.precisions);
  await writeTermTrends(
    database,
    { counts, stems, surfaceForm, docFreq: columnCounts(counts), months, minDocFreq: input.minDocFreq },
    outDir,
  );
  await writeClusterTermMonths(
    database,
    { counts, clusterIds: input.clusterIds, k: input.k, months },
    { stems, surfaceForm },
    outDir,
  );
}
