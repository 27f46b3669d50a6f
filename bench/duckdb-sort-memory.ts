/**
 * Does the `documents` COPY's sort over wide text fit DuckDB's memory limit, without the pipeline? It stages rows as
 * the pipeline does (text, dates, labels as JSON) and copies them to Parquet sorted as `documents` is, with
 * synthetic clusters and similarities. It was written to find the cause of the 10M run's out-of-memory error while
 * writing. On DuckDB 1.5.5 with real abstracts (session 7, `corpus-growing-*` from `make-scale-corpus.ts`), measured
 * with a scratch script that staged the corpus the same way and also joined the assignments as the pipeline does;
 * these command lines give that query without the join and were not rerun in the session:
 *
 *   npx tsx bench/duckdb-sort-memory.ts bench/out/scale/corpus-growing-1000000.jsonl.gz 600MB 2    # fails
 *   npx tsx bench/duckdb-sort-memory.ts bench/out/scale/corpus-growing-1000000.jsonl.gz 300MB 1    # passes, 16 s
 *   npx tsx bench/duckdb-sort-memory.ts bench/out/scale/corpus-growing-10000000.jsonl.gz 768MB 1   # passes, 264 s
 *
 * The sort's memory grows with the threads that feed the ordered COPY, not only with the rows: hence `documents` is
 * written on one thread (`SORTED_ON_ONE_THREAD`, pipelines/write/output-database.ts). With a number instead of a
 * corpus it sorts that many synthetic rows of ~900 repeated characters, which need far less memory than real text
 * (10M passed in 768 MB on two threads).
 *
 * Arguments: a corpus (JSON Lines, gzipped or not) or a row count, memory limit, threads, "sort" or "nosort".
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
  // Hashes stand in for the assignments: 20 clusters, similarities in [0, 1).
  const assigned = `(hash(doc_index) % 20)::INTEGER AS cluster_id, (hash(doc_index * 7) % 1000000) / 1e6 AS similarity`;
  if (/^\d+$/.test(rows)) {
    await connection.run(
      `CREATE TABLE staged AS SELECT i AS doc_index, 'id' || i AS doc_id, 'A title' AS title, repeat(md5(i::VARCHAR), 28) AS abstract,
         '2024-01-01' AS date, '["cs.LG"]' AS labels_json FROM range(${Number(rows)}) t(i)`,
    );
  } else {
    const file = rows.replaceAll("'", "''");
    await connection.run(
      `CREATE TABLE staged AS SELECT (row_number() OVER () - 1)::INTEGER AS doc_index, id AS doc_id, title, abstract,
         CASE length(date) WHEN 7 THEN date || '-01' WHEN 4 THEN date || '-01-01' ELSE date END AS date,
         to_json(labels)::VARCHAR AS labels_json
       FROM read_json('${file}', columns = {id: 'VARCHAR', title: 'VARCHAR', abstract: 'VARCHAR', date: 'VARCHAR', labels: 'VARCHAR[]'})`,
    );
  }
  await connection.run(`SET memory_limit = '${limit.replace(/[^0-9A-Za-z.]/g, '')}'`);
  await connection.run(`SET threads = ${Number(threads)}`);
  const order = mode === 'sort' ? 'ORDER BY cluster_id, similarity DESC, doc_id' : '';
  const started = Date.now();
  try {
    await connection.run(
      `COPY (SELECT doc_id, title, abstract, CAST(date AS DATE) AS date, from_json(labels_json, '["VARCHAR"]') AS labels, ${assigned}
         FROM staged ${order}) TO '${join(dir, 'out.parquet')}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 4096)`,
    );
    console.log(`${rows}, ${limit}, ${threads} threads, ${mode}: written in ${Date.now() - started} ms`);
  } catch (error) {
    console.log(`${rows}, ${limit}, ${threads} threads, ${mode}: ${(error as Error).message.split('\n')[0]}`);
  }
  connection.closeSync();
  instance.closeSync();
} finally {
  await rm(dir, { recursive: true, force: true });
}
