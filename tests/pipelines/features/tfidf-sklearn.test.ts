// Differential test: our VocabularyBuilder + tfidf against scikit-learn's TfidfVectorizer on the same token
// lists (200 real abstracts analyzed by TextAnalyzer). Golden made by tests/golden/tfidf/make-golden.py.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { tfidf } from '../../../pipelines/features/tfidf.ts';
import { VocabularyBuilder } from '../../../pipelines/features/vocabulary.ts';

interface Golden {
  n_docs: number;
  min_df: number;
  max_df: number;
  terms: string[];
  indptr: number[];
  indices: number[];
  configs: {
    options: { sublinear_tf: boolean; smooth_idf: boolean; norm: 'l2' | null };
    idf: number[];
    data: number[];
  }[];
}

const golden = JSON.parse(readFileSync(new URL('../../golden/tfidf/expected.json', import.meta.url), 'utf8')) as Golden;
const documents = JSON.parse(
  readFileSync(new URL('../../golden/tfidf/tokens.json', import.meta.url), 'utf8'),
) as string[][];

const builder = new VocabularyBuilder();
for (const terms of documents) builder.addDocument(terms);
const vocabulary = builder.build({ minDf: golden.min_df, maxDf: golden.max_df, maxFeatures: null });

function maxAbsDifference(actual: ArrayLike<number>, expected: readonly number[]): number {
  expect(actual.length).toBe(expected.length);
  let max = 0;
  for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(actual[i]! - expected[i]!));
  return max;
}

describe('tfidf equals scikit-learn TfidfVectorizer on 200 analyzed arXiv abstracts', () => {
  test('vocabulary and sparsity pattern (min_df=2, max_df=0.9)', () => {
    expect(documents.length).toBe(golden.n_docs);
    expect(vocabulary.terms.some((term) => term.includes(' '))).toBe(true);
    expect(vocabulary.terms).toEqual(golden.terms);
    expect([...vocabulary.counts.indptr]).toEqual(golden.indptr);
    expect([...vocabulary.counts.indices]).toEqual(golden.indices);
  });

  test.each(golden.configs)('idf and every value within 1e-6: $options', ({ options, idf, data }) => {
    const result = tfidf(vocabulary.counts, {
      smoothIdf: options.smooth_idf,
      sublinearTf: options.sublinear_tf,
      norm: options.norm,
    });
    expect(maxAbsDifference(result.idf, idf)).toBeLessThan(1e-9);
    expect(maxAbsDifference(result.matrix.data, data)).toBeLessThan(1e-6);
  });
});
