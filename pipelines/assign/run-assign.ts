/**
 * Incremental update (`npm run pipeline -- assign`): new records are read with the full run's reading options,
 * deduplicated against the existing documents, analysed with the saved analyzer options, weighted with the saved
 * vocabulary and idf (unknown terms dropped) and placed at their nearest saved centroid. Documents are appended;
 * trends, term trends, label trends, cluster counts and growth are recomputed from the merged documents; labels,
 * top terms, centroids, the model and the map stay as they were (new documents are not on the map). The output
 * directory is rewritten atomically. When the new documents' mean similarity falls below `refitRatio` × the
 * training mean, they no longer fit the clusters and a full re-run is advised (summary and manifest).
 * The whole batch of new records is held in memory: this is for feeds, not for re-ingesting a corpus.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { LIST, VARCHAR } from '@duckdb/node-api';
import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  MANIFEST_FILE,
  TABLES,
  parquetFileOf,
  type ClusterRow,
  type DatePrecision,
  type Manifest,
  type ManifestUpdate,
  type RecordCounts,
  type TableKey,
} from '../../src/schema.ts';
import { CliError, type InputError } from '../errors.ts';
import { columnCounts } from '../features/csr.ts';
import { Deduplicator, tallyRecord } from '../ingest/dedupe.ts';
import { detectFormat } from '../ingest/detect-format.ts';
import { readInput } from '../ingest/read-input.ts';
import type { RawDoc } from '../ingest/raw-doc.ts';
import type { Progress } from '../progress.ts';
import { TextAnalyzer } from '../text/analyze.ts';
import { clusterGrowth } from '../../src/shared/growth.ts';
import { labelTrendsRelation } from '../trends/label-trends.ts';
import { documentMonths, stageTermTrends, termIndexRelation } from '../trends/term-trends.ts';
import { dateSpread } from '../trends/date-outliers.ts';
import { trendRows } from '../trends/volume.ts';
import { writeOutputDir } from '../write/output-dir.ts';
import type { OutputDatabase } from '../write/output-database.ts';
import { parquetRelation } from '../write/output-database.ts';
import type { AssignOptions } from './assign-options.ts';
import { assertModelFitsOutput, checkOutputTables, parseOutputManifest } from './check-output.ts';
import { loadModel, MODEL_DIR, MODEL_FILES } from '../model/model-files.ts';
import { nearestCentroids } from '../cluster/nearest-centroid.ts';
import { ModelVectorizer } from '../model/model-vectorizer.ts';

export interface AssignSummary {
  manifest: Manifest;
  update: ManifestUpdate;
  trainingMeanSimilarity: number;
}

export async function runAssign(options: AssignOptions, progress: Progress): Promise<AssignSummary> {
  const manifest = await readManifest(options.model);
  const model = await loadModel(options.model);
  assertModelFitsOutput(model, manifest, options.model);
  return writeOutputDir(options.model, (database, outDir) =>
    database.stage((connection) => assignStages(options, manifest, model, connection, database, outDir, progress)),
  );
}

async function assignStages(
  options: AssignOptions,
  previous: Manifest,
  model: Awaited<ReturnType<typeof loadModel>>,
  connection: DuckDBConnection,
  database: OutputDatabase,
  outDir: string,
  progress: Progress,
): Promise<AssignSummary> {
  const oldDir = options.model;
  const parameters = previous.parameters;
  await checkOutputTables(connection, oldDir, model.k);
  const deduplicator = new Deduplicator({ byTitle: parameters.dedupe !== 'id' });
  progress.phase('reading existing documents');
  const existing = await connection.stream(`SELECT doc_id, title FROM ${parquetRelation(oldDir, 'documents')}`);
  for await (const rows of existing.yieldRowsJson()) {
    for (const [id, title] of rows) deduplicator.accept({ id: String(id), title: String(title) } as RawDoc);
  }
  progress.end();

  const counts: RecordCounts = { read: 0, kept: 0, skipped: 0, duplicates: 0, undated: 0 };
  const report = (error: InputError): void => {
    if (options.onError === 'fail') throw error;
    counts.read++;
    counts.skipped++;
    progress.warn(`${error.message} (skipped)`);
  };
  const analyzer = new TextAnalyzer({ bigrams: model.analyzer.bigrams });
  const docs: RawDoc[] = [];
  const analysed: string[][] = [];
  const inputs: ManifestUpdate['inputs'] = [];
  progress.phase('reading new records');
  for (const file of options.inputs) {
    await assertReadableFile(file);
    const format = options.format === 'auto' ? await detectFormat(file) : options.format;
    const readBefore = counts.read;
    for await (const doc of readInput(file, {
      format,
      csvColumns: JSON.parse(parameters.csvColumns) as Record<string, string>,
      labelSeparator: parameters.labelSeparator,
      maxDate: options.maxDate,
      listingYear: parameters.listingYear,
      maxAbstractChars: parameters.maxChars,
      report,
    })) {
      if (!tallyRecord(counts, deduplicator, doc)) continue;
      docs.push(doc);
      analysed.push(analyzer.analyze(`${doc.title}. ${doc.abstract}`));
    }
    inputs.push({
      file: file.replaceAll('\\', '/'),
      format,
      bytes: (await stat(file)).size,
      records: counts.read - readBefore,
    });
  }
  progress.end();

  progress.phase('assigning');
  const vectors = new ModelVectorizer(model).transform(analysed);
  const { labels, similarities } = nearestCentroids(vectors.matrix, model.centroids, model.k);
  await stageNewDocuments(connection, docs, labels, similarities);
  const meanSimilarity = docs.length === 0 ? null : similarities.reduce((sum, s) => sum + s, 0) / docs.length;
  const refitThreshold = options.refitRatio * model.trainingMeanSimilarity;
  const update: ManifestUpdate = {
    inputs,
    counts,
    meanSimilarity,
    refitThreshold,
    refitAdvised: meanSimilarity !== null && meanSimilarity < refitThreshold,
  };
  progress.end();

  progress.phase('writing');
  const tables: Manifest['tables'] = {};
  const record = (key: TableKey, rows: number): void => {
    tables[TABLES[key].name] = { file: parquetFileOf(TABLES[key]), rows };
  };
  const old = (key: TableKey): string => parquetRelation(oldDir, key);
  record(
    'documents',
    await database.writeRelation(
      'documents',
      `(SELECT doc_id, title, abstract, date, date_precision, labels, source, cluster_id, similarity, representative_rank FROM ${old('documents')} UNION ALL SELECT doc_id, title, abstract, CAST(date AS DATE), date_precision, labels, source, cluster_id, similarity, NULL FROM new_documents)`,
      outDir,
    ),
  );
  const documents = parquetRelation(outDir, 'documents');
  const all = await readAssignments(connection, documents);
  const trends = trendRows(all, model.k);
  record('trends', await database.writeRows('trends', trends, outDir));
  const granularity = previous.defaultGranularity;
  const growth = clusterGrowth(trends, granularity, model.k, {
    window: parameters.growthWindow,
    minPapers: parameters.growthMinPapers,
  });
  const clusterRows = (await clusterSummaries(connection, old('clusters'), documents)).map((row, clusterId) => ({
    ...row,
    growth: growth[clusterId]!.growth,
    growth_z: growth[clusterId]!.growthZ,
    trend_direction: growth[clusterId]!.direction,
  }));
  record('clusters', await database.writeRows('clusters', clusterRows, outDir));
  record('clusterTerms', await database.writeRelation('clusterTerms', old('clusterTerms'), outDir));
  record('mapPoints', await database.writeRelation('mapPoints', old('mapPoints'), outDir));
  record('labelTrends', await database.writeRelation('labelTrends', labelTrendsRelation(documents), outDir));

  await stageTermTrends(
    connection,
    {
      counts: vectors.counts,
      stems: model.stems,
      surfaceForm: (stem) => stem,
      docFreq: columnCounts(vectors.counts),
      months: documentMonths(
        docs.map((doc) => doc.date),
        docs.map((doc) => doc.datePrecision),
      ),
      minDocFreq: 1,
    },
    'new_tt',
  );
  // The term set is fixed by the full run (its --term-min-df): new counts are added to the terms it indexed.
  await connection.run(
    `CREATE TABLE merged_term_trends AS SELECT stem, period_start, sum(doc_count) AS doc_count FROM (SELECT stem, period_start, doc_count FROM ${old('termTrends')} UNION ALL SELECT v.stem, CAST(m.period_start AS DATE), r.doc_count FROM new_tt_rows r JOIN new_tt_vocab v USING (term_id) JOIN new_tt_months m USING (month)) WHERE stem IN (SELECT stem FROM ${old('terms')}) GROUP BY ALL`,
  );
  record('termTrends', await database.writeRelation('termTrends', 'merged_term_trends', outDir));
  const vocabulary = `(SELECT o.stem, o.term, o.doc_freq + coalesce(n.doc_freq, 0) AS doc_freq FROM ${old('terms')} o LEFT JOIN new_tt_vocab n USING (stem))`;
  const rowCounts = '(SELECT stem, count(*) AS n FROM merged_term_trends GROUP BY stem)';
  record('terms', await database.writeRelation('terms', termIndexRelation(vocabulary, rowCounts), outDir));

  await mkdir(join(outDir, MODEL_DIR));
  for (const file of MODEL_FILES) await copyFile(join(oldDir, MODEL_DIR, file), join(outDir, MODEL_DIR, file));
  progress.end();

  const total = (key: keyof RecordCounts): number => previous.counts[key] + counts[key];
  const manifest: Manifest = {
    ...previous,
    inputs: [...previous.inputs, ...inputs],
    counts: {
      read: total('read'),
      kept: total('kept'),
      skipped: total('skipped'),
      duplicates: total('duplicates'),
      undated: total('undated'),
    },
    ...dateSpread(all.map((doc) => doc.date)),
    tables,
    updates: [...(previous.updates ?? []), update],
  };
  return { manifest, update, trainingMeanSimilarity: model.trainingMeanSimilarity };
}

async function stageNewDocuments(
  connection: DuckDBConnection,
  docs: readonly RawDoc[],
  labels: Int32Array,
  similarities: Float64Array,
): Promise<void> {
  await connection.run(
    'CREATE TABLE new_documents (doc_id VARCHAR, title VARCHAR, abstract VARCHAR, date VARCHAR, date_precision VARCHAR, labels VARCHAR[], source VARCHAR, cluster_id INTEGER, similarity DOUBLE)',
  );
  const appender = await connection.createAppender('new_documents');
  docs.forEach((doc, i) => {
    appender.appendVarchar(doc.id);
    appender.appendVarchar(doc.title);
    appender.appendVarchar(doc.abstract);
    if (doc.date === null) appender.appendNull();
    else appender.appendVarchar(doc.date);
    if (doc.datePrecision === null) appender.appendNull();
    else appender.appendVarchar(doc.datePrecision);
    appender.appendList(doc.labels, LIST(VARCHAR));
    appender.appendVarchar(doc.source);
    appender.appendInteger(labels[i]!);
    appender.appendDouble(similarities[i]!);
    appender.endRow();
  });
  appender.closeSync();
}

interface Assigned {
  date: string | null;
  datePrecision: DatePrecision | null;
  clusterId: number;
}

async function readAssignments(connection: DuckDBConnection, documents: string): Promise<Assigned[]> {
  const all: Assigned[] = [];
  const result = await connection.stream(`SELECT CAST(date AS VARCHAR), date_precision, cluster_id FROM ${documents}`);
  for await (const rows of result.yieldRowsJson()) {
    for (const [date, precision, clusterId] of rows) {
      all.push({
        date: date as string | null,
        datePrecision: precision as DatePrecision | null,
        clusterId: Number(clusterId),
      });
    }
  }
  return all;
}

async function clusterSummaries(
  connection: DuckDBConnection,
  oldClusters: string,
  documents: string,
): Promise<ClusterRow[]> {
  const reader = await connection.runAndReadAll(
    `SELECT o.cluster_id, o.label, coalesce(s.size, 0)::INTEGER AS size, coalesce(s.dated_size, 0)::INTEGER AS dated_size, coalesce(s.mean_similarity, 0) AS mean_similarity, CAST(s.first_date AS VARCHAR) AS first_date, CAST(s.last_date AS VARCHAR) AS last_date, o.map_x, o.map_y FROM ${oldClusters} o LEFT JOIN (SELECT cluster_id, count(*) AS size, count(date) AS dated_size, avg(similarity) AS mean_similarity, min(date) AS first_date, max(date) AS last_date FROM ${documents} GROUP BY cluster_id) s USING (cluster_id) ORDER BY o.cluster_id`,
  );
  return (reader.getRowObjectsJson() as Omit<ClusterRow, 'growth' | 'growth_z' | 'trend_direction'>[]).map((row) => ({
    ...row,
    growth: null,
    growth_z: null,
    trend_direction: 'steady',
  }));
}

async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}; --model must be an output directory of a full run`,
      2,
    );
  });
  return parseOutputManifest(text, file, dir);
}

async function assertReadableFile(file: string): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (info === null) throw new CliError(`${file}: no such file`, 2);
  if (info.isDirectory()) throw new CliError(`${file}: is a directory, expected a file`, 2);
}
