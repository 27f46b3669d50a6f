import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { expect } from 'vitest';
import { CHUNK_ROWS } from '../../../pipelines/cluster/assignment-pool.ts';
import { sphericalKMeans, type KMeansOptions } from '../../../pipelines/cluster/kmeans.ts';
import { createRng } from '../../../pipelines/cluster/random.ts';
import { csrFromDense, similaritiesToAll, tfidfLike } from './fixtures.ts';

// Fixed seed: fast-check prints it (and the shrunk counterexample) on failure.
const params = { seed: 20260523, numRuns: 150 };
const algorithm = fc.constantFrom<KMeansOptions['algorithm']>('lloyd', 'minibatch', 'sampled');

function options(k: number, seed: number, alg: KMeansOptions['algorithm']): KMeansOptions {
  // sampledRows: 'sampled' clusters a sample of max(k, 5) rows first whenever there are more rows than that.
  return { k, seed, maxIter: 50, tol: 0, nInit: 2, algorithm: alg, batchSize: 4, sampledRows: Math.max(k, 5) };
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
  'sphericalKMeans(X, options) gives labels in 0..k-1, unit centroids (float32) and inertia = Σ (1 − similarity)',
  ({ X, k }, seed, alg) => {
    const r = sphericalKMeans(X, options(k, seed, alg));
    for (const label of r.labels) expect(label >= 0 && label < k).toBe(true);
    for (let c = 0; c < k; c++) {
      const row = r.centroids.subarray(c * X.nCols, (c + 1) * X.nCols);
      expect(Math.hypot(...row)).toBeCloseTo(1, 6);
    }
    expect(r.inertia).toBeCloseTo(
      r.similarities.reduce((s, v) => s + 1 - v, 0),
      5,
    );
  },
);

test.prop([tfidfLike, fc.nat()], params)(
  'sphericalKMeans(X, options) never raises inertia across Lloyd iterations (up to float32 centroids)',
  ({ X, k }, seed) => {
    const inertias: number[] = [];
    sphericalKMeans(X, {
      ...options(k, seed, 'lloyd'),
      nInit: 1,
      bounds: false, // exact inertia at every iteration
      onIteration: (e) => inertias.push(e.inertia),
    });
    const slack = X.nRows * 1e-6;
    for (let t = 1; t < inertias.length; t++) expect(inertias[t]!).toBeLessThanOrEqual(inertias[t - 1]! + slack);
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

function trace(X: Parameters<typeof sphericalKMeans>[0], k: number, seed: number, bounds: boolean) {
  const steps: { inertia: number; labels: number[]; nFull: number }[] = [];
  const result = sphericalKMeans(X, {
    ...options(k, seed, 'lloyd'),
    nInit: 1,
    bounds,
    onIteration: (e) => steps.push({ inertia: e.inertia, labels: [...e.labels], nFull: e.nFull }),
  });
  return { result, steps };
}

test.prop([tfidfLike, fc.nat()], params)(
  'sphericalKMeans(X, options) with bounds gives bit-identical labels and results to the plain full assignment',
  ({ X, k }, seed) => {
    const fast = trace(X, k, seed, true);
    const plain = trace(X, k, seed, false);
    expect(fast.steps.map((s) => s.labels)).toEqual(plain.steps.map((s) => s.labels));
    // A bounded pass reports settled rows at their similarity's lower bound: inertia at or above the exact one.
    fast.steps.forEach((s, t) => expect(s.inertia).toBeGreaterThanOrEqual(plain.steps[t]!.inertia));
    expect(fast.result.centroids).toEqual(plain.result.centroids);
    expect(fast.result.similarities).toEqual(plain.result.similarities);
    expect(fast.result.inertia).toBe(plain.result.inertia);
  },
);

test('sphericalKMeans(X, options) with bounds settles most rows without a full comparison', () => {
  // 300 docs around 6 axes of a 30-term space, with a little noise on 4 random terms each.
  const rng = createRng(5);
  const rows = Array.from({ length: 300 }, (_, i) => {
    const row = new Array<number>(30).fill(0);
    row[(i % 6) * 5] = 5;
    for (let t = 0; t < 4; t++) row[rng.nextInt(30)]! += rng.next();
    return row;
  });
  const X = csrFromDense(rows);
  const fast = trace(X, 6, 1, true);
  const plain = trace(X, 6, 1, false);
  expect(fast.steps.map((s) => s.labels)).toEqual(plain.steps.map((s) => s.labels));
  expect(fast.steps.length).toBeGreaterThan(1);
  const fullAfterFirst = fast.steps.slice(1).reduce((sum, s) => sum + s.nFull, 0);
  expect(fullAfterFirst).toBeLessThan((X.nRows * (fast.steps.length - 1)) / 2);
});

test('sphericalKMeans(X, options) with 3 worker threads gives bit-identical results to one thread', () => {
  const rng = createRng(11);
  // More rows than CHUNK_ROWS several times over, so the threads share each pass's chunks.
  const rows = Array.from({ length: 4 * CHUNK_ROWS + 100 }, (_, i) => {
    const row = new Array<number>(40).fill(0);
    row[(i % 8) * 5] = 3;
    for (let t = 0; t < 6; t++) row[rng.nextInt(40)]! += rng.next();
    return row;
  });
  const X = csrFromDense(rows);
  for (const bounds of [true, false]) {
    const one = trace(X, 8, 3, bounds);
    const threaded: { nFull: number }[] = [];
    const three = sphericalKMeans(X, {
      ...options(8, 3, 'lloyd'),
      nInit: 1,
      bounds,
      workers: 3,
      onIteration: (e) => threaded.push({ nFull: e.nFull }),
    });
    expect(three.labels).toEqual(one.result.labels);
    expect(three.centroids).toEqual(one.result.centroids);
    expect(three.similarities).toEqual(one.result.similarities);
    expect(three.inertia).toBe(one.result.inertia);
    expect(threaded.map((s) => s.nFull)).toEqual(one.steps.map((s) => s.nFull));
  }
});
