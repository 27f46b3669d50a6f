/**
 * Gives a run's topics the ids of the previous run's topics they continue. Cosine between every previous centroid
 * (mapped into this run's vocabulary, `warm-start.ts`) and every new one; the optimal one-to-one matching
 * (`hungarian.ts`) maximises the total cosine; a pair counts only at or above MATCH_THRESHOLD. Ids stay dense,
 * 0..k-1, as the schema and the dashboard require: a matched topic takes its previous id when that id is below k;
 * the other topics take the free ids in ascending order, in the order k-means found them. O(k_old · k · terms).
 */
import type { KMeansResult } from '../cluster/kmeans.ts';
import { maximumAssignment } from './hungarian.ts';

/**
 * Centroid cosine at or above which a new topic continues an old one. On 5,000 then 6,000 arXiv CS abstracts
 * (k = 12, warm start) every matched pair had 0.93..0.99; cold with k = 14, matched pairs went down to 0.67.
 */
export const MATCH_THRESHOLD = 0.5;

export interface TopicMatch {
  /** `idOf[c]` is the id of the topic k-means numbered c. */
  idOf: Int32Array;
  /** `previousOf[id]` is the previous id a new topic continues, or -1. */
  previousOf: Int32Array;
  /** kPrevious × k cosines, previous id by new id (after renumbering). */
  cosines: Float64Array;
}

/** `previous` and `current` are unit rows of `nCols` terms: kPrevious × nCols and k × nCols, row-major. */
export function matchTopics(previous: Float64Array, current: Float64Array, nCols: number): TopicMatch {
  const kPrevious = nCols === 0 ? 0 : previous.length / nCols;
  const k = nCols === 0 ? 0 : current.length / nCols;
  const found = centroidCosines(previous, current, nCols);
  const columnOf = maximumAssignment(found, kPrevious, k);
  const previousOfFound = new Int32Array(k).fill(-1);
  columnOf.forEach((c, p) => {
    if (c >= 0 && found[p * k + c]! >= MATCH_THRESHOLD) previousOfFound[c] = p;
  });
  const idOf = new Int32Array(k).fill(-1);
  const taken = new Uint8Array(k);
  previousOfFound.forEach((p, c) => {
    if (p >= 0 && p < k) {
      idOf[c] = p;
      taken[p] = 1;
    }
  });
  let free = 0;
  for (let c = 0; c < k; c++) {
    if (idOf[c] !== -1) continue;
    while (taken[free]) free++;
    idOf[c] = free;
    taken[free] = 1;
  }
  const previousOf = new Int32Array(k).fill(-1);
  const cosines = new Float64Array(kPrevious * k);
  for (let c = 0; c < k; c++) {
    const id = idOf[c]!;
    previousOf[id] = previousOfFound[c]!;
    for (let p = 0; p < kPrevious; p++) cosines[p * k + id] = found[p * k + c]!;
  }
  return { idOf, previousOf, cosines };
}

/** The clustering with topic c renamed `idOf[c]`: labels rewritten, centroid rows moved. */
export function renumberClustering(clustering: KMeansResult, idOf: Int32Array): KMeansResult {
  const k = idOf.length;
  const nCols = k === 0 ? 0 : clustering.centroids.length / k;
  const centroids = new Float64Array(clustering.centroids.length);
  for (let c = 0; c < k; c++) {
    centroids.set(clustering.centroids.subarray(c * nCols, (c + 1) * nCols), idOf[c]! * nCols);
  }
  return { ...clustering, labels: clustering.labels.map((label) => idOf[label]!), centroids };
}

function centroidCosines(previous: Float64Array, current: Float64Array, nCols: number): Float64Array {
  const kPrevious = previous.length / nCols;
  const k = current.length / nCols;
  const cosines = new Float64Array(kPrevious * k);
  for (let p = 0; p < kPrevious; p++) {
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let j = 0; j < nCols; j++) dot += previous[p * nCols + j]! * current[c * nCols + j]!;
      cosines[p * k + c] = dot;
    }
  }
  return cosines;
}
