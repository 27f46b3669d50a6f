import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../../node-duckdb.ts';
import { labelSplitFromRows, labelSplitQuery, labelTable } from '../../../../src/lib/queries/label-split.ts';
import type { RowOf } from '../../../../src/schema.ts';
import { fourMonthTables } from './four-month-tables.ts';

let db: DuckDBConnection;

beforeAll(async () => {
  db = await fourMonthTables();
});

describe('labelSplitQuery(clusterId, granularity, range, top)', () => {
  test('top labels by papers, the rest as other, on a dense grid of the range periods', async () => {
    const rows = await runQuery(db, labelSplitQuery(0, 'month', { from: null, to: null }, 2));
    // Totals: cs.DS 25, cs.LG 10, math.CO 2, cs.AI 1 -> other = math.CO + cs.AI.
    expect(rows).toEqual([
      { period_start: '2024-01-01', label: 'cs.DS', doc_count: 5 },
      { period_start: '2024-01-01', label: 'cs.LG', doc_count: 0 },
      { period_start: '2024-01-01', label: 'other', doc_count: 1 },
      { period_start: '2024-02-01', label: 'cs.DS', doc_count: 0 },
      { period_start: '2024-02-01', label: 'cs.LG', doc_count: 7 },
      { period_start: '2024-02-01', label: 'other', doc_count: 0 },
      { period_start: '2024-03-01', label: 'cs.DS', doc_count: 20 },
      { period_start: '2024-03-01', label: 'cs.LG', doc_count: 0 },
      { period_start: '2024-03-01', label: 'other', doc_count: 0 },
      { period_start: '2024-04-01', label: 'cs.DS', doc_count: 0 },
      { period_start: '2024-04-01', label: 'cs.LG', doc_count: 3 },
      { period_start: '2024-04-01', label: 'other', doc_count: 2 },
    ]);
  });

  test('quarters sum their months; the range picks periods by their start', async () => {
    const rows = await runQuery(db, labelSplitQuery(0, 'quarter', { from: '2024-04-01', to: null }, 5));
    expect(rows).toEqual([
      { period_start: '2024-04-01', label: 'cs.LG', doc_count: 3 },
      { period_start: '2024-04-01', label: 'math.CO', doc_count: 2 },
    ]);
    const all = await runQuery(db, labelSplitQuery(0, 'quarter', { from: null, to: null }, 1));
    expect(all.filter((r) => r['period_start'] === '2024-01-01')).toEqual([
      { period_start: '2024-01-01', label: 'cs.DS', doc_count: 25 },
      { period_start: '2024-01-01', label: 'other', doc_count: 8 },
    ]);
  });

  test('labelTable(points) pivots into series in query order', async () => {
    const rows = await runQuery(db, labelSplitQuery(0, 'month', { from: null, to: null }, 2));
    const { labels, table } = labelTable(rows as never);
    expect(labels).toEqual(['cs.DS', 'cs.LG', 'other']);
    expect(table.periods).toEqual(['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01']);
    expect(table.values).toEqual([
      [5, 0, 20, 0],
      [0, 7, 0, 3],
      [1, 0, 0, 2],
    ]);
  });

  test('labelSplitFromRows(rows, ...) equals the query for every topic, granularity, range and top', async () => {
    const read = async <K extends 'labelTrends' | 'trends'>(sql: string): Promise<RowOf<K>[]> =>
      (await runQuery(db, { text: sql, params: [], tables: [] })) as unknown as RowOf<K>[];
    const labels = await read<'labelTrends'>(
      `SELECT cluster_id, label, strftime(period_start, '%Y-%m-%d') AS period_start, doc_count FROM label_trends`,
    );
    const trends = await read<'trends'>(
      `SELECT granularity, strftime(period_start, '%Y-%m-%d') AS period_start FROM trends`,
    );
    expect(labels.length).toBeGreaterThan(3);
    const ranges = [
      { from: null, to: null },
      { from: '2024-02-01', to: null },
      { from: null, to: '2024-03-31' },
      { from: '2024-02-15', to: '2024-03-15' },
    ];
    for (const clusterId of [0, 1, 2])
      for (const granularity of ['month', 'quarter', 'year'] as const)
        for (const range of ranges)
          for (const top of [1, 2, 5]) {
            const want = await runQuery(db, labelSplitQuery(clusterId, granularity, range, top));
            expect(labelSplitFromRows(labels, trends, clusterId, granularity, range, top)).toEqual(want);
          }
  });
});
