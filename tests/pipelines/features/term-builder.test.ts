import { describe, expect, test } from 'vitest';
import { TermBuilder } from '../../../pipelines/features/term-builder.ts';
import { VocabularyBuilder, type Vocabulary, type VocabularyOptions } from '../../../pipelines/features/vocabulary.ts';
import { TextAnalyzer } from '../../../pipelines/text/analyze.ts';
import { IntBuffer, WordEncoder } from '../../../pipelines/text/word-encoder.ts';
import { readCorpusTexts } from '../text/corpus-texts.ts';

const OPTIONS: VocabularyOptions = { minDf: 2, maxDf: 0.5, maxFeatures: null };

function reference(texts: readonly string[], bigrams: boolean, maxProvisionalTerms?: number) {
  const analyzer = new TextAnalyzer({ bigrams });
  const builder = new VocabularyBuilder(maxProvisionalTerms === undefined ? {} : { maxProvisionalTerms });
  for (const text of texts) builder.addDocument(analyzer.analyze(text));
  return { analyzer, builder, vocabulary: builder.build(OPTIONS) };
}

/** Encodes with `encoders` encoders taking documents round-robin, as worker threads would. */
function fast(texts: readonly string[], bigrams: boolean, encoders: number, maxProvisionalTerms?: number) {
  const terms = new TermBuilder({ bigrams, ...(maxProvisionalTerms === undefined ? {} : { maxProvisionalTerms }) });
  const sources = Array.from({ length: encoders }, () => ({ encoder: new WordEncoder(), map: terms.newWordMap() }));
  const out = new IntBuffer();
  texts.forEach((text, i) => {
    const { encoder, map } = sources[i % encoders]!;
    out.clear();
    encoder.encode(text, out);
    terms.addWords(map, encoder.drainNewWords());
    terms.addDocument(out.data, 0, out.length, map);
  });
  return { terms, vocabulary: terms.vocabulary.build(OPTIONS) };
}

function expectSameMatrix(actual: Vocabulary, expected: Vocabulary): void {
  expect(actual.terms).toEqual(expected.terms);
  expect(actual.counts.indptr).toEqual(expected.counts.indptr);
  expect(actual.counts.indices).toEqual(expected.counts.indices);
  expect(actual.counts.data).toEqual(expected.counts.data);
  expect(actual.documentFrequency).toEqual(expected.documentFrequency);
}

describe('TermBuilder', () => {
  test('equals TextAnalyzer + VocabularyBuilder.addDocument on 1,000 real abstracts: terms, counts, spellings', async () => {
    const texts = [
      ...(await readCorpusTexts('data/arxiv-cs-sample.jsonl.gz', 500)),
      ...(await readCorpusTexts('../shared/data/acl-anthology.jsonl.gz', 500)),
    ];
    for (const bigrams of [true, false]) {
      const expected = reference(texts, bigrams);
      const actual = fast(texts, bigrams, 2);
      expectSameMatrix(actual.vocabulary, expected.vocabulary);
      for (const term of expected.vocabulary.terms) {
        expect(actual.terms.surfaceForm(term)).toBe(expected.analyzer.surfaceForm(term));
      }
    }
  });

  test('follows the vocabulary when its cap forgets single-document bigrams (ids renumbered)', async () => {
    const texts = await readCorpusTexts('data/arxiv-cs-sample.jsonl.gz', 1000);
    const expected = reference(texts, true, 20_000);
    const actual = fast(texts, true, 3, 20_000);
    expect(expected.builder.capPrunes).toBeGreaterThan(2);
    expect(actual.terms.vocabulary.capPrunes).toBe(expected.builder.capPrunes);
    expect(actual.terms.vocabulary.capPrunedTerms).toBe(expected.builder.capPrunedTerms);
    expectSameMatrix(actual.vocabulary, expected.vocabulary);
  });

  test('words an encoder saw in a document that was never added are not terms', () => {
    const terms = new TermBuilder({ bigrams: true });
    const encoder = new WordEncoder();
    const map = terms.newWordMap();
    const out = new IntBuffer();
    encoder.encode('Skipped duplicate words', out); // e.g. a duplicate: encoded, not added
    terms.addWords(map, encoder.drainNewWords());
    out.clear();
    encoder.encode('Graph neural networks', out);
    terms.addWords(map, encoder.drainNewWords());
    terms.addDocument(out.data, 0, out.length, map);
    expect(terms.vocabulary.provisionalTerms).toBe(5);
    expect(terms.surfaceForm('skip')).toBe('skip');
    expect(terms.surfaceForm('neural network')).toBe('neural networks');
  });
});

describe('TermBuilder.releaseCounting()', () => {
  test('keeps surface forms, frees counting: adding or building afterwards throws', () => {
    const terms = new TermBuilder({ bigrams: true });
    const encoder = new WordEncoder();
    const map = terms.newWordMap();
    const out = new IntBuffer();
    encoder.encode('Graph neural networks. Neural network pruning.', out);
    terms.addWords(map, encoder.drainNewWords());
    terms.addDocument(out.data, 0, out.length, map);
    const vocabulary = terms.vocabulary.build({ minDf: 1, maxDf: Infinity, maxFeatures: null });
    terms.releaseCounting();
    expect(vocabulary.terms).toContain('neural network');
    // "networks" and "network" close one bigram each: the tie goes to the alphabetically first spelling.
    expect(terms.surfaceForm('neural network')).toBe('neural network');
    expect(terms.surfaceForm('network')).toBe('network');
    expect(() => terms.addDocument(out.data, 0, out.length, map)).toThrow(/after releaseCounting/);
    expect(() => terms.vocabulary.build({ minDf: 1, maxDf: Infinity, maxFeatures: null })).toThrow(/releaseDocuments/);
  });
});
