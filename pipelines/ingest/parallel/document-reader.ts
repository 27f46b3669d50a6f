/**
 * The reading stage's source of records with their encoded words: line formats (JSON Lines, arXiv snapshot)
 * through an `AnalyzePool` of worker threads when `workers` > 1, everything else (and `workers` = 1) in this
 * thread with `readInput` + one `WordEncoder`. Both give the same records, errors and words, in file order.
 */
import type { TermBuilder, WordMap } from '../../features/term-builder.ts';
import { readInput, type IngestOptions, type InputFormat } from '../read-input.ts';
import { IntBuffer, WordEncoder } from '../../text/word-encoder.ts';
import { AnalyzePool, type EncodedDoc } from './analyze-pool.ts';

export type { EncodedDoc };

export class DocumentReader {
  readonly #workers: number;
  readonly #terms: TermBuilder;
  #pool: AnalyzePool | null = null;
  #encoder: WordEncoder | null = null;
  #map: WordMap | null = null;

  /** @param workers threads for line formats; 1 = none (parse and encode here). */
  constructor(workers: number, terms: TermBuilder) {
    this.#workers = workers;
    this.#terms = terms;
  }

  read(file: string, options: IngestOptions & { format: InputFormat }): AsyncGenerator<EncodedDoc> {
    if (this.#workers > 1 && (options.format === 'jsonl' || options.format === 'arxiv-snapshot')) {
      this.#pool ??= AnalyzePool.create(this.#workers, this.#terms);
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
  }

  async *#readHere(file: string, options: IngestOptions): AsyncGenerator<EncodedDoc> {
    const encoder = (this.#encoder ??= new WordEncoder());
    const map = (this.#map ??= this.#terms.newWordMap());
    const out = new IntBuffer();
    for await (const doc of readInput(file, options)) {
      out.clear();
      encoder.encode(`${doc.title}. ${doc.abstract}`, out);
      this.#terms.addWords(map, encoder.drainNewWords());
      yield { doc, words: out.data, from: 0, to: out.length, map };
    }
  }
}
