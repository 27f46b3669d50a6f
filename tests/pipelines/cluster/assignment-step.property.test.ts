import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { expect } from 'vitest';
import { assignRowsBounded, rowScoresKernel } from '../../../pipelines/cluster/assignment-step.ts';
import { transpose } from '../../../pipelines/cluster/kmeans.ts';
import { similaritiesToAll, tfidfLike } from './fixtures.ts';

const params = { seed: 20261123, numRuns: 200 };

/** k × nCols random centroids (not normalised: the kernel does not care). */
const withCentroids = tfidfLike.chain(({ X, k }) =>
  fc
    .array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: k * X.nCols, maxLength: k * X.nCols })
    .map((values) => ({ X, k, centroids: Float64Array.from(values) })),
);

test.prop([withCentroids, fc.boolean()], params)(
  'rowScoresKernel(k) gives every row the same dot products, bit for bit, as summing its nonzeros in order',
  ({ X, k, centroids }, float32) => {
    const rowMajor = float32 ? Float64Array.from(Float32Array.from(centroids)) : centroids;
    const centroidsT = float32 ? Float32Array.from(transpose(rowMajor, k, X.nCols)) : transpose(rowMajor, k, X.nCols);
    const scores = new Float64Array(k);
    for (let i = 0; i < X.nRows; i++) {
      rowScoresKernel(k, centroidsT)(X.indptr, X.indices, X.data, centroidsT, i, scores);
      expect([...scores]).toEqual(similaritiesToAll(X, rowMajor, k, i));
    }
  },
);

test.prop(
  [withCentroids, fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 40, maxLength: 40 })],
  params,
)('assignRowsBounded never settles a row whose label a full comparison would change', ({ X, k, centroids }, moves) => {
  // Exact state against centroids A, then centroids B = A moved by at most `moves[c]` each: bounds built
  // from A plus the shifts must only settle rows whose best centroid under B is still their label.
  const n = X.nRows;
  const a = Float32Array.from(transpose(centroids, k, X.nCols));
  const b = Float32Array.from(a);
  const shifts = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let t = 0; t < X.nCols; t++) {
      const at = t * k + c;
      b[at] = Math.fround(a[at]! + (moves[c]! / Math.sqrt(X.nCols)) * (t % 2 === 0 ? 1 : -1));
      sq += (b[at] - a[at]!) ** 2;
    }
    shifts[c] = Math.sqrt(sq);
  }
  const out = { labels: new Int32Array(n), sims: new Float64Array(n), upper: new Float32Array(n * k) };
  const scores = new Float64Array(k);
  const rowMajorB = transpose(b, X.nCols, k);
  for (let i = 0; i < n; i++) {
    rowScoresKernel(k, a)(X.indptr, X.indices, X.data, a, i, scores);
    const label = scores.indexOf(Math.max(...scores));
    out.labels[i] = label;
    out.sims[i] = scores[label]!;
    scores.forEach((s, c) => (out.upper[i * k + c] = Math.fround(s + 2.5e-7)));
  }
  assignRowsBounded(X, b, k, 0, n, out, shifts);
  for (let i = 0; i < n; i++) {
    const sims = similaritiesToAll(X, rowMajorB, k, i);
    expect(out.labels[i]).toBe(sims.indexOf(Math.max(...sims)));
    expect(out.sims[i]).toBeLessThanOrEqual(sims[out.labels[i]!]!);
  }
});

test('AssignPool reads a matrix that already lives in shared memory in place, and copies one that does not', async () => {
  const { AssignPool } = await import('../../../pipelines/cluster/assignment-pool.ts');
  const { sharedFloat32Array, sharedInt32Array } = await import('../../../pipelines/features/csr.ts');
  const indptr = sharedInt32Array(3);
  indptr.set([0, 1, 2]);
  const indices = sharedInt32Array(2);
  indices.set([0, 1]);
  const data = sharedFloat32Array(2);
  data.set([1, 1]);
  const inShared = new AssignPool({ nRows: 2, nCols: 2, indptr, indices, data }, 2, 1);
  const plain = {
    nRows: 2,
    nCols: 2,
    indptr: Int32Array.from(indptr),
    indices: Int32Array.from(indices),
    data: Float32Array.from(data),
  };
  const copied = new AssignPool(plain, 2, 1);
  try {
    expect([inShared.X.indptr, inShared.X.indices, inShared.X.data]).toStrictEqual([indptr, indices, data]);
    expect(inShared.X.indices).toBe(indices);
    expect(inShared.X.data).toBe(data);
    expect(copied.X.indices).not.toBe(plain.indices);
    expect(copied.X.indices.buffer).toBeInstanceOf(SharedArrayBuffer);
  } finally {
    inShared.close();
    copied.close();
  }
});
