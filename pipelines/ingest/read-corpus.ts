/**
 * Reads a corpus (several input files) as kept records, keeping the manifest's books: per-file format, bytes and
 * records (`inputs`), `read = kept + skipped + duplicates` (`counts`) and the first `MAX_LISTED_SKIPS` problems
 * (`skippedRecords`). The one reading loop of the full run and `assign`; they differ only in how a file becomes
 * records (`readFile`) and what they do with a kept one (`keep`).
 */
import { stat } from 'node:fs/promises';
import type { InputFormat, Manifest, OnError, RecordCounts, SkippedRecord } from '../../src/schema.ts';
import { CliError, type InputError } from '../errors.ts';
import type { Progress } from '../progress.ts';
import { MAX_LISTED_SKIPS } from '../write/manifest.ts';
import { tallyRecord, type Deduplicator } from './dedupe.ts';
import { detectFormat } from './detect-format.ts';
import type { RawDoc } from './raw-doc.ts';
import type { IngestOptions } from './read-input.ts';

export interface CorpusOptions extends Omit<IngestOptions, 'report'> {
  /** `fail` stops at the first problem (the error is thrown); `skip` counts, lists and warns. */
  onError: OnError;
}

export interface CorpusTally {
  inputs: Manifest['inputs'];
  counts: RecordCounts;
  skippedRecords: SkippedRecord[];
}

/** How one file becomes records, with the format already resolved. */
export type ReadFile<T> = (file: string, options: IngestOptions & { format: InputFormat }) => AsyncIterable<T>;

export async function readCorpus<T extends { doc: RawDoc }>(
  files: readonly string[],
  options: CorpusOptions,
  deduplicator: Deduplicator,
  readFile: ReadFile<T>,
  keep: (record: T) => Promise<void> | void,
  progress: Progress,
): Promise<CorpusTally> {
  const tally: CorpusTally = {
    inputs: [],
    counts: { read: 0, kept: 0, skipped: 0, duplicates: 0, undated: 0 },
    skippedRecords: [],
  };
  const { counts, skippedRecords } = tally;
  const { onError, ...ingest } = options;
  const report = (error: InputError): void => {
    if (onError === 'fail') throw error;
    counts.read++;
    counts.skipped++;
    if (skippedRecords.length < MAX_LISTED_SKIPS) {
      skippedRecords.push({ file: error.file, line: error.line, reason: error.reason });
    }
    progress.warn(`${error.message} (skipped)`);
  };
  for (const file of files) {
    const format = ingest.format === 'auto' ? await detectFormat(file) : ingest.format;
    const readBefore = counts.read;
    for await (const record of readFile(file, { ...ingest, format, report })) {
      if (!tallyRecord(counts, deduplicator, record.doc)) continue;
      await keep(record);
      if (counts.read % 1000 === 0) progress.update(counts.read);
    }
    progress.update(counts.read);
    tally.inputs.push({
      file: displayPath(file),
      format,
      bytes: (await stat(file)).size,
      records: counts.read - readBefore,
    });
  }
  return tally;
}

/** Refuses a missing input or a directory before anything is read or written (exit 2: a usage error). */
export async function assertReadableFiles(files: readonly string[]): Promise<void> {
  for (const file of files) {
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        error.code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${error.code ?? error.message})`,
        2,
      );
    });
    if (info.isDirectory()) throw new CliError(`${file}: is a directory, expected a file`, 2);
  }
}

/** Paths in the manifest are as given (relative stays relative) so the manifest does not depend on the machine. */
function displayPath(file: string): string {
  return file.replaceAll('\\', '/');
}
