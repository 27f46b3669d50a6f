/**
 * The reading stage's source of records with their encoded words: line formats (JSON Lines, arXiv snapshot)
 * through an `AnalyzePool` of worker threads when `workers` > 1, everything else (and `workers` = 1) in this
 * thread with `readInput` + one `DocumentEncoder`. Both give the same records, errors and words, in file order.
 */
import type { TermBuilder, WordMap } from '../../features/term-builder.ts';
import { readInput, type IngestOptions, type InputFormat } from '../read-input.ts';
import { DocumentEncoder } from '../../text/document-encoder.ts';
import { IntBuffer } from '../../text/word-encoder.ts';
import { isIndexedDate, type SurfaceWordMap, type WordIndexBuilder } from '../../trends/word-index-builder.ts';
import { AnalyzePool, type EncodedDoc } from './analyze-pool.ts';

export type { EncodedDoc };

export class DocumentReader {
  readonly #workers: number;
  readonly #terms: TermBuilder;
  readonly #wordIndex: WordIndexBuilder | null;
  #pool: AnalyzePool | null = null;
  #encoder: DocumentEncoder | null = null;
  #map: WordMap | null = null;
  #surfaceMap: SurfaceWordMap | null = null;

  /**
   * @param workers threads for line formats; 1 = none (parse and encode here).
   * @param wordIndex where the surface words of records go, if the word index is built.
   */
  constructor(workers: number, terms: TermBuilder, wordIndex: WordIndexBuilder | null = null) {
    this.#workers = workers;
    this.#terms = terms;
    this.#wordIndex = wordIndex;
  }

  read(file: string, options: IngestOptions & { format: InputFormat }): AsyncGenerator<EncodedDoc> {
    if (this.#workers > 1 && (options.format === 'jsonl' || options.format === 'arxiv-snapshot')) {
      this.#pool ??= AnalyzePool.create(this.#workers, this.#terms, this.#wordIndex);
      return this.#pool.read(file, options.format, options);
    }
    return this.#readHere(file, options);
  }

  /** Stops the worker threads, if any were started, and drops the encoder's token table. */
  async close(): Promise<void> {
    await this.#pool?.close();
    this.#pool = null;
    this.#encoder = null;
    this.#map = null;
    this.#surfaceMap = null;
  }

  async *#readHere(file: string, options: IngestOptions): AsyncGenerator<EncodedDoc> {
    const encoder = (this.#encoder ??= new DocumentEncoder());
    const map = (this.#map ??= this.#terms.newWordMap());
    const wordIndex = this.#wordIndex;
    const surfaceMap = wordIndex === null ? null : (this.#surfaceMap ??= wordIndex.newWordMap());
    const out = new IntBuffer();
    const surface = new IntBuffer();
    for await (const doc of readInput(file, options)) {
      out.clear();
      surface.clear();
      const indexed = wordIndex !== null && wordIndex.collecting && isIndexedDate(doc.date, doc.datePrecision);
      encoder.encode(doc.title, doc.abstract, out, indexed ? surface : null);
      this.#terms.addWords(map, encoder.words.drainNewWords());
      if (surfaceMap !== null) wordIndex!.addWords(surfaceMap, encoder.surfaces.drainNewWords());
      yield {
        doc,
        words: out.data,
        from: 0,
        to: out.length,
        map,
        surface: surface.data,
        surfaceFrom: 0,
        surfaceTo: surface.length,
        surfaceMap,
      };
    }
  }
}
