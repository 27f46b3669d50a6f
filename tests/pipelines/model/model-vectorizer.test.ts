import { describe, expect, it } from 'vitest';
import { denseRow } from '../../../pipelines/features/csr.ts';
import { ModelVectorizer } from '../../../pipelines/model/model-vectorizer.ts';

const model = {
  stems: ['a', 'b', 'c'],
  idf: Float64Array.from([1, 2, 3]),
  tfidf: { smoothIdf: true, sublinearTf: false, norm: 'l2' as const },
  clusterTerms: 'all' as const,
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

  it("with clusterTerms 'unigrams' keeps only unigram columns, L2-normalised again, as the full run clustered", () => {
    const unigrams = new ModelVectorizer({
      stems: ['a', 'a b', 'b'],
      idf: Float64Array.from([1, 2, 3]),
      tfidf: model.tfidf,
      clusterTerms: 'unigrams',
    });
    // a, a b, b -> (1, 2, 3) over every column; (1, 0, 3) / sqrt(10) in the unigram space
    const { matrix, counts } = unigrams.transform([['a', 'a b', 'b'], ['a b']]);
    const full = [1, 2, 3].map((w) => Math.fround(w / Math.sqrt(14)));
    const norm = Math.hypot(full[0]!, full[2]!);
    expect(denseRow(matrix, 0)).toEqual([Math.fround(full[0]! / norm), 0, Math.fround(full[2]! / norm)]);
    expect(denseRow(matrix, 1)).toEqual([0, 0, 0]);
    expect(denseRow(counts, 0)).toEqual([1, 1, 1]);
  });
});
