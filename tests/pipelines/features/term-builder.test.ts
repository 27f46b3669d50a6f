import { describe, expect, test } from 'vitest';
import { DocumentTermCounter } from '../../../pipelines/features/document-term-counter.ts';
import { TermBuilder, type WordMap } from '../../../pipelines/features/term-builder.ts';
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

/** One encoder and its counter, as in a worker thread, and the reading thread's map of their ids. */
class Source {
  readonly encoder = new WordEncoder();
  readonly counter: DocumentTermCounter;
  readonly map: WordMap;
  readonly words = new IntBuffer();
  readonly counted = new IntBuffer();

  constructor(readonly terms: TermBuilder) {
    this.counter = new DocumentTermCounter({ bigrams: terms.bigrams });
    this.map = terms.newWordMap();
  }

  /** Encodes and counts `text`; adds it to `terms` unless `skipped` (a duplicate: its word counts are taken back). */
  read(text: string, skipped = false): void {
    const { encoder, counter, map, words, counted, terms } = this;
    words.clear();
    counted.clear();
    encoder.encode(text, words);
    counter.count(words.data, 0, words.length, encoder, counted);
    terms.addWords(map, encoder.drainNewWords());
    terms.addTerms(map, counter.drainNewTerms());
    if (skipped) terms.uncountWords(words.data, 0, words.length, map);
    else terms.addCountedDocument(counted.data, 0, counted.length, map);
  }

  /** The end of a file: the counter's word counts go to the spellings. */
  finish(): void {
    this.terms.addWordCounts(this.map, this.counter.drainWordCounts());
  }
}

/** Encodes with `encoders` encoders taking documents round-robin, as worker threads would. */
function fast(texts: readonly string[], bigrams: boolean, encoders: number, maxProvisionalTerms?: number) {
  const terms = new TermBuilder({ bigrams, ...(maxProvisionalTerms === undefined ? {} : { maxProvisionalTerms }) });
  const sources = Array.from({ length: encoders }, () => new Source(terms));
  texts.forEach((text, i) => sources[i % encoders]!.read(text));
  for (const source of sources) source.finish();
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

  test('words a counter saw in a document that was never added are not terms, nor spellings', () => {
    const terms = new TermBuilder({ bigrams: true });
    const source = new Source(terms);
    source.read('Neural networking. Skipped duplicate words', true); // e.g. a duplicate: counted, not added
    source.read('Graph neural networks');
    source.finish();
    expect(terms.vocabulary.provisionalTerms).toBe(5);
    expect(terms.surfaceForm('skip')).toBe('skip');
    expect(terms.surfaceForm('neural network')).toBe('neural networks');
  });

  test('equals the string path when documents repeat across encoders and some are skipped', async () => {
    const texts = await readCorpusTexts('data/arxiv-cs-sample.jsonl.gz', 600);
    // Every third document is read twice, the second time as a skipped duplicate by another encoder.
    const kept: string[] = [];
    const terms = new TermBuilder({ bigrams: true });
    const sources = [new Source(terms), new Source(terms)];
    texts.forEach((text, i) => {
      sources[i % 2]!.read(text);
      kept.push(text);
      if (i % 3 === 0) sources[(i + 1) % 2]!.read(text, true);
    });
    for (const source of sources) source.finish();
    const expected = reference(kept, true);
    expectSameMatrix(terms.vocabulary.build(OPTIONS), expected.vocabulary);
    for (const term of expected.vocabulary.terms)
      expect(terms.surfaceForm(term)).toBe(expected.analyzer.surfaceForm(term));
  });
});

describe('TermBuilder.releaseCounting()', () => {
  test('keeps surface forms, frees counting: adding or building afterwards throws', () => {
    const terms = new TermBuilder({ bigrams: true });
    const source = new Source(terms);
    source.read('Graph neural networks. Neural network pruning.');
    source.finish();
    const vocabulary = terms.vocabulary.build({ minDf: 1, maxDf: Infinity, maxFeatures: null });
    terms.releaseCounting();
    expect(vocabulary.terms).toContain('neural network');
    // "networks" and "network" close one bigram each: the tie goes to the alphabetically first spelling.
    expect(terms.surfaceForm('neural network')).toBe('neural network');
    expect(terms.surfaceForm('network')).toBe('network');
    expect(() => source.read('Graph neural networks.')).toThrow(/after releaseCounting/);
    expect(() => terms.vocabulary.build({ minDf: 1, maxDf: Infinity, maxFeatures: null })).toThrow(/releaseDocuments/);
  });
});
