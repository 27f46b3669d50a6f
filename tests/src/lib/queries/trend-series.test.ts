import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import { twoClusterTables } from './two-cluster-tables.ts';
import { periodTotalsQuery } from '../../../../src/lib/queries/trend-series.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await twoClusterTables();
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
