import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
import { emptyTables } from '../../node-duckdb.ts';
import { readParquetRows } from '../../../../src/lib/db/parquet-slice.ts';

let dir: string;
let bytes: ArrayBuffer;

// 3 stems x 4096 days in row groups of 4096 rows (one stem each), sorted by stem as the pipeline writes term_trends.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parquet-slice-'));
  const db = await emptyTables();
  await db.run(`INSERT INTO term_trends
    SELECT s.stem, DATE '2000-01-01' + r.d::INTEGER, (s.i * 10000 + r.d)::INTEGER
    FROM (VALUES ('alpha', 1), ('beta', 2), ('gamma', 3)) s(stem, i), range(4096) r(d)`);
  const file = join(dir, 'term_trends.parquet');
  await db.run(
    `COPY (SELECT * FROM term_trends ORDER BY stem, period_start) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 4096)`,
  );
  const buffer = await readFile(file);
  bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** An in-memory file that records which byte ranges were read. */
function recording(): { file: AsyncBuffer; reads: [number, number][] } {
  const reads: [number, number][] = [];
  return {
    reads,
    file: {
      byteLength: bytes.byteLength,
      slice: (start: number, end?: number) => {
        reads.push([start, end ?? bytes.byteLength]);
        return bytes.slice(start, end);
      },
    },
  };
}

describe('readParquetRows(source, columns, rowStart, rowEnd)', () => {
  test('returns exactly the rows of the range, across row groups, dates as ISO strings', async () => {
    const { file } = recording();
    const source = { file, metadata: await parquetMetadataAsync(file) };
    const rows = await readParquetRows(source, ['stem', 'period_start', 'doc_count'], 4094, 4098);
    expect(rows).toEqual([
      { stem: 'alpha', period_start: '2011-03-18', doc_count: 14094 },
      { stem: 'alpha', period_start: '2011-03-19', doc_count: 14095 },
      { stem: 'beta', period_start: '2000-01-01', doc_count: 20000 },
      { stem: 'beta', period_start: '2000-01-02', doc_count: 20001 },
    ]);
  });

  test('reads only the row groups that hold the range', async () => {
    const { file } = recording();
    const metadata = await parquetMetadataAsync(file);
    const { file: counted, reads } = recording();
    await readParquetRows({ file: counted, metadata }, ['stem', 'period_start', 'doc_count'], 8192, 8200);
    const groups = metadata.row_groups.length;
    expect(groups).toBe(3);
    const lastGroupStart = Math.min(
      ...(metadata.row_groups[2]?.columns.map((c) =>
        Number(c.meta_data?.dictionary_page_offset ?? c.meta_data?.data_page_offset),
      ) ?? []),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const [start] of reads) expect(start).toBeGreaterThanOrEqual(lastGroupStart);
  });

  test('an empty range reads nothing', async () => {
    const { file, reads } = recording();
    expect(
      await readParquetRows({ file, metadata: await parquetMetadataAsync(recording().file) }, ['stem'], 3, 3),
    ).toEqual([]);
    expect(reads).toEqual([]);
  });
});
