import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { OutputDatabase } from '../../../pipelines/write/output-database.ts';

let dir: string;

// 10,000 documents over 5 clusters, staged in an order unrelated to their cluster (doc i -> cluster i * 3 % 5).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'documents-layout-'));
  const db = await OutputDatabase.open(dir);
  const n = 10_000;
  for (let i = 0; i < n; i++) {
    await db.stageDocument({
      id: `d${i}`,
      title: `title ${i}`,
      abstract: 'text',
      date: '2024-01-01',
      datePrecision: 'day',
      labels: [],
      source: 's',
      file: 'f',
      line: i + 1,
    });
  }
  await db.writeDocuments(
    {
      clusterIds: Int32Array.from({ length: n }, (_, i) => (i * 3) % 5),
      similarities: Float64Array.from({ length: n }, (_, i) => (i % 97) / 97),
      representativeRanks: new Int32Array(n),
    },
    dir,
  );
  db.close();
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('OutputDatabase.writeDocuments(assignment, outDir)', () => {
  test('writes documents sorted by cluster in row groups of at most 4096 rows, each naming its clusters', async () => {
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    const groups = (
      await connection.runAndReadAll(`SELECT row_group_id, row_group_num_rows::INTEGER AS rows,
        stats_min::INTEGER AS lo, stats_max::INTEGER AS hi
        FROM parquet_metadata('${join(dir, 'documents.parquet')}') WHERE path_in_schema = 'cluster_id' ORDER BY row_group_id`)
    ).getRowObjectsJson() as { rows: number; lo: number; hi: number }[];
    expect(groups.length).toBe(Math.ceil(10_000 / 4096));
    expect(groups.every((g) => g.rows <= 4096)).toBe(true);
    // Sorted by cluster: each group's range starts where the previous one ended, so a topic is a few groups.
    groups.slice(1).forEach((g, i) => expect(g.lo).toBeGreaterThanOrEqual(groups[i]!.hi));
    expect([groups[0]!.lo, groups.at(-1)!.hi]).toEqual([0, 4]);
  });
});
