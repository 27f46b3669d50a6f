import { describe, expect, test } from 'vitest';
import { defaultThemes, themeLabels, topicTree } from '../../../pipelines/cluster/topic-tree.ts';

const unit = (...values: number[]): number[] => {
  const norm = Math.hypot(...values);
  return values.map((v) => v / norm);
};

// Topics 0 and 2 lie near e0, topics 1 and 3 near e1, topic 4 on e2.
const centroids = Float64Array.from([
  ...unit(1, 0.1, 0),
  ...unit(0.1, 1, 0),
  ...unit(1, 0.2, 0),
  ...unit(0.2, 1, 0),
  ...unit(0, 0, 1),
]);

describe('topicTree(centroids, k, themes)', () => {
  test('groups the nearest centroids and numbers themes by their smallest topic', () => {
    expect([...topicTree(centroids, 5, 3).themeOf]).toEqual([0, 1, 0, 1, 2]);
  });

  test('average linkage: the lone topic joins last', () => {
    // e0 and e1 groups have mean cosine ≈ 0.26; to e2 both have 0.
    expect([...topicTree(centroids, 5, 2).themeOf]).toEqual([0, 0, 0, 0, 1]);
  });

  test('one theme holds every topic; themes >= k keeps each topic its own', () => {
    expect([...topicTree(centroids, 5, 1).themeOf]).toEqual([0, 0, 0, 0, 0]);
    expect([...topicTree(centroids, 5, 9).themeOf]).toEqual([0, 1, 2, 3, 4]);
  });

  test('breaks ties by the lowest pair of ids', () => {
    // Three orthogonal topics: every pair has cosine 0, so 0 and 1 merge first.
    const orthogonal = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect([...topicTree(orthogonal, 3, 2).themeOf]).toEqual([0, 0, 1]);
  });

  test('defaultThemes(k) is round(√k)', () => {
    expect([1, 4, 12, 20, 60].map(defaultThemes)).toEqual([1, 2, 3, 4, 8]);
  });
});

describe('themeLabels(centroids, sizes, tree, surfaceOf)', () => {
  test("takes the heaviest terms of the theme's size-weighted centroid", () => {
    const tree = topicTree(centroids, 5, 3);
    const words = ['alpha', 'beta', 'gamma'];
    expect(themeLabels(centroids, [1, 1, 1, 1, 1], tree, (j) => words[j]!, 2)).toEqual([
      'alpha · beta',
      'beta · alpha',
      'gamma',
    ]);
  });
});
