import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../src/node-duckdb.ts';
import { storedGrowthQuery, windowGrowthQuery } from './growth.ts';
import { fourMonthTables } from '../src/lib/queries/four-month-tables.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await fourMonthTables();
});

describe('windowGrowthQuery(granularity, range, options)', () => {
  test('growth = 100 (share in the last window - share in the window before), with the two-proportion z', async () => {
    const rows = await runQuery(db, windowGrowthQuery('month', { from: null, to: null }, { window: 2, minPapers: 10 }));
    // Cluster 0: 20 of 200 before, 60 of 200 recently; pooled p = 80 / 400 = 0.2.
    const z = (0.3 - 0.1) / Math.sqrt(0.2 * 0.8 * (1 / 200 + 1 / 200));
    expect(rows[0]).toEqual({
      cluster_id: 0,
      label: 'graphs',
      growth: expect.closeTo(20, 12) as number,
      growth_z: expect.closeTo(z, 12) as number,
      trend_direction: 'rising',
      count_before: 20,
      total_before: 200,
      count_recent: 60,
      total_recent: 200,
    });
    expect(rows[1]).toMatchObject({ trend_direction: 'falling', growth: expect.closeTo(-20, 12) as number });
    expect(rows[1]?.['growth_z']).toBeCloseTo(-z, 12);
  });

  test('fewer than two windows of periods in the range gives null growth and a steady verdict', async () => {
    const rows = await runQuery(
      db,
      windowGrowthQuery('month', { from: '2024-02-01', to: null }, { window: 2, minPapers: 0 }),
    );
    expect(rows.map((r) => [r['growth'], r['growth_z'], r['trend_direction']])).toEqual([
      [null, null, 'steady'],
      [null, null, 'steady'],
      [null, null, 'steady'],
    ]);
  });

  test('a cluster with no papers in either window has growth 0 and z 0, as the pipeline stores it', async () => {
    const rows = await runQuery(db, windowGrowthQuery('month', { from: null, to: null }, { window: 2, minPapers: 0 }));
    expect(rows[2]).toMatchObject({ growth: 0, growth_z: 0, trend_direction: 'steady' });
  });

  test('the guard also needs `minPapers` papers in each window overall', async () => {
    const rows = await runQuery(
      db,
      windowGrowthQuery('month', { from: null, to: null }, { window: 2, minPapers: 201 }),
    );
    expect(rows.map((r) => r['trend_direction'])).toEqual(['steady', 'steady', 'steady']);
  });

  test('the window is the last periods of the selected range', async () => {
    const rows = await runQuery(
      db,
      windowGrowthQuery('month', { from: null, to: '2024-03-31' }, { window: 1, minPapers: 0 }),
    );
    // Feb (10 of 100) against Mar (30 of 100).
    expect(rows[0]).toMatchObject({ count_before: 10, count_recent: 30, growth: expect.closeTo(20, 12) as number });
  });

  test('a significant change with too few papers stays steady', async () => {
    const rows = await runQuery(db, windowGrowthQuery('month', { from: null, to: null }, { window: 2, minPapers: 81 }));
    expect(rows[0]?.['trend_direction']).toBe('steady');
    expect(rows[1]?.['trend_direction']).toBe('falling');
  });

  test('an empty range keeps every cluster, without growth', async () => {
    const rows = await runQuery(
      db,
      windowGrowthQuery('month', { from: '2030-01-01', to: null }, { window: 1, minPapers: 0 }),
    );
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ growth: null, trend_direction: 'steady', count_recent: 0 });
  });

  test('granularity, dates and options are parameters', () => {
    const q = windowGrowthQuery('quarter', { from: '2024-01-01', to: null }, { window: 3, minPapers: 20 });
    expect(q.params).toEqual(['quarter', '2024-01-01', false, 30, 3, 20]);
    expect(q.text).not.toContain('quarter');
  });
});

describe('storedGrowthQuery()', () => {
  test('reads the growth the pipeline stored', async () => {
    expect(await runQuery(db, storedGrowthQuery())).toEqual([
      { cluster_id: 0, label: 'graphs', growth: 20, growth_z: 4, trend_direction: 'rising' },
      { cluster_id: 1, label: 'vision', growth: -20, growth_z: -4, trend_direction: 'falling' },
      { cluster_id: 2, label: 'empty', growth: null, growth_z: null, trend_direction: 'steady' },
    ]);
  });
});
