/**
 * Composes the stages: ingest -> text -> features -> clusters -> labels -> trends -> write. No algorithm lives
 * here; each stage is its own module. Everything is written into a temp directory that replaces `--out` only
 * when complete.
 */
import { SCHEMA_VERSION, type ClusterTermRow, type DatePrecision, type Manifest } from '../src/schema.ts';
import { clusterGrowth, DEFAULT_GROWTH_MIN_PAPERS } from '../src/shared/growth.ts';
import { CliError } from './errors.ts';
import { fitTopics } from './cluster/fit-topics.ts';
import { columnCounts } from './features/csr.ts';
import { tfidf } from './features/tfidf.ts';
import { TermBuilder } from './features/term-builder.ts';
import { Deduplicator } from './ingest/dedupe.ts';
import { DocumentReader } from './ingest/parallel/document-reader.ts';
import { assertReadableFiles, readCorpus, type CorpusOptions } from './ingest/read-corpus.ts';
import { labelTopics } from './label/topic-labels.ts';
import { representatives } from './label/representatives.ts';
import { stageMapPoints } from './map/map-points.ts';
import { startTopicMap } from './map/start-topic-map.ts';
import { saveModel } from './model/model-files.ts';
import { AUTO_SAMPLED_FROM_DOCS, type PipelineOptions } from './options.ts';
import type { Progress } from './progress.ts';
import { clusterRows } from './trends/cluster-rows.ts';
import { dateSpread } from '../src/shared/date-outliers.ts';
import { labelTrendsRelation } from './trends/label-trends.ts';
import { writeClusterTermMonths } from './trends/cluster-term-months.ts';
import { documentMonths, stageTermTrends } from './trends/term-trends.ts';
import { writeWordIndex } from './trends/word-index.ts';
import { trendRows } from './trends/volume.ts';
import { TOOL_VERSION, runIdOf } from './write/manifest.ts';
import { STAGED_DOCUMENTS, parquetRelation, type OutputDatabase } from './write/output-database.ts';
import { writeOutputDir } from './write/output-dir.ts';
import { runParameters } from './write/run-parameters.ts';

/**
 * DuckDB's buffer pool between staging and writing (it holds nothing in use then), and while writing: at 10^6
 * documents the ordered documents COPY failed to pin its blocks within 384 MB (measured).
 */
const AFTER_STAGING_MEMORY_LIMIT = '384MB';
const WRITING_MEMORY_LIMIT = '768MB';

export async function runPipeline(options: PipelineOptions, progress: Progress): Promise<Manifest> {
  await assertReadableFiles(options.inputs);
  const { manifest } = await writeOutputDir(options.out, async (database, tempDir) => ({
    manifest: await runStages(options, progress, database, tempDir),
  }));
  return manifest;
}

async function runStages(
  options: PipelineOptions,
  progress: Progress,
  database: OutputDatabase,
  outDir: string,
): Promise<Manifest> {
  // Ingest and analyse in one streaming pass: text goes to the scratch database, terms to the vocabulary.
  // The same terms and surface forms as TextAnalyzer + VocabularyBuilder.addDocument, as integer ids; line
  // formats are parsed and encoded in worker threads, results taken in file order (see ingest/parallel/).
  const analyzer = new TermBuilder({ bigrams: options.bigrams });
  const vocabulary = analyzer.vocabulary;
  const reader = new DocumentReader(options.workers, analyzer);
  const dates: (string | null)[] = [];
  const precisions: (DatePrecision | null)[] = [];
  progress.phase('reading');
  const { inputs, counts, skippedRecords } = await readCorpus(
    options.inputs,
    readingOptions(options),
    new Deduplicator({ byTitle: options.dedupe === 'id+title' }),
    (file, ingest) => reader.read(file, ingest),
    async ({ doc, words, from, to, map }) => {
      await database.stageDocument(doc);
      analyzer.addDocument(words, from, to, map);
      dates.push(doc.date);
      precisions.push(doc.datePrecision);
    },
    progress,
  ).finally(() => reader.close());
  // The text is staged on disk; until writing, DuckDB needs little memory (see `limitMemory`).
  await database.limitMemory(AFTER_STAGING_MEMORY_LIMIT);
  progress.end();
  if (counts.kept === 0) {
    throw new CliError(
      `no documents to cluster: read ${counts.read} records from ${options.inputs.join(', ')}, ${counts.skipped} skipped, ${counts.duplicates} duplicates`,
    );
  }

  progress.phase('features');
  const { terms, counts: termCounts } = vocabulary.build({
    minDf: options.minDf,
    maxDf: options.maxDf,
    maxFeatures: options.maxFeatures,
  });
  analyzer.releaseCounting();
  const { matrix, idf } = tfidf(termCounts, { smoothIdf: true, sublinearTf: options.sublinearTf, norm: 'l2' });
  const pendingMap = startTopicMap(matrix, {
    sampleSize: options.mapSample,
    seed: options.seed,
    workers: options.workers,
  });
  progress.end();
  progress.info(`${counts.kept.toLocaleString('en-US')} documents, ${terms.length.toLocaleString('en-US')} terms`);

  progress.phase('clustering');
  if (options.k !== 'auto' && options.k > counts.kept) {
    throw new CliError(`--k ${options.k} is more than the ${counts.kept} documents kept; use a smaller --k`);
  }
  const algorithm =
    options.algorithm !== 'auto' ? options.algorithm : counts.kept > AUTO_SAMPLED_FROM_DOCS ? 'sampled' : 'lloyd';
  const { k, clustering, reduction } = fitTopics(matrix, options.k, {
    seed: options.seed,
    maxIter: options.maxIter,
    tol: options.tol,
    nInit: options.nInit,
    algorithm,
    batchSize: options.batchSize,
    workers: options.workers,
  });
  progress.end();

  progress.phase('labelling');
  const { topTerms, labels: topicLabels } = labelTopics(termCounts, clustering.labels, clustering.centroids, k, {
    topN: options.topTerms,
    stems: terms,
    surfaceOf: (stem) => analyzer.surfaceForm(stem),
  });
  const representativeRanks = new Int32Array(counts.kept);
  representatives(clustering.labels, clustering.similarities, k, options.representatives).forEach((docs) =>
    docs.forEach((doc, rank) => (representativeRanks[doc] = rank + 1)),
  );
  const termRows: ClusterTermRow[] = topTerms.flatMap((clusterTerms, clusterId) =>
    clusterTerms.map((term, rank) => ({
      cluster_id: clusterId,
      rank: rank + 1,
      term: analyzer.surfaceForm(terms[term.term]!),
      stem: terms[term.term]!,
      weight: term.weight,
      doc_freq: term.docFreq,
    })),
  );
  const trends = trendRows(
    dates.map((date, i) => ({ date, datePrecision: precisions[i]!, clusterId: clustering.labels[i]! })),
    k,
  );
  const growth = clusterGrowth(trends, options.granularity, k, {
    window: options.growthWindow,
    minPapers: DEFAULT_GROWTH_MIN_PAPERS,
  });
  progress.end();

  progress.phase('topic map');
  const map = await pendingMap.finish(clustering.labels, k);
  const clusters = clusterRows({
    clusterIds: clustering.labels,
    similarities: clustering.similarities,
    dates,
    labels: topicLabels,
    growth,
    positions: map.clusterPositions,
  });
  progress.end();

  progress.phase('writing');
  await database.limitMemory(WRITING_MEMORY_LIMIT);
  await database.writeDocuments(
    { clusterIds: clustering.labels, similarities: clustering.similarities, representativeRanks },
    outDir,
  );
  await database.writeRows('clusters', clusters, outDir);
  await database.writeRows('clusterTerms', termRows, outDir);
  await database.writeRows('trends', trends, outDir);
  const termTrends = await database.stage((connection) =>
    stageTermTrends(connection, {
      counts: termCounts,
      stems: terms,
      surfaceForm: (stem) => analyzer.surfaceForm(stem),
      docFreq: columnCounts(termCounts),
      months: documentMonths(dates, precisions),
      minDocFreq: options.termMinDf,
    }),
  );
  await database.writeRelation('termTrends', termTrends.termTrends, outDir);
  await database.writeRelation('terms', termTrends.terms, outDir);
  await writeClusterTermMonths(
    database,
    { counts: termCounts, clusterIds: clustering.labels, k, months: documentMonths(dates, precisions) },
    { stems: terms, surfaceForm: (stem) => analyzer.surfaceForm(stem) },
    outDir,
  );
  const documents = parquetRelation(outDir, 'documents');
  await database.writeRelation('labelTrends', labelTrendsRelation(documents), outDir);
  await writeWordIndex(database, documents, options.wordIndexMaxDocs, outDir);
  const mapPoints = await database.stage((connection) =>
    stageMapPoints(connection, map, clustering.labels, STAGED_DOCUMENTS),
  );
  await database.writeRelation('mapPoints', mapPoints, outDir);
  const trainingMeanSimilarity = mean(clustering.similarities);
  const parameters = runParameters(options, k, algorithm);
  const runId = await runIdOf(
    options.inputs.map((path, i) => ({ path, format: inputs[i]!.format })),
    parameters,
  );
  const modelFiles = await saveModel(
    {
      runId,
      k,
      stems: terms,
      surfaceForms: terms.map((stem) => analyzer.surfaceForm(stem)),
      idf,
      centroids: clustering.centroids,
      analyzer: { bigrams: options.bigrams },
      tfidf: { smoothIdf: true, sublinearTf: options.sublinearTf, norm: 'l2' },
      trainingMeanSimilarity,
    },
    outDir,
  );
  progress.end();

  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'topic-trends', version: TOOL_VERSION },
    inputs,
    counts,
    skippedRecords,
    parameters,
    runId,
    k,
    kReduced: reduction,
    vocabularySize: terms.length,
    ...dateSpread(dates),
    defaultGranularity: options.granularity,
    tables: database.writtenTables,
    model: { files: modelFiles, trainingMeanSimilarity },
  };
}

/** The reading options of a full run, as given. */
function readingOptions(options: PipelineOptions): CorpusOptions {
  return {
    format: options.format,
    onError: options.onError,
    csvColumns: options.csvColumns,
    labelSeparator: options.labelSeparator,
    maxDate: options.maxDate,
    listingYear: options.listingYear,
    maxAbstractChars: options.maxChars,
  };
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}
