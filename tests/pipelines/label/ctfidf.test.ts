import { expect, test } from 'vitest';
import { classTfidf } from '../../../pipelines/label/ctfidf.ts';
import { csrFromDense } from '../cluster/fixtures.ts';

// Terms: 0 "graph", 1 "node", 2 "model", 3 "token". Docs 0-1 in cluster 0, docs 2-3 in cluster 1.
const counts = csrFromDense(
  [
    [2, 1, 1, 0],
    [1, 0, 1, 0],
    [0, 0, 1, 3],
    [0, 0, 1, 1],
  ],
  false,
);
const labels = Int32Array.from([0, 0, 1, 1]);

test('classTfidf(counts, labels, k) weighs L1 tf by ln(1 + A / f(t))', () => {
  // Cluster totals: 6 and 6, so A = 6. f = [3, 1, 4, 4].
  const { weights, docFreq } = classTfidf(counts, labels, 2);
  const expected = [
    [(3 / 6) * Math.log(1 + 6 / 3), (1 / 6) * Math.log(1 + 6 / 1), (2 / 6) * Math.log(1 + 6 / 4), 0],
    [0, 0, (2 / 6) * Math.log(1 + 6 / 4), (4 / 6) * Math.log(1 + 6 / 4)],
  ].flat();
  expected.forEach((w, at) => expect(weights[at]).toBeCloseTo(w, 12));
  expect([...docFreq]).toEqual([2, 1, 2, 0, 0, 0, 2, 2]);
});

test('classTfidf gives zeros for a cluster without members', () => {
  expect([...classTfidf(counts, labels, 3).weights.subarray(8)]).toEqual([0, 0, 0, 0]);
});
