import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import { twoClusterTables } from './two-cluster-tables.ts';
import { clusterTermsQuery } from '../../../../src/lib/queries/cluster-terms.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await twoClusterTables();
});

describe('clusterTermsQuery(clusterId, limit)', () => {
  test('lists terms by rank', async () => {
    expect(await runQuery(db, clusterTermsQuery(0, 10))).toEqual([
      { term: 'graph', weight: 0.9, rank: 1 },
      { term: 'node', weight: 0.5, rank: 2 },
    ]);
  });
});
