/**
 * Mini-batch phase of spherical k-means (Sculley 2010, as sklearn `MiniBatchKMeans`): each step draws
 * `batchSize` eligible rows with replacement, assigns them, and moves each centre c to
 * normalise(n_c · c + Σ batch members), i.e. a per-centre learning rate 1 / n_c where n_c counts every
 * row ever assigned to c (a centre's first batch replaces it by its batch mean).
 *
 * Centres are kept unnormalised in term-major `v` (nCols × k) with their squared norms: since the true
 * centre is v_c / ‖v_c‖, the update is v_c += (‖v_c‖ / n_c) · Σ x, applied only on the batch's nonzeros, so
 * a step costs O(nnz(batch) · k) instead of O(nCols · k). Stops after `maxEpochs` passes' worth of steps
 * or, as sklearn, when the exponentially weighted batch inertia has not improved for 10 steps. Every
 * 10 + min(n_c) steps, nearly unused centres restart at batch rows (sklearn's random reassignment).
 */

import type { Csr } from '../features/csr.ts';
import { assignRows } from './assignment-step.ts';
import { sampleIndices, type Rng } from './random.ts';

const MAX_NO_IMPROVEMENT = 10;
const REASSIGNMENT_RATIO = 0.01;

export interface MiniBatchResult {
  /** Unit centroids, term-major (nCols × k). */
  centroidsT: Float64Array;
  nSteps: number;
}

export function miniBatchPhase(
  X: Csr,
  initialT: Float64Array,
  k: number,
  eligible: Int32Array,
  batchSize: number,
  maxEpochs: number,
  rng: Rng,
): MiniBatchResult {
  const { nCols, indptr, indices, data } = X;
  const v = Float64Array.from(initialT);
  const sqNorm = new Float64Array(k).fill(1);
  const scale = new Float64Array(k).fill(1);
  const counts = new Float64Array(k);
  const batchCounts = new Float64Array(k);
  const coef = new Float64Array(k);
  const batch = new Int32Array(batchSize);
  const out = { labels: new Int32Array(batchSize), sims: new Float64Array(batchSize) };
  const nSteps = Math.ceil((maxEpochs * eligible.length) / batchSize);
  const alpha = Math.min(1, (2 * batchSize) / (eligible.length + 1));
  let ewa = NaN;
  let bestEwa = Infinity;
  let noImprovement = 0;
  let step = 0;
  while (step < nSteps) {
    step++;
    for (let b = 0; b < batchSize; b++) batch[b] = eligible[rng.nextInt(eligible.length)]!;
    assignRows(X, v, scale, k, batch, 0, batchSize, out);

    let batchInertia = 0;
    batchCounts.fill(0);
    for (let b = 0; b < batchSize; b++) {
      batchInertia += 1 - out.sims[b]!;
      batchCounts[out.labels[b]!]!++;
    }
    for (let c = 0; c < k; c++) {
      if (batchCounts[c] === 0) continue;
      if (counts[c] === 0) {
        for (let t = 0; t < nCols; t++) v[t * k + c] = 0;
        sqNorm[c] = 0;
        coef[c] = 1;
      } else {
        coef[c] = Math.sqrt(sqNorm[c]!) / counts[c]!;
      }
      counts[c]! += batchCounts[c]!;
    }
    for (let b = 0; b < batchSize; b++) {
      const i = batch[b]!;
      const c = out.labels[b]!;
      const f = coef[c]!;
      let sq = sqNorm[c]!;
      for (let j = indptr[i]!; j < indptr[i + 1]!; j++) {
        const at = indices[j]! * k + c;
        const old = v[at]!;
        const delta = data[j]! * f;
        v[at] = old + delta;
        sq += delta * (2 * old + delta);
      }
      sqNorm[c] = sq;
    }
    if (step % (10 + Math.floor(Math.min(...counts))) === 0) reassignSmall(X, v, sqNorm, counts, k, batch, rng);
    for (let c = 0; c < k; c++) scale[c] = sqNorm[c]! > 0 ? 1 / Math.sqrt(sqNorm[c]!) : 0;

    const perRow = batchInertia / batchSize;
    ewa = Number.isNaN(ewa) ? perRow : ewa * (1 - alpha) + perRow * alpha;
    if (ewa < bestEwa) {
      bestEwa = ewa;
      noImprovement = 0;
    } else if (++noImprovement >= MAX_NO_IMPROVEMENT) {
      break;
    }
  }
  // Incremental squared norms drift by rounding; normalise from the exact norms.
  const exact = new Float64Array(k);
  for (let a = 0; a < v.length; a++) exact[a % k]! += v[a]! * v[a]!;
  for (let a = 0; a < v.length; a++) {
    const n = exact[a % k]!;
    v[a] = n > 0 ? v[a]! / Math.sqrt(n) : initialT[a]!;
  }
  return { centroidsT: v, nSteps: step };
}

/**
 * sklearn's `reassignment_ratio` = 0.01: a centre that has drawn < 1% of the busiest centre's rows restarts at
 * a random row of the current batch (at most half the batch), and its count becomes the smallest count of the
 * centres kept. Without this a centre stranded between topics never recovers.
 */
function reassignSmall(
  X: Csr,
  v: Float64Array,
  sqNorm: Float64Array,
  counts: Float64Array,
  k: number,
  batch: Int32Array,
  rng: Rng,
): void {
  const limit = REASSIGNMENT_RATIO * Math.max(...counts);
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => counts[a]! - counts[b]! || a - b);
  const small = order.filter((c) => counts[c]! < limit).slice(0, Math.floor(batch.length / 2));
  if (small.length === 0 || small.length === k) return;
  const kept = order.filter((c) => !small.includes(c));
  const newCount = Math.min(...kept.map((c) => counts[c]!));
  const picks = sampleIndices(batch.length, small.length, rng);
  small.forEach((c, s) => {
    const row = batch[picks[s]!]!;
    for (let a = c; a < v.length; a += k) v[a] = 0;
    let sq = 0;
    for (let j = X.indptr[row]!; j < X.indptr[row + 1]!; j++) {
      v[X.indices[j]! * k + c] = X.data[j]!;
      sq += X.data[j]! * X.data[j]!;
    }
    sqNorm[c] = sq;
    counts[c] = newCount;
  });
}
