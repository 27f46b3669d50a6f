import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import { twoClusterTables } from './two-cluster-tables.ts';
import { papersCountQuery, papersQuery, representativePapersQuery } from '../../../reference-sql/papers.ts';
import {
  matchingPapers,
  matchingRows,
  representativePapers,
  type PaperFilter,
} from '../../../../src/lib/queries/papers.ts';
import type { DocumentGroups } from '../../../../src/lib/db/document-groups.ts';
import { documentGroupsOf } from './documents-file.ts';
import { WORD_SEPARATOR } from '../../../../src/shared/words.ts';

let db: DuckDBConnection;
let docs: DocumentGroups;

beforeAll(async () => {
  db = await twoClusterTables();
  docs = await documentGroupsOf(db);
});

/** The SQL answer, after checking the dashboard's answer from documents.parquet equals it. */
async function papers(filter: PaperFilter): Promise<Record<string, unknown>[]> {
  const sql = await runQuery(db, papersQuery(filter, null, 0));
  expect(await matchingPapers(docs, filter)).toEqual(sql);
  expect((await matchingRows(docs, filter)).length).toBe((await runQuery(db, papersCountQuery(filter)))[0]?.['n']);
  return sql;
}

describe('papers queries', () => {
  const all = { clusterIds: [0], range: { from: null, to: null }, titleSearch: '' };

  test('representativePapers(docs, ...) lists ranked papers only, as representativePapersQuery', async () => {
    const found = await runQuery(db, representativePapersQuery(0, { from: null, to: null }, 5));
    expect(await representativePapers(docs, 0, { from: null, to: null }, 5)).toEqual(found);
    expect(found.map((r) => r['doc_id'])).toEqual(['a', 'b']);
    expect(found[1]).toEqual({
      doc_id: 'b',
      title: '100 graphs matched',
      date: '2024-04-02',
      labels: ['cs.DS', 'cs.LG'],
      cluster_id: 0,
      representative_rank: 2,
    });
  });

  test('matchingPapers(docs, filter) orders newest first with undated last, as papersQuery; the query pages', async () => {
    expect((await papers(all)).map((r) => r['doc_id'])).toEqual(['b', 'a', 'c']);
    expect((await runQuery(db, papersQuery(all, 1, 1))).map((r) => r['doc_id'])).toEqual(['a']);
  });

  test('a date range leaves out undated papers', async () => {
    const found = await papers({ ...all, range: { from: '2024-01-01', to: '2024-01-31' } });
    expect(found.map((r) => r['doc_id'])).toEqual(['a']);
  });

  test('title search finds titles with a word beginning with each typed word, any case; symbols only separate', async () => {
    const search = async (titleSearch: string) => (await papers({ ...all, titleSearch })).map((r) => r['doc_id']);
    expect(await search('100%')).toEqual(['b', 'a']);
    expect(await search('graph_')).toEqual(['b', 'a']);
    expect(await search('GRAPH match')).toEqual(['b', 'a']);
    expect(await search('matched')).toEqual(['b']);
    // A typed word begins a title word; it is not found inside one.
    expect(await search('raph')).toEqual([]);
    expect(await search("'; DROP TABLE documents;--")).toEqual([]);
    expect(await search('<script>')).toEqual(['c']);
    // No letter or digit: no search.
    expect(await search('%_')).toEqual(['b', 'a', 'c']);
  });

  test('no selected cluster means every cluster', async () => {
    expect(await papers({ clusterIds: [], range: { from: null, to: null }, titleSearch: '' })).toHaveLength(4);
    expect(await papers({ clusterIds: [], range: { from: null, to: null }, titleSearch: 'IMAGE' })).toHaveLength(1);
    expect(await papers({ clusterIds: [0, 1], range: { from: '2024-02-01', to: null }, titleSearch: '' })).toHaveLength(
      2,
    );
  });

  test('cluster ids, dates and search text are parameters', () => {
    const q = papersQuery({ clusterIds: [3, 4], range: { from: '2024-01-01', to: null }, titleSearch: 'x%' }, 25, 50);
    expect(q.text).toContain('IN (?, ?)');
    expect(q.params).toEqual([3, 4, '2024-01-01', `(^|${WORD_SEPARATOR})x`, 25, 50]);
  });
});

test('papers of a date are ordered by the bytes of their doc_id, as DuckDB orders VARCHAR, not by UTF-16 units', async () => {
  const db = await emptyTables();
  // U+FF71 is EF BD B1 in UTF-8 and U+1F600 F0 9F 98 80, but U+1F600 is D83D DE00 in UTF-16: the two orders differ.
  await db.run(`INSERT INTO documents VALUES
    ('\u{1F600}', 'Smile', '', '2024-01-10', 'day', [], 's', 0, 0.9, 1),
    ('\u{FF71}', 'Katakana', '', '2024-01-10', 'day', [], 's', 0, 0.8, 2),
    ('b', 'Latin', '', '2024-01-10', 'day', [], 's', 0, 0.7, NULL)`);
  const docs = await documentGroupsOf(db);
  const filter = { clusterIds: [0], range: { from: null, to: null }, titleSearch: '' };
  const sql = await runQuery(db, papersQuery(filter, null, 0));
  expect(sql.map((r) => r['title'])).toEqual(['Latin', 'Katakana', 'Smile']);
  expect(await matchingPapers(docs, filter)).toEqual(sql);
});
