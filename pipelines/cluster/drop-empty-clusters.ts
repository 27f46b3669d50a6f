/**
 * Removes the clusters k-means left without a document (possible when there are fewer distinct documents than
 * k, or zero-vector documents) and renumbers the rest densely 0..k'-1 in their original order. The assignment
 * is unchanged and still exact: a dropped centroid won no document, so every document's most similar centroid
 * (ties to the lowest index, which the order-preserving renumbering keeps) is the same among the k' kept ones.
 * Refitting with k' instead would cost a second clustering and could leave clusters empty again.
 */
import type { KMeansResult } from './kmeans.ts';

export interface DroppedClusters {
  result: KMeansResult;
  k: number;
  /** Ids (before renumbering) of the clusters that were empty, ascending. */
  emptyIds: number[];
}

export function dropEmptyClusters(result: KMeansResult, k: number, nCols: number): DroppedClusters {
  const sizes = new Int32Array(k);
  for (const label of result.labels) sizes[label]!++;
  const emptyIds = [...sizes.keys()].filter((id) => sizes[id] === 0);
  if (emptyIds.length === 0) return { result, k, emptyIds };
  const newId = new Int32Array(k).fill(-1);
  let kept = 0;
  for (let id = 0; id < k; id++) if (sizes[id]! > 0) newId[id] = kept++;
  const centroids = new Float64Array(kept * nCols);
  for (let id = 0; id < k; id++) {
    if (newId[id]! < 0) continue;
    centroids.set(result.centroids.subarray(id * nCols, (id + 1) * nCols), newId[id]! * nCols);
  }
  const labels = Int32Array.from(result.labels, (label) => newId[label]!);
  return { result: { ...result, labels, centroids }, k: kept, emptyIds };
}
