/** Messages between `AnalyzePool` and its worker threads (`analyze-worker.ts`). */
import type { InputFormat } from '../../../src/schema.ts';
import type { NewTerms, WordCounts } from '../../features/document-term-counter.ts';
import type { RawDoc } from '../raw-doc.ts';
import type { NewSurfaceWords } from '../../text/surface-word-encoder.ts';
import type { NewWords } from '../../text/word-encoder.ts';

/** Formats whose records are single lines, so that lines can be parsed in any thread. */
export type LineFormat = Extract<InputFormat, 'jsonl' | 'arxiv-snapshot'>;

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  /** Count bigrams as terms (`DocumentTermCounter`). */
  bigrams: boolean;
}

export interface BatchRequest {
  type: 'batch';
  seq: number;
  file: string;
  format: LineFormat;
  maxDate: string;
  maxAbstractChars: number;
  texts: string[];
  lines: number[];
  /** Encode the surface words of records the word index holds (see `DocumentEncoder`). */
  indexWords: boolean;
}

/** Asks for the word counts of the records counted so far (answered with `WordCounts`). */
export interface WordCountsRequest {
  type: 'word-counts';
}

export type WorkerRequest = BatchRequest | WordCountsRequest;
export type WorkerReply = BatchResult | WordCounts;

/** Per line of the batch, in order: a record, a reason it is bad, or null (blank line). */
export type LineResult = RawDoc | { error: string; line: number } | null;

export interface BatchResult {
  seq: number;
  results: LineResult[];
  /** Local word ids (from the worker's encoder) of the records' texts, one after another. */
  encoded: Int32Array<ArrayBuffer>;
  /** For results[i] a record: its words are encoded[ends[i - 1] .. ends[i]) (ends[-1] = 0). */
  ends: Int32Array<ArrayBuffer>;
  newWords: NewWords | null;
  /** The records' `DocumentTermCounter` triples: counted[countedEnds[i - 1] .. countedEnds[i]). */
  counted: Int32Array<ArrayBuffer>;
  countedEnds: Int32Array<ArrayBuffer>;
  newTerms: NewTerms | null;
  /** Surface words (`DocumentEncoder` layout) of indexed records: surface[surfaceEnds[i - 1] .. surfaceEnds[i]). */
  surface: Int32Array<ArrayBuffer>;
  surfaceEnds: Int32Array<ArrayBuffer>;
  newSurfaceWords: NewSurfaceWords | null;
}
