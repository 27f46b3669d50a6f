/**
 * Rebuilds the bundled default corpus `data/arxiv-cs-sample.jsonl.gz` from `../shared/data`: arXiv CS papers
 * from 2022 on (both arXiv files), deduplicated by id and by case-folded title, then a deterministic 1-in-8
 * sample by md5 of the id. Run once by a maintainer (`npm run corpus:default`); the result is committed.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const SHARED = process.argv[2] ?? '../shared/data';
const OUT = 'data/arxiv-cs-sample.jsonl.gz';
const COLUMNS =
  "columns={'id':'VARCHAR','title':'VARCHAR','abstract':'VARCHAR','date':'VARCHAR','labels':'VARCHAR[]','source':'VARCHAR'}";

const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
// The crawl file (v1 submission dates) wins over the daily listing (announcement dates) for shared ids.
await connection.run(`
  COPY (
    WITH combined AS (
      SELECT *, 0 AS preference FROM read_json('${SHARED}/arxiv-cs-2013-2025.jsonl.gz', format='newline_delimited', ${COLUMNS})
      WHERE date >= '2022'
      UNION ALL
      SELECT *, 1 AS preference FROM read_json('${SHARED}/arxiv-daily-cs.jsonl.gz', format='newline_delimited', ${COLUMNS})
    ),
    by_id AS (
      SELECT * FROM combined QUALIFY row_number() OVER (PARTITION BY id ORDER BY preference) = 1
    ),
    by_title AS (
      SELECT * FROM by_id QUALIFY row_number() OVER (PARTITION BY lower(title) ORDER BY date, id) = 1
    )
    SELECT id, title, abstract, date, labels, source FROM by_title
    WHERE md5(id) LIKE '0%' OR md5(id) LIKE '1%'
    ORDER BY date, id
  ) TO '${OUT}' (FORMAT json, COMPRESSION gzip)
`);
const count = await connection.runAndReadAll(
  `SELECT count(*)::INTEGER AS n, min(date) AS first, max(date) AS last FROM read_json('${OUT}', format='newline_delimited', ${COLUMNS})`,
);
console.log(OUT, count.getRowObjectsJson()[0]);
