import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { expect } from 'vitest';
import { CentroidSums, updateCentroids } from '../../../pipelines/cluster/update-centroids.ts';
import { rowSquaredNorms } from '../../../pipelines/cluster/assignment-step.ts';
import { tfidfLike } from './fixtures.ts';

const params = { seed: 20261123, numRuns: 200 };

/** Several rounds of labels for the same rows, every cluster non-empty in each round (no relocation). */
const rounds = tfidfLike
  .filter(({ X, k }) => X.nRows >= k)
  .chain(({ X, k }) =>
    fc
      .array(fc.array(fc.nat({ max: k - 1 }), { minLength: X.nRows, maxLength: X.nRows }), {
        minLength: 1,
        maxLength: 5,
      })
      .map((labelRounds) => ({
        X,
        k,
        // Rows 0..k-1 keep cluster c = row index so that no cluster is ever empty.
        labelRounds: labelRounds.map((labels) => Int32Array.from(labels, (label, i) => (i < k ? i : label))),
      })),
  );

test.prop([rounds], params)(
  'updateCentroids(state) moved incrementally over rounds of labels gives the normalised sums of a fresh count',
  ({ X, k, labelRounds }) => {
    const n = X.nRows;
    const state = new CentroidSums(X, k);
    const out = { labels: new Int32Array(n), sims: new Float64Array(n), upper: new Float32Array(n * k) };
    let prev = new Float32Array(X.nCols * k);
    let next = new Float32Array(X.nCols * k);
    for (const labels of labelRounds) {
      out.labels.set(labels);
      updateCentroids(X, out, rowSquaredNorms(X), k, state, prev, next, () => undefined);
      [prev, next] = [next, prev];
      const fresh = new Float64Array(X.nCols * k);
      for (let i = 0; i < n; i++) {
        for (let j = X.indptr[i]!; j < X.indptr[i + 1]!; j++) fresh[X.indices[j]! * k + labels[i]!]! += X.data[j]!;
      }
      for (let c = 0; c < k; c++) {
        let norm = 0;
        for (let t = 0; t < X.nCols; t++) norm += fresh[t * k + c]! ** 2;
        for (let t = 0; t < X.nCols; t++) {
          expect(prev[t * k + c]!).toBeCloseTo(fresh[t * k + c]! / Math.sqrt(norm), 6);
        }
      }
      expect([...state.counts]).toEqual(Array.from({ length: k }, (_, c) => labels.filter((l) => l === c).length));
    }
  },
);
