import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { TermBuilder } from '../../../pipelines/features/term-builder.ts';
import { ingestOptions } from '../../../pipelines/ingest/read-input.ts';
import { DocumentReader } from '../../../pipelines/ingest/parallel/document-reader.ts';
import { isIndexedDate, WordIndexBuilder } from '../../../pipelines/trends/word-index-builder.ts';
import { stageCollectedWordIndex, stageWordIndex } from '../../../pipelines/trends/word-index.ts';
import { OutputDatabase, STAGED_DOCUMENTS } from '../../../pipelines/write/output-database.ts';

const dir = mkdtempSync(join(tmpdir(), 'word-index-builder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 2,000 real records plus the cases normalizing and dating must handle, and a duplicate. */
function corpus(): string {
  const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n').slice(0, 2000);
  const record = (id: string, title: string, abstract: string, date: string | null): string =>
    JSON.stringify({ id, title, abstract, ...(date === null ? {} : { date }) });
  lines.splice(
    5,
    0,
    record('tex', 'Bounds in $O(n)$ time', 'A $\\mathcal{O}(n \\log n)$ method; see \\cite{x}.', '2024-01-20'),
    record('url', 'Code at www.example.org', 'See https://example.org/a-b and me@example.org. Fine.', '2024-01-05'),
    record('unicode', 'Schrödinger ﬁelds — Ωmega', 'Σ-models ΣΑΣ. Full-width ＡＢＣ and 3½ cats.', '2024-02-01'),
    record('month', 'Month-dated paper', 'state-of-the-art model', '2024-02'),
    record('year', 'Year-only transformer', 'not indexed', '2024'),
    record('undated', 'Undated transformer', 'not indexed either', null),
    record('split', 'Title ends with www', 'abstract begins here: //x', '2024-03-03'),
  );
  lines.splice(1500, 0, lines[1499]!);
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, lines.join('\n'));
  return file;
}

async function rows(connection: DuckDBConnection, sql: string): Promise<string> {
  return JSON.stringify((await connection.runAndReadAll(sql)).getRowsJson());
}

/** Reads `file` into a fresh output database with the word index collected; both indexes' tables as JSON. */
async function indexes(file: string, workers: number, maxDocs = 100_000) {
  const database = await OutputDatabase.open(mkdtempSync(join(dir, 'db-')));
  try {
    const terms = new TermBuilder({ bigrams: true });
    const wordIndex = await WordIndexBuilder.open(database, maxDocs, 'new');
    const reader = new DocumentReader(workers, terms, wordIndex);
    const seen = new Set<string>();
    const options = ingestOptions({ maxDate: '2026-11-01', maxAbstractChars: 20_000, report: () => undefined });
    try {
      for await (const encoded of reader.read(file, { ...options, format: 'jsonl' })) {
        const { doc } = encoded;
        if (seen.has(doc.id)) continue;
        seen.add(doc.id);
        const docIndex = await database.stageDocument(doc);
        if (isIndexedDate(doc.date, doc.datePrecision)) {
          const { surface, surfaceFrom, surfaceTo, surfaceMap } = encoded;
          await wordIndex.addDocument(docIndex, surface, surfaceFrom, surfaceTo, surfaceMap!);
        }
      }
    } finally {
      await reader.close();
    }
    await database.limitMemory('1GB');
    return await database.stage(async (connection) => {
      const collected = await stageCollectedWordIndex(connection, wordIndex, STAGED_DOCUMENTS);
      const fromText = await stageWordIndex(connection, STAGED_DOCUMENTS, maxDocs, 'old');
      const tables = async (index: typeof collected) => ({
        indexedDocs: index.indexedDocs,
        postings: await rows(
          connection,
          `SELECT word, period_start, doc, position FROM ${index.wordPostings} ORDER BY ${index.wordPostingsOrder}`,
        ),
        words: await rows(connection, `SELECT * FROM ${index.words} ORDER BY word`),
      });
      return { collected: await tables(collected), fromText: await tables(fromText) };
    });
  } finally {
    database.close();
  }
}

describe('WordIndexBuilder (collected while reading) + stageCollectedWordIndex', () => {
  const file = corpus();

  test('gives the tables stageWordIndex gives from the staged text, with 1 and 2 workers', async () => {
    for (const workers of [1, 2]) {
      const { collected, fromText } = await indexes(file, workers);
      expect(fromText.indexedDocs).toBe(2005);
      expect(collected.indexedDocs).toBe(fromText.indexedDocs);
      expect(collected.words).toBe(fromText.words);
      expect(collected.postings).toBe(fromText.postings);
      expect(collected.postings).toContain('"schrödinger"');
      expect(collected.postings).not.toContain('"mathcal"');
    }
  }, 120_000);

  test('over maxDocs indexed documents both tables are empty, as stageWordIndex leaves them', async () => {
    const { collected, fromText } = await indexes(file, 2, 1000);
    expect(collected).toEqual(fromText);
    expect(collected).toEqual({ indexedDocs: 0, postings: '[]', words: '[]' });
  }, 120_000);
});
