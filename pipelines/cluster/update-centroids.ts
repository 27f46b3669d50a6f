/**
 * Lloyd's update step for spherical k-means: normalised member sums, with sklearn-style relocation of empty
 * clusters. O(nnz + nCols · k).
 */

import type { Csr } from '../features/csr.ts';
import type { AssignTarget } from './assign.ts';

/**
 * Writes normalised member means into `nextT` (term-major) and returns each centroid's shift ‖next − prev‖.
 * Relocation (empty clusters) changes `out.labels` and voids the moved rows' bounds.
 */
export function updateCentroids(
  X: Csr,
  out: Required<AssignTarget>,
  sqNorms: Float64Array,
  k: number,
  prevT: Float64Array,
  nextT: Float64Array,
): Float64Array {
  const { nRows, nCols, indptr, indices, data } = X;
  const { labels, sims, second } = out;
  const counts = new Int32Array(k);
  nextT.fill(0);
  for (let i = 0; i < nRows; i++) {
    const c = labels[i]!;
    counts[c]!++;
    for (let j = indptr[i]!; j < indptr[i + 1]!; j++) nextT[indices[j]! * k + c]! += data[j]!;
  }
  for (let e = 0; e < k; e++) {
    if (counts[e] !== 0) continue;
    const i = farthestMovableRow(labels, sims, sqNorms, counts);
    if (i < 0) break;
    const from = labels[i]!;
    for (let j = indptr[i]!; j < indptr[i + 1]!; j++) {
      nextT[indices[j]! * k + from]! -= data[j]!;
      nextT[indices[j]! * k + e] = data[j]!;
    }
    counts[from]!--;
    counts[e] = 1;
    labels[i] = e;
    sims[i] = Infinity; // taken: never picked twice
    second[i] = Infinity; // its bound no longer holds
  }
  const norms = new Float64Array(k);
  for (let t = 0, a = 0; t < nCols; t++) for (let c = 0; c < k; c++, a++) norms[c]! += nextT[a]! * nextT[a]!;
  for (let c = 0; c < k; c++) norms[c] = Math.sqrt(norms[c]!);
  const shifts = new Float64Array(k);
  for (let t = 0; t < nCols; t++) {
    for (let c = 0; c < k; c++) {
      const a = t * k + c;
      const norm = norms[c]!;
      // A zero sum (empty cluster with nothing to relocate, or only zero rows) keeps the old centroid.
      const value = norm > 0 ? nextT[a]! / norm : prevT[a]!;
      nextT[a] = value;
      shifts[c]! += (value - prevT[a]!) ** 2;
    }
  }
  return shifts.map(Math.sqrt);
}

function farthestMovableRow(labels: Int32Array, sims: Float64Array, sqNorms: Float64Array, counts: Int32Array): number {
  let best = -1;
  let bestSim = Infinity;
  for (let i = 0; i < labels.length; i++) {
    if (sims[i]! < bestSim && sqNorms[i]! > 0 && counts[labels[i]!]! > 1) {
      bestSim = sims[i]!;
      best = i;
    }
  }
  return best;
}
