/**
 * Picks the number of clusters by mean cosine silhouette (Rousseeuw 1987), cheaply and deterministically:
 * each candidate k is fitted (`sphericalKMeans`, `KMEANS_DEFAULTS`) on one seeded sample of ≤ `fitSize` docs, and
 * scored on a seeded sub-sample of ≤ `sampleSize` of those docs: s(i) = (b − a) / max(a, b), a = mean cosine
 * distance 1 − x·y to the other members of i's cluster, b = the least such mean over the other clusters;
 * s = 0 for a doc alone in its cluster (as sklearn `silhouette_samples`). The highest mean wins, ties to the
 * smaller k. The pairwise distances are computed once: O(sampleSize² · nnz/row) + one fit per candidate.
 */

import { CliError } from '../errors.ts';
import type { Csr } from '../features/csr.ts';
import { KMEANS_DEFAULTS, sphericalKMeans, type KMeansOptions } from './kmeans.ts';
import { createRng, sampleIndices } from './random.ts';

export const DEFAULT_K_CANDIDATES: readonly number[] = [8, 12, 16, 20, 25, 30];

export interface ChooseKOptions {
  seed: number;
  /** Docs scored by silhouette; default 2,000. */
  sampleSize?: number;
  /** Docs each candidate is fitted on; default 20,000. */
  fitSize?: number;
  /** Fit algorithm; default 'lloyd' (`KMEANS_DEFAULTS`). */
  algorithm?: KMeansOptions['algorithm'];
}

export interface ChooseKResult {
  k: number;
  /** One per candidate, in the order given; NaN when the scored docs fall in fewer than 2 clusters. */
  scores: { k: number; score: number }[];
}

export function chooseK(X: Csr, candidates: readonly number[], options: ChooseKOptions): ChooseKResult {
  const { seed, sampleSize = 2_000, fitSize = 20_000, algorithm = KMEANS_DEFAULTS.algorithm } = options;
  const rng = createRng(seed);
  const fitRows = sampleIndices(X.nRows, fitSize, rng);
  const fitX = selectRows(X, fitRows);
  for (const k of candidates) {
    if (!Number.isInteger(k) || k < 2 || k > fitX.nRows - 1) {
      throw new CliError(`k candidate ${k} must be an integer between 2 and ${fitX.nRows - 1} (docs − 1).`, 2);
    }
  }
  if (candidates.length === 0) throw new CliError('chooseK needs at least one k candidate.', 2);
  const scored = sampleIndices(fitX.nRows, sampleSize, rng);
  const distances = pairwiseCosineDistances(fitX, scored);

  const scores = candidates.map((k) => {
    const fit = sphericalKMeans(fitX, { ...KMEANS_DEFAULTS, k, seed, algorithm });
    const labels = Int32Array.from(scored, (row) => fit.labels[row]!);
    return { k, score: meanSilhouette(distances, labels, k) };
  });
  let best = scores[0]!;
  for (const s of scores) if (s.score > best.score || (s.score === best.score && s.k < best.k)) best = s;
  return { k: best.k, scores };
}

/** Mean silhouette of m docs from their m × m distance matrix (row-major) and labels in 0..k-1. */
export function meanSilhouette(distances: Float64Array, labels: Int32Array, k: number): number {
  const m = labels.length;
  const sizes = new Int32Array(k);
  for (const c of labels) sizes[c]!++;
  if (sizes.filter((s) => s > 0).length < 2) return NaN;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < m; i++) {
    const own = labels[i]!;
    if (sizes[own] === 1) continue;
    sums.fill(0);
    for (let j = 0; j < m; j++) sums[labels[j]!]! += distances[i * m + j]!;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    const scale = Math.max(a, b);
    total += scale > 0 ? (b - a) / scale : 0;
  }
  return total / m;
}

/** Row-major m × m of max(0, 1 − x_i · x_j) over the given rows (unit rows; zero rows are at distance 1). */
function pairwiseCosineDistances(X: Csr, rows: Int32Array): Float64Array {
  const m = rows.length;
  const out = new Float64Array(m * m);
  const dense = new Float64Array(X.nCols);
  const { indptr, indices, data } = X;
  for (let a = 0; a < m; a++) {
    const r = rows[a]!;
    for (let j = indptr[r]!; j < indptr[r + 1]!; j++) dense[indices[j]!] = data[j]!;
    for (let b = a + 1; b < m; b++) {
      const s = rows[b]!;
      let dot = 0;
      for (let j = indptr[s]!; j < indptr[s + 1]!; j++) dot += data[j]! * dense[indices[j]!]!;
      const d = Math.max(0, 1 - dot);
      out[a * m + b] = d;
      out[b * m + a] = d;
    }
    for (let j = indptr[r]!; j < indptr[r + 1]!; j++) dense[indices[j]!] = 0;
  }
  return out;
}

/** The given rows of X (ascending) as their own Csr. */
export function selectRows(X: Csr, rows: Int32Array): Csr {
  if (rows.length === X.nRows) return X;
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i]! + X.indptr[r + 1]! - X.indptr[r]!));
  const nnz = indptr[rows.length]!;
  const indices = new Int32Array(nnz);
  const data = new Float32Array(nnz);
  rows.forEach((r, i) => {
    indices.set(X.indices.subarray(X.indptr[r], X.indptr[r + 1]), indptr[i]);
    data.set(X.data.subarray(X.indptr[r], X.indptr[r + 1]), indptr[i]);
  });
  return { nRows: rows.length, nCols: X.nCols, indptr, indices, data };
}
