import { beforeAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import { rankGrowth, type ClusterGrowth } from '../../../../src/lib/queries/growth.ts';
import { storedGrowthQuery, windowGrowthQuery } from './growth-reference-sql.ts';
import {
  likePrefix,
  normalizeTermInput,
  termLookupQuery,
  termSuggestionsQuery,
} from '../../../../src/lib/queries/term-lookup.ts';
import { labelSplitQuery, labelTable } from '../../../../src/lib/queries/label-split.ts';
import { mapCentroidsQuery, mapPointsQuery } from '../../../../src/lib/queries/map-points.ts';

let db: DuckDBConnection;

// Two clusters over four months. Cluster 0 has 10, 10, 30, 30 papers of 100 a month; cluster 1 the rest.
beforeAll(async () => {
  db = await emptyTables();
  await db.run(`INSERT INTO clusters VALUES
    (0, 'graphs', 80, 80, 0.5, '2024-01-01', '2024-04-01', 20.0, 4.0, 'rising', 0.5, -1.0),
    (1, 'vision', 320, 320, 0.4, '2024-01-01', '2024-04-01', -20.0, -4.0, 'falling', NULL, NULL),
    (2, 'empty', 0, 0, 0, NULL, NULL, NULL, NULL, 'steady', NULL, NULL)`);
  await db.run(`INSERT INTO trends VALUES
    ('month', '2024-01-01', 2, 0, 100, 0), ('month', '2024-02-01', 2, 0, 100, 0),
    ('month', '2024-03-01', 2, 0, 100, 0), ('month', '2024-04-01', 2, 0, 100, 0),
    ('month', '2024-01-01', 0, 10, 100, 0.1), ('month', '2024-01-01', 1, 90, 100, 0.9),
    ('month', '2024-02-01', 0, 10, 100, 0.1), ('month', '2024-02-01', 1, 90, 100, 0.9),
    ('month', '2024-03-01', 0, 30, 100, 0.3), ('month', '2024-03-01', 1, 70, 100, 0.7),
    ('month', '2024-04-01', 0, 30, 100, 0.3), ('month', '2024-04-01', 1, 70, 100, 0.7),
    ('quarter', '2024-01-01', 0, 50, 300, 0.16666666666666666), ('quarter', '2024-01-01', 1, 250, 300, 0.8333333333333334),
    ('quarter', '2024-04-01', 0, 30, 100, 0.3), ('quarter', '2024-04-01', 1, 70, 100, 0.7)`);
  await db.run(`INSERT INTO terms VALUES
    ('graph', 'graph', 40, 0, 3), ('graph neural', 'graph neural', 5, 3, 1), ('graphic', 'graphics', 2, 4, 1),
    ('imag', 'image', 50, 5, 2), ('100%_x', '100%_x', 1, 7, 1)`);
  await db.run(`INSERT INTO label_trends VALUES
    (0, 'cs.AI', '2024-01-01', 1), (0, 'cs.DS', '2024-01-01', 5), (0, 'cs.DS', '2024-03-01', 20),
    (0, 'cs.LG', '2024-02-01', 7), (0, 'cs.LG', '2024-04-01', 3), (0, 'math.CO', '2024-04-01', 2),
    (1, 'cs.CV', '2024-01-01', 90)`);
  await db.run(`INSERT INTO map_points VALUES
    ('b', 1, 2.0, 3.0, NULL, 'Images <b>bold</b>'), ('a', 0, -1.0, 0.5, '2024-02-03', 'Graphs')`);
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
    expect(q.params).toEqual(['quarter', '2024-01-01', 3, 20]);
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

describe('rankGrowth(rows, limit)', () => {
  const row = (cluster_id: number, growth: number | null, trend_direction: ClusterGrowth['trend_direction']) => ({
    cluster_id,
    label: `t${cluster_id}`,
    growth,
    growth_z: growth,
    trend_direction,
  });

  test('ranks significant risers by growth descending and fallers ascending, steady ones left out', () => {
    const ranked = rankGrowth(
      [row(0, 1, 'rising'), row(1, 5, 'rising'), row(2, 9, 'steady'), row(3, -2, 'falling'), row(4, -7, 'falling')],
      5,
    );
    expect(ranked.rising.map((r) => r.cluster_id)).toEqual([1, 0]);
    expect(ranked.falling.map((r) => r.cluster_id)).toEqual([4, 3]);
  });

  test('keeps at most `limit` of each; ties go to the lower cluster id', () => {
    const ranked = rankGrowth([row(5, 2, 'rising'), row(2, 2, 'rising'), row(3, 1, 'rising')], 2);
    expect(ranked.rising.map((r) => r.cluster_id)).toEqual([2, 5]);
  });
});

describe('term lookup', () => {
  test('normalizeTermInput(text) lower-cases and squashes whitespace', () => {
    expect(normalizeTermInput('  Graph \t Neural ')).toBe('graph neural');
  });

  test('termLookupQuery(inputs) matches the readable term or the stem exactly', async () => {
    const rows = await runQuery(db, termLookupQuery(['image', 'imag', 'graph', 'grap', 'none']));
    expect(rows).toEqual([
      { input: 'graph', stem: 'graph', term: 'graph', doc_freq: 40, first_row: 0, row_count: 3 },
      { input: 'imag', stem: 'imag', term: 'image', doc_freq: 50, first_row: 5, row_count: 2 },
      { input: 'image', stem: 'imag', term: 'image', doc_freq: 50, first_row: 5, row_count: 2 },
    ]);
  });

  test('termSuggestionsQuery(prefix, limit) lists prefix matches, most frequent first', async () => {
    const rows = await runQuery(db, termSuggestionsQuery('Grap', 10));
    expect(rows.map((r) => r['term'])).toEqual(['graph', 'graph neural', 'graphics']);
    expect((await runQuery(db, termSuggestionsQuery('grap', 1))).map((r) => r['term'])).toEqual(['graph']);
  });

  test('suggestions match % and _ literally', async () => {
    expect(likePrefix('100%_')).toBe('100\\%\\_%');
    expect((await runQuery(db, termSuggestionsQuery('100%_', 10))).map((r) => r['term'])).toEqual(['100%_x']);
    expect(await runQuery(db, termSuggestionsQuery('%', 10))).toEqual([]);
    expect(await runQuery(db, termSuggestionsQuery("'; DROP TABLE terms;--", 10))).toEqual([]);
  });
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
