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
 * A full run splits the words while reading (`word-index-builder.ts`, in the analysis workers) and stages them with
 * `stageCollectedWordIndex`; `stageWordIndex` reads the text back and splits it here (`assign`, whose documents include
 * an earlier output's).
 *
 * Cost: one pass over the text, O(characters); rows = words in dated titles and abstracts (~190 a paper, 3.0 M
 * rows, 9.0 MB + 0.5 MB of Parquet for the bundled 16k-paper corpus, ~0.6 KB a paper). Above `maxDocs` dated documents
 * both tables are written empty and the dashboard falls back to the stem-based `term_trends`.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { wordsOf } from '../../src/shared/words.ts';
import { normalizeText } from '../text/normalize.ts';
import { CachedStemmer } from '../text/stem.ts';
import { Int32Columns, STAGED_DOCUMENTS, type OutputDatabase } from '../write/output-database.ts';
import type { WordIndexBuilder } from './word-index-builder.ts';

/** Dated documents up to which a run writes the word index by default (`--word-index-max-docs`). */
export const DEFAULT_WORD_INDEX_MAX_DOCS = 100_000;

/** Relations (SQL `FROM` expressions) over staged tables, for the writer's COPY. */
export interface WordIndexSources {
  wordPostings: string;
  /** ORDER BY over `wordPostings` equivalent to the table's sort key (word, doc, position). */
  wordPostingsOrder: string;
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
  // n and doc_freq are counted while indexing: a GROUP BY with count(DISTINCT doc) over millions of postings cost
  // more than the counting.
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_words (word_id INTEGER, word VARCHAR, stem VARCHAR, n INTEGER, doc_freq INTEGER)`,
  );
  await connection.run(`CREATE TEMP TABLE ${prefix}_postings (word_id INTEGER, doc INTEGER, position INTEGER)`);
  const dated = `FROM ${documents} WHERE date IS NOT NULL AND date_precision IN ('day', 'month')`;
  const counted = await connection.runAndReadAll(`SELECT count(*)::INTEGER ${dated}`);
  const nDocs = Number(counted.getRows()[0]![0]);
  const indexedDocs = nDocs <= maxDocs ? nDocs : 0;
  if (indexedDocs > 0) await indexDocuments(connection, dated, prefix);
  else await connection.run(`CREATE TEMP TABLE ${prefix}_docs (doc INTEGER, period_start VARCHAR)`);
  return wordIndexSources(connection, prefix, indexedDocs, 'doc');
}

/**
 * Stages the index collected while reading (see `word-index-builder.ts`) over `documents`, the staged documents
 * (doc_index, doc_id, date, date_precision): the same relations as `stageWordIndex` of those documents.
 */
export async function stageCollectedWordIndex(
  connection: DuckDBConnection,
  builder: WordIndexBuilder,
  documents: string,
): Promise<WordIndexSources> {
  const indexedDocs = await builder.finish(connection, documents);
  return wordIndexSources(connection, builder.prefix, indexedDocs, 'doc_index');
}

/** `postingsDoc`: the column joining `${prefix}_postings` with `${prefix}_docs` (doc, or doc_index). */
async function wordIndexSources(
  connection: DuckDBConnection,
  prefix: string,
  indexedDocs: number,
  postingsDoc: 'doc' | 'doc_index',
): Promise<WordIndexSources> {
  // Each word's rank in DuckDB's own VARCHAR order, the order of both COPYs: sorting the postings by this integer
  // instead of the word itself gives the same rows in the same order, for a fraction of the cost.
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_ranked AS SELECT word_id, word, stem, n, doc_freq, (row_number() OVER (ORDER BY word))::INTEGER AS word_rank FROM ${prefix}_words`,
  );
  return {
    wordPostings: `(SELECT w.word, d.period_start, d.doc, p.position, w.word_rank FROM ${prefix}_postings p JOIN ${prefix}_ranked w USING (word_id) JOIN ${prefix}_docs d USING (${postingsDoc}))`,
    wordPostingsOrder: 'word_rank, doc, position',
    // first_row counts the rows of all smaller words in DuckDB's own VARCHAR order, the order of the COPY.
    words: `(SELECT word, stem, doc_freq, coalesce(sum(n) OVER (ORDER BY word ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_row, n AS row_count FROM ${prefix}_ranked)`,
    indexedDocs,
  };
}

/**
 * Writes `words` and `word_postings` for `documents` (see `stageWordIndex`), or from the index `collected` while
 * reading them when given; returns the documents indexed.
 */
export async function writeWordIndex(
  database: OutputDatabase,
  documents: string,
  maxDocs: number,
  outDir: string,
  collected: WordIndexBuilder | null = null,
): Promise<number> {
  const index = await database.stage((connection) =>
    collected === null
      ? stageWordIndex(connection, documents, maxDocs)
      : stageCollectedWordIndex(connection, collected, STAGED_DOCUMENTS),
  );
  await database.writeRelation('wordPostings', index.wordPostings, outDir, index.wordPostingsOrder);
  await database.writeRelation('words', index.words, outDir);
  return index.indexedDocs;
}

/** Documents read back per query: appending while a streamed result is open on the same connection ends it. */
const BATCH_DOCS = 4096;

async function indexDocuments(connection: DuckDBConnection, dated: string, prefix: string): Promise<void> {
  await connection.run(
    `CREATE TEMP TABLE ${prefix}_docs AS SELECT (row_number() OVER (ORDER BY period_start, doc_id) - 1)::INTEGER AS doc, period_start, title, abstract FROM (SELECT strftime(CAST(date AS DATE), '%Y-%m-01') AS period_start, doc_id, title, abstract ${dated})`,
  );
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  // Per word: its postings, the documents it occurs in, and the last document seen (documents come in order).
  const rowCount: number[] = [];
  const docFreq: number[] = [];
  const lastDoc: number[] = [];
  const postings = new Int32Columns(3);
  const wordId = (word: string): number => {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = wordIds.size;
      wordIds.set(word, id);
      words.push(word);
      rowCount.push(0);
      docFreq.push(0);
      lastDoc.push(-1);
    }
    return id;
  };
  for (let from = 0; ; from += BATCH_DOCS) {
    const batch = await connection.runAndReadAll(
      `SELECT doc, title, abstract FROM ${prefix}_docs WHERE doc >= ${from} AND doc < ${from + BATCH_DOCS} ORDER BY doc`,
    );
    const rows = batch.getRows();
    if (rows.length === 0) break;
    for (const [docValue, title, abstract] of rows) {
      const doc = Number(docValue);
      let position = 0;
      for (const text of [String(title), String(abstract)]) {
        for (const word of wordsOf(normalizeText(text).toLowerCase())) {
          const id = wordId(word);
          postings.push(id, doc, position++);
          rowCount[id]!++;
          if (lastDoc[id] !== doc) {
            lastDoc[id] = doc;
            docFreq[id]!++;
          }
        }
        // A gap after the title: no phrase spans title and abstract.
        position++;
      }
    }
  }
  const stemmer = new CachedStemmer();
  const wordAppender = await connection.createAppender(`${prefix}_words`);
  words.forEach((word, id) => {
    wordAppender.appendInteger(id);
    wordAppender.appendVarchar(word);
    wordAppender.appendVarchar(stemmer.stem(word));
    wordAppender.appendInteger(rowCount[id]!);
    wordAppender.appendInteger(docFreq[id]!);
    wordAppender.endRow();
  });
  wordAppender.flushSync();
  wordAppender.closeSync();
  const postingAppender = await connection.createAppender(`${prefix}_postings`);
  await postings.appendTo(postingAppender);
  postingAppender.closeSync();
}
