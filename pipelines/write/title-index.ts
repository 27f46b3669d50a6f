/**
 * The title search index (`title_words`, `title_postings`), derived from the written `documents.parquet`, so a full
 * run, `--fit-sample`, `assign` and any other writer of documents index the same rows the same way. Each title's
 * distinct words (`titleWords`, src/shared/title-words.ts, the function the dashboard matches with) become one
 * posting per (word, document): the document's rank in the papers list (newest first, undated last, then doc_id),
 * its row in documents and its date. Postings are sorted by (word, rank): the words beginning with a typed prefix
 * are adjacent in `title_words`, so their postings are one row range, already in the list's order per word.
 *
 * Cost: one pass over the titles in JS, O(characters); ~11 postings a title (11.4M rows at 1M documents).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { titleWords } from '../../src/shared/title-words.ts';
import { Int32Columns, type OutputDatabase } from './output-database.ts';

const PREFIX = 'ti';
/**
 * Titles split per batch, so JS holds one batch's titles and postings (~11 a title), not the corpus's: at 10^7 titles
 * batches of 10^6 still took the process from 1.0 to 2.0 GiB of RSS (measured), all titles at once would hold ~1.6 GB
 * of postings alone. A batch is one scan of the titles' ranks.
 */
const TITLES_PER_BATCH = 100_000;

/**
 * Writes both tables for `documents` (a `read_parquet` of the written documents with `file_row_number`); the files do
 * not depend on `titlesPerBatch`.
 */
export async function writeTitleIndex(
  database: OutputDatabase,
  documents: string,
  outDir: string,
  titlesPerBatch = TITLES_PER_BATCH,
): Promise<void> {
  await database.stage((connection) => stageTitleIndex(connection, documents, titlesPerBatch));
  await database.writeRelation(
    'titlePostings',
    `(SELECT w.word, w.word_rank, d.doc_rank, d.doc_row, d.date FROM ${PREFIX}_postings p JOIN ${PREFIX}_words w USING (word_id) JOIN ${PREFIX}_docs d USING (doc_rank))`,
    outDir,
    // Sorting by the word's rank in DuckDB's VARCHAR order gives the sort key's order, for a fraction of the cost.
    'word_rank, doc_rank',
  );
  await database.writeRelation(
    'titleWords',
    `(SELECT word, doc_freq, coalesce(sum(doc_freq) OVER (ORDER BY word_rank ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS first_row FROM ${PREFIX}_words)`,
    outDir,
  );
}

async function stageTitleIndex(connection: DuckDBConnection, documents: string, titlesPerBatch: number): Promise<void> {
  await connection.run(
    `CREATE TEMP TABLE ${PREFIX}_docs AS SELECT (row_number() OVER (ORDER BY date DESC NULLS LAST, doc_id) - 1)::INTEGER AS doc_rank, file_row_number::INTEGER AS doc_row, CAST(date AS VARCHAR) AS date, title FROM ${documents}`,
  );
  const ids = new Map<string, number>();
  const docFreq: number[] = [];
  await connection.run(`CREATE TEMP TABLE ${PREFIX}_postings (word_id INTEGER, doc_rank INTEGER)`);
  const counted = await connection.runAndReadAll(`SELECT count(*)::INTEGER FROM ${PREFIX}_docs`);
  const titleCount = Number(counted.getRows()[0]![0]);
  for (let from = 0; from < titleCount; from += titlesPerBatch) {
    // A batch is read whole before its postings are appended: appending while a result streams ends the stream.
    const batch = await connection.runAndReadAll(
      `SELECT doc_rank, title FROM ${PREFIX}_docs WHERE doc_rank >= ${from} AND doc_rank < ${from + titlesPerBatch}`,
    );
    const postings = new Int32Columns(2);
    const [ranks, titles] = batch.getColumns() as [number[], string[]];
    for (let i = 0; i < ranks.length; i++) {
      const rank = ranks[i]!;
      for (const word of titleWords(titles[i]!)) {
        let id = ids.get(word);
        if (id === undefined) {
          id = ids.size;
          ids.set(word, id);
          docFreq.push(0);
        }
        docFreq[id]!++;
        postings.push(id, rank);
      }
    }
    const appender = await connection.createAppender(`${PREFIX}_postings`);
    await postings.appendTo(appender);
    appender.closeSync();
  }
  await connection.run(`CREATE TEMP TABLE ${PREFIX}_vocabulary (word_id INTEGER, word VARCHAR, doc_freq INTEGER)`);
  const words = await connection.createAppender(`${PREFIX}_vocabulary`);
  for (const [word, id] of ids) {
    words.appendInteger(id);
    words.appendVarchar(word);
    words.appendInteger(docFreq[id]!);
    words.endRow();
  }
  words.flushSync();
  words.closeSync();
  await connection.run(
    `CREATE TEMP TABLE ${PREFIX}_words AS SELECT word_id, word, doc_freq, (row_number() OVER (ORDER BY word))::INTEGER AS word_rank FROM ${PREFIX}_vocabulary`,
  );
}
