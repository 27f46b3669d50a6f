import { expect, test } from 'vitest';
import { topTermsPerCluster } from '../../../pipelines/label/ctfidf.ts';
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

test('topTermsPerCluster(counts, labels, k, topN) weighs L1 tf by ln(1 + A / f(t))', () => {
  // Cluster totals: 6 and 6, so A = 6. f = [3, 1, 4, 4].
  const [c0, c1] = topTermsPerCluster(counts, labels, 2, 4);
  expect(c0).toEqual([
    { term: 0, weight: expect.closeTo((3 / 6) * Math.log(1 + 6 / 3), 12), docFreq: 2 },
    { term: 1, weight: expect.closeTo((1 / 6) * Math.log(1 + 6 / 1), 12), docFreq: 1 },
    { term: 2, weight: expect.closeTo((2 / 6) * Math.log(1 + 6 / 4), 12), docFreq: 2 },
  ]);
  expect(c1).toEqual([
    { term: 3, weight: expect.closeTo((4 / 6) * Math.log(1 + 6 / 4), 12), docFreq: 2 },
    { term: 2, weight: expect.closeTo((2 / 6) * Math.log(1 + 6 / 4), 12), docFreq: 2 },
  ]);
});

test('topTermsPerCluster keeps topN and breaks equal weights by column index', () => {
  const tied = csrFromDense([[1, 1, 1]], false);
  expect(topTermsPerCluster(tied, Int32Array.from([0]), 1, 2)[0]!.map((t) => t.term)).toEqual([0, 1]);
});

test('topTermsPerCluster gives an empty list for a cluster without members', () => {
  expect(topTermsPerCluster(counts, labels, 3, 2)[2]).toEqual([]);
});
