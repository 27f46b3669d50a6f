/**
 * Runs `ml-kmeans` on the dense equivalent of sparse rows: the reference for small inputs and for tests.
 * Dense rows cost nRows × nCols numbers (ml-kmeans keeps `number[][]`), so inputs above `maxCells` are refused.
 *
 * With `distance: 'cosine'` ml-kmeans minimises 1 − cos(x, c); its centroids are plain member means, but
 * cosine ignores their length, so its assignments are those of spherical k-means with normalised means, as
 * long as no cluster empties (ml-kmeans then keeps the old centre, `sphericalKMeans` relocates one).
 * With `distance: 'euclidean'` (its default) only an assignment to unit centroids is equivalent: on unit
 * rows ‖x − c‖² = 2 − 2x·c iff ‖c‖ = 1, and member means are shorter than 1.
 */

import { kmeans } from 'ml-kmeans';
import { CliError } from '../errors.ts';
import type { Csr } from '../features/csr.ts';
import type { KMeansResult } from './kmeans.ts';

export interface DenseKMeansOptions {
  k: number;
  seed: number;
  maxIter: number;
  /** ml-kmeans `tolerance`: stop when every centre moves less than this (by `distance`). */
  tol: number;
  distance: 'cosine' | 'euclidean';
  /** k × nCols row-major starting centres; default ml-kmeans' own k-means++. */
  initialCentroids?: Float64Array;
  /** Refuse inputs with more than this many dense cells; default 20,000,000. */
  maxCells?: number;
}

export function toDenseRows(X: Csr): number[][] {
  return Array.from({ length: X.nRows }, (_, i) => {
    const row = new Array<number>(X.nCols).fill(0);
    for (let j = X.indptr[i]!; j < X.indptr[i + 1]!; j++) row[X.indices[j]!] = X.data[j]!;
    return row;
  });
}

export function cosineDistance(p: readonly number[], q: readonly number[]): number {
  let dot = 0;
  let pp = 0;
  let qq = 0;
  for (let d = 0; d < p.length; d++) {
    dot += p[d]! * q[d]!;
    pp += p[d]! * p[d]!;
    qq += q[d]! * q[d]!;
  }
  return pp === 0 || qq === 0 ? 1 : 1 - dot / Math.sqrt(pp * qq);
}

function squaredEuclidean(p: readonly number[], q: readonly number[]): number {
  let s = 0;
  for (let d = 0; d < p.length; d++) s += (p[d]! - q[d]!) ** 2;
  return s;
}

export function mlKMeansDense(X: Csr, options: DenseKMeansOptions): KMeansResult {
  const cells = X.nRows * X.nCols;
  const maxCells = options.maxCells ?? 20_000_000;
  if (cells > maxCells) {
    throw new CliError(
      `ml-kmeans needs dense rows: ${X.nRows} × ${X.nCols} = ${cells} cells exceeds ${maxCells}. Use sphericalKMeans.`,
      2,
    );
  }
  const rows = toDenseRows(X);
  const { k, nCols } = { k: options.k, nCols: X.nCols };
  const initialization =
    options.initialCentroids === undefined
      ? ('kmeans++' as const)
      : Array.from({ length: k }, (_, c) => Array.from(options.initialCentroids!.subarray(c * nCols, (c + 1) * nCols)));
  const fit = kmeans(rows, k, {
    seed: options.seed,
    maxIterations: options.maxIter,
    tolerance: options.tol,
    initialization,
    distanceFunction: options.distance === 'cosine' ? cosineDistance : squaredEuclidean,
  });
  const centroids = new Float64Array(k * nCols);
  fit.centroids.forEach((centre, c) => {
    const norm = Math.sqrt(centre.reduce((s, v) => s + v * v, 0));
    centre.forEach((v, t) => (centroids[c * nCols + t] = norm > 0 ? v / norm : 0));
  });
  const labels = Int32Array.from(fit.clusters);
  const similarities = new Float32Array(X.nRows);
  let inertia = 0;
  for (let i = 0; i < X.nRows; i++) {
    const base = labels[i]! * nCols;
    let dot = 0;
    for (let j = X.indptr[i]!; j < X.indptr[i + 1]!; j++) dot += X.data[j]! * centroids[base + X.indices[j]!]!;
    similarities[i] = dot;
    inertia += 1 - dot;
  }
  return { labels, centroids, similarities, inertia, nIter: fit.iterations };
}
