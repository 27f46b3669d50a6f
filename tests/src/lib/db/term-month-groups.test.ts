/**
 * Issue 13: why a topic rises and its range-local terms are answered in TS from range reads of
 * `cluster_term_months` (`TermMonthGroups`), no longer by loading the table into DuckDB-WASM. On a real pipeline run
 * of the default corpus, the answers equal the same queries in native DuckDB over the whole file, and a topic's
 * window reads only a few of the file's row groups.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TermMonthGroups } from '../../../../src/lib/db/term-month-groups.ts';
import { mayHold, mayHoldNull } from '../../../../src/lib/db/row-groups.ts';
import { windowTermCounts } from '../../../../src/lib/queries/why-rising.ts';
import { windowTermCountsQuery } from '../../../reference-sql/why-rising.ts';
import { sliceTermData, wholeMonths, type ClassMonthTotal } from '../../../../src/lib/queries/slice-terms.ts';
import { sliceClassTotalsQuery, sliceTermCountsQuery } from '../../../reference-sql/slice-terms.ts';
import type { GrowthMonths } from '../../../../src/lib/queries/growth-months.ts';
import { runCli } from '../../../helpers/run-cli.ts';
import { parquetViews, runQuery } from '../../node-duckdb.ts';

let root: string;
let db: DuckDBConnection;
let bytes: ArrayBuffer;
let k: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'term-month-groups-'));
  const out = join(root, 'out');
  const args = ['--input', 'data/arxiv-cs-sample.jsonl.gz', '--out', out, '--k', '12', '--map-sample', '0', '--quiet'];
  const result = await runCli(args);
  expect(result.code, result.stderr).toBe(0);
  db = await parquetViews(out);
  const buffer = await readFile(join(out, 'cluster_term_months.parquet'));
  bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const [row] = (await db.runAndReadAll('SELECT count(*)::INTEGER AS k FROM clusters')).getRowObjectsJson();
  k = Number(row!['k']);
}, 300_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A reader over the file in memory that records which row groups it fetched data from. */
async function groups(): Promise<{ groups: TermMonthGroups; read: Set<number> }> {
  const read = new Set<number>();
  const meta = await parquetMetadataAsync({ byteLength: bytes.byteLength, slice: (s, e) => bytes.slice(s, e) });
  const starts = meta.row_groups.map((g) =>
    Math.min(...g.columns.map((c) => Number(c.meta_data!.dictionary_page_offset ?? c.meta_data!.data_page_offset))),
  );
  const file: AsyncBuffer = {
    byteLength: bytes.byteLength,
    slice: (start, end) => {
      const group = starts.findLastIndex((s) => s <= start);
      if (group >= 0) read.add(group);
      return bytes.slice(start, end);
    },
  };
  return { groups: new TermMonthGroups({ file, metadata: meta }), read };
}

/** Every row of cluster_month_totals, as the Parquet worker decodes them (DATE as `YYYY-MM-DD`). */
async function monthTotals(): Promise<ClassMonthTotal[]> {
  const reader = await db.runAndReadAll(
    'SELECT cluster_id, CAST(period_start AS VARCHAR) AS period_start, term_count, doc_count FROM cluster_month_totals',
  );
  return reader.getRowObjectsJson() as unknown as ClassMonthTotal[];
}

function months(first: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1 + i, 1));
    return d.toISOString().slice(0, 10);
  });
}

const WINDOWS: GrowthMonths[] = [
  { before: months('2025-07-01', 6), recent: months('2026-01-01', 6) },
  { before: months('2023-01-01', 3), recent: months('2023-04-01', 3) },
];

describe('TermMonthGroups over a real run', () => {
  test('the pipeline writes cluster_term_months in row groups of 8192 rows with cluster and month bounds', async () => {
    const { groups: g } = await groups();
    expect(g.groups.length).toBeGreaterThan(3);
    expect(g.groups.slice(0, -1).every((x) => x.rowEnd - x.rowStart === 8192)).toBe(true);
    expect(g.groups.every((x) => x.bounds.get('cluster_id') !== null && x.bounds.get('period_start') !== null)).toBe(
      true,
    );
  });

  test('windowTermCounts(groups, ids, months) equals windowTermCountsQuery on the whole file', async () => {
    for (const windows of WINDOWS) {
      const ids = [0, 3, k - 1];
      const want = await runQuery(db, windowTermCountsQuery(ids, windows));
      expect(want.length).toBeGreaterThan(100);
      const { groups: g } = await groups();
      expect(await windowTermCounts(g, ids, windows)).toEqual(want);
    }
  });

  test("one topic's windows read only its few row groups", async () => {
    const { groups: g, read } = await groups();
    await windowTermCounts(g, [2], WINDOWS[0]!);
    expect(read.size).toBeGreaterThan(0);
    expect(read.size).toBeLessThanOrEqual(Math.ceil(g.groups.length / 4));
  });

  test("a topic's range-local terms read its own row groups and the tail of rows over all topics, no other topic's", async () => {
    const { groups: g, read } = await groups();
    const id = 2;
    await sliceTermData(g, await monthTotals(), id, { first: null, last: null });
    const own = g.groups.filter((x) => mayHold(x, 'cluster_id', id, id)).map((x) => x.index);
    const tail = g.groups.filter((x) => mayHoldNull(x, 'cluster_id')).map((x) => x.index);
    expect(tail.length).toBeGreaterThan(0);
    expect([...read].sort((a, b) => a - b)).toEqual([...new Set([...own, ...tail])].sort((a, b) => a - b));
    expect(read.size).toBeLessThan(g.groups.length);
  });

  test('sliceTermData(groups, totals, id, months) equals sliceClassTotalsQuery and sliceTermCountsQuery on cluster_term_months', async () => {
    const { groups: g } = await groups();
    for (const range of [
      { from: null, to: null },
      { from: '2024-03-15', to: '2025-06-30' },
      { from: null, to: '2023-05-23' },
    ]) {
      const whole = wholeMonths(range)!;
      for (const id of [1, k - 1]) {
        const { classes, counts } = await sliceTermData(g, await monthTotals(), id, whole);
        expect(classes).toEqual(await runQuery(db, sliceClassTotalsQuery(whole)));
        const want = await runQuery(db, sliceTermCountsQuery(id, whole));
        expect(want.length).toBeGreaterThan(10);
        expect(counts).toEqual(want);
      }
    }
  });
});
