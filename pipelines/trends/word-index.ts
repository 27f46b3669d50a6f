/**
 * Surface-word positional index for term trends: every word (see `src/shared/words.ts`) of every title and abstract
 * dated to the day or month, as written (lower case, before stemming and stop-word removal), with its positions, so
 * the dashboard counts the papers that contain exactly the typed word or phrase.
 *
 * Text is normalized as the analyzer does (`normalizeText`: TeX, URLs and e-mail addresses removed, NFKC), then
 * lower-cased and split into words. Title words take positions 0..t-1 and abstract words t+1.., so a phrase never
 * runs from the title into the abstract. Documents are numbered 0..n-1 by (month, doc_id); `word_postings` holds
 * one row per occurrence (word, month, doc, position) sorted by word, and `words` says where each word's rows lie
 * and its Porter stem (the same stemmer as the vocabulary), which groups a word's family ("transformer",
 * "transformers", "transformed", ...).
 *
 * Cost: one pass over the text, O(characters); rows = words in dated titles and abstracts (~190 a paper, 3.0 M
 * rows, 9.0 MB + 0.5 MB of Parquet for the bundled 16k-paper corpus, ~0.6 KB a paper). Above `maxDocs` dated documents
 * both tables are written empty and the dashboard falls back to the stem-based `term_trends`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { wordsOf } from '../../src/shared/words.ts';
import { normalizeText } from '../text/normalize.ts';
import { CachedStemmer } from '../text/stem.ts';
import type { OutputDatabase } from '../write/output-database.ts';

/** Dated documents up to which a run writes the word index by default (`--word-index-max-docs`). */
export const DEFAULT_WORD_INDEX_MAX_DOCS = 100_000;

/** Relations (SQL `FROM` expressions) over staged tables, for the writer's COPY. */
export interface WordIndexSources {
  wordPostings: string;
  words: string;
  /** Dated documents indexed (0 when over `maxDocs`). */
  indexedDocs: number;
}

/**
 * Stages the index of `documents` (a relation with title, abstract, date DATE or ISO VARCHAR, date_precision,
 * doc_id) in `connection` under `prefix`.
 * @param maxDocs more dated documents than this: nothing is indexed; 0 turns the index off
 */
export async function stageWordIndex(
  connection: DuckDBConnection,
  documents: string,
  maxDocs: number,
  prefix = 'wi',
): Promise<WordIndexSources> {
  await connection.run(`CREATE TABLE ${prefix}_words (word_id INTEGER, word VARCHAR, stem VARCHAR)`);
  await connection.run(`CREATE TABLE ${prefix}_postings (word_id INTEGER, doc INTEGER, position INTEGER)`);
  const dated = `FROM ${documents} WHERE date IS NOT NULL AND date_precision IN ('day', 'month')`;
  const counted = await connection.runAndReadAll(`SELECT count(*)::INTEGER ${dated}`);
  const nDocs = Number(counted.getRows()[0]![0]);
  const indexedDocs = nDocs <= maxDocs ? nDocs : 0;
  if (indexedDocs > 0) await indexDocuments(connection, dated, prefix);
  else await connection.run(`CREATE TABLE ${prefix}_docs (doc INTEGER, period_start VARCHAR)`);
  return {
    wordPostings: `(SELECT w.word, d.period_start, p.doc, p.position FROM ${prefix}_postings p JOIN ${prefix}_words w USING (word_id) JOIN ${prefix}_docs d USING (doc))`,
    // first_row counts the rows of all smaller words in DuckDB's own VARCHAR order, the order of the COPY.
    words: `(SELECT w.word, w.stem, c.doc_freq, coalesce(sum(c.n) OVER (ORDER BY w.word ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_row, c.n AS row_count FROM ${prefix}_words w JOIN (SELECT word_id, count(*) AS n, count(DISTINCT doc) AS doc_freq FROM ${prefix}_postings GROUP BY word_id) c USING (word_id))`,
    indexedDocs,
  };
}

/** Writes `words` and `word_postings` for `documents` (see `stageWordIndex`); returns the documents indexed. */
export async function writeWordIndex(
  database: OutputDatabase,
  documents: string,
  maxDocs: number,
  outDir: string,
): Promise<number> {
  const index = await database.stage((connection) => stageWordIndex(connection, documents, maxDocs));
  await database.writeRelation('wordPostings', index.wordPostings, outDir);
  await database.writeRelation('words', index.words, outDir);
  return index.indexedDocs;
}

/** Documents read back per query: appending while a streamed result is open on the same connection ends it. */
const BATCH_DOCS = 4096;

async function indexDocuments(connection: DuckDBConnection, dated: string, prefix: string): Promise<void> {
  await connection.run(
    `CREATE TABLE ${prefix}_docs AS SELECT (row_number() OVER (ORDER BY period_start, doc_id) - 1)::INTEGER AS doc, period_start, title, abstract FROM (SELECT strftime(CAST(date AS DATE), '%Y-%m-01') AS period_start, doc_id, title, abstract ${dated})`,
  );
  const wordIds = new Map<string, number>();
  const stemmer = new CachedStemmer();
  const words = await connection.createAppender(`${prefix}_words`);
  const postings = await connection.createAppender(`${prefix}_postings`);
  const wordId = (word: string): number => {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = wordIds.size;
      wordIds.set(word, id);
      words.appendInteger(id);
      words.appendVarchar(word);
      words.appendVarchar(stemmer.stem(word));
      words.endRow();
    }
    return id;
  };
  for (let from = 0; ; from += BATCH_DOCS) {
    const batch = await connection.runAndReadAll(
      `SELECT doc, title, abstract FROM ${prefix}_docs WHERE doc >= ${from} AND doc < ${from + BATCH_DOCS} ORDER BY doc`,
    );
    const rows = batch.getRows();
    if (rows.length === 0) break;
    for (const [doc, title, abstract] of rows) {
      let position = 0;
      for (const text of [String(title), String(abstract)]) {
        for (const word of wordsOf(normalizeText(text).toLowerCase())) {
          postings.appendInteger(wordId(word));
          postings.appendInteger(Number(doc));
          postings.appendInteger(position++);
          postings.endRow();
        }
        // A gap after the title: no phrase spans title and abstract.
        position++;
      }
    }
  }
  for (const appender of [words, postings]) {
    appender.flushSync();
    appender.closeSync();
  }
}
