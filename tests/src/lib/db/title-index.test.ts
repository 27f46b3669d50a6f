/**
 * The title index read as the dashboard reads it (hyparquet, by row group) on a real pipeline output: the papers a
 * search finds equal, in count and in order, the same search as SQL over the whole documents table in native DuckDB
 * (tests/reference-sql/papers.ts), and the papers the decoded-titles path (within topics) finds.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { asyncBufferFromFile, parquetMetadataAsync, type AsyncBuffer } from 'hyparquet';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../../node-duckdb.ts';
import { runCli } from '../../../helpers/run-cli.ts';
import { papersQuery } from '../../../reference-sql/papers.ts';
import { TitleIndex } from '../../../../src/lib/db/title-index.ts';
import { DocumentGroups } from '../../../../src/lib/db/document-groups.ts';
import type { ParquetSource } from '../../../../src/lib/db/parquet-slice.ts';
import { matchingPapers, papersAtRows, type PaperFilter } from '../../../../src/lib/queries/papers.ts';
import { searchWords } from '../../../../src/shared/title-words.ts';
import type { DateRange } from '../../../../src/lib/queries/sql.ts';

const DOCUMENTS = 3000;
let dir: string;
let out: string;
let db: DuckDBConnection;
let index: TitleIndex;
let docs: DocumentGroups;
/** Bytes read from each file after its footer. */
const bytesRead = new Map<string, number>();

async function source(table: string): Promise<ParquetSource> {
  const file = await asyncBufferFromFile(join(out, `${table}.parquet`));
  const counted: AsyncBuffer = {
    byteLength: file.byteLength,
    slice: (start, end) => {
      bytesRead.set(table, (bytesRead.get(table) ?? 0) + (end ?? file.byteLength) - start);
      return file.slice(start, end);
    },
  };
  const metadata = await parquetMetadataAsync(file);
  return { file: counted, metadata };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'title-index-'));
  const lines = gunzipSync(await readFile('data/arxiv-cs-sample.jsonl.gz'))
    .toString('utf8')
    .split('\n');
  const corpus = join(dir, 'corpus.jsonl');
  await writeFile(corpus, lines.slice(0, DOCUMENTS).join('\n') + '\n');
  out = join(dir, 'out');
  const run = await runCli(['--input', corpus, '--out', out, '--k', '6', '--quiet', '--max-date', '2026-11-01']);
  expect(run.code, run.stderr).toBe(0);
  db = await parquetViews(out);
  index = new TitleIndex(await source('title_words'), await source('title_postings'));
  docs = new DocumentGroups(await source('documents'));
}, 180_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const OPEN: DateRange = { from: null, to: null };
const RANGES: DateRange[] = [OPEN, { from: '2024-01-01', to: '2024-12-31' }, { from: '2025-06-01', to: null }];
const TYPED = ['learning', 'Learn', 'graph neural', 'NEURAL graph', 'the', 'a', 'GPT-4', 'state-of-the-art', 'zzqx'];

/** What SQL over the whole table lists, as doc_ids. */
async function sqlIds(titleSearch: string, range: DateRange): Promise<string[]> {
  return (await runQuery(db, papersQuery({ clusterIds: [], range, titleSearch }, null, 0))).map((r) =>
    String(r['doc_id']),
  );
}

async function indexIds(titleSearch: string, range: DateRange): Promise<string[]> {
  const { rows } = await index.match(searchWords(titleSearch), range);
  return (await papersAtRows(docs, [...rows])).map((p) => p.doc_id);
}

describe('TitleIndex on a pipeline output of 3,000 arXiv papers', () => {
  test.each(TYPED)('match(%j) lists the papers SQL lists, in its order, in every date range', async (typed) => {
    for (const range of RANGES)
      expect(await indexIds(typed, range), JSON.stringify(range)).toEqual(await sqlIds(typed, range));
  });

  test('every title word and its first two letters find what SQL finds (count and order)', async () => {
    const words = await runQuery(db, {
      text: 'SELECT word FROM title_words WHERE hash(word) % 40 = 0 ORDER BY word',
      params: [],
      tables: [],
    });
    expect(words.length).toBeGreaterThan(50);
    for (const { word } of words) {
      for (const typed of [String(word), String(word).slice(0, 2)]) {
        const want = await sqlIds(typed, OPEN);
        expect(want.length, typed).toBeGreaterThan(0);
        expect(await indexIds(typed, OPEN), typed).toEqual(want);
      }
    }
  });

  test("finds the same papers as the decoded titles of every topic's row groups", async () => {
    const k = 6;
    for (const typed of TYPED) {
      const filter: PaperFilter = {
        clusterIds: Array.from({ length: k }, (_, i) => i),
        range: OPEN,
        titleSearch: typed,
      };
      const decoded = (await matchingPapers(docs, filter)).map((p) => p.doc_id);
      expect(await indexIds(typed, OPEN), typed).toEqual(decoded);
    }
  });

  test('a page read by row (text decoded for its rows only) equals those papers decoded whole', async () => {
    const filter: PaperFilter = {
      clusterIds: Array.from({ length: 6 }, (_, i) => i),
      range: OPEN,
      titleSearch: 'learning',
    };
    const decoded = await matchingPapers(docs, filter);
    expect(decoded.length).toBeGreaterThan(25);
    const { rows } = await index.match(searchWords('learning'), OPEN);
    expect(await papersAtRows(docs, [...rows.subarray(0, 25)])).toEqual(decoded.slice(0, 25));
    // Rows out of the list's order, several in one row group, and labels with non-ASCII text all come back as stored.
    const some = [...rows].reverse().slice(0, 40);
    const byId = new Map(decoded.map((p) => [p.doc_id, p]));
    const read = await papersAtRows(docs, some);
    expect(read.map((p) => byId.get(p.doc_id))).toEqual(read);
  });

  test('a search reads a small part of the index and no title of documents', async () => {
    const fresh = new TitleIndex(await source('title_words'), await source('title_postings'));
    bytesRead.clear();
    await fresh.match(['learning'], OPEN);
    expect(bytesRead.get('documents') ?? 0).toBe(0);
    const { size } = await stat(join(out, 'title_postings.parquet'));
    expect(bytesRead.get('title_postings')).toBeGreaterThan(0);
    expect(bytesRead.get('title_postings')).toBeLessThan(size);
  });
});
