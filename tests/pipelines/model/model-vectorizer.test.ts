import { describe, expect, it } from 'vitest';
import { denseRow } from '../../../pipelines/features/csr.ts';
import { ModelVectorizer } from '../../../pipelines/model/model-vectorizer.ts';

const model = {
  stems: ['a', 'b', 'c'],
  idf: Float64Array.from([1, 2, 3]),
  tfidf: { smoothIdf: true, sublinearTf: false, norm: 'l2' as const },
};

describe('ModelVectorizer(model).transform(documents)', () => {
  it('weights counts by the saved idf and L2-normalises; unknown terms are dropped and counted', () => {
    // doc 0: a×2, b×1, z unknown -> (2·1, 1·2, 0) = (2, 2, 0) / sqrt(8)
    const { matrix, counts, unknownTerms } = new ModelVectorizer(model).transform([['a', 'b', 'z', 'a'], ['c']]);
    expect(denseRow(matrix, 0)).toEqual([2 / Math.sqrt(8), 2 / Math.sqrt(8), 0].map(Math.fround));
    expect(denseRow(matrix, 1)).toEqual([0, 0, 1]);
    expect(denseRow(counts, 0)).toEqual([2, 1, 0]);
    expect([...unknownTerms]).toEqual([1, 0]);
  });

  it('uses 1 + ln(tf) with sublinearTf', () => {
    const sublinear = new ModelVectorizer({ ...model, tfidf: { ...model.tfidf, sublinearTf: true } });
    // a×3 -> (1 + ln 3)·1, c×1 -> 1·3
    const weights = [1 + Math.log(3), 0, 3];
    const norm = Math.hypot(...weights);
    expect(denseRow(sublinear.transform([['a', 'a', 'a', 'c']]).matrix, 0)).toEqual(
      weights.map((w) => Math.fround(w / norm)),
    );
  });

  it('gives a zero row for a document with no known term', () => {
    const { matrix } = new ModelVectorizer(model).transform([['x', 'y']]);
    expect(denseRow(matrix, 0)).toEqual([0, 0, 0]);
  });
});
