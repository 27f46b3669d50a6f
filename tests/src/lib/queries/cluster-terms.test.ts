import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import { twoClusterTables } from './two-cluster-tables.ts';
import { clusterTermsQuery } from '../../../reference-sql/cluster-terms.ts';
import { clusterTermsFromRows } from '../../../../src/lib/queries/cluster-terms.ts';
import type { ClusterTermRow } from '../../../../src/schema.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await twoClusterTables();
});

describe('clusterTermsFromRows(rows, clusterId, limit)', () => {
  test('lists terms by rank, as clusterTermsQuery', async () => {
    const rows = (
      await db.runAndReadAll('SELECT * FROM cluster_terms')
    ).getRowObjectsJson() as unknown as ClusterTermRow[];
    expect(await runQuery(db, clusterTermsQuery(0, 10))).toEqual([
      { term: 'graph', weight: 0.9, rank: 1 },
      { term: 'node', weight: 0.5, rank: 2 },
    ]);
    for (const [id, limit] of [
      [0, 10],
      [0, 1],
      [1, 10],
      [2, 10],
    ] as const)
      expect(clusterTermsFromRows(rows, id, limit)).toEqual(await runQuery(db, clusterTermsQuery(id, limit)));
  });
});
