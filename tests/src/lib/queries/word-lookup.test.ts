import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import { closeWordsQuery, completeWord, lookupWords } from '../../../../src/lib/queries/term-lookup.ts';
import { wordCompletionsQuery, wordCountQuery, wordLookupQuery } from '../../../reference-sql/term-lookup.ts';
import type { RowOf } from '../../../../src/schema.ts';

let db: DuckDBConnection;
let index: RowOf<'words'>[];

beforeAll(async () => {
  db = await emptyTables();
  // word, stem, doc_freq, first_row, row_count
  await db.run(`INSERT INTO words VALUES
    ('diffusion', 'diffus', 40, 0, 50), ('model', 'model', 30, 50, 35), ('modeling', 'model', 5, 85, 5),
    ('models', 'model', 60, 90, 70), ('transform', 'transform', 4, 160, 4), ('transformer', 'transform', 20, 164, 25),
    ('transformers', 'transform', 9, 189, 10)`);
  // BIGINT first_row as a plain number, as the dashboard decodes it.
  index = (
    await db.runAndReadAll('SELECT * EXCLUDE (first_row), first_row::DOUBLE AS first_row FROM words')
  ).getRowObjectsJson() as unknown as RowOf<'words'>[];
});

/** The SQL answer, after checking the dashboard's in-memory lookup (`lookupWords`) equals it. */
async function lookup(typed: string[], family: boolean): Promise<Record<string, unknown>[]> {
  const sql = await runQuery(db, wordLookupQuery(typed, family));
  expect(lookupWords(index, typed, family)).toEqual(sql);
  return sql;
}

async function completions(prefix: string, limit: number): Promise<Record<string, unknown>[]> {
  const sql = await runQuery(db, wordCompletionsQuery(prefix, limit));
  expect(completeWord(index, prefix, limit)).toEqual(sql);
  return sql;
}

const words = (rows: Record<string, unknown>[]): string[] =>
  rows.map((r) => `${String(r['input'])}:${String(r['word'])}`);

describe('word lookup', () => {
  test('wordLookupQuery(words, false) finds each typed word itself, never its stem family', async () => {
    const rows = await lookup(['transformer', 'models', 'zzz'], false);
    expect(words(rows)).toEqual(['models:models', 'transformer:transformer']);
    expect(rows[1]).toMatchObject({ stem: 'transform', doc_freq: 20, first_row: 164, row_count: 25 });
  });

  test('wordLookupQuery(words, true) adds every word sharing the stem, most frequent first', async () => {
    const rows = await lookup(['transformer', 'model'], true);
    expect(words(rows)).toEqual([
      'model:models',
      'model:model',
      'model:modeling',
      'transformer:transformer',
      'transformer:transformers',
      'transformer:transform',
    ]);
  });

  test('closeWordsQuery(word, limit) suggests words within a small edit distance, or that the word begins', async () => {
    expect((await runQuery(db, closeWordsQuery('difusion', 5))).map((r) => r['word'])).toEqual(['diffusion']);
    expect((await runQuery(db, closeWordsQuery('transformr', 5))).map((r) => r['word'])).toEqual([
      'transformer', // distance 1, 20 papers
      'transform', // distance 1, 4 papers
      'transformers', // distance 2
    ]);
    expect((await runQuery(db, closeWordsQuery('modl', 5))).map((r) => r['word'])).toEqual(['model']);
    expect(await runQuery(db, closeWordsQuery("'; DROP TABLE words;--", 5))).toEqual([]);
  });

  test('wordCompletionsQuery(prefix, limit) lists words starting with the prefix, most frequent first', async () => {
    expect((await completions('mod', 2)).map((r) => r['word'])).toEqual(['models', 'model']);
    expect(await completions('%', 2)).toEqual([]);
    expect(await completions('transformer', 10)).toHaveLength(2);
    expect(await runQuery(db, wordCountQuery())).toEqual([{ n: index.length }]);
  });
});
