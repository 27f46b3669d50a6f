/**
 * The term tables of a full run, over the documents dated to the day or month: `term_trends` and `terms` (every
 * stem with at least `minDocFreq` documents, per month) and `cluster_term_months` (each topic's candidate terms).
 * Counting (JS) is apart from writing (DuckDB), so a run can count while DuckDB writes another table.
 */
import type { DatePrecision } from '../../src/schema.ts';
import { columnCounts } from '../features/csr.ts';
import type { CorpusFeatures } from '../features/corpus-features.ts';
import type { OutputDatabase } from '../write/output-database.ts';
import {
  countClusterTermMonths,
  sliceCandidates,
  writeClusterTermMonths,
  type ClusterTermMonthCounts,
} from './cluster-term-months.ts';
import { countTermMonths, documentMonths, writeTermTrends, type TermMonthCounts } from './term-trends.ts';

export interface TermTablesInput {
  features: Pick<CorpusFeatures, 'counts' | 'stems' | 'surfaceForm'>;
  documents: { dates: readonly (string | null)[]; precisions: readonly (DatePrecision | null)[] };
  clusterIds: Int32Array;
  k: number;
  /** `--term-min-df`. */
  minDocFreq: number;
}

/** Both tables' rows, counted; `writeTermTables` stages and writes them. */
export interface TermTableCounts {
  months: ReturnType<typeof documentMonths>;
  docFreq: Int32Array;
  termMonths: TermMonthCounts;
  clusterTermMonths: ClusterTermMonthCounts;
}

export function countTermTables(input: TermTablesInput): TermTableCounts {
  const { counts } = input.features;
  const months = documentMonths(input.documents.dates, input.documents.precisions);
  const docFreq = columnCounts(counts);
  const clusterInput = { counts, clusterIds: input.clusterIds, k: input.k, months };
  return {
    months,
    docFreq,
    termMonths: countTermMonths({ counts, docFreq, months, minDocFreq: input.minDocFreq }),
    clusterTermMonths: countClusterTermMonths(clusterInput, sliceCandidates(clusterInput)),
  };
}

export async function writeTermTables(
  database: OutputDatabase,
  input: TermTablesInput,
  outDir: string,
  counted: TermTableCounts = countTermTables(input),
): Promise<void> {
  const { counts, stems, surfaceForm } = input.features;
  const { months, docFreq } = counted;
  await writeTermTrends(
    database,
    { counts, stems, surfaceForm, docFreq, months, minDocFreq: input.minDocFreq },
    outDir,
    counted.termMonths,
  );
  await writeClusterTermMonths(
    database,
    { counts, clusterIds: input.clusterIds, k: input.k, months },
    { stems, surfaceForm },
    outDir,
    counted.clusterTermMonths,
  );
}
