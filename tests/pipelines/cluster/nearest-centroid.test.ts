import { describe, expect, it } from 'vitest';
import { nearestCentroids } from '../../../pipelines/cluster/nearest-centroid.ts';
import { ModelVectorizer } from '../../../pipelines/model/model-vectorizer.ts';

const model = {
  stems: ['a', 'b', 'c'],
  idf: Float64Array.from([1, 2, 3]),
  tfidf: { smoothIdf: true, sublinearTf: false, norm: 'l2' as const },
  clusterTerms: 'all' as const,
};

describe('nearestCentroids(matrix, centroids, k)', () => {
  it('picks the centroid with the highest cosine; a zero row goes to cluster 0 with similarity 0', () => {
    const { matrix } = new ModelVectorizer(model).transform([['c'], ['a'], []]);
    // centroid 0 = (1, 0, 0), centroid 1 = (0, 0.6, 0.8)
    const { labels, similarities } = nearestCentroids(matrix, Float64Array.from([1, 0, 0, 0, 0.6, 0.8]), 2);
    expect([...labels]).toEqual([1, 0, 0]);
    expect([...similarities]).toEqual([0.8, 1, 0]);
  });
});
