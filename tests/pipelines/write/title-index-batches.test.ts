/**
 * The title index is split in batches of titles (so a 10M-document run holds one batch's postings in JS): the files
 * must not depend on the batch size, and hold one posting per distinct title word of every document.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { OutputDatabase, parquetRelation } from '../../../pipelines/write/output-database.ts';
import { writeTitleIndex } from '../../../pipelines/write/title-index.ts';
import { titleWords } from '../../../src/shared/title-words.ts';

const DOCUMENTS = 2000;
let dir: string;
let titles: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'title-index-batches-'));
  const records = gunzipSync(await readFile('data/arxiv-cs-sample.jsonl.gz'))
    .toString('utf8')
    .split('\n')
    .slice(0, DOCUMENTS)
    .map((line) => JSON.parse(line) as { id: string; title: string; date: string });
  titles = records.map((record) => record.title);
  const db = await OutputDatabase.open(dir);
  for (const [i, record] of records.entries()) {
    await db.stageDocument({
      id: record.id,
      title: record.title,
      abstract: '',
      // A few undated and many equal dates, so the list's rank (newest first, undated last, then id) has ties.
      date: i % 50 === 0 ? null : `2024-0${1 + (i % 9)}-01`,
      datePrecision: i % 50 === 0 ? null : 'month',
      labels: [],
      source: 's',
      file: 'f',
      line: i + 1,
    });
  }
  await db.writeDocuments(
    {
      clusterIds: Int32Array.from({ length: DOCUMENTS }, (_, i) => i % 7),
      similarities: Float64Array.from({ length: DOCUMENTS }, (_, i) => (i % 97) / 97),
      representativeRanks: new Int32Array(DOCUMENTS),
    },
    dir,
  );
  db.close();
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

async function indexWithBatches(titlesPerBatch: number | undefined): Promise<string> {
  const out = join(dir, `index-${titlesPerBatch ?? 'default'}`);
  await mkdir(out);
  const db = await OutputDatabase.open(out);
  await writeTitleIndex(db, parquetRelation(dir, 'documents', true), out, titlesPerBatch);
  db.close();
  return out;
}

test('title_words and title_postings are the same bytes whatever the batch size', async () => {
  const whole = await indexWithBatches(undefined);
  for (const titlesPerBatch of [7, 1000, DOCUMENTS - 1]) {
    const batched = await indexWithBatches(titlesPerBatch);
    for (const file of ['title_words.parquet', 'title_postings.parquet']) {
      expect(await readFile(join(batched, file)), `${file}, batches of ${titlesPerBatch}`).toEqual(
        await readFile(join(whole, file)),
      );
    }
  }

  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const counted = await connection.runAndReadAll(
    `SELECT count(*)::INTEGER, count(DISTINCT doc_row)::INTEGER FROM read_parquet('${join(whole, 'title_postings.parquet')}')`,
  );
  const [postings, documents] = counted.getRows()[0]!.map(Number);
  const expected = titles.reduce((sum, title) => sum + new Set(titleWords(title)).size, 0);
  expect(postings).toBe(expected);
  expect(documents).toBe(titles.filter((title) => titleWords(title).length > 0).length);
  connection.closeSync();
  instance.closeSync();
}, 60_000);
