/**
 * Assigns L2-normalised rows to the most similar of k saved unit centroids (cosine = dot product), with the
 * same inner loop and tie rule (lowest index) as k-means itself (`assignment-step.ts`). A zero row gets
 * cluster 0 and similarity 0. O(nnz · k) after an O(k · nTerms) transpose.
 */
import { assignRows } from './assignment-step.ts';
import type { Csr } from '../features/csr.ts';

export function nearestCentroids(
  matrix: Csr,
  centroids: Float64Array,
  k: number,
): { labels: Int32Array; similarities: Float64Array } {
  const nTerms = matrix.nCols;
  const centroidsT = new Float64Array(k * nTerms);
  for (let c = 0; c < k; c++) for (let t = 0; t < nTerms; t++) centroidsT[t * k + c] = centroids[c * nTerms + t]!;
  const labels = new Int32Array(matrix.nRows).fill(-1);
  const similarities = new Float64Array(matrix.nRows);
  assignRows(matrix, centroidsT, null, k, null, 0, matrix.nRows, { labels, sims: similarities });
  return { labels, similarities };
}
