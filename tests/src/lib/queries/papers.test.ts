import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import { twoClusterTables } from './two-cluster-tables.ts';
import { papersCountQuery, papersQuery, representativePapersQuery } from '../../../../src/lib/queries/papers.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await twoClusterTables();
});

describe('papers queries', () => {
  const all = { clusterIds: [0], range: { from: null, to: null }, titleSearch: '' };

  test('representativePapersQuery lists ranked papers only', async () => {
    const rows = await runQuery(db, representativePapersQuery(0, { from: null, to: null }, 5));
    expect(rows.map((r) => r['doc_id'])).toEqual(['a', 'b']);
    expect(rows[1]).toEqual({
      doc_id: 'b',
      title: '100 graphs matched',
      date: '2024-04-02',
      labels: ['cs.DS', 'cs.LG'],
      cluster_id: 0,
      representative_rank: 2,
    });
  });

  test('papersQuery orders newest first with undated last, and pages', async () => {
    expect((await runQuery(db, papersQuery(all, null, 0))).map((r) => r['doc_id'])).toEqual(['b', 'a', 'c']);
    expect((await runQuery(db, papersQuery(all, 1, 1))).map((r) => r['doc_id'])).toEqual(['a']);
  });

  test('a date range leaves out undated papers', async () => {
    const q = papersQuery({ ...all, range: { from: '2024-01-01', to: '2024-01-31' } }, null, 0);
    expect((await runQuery(db, q)).map((r) => r['doc_id'])).toEqual(['a']);
  });

  test('title search matches % and _ literally, case-insensitively', async () => {
    const search = (titleSearch: string) => runQuery(db, papersQuery({ ...all, titleSearch }, null, 0));
    expect((await search('100%')).map((r) => r['doc_id'])).toEqual(['a']);
    expect((await search('graph_')).map((r) => r['doc_id'])).toEqual(['a']);
    expect((await search('GRAPH')).map((r) => r['doc_id'])).toEqual(['b', 'a']);
    expect((await search("'; DROP TABLE documents;--")).length).toBe(0);
    expect((await search('<script>')).map((r) => r['doc_id'])).toEqual(['c']);
  });

  test('no selected cluster means every cluster', async () => {
    const rows = await runQuery(
      db,
      papersCountQuery({ clusterIds: [], range: { from: null, to: null }, titleSearch: '' }),
    );
    expect(rows).toEqual([{ n: 4 }]);
  });

  test('cluster ids, dates and search text are parameters', () => {
    const q = papersQuery({ clusterIds: [3, 4], range: { from: '2024-01-01', to: null }, titleSearch: 'x%' }, 25, 50);
    expect(q.text).toContain('IN (?, ?)');
    expect(q.params).toEqual([3, 4, '2024-01-01', '%x\\%%', 25, 50]);
  });
});
