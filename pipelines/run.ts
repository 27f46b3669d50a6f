/**
 * Composes the stages: ingest -> text -> features -> clusters -> labels -> trends -> write. No algorithm lives
 * here; each stage is its own module. Everything is written into a temp directory that replaces `--out` only
 * when complete.
 */
import type { Manifest } from '../src/schema.ts';
import { ClusterSpace } from './cluster/cluster-space.ts';
import { fitCorpusTopics } from './cluster/fit-corpus-topics.ts';
import { topicTreeRows } from './cluster/topic-tree.ts';
import { corpusFeatures } from './features/corpus-features.ts';
import { assertReadableFiles } from './ingest/read-corpus.ts';
import { stageCorpus } from './ingest/stage-corpus.ts';
import { describeTopics } from './label/describe-topics.ts';
import { carryOverrides, readOverrides } from './lineage/carry-overrides.ts';
import { continueTopics, warmStart, writeTopicLineage } from './lineage/continue-topics.ts';
import { readPreviousRun } from './lineage/previous-run.ts';
import { startTopicMap } from './map/start-topic-map.ts';
import { runBoundedPipeline } from './stream/run-bounded.ts';
import { saveFittedModel } from './model/save-fitted-model.ts';
import type { PipelineOptions } from './options.ts';
import type { Progress } from './progress.ts';
import { clusterRows } from './trends/cluster-rows.ts';
import { corpusTrends } from './trends/corpus-trends.ts';
import { labelTrendsRelation } from './trends/label-trends.ts';
import { writeWordIndex } from './trends/word-index.ts';
import { writeTitleIndex } from './write/title-index.ts';
import { writeClusterMonthTotals } from './trends/cluster-month-totals.ts';
import { countTermTables, writeTermTables } from './trends/write-term-tables.ts';
import { parquetRelation, type OutputDatabase } from './write/output-database.ts';
import { writeOutputDir } from './write/output-dir.ts';
import { inputHashes } from './write/manifest.ts';
import { runIdentity, runManifest } from './write/run-manifest.ts';
import { writeMapPoints } from './write/write-map-points.ts';

/**
 * DuckDB's buffer pool between staging and writing (it holds nothing in use then), and while writing: at 10^6
 * documents the ordered documents COPY failed to pin its blocks within 384 MB (measured).
 */
const AFTER_STAGING_MEMORY_LIMIT = '384MB';
const WRITING_MEMORY_LIMIT = '768MB';

export async function runPipeline(options: PipelineOptions, progress: Progress): Promise<Manifest> {
  const { fitSample } = options;
  if (fitSample !== null) return runBoundedPipeline({ ...options, fitSample }, progress, runPipeline);
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
  const previous =
    options.previous === null ? null : await database.stage((c) => readPreviousRun(c, options.previous!));
  const overrides = options.overrides === null ? null : await readOverrides(options.overrides);
  progress.phase('reading');
  const corpus = await stageCorpus(options, database, progress);
  // The text is staged on disk; until writing, DuckDB needs little memory (see `limitMemory`).
  await database.limitMemory(AFTER_STAGING_MEMORY_LIMIT);
  progress.end();

  progress.phase('features');
  const features = corpusFeatures(corpus.analyzer, options);
  const pendingMap = startTopicMap(features.matrix, {
    sampleSize: options.mapSample,
    seed: options.seed,
    workers: options.workers,
  });
  progress.end();
  progress.info(
    `${corpus.counts.kept.toLocaleString('en-US')} documents, ${features.stems.length.toLocaleString('en-US')} terms`,
  );

  progress.phase('clustering');
  const space = new ClusterSpace(features.stems, options.clusterTerms);
  const initialCentroids = previous === null ? undefined : warmStart(previous, features.stems, space, options.k);
  const topics = fitCorpusTopics(space.rows(features.matrix), options, initialCentroids);
  // With --previous, topics that continue one of the previous run's take its id (`lineage/match-topics.ts`).
  const continuation =
    previous === null
      ? null
      : continueTopics(previous, features.stems, space, topics.clustering, initialCentroids !== undefined);
  const { k } = topics;
  const clustering = continuation?.clustering ?? topics.clustering;
  const termCentroids = space.termCentroids(features.matrix, clustering.labels, clustering.centroids, k);
  progress.end();

  progress.phase('labelling');
  const descriptions = describeTopics(features, { ...clustering, centroids: termCentroids }, k, options);
  const { trends, growth } = corpusTrends(corpus, clustering.labels, k, options);
  progress.end();

  progress.phase('topic map');
  const map = await pendingMap.finish(clustering.labels, k);
  const clusters = clusterRows({
    clusterIds: clustering.labels,
    similarities: clustering.similarities,
    dates: corpus.dates,
    labels: descriptions.labels,
    growth,
    positions: map.clusterPositions,
  });
  progress.end();

  progress.phase('writing');
  // Hashing the inputs for the run id mostly waits on reads: it interleaves with the COPYs below.
  const hashes = inputHashes(options.inputs);
  hashes.catch(() => undefined); // awaited by runIdentity; an earlier error must not leave it unhandled
  await database.limitMemory(WRITING_MEMORY_LIMIT);
  const termTables = { features, documents: corpus, clusterIds: clustering.labels, k, minDocFreq: options.termMinDf };
  const documentsWritten = database.writeDocuments(
    {
      clusterIds: clustering.labels,
      similarities: clustering.similarities,
      representativeRanks: descriptions.representativeRanks,
    },
    outDir,
  );
  // Counting the term tables (JS) runs while DuckDB sorts and writes the documents.
  const termCounts = await database.alongside(documentsWritten, () => countTermTables(termTables));
  await database.writeRows('clusters', clusters, outDir);
  await database.writeRows('clusterTerms', descriptions.termRows, outDir);
  await database.writeRows('trends', trends, outDir);
  await writeTermTables(database, termTables, outDir, termCounts);
  await writeClusterMonthTotals(database, outDir);
  const documents = parquetRelation(outDir, 'documents');
  await database.writeRelation('labelTrends', labelTrendsRelation(documents), outDir);
  const identity = await runIdentity(options, corpus.inputs, topics, previous?.runId, hashes);
  const sizes = clusters.map((cluster) => cluster.size);
  const surfaceOf = (term: number): string => features.surfaceForm(features.stems[term]!);
  // The topic tree (JS) is built while DuckDB writes the word index.
  const tree = await database.alongside(
    writeWordIndex(database, documents, options.wordIndexMaxDocs, outDir, corpus.wordIndex),
    () => topicTreeRows(termCentroids, sizes, identity.parameters.themes!, surfaceOf),
  );
  await writeTitleIndex(database, parquetRelation(outDir, 'documents', true), outDir);
  await writeMapPoints(database, map, clustering.labels, outDir);
  const lineage = await writeTopicLineage(
    database,
    documents,
    outDir,
    previous === null || continuation === null ? null : { previous, continuation, sizes },
  );
  const applied =
    overrides === null
      ? undefined
      : carryOverrides(
          overrides,
          options.overrides!,
          { runId: identity.runId, k },
          previous === null || lineage === undefined ? null : { ...previous, lineage: lineage.rows },
        );
  for (const note of applied?.notes ?? []) progress.info(`overrides: ${note}`);
  await database.writeRows('topicTree', tree, outDir);
  const model = await saveFittedModel(
    {
      runId: identity.runId,
      k,
      features,
      clustering,
      analyzer: { bigrams: options.bigrams },
      clusterTerms: options.clusterTerms,
    },
    outDir,
  );
  progress.end();

  return runManifest({
    identity,
    corpus,
    topics,
    vocabularySize: features.stems.length,
    defaultGranularity: options.granularity,
    tables: database.writtenTables,
    model,
    lineage: lineage?.summary,
    overrides: applied,
  });
}
