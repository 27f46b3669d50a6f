import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import { periodTotalsQuery } from '../../../../src/lib/queries/trend-series.ts';
import { clusterSummaryQuery } from '../../../reference-sql/cluster-summary.ts';
import { trendSeriesQuery } from '../../../reference-sql/trend-series.ts';
import { clusterTermsQuery } from '../../../../src/lib/queries/cluster-terms.ts';
import { papersCountQuery, papersQuery, representativePapersQuery } from '../../../../src/lib/queries/papers.ts';
import { likeContains } from '../../../../src/lib/queries/sql.ts';

let db: DuckDBConnection;

// Two clusters over four months: cluster 0 has 1, 1, 1, 3 papers; cluster 1 has 3, 3, 1, 1.
beforeAll(async () => {
  db = await emptyTables();
  await db.run(`INSERT INTO clusters VALUES (0, 'graphs', 6, 6, 0.5, '2024-01-01', '2024-04-01', NULL, NULL, 'steady', NULL, NULL),
    (1, 'vision', 8, 8, 0.4, '2024-01-01', '2024-04-01', NULL, NULL, 'steady', NULL, NULL)`);
  await db.run(`INSERT INTO trends VALUES
    ('month', '2024-01-01', 0, 1, 4, 0.25, 1), ('month', '2024-01-01', 1, 3, 4, 0.75, 1),
    ('month', '2024-02-01', 0, 1, 4, 0.25, 1), ('month', '2024-02-01', 1, 3, 4, 0.75, 1),
    ('month', '2024-03-01', 0, 1, 2, 0.5, 1), ('month', '2024-03-01', 1, 1, 2, 0.5, 1),
    ('month', '2024-04-01', 0, 3, 4, 0.75, 1), ('month', '2024-04-01', 1, 1, 4, 0.25, 1),
    ('year', '2024-01-01', 0, 6, 14, 0.42857142857142855, 1), ('year', '2024-01-01', 1, 8, 14, 0.5714285714285714, 1)`);
  await db.run(`INSERT INTO cluster_terms VALUES (0, 1, 'graph', 'graph', 0.9, 5), (0, 2, 'node', 'node', 0.5, 3),
    (1, 1, 'image', 'imag', 0.8, 6)`);
  await db.run(`INSERT INTO documents VALUES
    ('a', '100% graph_match', '', '2024-01-10', 'day', ['cs.DS'], 's', 0, 0.9, 1),
    ('b', '100 graphs matched', '', '2024-04-02', 'day', ['cs.DS', 'cs.LG'], 's', 0, 0.8, 2),
    ('c', '<script>alert(1)</script>', '', NULL, NULL, ['cs.CR'], 's', 0, 0.1, NULL),
    ('d', 'Images', '', '2024-02-05', 'day', ['cs.CV'], 's', 1, 0.7, 1)`);
});

describe('trendSeriesQuery(granularity, range)', () => {
  test('returns the periods whose start lies in the range, dates as ISO strings', async () => {
    const rows = await runQuery(db, trendSeriesQuery('month', { from: '2024-02-01', to: '2024-03-15' }));
    expect(rows).toEqual([
      { period_start: '2024-02-01', cluster_id: 0, doc_count: 1, period_total: 4, share: 0.25, coverage: 1 },
      { period_start: '2024-02-01', cluster_id: 1, doc_count: 3, period_total: 4, share: 0.75, coverage: 1 },
      { period_start: '2024-03-01', cluster_id: 0, doc_count: 1, period_total: 2, share: 0.5, coverage: 1 },
      { period_start: '2024-03-01', cluster_id: 1, doc_count: 1, period_total: 2, share: 0.5, coverage: 1 },
    ]);
  });

  test('passes granularity and dates as parameters, never in the SQL text', () => {
    const q = trendSeriesQuery('month', { from: "2020-01-01'; DROP TABLE trends;--", to: null });
    expect(q.params).toEqual(['month', "2020-01-01'; DROP TABLE trends;--"]);
    expect(q.text).not.toContain('DROP');
    expect(q.text).not.toContain("'month'");
  });

  test('an open range returns every period of the granularity', async () => {
    expect(await runQuery(db, trendSeriesQuery('year', { from: null, to: null }))).toHaveLength(2);
  });
});

describe('periodTotalsQuery(granularity)', () => {
  test('gives one total per period', async () => {
    expect(await runQuery(db, periodTotalsQuery('month'))).toEqual([
      { period_start: '2024-01-01', period_total: 4 },
      { period_start: '2024-02-01', period_total: 4 },
      { period_start: '2024-03-01', period_total: 2 },
      { period_start: '2024-04-01', period_total: 4 },
    ]);
  });
});

describe('clusterSummaryQuery(granularity, range)', () => {
  test("counts each cluster's papers in the range", async () => {
    const rows = await runQuery(db, clusterSummaryQuery('month', { from: null, to: null }));
    expect(rows).toEqual([
      { cluster_id: 0, label: 'graphs', size: 6, range_count: 6 },
      { cluster_id: 1, label: 'vision', size: 8, range_count: 8 },
    ]);
  });

  test('restricts the count to periods starting inside the range', async () => {
    const rows = await runQuery(db, clusterSummaryQuery('month', { from: '2024-02-01', to: null }));
    expect(rows[0]).toMatchObject({ range_count: 5 });
  });

  test('an empty range keeps every cluster with zero papers', async () => {
    const rows = await runQuery(db, clusterSummaryQuery('month', { from: '2030-01-01', to: null }));
    expect(rows.map((r) => r['range_count'])).toEqual([0, 0]);
  });
});

describe('clusterTermsQuery(clusterId, limit)', () => {
  test('lists terms by rank', async () => {
    expect(await runQuery(db, clusterTermsQuery(0, 10))).toEqual([
      { term: 'graph', weight: 0.9, rank: 1 },
      { term: 'node', weight: 0.5, rank: 2 },
    ]);
  });
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

describe('likeContains(text)', () => {
  test('escapes backslash, % and _', () => {
    expect(likeContains('a\\b%c_d')).toBe('%a\\\\b\\%c\\_d%');
  });
});
