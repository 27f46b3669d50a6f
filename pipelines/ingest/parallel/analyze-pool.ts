/**
 * Parallel ingest + analysis for line formats (JSON Lines, arXiv snapshot): this thread reads lines and ships
 * batches of raw text to worker threads, which parse, check and encode them (`analyze-worker.ts`); results are
 * handed back in batch order, so records, errors and everything downstream (dedupe, vocabulary ids, output)
 * are the same as the sequential `readInput` + `WordEncoder` path whatever the number of workers or their
 * timing. Each worker's encoder numbers words its own way; `TermBuilder` maps them to global words.
 *
 * Memory: at most `IN_FLIGHT_PER_WORKER` batches per worker are outstanding, so raw text held in JS is bounded
 * by a few batches, not by the input size.
 */
import type { Worker } from 'node:worker_threads';
import { InputError, type ReportInputError } from '../../errors.ts';
import type { TermBuilder, WordMap } from '../../features/term-builder.ts';
import type { SurfaceWordMap, WordIndexBuilder } from '../../trends/word-index-builder.ts';
import type { RawDoc } from '../raw-doc.ts';
import { startWorker } from '../../worker-threads.ts';
import { readTextLines } from '../text-lines.ts';
import type { BatchRequest, BatchResult, LineFormat } from './protocol.ts';

export type { LineFormat };

/**
 * A kept-or-not record and its encoded words `words[from .. to)` in the id space of `map`; when the word index is
 * built and holds the record, its surface words `surface[surfaceFrom .. surfaceTo)` (`DocumentEncoder` layout) in
 * that of `surfaceMap` (else an empty range).
 */
export interface EncodedDoc {
  doc: RawDoc;
  words: Int32Array;
  from: number;
  to: number;
  map: WordMap;
  surface: Int32Array;
  surfaceFrom: number;
  surfaceTo: number;
  surfaceMap: SurfaceWordMap | null;
}

export interface PoolReadOptions {
  maxDate: string;
  maxAbstractChars: number;
  report: ReportInputError;
}

const BATCH_LINES = 1024;
const BATCH_CHARS = 4 * 1024 * 1024;
const IN_FLIGHT_PER_WORKER = 3;

interface PoolWorker {
  worker: Worker;
  map: WordMap;
  surfaceMap: SurfaceWordMap | null;
  waiting: { resolve: (result: BatchResult) => void; reject: (error: unknown) => void }[];
}

interface PendingBatch {
  /** Problems found while reading lines (bad UTF-8, overlong line), before the record at `index`. */
  readErrors: { index: number; error: InputError }[];
  worker: PoolWorker | null;
  result: Promise<BatchResult | null>;
}

export class AnalyzePool {
  readonly #workers: PoolWorker[];
  readonly #terms: TermBuilder;
  readonly #wordIndex: WordIndexBuilder | null;
  #seq = 0;
  #failure: Error | null = null;

  private constructor(workers: PoolWorker[], terms: TermBuilder, wordIndex: WordIndexBuilder | null) {
    this.#workers = workers;
    this.#terms = terms;
    this.#wordIndex = wordIndex;
  }

  /** Starts `size` (>= 1) worker threads whose words are registered in `terms` (surface words in `wordIndex`). */
  static create(size: number, terms: TermBuilder, wordIndex: WordIndexBuilder | null = null): AnalyzePool {
    const workers: PoolWorker[] = [];
    const pool = new AnalyzePool(workers, terms, wordIndex);
    for (let i = 0; i < size; i++) {
      const entry: PoolWorker = {
        worker: startWorker('analyze-worker', import.meta.url),
        map: terms.newWordMap(),
        surfaceMap: wordIndex?.newWordMap() ?? null,
        waiting: [],
      };
      entry.worker.on('message', (result: BatchResult) => entry.waiting.shift()?.resolve(result));
      const fail = (error: Error): void => {
        pool.#failure ??= error;
        for (const waiter of entry.waiting.splice(0)) waiter.reject(error);
      };
      entry.worker.on('error', fail);
      entry.worker.on('exit', (code) => fail(new Error(`analysis worker exited with code ${code}`)));
      workers.push(entry);
    }
    return pool;
  }

  /** The records of `file` in file order, encoded; problems go to `report` in file order, as `readInput` does. */
  async *read(file: string, format: LineFormat, options: PoolReadOptions): AsyncGenerator<EncodedDoc> {
    const pending: PendingBatch[] = [];
    let texts: string[] = [];
    let lines: number[] = [];
    let chars = 0;
    let readErrors: PendingBatch['readErrors'] = [];
    const flush = (): void => {
      const { maxDate, maxAbstractChars } = options;
      // Once past its document limit the index writes nothing: stop encoding for it.
      const indexWords = this.#wordIndex?.collecting ?? false;
      pending.push(
        this.#dispatch(
          { seq: this.#seq++, file, format, maxDate, maxAbstractChars, texts, lines, indexWords },
          readErrors,
        ),
      );
      texts = [];
      lines = [];
      readErrors = [];
      chars = 0;
    };
    const reportWhileReading = (error: InputError): void => {
      readErrors.push({ index: texts.length, error });
    };
    for await (const { text, line } of readTextLines(file, reportWhileReading)) {
      texts.push(text);
      lines.push(line);
      chars += text.length;
      if (texts.length === BATCH_LINES || chars >= BATCH_CHARS) {
        flush();
        while (pending.length >= IN_FLIGHT_PER_WORKER * this.#workers.length) {
          yield* this.#deliver(pending.shift()!, file, options.report);
        }
      }
    }
    if (texts.length > 0 || readErrors.length > 0) flush();
    while (pending.length > 0) yield* this.#deliver(pending.shift()!, file, options.report);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (entry) => {
        entry.worker.removeAllListeners('exit');
        await entry.worker.terminate();
      }),
    );
  }

  #dispatch(message: BatchRequest, readErrors: PendingBatch['readErrors']): PendingBatch {
    if (message.texts.length === 0) return { readErrors, worker: null, result: Promise.resolve(null) };
    const entry = this.#workers.reduce((best, next) => (next.waiting.length < best.waiting.length ? next : best));
    const result = new Promise<BatchResult>((resolve, reject) => {
      if (this.#failure !== null) return reject(this.#failure);
      entry.waiting.push({ resolve, reject });
      entry.worker.postMessage(message);
    });
    // Rejections are awaited in order by #deliver; this keeps an early one from being "unhandled" meanwhile.
    result.catch(() => undefined);
    return { readErrors, worker: entry, result };
  }

  async *#deliver(batch: PendingBatch, file: string, report: ReportInputError): AsyncGenerator<EncodedDoc> {
    const result = await batch.result;
    let nextError = 0;
    const reportReadErrorsBefore = (index: number): void => {
      while (nextError < batch.readErrors.length && batch.readErrors[nextError]!.index <= index) {
        report(batch.readErrors[nextError++]!.error);
      }
    };
    if (result !== null && batch.worker !== null) {
      const { map, surfaceMap } = batch.worker;
      this.#terms.addWords(map, result.newWords);
      if (surfaceMap !== null) this.#wordIndex?.addWords(surfaceMap, result.newSurfaceWords);
      const { encoded: words, surface } = result;
      let from = 0;
      let surfaceFrom = 0;
      for (let i = 0; i < result.results.length; i++) {
        reportReadErrorsBefore(i);
        const record = result.results[i]!;
        const to = result.ends[i]!;
        const surfaceTo = result.surfaceEnds[i]!;
        if (record !== null) {
          if ('error' in record) report(new InputError(file, record.line, record.error));
          else yield { doc: record, words, from, to, map, surface, surfaceFrom, surfaceTo, surfaceMap };
        }
        from = to;
        surfaceFrom = surfaceTo;
      }
    }
    reportReadErrorsBefore(Infinity);
  }
}
