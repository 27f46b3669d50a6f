/**
 * Does the documents COPY's sort over wide text fit DuckDB's memory limit, without the pipeline? It copies a synthetic
 * table of rows with ~900 characters of text to Parquet, sorted as `documents` is (or not sorted). It was written to
 * look for the cause of the 10M run's out-of-memory error while writing. On DuckDB 1.5.5 (session 6):
 *
 *   npx tsx bench/duckdb-sort-memory.ts 1000000 400MB 2 sort      # fails
 *   npx tsx bench/duckdb-sort-memory.ts 1000000 200MB 1 sort      # passes
 *   npx tsx bench/duckdb-sort-memory.ts 10000000 768MB 2 sort     # passes (47 s): the bare sort is not the cause
 *
 * Arguments: rows, memory limit, threads, "sort" or "nosort".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const [rows = '1000000', limit = '400MB', threads = '2', mode = 'sort'] = process.argv.slice(2);
const dir = await mkdtemp(join(tmpdir(), 'duckdb-sort-memory-'));
try {
  const instance = await DuckDBInstance.create(join(dir, 'scratch.duckdb'), {
    memory_limit: '4GB',
    temp_directory: join(dir, 'scratch.tmp'),
  });
  const connection = await instance.connect();
  // ~900 characters of text a row, the size of an abstract; cluster and similarity as the pipeline's assignments.
  await connection.run(
    `CREATE TABLE staged AS SELECT i AS doc_index, 'id' || i AS doc_id, repeat(md5(i::VARCHAR), 28) AS abstract,
       (hash(i) % 20)::INTEGER AS cluster_id, (hash(i * 7) % 1000) / 1000.0 AS similarity FROM range(${Number(rows)}) t(i)`,
  );
  await connection.run(`SET memory_limit = '${limit.replace(/[^0-9A-Za-z.]/g, '')}'`);
  await connection.run(`SET threads = ${Number(threads)}`);
  const order = mode === 'sort' ? 'ORDER BY cluster_id, similarity DESC, doc_id' : '';
  const started = Date.now();
  try {
    await connection.run(
      `COPY (SELECT * FROM staged ${order}) TO '${join(dir, 'out.parquet')}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4096)`,
    );
    console.log(`${rows} rows, ${limit}, ${threads} threads, ${mode}: written in ${Date.now() - started} ms`);
  } catch (error) {
    console.log(`${rows} rows, ${limit}, ${threads} threads, ${mode}: ${(error as Error).message.split('\n')[0]}`);
  }
  connection.closeSync();
  instance.closeSync();
} finally {
  await rm(dir, { recursive: true, force: true });
}
