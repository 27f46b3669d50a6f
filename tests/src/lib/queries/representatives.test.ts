import { beforeAll, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import { representativePapersQuery } from '../../../reference-sql/papers.ts';
import { representativePapers } from '../../../../src/lib/queries/papers.ts';
import type { DocumentGroups } from '../../../../src/lib/db/document-groups.ts';
import { documentGroupsOf } from './documents-file.ts';

let db: DuckDBConnection;
let docs: DocumentGroups;

// Cluster 0: six papers, from 2023 to 2026, one undated and one dated to the year only; cluster 1: one paper.
beforeAll(async () => {
  db = await emptyTables();
  await db.run(`INSERT INTO documents VALUES
    ('a', 'A 2023', '', '2023-05-10', 'day', [], 's', 0, 0.95, 3),
    ('b', 'B 2025', '', '2025-03-01', 'month', [], 's', 0, 0.9, 4),
    ('c', 'C 2026', '', '2026-01-20', 'day', [], 's', 0, 0.99, 1),
    ('d', 'D 2025', '', '2025-11-30', 'day', [], 's', 0, 0.5, NULL),
    ('e', 'E undated', '', NULL, NULL, [], 's', 0, 0.97, 2),
    ('f', 'F 2025', '', '2025-01-01', 'year', [], 's', 0, 0.6, NULL),
    ('g', 'G 2025', '', '2025-06-01', 'day', [], 's', 1, 0.99, 1)`);
  docs = await documentGroupsOf(db);
});

/** The SQL answer's ids, after checking the dashboard's answer from documents.parquet equals it. */
async function ids(clusterId: number, from: string | null, to: string | null, limit = 5): Promise<unknown[]> {
  const sql = await runQuery(db, representativePapersQuery(clusterId, { from, to }, limit));
  expect(await representativePapers(docs, clusterId, { from, to }, limit)).toEqual(sql);
  return sql.map((r) => r['doc_id']);
}

test('representativePapersQuery(clusterId, range, limit) ranks by similarity among the papers dated in the range', async () => {
  // Today's 2025 filter listed c (2026), e (undated) and a (2023), the stored ranks 1-3.
  expect(await ids(0, '2025-01-01', '2025-12-31')).toEqual(['b', 'f', 'd']);
});

test('an open range gives the stored representatives, undated papers included', async () => {
  expect(await ids(0, null, null, 4)).toEqual(['c', 'e', 'a', 'b']);
});

test('one open end bounds the other side only', async () => {
  expect(await ids(0, '2025-06-01', null)).toEqual(['c', 'd']);
  expect(await ids(0, null, '2024-12-31')).toEqual(['a']);
});

test('a range without papers of the cluster gives none', async () => {
  expect(await ids(0, '2024-01-01', '2024-12-31')).toEqual([]);
  expect(await ids(0, '2025-12-31', '2025-01-01')).toEqual([]);
});

test('dates reach SQL as parameters', () => {
  const q = representativePapersQuery(0, { from: "2025-01-01'; DROP TABLE documents;--", to: null }, 5);
  expect(q.text).not.toContain('DROP');
  expect(q.params).toEqual([0, "2025-01-01'; DROP TABLE documents;--", 5]);
});
