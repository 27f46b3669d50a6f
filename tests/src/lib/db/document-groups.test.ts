import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadataAsync, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import type { DuckDBConnection } from '@duckdb/node-api';
import { emptyTables, runQuery } from '../../node-duckdb.ts';
import { DocumentGroups } from '../../../../src/lib/db/document-groups.ts';
import {
  matchingPapers,
  matchingRows,
  representativePapers,
  type PaperFilter,
} from '../../../../src/lib/queries/papers.ts';
import { papersQuery, representativePapersQuery } from '../../../reference-sql/papers.ts';
import { TABLES } from '../../../../src/schema.ts';
import { windowPapers } from '../../../../src/lib/queries/window-papers.ts';
import { windowPapersQuery } from '../../../reference-sql/window-papers.ts';

let dir: string;
let db: DuckDBConnection;
let bytes: ArrayBuffer;
let metadata: FileMetaData;

// 6 clusters of 1000 papers (cluster c has ids c-000..c-999; a title ends in a hash, so that the titles of a group are
// more bytes than the reader joins into one request with its neighbour columns), sorted by the documents sort key into row groups of
// 2048 rows (DuckDB's smallest), as the pipeline writes documents (in groups of 4096): a cluster spans 1 or 2 groups.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'document-groups-'));
  db = await emptyTables();
  await db.run(`INSERT INTO documents
    SELECT printf('%d-%03d', c, i),
      CASE WHEN i % 7 = 0 THEN 'Graph ' ELSE 'Image ' END || 'paper ' || i || ' ' || md5(i::VARCHAR || c), 'abstract',
      CASE WHEN i % 10 = 9 THEN NULL ELSE DATE '2024-01-01' + ((i * 37 + c * 11) % 400)::INTEGER END,
      CASE WHEN i % 10 = 9 THEN NULL ELSE 'day' END, ['cs.LG', 'c' || c], 's', c, 1 - i / 1000, CASE WHEN i < 3 THEN i + 1 END
    FROM range(6) a(c), range(1000) b(i)`);
  const file = join(dir, 'documents.parquet');
  await db.run(
    `COPY (SELECT * FROM documents ORDER BY ${TABLES.documents.sortKey.join(', ')}) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
  );
  const buffer = await readFile(file);
  bytes = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  metadata = await parquetMetadataAsync({ byteLength: bytes.byteLength, slice: (s, e) => bytes.slice(s, e) });
});

afterAll(() => rm(dir, { recursive: true, force: true }));

/** Groups over the file in memory, recording the byte ranges read after the footer. */
function groupsOf(meta: FileMetaData): { docs: DocumentGroups; reads: [number, number][] } {
  const reads: [number, number][] = [];
  const file: AsyncBuffer = {
    byteLength: bytes.byteLength,
    slice: (start, end) => (reads.push([start, end ?? bytes.byteLength]), bytes.slice(start, end)),
  };
  return { docs: new DocumentGroups({ file, metadata: meta }), reads };
}

const filters: PaperFilter[] = [
  { clusterIds: [3], range: { from: null, to: null }, titleSearch: '' },
  { clusterIds: [0, 5], range: { from: '2024-03-01', to: '2024-09-30' }, titleSearch: '' },
  { clusterIds: [3], range: { from: null, to: '2024-06-30' }, titleSearch: 'graph' },
  { clusterIds: [], range: { from: null, to: null }, titleSearch: 'GRAPH PAPER 4' },
  { clusterIds: [], range: { from: '2024-02-01', to: null }, titleSearch: 'image' },
  { clusterIds: [], range: { from: null, to: null }, titleSearch: 'no such title' },
];

describe('DocumentGroups over documents sorted by cluster_id', () => {
  test('groupsOfClusters(ids) names only the row groups whose cluster_id bounds cover a topic', () => {
    const { docs } = groupsOf(metadata);
    expect(docs.groups.map((g) => [g.rowStart, g.rowEnd])).toEqual([
      [0, 2048],
      [2048, 4096],
      [4096, 6000],
    ]);
    expect(docs.groupsOfClusters([0]).map((g) => g.index)).toEqual([0]);
    expect(docs.groupsOfClusters([2]).map((g) => g.index)).toEqual([0, 1]);
    expect(docs.groupsOfClusters([3]).map((g) => g.index)).toEqual([1]);
    expect(docs.groupsOfClusters([0, 5]).map((g) => g.index)).toEqual([0, 2]);
  });

  test('a topic is read from its own row groups only, and a second read fetches nothing', async () => {
    const { docs, reads } = groupsOf(metadata);
    const papers = await matchingPapers(docs, filters[0]!);
    expect(papers).toHaveLength(1000);
    const chunks = metadata.row_groups[1]!.columns;
    const lo = Math.min(
      ...chunks.map((c) => Number(c.meta_data!.dictionary_page_offset ?? c.meta_data!.data_page_offset)),
    );
    const hi = Math.max(
      ...chunks.map((c) => Number(c.meta_data!.data_page_offset + c.meta_data!.total_compressed_size)),
    );
    expect(reads.length).toBeGreaterThan(0);
    for (const [start, end] of reads) expect(start >= lo && end <= hi).toBe(true);
    const before = reads.length;
    await matchingRows(docs, filters[0]!);
    expect(reads.length).toBe(before);
  });

  test("a topic's list is ordered without its titles; the representatives fetch titles for their rows", async () => {
    const { docs, reads } = groupsOf(metadata);
    const chunk = (name: string): [number, number] => {
      const m = metadata.row_groups[1]!.columns.find((c) => c.meta_data!.path_in_schema[0] === name)!.meta_data!;
      const start = Number(m.dictionary_page_offset ?? m.data_page_offset);
      return [start, start + Number(m.total_compressed_size)];
    };
    const overlaps = ([lo, hi]: [number, number]): boolean => reads.some(([start, end]) => start < hi && end > lo);
    const rows = await matchingRows(docs, filters[0]!);
    expect(rows).toHaveLength(1000);
    expect(overlaps(chunk('title'))).toBe(false);
    expect(await representativePapers(docs, 3, { from: null, to: null }, 5)).toHaveLength(3);
    expect(overlaps(chunk('title'))).toBe(true);
  });

  test.each(filters)('matchingPapers(groups, %j) equals papersQuery on DuckDB', async (filter) => {
    const sql = await runQuery(db, papersQuery(filter, null, 0));
    expect(await matchingPapers(groupsOf(metadata).docs, filter)).toEqual(sql);
  });

  test('representativePapers(groups, ...) equals representativePapersQuery in and out of a date range', async () => {
    for (const range of [
      { from: null, to: null },
      { from: '2024-04-01', to: '2024-12-31' },
    ]) {
      const sql = await runQuery(db, representativePapersQuery(4, range, 5));
      expect(await representativePapers(groupsOf(metadata).docs, 4, range, 5)).toEqual(sql);
    }
  });

  test('windowPapers(groups, ...) stops reading a topic early and equals windowPapersQuery', async () => {
    const months = { before: [], recent: ['2024-05-01', '2024-06-01', '2024-07-01'] };
    for (const limit of [1, 3, 50]) {
      const sql = await runQuery(db, windowPapersQuery([2, 0, 3], months, limit));
      expect(await windowPapers(groupsOf(metadata).docs, [2, 0, 3], months, limit)).toEqual(sql);
    }
    // Cluster 2 spans groups 0 and 1; its 3 closest papers in the window are in group 0, so group 1 is never read.
    const { docs, reads } = groupsOf(metadata);
    expect(await windowPapers(docs, [2], months, 3)).toHaveLength(3);
    const groupOne = metadata.row_groups[1]!.columns.map((c) => c.meta_data!);
    const start = Math.min(...groupOne.map((m) => Number(m.dictionary_page_offset ?? m.data_page_offset)));
    for (const [, end] of reads) expect(end).toBeLessThanOrEqual(start);
  });

  test('a file without cluster_id statistics is read whole and still answers the same', async () => {
    const bare: FileMetaData = {
      ...metadata,
      row_groups: metadata.row_groups.map((g) => ({
        ...g,
        columns: g.columns.map((c) => ({ ...c, meta_data: { ...c.meta_data!, statistics: {} } })),
      })),
    };
    const { docs } = groupsOf(bare);
    expect(docs.groupsOfClusters([3])).toHaveLength(3);
    for (const filter of filters)
      expect(await matchingPapers(docs, filter)).toEqual(await runQuery(db, papersQuery(filter, null, 0)));
  });
});
