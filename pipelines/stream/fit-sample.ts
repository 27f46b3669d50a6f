/**
 * The fitting half of `--fit-sample N`: the N staged documents with the smallest hash of their id (a
 * deterministic sample: it depends on neither the order of the files nor `--workers`, and a document is in it or
 * not whatever else the corpus holds) are written as JSON Lines and run through the full pipeline, whose output
 * (vocabulary, idf, centroids, labels, map, themes) the streaming half then applies to every document.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../src/schema.ts';
import { readPreviousManifest } from '../assign/previous-output.ts';
import type { PipelineOptions } from '../options.ts';
import type { Progress } from '../progress.ts';
import { STAGED_DOCUMENTS, type OutputDatabase } from '../write/output-database.ts';

export type FitPipeline = (options: PipelineOptions, progress: Progress) => Promise<Manifest>;

export interface SampleFit {
  /** The fit's output directory (a full run's tables and `model/`). */
  dir: string;
  manifest: Manifest;
  /** Documents fitted on: min(N, kept documents). */
  documents: number;
  /** Removes the fit's files. */
  remove: () => Promise<void>;
}

/** Fits on the sample of `database`'s staged documents, in `workDir` (a scratch folder of the run). */
export async function fitOnSample(
  options: PipelineOptions & { fitSample: number },
  database: OutputDatabase,
  workDir: string,
  fit: FitPipeline,
  progress: Progress,
): Promise<SampleFit> {
  const sampleFile = join(workDir, 'fit-sample.jsonl');
  const dir = join(workDir, 'fit-sample');
  // The sample is every document at or below the N-th smallest (hash, id): a filter over a scan, whose output
  // keeps the staging order (DuckDB's preserve_insertion_order) without sorting text, which ran out of a 384 MB
  // pool at 10^6 documents. Dates are written at their precision (`2021-03` for a month), as the run read them.
  const documents = await database.stage(async (connection) => {
    const last = await connection.runAndReadAll(
      `SELECT hash(doc_id), doc_id FROM ${STAGED_DOCUMENTS} ORDER BY hash(doc_id), doc_id LIMIT 1 OFFSET ${options.fitSample - 1}`,
    );
    const cut = last.getRows()[0];
    const inSample =
      cut === undefined
        ? 'true'
        : `(hash(doc_id), doc_id) <= (${String(cut[0])}::UBIGINT, ${sqlString(String(cut[1]))})`;
    const copied = await connection.runAndReadAll(
      `COPY (SELECT doc_id AS id, title, abstract, CASE date_precision WHEN 'month' THEN left(date, 7) WHEN 'year' THEN left(date, 4) ELSE date END AS date, labels, source FROM ${STAGED_DOCUMENTS} WHERE ${inSample}) TO ${sqlString(sampleFile)} (FORMAT json)`,
    );
    return Number(copied.getRows()[0]![0]);
  });
  progress.info(`fitting on a sample of ${documents.toLocaleString('en-US')} documents`);
  await fit(
    {
      ...options,
      inputs: [sampleFile],
      out: dir,
      format: 'jsonl',
      fitSample: null,
      // Read back from the run's own staging: already within --max-chars, and word index is the streaming half's.
      wordIndexMaxDocs: 0,
    },
    progress,
  );
  await rm(sampleFile, { force: true });
  return {
    dir,
    manifest: await readPreviousManifest(dir),
    documents,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
