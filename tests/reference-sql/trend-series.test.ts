import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../src/node-duckdb.ts';
import { twoClusterTables } from '../src/lib/queries/two-cluster-tables.ts';
import { trendSeriesQuery } from './trend-series.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await twoClusterTables();
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
