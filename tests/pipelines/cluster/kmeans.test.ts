import { describe, expect, test } from 'vitest';
import { CliError } from '../../../pipelines/errors.ts';
import { sphericalKMeans, type KMeansOptions } from '../../../pipelines/cluster/kmeans.ts';
import { csrFromDense, unitCentroids } from './fixtures.ts';
import { createRng } from '../../../pipelines/cluster/random.ts';

// Data is float32, so values derived by hand agree to ~7 digits.
const F32 = 6;
const base: KMeansOptions = { k: 2, seed: 0, maxIter: 100, tol: 0, nInit: 1, algorithm: 'lloyd', batchSize: 1024 };

// Four unit vectors fanning from the x axis to the y axis.
const fan = csrFromDense([
  [1, 0],
  [0.8, 0.6],
  [0.6, 0.8],
  [0, 1],
]);

describe('sphericalKMeans(X, options)', () => {
  test('on the 4-point fan from axis centroids gives labels [0, 0, 1, 1] and inertia 4 (1 − 3 / √10)', () => {
    const r = sphericalKMeans(fan, {
      ...base,
      initialCentroids: unitCentroids([
        [1, 0],
        [0, 1],
      ]),
    });
    expect([...r.labels]).toEqual([0, 0, 1, 1]);
    // Centroid 0 = normalise((1, 0) + (0.8, 0.6)) = (3, 1) / √10; every point has cosine 3 / √10 to its centroid.
    expect([...r.centroids].map((v) => v * Math.sqrt(10))).toEqual([
      expect.closeTo(3, F32),
      expect.closeTo(1, F32),
      expect.closeTo(1, F32),
      expect.closeTo(3, F32),
    ]);
    for (const s of r.similarities) expect(s).toBeCloseTo(3 / Math.sqrt(10), F32);
    expect(r.inertia).toBeCloseTo(4 * (1 - 3 / Math.sqrt(10)), F32);
    expect(r.nIter).toBe(1);
  });

  test('with k = 1 puts every doc in cluster 0 with the normalised mean as centroid', () => {
    const r = sphericalKMeans(
      csrFromDense([
        [1, 0],
        [0, 1],
      ]),
      { ...base, k: 1 },
    );
    expect([...r.labels]).toEqual([0, 0]);
    expect(r.centroids[0]).toBeCloseTo(Math.SQRT1_2, F32);
    expect(r.centroids[1]).toBeCloseTo(Math.SQRT1_2, F32);
    expect(r.inertia).toBeCloseTo(2 - Math.SQRT2, F32);
  });

  test('with k = n gives each distinct doc its own cluster and zero inertia', () => {
    const r = sphericalKMeans(fan, { ...base, k: 4 });
    expect(new Set(r.labels).size).toBe(4);
    expect(r.inertia).toBeCloseTo(0, 6);
  });

  test.each([5, 0, 1.5])('with k = %s on 4 docs throws a CliError naming the valid range', (k) => {
    const run = () => sphericalKMeans(fan, { ...base, k });
    expect(run).toThrow(CliError);
    expect(run).toThrow(`k must be an integer between 1 and the number of documents (4); got ${k}.`);
    try {
      run();
    } catch (error) {
      expect((error as CliError).exitCode).toBe(2);
    }
  });

  test('with duplicate docs and k = n gives duplicates one label and leaves a cluster empty', () => {
    const X = csrFromDense([
      [1, 2],
      [1, 2],
      [2, 1],
    ]);
    const r = sphericalKMeans(X, { ...base, k: 3 });
    expect(r.labels[0]).toBe(r.labels[1]);
    expect(r.labels[2]).not.toBe(r.labels[0]);
    expect(r.inertia).toBeCloseTo(0, 6);
  });

  test('gives an all-zero row label 0 and similarity 0, and clusters the rest', () => {
    const X = csrFromDense([
      [1, 0],
      [0, 0],
      [0, 1],
    ]);
    const r = sphericalKMeans(X, {
      ...base,
      initialCentroids: unitCentroids([
        [0, 1],
        [1, 0],
      ]),
    });
    expect([...r.labels]).toEqual([1, 0, 0]);
    expect([...r.similarities]).toEqual([1, 0, 1]);
    expect(r.inertia).toBe(1);
  });

  test('with only all-zero rows throws a CliError', () => {
    expect(() =>
      sphericalKMeans(
        csrFromDense([
          [0, 0],
          [0, 0],
        ]),
        base,
      ),
    ).toThrow('All 2 documents have empty feature vectors');
  });

  test('re-seeds an empty cluster from the doc farthest from its centroid (lowest index on ties)', () => {
    const seen: number[][] = [];
    const r = sphericalKMeans(fan, {
      ...base,
      k: 3,
      initialCentroids: unitCentroids([
        [1, 0],
        [0, 1],
        [-1, 0],
      ]),
      onIteration: (e) => seen.push([...e.labels]),
    });
    // Iteration 0: cluster 2 gets nobody; docs 1 and 2 both have cosine 0.8, so doc 1 moves to cluster 2,
    // which then also wins doc 2 (0.8 · 0.8 + 0.6 · 0.6 = 0.96 > 3 / √10).
    expect(seen).toEqual([
      [0, 0, 1, 1],
      [0, 2, 2, 1],
      [0, 2, 2, 1],
    ]);
    expect(r.inertia).toBeCloseTo(2 - 1.4 * Math.SQRT2, F32);
  });

  test('with algorithm minibatch separates two tight groups', () => {
    const X = csrFromDense([
      [1, 0],
      [1, 0.1],
      [0.1, 1],
      [0, 1],
      [1, 0.05],
      [0.05, 1],
    ]);
    const r = sphericalKMeans(X, { ...base, algorithm: 'minibatch', batchSize: 2 });
    const [a, b] = [r.labels[0], r.labels[2]];
    expect(a).not.toBe(b);
    expect([...r.labels]).toEqual([a, a, b, b, a, b]);
  });

  test('with different seeds can reach different local optima of the fan', () => {
    const fits = new Set(
      Array.from({ length: 20 }, (_, seed) => sphericalKMeans(fan, { ...base, seed }).labels.join()),
    );
    expect(fits.size).toBeGreaterThan(1);
  });
});

describe('sphericalKMeans with algorithm sampled', () => {
  // 600 docs around 6 axes of a 30-term space, with a little noise.
  const rng = createRng(8);
  const X = csrFromDense(
    Array.from({ length: 600 }, (_, i) => {
      const row = new Array<number>(30).fill(0);
      row[(i % 6) * 5] = 4;
      for (let t = 0; t < 3; t++) row[rng.nextInt(30)]! += rng.next();
      return row;
    }),
  );
  const sampledOptions = { ...base, k: 6, seed: 3, algorithm: 'sampled' as const, tol: 0 };

  test('with no more rows than the sample size is exactly Lloyd', () => {
    const sampled = sphericalKMeans(X, { ...sampledOptions, sampledRows: 600 });
    const lloyd = sphericalKMeans(X, { ...sampledOptions, algorithm: 'lloyd' });
    expect(sampled.labels).toEqual(lloyd.labels);
    expect(sampled.centroids).toEqual(lloyd.centroids);
  });

  test('from a 60-row sample finds the 6 axis groups of all 600 rows', () => {
    const r = sphericalKMeans(X, { ...sampledOptions, sampledRows: 60 });
    const groups = new Map<number, Set<number>>();
    r.labels.forEach((label, i) => groups.set(i % 6, (groups.get(i % 6) ?? new Set()).add(label)));
    expect([...groups.values()].map((labels) => labels.size)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(new Set(r.labels).size).toBe(6);
  });
});
