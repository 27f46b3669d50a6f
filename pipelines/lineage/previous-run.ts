/**
 * What `--previous DIR` reads: an earlier output of this tool (its manifest, its saved model, the labels of its
 * clusters and its documents' cluster ids). Checked before any input is read, each failure a `CliError` naming the
 * file and the fix. An output of any schema version from MIN_PREVIOUS_SCHEMA_VERSION on is accepted: only the
 * model, `clusters.label` and `documents.{doc_id, cluster_id}` are read, and those have not changed since.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, SCHEMA_VERSION, TABLES, parquetFileOf, type Manifest } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import { loadModel, type SavedModel } from '../model/model-files.ts';
import { parquetRelation } from '../write/output-database.ts';
import { assertModelFitsOutput } from '../assign/check-output.ts';

/** The first schema version whose manifest carries the `runId` that binds the model to its output. */
export const MIN_PREVIOUS_SCHEMA_VERSION = 2;

export interface PreviousRun {
  dir: string;
  runId: string;
  k: number;
  model: SavedModel;
  /** Label of each previous topic, by cluster id. */
  labels: string[];
}

export async function readPreviousRun(connection: DuckDBConnection, dir: string): Promise<PreviousRun> {
  const file = join(dir, MANIFEST_FILE);
  const hint = 'give --previous the output directory of an earlier full run of this tool';
  const fail = (problem: string): never => {
    throw new CliError(`${file}: ${problem}; ${hint}`, 2);
  };
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) =>
    fail(error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code ?? error.message})`),
  );
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a JSON object');
  const record = value as Record<string, unknown>;
  const version = record['schemaVersion'];
  if (
    !Number.isInteger(version) ||
    (version as number) < MIN_PREVIOUS_SCHEMA_VERSION ||
    (version as number) > SCHEMA_VERSION
  ) {
    fail(
      `schema version ${JSON.stringify(version)}; --previous reads versions ${MIN_PREVIOUS_SCHEMA_VERSION} to ${SCHEMA_VERSION}`,
    );
  }
  if (typeof record['runId'] !== 'string' || record['runId'] === '') fail('no "runId"');
  if (!Number.isInteger(record['k']) || (record['k'] as number) < 1) fail('"k" must be an integer >= 1');
  const manifest = record as unknown as Manifest;
  const model = await loadModel(dir);
  assertModelFitsOutput(model, manifest, dir);
  const labels = await readPreviousLabels(connection, dir, manifest.k);
  return { dir, runId: manifest.runId, k: manifest.k, model, labels };
}

/**
 * Reads the previous labels and checks that `documents` and `clusters` hold cluster ids 0..k-1 (clusters one row
 * each), so every later read of them is safe.
 */
async function readPreviousLabels(connection: DuckDBConnection, dir: string, k: number): Promise<string[]> {
  const query = async <T>(key: 'documents' | 'clusters', sql: string): Promise<T[][]> =>
    connection
      .runAndReadAll(sql)
      .then((reader) => reader.getRowsJson() as T[][])
      .catch((error: unknown) => {
        const reason = (error as Error).message.split('\n')[0];
        throw new CliError(
          `${join(dir, parquetFileOf(TABLES[key]))}: cannot be read as this pipeline's Parquet (${reason}); give --previous a complete output`,
          2,
          { cause: error },
        );
      });
  const [range] = await query<number>(
    'documents',
    `SELECT count(*)::INTEGER, coalesce(min(cluster_id), 0)::INTEGER, coalesce(max(cluster_id), 0)::INTEGER FROM ${parquetRelation(dir, 'documents')}`,
  );
  const labels = await query<string | number>(
    'clusters',
    `SELECT cluster_id, label FROM ${parquetRelation(dir, 'clusters')} ORDER BY cluster_id`,
  );
  const [rows, low, high] = range!.map(Number) as [number, number, number];
  const dense = labels.length === k && labels.every(([id], i) => Number(id) === i);
  if (rows === 0 || low < 0 || high >= k || !dense) {
    throw new CliError(
      `${dir}: documents or clusters do not hold cluster ids 0..${k - 1} as its manifest says; give --previous a complete output`,
      2,
    );
  }
  return labels.map(([, label]) => String(label));
}

/** Papers in both runs (same doc_id) by previous and new cluster id; `documents` is this run's written table. */
export async function paperFlows(
  connection: DuckDBConnection,
  previousDir: string,
  documents: string,
): Promise<{ previousId: number; clusterId: number; papers: number }[]> {
  const reader = await connection.runAndReadAll(
    `SELECT p.cluster_id::INTEGER, n.cluster_id::INTEGER, count(*)::INTEGER
     FROM ${parquetRelation(previousDir, 'documents')} p JOIN ${documents} n USING (doc_id)
     GROUP BY ALL ORDER BY ALL`,
  );
  return reader.getRowsJson().map(([previousId, clusterId, papers]) => ({
    previousId: Number(previousId),
    clusterId: Number(clusterId),
    papers: Number(papers),
  }));
}
