import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { kmeansGenerator } from 'ml-kmeans';
import { expect } from 'vitest';
import { sphericalKMeans } from '../../../pipelines/cluster/kmeans.ts';
import { cosineDistance, toDenseRows } from '../../../pipelines/cluster/ml-kmeans-dense.ts';
import type { Csr } from '../../../pipelines/features/csr.ts';
import { csrFromDense, similaritiesToAll } from './fixtures.ts';

const params = { seed: 77, numRuns: 100 };

// ml-kmeans sums over all columns and our kernel over nonzeros only, and float32 unit rows are not exactly
// unit, so exact ties can break differently. Continuous positive entries (still stored sparse: the zero
// columns are real zeros) make ties a measure-zero event; the sparse tie rule is covered by the property tests.
const tieFree = fc
  .record({ nRows: fc.integer({ min: 3, max: 40 }), nCols: fc.integer({ min: 2, max: 12 }) })
  .chain(({ nRows, nCols }) =>
    fc.record({
      rows: fc.array(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.05, max: 5, noNaN: true })), {
          minLength: nCols,
          maxLength: nCols,
        }),
        { minLength: nRows, maxLength: nRows },
      ),
      k: fc.integer({ min: 1, max: Math.min(6, nRows) }),
      pick: fc.nat(),
    }),
  )
  .filter(({ rows }) => rows.every((row) => row.some((v) => v > 0)))
  .map(({ rows, k, pick }) => ({ X: csrFromDense(rows), k, pick }))
  .filter(({ X, k, pick }) => new Set(startRows(X, k, pick).map((row) => row.join())).size === k);

/** k consecutive rows of X from `pick`: unit starting centroids for both implementations. */
function startRows(X: Csr, k: number, pick: number): number[][] {
  const dense = toDenseRows(X);
  return Array.from({ length: k }, (_, c) => dense[(pick + c) % X.nRows]!);
}

function ourAssignments(X: Csr, k: number, start: number[][]): Int32Array[] {
  const seen: Int32Array[] = [];
  sphericalKMeans(X, {
    k,
    seed: 0,
    maxIter: 20,
    tol: -1,
    nInit: 1,
    algorithm: 'lloyd',
    batchSize: 1,
    initialCentroids: Float64Array.from(start.flat()),
    onIteration: (e) => seen.push(Int32Array.from(e.labels)),
  });
  return seen;
}

test.prop([tieFree], params)(
  'the first assignment equals ml-kmeans (squared Euclidean) from the same unit centroids',
  ({ X, k, pick }) => {
    const start = startRows(X, k, pick);
    const ours = ourAssignments(X, k, start);
    const first = kmeansGenerator(toDenseRows(X), k, { initialization: start, maxIterations: 1 }).next();
    expect(first.done).toBe(false);
    // Rows whose two best centroids are within rounding of each other may go either way (fast-check's
    // shrinking makes such ties on purpose); every other row must agree.
    const theirs = first.value!.clusters;
    let compared = 0;
    for (let i = 0; i < X.nRows; i++) {
      const sims = similaritiesToAll(X, Float64Array.from(start.flat()), k, i).sort((a, b) => b - a);
      if (k > 1 && sims[0]! - sims[1]! < 1e-6) continue;
      compared++;
      expect(ours[0]![i], `row ${i}`).toBe(theirs[i]);
    }
    expect(compared).toBeGreaterThan(0);
  },
);

test.prop([tieFree], params)(
  'every Lloyd assignment equals ml-kmeans with cosine distance until a cluster empties',
  ({ X, k, pick }) => {
    const start = startRows(X, k, pick);
    const ours = ourAssignments(X, k, start);
    const theirs: number[][] = [];
    const steps = kmeansGenerator(toDenseRows(X), k, {
      initialization: start,
      maxIterations: 20,
      tolerance: -1,
      distanceFunction: cosineDistance,
    });
    // ml-kmeans reuses one clusters array across steps: copy each as it comes.
    for (const step of steps) theirs.push([...step.clusters]);
    const common = Math.min(ours.length, theirs.length);
    expect(ours.length, 'the sparse Lloyd loop ran').toBeGreaterThan(0);
    for (let t = 0; t < common; t++) {
      expect(Array.from(ours[t]!)).toEqual(theirs[t]);
      if (new Set(theirs[t]).size < k) break; // ml-kmeans keeps an empty centre; we relocate one
    }
  },
);
