import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import { mapCentroidsQuery, mapPointsQuery } from '../../../../src/lib/queries/map-points.ts';
import { fourMonthTables } from './four-month-tables.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await fourMonthTables();
});

describe('map queries', () => {
  test('mapPointsQuery() returns positions, ISO dates and titles as stored', async () => {
    expect(await runQuery(db, mapPointsQuery())).toEqual([
      { doc_id: 'a', cluster_id: 0, x: -1, y: 0.5, date: '2024-02-03', title: 'Graphs' },
      { doc_id: 'b', cluster_id: 1, x: 2, y: 3, date: null, title: 'Images <b>bold</b>' },
    ]);
  });

  test('mapCentroidsQuery() leaves out clusters without a position', async () => {
    expect(await runQuery(db, mapCentroidsQuery())).toEqual([{ cluster_id: 0, label: 'graphs', x: 0.5, y: -1 }]);
  });
});
