import { expect, test } from 'vitest';
import { representatives } from '../../../pipelines/label/representatives.ts';

test('representatives(labels, similarities, k, n) orders members by similarity, ties by index, n at most', () => {
  const labels = Int32Array.from([0, 1, 0, 0, 1, 0]);
  const similarities = Float32Array.from([0.5, 0.9, 0.75, 0.5, 0.25, 1]);
  expect(representatives(labels, similarities, 3, 3).map((docs) => [...docs])).toEqual([
    [5, 2, 0], // 1, 0.75, then 0.5 for docs 0 and 3: the lower index wins
    [1, 4],
    [], // cluster 2 has no members
  ]);
});
