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
  /** If given, the second-highest similarity per position (an upper bound for the bounded Lloyd pass). */
  second?: Float64Array;
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
  const scores = new Float64Array(k);
  let nChanged = 0;
  for (let p = start; p < end; p++) {
    if (assignRow(X, centroidsT, scale, k, rows === null ? p : rows[p]!, p, out, scores)) nChanged++;
  }
  return nChanged;
}

/** Assigns row i into position p (see `assignRows`); `scores` is k-length scratch. Returns whether the label changed. */
export function assignRow(
  X: Csr,
  centroidsT: Float64Array,
  scale: Float64Array | null,
  k: number,
  i: number,
  p: number,
  out: AssignTarget,
  scores: Float64Array,
): boolean {
  const { indptr, indices, data } = X;
  scores.fill(0);
  const rowEnd = indptr[i + 1]!;
  for (let j = indptr[i]!; j < rowEnd; j++) {
    const v = data[j]!;
    const base = indices[j]! * k;
    for (let c = 0; c < k; c++) scores[c]! += v * centroidsT[base + c]!;
  }
  if (scale !== null) for (let c = 0; c < k; c++) scores[c]! *= scale[c]!;
  let best = 0;
  let bestSim = scores[0]!;
  let secondSim = -Infinity;
  for (let c = 1; c < k; c++) {
    const s = scores[c]!;
    if (s > bestSim) {
      secondSim = bestSim;
      bestSim = s;
      best = c;
    } else if (s > secondSim) {
      secondSim = s;
    }
  }
  const changed = out.labels[p] !== best;
  out.labels[p] = best;
  out.sims[p] = bestSim;
  if (out.second !== undefined) out.second[p] = secondSim;
  return changed;
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

/** Slack for float rounding in the bound test; computed dots err by ~1e-14 at most. */
export const BOUND_MARGIN = 1e-9;

export interface BoundedCounts {
  nChanged: number;
  /** Rows whose bound failed and that were compared against every centroid. */
  nFull: number;
}

/**
 * Lloyd assignment with a Hamerly-style bound (for unit vectors |x·c − x·c'| ≤ ‖c − c'‖): `out.second[i]`
 * bounds x_i's similarity to every centroid but its own; after the centroids moved it grows by
 * `upperShift[own]` (the largest shift of any other centroid). A row whose exact similarity to its own
 * centroid (O(nnz), row-major `centroids`) beats that bound keeps its label; only the others pay O(nnz · k).
 * The result is bit-identical to `assignRows`: the own-centroid dot sums the same products in the same order.
 */
export function assignRowsBounded(
  X: Csr,
  centroidsT: Float64Array,
  centroids: Float64Array,
  k: number,
  start: number,
  end: number,
  out: Required<AssignTarget>,
  upperShift: Float64Array,
): BoundedCounts {
  const { nCols, indptr, indices, data } = X;
  const { labels, sims, second } = out;
  const scores = new Float64Array(k);
  let nChanged = 0;
  let nFull = 0;
  for (let i = start; i < end; i++) {
    const own = labels[i]!;
    const upper = second[i]! + upperShift[own]!;
    const base = own * nCols;
    let s = 0;
    for (let j = indptr[i]!; j < indptr[i + 1]!; j++) s += data[j]! * centroids[base + indices[j]!]!;
    if (s > upper + BOUND_MARGIN) {
      sims[i] = s;
      second[i] = upper;
    } else {
      nFull++;
      if (assignRow(X, centroidsT, null, k, i, i, out, scores)) nChanged++;
    }
  }
  return { nChanged, nFull };
}
