/**
 * Composes the stages: ingest -> text -> features -> clusters -> labels -> trends -> write. No algorithm lives
 * here; each stage is its own module. Everything is written into a temp directory that replaces `--out` only
 * when complete.
 */
import { stat } from 'node:fs/promises';
import {
  SCHEMA_VERSION,
  TABLES,
  parquetFileOf,
  type TableKey,
  type ClusterRow,
  type ClusterTermRow,
  type DatePrecision,
  type KMeansAlgorithm,
  type Manifest,
  type RecordCounts,
  type RunParameters,
  type SkippedRecord,
} from '../src/schema.ts';
import { CliError, type InputError } from './errors.ts';
import { fitTopics } from './cluster/fit-topics.ts';
import { columnCounts } from './features/csr.ts';
import { tfidf } from './features/tfidf.ts';
import { TermBuilder } from './features/term-builder.ts';
import { Deduplicator, tallyRecord } from './ingest/dedupe.ts';
import { detectFormat } from './ingest/detect-format.ts';
import { clusterLabel } from './label/label-text.ts';
import { topTermsPerCluster } from './label/ctfidf.ts';
import { representatives } from './label/representatives.ts';
import { AUTO_SAMPLED_FROM_DOCS, type PipelineOptions } from './options.ts';
import { DocumentReader } from './ingest/parallel/document-reader.ts';
import type { Progress } from './progress.ts';
import { clusterGrowth, DEFAULT_GROWTH_MIN_PAPERS } from '../src/shared/growth.ts';
import { labelTrendsRelation } from './trends/label-trends.ts';
import { documentMonths, stageTermTrends } from './trends/term-trends.ts';
import { trendRows } from './trends/volume.ts';
import { dateSpread } from './trends/date-outliers.ts';
import { writeOutputDir } from './write/output-dir.ts';
import { stageMapPoints } from './map/map-points.ts';
import { topicMap } from './map/topic-map.ts';
import { saveModel } from './model/model-files.ts';
import { MAX_LISTED_SKIPS, TOOL_VERSION, runIdOf } from './write/manifest.ts';
import type { OutputDatabase } from './write/output-database.ts';
import { STAGED_DOCUMENTS, parquetRelation } from './write/output-database.ts';

/**
 * DuckDB's buffer pool between staging and writing (it holds nothing in use then), and while writing: at 10^6
 * documents the ordered documents COPY failed to pin its blocks within 384 MB (measured).
 */
const AFTER_STAGING_MEMORY_LIMIT = '384MB';
const WRITING_MEMORY_LIMIT = '768MB';

export async function runPipeline(options: PipelineOptions, progress: Progress): Promise<Manifest> {
  for (const file of options.inputs) await assertReadableFile(file);
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
  const counts: RecordCounts = { read: 0, kept: 0, skipped: 0, duplicates: 0, undated: 0 };
  const skippedRecords: SkippedRecord[] = [];
  const report = (error: InputError): void => {
    if (options.onError === 'fail') throw error;
    counts.read++;
    counts.skipped++;
    if (skippedRecords.length < MAX_LISTED_SKIPS) {
      skippedRecords.push({ file: error.file, line: error.line, reason: error.reason });
    }
    progress.warn(`${error.message} (skipped)`);
  };

  // Ingest and analyse in one streaming pass: text goes to the scratch database, terms to the vocabulary.
  // The same terms and surface forms as TextAnalyzer + VocabularyBuilder.addDocument, as integer ids; line
  // formats are parsed and encoded in worker threads, results taken in file order (see ingest/parallel/).
  const analyzer = new TermBuilder({ bigrams: options.bigrams });
  const vocabulary = analyzer.vocabulary;
  const reader = new DocumentReader(options.workers, analyzer);
  const deduplicator = new Deduplicator({ byTitle: options.dedupe === 'id+title' });
  const dates: (string | null)[] = [];
  const precisions: (DatePrecision | null)[] = [];
  const inputs: Manifest['inputs'] = [];
  progress.phase('reading');
  try {
    for (const file of options.inputs) {
      const format = options.format === 'auto' ? await detectFormat(file) : options.format;
      const readBefore = counts.read;
      const docs = reader.read(file, {
        format,
        csvColumns: options.csvColumns,
        labelSeparator: options.labelSeparator,
        maxDate: options.maxDate,
        listingYear: options.listingYear,
        maxAbstractChars: options.maxChars,
        report,
      });
      for await (const { doc, words, from, to, map } of docs) {
        if (!tallyRecord(counts, deduplicator, doc)) continue;
        await database.stageDocument(doc);
        analyzer.addDocument(words, from, to, map);
        dates.push(doc.date);
        precisions.push(doc.datePrecision);
        if (counts.read % 1000 === 0) progress.update(counts.read);
      }
      progress.update(counts.read);
      inputs.push({
        file: displayPath(file),
        format,
        bytes: (await stat(file)).size,
        records: counts.read - readBefore,
      });
    }
  } finally {
    await reader.close();
  }
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
  const topTerms = topTermsPerCluster(termCounts, clustering.labels, k, options.topTerms);
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
  const clusterRows = summariseClusters(k, clustering.labels, clustering.similarities, dates, (clusterId) =>
    clusterLabel(termRows.filter((row) => row.cluster_id === clusterId).map((row) => row.term)),
  ).map((row, clusterId) => ({
    ...row,
    growth: growth[clusterId]!.growth,
    growth_z: growth[clusterId]!.growthZ,
    trend_direction: growth[clusterId]!.direction,
  }));
  progress.end();

  progress.phase('topic map');
  const map = topicMap(matrix, clustering.labels, k, { sampleSize: options.mapSample, seed: options.seed });
  map.clusterPositions.forEach((position, clusterId) => {
    clusterRows[clusterId]!.map_x = position?.x ?? null;
    clusterRows[clusterId]!.map_y = position?.y ?? null;
  });
  progress.end();

  progress.phase('writing');
  await database.limitMemory(WRITING_MEMORY_LIMIT);
  const tables: Manifest['tables'] = {};
  const record = (key: TableKey, rows: number): void => {
    tables[TABLES[key].name] = { file: parquetFileOf(TABLES[key]), rows };
  };
  record(
    'documents',
    await database.writeDocuments(
      { clusterIds: clustering.labels, similarities: clustering.similarities, representativeRanks },
      outDir,
    ),
  );
  record('clusters', await database.writeRows('clusters', clusterRows, outDir));
  record('clusterTerms', await database.writeRows('clusterTerms', termRows, outDir));
  record('trends', await database.writeRows('trends', trends, outDir));
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
  record('termTrends', await database.writeRelation('termTrends', termTrends.termTrends, outDir));
  record('terms', await database.writeRelation('terms', termTrends.terms, outDir));
  const documents = parquetRelation(outDir, 'documents');
  record('labelTrends', await database.writeRelation('labelTrends', labelTrendsRelation(documents), outDir));
  const mapPoints = await database.stage((connection) =>
    stageMapPoints(connection, map, clustering.labels, STAGED_DOCUMENTS),
  );
  record('mapPoints', await database.writeRelation('mapPoints', mapPoints, outDir));
  const trainingMeanSimilarity = mean(clustering.similarities);
  const parameters = manifestParameters(options, k, algorithm);
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
    tables,
    model: { files: modelFiles, trainingMeanSimilarity },
  };
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return values.length === 0 ? 0 : sum / values.length;
}

function summariseClusters(
  k: number,
  labels: Int32Array,
  similarities: Float32Array,
  dates: readonly (string | null)[],
  labelOf: (clusterId: number) => string,
): ClusterRow[] {
  const rows: ClusterRow[] = Array.from({ length: k }, (_, clusterId) => ({
    cluster_id: clusterId,
    label: labelOf(clusterId),
    size: 0,
    dated_size: 0,
    mean_similarity: 0,
    first_date: null,
    last_date: null,
    growth: null,
    growth_z: null,
    trend_direction: 'steady',
    map_x: null,
    map_y: null,
  }));
  for (let i = 0; i < labels.length; i++) {
    const row = rows[labels[i]!]!;
    row.size++;
    row.mean_similarity += similarities[i]!;
    const date = dates[i];
    if (date === null || date === undefined) continue;
    row.dated_size++;
    if (row.first_date === null || date < row.first_date) row.first_date = date;
    if (row.last_date === null || date > row.last_date) row.last_date = date;
  }
  for (const row of rows) row.mean_similarity = row.size === 0 ? 0 : row.mean_similarity / row.size;
  return rows;
}

function manifestParameters(options: PipelineOptions, k: number, algorithm: KMeansAlgorithm): RunParameters {
  return {
    format: options.format,
    csvColumns: JSON.stringify(options.csvColumns),
    labelSeparator: options.labelSeparator,
    onError: options.onError,
    dedupe: options.dedupe,
    maxDate: options.maxDate,
    listingYear: options.listingYear,
    maxChars: options.maxChars,
    bigrams: options.bigrams,
    minDf: options.minDf,
    // JSON writes Infinity as null anyway; said here so the value matches its type.
    maxDf: Number.isFinite(options.maxDf) ? options.maxDf : null,
    maxFeatures: options.maxFeatures,
    sublinearTf: options.sublinearTf,
    smoothIdf: true,
    norm: 'l2',
    kRequested: options.k === 'auto' ? 'auto' : options.k,
    k,
    seed: options.seed,
    algorithmRequested: options.algorithm,
    algorithm,
    maxIter: options.maxIter,
    tol: options.tol,
    nInit: options.nInit,
    batchSize: options.batchSize,
    topTerms: options.topTerms,
    representatives: options.representatives,
    granularity: options.granularity,
    growthWindow: options.growthWindow,
    growthMinPapers: DEFAULT_GROWTH_MIN_PAPERS,
    termMinDf: options.termMinDf,
    mapSample: options.mapSample,
  };
}

async function assertReadableFile(file: string): Promise<void> {
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      error.code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${error.code ?? error.message})`,
      2,
    );
  });
  if (info.isDirectory()) throw new CliError(`${file}: is a directory, expected a file`, 2);
}

/** Paths in the manifest are as given (relative stays relative) so the manifest does not depend on the machine. */
function displayPath(file: string): string {
  return file.replaceAll('\\', '/');
}
