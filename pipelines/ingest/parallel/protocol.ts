/** Messages between `AnalyzePool` and its worker threads (`analyze-worker.ts`). */
import type { InputFormat } from '../../../src/schema.ts';
import type { RawDoc } from '../raw-doc.ts';
import type { NewSurfaceWords } from '../../text/surface-word-encoder.ts';
import type { NewWords } from '../../text/word-encoder.ts';

/** Formats whose records are single lines, so that lines can be parsed in any thread. */
export type LineFormat = Extract<InputFormat, 'jsonl' | 'arxiv-snapshot'>;

export interface BatchRequest {
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
  /** Surface words (`DocumentEncoder` layout) of indexed records: surface[surfaceEnds[i - 1] .. surfaceEnds[i]). */
  surface: Int32Array<ArrayBuffer>;
  surfaceEnds: Int32Array<ArrayBuffer>;
  newSurfaceWords: NewSurfaceWords | null;
}
