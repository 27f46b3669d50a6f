/**
 * Spherical k-means on L2-normalised sparse rows (Dhillon & Modha 2001): maximise Σ cos(x_i, c_label(i)),
 * reported as inertia = Σ (1 − cos). A centroid is the normalised mean of its members.
 *
 * - Init: greedy k-means++ (`kmeans-plusplus.ts`), best of `nInit` runs by final inertia (first wins ties).
 * - 'lloyd': assign every row (O(nnz · k), `assignment-step.ts`), update the centroids from the rows that moved
 *   (`update-centroids.ts`); stop when no label changes or the total squared centroid shift
 *   Σ‖c_new − c_old‖² ≤ `tol`, or after `maxIter`. Centroids are float32 during Lloyd (see `assignment-step.ts`).
 * - 'minibatch': `minibatch.ts` (sklearn-style per-centre learning rates, `maxIter` epochs at most), then up
 *   to FINISH_LLOYD_ITER Lloyd iterations from its centroids.
 * - 'sampled': Lloyd to convergence on SAMPLED_ROWS rows drawn without replacement (k-means++ among them),
 *   then up to FINISH_LLOYD_ITER Lloyd iterations on all rows from its centroids; 'lloyd' when there are no
 *   more eligible rows than that. At 10^6 documents the mini-batch phase ran on one thread for ~50 s, where a
 *   sample's Lloyd uses both (see bench/RESULTS.md for time and NMI side by side).
 * Lloyd passes after the first settle rows whose Elkan-style bounds prove their label unchanged (`assignment-step.ts`;
 * labels bit-identical to full passes, similarities made exact before they are used) and can be split over
 * worker threads (`assignment-pool.ts`, also bit-identical; no more threads than chunks of CHUNK_ROWS rows).
 * Every run ends with an assignment against the returned centroids, so each label is exactly the most
 * similar centroid (ties to the lowest index). Rows with zero norm get label 0 and similarity 0.
 *
 * Memory beyond X: nCols · k float64 member sums, 2 · nCols · k float32 centroids, k float32 bounds and ≈ 20
 * bytes per row; with workers > 1 also a shared copy of X unless X is already in shared memory (the
 * pipeline's is).
 *
 * Empty clusters (sklearn `_relocate_empty_clusters`): each empty cluster takes the eligible row farthest
 * from its centroid (lowest similarity, ties by index) among clusters with > 1 member; the row leaves its old
 * cluster's sum. Without such a row (fewer than k distinct directions) the centroid stays where it was, and the
 * cluster empty: `fit-topics.ts` then drops it (`drop-empty-clusters.ts`).
 */

import type { KMeansAlgorithm } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import { sharedFloat32Array, sharedInt32Array, type Csr } from '../features/csr.ts';
import { AssignPool, CHUNK_ROWS } from './assignment-pool.ts';
import {
  assignRows,
  assignRowsBounded,
  exactSimilarities,
  rowSquaredNorms,
  type BoundedCounts,
} from './assignment-step.ts';
import { kmeansPlusPlus } from './kmeans-plusplus.ts';
import { miniBatchPhase } from './minibatch.ts';
import { createRng, sampleIndices, type Rng } from './random.ts';
import { CentroidSums, updateCentroids } from './update-centroids.ts';

export interface KMeansOptions {
  /** Number of clusters, 1 ≤ k ≤ nRows. */
  k: number;
  /** Seed of every random choice (k-means++, mini-batches). */
  seed: number;
  /** Lloyd: maximum iterations. Minibatch: maximum epochs of the mini-batch phase. */
  maxIter: number;
  /** Lloyd stops when Σ‖c_new − c_old‖² ≤ tol (centroids are unit vectors, so no data scaling). */
  tol: number;
  /** Independent k-means++ starts; the lowest final inertia wins. */
  nInit: number;
  algorithm: KMeansAlgorithm;
  /** Rows per mini-batch step (minibatch only). */
  batchSize: number;
  /** k × nCols row-major starting centroids instead of k-means++ (then nInit is ignored). */
  initialCentroids?: Float64Array;
  /** Rows the 'sampled' algorithm clusters first; default SAMPLED_ROWS. */
  sampledRows?: number;
  /** Rows the k-means++ seeding samples from; default 5,000. */
  initSampleSize?: number;
  /** Threads for assignment passes, the calling one included (> 1 starts worker threads); default 1. */
  workers?: number;
  /** Skip rows whose similarity bound proves their label unchanged (same result, faster); default true. */
  bounds?: boolean;
  /** Called after every assignment pass; `labels` is live, copy it to keep it. */
  onIteration?: (event: IterationEvent) => void;
}

export interface IterationEvent {
  /** 0 for the assignment to the initial (or mini-batch) centroids, then 1, 2, … */
  iter: number;
  /** Exact after a full pass; after a bounded pass an upper bound (settled rows count their similarity's lower bound). */
  inertia: number;
  nChanged: number;
  /** Rows compared against every centroid (the rest were settled by their bounds). */
  nFull: number;
  labels: Int32Array;
}

export interface KMeansResult {
  labels: Int32Array;
  /** k × nCols, row-major, unit-norm. */
  centroids: Float64Array;
  /** Cosine of each doc to its centroid. */
  similarities: Float32Array;
  /** Σ (1 − similarity), summed in float64 before similarities are rounded to float32. */
  inertia: number;
  /** Lloyd iterations (centroid updates) of the winning run. */
  nIter: number;
}

/** Recommended options (see the measurements in the commit that set them); add `k`. */
export const KMEANS_DEFAULTS = {
  seed: 0,
  maxIter: 100,
  tol: 1e-2,
  nInit: 1,
  algorithm: 'lloyd',
  batchSize: 1024,
} as const satisfies Omit<KMeansOptions, 'k'>;

/** Lloyd iterations on all rows after the mini-batch or sample phase. */
export const FINISH_LLOYD_ITER = 5;

/** Rows the 'sampled' algorithm clusters before refining on all rows. */
export const SAMPLED_ROWS = 200_000;

export function sphericalKMeans(X: Csr, options: KMeansOptions): KMeansResult {
  const { k, nInit, maxIter, batchSize } = options;
  const n = X.nRows;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new CliError(`k must be an integer between 1 and the number of documents (${n}); got ${k}.`, 2);
  }
  for (const [name, value] of [
    ['nInit', nInit],
    ['maxIter', maxIter],
    ['batchSize', batchSize],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new CliError(`${name} must be a positive integer; got ${value}.`, 2);
  }
  const sqNorms = rowSquaredNorms(X);
  const eligible = Int32Array.from(nonzeroRows(sqNorms));
  if (eligible.length === 0) {
    throw new CliError(`All ${n} documents have empty feature vectors; nothing to cluster. Try a lower minDf.`, 2);
  }
  if (options.initialCentroids !== undefined && options.initialCentroids.length !== k * X.nCols) {
    throw new Error(
      `initialCentroids has length ${options.initialCentroids.length}, expected k × nCols = ${k * X.nCols}`,
    );
  }

  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1)
    throw new CliError(`workers must be a positive integer; got ${workers}.`, 2);
  const pool = newPool(X, k, workers);
  try {
    return bestOfRuns(X, options, eligible, sqNorms, pool, workers);
  } finally {
    pool?.close();
  }
}

function bestOfRuns(
  X: Csr,
  options: KMeansOptions,
  eligible: Int32Array,
  sqNorms: Float64Array,
  pool: AssignPool | null,
  workers: number,
): KMeansResult {
  const { k, nInit, maxIter, batchSize } = options;
  const rng = createRng(options.seed);
  const bounds = options.bounds ?? true;
  const runs = options.initialCentroids === undefined ? nInit : 1;
  let best: KMeansResult | null = null;
  for (let run = 0; run < runs; run++) {
    const sampled = options.algorithm === 'sampled' && eligible.length > (options.sampledRows ?? SAMPLED_ROWS);
    let centroidsT =
      options.initialCentroids !== undefined
        ? transpose(options.initialCentroids, k, X.nCols)
        : sampled
          ? samplePhase(X, options, eligible, rng, workers, bounds)
          : rowsToTermMajor(X, kmeansPlusPlus(X, k, eligible, rng, options.initSampleSize));
    let lloydIter = maxIter;
    if (options.algorithm === 'minibatch') {
      centroidsT = miniBatchPhase(X, centroidsT, k, eligible, batchSize, maxIter, rng).centroidsT;
      lloydIter = FINISH_LLOYD_ITER;
    } else if (sampled) {
      lloydIter = FINISH_LLOYD_ITER;
    }
    const result = lloyd(X, centroidsT, k, lloydIter, options.tol, sqNorms, bounds, pool, options.onIteration);
    if (best === null || result.inertia < best.inertia) best = result;
  }
  return best!;
}

/** Term-major centroids of Lloyd on a sample of `sampledRows` eligible rows, seeded by k-means++ among them. */
function samplePhase(
  X: Csr,
  options: KMeansOptions,
  eligible: Int32Array,
  rng: Rng,
  workers: number,
  bounds: boolean,
): Float64Array {
  const { k } = options;
  const rows = sampleIndices(eligible.length, options.sampledRows ?? SAMPLED_ROWS, rng).map((p) => eligible[p]!);
  const sample = selectRows(X, rows);
  const sampleAll = Int32Array.from({ length: sample.nRows }, (_, i) => i);
  const initialT = rowsToTermMajor(sample, kmeansPlusPlus(sample, k, sampleAll, rng, options.initSampleSize));
  const pool = newPool(sample, k, workers);
  try {
    const { centroids } = lloyd(
      sample,
      initialT,
      k,
      options.maxIter,
      options.tol,
      rowSquaredNorms(sample),
      bounds,
      pool,
      undefined,
    );
    return transpose(centroids, k, X.nCols);
  } finally {
    pool?.close();
  }
}

/** The rows `rows` (ascending) of X as a matrix of their own, in shared memory for the assignment threads. */
function selectRows(X: Csr, rows: Int32Array): Csr {
  const indptr = sharedInt32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i]! + X.indptr[r + 1]! - X.indptr[r]!));
  const indices = sharedInt32Array(indptr[rows.length]!);
  const data = sharedFloat32Array(indices.length);
  rows.forEach((r, i) => {
    indices.set(X.indices.subarray(X.indptr[r], X.indptr[r + 1]), indptr[i]);
    data.set(X.data.subarray(X.indptr[r], X.indptr[r + 1]), indptr[i]);
  });
  return { nRows: rows.length, nCols: X.nCols, indptr, indices, data };
}

function lloyd(
  X: Csr,
  initialT: Float64Array,
  k: number,
  maxIter: number,
  tol: number,
  sqNorms: Float64Array,
  bounds: boolean,
  pool: AssignPool | null,
  onIteration: KMeansOptions['onIteration'],
): KMeansResult {
  const n = X.nRows;
  let centroidsT = Float32Array.from(initialT);
  let spare = new Float32Array(initialT.length);
  const out = pool?.out ?? { labels: new Int32Array(n), sims: new Float64Array(n), upper: new Float32Array(n * k) };
  out.labels.fill(-1);
  // |x·c − x·c'| ≤ ‖x‖ ‖c − c'‖: bounds move by the shift times the longest row (1 for L2-normalised rows, up to rounding).
  const longestRow = Math.sqrt(sqNorms.reduce((max, v) => Math.max(max, v), 0));
  let simsExact = true;
  const assign = (mode: 'full' | 'bounded', shifts: Float64Array | null): BoundedCounts => {
    simsExact = mode === 'full';
    const boundShifts = shifts?.map((shift) => shift * longestRow) ?? null;
    if (pool === null) {
      return mode === 'full'
        ? { nChanged: assignRows(X, centroidsT, null, k, null, 0, n, out), nFull: n }
        : assignRowsBounded(X, centroidsT, k, 0, n, out, boundShifts!);
    }
    pool.centroidsT.set(centroidsT);
    if (mode === 'bounded') pool.shifts.set(boundShifts!);
    return pool.run(mode);
  };
  const makeSimsExact = (): void => {
    if (simsExact) return;
    if (pool === null) exactSimilarities(X, centroidsT, k, 0, n, out);
    else pool.run('exact');
    simsExact = true;
  };
  let { nChanged, nFull } = assign('full', null);
  onIteration?.({ iter: 0, inertia: inertiaOf(out.sims), nChanged, nFull, labels: out.labels });
  let nIter = 0;
  const memberSums = new CentroidSums(X, k);
  while (nIter < maxIter) {
    const shifts = updateCentroids(X, out, sqNorms, k, memberSums, centroidsT, spare, makeSimsExact);
    [centroidsT, spare] = [spare, centroidsT];
    nIter++;
    ({ nChanged, nFull } = assign(bounds ? 'bounded' : 'full', shifts));
    onIteration?.({ iter: nIter, inertia: inertiaOf(out.sims), nChanged, nFull, labels: out.labels });
    if (nChanged === 0 || shifts.reduce((sum, d) => sum + d * d, 0) <= tol) break;
  }
  makeSimsExact();
  return {
    labels: Int32Array.from(out.labels),
    centroids: transpose(centroidsT, X.nCols, k),
    similarities: Float32Array.from(out.sims),
    inertia: inertiaOf(out.sims),
    nIter,
  };
}

/** Threads beyond the number of CHUNK_ROWS chunks would find no work: none are started for them. */
function newPool(X: Csr, k: number, workers: number): AssignPool | null {
  const threads = Math.min(workers, Math.ceil(X.nRows / CHUNK_ROWS));
  return threads > 1 ? new AssignPool(X, k, threads - 1) : null;
}

function inertiaOf(sims: Float64Array): number {
  let s = 0;
  for (const v of sims) s += 1 - v;
  return s;
}

function* nonzeroRows(sqNorms: Float64Array): Generator<number> {
  for (let i = 0; i < sqNorms.length; i++) if (sqNorms[i]! > 0) yield i;
}

/** Row-major rows × cols → row-major cols × rows. */
export function transpose(a: Float32Array | Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c]!;
  return out;
}

/** Term-major (nCols × k) centroids from the unit-normalised rows `rows` of X. */
function rowsToTermMajor(X: Csr, rows: Int32Array): Float64Array {
  const k = rows.length;
  const out = new Float64Array(X.nCols * k);
  rows.forEach((r, c) => {
    let sq = 0;
    for (let j = X.indptr[r]!; j < X.indptr[r + 1]!; j++) sq += X.data[j]! * X.data[j]!;
    const norm = Math.sqrt(sq);
    for (let j = X.indptr[r]!; j < X.indptr[r + 1]!; j++) out[X.indices[j]! * k + c] = X.data[j]! / norm;
  });
  return out;
}
