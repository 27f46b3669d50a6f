/**
 * What `assign` reads back from the output it updates: the manifest, the ids and titles of the documents already
 * there (so new records are deduplicated against them), every document's assignment, and each cluster's label
 * and map position (kept as the full run wrote them).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type DatePrecision, type Manifest } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import type { Deduplicator } from '../ingest/dedupe.ts';
import type { RawDoc } from '../ingest/raw-doc.ts';
import { parseOutputManifest } from './check-output.ts';

export async function readPreviousManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}; --model must be an output directory of a full run`,
      2,
    );
  });
  return parseOutputManifest(text, file, dir);
}

/** Lets `deduplicator` see every document of `documents` (a relation), so a new copy of one counts as a duplicate. */
export async function acceptExistingDocuments(
  connection: DuckDBConnection,
  documents: string,
  deduplicator: Deduplicator,
): Promise<void> {
  const existing = await connection.stream(`SELECT doc_id, title FROM ${documents}`);
  for await (const rows of existing.yieldRowsJson()) {
    // Both columns are VARCHAR NOT NULL in the schema.
    for (const [id, title] of rows as [string, string][]) deduplicator.accept({ id, title } as RawDoc);
  }
}

/** Every document's cluster, similarity and date, in the order of `documents` (a relation). */
export interface DocumentAssignments {
  clusterIds: number[];
  similarities: number[];
  dates: (string | null)[];
  precisions: (DatePrecision | null)[];
}

export async function readDocumentAssignments(
  connection: DuckDBConnection,
  documents: string,
): Promise<DocumentAssignments> {
  const all: DocumentAssignments = { clusterIds: [], similarities: [], dates: [], precisions: [] };
  const result = await connection.stream(
    `SELECT CAST(date AS VARCHAR), date_precision, cluster_id, similarity FROM ${documents}`,
  );
  for await (const rows of result.yieldRowsJson()) {
    for (const [date, precision, clusterId, similarity] of rows) {
      all.dates.push(date as string | null);
      all.precisions.push(precision as DatePrecision | null);
      all.clusterIds.push(Number(clusterId));
      all.similarities.push(Number(similarity));
    }
  }
  return all;
}

/** Labels and map positions of clusters 0..k-1 from `clusters` (a relation with one row each, checked before). */
export async function readClusterLabels(
  connection: DuckDBConnection,
  clusters: string,
): Promise<{ labels: string[]; positions: ({ x: number; y: number } | null)[] }> {
  const reader = await connection.runAndReadAll(`SELECT label, map_x, map_y FROM ${clusters} ORDER BY cluster_id`);
  const rows = reader.getRowsJson();
  return {
    labels: rows.map(([label]) => label as string), // VARCHAR NOT NULL
    positions: rows.map(([, x, y]) => (x === null || y === null ? null : { x: Number(x), y: Number(y) })),
  };
}
