import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { CliError } from '../../../pipelines/errors.ts';
import { denseRow } from '../../../pipelines/features/csr.ts';
import { VocabularyBuilder, type VocabularyOptions } from '../../../pipelines/features/vocabulary.ts';

const ALL: VocabularyOptions = { minDf: 1, maxDf: Infinity, maxFeatures: null };

function build(documents: readonly (readonly string[])[], options: VocabularyOptions, maxProvisionalTerms?: number) {
  const builder = new VocabularyBuilder(maxProvisionalTerms === undefined ? {} : { maxProvisionalTerms });
  for (const terms of documents) builder.addDocument(terms);
  return { builder, vocabulary: builder.build(options) };
}

// df: a 3, b 2, c 1, d 1 (n = 4); total counts: a 4, b 2, c 3, d 1.
const DOCS = [['b', 'a', 'a'], ['a', 'b'], ['a', 'c', 'c', 'c'], ['d']];

describe('VocabularyBuilder.build(options)', () => {
  test('sorts terms, counts raw occurrences, columns ascending in each row', () => {
    const { vocabulary } = build(DOCS, ALL);
    expect(vocabulary.terms).toEqual(['a', 'b', 'c', 'd']);
    expect([...vocabulary.documentFrequency]).toEqual([3, 2, 1, 1]);
    expect(denseRow(vocabulary.counts, 0)).toEqual([2, 1, 0, 0]);
    expect(denseRow(vocabulary.counts, 2)).toEqual([1, 0, 3, 0]);
    expect([...vocabulary.counts.indices]).toEqual([0, 1, 0, 1, 0, 2, 3]);
    expect(vocabulary.prunedTerms).toBe(0);
  });

  test('integer minDf is a document count', () => {
    const { vocabulary } = build(DOCS, { ...ALL, minDf: 2 });
    expect(vocabulary.terms).toEqual(['a', 'b']);
    expect(vocabulary.prunedTerms).toBe(2);
    expect(denseRow(vocabulary.counts, 3)).toEqual([0, 0]);
  });

  test('fractional maxDf is a proportion of documents (df <= 0.5 * 4)', () => {
    expect(build(DOCS, { ...ALL, maxDf: 0.5 }).vocabulary.terms).toEqual(['b', 'c', 'd']);
  });

  test('fractional minDf is a proportion of documents (df >= 0.6 * 4)', () => {
    expect(build(DOCS, { ...ALL, minDf: 0.6 }).vocabulary.terms).toEqual(['a']);
  });

  test('maxFeatures keeps the highest total counts, ties alphabetical, then sorts', () => {
    expect(build(DOCS, { ...ALL, maxFeatures: 2 }).vocabulary.terms).toEqual(['a', 'c']);
    expect(build([['y', 'x']], { ...ALL, maxFeatures: 1 }).vocabulary.terms).toEqual(['x']);
  });

  test('empty documents are rows without values', () => {
    const { vocabulary } = build([[], ['a'], []], ALL);
    expect(vocabulary.counts.nRows).toBe(3);
    expect([...vocabulary.counts.indptr]).toEqual([0, 0, 1, 1]);
  });

  test('nothing left after pruning throws a CliError naming the options', () => {
    expect(() => build(DOCS, { ...ALL, minDf: 4 })).toThrow(
      new CliError('After pruning, no terms remain. Try a lower --min-df or a higher --max-df.'),
    );
  });

  test('only empty documents throw a CliError', () => {
    expect(() => build([[], []], ALL)).toThrow(CliError);
  });

  test('maxDf below minDf and invalid values are CliErrors', () => {
    expect(() => build(DOCS, { ...ALL, minDf: 3, maxDf: 2 })).toThrow(/--max-df 2 corresponds to fewer documents/);
    expect(() => build(DOCS, { ...ALL, minDf: 2.5 })).toThrow(/invalid --min-df: 2.5/);
    expect(() => build(DOCS, { ...ALL, maxFeatures: 0 })).toThrow(/invalid --max-features: 0/);
  });

  test('the dictionary cap forgets single-document bigrams only, and says it ran', () => {
    const documents = [
      ['a', 'x y', 'p q'],
      ['a', 'x y', 'r s'],
      ['b', 't u'],
      ['a', 'x y', 'v w'],
    ];
    const { builder, vocabulary } = build(documents, ALL, 5);
    expect(builder.capPrunes).toBeGreaterThan(0);
    expect(vocabulary.terms).toEqual(['a', 'b', 'v w', 'x y']);
    expect([...vocabulary.documentFrequency]).toEqual([3, 1, 1, 3]);
    expect(denseRow(vocabulary.counts, 3)).toEqual([1, 0, 1, 1]);
  });

  test('the capped builder equals the exact one while the cap is not reached', () => {
    const documents = [
      ['a', 'x y'],
      ['a', 'x y', 'b'],
    ];
    const capped = build(documents, ALL, 100);
    expect(capped.builder.capPrunes).toBe(0);
    expect(capped.vocabulary).toEqual(build(documents, ALL).vocabulary);
  });
});

const documents = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'a b'), { maxLength: 12 }), {
  minLength: 1,
  maxLength: 40,
});

describe('VocabularyBuilder properties', () => {
  propertyTest.prop([documents, fc.integer({ min: 1, max: 5 })], { seed: 20240601, numRuns: 200 })(
    'never keeps a term with df < minDf, and df is the number of rows holding the term',
    (docs, minDf) => {
      let vocabulary;
      try {
        vocabulary = build(docs, { minDf, maxDf: Infinity, maxFeatures: null }).vocabulary;
      } catch (error) {
        expect(error).toBeInstanceOf(CliError);
        return;
      }
      vocabulary.terms.forEach((term, j) => {
        const df = docs.filter((terms: readonly string[]) => terms.includes(term)).length;
        expect(df).toBeGreaterThanOrEqual(minDf);
        expect(vocabulary.documentFrequency[j]).toBe(df);
      });
    },
  );
});
