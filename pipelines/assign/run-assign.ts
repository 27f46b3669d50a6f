/**
 * Incremental update (`npm run pipeline -- assign`): new records are read with the full run's reading options,
 * deduplicated against the existing documents, analysed with the saved analyzer options, weighted with the saved
 * vocabulary and idf (unknown terms dropped) and placed at their nearest saved centroid. Documents are appended;
 * trends, term trends, label trends, cluster counts and growth are recomputed from the merged documents; labels,
 * top terms, centroids, the model and the map stay as they were (new documents are not on the map). The output
 * directory is rewritten atomically. When the new documents' mean similarity falls below `refitRatio` × the
 * training mean, they no longer fit the clusters and a full re-run is advised (summary and manifest).
 * The new records' analysed terms are held in memory: this is for feeds, not for re-ingesting a corpus.
 */
import type {
  DatePrecision,
  Manifest,
  ManifestUpdate,
  RecordCounts,
  SkippedRecord,
  TableKey,
} from '../../src/schema.ts';
import { clusterGrowth } from '../../src/shared/growth.ts';
import { nearestCentroids } from '../cluster/nearest-centroid.ts';
import { Deduplicator } from '../ingest/dedupe.ts';
import { assertReadableFiles, readCorpus, type CorpusOptions, type CorpusTally } from '../ingest/read-corpus.ts';
import { readInput, type CsvColumns, type IngestOptions, type InputFormat } from '../ingest/read-input.ts';
import type { RawDoc } from '../ingest/raw-doc.ts';
import { copyModel, loadModel, type SavedModel } from '../model/model-files.ts';
import { ModelVectorizer } from '../model/model-vectorizer.ts';
import type { Progress } from '../progress.ts';
import { TextAnalyzer } from '../text/analyze.ts';
import { clusterRows } from '../trends/cluster-rows.ts';
import { dateSpread } from '../../src/shared/date-outliers.ts';
import { labelTrendsRelation } from '../trends/label-trends.ts';
import { writeWordIndex } from '../trends/word-index.ts';
import { writeTitleIndex } from '../write/title-index.ts';
import { trendRows } from '../trends/volume.ts';
import { MAX_LISTED_SKIPS } from '../write/manifest.ts';
import { parquetRelation, type OutputDatabase } from '../write/output-database.ts';
import { writeOutputDir } from '../write/output-dir.ts';
import type { AssignOptions } from './assign-options.ts';
import { assertModelFitsOutput, checkOutputTables } from './check-output.ts';
import { writeMergedClusterTermMonths } from './merge-cluster-term-months.ts';
import { writeClusterMonthTotals } from '../trends/cluster-month-totals.ts';
import { writeMergedTermTrends } from './merge-term-trends.ts';
import {
  acceptExistingDocuments,
  readClusterLabels,
  readDocumentAssignments,
  readPreviousManifest,
} from './previous-output.ts';

export interface AssignSummary {
  manifest: Manifest;
  update: ManifestUpdate;
  trainingMeanSimilarity: number;
}

export async function runAssign(options: AssignOptions, progress: Progress): Promise<AssignSummary> {
  const previous = await readPreviousManifest(options.model);
  const model = await loadModel(options.model);
  assertModelFitsOutput(model, previous, options.model);
  return writeOutputDir(options.model, (database, outDir) =>
    assignStages(options, previous, model, database, outDir, progress),
  );
}

async function assignStages(
  options: AssignOptions,
  previous: Manifest,
  model: SavedModel,
  database: OutputDatabase,
  outDir: string,
  progress: Progress,
): Promise<AssignSummary> {
  const previousDir = options.model;
  const old = (key: TableKey): string => parquetRelation(previousDir, key);
  const deduplicator = new Deduplicator({ byTitle: previous.parameters.dedupe !== 'id' });
  await database.stage((connection) => checkOutputTables(connection, previousDir, model.k));
  progress.phase('reading existing documents');
  await database.stage((connection) => acceptExistingDocuments(connection, old('documents'), deduplicator));
  progress.end();

  await assertReadableFiles(options.inputs);
  progress.phase('reading new records');
  const analyzer = new TextAnalyzer({ bigrams: model.analyzer.bigrams });
  const analysed: string[][] = [];
  const dates: (string | null)[] = [];
  const precisions: (DatePrecision | null)[] = [];
  const read = await readCorpus(
    options.inputs,
    readingOptions(options, previous),
    deduplicator,
    readRecords,
    async ({ doc }) => {
      await database.stageDocument(doc);
      analysed.push(analyzer.analyze(`${doc.title}. ${doc.abstract}`));
      dates.push(doc.date);
      precisions.push(doc.datePrecision);
    },
    progress,
  );
  progress.end();

  progress.phase('assigning');
  const vectors = new ModelVectorizer(model).transform(analysed);
  const { labels, similarities } = nearestCentroids(vectors.matrix, model.centroids, model.k);
  const update = fitReport(read, similarities, options.refitRatio * model.trainingMeanSimilarity);
  progress.end();

  progress.phase('writing');
  const representativeRanks = new Int32Array(labels.length);
  await database.writeDocuments({ clusterIds: labels, similarities, representativeRanks }, outDir, old('documents'));
  const documents = parquetRelation(outDir, 'documents');
  const all = await database.stage((connection) => readDocumentAssignments(connection, documents));
  const trends = trendRows(
    all.clusterIds.map((clusterId, i) => ({
      clusterId,
      date: all.dates[i] ?? null,
      datePrecision: all.precisions[i] ?? null,
    })),
    model.k,
  );
  await database.writeRows('trends', trends, outDir);
  const growth = clusterGrowth(trends, previous.defaultGranularity, model.k, {
    window: previous.parameters.growthWindow,
    minPapers: previous.parameters.growthMinPapers,
  });
  const clusters = await database.stage((connection) => readClusterLabels(connection, old('clusters')));
  await database.writeRows('clusters', clusterRows({ ...all, ...clusters, growth }), outDir);
  await database.writeRelation('clusterTerms', old('clusterTerms'), outDir);
  await database.writeRelation('mapPoints', old('mapPoints'), outDir);
  // Topics and centroids stay as they were under assign, so their lineage and themes stay true.
  await database.writeRelation('topicLineage', old('topicLineage'), outDir);
  await database.writeRelation('topicTree', old('topicTree'), outDir);
  await database.writeRelation('labelTrends', labelTrendsRelation(documents), outDir);
  await writeWordIndex(database, documents, previous.parameters.wordIndexMaxDocs, outDir);
  await writeTitleIndex(database, parquetRelation(outDir, 'documents', true), outDir);
  await writeMergedTermTrends(
    database,
    { counts: vectors.counts, stems: model.stems, dates, precisions },
    previousDir,
    outDir,
  );
  await writeMergedClusterTermMonths(
    database,
    { counts: vectors.counts, clusterIds: labels, k: model.k, stems: model.stems, dates, precisions },
    previousDir,
    outDir,
  );
  await writeClusterMonthTotals(database, outDir);
  await copyModel(previousDir, outDir);
  progress.end();

  const manifest = updatedManifest(previous, update, read.skippedRecords, all.dates, database.writtenTables);
  return { manifest, update, trainingMeanSimilarity: model.trainingMeanSimilarity };
}

/** New data is read the way the full run read its own: its CSV columns, label separator, listing year, limit. */
function readingOptions(options: AssignOptions, previous: Manifest): CorpusOptions {
  const { parameters } = previous;
  return {
    format: options.format,
    onError: options.onError,
    csvColumns: JSON.parse(parameters.csvColumns) as Partial<CsvColumns>,
    labelSeparator: parameters.labelSeparator,
    maxDate: options.maxDate,
    listingYear: parameters.listingYear,
    maxAbstractChars: parameters.maxChars,
  };
}

async function* readRecords(
  file: string,
  options: IngestOptions & { format: InputFormat },
): AsyncGenerator<{ doc: RawDoc }> {
  for await (const doc of readInput(file, options)) yield { doc };
}

/** How well the new documents fit: their mean similarity against the refit threshold. */
function fitReport(read: CorpusTally, similarities: Float64Array, refitThreshold: number): ManifestUpdate {
  const meanSimilarity =
    similarities.length === 0 ? null : similarities.reduce((sum, s) => sum + s, 0) / similarities.length;
  return {
    inputs: read.inputs,
    counts: read.counts,
    meanSimilarity,
    refitThreshold,
    refitAdvised: meanSimilarity !== null && meanSimilarity < refitThreshold,
  };
}

function updatedManifest(
  previous: Manifest,
  update: ManifestUpdate,
  skippedRecords: readonly SkippedRecord[],
  dates: readonly (string | null)[],
  tables: Manifest['tables'],
): Manifest {
  const total = (key: keyof RecordCounts): number => previous.counts[key] + update.counts[key];
  return {
    ...previous,
    inputs: [...previous.inputs, ...update.inputs],
    counts: {
      read: total('read'),
      kept: total('kept'),
      skipped: total('skipped'),
      duplicates: total('duplicates'),
      undated: total('undated'),
    },
    skippedRecords: [...previous.skippedRecords, ...skippedRecords].slice(0, MAX_LISTED_SKIPS),
    ...dateSpread(dates),
    tables,
    updates: [...(previous.updates ?? []), update],
  };
}
