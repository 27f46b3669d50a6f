/**
 * The word index (see `word-index.ts`) collected during reading: each kept, day- or month-dated record's surface
 * words (from `DocumentEncoder`, one encoder per worker thread, merged into global word ids here) become postings
 * (word, staged document, position), appended to a staging table a few hundred thousand rows at a time, and each
 * word's row count and document frequency are counted. `stageCollectedWordIndex` then numbers the documents and
 * gives the same tables as indexing the written documents' text would, without reading and splitting it again.
 */
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { DatePrecision } from '../../src/schema.ts';
import type { NewSurfaceWords } from '../text/surface-word-encoder.ts';
import { Int32Columns, type OutputDatabase } from '../write/output-database.ts';

/** One encoder's local surface-word id -> global word id. */
export class SurfaceWordMap {
  ids = new Int32Array(1024);
}

/** Whether the word index holds a document with this date: dated to the day or month. */
export function isIndexedDate(date: string | null, precision: DatePrecision | null): boolean {
  return date !== null && (precision === 'day' || precision === 'month');
}

/** Postings buffered in JS before they are appended to DuckDB. */
const FLUSH_ROWS = 1 << 18;

export class WordIndexBuilder {
  /** Of the staging tables: `${prefix}_postings`, `${prefix}_words`, `${prefix}_docs`. */
  readonly prefix: string;
  readonly #maxDocs: number;
  readonly #appender: DuckDBAppender;
  readonly #wordIds = new Map<string, number>();
  readonly #words: string[] = [];
  readonly #stems: string[] = [];
  #rowCount = new Int32Array(1024);
  #docFreq = new Int32Array(1024);
  #lastDoc = new Int32Array(1024).fill(-1);
  #postings = new Int32Columns(3);
  #indexedDocs = 0;

  private constructor(prefix: string, maxDocs: number, appender: DuckDBAppender) {
    this.prefix = prefix;
    this.#maxDocs = maxDocs;
    this.#appender = appender;
  }

  /** Creates the postings staging table in `database`. @param maxDocs more indexed documents: nothing is written */
  static async open(database: OutputDatabase, maxDocs: number, prefix = 'wi'): Promise<WordIndexBuilder> {
    const appender = await database.stage(async (connection) => {
      // TEMP (the output database's one connection reads it): millions of rows only the COPY reads need not go
      // through the database file's log and checkpoints.
      await connection.run(
        `CREATE TEMP TABLE ${prefix}_postings (word_id INTEGER, doc_index INTEGER, position INTEGER)`,
      );
      return connection.createAppender(`${prefix}_postings`);
    });
    return new WordIndexBuilder(prefix, maxDocs, appender);
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
  async addDocument(docIndex: number, encoded: Int32Array, from: number, to: number, map: SurfaceWordMap) {
    if (++this.#indexedDocs > this.#maxDocs) return;
    const ids = map.ids;
    const titleEnd = from + 1 + encoded[from]!;
    const postings = this.#postings;
    for (let k = from + 1; k < to; k++) {
      const word = ids[encoded[k]!]!;
      postings.push(word, docIndex, k < titleEnd ? k - from - 1 : k - from);
      this.#rowCount[word]!++;
      if (this.#lastDoc[word] !== docIndex) {
        this.#lastDoc[word] = docIndex;
        this.#docFreq[word]!++;
      }
    }
    if (postings.length >= FLUSH_ROWS) await this.#flush();
  }

  /**
   * Stages `words` and the document numbering beside the postings; the indexed documents (0 when over maxDocs,
   * whose tables are then empty). `documents`: the staged documents (doc_index, doc_id, date, date_precision).
   */
  async finish(connection: DuckDBConnection, documents: string): Promise<number> {
    await this.#flush();
    this.#appender.closeSync();
    const prefix = this.prefix;
    const indexedDocs = this.collecting ? this.#indexedDocs : 0;
    await connection.run(
      `CREATE TEMP TABLE ${prefix}_words (word_id INTEGER, word VARCHAR, stem VARCHAR, n INTEGER, doc_freq INTEGER)`,
    );
    if (indexedDocs === 0) {
      await connection.run(`CREATE TEMP TABLE ${prefix}_docs (doc INTEGER, doc_index INTEGER, period_start VARCHAR)`);
      return 0;
    }
    await connection.run(
      `CREATE TEMP TABLE ${prefix}_docs AS SELECT (row_number() OVER (ORDER BY period_start, doc_id) - 1)::INTEGER AS doc, doc_index, period_start FROM (SELECT strftime(CAST(date AS DATE), '%Y-%m-01') AS period_start, doc_id, doc_index FROM ${documents} WHERE date IS NOT NULL AND date_precision IN ('day', 'month'))`,
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
    return indexedDocs;
  }

  async #flush(): Promise<void> {
    if (this.#postings.length === 0) return;
    await this.#postings.appendTo(this.#appender);
    this.#postings = new Int32Columns(3);
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
