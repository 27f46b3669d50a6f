import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { expect } from 'vitest';
import { sphericalKMeans, type KMeansOptions } from '../../../pipelines/cluster/kmeans.ts';
import { similaritiesToAll, tfidfLike } from './fixtures.ts';

// Fixed seed: fast-check prints it (and the shrunk counterexample) on failure.
const params = { seed: 20260523, numRuns: 150 };
const algorithm = fc.constantFrom<KMeansOptions['algorithm']>('lloyd', 'minibatch');

function options(k: number, seed: number, alg: KMeansOptions['algorithm']): KMeansOptions {
  return { k, seed, maxIter: 50, tol: 0, nInit: 2, algorithm: alg, batchSize: 4 };
}

test.prop([tfidfLike, fc.nat(), algorithm], params)(
  'sphericalKMeans(X, options) assigns every doc to its most similar centroid, lowest index on ties',
  ({ X, k }, seed, alg) => {
    const r = sphericalKMeans(X, options(k, seed, alg));
    for (let i = 0; i < X.nRows; i++) {
      const sims = similaritiesToAll(X, r.centroids, k, i);
      const best = sims.indexOf(Math.max(...sims));
      expect(r.labels[i]).toBe(best);
      expect(r.similarities[i]).toBe(Math.fround(sims[best]!));
    }
  },
);

test.prop([tfidfLike, fc.nat(), algorithm], params)(
  'sphericalKMeans(X, options) gives labels in 0..k-1, unit centroids and inertia = Σ (1 − similarity)',
  ({ X, k }, seed, alg) => {
    const r = sphericalKMeans(X, options(k, seed, alg));
    for (const label of r.labels) expect(label >= 0 && label < k).toBe(true);
    for (let c = 0; c < k; c++) {
      const row = r.centroids.subarray(c * X.nCols, (c + 1) * X.nCols);
      expect(Math.hypot(...row)).toBeCloseTo(1, 12);
    }
    expect(r.inertia).toBeCloseTo(
      r.similarities.reduce((s, v) => s + 1 - v, 0),
      5,
    );
  },
);

test.prop([tfidfLike, fc.nat()], params)(
  'sphericalKMeans(X, options) never raises inertia across Lloyd iterations',
  ({ X, k }, seed) => {
    const inertias: number[] = [];
    sphericalKMeans(X, { ...options(k, seed, 'lloyd'), nInit: 1, onIteration: (e) => inertias.push(e.inertia) });
    for (let t = 1; t < inertias.length; t++) expect(inertias[t]!).toBeLessThanOrEqual(inertias[t - 1]! + 1e-12);
  },
);

test.prop([tfidfLike, fc.nat(), algorithm], params)(
  'sphericalKMeans(X, options) with the same seed gives identical labels and centroids',
  ({ X, k }, seed, alg) => {
    const a = sphericalKMeans(X, options(k, seed, alg));
    const b = sphericalKMeans(X, options(k, seed, alg));
    expect(b.labels).toEqual(a.labels);
    expect(b.centroids).toEqual(a.centroids);
    expect(b.inertia).toBe(a.inertia);
  },
);
