import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AsyncBuffer } from 'hyparquet';
import type { DuckDBConnection } from '@duckdb/node-api';
import { TABLES, parquetFileOf, type ClusterRow, type Granularity, type TrendRow } from '../../../../src/schema.ts';
import { decodeParquetFile, decodedRows } from '../../../../src/lib/db/parquet-to-arrow.ts';
import { storedGrowthFromRows, windowGrowthFromRows, type WindowGrowth } from '../../../../src/lib/queries/growth.ts';
import type { GrowthOptions } from '../../../../src/shared/growth.ts';
import { storedGrowthQuery, windowGrowthQuery } from '../../../reference-sql/growth.ts';
import type { DateRange } from '../../../../src/lib/queries/sql.ts';
import { emptyTables, parquetViews, runQuery } from '../../node-duckdb.ts';

let dir: string;
let parquet: DuckDBConnection;
let trends: TrendRow[];
let clusters: ClusterRow[];

async function decodeRows(key: 'trends' | 'clusters'): Promise<Record<string, unknown>[]> {
  const buffer = await readFile(join(dir, parquetFileOf(TABLES[key])));
  const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const file: AsyncBuffer = { byteLength: bytes.byteLength, slice: (start, end) => bytes.slice(start, end) };
  return decodedRows(await decodeParquetFile(file, `file://${dir}/${key}`, TABLES[key].columns));
}

// Six clusters over 36 months, 100 weeks, 12 quarters and 3 years (period i of each granularity follows one rule):
// 0 grows, 1 shrinks, 2 is noise, 3 never has a paper, 4 has rows only in periods 0..17 (a sparse grid), 5 has no
// trend rows at all. Periods 24..26 have no papers (an empty window); in 30..35 cluster 2 has every paper (pooled
// p = 1 for it, 0 for the others). Period 0 of each granularity and month 35 are partial (coverage < 1).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'growth-rows-'));
  const db = await emptyTables();
  await db.run(`INSERT INTO clusters
    SELECT c, 'topic ' || c, 100 + c, 100 + c, 0.5, DATE '2021-01-01', DATE '2023-12-01',
      CASE c WHEN 0 THEN 12.5 WHEN 1 THEN -7.25 WHEN 2 THEN 0.1 END,
      CASE c WHEN 0 THEN 3.5 WHEN 1 THEN -2.5 WHEN 2 THEN 0.2 END,
      CASE c WHEN 0 THEN 'rising' WHEN 1 THEN 'falling' ELSE 'steady' END, NULL, NULL
    FROM range(6) t(c)`);
  await db.run(`INSERT INTO trends
    WITH p AS (
      SELECT 'month' AS g, i, (DATE '2021-01-01' + INTERVAL (i) MONTH)::DATE AS d FROM range(36) r(i)
      UNION ALL SELECT 'week', i, (DATE '2021-01-04' + INTERVAL (7 * i) DAY)::DATE FROM range(100) r(i)
      UNION ALL SELECT 'quarter', i, (DATE '2021-01-01' + INTERVAL (3 * i) MONTH)::DATE FROM range(12) r(i)
      UNION ALL SELECT 'year', i, (DATE '2021-01-01' + INTERVAL (i) YEAR)::DATE FROM range(3) r(i)
    ), x AS (
      SELECT g, i, d, c, CASE
        WHEN i BETWEEN 24 AND 26 OR c = 3 THEN 0
        WHEN i BETWEEN 30 AND 35 THEN CASE WHEN c = 2 THEN 7 + i % 4 ELSE 0 END
        WHEN c = 0 THEN 5 + 2 * i + hash(g || d::VARCHAR) % 5
        WHEN c = 1 THEN greatest(0, 80 - 2 * i) + hash(g || d::VARCHAR || 'b') % 7
        WHEN c = 2 THEN 10 + hash(g || d::VARCHAR || 'c') % 13
        ELSE 3 + i % 5
      END AS n
      FROM p, range(5) t(c) WHERE c <> 4 OR i < 18
    )
    SELECT g, d, c::INTEGER, n::INTEGER, (sum(n) OVER (PARTITION BY g, d))::INTEGER AS total,
      CASE WHEN sum(n) OVER (PARTITION BY g, d) = 0 THEN 0 ELSE n / sum(n) OVER (PARTITION BY g, d) END,
      CASE WHEN i = 0 THEN 0.5 WHEN g = 'month' AND i = 35 THEN 1 / 31 ELSE 1 END
    FROM x`);
  // Every table, as `parquetViews` opens them all; the empty ones are never read.
  for (const spec of Object.values(TABLES)) {
    await db.run(
      `COPY (SELECT * FROM ${spec.name} ORDER BY ${spec.sortKey.join(', ')}) TO '${join(dir, parquetFileOf(spec))}' (FORMAT parquet)`,
    );
  }
  parquet = await parquetViews(dir);
  trends = (await decodeRows('trends')) as TrendRow[];
  clusters = (await decodeRows('clusters')) as ClusterRow[];
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const ALL: DateRange = { from: null, to: null };
const DEFAULTS: GrowthOptions = { window: 6, minPapers: 20 };
/** Every period counts, empty and partial ones too: for the mechanics of empty windows and pooled p. */
const EVERY_PERIOD = { includePartial: true, minPeriodPapers: 0 } as const;

async function both(g: Granularity, range: DateRange, options: GrowthOptions): Promise<[WindowGrowth[], unknown]> {
  return [
    windowGrowthFromRows(trends, clusters, g, range, options),
    await runQuery(parquet, windowGrowthQuery(g, range, options)),
  ];
}

const VIEWS: [Granularity, DateRange, GrowthOptions][] = [
  ['month', ALL, DEFAULTS],
  ['month', { from: '2021-01-01', to: '2022-12-31' }, DEFAULTS],
  ['month', { from: '2021-03-15', to: '2022-06-30' }, { window: 3, minPapers: 50 }],
  ['month', { from: '2021-06-01', to: '2021-07-31' }, { window: 1, minPapers: 0 }],
  ['week', { from: '2021-02-01', to: null }, { window: 4, minPapers: 20 }],
  ['week', { from: null, to: '2021-09-30' }, { window: 13, minPapers: 100 }],
  ['quarter', ALL, { window: 2, minPapers: 20 }],
  ['quarter', { from: null, to: '2022-12-31' }, { window: 4, minPapers: 20 }],
  ['year', ALL, { window: 1, minPapers: 20 }],
  ['year', ALL, { window: 2, minPapers: 20 }],
  ['month', ALL, { ...DEFAULTS, ...EVERY_PERIOD }],
  ['week', ALL, { window: 4, minPapers: 20, minPeriodPapers: 60 }],
];

describe('windowGrowthFromRows(trends, clusters, granularity, range, options) on the rows hyparquet decodes', () => {
  test.each(VIEWS)('%s, %o, %o returns exactly what windowGrowthQuery returns', async (g, range, options) => {
    const [fromRows, expected] = await both(g, range, options);
    expect(fromRows).toStrictEqual(expected);
  });

  test('the views above include significant risers and fallers, and a guarded change that stays steady', async () => {
    const [rows] = await both('month', { from: '2021-01-01', to: '2022-12-31' }, DEFAULTS);
    expect(rows.map((r) => r.trend_direction)).toEqual(['rising', 'falling', 'steady', 'steady', 'steady', 'steady']);
    const [guarded, expected] = await both(
      'month',
      { from: '2021-01-01', to: '2022-12-31' },
      {
        window: 6,
        minPapers: 100_000,
      },
    );
    expect(guarded.map((r) => r.trend_direction)).toEqual(Array(6).fill('steady'));
    expect(guarded[0]?.growth).toBe(rows[0]?.growth);
    expect(guarded).toStrictEqual(expected);
  });

  test('fewer than 2 windows of periods: no growth for any cluster, window counts still given', async () => {
    const [rows, expected] = await both('month', { from: '2022-01-01', to: '2022-11-30' }, DEFAULTS);
    expect(rows.map((r) => r.growth)).toEqual(Array(6).fill(null));
    expect(rows[0]?.count_recent).toBeGreaterThan(0);
    expect(rows).toStrictEqual(expected);
  });

  test('an earlier window without papers (periods 24..26) gives no growth', async () => {
    const [rows, expected] = await both(
      'month',
      { from: '2022-10-01', to: '2023-06-30' },
      { window: 3, minPapers: 0, ...EVERY_PERIOD },
    );
    expect(rows.map((r) => [r.total_before, r.growth])).toEqual([
      [0, null],
      [0, null],
      [0, null],
      [0, null],
      [0, null],
      [0, null],
    ]);
    expect(rows[0]?.total_recent).toBeGreaterThan(0);
    expect(rows).toStrictEqual(expected);
  });

  test('a recent window without papers (weeks 24..26) gives no growth', async () => {
    const [rows, expected] = await both(
      'week',
      { from: '2021-05-01', to: '2021-07-10' },
      { window: 3, minPapers: 0, ...EVERY_PERIOD },
    );
    expect(rows[0]).toMatchObject({ total_recent: 0, growth: null, trend_direction: 'steady' });
    expect(rows[0]?.total_before).toBeGreaterThan(0);
    expect(rows).toStrictEqual(expected);
  });

  test('pooled p = 1 (the cluster has every paper) and p = 0 (none) give growth 0 and z 0', async () => {
    const [rows, expected] = await both(
      'month',
      { from: '2023-07-01', to: null },
      { window: 3, minPapers: 0, ...EVERY_PERIOD },
    );
    expect(rows[2]).toMatchObject({ growth: 0, growth_z: 0, trend_direction: 'steady' });
    expect(rows[2]?.count_recent).toBe(rows[2]?.total_recent);
    expect(rows[0]).toMatchObject({ growth: 0, growth_z: 0, count_before: 0, count_recent: 0 });
    expect(rows).toStrictEqual(expected);
  });

  test('a cluster without trend rows in the range gets no growth and zero counts; one with sparse rows sums its own', async () => {
    const [rows, expected] = await both('month', ALL, { ...DEFAULTS, ...EVERY_PERIOD });
    const empty = { growth: null, growth_z: null, trend_direction: 'steady', count_before: 0, total_before: 0 };
    expect(rows[4]).toMatchObject({ ...empty, count_recent: 0, total_recent: 0 });
    expect(rows[5]).toMatchObject({ ...empty, count_recent: 0, total_recent: 0 });
    expect(rows).toStrictEqual(expected);

    const [sparse, sparseExpected] = await both('month', { from: null, to: '2022-08-31' }, DEFAULTS);
    // Cluster 4 has rows in months 0..17 only: its earlier window is months 8..13's, its recent one months 14..17's.
    expect(sparse[4]?.total_recent).toBeLessThan(sparse[0]?.total_recent ?? 0);
    expect(sparse[4]?.growth).not.toBeNull();
    expect(sparse).toStrictEqual(sparseExpected);
  });

  test('by default, partial periods (month 0, month 35) and ones under 30 papers (24..26, 30..35) are left out', async () => {
    const [rows, expected] = await both('month', ALL, { window: 3, minPapers: 0 });
    const [every] = await both('month', ALL, { window: 3, minPapers: 0, ...EVERY_PERIOD });
    // The last countable months are 21, 22, 23 and 27, 28, 29: the recent window is 27..29, the earlier one 21..23.
    const [only] = await both('month', { from: '2022-10-01', to: '2023-06-30' }, { window: 3, minPapers: 0 });
    expect(rows[0]?.total_recent).toBe(only[0]?.total_recent);
    expect(rows[0]?.total_recent).toBeGreaterThanOrEqual(90);
    expect(every[0]?.total_recent).toBeLessThan(40);
    expect(rows).toStrictEqual(expected);
  });

  test('an empty range keeps every cluster, without growth', async () => {
    const [rows, expected] = await both('month', { from: '2030-01-01', to: null }, DEFAULTS);
    expect(rows.map((r) => r.cluster_id)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rows.every((r) => r.growth === null && r.count_recent === 0)).toBe(true);
    expect(rows).toStrictEqual(expected);
  });

  test('the result does not depend on the order of the rows', () => {
    const range = { from: '2021-02-01', to: '2022-10-31' };
    expect(windowGrowthFromRows([...trends].reverse(), [...clusters].reverse(), 'week', range, DEFAULTS)).toStrictEqual(
      windowGrowthFromRows(trends, clusters, 'week', range, DEFAULTS),
    );
  });
});

describe('storedGrowthFromRows(clusters)', () => {
  test('returns exactly what storedGrowthQuery returns', async () => {
    const rows = storedGrowthFromRows(clusters);
    expect(rows[0]).toMatchObject({ growth: 12.5, growth_z: 3.5, trend_direction: 'rising' });
    expect(rows).toStrictEqual(await runQuery(parquet, storedGrowthQuery()));
  });

  test('a trend_direction the pipeline never writes is an error naming the cluster and the value', () => {
    const row = { cluster_id: 7, label: 'x', growth: null, growth_z: null, trend_direction: 'up' };
    expect(() => storedGrowthFromRows([row])).toThrow(
      "clusters.parquet: cluster 7 has trend_direction 'up', expected one of rising, falling, steady",
    );
  });
});
