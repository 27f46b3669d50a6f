/**
 * Nearest-centroid assignment, the O(nnz · k) inner loop of spherical k-means.
 *
 * Centroids are stored term-major (`centroidsT[t * k + c]`), so each nonzero (t, v) of a row does one
 * contiguous k-length multiply-add into `scores`; the row's cosine to every centroid falls out at once.
 * Each row's result depends on that row alone, so any split of the rows (worker threads) gives
 * bit-identical output. Ties go to the lowest centroid index.
 */

import type { Csr } from '../features/csr.ts';

export interface AssignTarget {
  /** Output label per visited position. */
  labels: Int32Array;
  /** Output cosine similarity per visited position (float64: inertia is summed from it). */
  sims: Float64Array;
}

/**
 * Assigns rows `rows[p]` (or row `p` itself when `rows` is null) for p in [start, end), writing
 * `labels[p]` and `sims[p]`. `scale` (per centroid, may be null) multiplies the raw dot products: the
 * mini-batch phase keeps centroids unnormalised and passes 1 / norm. Returns how many labels changed.
 */
export function assignRows(
  X: Csr,
  centroidsT: Float64Array,
  scale: Float64Array | null,
  k: number,
  rows: Int32Array | null,
  start: number,
  end: number,
  out: AssignTarget,
): number {
  const { indptr, indices, data } = X;
  const { labels, sims } = out;
  const scores = new Float64Array(k);
  let nChanged = 0;
  for (let p = start; p < end; p++) {
    const i = rows === null ? p : rows[p]!;
    scores.fill(0);
    const rowEnd = indptr[i + 1]!;
    for (let j = indptr[i]!; j < rowEnd; j++) {
      const v = data[j]!;
      const base = indices[j]! * k;
      for (let c = 0; c < k; c++) scores[c]! += v * centroidsT[base + c]!;
    }
    let best = 0;
    let bestSim = scale === null ? scores[0]! : scores[0]! * scale[0]!;
    for (let c = 1; c < k; c++) {
      const s = scale === null ? scores[c]! : scores[c]! * scale[c]!;
      if (s > bestSim) {
        bestSim = s;
        best = c;
      }
    }
    if (labels[p] !== best) nChanged++;
    labels[p] = best;
    sims[p] = bestSim;
  }
  return nChanged;
}

/** Squared L2 norm of each row, in float64. */
export function rowSquaredNorms(X: Csr): Float64Array {
  const out = new Float64Array(X.nRows);
  for (let i = 0; i < X.nRows; i++) {
    let s = 0;
    for (let j = X.indptr[i]!; j < X.indptr[i + 1]!; j++) s += X.data[j]! * X.data[j]!;
    out[i] = s;
  }
  return out;
}
