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
import { InputError, type ReportInputError } from '../../errors.ts';
import type { TermBuilder, WordMap } from '../../features/term-builder.ts';
import type { SurfaceWordMap, WordIndexBuilder } from '../../trends/word-index-builder.ts';
import type { RawDoc } from '../raw-doc.ts';
import { RequestPool, startWorker } from '../../worker-threads.ts';
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

/** What this thread keeps for one worker: its word ids mapped to global ones. */
interface WorkerWords {
  map: WordMap;
  surfaceMap: SurfaceWordMap | null;
}

interface PendingBatch {
  /** Problems found while reading lines (bad UTF-8, overlong line), before the record at `index`. */
  readErrors: { index: number; error: InputError }[];
  worker: WorkerWords | null;
  result: Promise<BatchResult | null>;
}

export class AnalyzePool {
  readonly #pool: RequestPool<BatchRequest, BatchResult>;
  readonly #words: WorkerWords[];
  readonly #terms: TermBuilder;
  readonly #wordIndex: WordIndexBuilder | null;
  #seq = 0;

  private constructor(size: number, terms: TermBuilder, wordIndex: WordIndexBuilder | null) {
    const workers = Array.from({ length: size }, () => startWorker('analyze-worker', import.meta.url));
    this.#pool = new RequestPool(workers, 'analysis worker');
    this.#words = workers.map(() => ({ map: terms.newWordMap(), surfaceMap: wordIndex?.newWordMap() ?? null }));
    this.#terms = terms;
    this.#wordIndex = wordIndex;
  }

  /** Starts `size` (>= 1) worker threads whose words are registered in `terms` (surface words in `wordIndex`). */
  static create(size: number, terms: TermBuilder, wordIndex: WordIndexBuilder | null = null): AnalyzePool {
    return new AnalyzePool(size, terms, wordIndex);
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
        while (pending.length >= IN_FLIGHT_PER_WORKER * this.#pool.size) {
          yield* this.#deliver(pending.shift()!, file, options.report);
        }
      }
    }
    if (texts.length > 0 || readErrors.length > 0) flush();
    while (pending.length > 0) yield* this.#deliver(pending.shift()!, file, options.report);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #dispatch(message: BatchRequest, readErrors: PendingBatch['readErrors']): PendingBatch {
    if (message.texts.length === 0) return { readErrors, worker: null, result: Promise.resolve(null) };
    const { worker, reply } = this.#pool.request(message);
    return { readErrors, worker: this.#words[worker]!, result: reply };
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
