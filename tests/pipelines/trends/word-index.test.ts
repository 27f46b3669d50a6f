import { beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { stageWordIndex } from '../../../pipelines/trends/word-index.ts';
import { WORD_SEPARATOR } from '../../../src/shared/words.ts';

const DOCS = [
  // doc_id, title, abstract, date, precision
  [
    'b',
    'State-of-the-art Transformers',
    'A transformer. Diffusion, models $\\mathcal{O}(n)$ win.',
    '2024-01-20',
    'day',
  ],
  ['a', 'Diffusion models', 'See https://example.org/transformers for code.', '2024-01-05', 'day'],
  ['c', 'Transformer', 'state of the art diffusion model', '2024-02-01', 'month'],
  ['d', 'Undated transformer', '', null, null],
  ['e', 'Year-only transformer', '', '2024-01-01', 'year'],
] as const;

async function staged(maxDocs = 100): Promise<DuckDBConnection> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  await db.run(
    'CREATE TABLE docs (doc_id VARCHAR, title VARCHAR, abstract VARCHAR, date VARCHAR, date_precision VARCHAR)',
  );
  for (const row of DOCS) await db.run('INSERT INTO docs VALUES (?, ?, ?, ?, ?)', [...row]);
  const index = await stageWordIndex(db, 'docs', maxDocs);
  await db.run(`CREATE TABLE word_postings AS SELECT * FROM ${index.wordPostings}`);
  await db.run(`CREATE TABLE words AS SELECT * FROM ${index.words}`);
  return db;
}

async function rows(db: DuckDBConnection, sql: string, params: string[] = []): Promise<Record<string, unknown>[]> {
  return (await db.runAndReadAll(sql, params)).getRowObjectsJson();
}

describe('stageWordIndex(connection, documents, maxDocs)', () => {
  let db: DuckDBConnection;
  beforeAll(async () => {
    db = await staged();
  });

  it('numbers the day- or month-dated documents by (month, doc_id); undated and year-only ones are left out', async () => {
    const docs = await rows(db, 'SELECT DISTINCT doc, period_start FROM word_postings ORDER BY doc');
    expect(docs).toEqual([
      { doc: 0, period_start: '2024-01-01' },
      { doc: 1, period_start: '2024-01-01' },
      { doc: 2, period_start: '2024-02-01' },
    ]);
    expect(await rows(db, "SELECT word FROM words WHERE word IN ('undated', 'year', 'only')")).toEqual([]);
  });

  it('keeps every word as written: stop words, hyphen parts, no stems; TeX and URLs removed as the analyzer does', async () => {
    const b = await rows(db, 'SELECT word, position FROM word_postings WHERE doc = 1 ORDER BY position');
    expect(b.map((r) => `${String(r['word'])}@${String(r['position'])}`).join(' ')).toBe(
      // title 0..4, a gap at 5, abstract from 6; "$\mathcal{O}(n)$" leaves no word.
      'state@0 of@1 the@2 art@3 transformers@4 a@6 transformer@7 diffusion@8 models@9 win@10',
    );
    expect(
      await rows(
        db,
        "SELECT count(*)::INTEGER AS n FROM word_postings WHERE word IN ('https', 'example', 'org', 'mathcal')",
      ),
    ).toEqual([{ n: 0 }]);
  });

  it('words says where each word lies in word_postings sorted by word, with its stem and documents', async () => {
    const index = await rows(
      db,
      'SELECT word, stem, doc_freq::INTEGER AS doc_freq, first_row::INTEGER AS first_row, row_count FROM words ORDER BY word',
    );
    const postings = await rows(db, 'SELECT word FROM word_postings ORDER BY word, doc, position');
    for (const w of index) {
      const slice = postings.slice(Number(w['first_row']), Number(w['first_row']) + Number(w['row_count']));
      expect(slice.every((p) => p['word'] === w['word'])).toBe(true);
      expect(slice.length).toBe(Number(w['row_count']));
    }
    expect(index.find((w) => w['word'] === 'transformers')).toMatchObject({ stem: 'transform', doc_freq: 1 });
    expect(index.find((w) => w['word'] === 'transformer')).toMatchObject({ stem: 'transform', doc_freq: 2 });
  });

  it('a phrase never spans the title and the abstract', async () => {
    // "transformers a": title's last word, abstract's first; positions 4 and 6.
    const pairs = await rows(
      db,
      "SELECT count(*)::INTEGER AS n FROM word_postings x JOIN word_postings y ON x.doc = y.doc AND y.position = x.position + 1 WHERE x.word = 'transformers' AND y.word = 'a'",
    );
    expect(pairs).toEqual([{ n: 0 }]);
  });

  it('counts agree with a whole-word scan of the same text when it has no TeX or URL', async () => {
    for (const phrase of [
      ['transformer'],
      ['diffusion', 'model'],
      ['diffusion', 'models'],
      ['state', 'of', 'the', 'art'],
    ]) {
      const pattern = `(^|${WORD_SEPARATOR})${phrase.join(WORD_SEPARATOR)}(${WORD_SEPARATOR}|$)`;
      const scanned = await rows(
        db,
        "SELECT doc_id FROM docs WHERE date_precision IN ('day', 'month') AND (regexp_matches(lower(title), ?) OR regexp_matches(lower(abstract), ?)) ORDER BY doc_id",
        [pattern, pattern],
      );
      expect(scanned.length).toBeGreaterThan(0);
      const joins = phrase
        .map((_, i) =>
          i === 0
            ? 'word_postings p0'
            : `JOIN word_postings p${i} ON p${i}.doc = p0.doc AND p${i}.position = p0.position + ${i}`,
        )
        .join(' ');
      const where = phrase.map((_, i) => `p${i}.word = ?`).join(' AND ');
      const indexed = await rows(
        db,
        `SELECT count(DISTINCT p0.doc)::INTEGER AS n FROM ${joins} WHERE ${where}`,
        phrase,
      );
      expect(indexed).toEqual([{ n: scanned.length }]);
    }
  });

  it('writes nothing when there are more dated documents than maxDocs (0 turns the index off)', async () => {
    for (const maxDocs of [0, 2]) {
      const off = await staged(maxDocs);
      expect(await rows(off, 'SELECT count(*)::INTEGER AS n FROM word_postings')).toEqual([{ n: 0 }]);
      expect(await rows(off, 'SELECT count(*)::INTEGER AS n FROM words')).toEqual([{ n: 0 }]);
    }
  });
});
