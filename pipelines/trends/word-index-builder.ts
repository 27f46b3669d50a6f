/**
 * The word index (see `word-index.ts`) collected during reading: each kept, day- or month-dated record's surface
 * words (from `DocumentEncoder`, one encoder per worker thread, merged into global word ids here) become postings
 * (word, position) of its staged document, held in JS (`PostingLists`), and each word's row count and document
 * frequency are counted. `stageCollectedWordIndex` then numbers the documents, sorts and stages the postings, and
 * gives the same tables as indexing the written documents' text would, without reading and splitting it again.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DatePrecision } from '../../src/schema.ts';
import type { NewSurfaceWords } from '../text/surface-word-encoder.ts';
import { PostingLists } from './posting-lists.ts';

/** One encoder's local surface-word id -> global word id. */
export class SurfaceWordMap {
  ids = new Int32Array(1024);
}

/** Whether the word index holds a document with this date: dated to the day or month. */
export function isIndexedDate(date: string | null, precision: DatePrecision | null): boolean {
  return date !== null && (precision === 'day' || precision === 'month');
}

export class WordIndexBuilder {
  /** Of the staging tables: `${prefix}_postings`, `${prefix}_words`, `${prefix}_docs`. */
  readonly prefix: string;
  readonly #maxDocs: number;
  readonly #wordIds = new Map<string, number>();
  readonly #words: string[] = [];
  readonly #stems: string[] = [];
  #rowCount = new Int32Array(1024);
  #docFreq = new Int32Array(1024);
  #lastDoc = new Int32Array(1024).fill(-1);
  /** The indexed documents' postings, by staging index (`doc_index`). */
  readonly #postings = new PostingLists();
  #indexedDocs = 0;

  /** @param maxDocs more indexed documents: nothing is written */
  constructor(maxDocs: number, prefix = 'wi') {
    this.prefix = prefix;
    this.#maxDocs = maxDocs;
  }

  /** Whether documents are still indexed (false once more than maxDocs were offered). */
  get collecting(): boolean {
    return this.#indexedDocs <= this.#maxDocs;
  }

  newWordMap(): SurfaceWordMap {
    return new SurfaceWordMap();
  }

  /** Registers an encoder's new surface words (from `drainNewWords`) in its map. */
  addWords(map: SurfaceWordMap, words: NewSurfaceWords | null): void {
    if (words === null) return;
    const end = words.firstId + words.words.length;
    if (map.ids.length < end) {
      const grown = new Int32Array(Math.max(end, 2 * map.ids.length));
      grown.set(map.ids);
      map.ids = grown;
    }
    for (let i = 0; i < words.words.length; i++) {
      map.ids[words.firstId + i] = this.#globalWord(words.words[i]!, words.stems[i]!);
    }
  }

  /**
   * Indexes the staged document `docIndex` (an indexed date) from its surface encoding `encoded[from .. to)`:
   * title word count, title words, abstract words. Title words take positions 0..t-1, abstract words t+1.., so a
   * phrase never runs from the title into the abstract.
   */
  addDocument(docIndex: number, encoded: Int32Array, from: number, to: number, map: SurfaceWordMap): void {
    if (++this.#indexedDocs > this.#maxDocs) {
      if (this.#indexedDocs === this.#maxDocs + 1) this.#postings.clear();
      return;
    }
    const ids = map.ids;
    const titleEnd = from + 1 + encoded[from]!;
    const postings = this.#postings;
    postings.startDocument(docIndex);
    for (let k = from + 1; k < to; k++) {
      const word = ids[encoded[k]!]!;
      postings.add(word, k < titleEnd ? k - from - 1 : k - from);
      this.#rowCount[word]!++;
      if (this.#lastDoc[word] !== docIndex) {
        this.#lastDoc[word] = docIndex;
        this.#docFreq[word]!++;
      }
    }
  }

  /**
   * Stages `words` and the document numbering (`doc`, `doc_index`); returns the indexed documents (0 when over
   * maxDocs, whose tables are then empty) and their postings, by `doc_index`. `documents`: the staged documents
   * (doc_index, doc_id, date, date_precision).
   */
  async finish(
    connection: DuckDBConnection,
    documents: string,
  ): Promise<{ indexedDocs: number; postings: PostingLists }> {
    const prefix = this.prefix;
    const indexedDocs = this.collecting ? this.#indexedDocs : 0;
    await connection.run(
      `CREATE TABLE ${prefix}_words (word_id INTEGER, word VARCHAR, stem VARCHAR, n INTEGER, doc_freq INTEGER)`,
    );
    if (indexedDocs === 0) {
      await connection.run(`CREATE TABLE ${prefix}_docs (doc INTEGER, doc_index INTEGER, period_start VARCHAR)`);
      return { indexedDocs, postings: new PostingLists() };
    }
    await connection.run(
      `CREATE TABLE ${prefix}_docs AS SELECT (row_number() OVER (ORDER BY period_start, doc_id) - 1)::INTEGER AS doc, doc_index, period_start FROM (SELECT strftime(CAST(date AS DATE), '%Y-%m-01') AS period_start, doc_id, doc_index FROM ${documents} WHERE date IS NOT NULL AND date_precision IN ('day', 'month'))`,
    );
    const appender = await connection.createAppender(`${prefix}_words`);
    for (let id = 0; id < this.#words.length; id++) {
      // Words seen only in skipped duplicates or undated records have no postings.
      if (this.#rowCount[id] === 0) continue;
      appender.appendInteger(id);
      appender.appendVarchar(this.#words[id]!);
      appender.appendVarchar(this.#stems[id]!);
      appender.appendInteger(this.#rowCount[id]!);
      appender.appendInteger(this.#docFreq[id]!);
      appender.endRow();
    }
    appender.flushSync();
    appender.closeSync();
    return { indexedDocs, postings: this.#postings };
  }

  #globalWord(word: string, stem: string): number {
    let id = this.#wordIds.get(word);
    if (id !== undefined) return id;
    id = this.#words.length;
    this.#wordIds.set(word, id);
    this.#words.push(word);
    this.#stems.push(stem);
    if (id === this.#rowCount.length) {
      this.#rowCount = grown(this.#rowCount, 0);
      this.#docFreq = grown(this.#docFreq, 0);
      this.#lastDoc = grown(this.#lastDoc, -1);
    }
    return id;
  }
}

function grown(array: Int32Array, fill: number): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(2 * array.length);
  bigger.set(array);
  if (fill !== 0) bigger.fill(fill, array.length);
  return bigger;
}
