/**
 * The streaming half of `--fit-sample`: every staged document, read back from DuckDB in batches of
 * `PLACE_BATCH_DOCS`, is placed with the fitted model exactly as `assign` places new documents (`BatchPlacer`), on
 * `workers` worker threads (`place-pool.ts`; 1: this thread) while this thread reads the next batches; its term
 * counts go into the month counters (`term-month-counts.ts`) in document order and are dropped. Memory: a few
 * batches of text and terms, plus a cluster id and similarity per document (12 bytes). O(N · terms per document · k).
 */
import type { DatePrecision } from '../../src/schema.ts';
import type { SavedModel } from '../model/model-files.ts';
import type { Progress } from '../progress.ts';
import { STAGED_DOCUMENTS, type OutputDatabase } from '../write/output-database.ts';
import { BatchPlacer, type PlacedBatch } from './batch-placer.ts';
import { PlacePool } from './place-pool.ts';
import type { TermMonthCounts } from './term-month-counts.ts';

export const PLACE_BATCH_DOCS = 10_000;
/** Documents a worker places at a time: a read batch is split so that both cores share it. */
const WORK_DOCS = 2_500;
/** Read batches whose placing may be under way while this thread reads the next. */
const BATCHES_AHEAD = 2;

export interface Placement {
  clusterIds: Int32Array;
  similarities: Float64Array;
}

interface BatchInFlight {
  from: number;
  parts: { size: number; placed: Promise<PlacedBatch> }[];
}

export async function placeDocuments(
  database: OutputDatabase,
  fitted: { model: SavedModel; dir: string },
  workers: number,
  documents: { dates: readonly (string | null)[]; precisions: readonly (DatePrecision | null)[] },
  counts: TermMonthCounts,
  progress: Progress,
): Promise<Placement> {
  const n = database.documentCount;
  const clusterIds = new Int32Array(n);
  const similarities = new Float64Array(n);
  const pool = workers > 1 ? new PlacePool(workers, fitted.dir) : null;
  const here = pool === null ? new BatchPlacer(fitted.model) : null;
  const place = (texts: string[]): Promise<PlacedBatch> =>
    pool === null ? Promise.resolve(here!.place(texts)) : pool.place(texts);
  const consume = async ({ from, parts }: BatchInFlight): Promise<void> => {
    let at = from;
    for (const { size, placed } of parts) {
      const batch = await placed;
      clusterIds.set(batch.clusterIds, at);
      similarities.set(batch.similarities, at);
      counts.add({
        counts: batch.counts,
        clusterIds: batch.clusterIds,
        dates: documents.dates.slice(at, at + size),
        precisions: documents.precisions.slice(at, at + size),
      });
      at += size;
    }
    progress.update(at);
  };
  const inFlight: BatchInFlight[] = [];
  try {
    for (let from = 0; from < n; from += PLACE_BATCH_DOCS) {
      const texts = await readTexts(database, from, Math.min(n, from + PLACE_BATCH_DOCS));
      const parts: BatchInFlight['parts'] = [];
      for (let at = 0; at < texts.length; at += WORK_DOCS) {
        const part = texts.slice(at, at + WORK_DOCS);
        parts.push({ size: part.length, placed: place(part) });
      }
      inFlight.push({ from, parts });
      while (inFlight.length > BATCHES_AHEAD) await consume(inFlight.shift()!);
    }
    while (inFlight.length > 0) await consume(inFlight.shift()!);
  } finally {
    await pool?.close();
  }
  return { clusterIds, similarities };
}

/** Staged documents `from .. to)` as `assign` joins their text. */
async function readTexts(database: OutputDatabase, from: number, to: number): Promise<string[]> {
  return database.stage(async (connection) => {
    const reader = await connection.runAndReadAll(
      `SELECT title, abstract FROM ${STAGED_DOCUMENTS} WHERE doc_index >= ${from} AND doc_index < ${to} ORDER BY doc_index`,
    );
    // Both VARCHAR NOT NULL when staged.
    return (reader.getRows() as [string, string][]).map(([title, abstract]) => `${title}. ${abstract}`);
  });
}
