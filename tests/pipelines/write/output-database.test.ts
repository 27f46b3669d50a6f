import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { OutputDatabase, STAGED_DOCUMENTS } from '../../../pipelines/write/output-database.ts';
import { parquet, query } from '../../helpers/duckdb.ts';

let dir: string;
let database: OutputDatabase;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'output-database-'));
  database = await OutputDatabase.open(dir);
});

afterEach(() => database.close());

test('alongside(writing, work) runs work while the write is pending and returns its result after both end', async () => {
  const relation = `(SELECT 3 AS cluster_id, 1 AS rank, 'graphs' AS term, 'graph' AS stem, 0.5 AS weight, 7 AS doc_freq)`;
  let settled = false;
  const writing = database.writeRelation('clusterTerms', relation, dir).then(() => (settled = true));
  const result = await database.alongside(writing, () => (settled ? 'after the write' : 'during the write'));
  expect(result).toBe('during the write');
  expect(settled).toBe(true);
  expect(database.writtenTables).toEqual({ cluster_terms: { file: 'cluster_terms.parquet', rows: 1 } });
  expect(await query(`SELECT cluster_id, stem, doc_freq FROM ${parquet(dir, 'cluster_terms')}`)).toEqual([
    { cluster_id: 3, stem: 'graph', doc_freq: 7 },
  ]);
});

test('alongside(writing, work) rejects with the write error when the write fails, after work ran', async () => {
  let ran = false;
  const writing = database.writeRelation('clusterTerms', 'no_such_table', dir);
  await expect(
    database.alongside(writing, () => {
      ran = true;
    }),
  ).rejects.toThrow(/no_such_table/);
  expect(ran).toBe(true);
});

test('stageDocument(doc) stages every value as given, labels as VARCHAR[], lone surrogates as U+FFFD', async () => {
  const labels = [
    ['cs.LG', 'stat.ML'],
    [],
    ['a, "quoted" \\ label', 'nul\u0000 and \u2028', 'emoji \u{1f600}', 'lone \ud800 surrogate'],
  ];
  for (const [i, docLabels] of labels.entries()) {
    await database.stageDocument({
      id: `d${i}`,
      title: `title ${i} \u{1f600}`,
      abstract: i === 1 ? '' : `abstract ${i}`,
      date: i === 1 ? null : '2024-02-01',
      datePrecision: i === 1 ? null : 'month',
      labels: docLabels,
      source: 'src',
      file: 'f.jsonl',
      line: i + 1,
    });
  }
  const rows = await database.stage(async (connection) =>
    (
      await connection.runAndReadAll(
        `SELECT doc_index, doc_id, title, abstract, date, date_precision, labels, source FROM ${STAGED_DOCUMENTS} ORDER BY doc_index`,
      )
    ).getRowObjectsJson(),
  );
  expect(rows).toEqual(
    labels.map((docLabels, i) => ({
      doc_index: i,
      doc_id: `d${i}`,
      title: `title ${i} \u{1f600}`,
      abstract: i === 1 ? '' : `abstract ${i}`,
      date: i === 1 ? null : '2024-02-01',
      date_precision: i === 1 ? null : 'month',
      labels: docLabels.map((label) => label.replace('\ud800', '\ufffd')),
      source: 'src',
    })),
  );
});
