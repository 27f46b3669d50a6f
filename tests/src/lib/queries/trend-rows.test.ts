import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AsyncBuffer } from 'hyparquet';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  TABLES,
  parquetFileOf,
  type ClusterRow,
  type Granularity,
  type TableKey,
  type TrendRow,
} from '../../../../src/schema.ts';
import { decodeParquetFile, decodedRows } from '../../../../src/lib/db/parquet-to-arrow.ts';
import {
  periodTotalsFromRows,
  periodTotalsQuery,
  trendSeriesFromRows,
} from '../../../../src/lib/queries/trend-series.ts';
import { clusterSummaryFromRows } from '../../../../src/lib/queries/cluster-summary.ts';
import { clusterSummaryQuery } from '../../../reference-sql/cluster-summary.ts';
import { trendSeriesQuery } from '../../../reference-sql/trend-series.ts';
import type { DateRange } from '../../../../src/lib/queries/sql.ts';
import { emptyTables, parquetViews, runQuery } from '../../node-duckdb.ts';

let dir: string;
let parquet: DuckDBConnection;
let trends: TrendRow[];
let clusters: ClusterRow[];
const reads: string[] = [];

/** The file as the browser's fast path reads it: hyparquet over an in-memory buffer that records it was read. */
async function decodeRows(key: TableKey): Promise<Record<string, unknown>[]> {
  const name = parquetFileOf(TABLES[key]);
  const buffer = await readFile(join(dir, name));
  const bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const file: AsyncBuffer = {
    byteLength: bytes.byteLength,
    slice: (start, end) => (reads.push(name), bytes.slice(start, end)),
  };
  return decodedRows(await decodeParquetFile(file, `file://${join(dir, name)}`, TABLES[key].columns));
}

// Four clusters (one with no papers in some periods, one with none at all) over 30 months, with weekly, quarterly
// and yearly rows; counts vary so that every period total and share differs. Written to Parquet as the pipeline does.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trend-rows-'));
  const db = await emptyTables();
  await db.run(`INSERT INTO clusters
    SELECT c, 'topic ' || c, 100 + c, 100 + c, 0.5, DATE '2022-01-01', DATE '2024-06-01', NULL, NULL, 'steady', NULL, NULL
    FROM range(4) t(c)`);
  await db.run(`INSERT INTO trends
    WITH p AS (
      SELECT 'month' AS g, (DATE '2022-01-01' + INTERVAL (i) MONTH)::DATE AS d FROM range(30) r(i)
      UNION ALL SELECT 'week', (DATE '2022-01-03' + INTERVAL (7 * i) DAY)::DATE FROM range(130) r(i)
      UNION ALL SELECT 'quarter', (DATE '2022-01-01' + INTERVAL (3 * i) MONTH)::DATE FROM range(10) r(i)
      UNION ALL SELECT 'year', (DATE '2022-01-01' + INTERVAL (i) YEAR)::DATE FROM range(3) r(i)
    ), x AS (
      SELECT g, d, c, CASE WHEN c = 3 THEN 0 ELSE ((hash(g || d::VARCHAR || c) % 17) + (c * 3)) % 11 END AS n
      FROM p, range(4) t(c)
    )
    SELECT g, d, c::INTEGER, n::INTEGER, (sum(n) OVER (PARTITION BY g, d))::INTEGER AS total,
      CASE WHEN sum(n) OVER (PARTITION BY g, d) = 0 THEN 0 ELSE n / sum(n) OVER (PARTITION BY g, d) END,
      CASE WHEN d = DATE '2022-01-01' THEN 29 / 31 ELSE 1 END
    FROM x`);
  for (const key of ['trends', 'clusters'] as const) {
    const spec = TABLES[key];
    await db.run(
      `COPY (SELECT * FROM ${spec.name} ORDER BY ${spec.sortKey.join(', ')}) TO '${join(dir, parquetFileOf(spec))}' (FORMAT parquet)`,
    );
  }
  for (const key of Object.keys(TABLES) as TableKey[]) {
    if (key !== 'trends' && key !== 'clusters') {
      const spec = TABLES[key];
      await db.run(`COPY ${spec.name} TO '${join(dir, parquetFileOf(spec))}' (FORMAT parquet)`);
    }
  }
  parquet = await parquetViews(dir);
  trends = (await decodeRows('trends')) as TrendRow[];
  clusters = (await decodeRows('clusters')) as ClusterRow[];
});

afterAll(() => rm(dir, { recursive: true, force: true }));

const VIEWS: [Granularity, DateRange][] = [
  ['month', { from: null, to: null }],
  ['month', { from: '2022-03-15', to: '2023-08-01' }],
  ['week', { from: '2023-01-01', to: null }],
  ['week', { from: '2022-02-07', to: '2022-02-07' }],
  ['quarter', { from: null, to: '2023-04-01' }],
  ['year', { from: '2024-01-01', to: '2024-12-31' }],
  ['month', { from: '2030-01-01', to: null }],
];

describe('the in-memory trend views on the rows hyparquet decodes from trends.parquet', () => {
  test('the rows come from the Parquet files themselves, dates as ISO strings', () => {
    expect(reads).toContain('trends.parquet');
    expect(reads).toContain('clusters.parquet');
    expect(trends).toHaveLength(4 * (30 + 130 + 10 + 3));
    expect(trends[0]).toMatchObject({ granularity: 'month', period_start: '2022-01-01', cluster_id: 0 });
  });

  test.each(VIEWS)(
    'trendSeriesFromRows(rows, %s, %o) returns exactly what trendSeriesQuery returns',
    async (g, range) => {
      const expected = await runQuery(parquet, trendSeriesQuery(g, range));
      expect(expected.length > 0).toBe(range.from !== '2030-01-01');
      expect(trendSeriesFromRows(trends, g, range)).toStrictEqual(expected);
    },
  );

  test.each(VIEWS)(
    'clusterSummaryFromRows(..., %s, %o) returns exactly what clusterSummaryQuery returns',
    async (g, range) => {
      const expected = await runQuery(parquet, clusterSummaryQuery(g, range));
      expect(clusterSummaryFromRows(trends, clusters, g, range)).toStrictEqual(expected);
    },
  );

  test.each(['week', 'month', 'quarter', 'year'] as const)(
    'periodTotalsFromRows(rows, %s) returns exactly what periodTotalsQuery returns',
    async (g) => {
      expect(periodTotalsFromRows(trends, g)).toStrictEqual(await runQuery(parquet, periodTotalsQuery(g)));
    },
  );

  test('trendSeriesFromRows sorts by period then cluster whatever the row order', () => {
    const range = { from: '2022-02-01', to: '2022-06-30' };
    expect(trendSeriesFromRows([...trends].reverse(), 'month', range)).toStrictEqual(
      trendSeriesFromRows(trends, 'month', range),
    );
  });
});
