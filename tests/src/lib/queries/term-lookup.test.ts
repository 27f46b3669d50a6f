import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import {
  likePrefix,
  lookupTerms,
  normalizeTermInput,
  termSuggestionsQuery,
} from '../../../../src/lib/queries/term-lookup.ts';
import { termLookupQuery } from '../../../reference-sql/term-lookup.ts';
import type { RowOf } from '../../../../src/schema.ts';
import { fourMonthTables } from './four-month-tables.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await fourMonthTables();
});

describe('term lookup', () => {
  test('normalizeTermInput(text) lower-cases and squashes whitespace', () => {
    expect(normalizeTermInput('  Graph \t Neural ')).toBe('graph neural');
  });

  test('lookupTerms(rows, inputs) matches the readable term or the stem exactly, as termLookupQuery', async () => {
    const inputs = ['image', 'imag', 'graph', 'grap', 'none'];
    const rows = await runQuery(db, termLookupQuery(inputs));
    const terms = (await db.runAndReadAll('SELECT * FROM terms')).getRowObjectsJson() as unknown as RowOf<'terms'>[];
    expect(lookupTerms(terms, inputs)).toEqual(rows);
    expect(rows).toEqual([
      { input: 'graph', stem: 'graph', term: 'graph', doc_freq: 40, first_row: 0, row_count: 3 },
      { input: 'imag', stem: 'imag', term: 'image', doc_freq: 50, first_row: 5, row_count: 2 },
      { input: 'image', stem: 'imag', term: 'image', doc_freq: 50, first_row: 5, row_count: 2 },
    ]);
  });

  test('termSuggestionsQuery(prefix, limit) lists prefix matches, most frequent first', async () => {
    const rows = await runQuery(db, termSuggestionsQuery('Grap', 10));
    expect(rows.map((r) => r['term'])).toEqual(['graph', 'graph neural', 'graphics']);
    expect((await runQuery(db, termSuggestionsQuery('grap', 1))).map((r) => r['term'])).toEqual(['graph']);
  });

  test('suggestions match % and _ literally', async () => {
    expect(likePrefix('100%_')).toBe('100\\%\\_%');
    expect((await runQuery(db, termSuggestionsQuery('100%_', 10))).map((r) => r['term'])).toEqual(['100%_x']);
    expect(await runQuery(db, termSuggestionsQuery('%', 10))).toEqual([]);
    expect(await runQuery(db, termSuggestionsQuery("'; DROP TABLE terms;--", 10))).toEqual([]);
  });
});
