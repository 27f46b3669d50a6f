import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import type { InputError } from '../../../../pipelines/errors.ts';
import { TermBuilder } from '../../../../pipelines/features/term-builder.ts';
import { VocabularyBuilder } from '../../../../pipelines/features/vocabulary.ts';
import { TextAnalyzer } from '../../../../pipelines/text/analyze.ts';
import { ingestOptions } from '../../../../pipelines/ingest/read-input.ts';
import { DocumentReader } from '../../../../pipelines/ingest/parallel/document-reader.ts';

/** 3,000 real records with bad lines spliced in: malformed JSON, blank, no title, long abstract, bad UTF-8. */
function corpusWithBadLines(): string {
  const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n').slice(0, 3000);
  lines.splice(10, 0, '{"id": "broken",');
  lines.splice(500, 0, '');
  lines.splice(1200, 0, JSON.stringify({ id: 'untitled', abstract: 'no title here' }));
  lines.splice(2100, 0, JSON.stringify({ id: 'long', title: 'Long', abstract: 'word '.repeat(5000) }));
  lines.splice(2900, 0, lines[2899]!); // a duplicate record: same words from another worker
  const file = join(mkdtempSync(join(tmpdir(), 'reader-')), 'corpus.jsonl');
  const bytes = Buffer.concat([Buffer.from(lines.join('\n')), Buffer.from('\n{"title": "bad \xff utf8"}\n', 'latin1')]);
  writeFileSync(file, bytes);
  return file;
}

const VOCABULARY = { minDf: 2, maxDf: 0.5, maxFeatures: null };

/** Reads `file`, adding each record to the terms the first time its id is seen (a repeated id is skipped). */
async function readAll(file: string, workers: number) {
  const terms = new TermBuilder({ bigrams: true });
  const keptTexts: string[] = [];
  const reader = new DocumentReader(workers, terms);
  const errors: string[] = [];
  const ids: string[] = [];
  const options = ingestOptions({
    maxDate: '2026-11-01',
    maxAbstractChars: 20_000,
    report: (error: InputError) => void errors.push(error.message),
  });
  try {
    for await (const { doc, words, from, to, map } of reader.read(file, { ...options, format: 'jsonl' })) {
      if (ids.includes(doc.id)) continue;
      ids.push(doc.id);
      keptTexts.push(`${doc.title}. ${doc.abstract}`);
      terms.addDocument(words, from, to, map);
    }
  } finally {
    await reader.close();
  }
  const vocabulary = terms.vocabulary.build(VOCABULARY);
  const surfaces = vocabulary.terms.map((term) => terms.surfaceForm(term));
  return { errors, ids, vocabulary, surfaces, keptTexts };
}

/** The string path: `TextAnalyzer` + `VocabularyBuilder.addDocument` over the same texts. */
function reference(texts: readonly string[]) {
  const analyzer = new TextAnalyzer({ bigrams: true });
  const builder = new VocabularyBuilder();
  for (const text of texts) builder.addDocument(analyzer.analyze(text));
  const vocabulary = builder.build(VOCABULARY);
  return { vocabulary, surfaces: vocabulary.terms.map((term) => analyzer.surfaceForm(term)) };
}

describe('DocumentReader', () => {
  test('worker threads give the records, errors (in file order), terms and spellings of the main-thread path', async () => {
    const file = corpusWithBadLines();
    const sequential = await readAll(file, 1);
    expect(sequential.ids.length).toBe(3000);
    expect(sequential.errors.length).toBe(4);
    // The encoders saw the skipped duplicate's words; terms and spellings are those of the kept records only.
    const expected = reference(sequential.keptTexts);
    expect(sequential.vocabulary).toEqual(expected.vocabulary);
    expect(sequential.surfaces).toEqual(expected.surfaces);
    for (const workers of [2, 3]) {
      const parallel = await readAll(file, workers);
      expect(parallel.errors).toEqual(sequential.errors);
      expect(parallel.ids).toEqual(sequential.ids);
      expect(parallel.vocabulary.terms).toEqual(sequential.vocabulary.terms);
      expect(parallel.vocabulary.counts.indptr).toEqual(sequential.vocabulary.counts.indptr);
      expect(parallel.vocabulary.counts.indices).toEqual(sequential.vocabulary.counts.indices);
      expect(parallel.vocabulary.counts.data).toEqual(sequential.vocabulary.counts.data);
      expect(parallel.surfaces).toEqual(sequential.surfaces);
    }
  }, 120_000);

  test('a throwing report (--on-error fail) stops the read and the workers close', async () => {
    const file = corpusWithBadLines();
    const terms = new TermBuilder({ bigrams: true });
    const reader = new DocumentReader(2, terms);
    const options = ingestOptions({
      maxDate: '2026-11-01',
      report: (error: InputError) => {
        throw error;
      },
    });
    const ids: string[] = [];
    const run = async (): Promise<void> => {
      for await (const { doc } of reader.read(file, { ...options, format: 'jsonl' })) ids.push(doc.id);
    };
    await expect(run()).rejects.toThrow(/malformed JSON/);
    expect(ids.length).toBe(10);
    await reader.close();
  }, 60_000);
});
