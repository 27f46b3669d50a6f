/**
 * `--fit-sample N`: a full run whose memory does not grow with the corpus beyond a few bytes a document. Three
 * passes over a staging table in native DuckDB (which spills to disk):
 *
 *   1. read   every record, deduplicated (64-bit hashes, `ingest/dedupe.ts`), is staged; only its date is kept in JS
 *   2. fit    the full pipeline runs on a deterministic sample of N staged documents (`fit-sample.ts`)
 *   3. place  every document is placed with the fitted model in batches (`place-documents.ts`), as `assign` would
 *
 * Documents, trends, clusters, label trends and the word index are then written from all documents; term trends
 * and `cluster_term_months` from the batch counters; labels, top terms, the map, themes and lineage are the fit's.
 * A fitted topic's representatives are the fit's, kept where the document stays in that topic.
 */
import type { DatePrecision, Manifest } from '../../src/schema.ts';
import { clusterGrowth, DEFAULT_GROWTH_MIN_PAPERS } from '../../src/shared/growth.ts';
import { readClusterLabels } from '../assign/previous-output.ts';
import { CliError } from '../errors.ts';
import { Deduplicator } from '../ingest/dedupe.ts';
import { readCorpus, assertReadableFiles } from '../ingest/read-corpus.ts';
import { readInput, type IngestOptions, type InputFormat } from '../ingest/read-input.ts';
import type { RawDoc } from '../ingest/raw-doc.ts';
import { readingOptions } from '../ingest/stage-corpus.ts';
import { loadModel, saveModel } from '../model/model-files.ts';
import type { PipelineOptions } from '../options.ts';
import type { Progress } from '../progress.ts';
import { clusterRows } from '../trends/cluster-rows.ts';
import { labelTrendsRelation } from '../trends/label-trends.ts';
import { trendRows, type DatedAssignment } from '../trends/volume.ts';
import { writeWordIndex } from '../trends/word-index.ts';
import { writeTitleIndex } from '../write/title-index.ts';
import { writeClusterMonthTotals } from '../trends/cluster-month-totals.ts';
import { parquetRelation, type OutputDatabase } from '../write/output-database.ts';
import { writeOutputDir } from '../write/output-dir.ts';
import { runIdentity, runManifest } from '../write/run-manifest.ts';
import { fitOnSample, type FitPipeline } from './fit-sample.ts';
import { placeDocuments } from './place-documents.ts';
import { TermMonthCounts } from './term-month-counts.ts';

/** DuckDB's buffer pool once the text is staged (as the full run's, `run.ts`). */
const AFTER_STAGING_MEMORY_LIMIT = '384MB';
const WRITING_MEMORY_LIMIT = '768MB';

export async function runBoundedPipeline(
  options: PipelineOptions & { fitSample: number },
  progress: Progress,
  fit: FitPipeline,
): Promise<Manifest> {
  if (options.previous !== null || options.overrides !== null) {
    throw new CliError('--fit-sample cannot be combined with --previous or --overrides yet; run without --fit-sample');
  }
  await assertReadableFiles(options.inputs);
  const { manifest } = await writeOutputDir(options.out, async (database, tempDir) => ({
    manifest: await boundedStages(options, progress, fit, database, tempDir),
  }));
  return manifest;
}

async function boundedStages(
  options: PipelineOptions & { fitSample: number },
  progress: Progress,
  fit: FitPipeline,
  database: OutputDatabase,
  outDir: string,
): Promise<Manifest> {
  progress.phase('reading');
  const documents = await stageDocuments(options, database, progress);
  await database.limitMemory(AFTER_STAGING_MEMORY_LIMIT);
  progress.end();

  const sample = await fitOnSample(options, database, `${outDir}/.scratch`, fit, progress);
  const fitted = (key: Parameters<typeof parquetRelation>[1]): string => parquetRelation(sample.dir, key);
  const model = await loadModel(sample.dir);
  const { k } = model;

  progress.phase('placing', database.documentCount);
  const candidates = await database.stage(async (connection) => {
    const column = new Map(model.stems.map((stem, t) => [stem, t]));
    const reader = await connection.runAndReadAll(
      `SELECT DISTINCT cluster_id, stem FROM ${fitted('clusterTermMonths')} WHERE cluster_id IS NOT NULL AND stem IS NOT NULL`,
    );
    return reader.getRows().flatMap(([clusterId, stem]) => {
      const term = column.get(String(stem));
      return term === undefined ? [] : [{ clusterId: Number(clusterId), term }];
    });
  });
  const counts = new TermMonthCounts(k, model.stems.length, candidates);
  const placement = await placeDocuments(
    database,
    { model, dir: sample.dir },
    options.workers,
    documents,
    counts,
    progress,
  );
  progress.end();

  progress.phase('writing');
  await database.limitMemory(WRITING_MEMORY_LIMIT);
  const representativeRanks = await fittedRepresentatives(database, fitted('documents'), placement.clusterIds);
  await database.writeDocuments({ ...placement, representativeRanks }, outDir);
  const trends = trendRows(datedAssignments(documents, placement.clusterIds), k);
  const growth = clusterGrowth(trends, options.granularity, k, {
    window: options.growthWindow,
    minPapers: DEFAULT_GROWTH_MIN_PAPERS,
  });
  const clusters = await database.stage((connection) => readClusterLabels(connection, fitted('clusters')));
  await database.writeRows(
    'clusters',
    clusterRows({ ...placement, dates: documents.dates, ...clusters, growth }),
    outDir,
  );
  await database.writeRelation('clusterTerms', fitted('clusterTerms'), outDir);
  await database.writeRows('trends', trends, outDir);
  await counts.writeTermTrends(database, model, options.termMinDf, outDir);
  await counts.writeClusterTermMonths(database, model, outDir);
  await writeClusterMonthTotals(database, outDir);
  const written = parquetRelation(outDir, 'documents');
  await database.writeRelation('labelTrends', labelTrendsRelation(written), outDir);
  await writeWordIndex(database, written, options.wordIndexMaxDocs, outDir);
  await writeTitleIndex(database, parquetRelation(outDir, 'documents', true), outDir);
  await database.writeRelation('mapPoints', fitted('mapPoints'), outDir);
  await database.writeRelation('topicLineage', fitted('topicLineage'), outDir);
  await database.writeRelation('topicTree', fitted('topicTree'), outDir);

  const identity = await runIdentity(options, documents.tally.inputs, {
    k,
    algorithm: sample.manifest.parameters.algorithm,
  });
  const trainingMeanSimilarity = mean(placement.similarities);
  const files = await saveModel({ ...model, runId: identity.runId, trainingMeanSimilarity }, outDir);
  await sample.remove();
  progress.end();

  return {
    ...runManifest({
      identity,
      corpus: { ...documents.tally, dates: documents.dates },
      topics: { k, reduction: sample.manifest.kReduced },
      vocabularySize: sample.manifest.vocabularySize,
      defaultGranularity: options.granularity,
      tables: database.writtenTables,
      model: { files, trainingMeanSimilarity },
    }),
    fitSample: { requested: options.fitSample, documents: sample.documents },
  };
}

interface StagedDates {
  tally: Awaited<ReturnType<typeof readCorpus>>;
  /** Per staged document; equal dates share one string, so this is a pointer a document. */
  dates: (string | null)[];
  precisions: (DatePrecision | null)[];
}

/** Pass 1: stages every kept record's text in DuckDB, keeps its date. */
async function stageDocuments(
  options: PipelineOptions,
  database: OutputDatabase,
  progress: Progress,
): Promise<StagedDates> {
  const dates: (string | null)[] = [];
  const precisions: (DatePrecision | null)[] = [];
  const interned = new Map<string, string>();
  const tally = await readCorpus(
    options.inputs,
    readingOptions(options),
    new Deduplicator({ byTitle: options.dedupe === 'id+title' }),
    readRecords,
    async ({ doc }) => {
      await database.stageDocument(doc);
      let date = doc.date;
      if (date !== null) {
        const known = interned.get(date);
        if (known === undefined) interned.set(date, date);
        else date = known;
      }
      dates.push(date);
      precisions.push(doc.datePrecision);
    },
    progress,
  );
  if (tally.counts.kept === 0) {
    const { counts } = tally;
    throw new CliError(
      `no documents to cluster: read ${counts.read} records from ${options.inputs.join(', ')}, ${counts.skipped} skipped, ${counts.duplicates} duplicates`,
    );
  }
  return { tally, dates, precisions };
}

async function* readRecords(
  file: string,
  options: IngestOptions & { format: InputFormat },
): AsyncGenerator<{ doc: RawDoc }> {
  for await (const doc of readInput(file, options)) yield { doc };
}

function* datedAssignments(documents: StagedDates, clusterIds: Int32Array): Generator<DatedAssignment> {
  for (let i = 0; i < clusterIds.length; i++) {
    yield {
      date: documents.dates[i] ?? null,
      datePrecision: documents.precisions[i] ?? null,
      clusterId: clusterIds[i]!,
    };
  }
}

/**
 * Rank of each document among its topic's representatives: the fit's, for a fitted representative placed in the
 * same topic (0 otherwise, as for every other document).
 */
async function fittedRepresentatives(
  database: OutputDatabase,
  fittedDocuments: string,
  clusterIds: Int32Array,
): Promise<Int32Array> {
  const ranks = new Int32Array(clusterIds.length);
  await database.stage(async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT s.doc_index, f.cluster_id, f.representative_rank FROM staged_documents s JOIN ${fittedDocuments} f ON s.doc_id = f.doc_id WHERE f.representative_rank IS NOT NULL`,
    );
    for (const [index, clusterId, rank] of reader.getRows()) {
      if (clusterIds[Number(index)] === Number(clusterId)) ranks[Number(index)] = Number(rank);
    }
  });
  return ranks;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}
