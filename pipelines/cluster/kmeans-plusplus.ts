/**
 * Greedy k-means++ seeding on sparse unit rows with cosine distance 1 − x·c (as sklearn
 * `_kmeans_plusplus`: each step draws 2 + ⌊ln k⌋ candidates with probability ∝ distance to the closest
 * chosen centre and keeps the one that most lowers the total; Arthur & Vassilvitskii 2007). On unit rows
 * 1 − x·c is half the squared Euclidean distance, so the choice matches sklearn's up to the RNG.
 *
 * Cost O(k · trials · nnz(sample)). Only rows with a nonzero norm are eligible (a zero row would give a
 * zero centroid). For large inputs the centres are drawn from a seeded sample of `sampleSize` eligible rows
 * (default 5,000, like sklearn MiniBatchKMeans' `init_size`), which keeps seeding well under a second.
 */

import type { Csr } from '../features/csr.ts';
import { rowScoresKernel } from './assignment-step.ts';
import { sampleIndices, type Rng } from './random.ts';

export const DEFAULT_INIT_SAMPLE_SIZE = 5_000;

/** Row indices of the k chosen centres, in the order chosen. `eligible`: ascending rows with nonzero norm. */
export function kmeansPlusPlus(
  X: Csr,
  k: number,
  eligible: Int32Array,
  rng: Rng,
  sampleSize = DEFAULT_INIT_SAMPLE_SIZE,
): Int32Array {
  const picked = sampleIndices(eligible.length, Math.max(sampleSize, k), rng);
  const rows = picked.map((p) => eligible[p]!);
  const m = rows.length;
  const nTrials = 2 + Math.floor(Math.log(k));
  const centres = new Int32Array(k);

  const first = rows[rng.nextInt(m)]!;
  centres[0] = first;
  let closest = new Float64Array(m);
  distancesTo(X, rows, [first], closest);
  let pot = sum(closest);

  const cumulative = new Float64Array(m);
  const trialDist = new Float64Array(nTrials * m);
  const candidates: number[] = new Array<number>(nTrials).fill(0);
  for (let c = 1; c < k; c++) {
    let running = 0;
    for (let i = 0; i < m; i++) cumulative[i] = running += closest[i]!;
    for (let t = 0; t < nTrials; t++)
      candidates[t] = rows[pot > 0 ? searchRight(cumulative, rng.next() * pot) : rng.nextInt(m)]!;
    distancesTo(X, rows, candidates, trialDist);
    let bestTrial = 0;
    let bestPot = Infinity;
    for (let t = 0; t < nTrials; t++) {
      let p = 0;
      for (let i = 0; i < m; i++) p += Math.min(closest[i]!, trialDist[t * m + i]!);
      if (p < bestPot) {
        bestPot = p;
        bestTrial = t;
      }
    }
    const next = new Float64Array(m);
    for (let i = 0; i < m; i++) next[i] = Math.min(closest[i]!, trialDist[bestTrial * m + i]!);
    closest = next;
    pot = bestPot;
    centres[c] = candidates[bestTrial]!;
  }
  return centres;
}

/**
 * out[t * rows.length + i] = max(0, 1 − X[rows[i]] · X[candidates[t]]), via a term-major scatter of the
 * candidates and the assignment step's register-blocked kernel (same products, same order as a plain loop).
 */
function distancesTo(X: Csr, rows: Int32Array, candidates: readonly number[], out: Float64Array): void {
  const { indptr, indices, data } = X;
  const nT = candidates.length;
  const dense = new Float64Array(X.nCols * nT);
  candidates.forEach((r, t) => {
    for (let j = indptr[r]!; j < indptr[r + 1]!; j++) dense[indices[j]! * nT + t] = data[j]!;
  });
  const kernel = rowScoresKernel(nT, dense);
  const acc = new Float64Array(nT);
  const m = rows.length;
  for (let i = 0; i < m; i++) {
    kernel(indptr, indices, data, dense, rows[i]!, acc);
    for (let t = 0; t < nT; t++) out[t * m + i] = Math.max(0, 1 - acc[t]!);
  }
}

/** First index with cumulative[i] > value (numpy searchsorted side='right'), clipped to the last index. */
function searchRight(cumulative: Float64Array, value: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}
