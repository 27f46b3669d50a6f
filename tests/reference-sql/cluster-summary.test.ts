import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../src/node-duckdb.ts';
import { twoClusterTables } from '../src/lib/queries/two-cluster-tables.ts';
import { clusterSummaryQuery } from './cluster-summary.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await twoClusterTables();
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
