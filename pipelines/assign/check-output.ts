/**
 * What `assign` checks before it changes anything: `--model` is an output of a full run of this version
 * (its manifest parses and has the fields assign uses), the saved model belongs to that output (same run id
 * and k), and the Parquet tables assign reads open, with cluster ids in 0..k-1. Every failure is a `CliError`
 * naming the file: a model copied from another run used to write cluster ids the output does not have, or
 * crash with a TypeError.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  GRANULARITIES,
  MANIFEST_FILE,
  SCHEMA_VERSION,
  TABLES,
  parquetFileOf,
  type Manifest,
  type RunParameters,
  type TableKey,
} from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import { parquetRelation } from '../write/output-database.ts';
import type { SavedModel } from '../model/model-files.ts';
import { rebuildHint } from '../model/parse-model.ts';

/** The tables assign writes afresh from the merged documents, so an output may lack them. */
const REBUILT_TABLES: readonly TableKey[] = ['trends', 'labelTrends', 'words', 'wordPostings'];

/**
 * The tables assign reads from the previous output: every other table of the schema, so a table added to
 * `TABLES` is checked (an output written before it existed is named, not failed on at a DuckDB read).
 */
export const READ_TABLES: readonly TableKey[] = (Object.keys(TABLES) as TableKey[]).filter(
  (key) => !REBUILT_TABLES.includes(key),
);

export function parseOutputManifest(text: string, file: string, dir: string): Manifest {
  const fail = (problem: string): never => {
    throw new CliError(`${file}: ${problem}; ${rebuildHint(dir)}`);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(`not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) return fail('expected a JSON object');
  if (value['schemaVersion'] !== SCHEMA_VERSION) {
    fail(`schema version ${JSON.stringify(value['schemaVersion'])}, this version writes ${SCHEMA_VERSION}`);
  }
  if (typeof value['runId'] !== 'string' || value['runId'] === '') {
    fail('no "runId" (written by an older version, or edited), so its model cannot be checked against it');
  }
  if (!Number.isInteger(value['k']) || (value['k'] as number) < 1) fail(`"k" must be an integer >= 1`);
  for (const name of ['parameters', 'counts', 'tables'] as const) {
    if (!isRecord(value[name])) fail(`"${name}" must be an object`);
  }
  // The run parameters assign reads new data with: typed from here on, so checked here.
  const parameters = value['parameters'] as Record<string, unknown>;
  for (const name of ['csvColumns', 'labelSeparator', 'dedupe'] as const satisfies (keyof RunParameters)[]) {
    if (typeof parameters[name] !== 'string') fail(`"parameters.${name}" must be a string`);
  }
  for (const name of [
    'listingYear',
    'maxChars',
    'growthWindow',
    'growthMinPapers',
  ] as const satisfies (keyof RunParameters)[]) {
    if (!Number.isInteger(parameters[name])) fail(`"parameters.${name}" must be an integer`);
  }
  const counts = value['counts'] as Record<string, unknown>;
  for (const name of ['read', 'kept', 'skipped', 'duplicates', 'undated']) {
    if (!Number.isInteger(counts[name])) fail(`"counts.${name}" must be an integer`);
  }
  if (!Array.isArray(value['inputs'])) fail('"inputs" must be an array');
  if (!Array.isArray(value['skippedRecords'])) fail('"skippedRecords" must be an array');
  if (value['updates'] !== undefined && !Array.isArray(value['updates'])) fail('"updates" must be an array');
  if (!(GRANULARITIES as readonly unknown[]).includes(value['defaultGranularity'])) {
    fail(`"defaultGranularity" must be one of ${GRANULARITIES.join(', ')}`);
  }
  return value as unknown as Manifest;
}

export function assertModelFitsOutput(model: SavedModel, manifest: Manifest, dir: string): void {
  const modelFile = join(dir, 'model', 'model.json');
  if (model.runId !== manifest.runId || model.k !== manifest.k) {
    throw new CliError(
      `${modelFile} (run ${model.runId}, k = ${model.k}) does not belong to ${join(dir, MANIFEST_FILE)} (run ${manifest.runId}, k = ${manifest.k}): the model folder was copied from another output; put back the model/ folder written with this output, or ${rebuildHint(dir)}`,
    );
  }
}

/** Opens each table assign reads (it must exist); documents' and clusters' ids must be 0..k-1, one row per cluster. */
export async function checkOutputTables(connection: DuckDBConnection, dir: string, k: number): Promise<void> {
  for (const key of READ_TABLES) {
    const file = join(dir, parquetFileOf(TABLES[key]));
    if (!existsSync(file)) {
      throw new CliError(
        `${file}: missing (the output was written by an older version, or the file was removed); ${rebuildHint(dir)}`,
      );
    }
    const ids = key === 'documents' || key === 'clusters';
    const sql = `SELECT count(*)::INTEGER${ids ? ', min(cluster_id)::INTEGER, max(cluster_id)::INTEGER, count(DISTINCT cluster_id)::INTEGER' : ''} FROM ${parquetRelation(dir, key)}`;
    const row = await connection
      .runAndReadAll(sql)
      .then((reader) => reader.getRows()[0]!.map((v) => (v === null ? null : Number(v))))
      .catch((error: unknown) => {
        const reason = (error as Error).message.split('\n')[0];
        throw new CliError(`${file}: cannot be read as this pipeline's Parquet (${reason}); ${rebuildHint(dir)}`, 1, {
          cause: error,
        });
      });
    const [rows, low, high, distinct] = row as [number, number | null, number | null, number | null];
    if (!ids) continue;
    const badRange = rows > 0 && (low! < 0 || high! >= k);
    if (badRange || (key === 'clusters' && (rows !== k || distinct !== k))) {
      throw new CliError(
        `${file}: cluster ids ${low} .. ${high} in ${rows} rows, but the manifest's k is ${k} (expected ids 0 .. ${k - 1}${key === 'clusters' ? ', one row each' : ''}); ${rebuildHint(dir)}`,
      );
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
