/**
 * UMAP's 2D layout from k nearest neighbours (McInnes, Healy & Melville 2018, as umap-learn and umap-js compute
 * it), in typed arrays. Fuzzy graph: per point, ρ = distance to its nearest other point and σ by bisection so that
 * Σ_j exp(-(d_j - ρ) / σ) = log2 k; membership w_ij = exp(-(d_ij - ρ_i) / σ_i), symmetrised by the fuzzy union
 * w + wᵀ - w ∘ wᵀ. Layout: SGD over the edges, each sampled in proportion to its weight (edges below max / nEpochs
 * dropped), attraction 2ab d^(2b-2) / (1 + a d^(2b)), `NEGATIVE_SAMPLE_RATE` random repulsions per sample, gradients
 * clipped to ±4, learning rate 1 falling linearly to 0; uniform random start in [-10, 10]².
 *
 * Same steps and constants as umap-js 1.4 with `minDist` 0.1 (its fitted curve a, b), without its string-keyed
 * sparse matrices, which cost more than the epochs: O(n · k) for the graph, O(nEpochs · n · k) for the layout.
 */

/** Neighbours of each point, nearest first, itself first: point i's j-th at i · k + j. */
export interface KNearest {
  k: number;
  indices: Int32Array;
  distances: Float64Array;
}

export interface UmapLayoutOptions {
  nEpochs: number;
  /** Uniform [0, 1) source; the start and the negative samples draw from it in a fixed order. */
  random: () => number;
}

// umap-js findABParams(spread 1, minDist 0.1): the curve 1 / (1 + a d^(2b)) fitted to the min_dist target.
const A = 1.5694704762346365;
const B = 0.8941996053733949;
const NEGATIVE_SAMPLE_RATE = 5;
const REPULSION = 1;
const CLIP = 4;
const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;
const BISECTION_STEPS = 64;

/** Positions of the n points: point i at (2i, 2i + 1). */
export function umapLayout(knn: KNearest, options: UmapLayoutOptions): Float64Array {
  const n = knn.indices.length / knn.k;
  const graph = fuzzyGraph(knn);
  const { nEpochs, random } = options;
  const positions = new Float64Array(2 * n);
  for (let i = 0; i < positions.length; i++) positions[i] = random() * 20 - 10;

  let maxWeight = 0;
  for (const w of graph.weights) maxWeight = Math.max(maxWeight, w);
  const heads: number[] = [];
  const tails: number[] = [];
  const epochsPerSample: number[] = [];
  graph.weights.forEach((w, e) => {
    if (w < maxWeight / nEpochs) return;
    heads.push(graph.heads[e]!);
    tails.push(graph.tails[e]!);
    epochsPerSample.push(maxWeight / w);
  });
  const edges = heads.length;
  const nextSample = Float64Array.from(epochsPerSample);
  const epochsPerNegative = Float64Array.from(epochsPerSample, (e) => e / NEGATIVE_SAMPLE_RATE);
  const nextNegative = Float64Array.from(epochsPerNegative);

  for (let epoch = 0; epoch < nEpochs; epoch++) {
    const alpha = 1 - epoch / nEpochs;
    for (let e = 0; e < edges; e++) {
      if (nextSample[e]! > epoch) continue;
      const j = heads[e]!;
      const k = tails[e]!;
      let dx = positions[2 * j]! - positions[2 * k]!;
      let dy = positions[2 * j + 1]! - positions[2 * k + 1]!;
      let d2 = dx * dx + dy * dy;
      let coefficient = 0;
      if (d2 > 0) {
        const power = Math.pow(d2, B);
        coefficient = (-2 * A * B * (power / d2)) / (A * power + 1);
      }
      let gx = clip(coefficient * dx) * alpha;
      let gy = clip(coefficient * dy) * alpha;
      positions[2 * j]! += gx;
      positions[2 * j + 1]! += gy;
      positions[2 * k]! -= gx;
      positions[2 * k + 1]! -= gy;
      nextSample[e]! += epochsPerSample[e]!;

      const negatives = Math.floor((epoch - nextNegative[e]!) / epochsPerNegative[e]!);
      for (let p = 0; p < negatives; p++) {
        const other = Math.floor(random() * n);
        dx = positions[2 * j]! - positions[2 * other]!;
        dy = positions[2 * j + 1]! - positions[2 * other + 1]!;
        d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          coefficient = (2 * REPULSION * B) / ((0.001 + d2) * (A * Math.pow(d2, B) + 1));
          gx = clip(coefficient * dx);
          gy = clip(coefficient * dy);
        } else if (j === other) {
          continue;
        } else {
          gx = CLIP;
          gy = CLIP;
        }
        positions[2 * j]! += gx * alpha;
        positions[2 * j + 1]! += gy * alpha;
      }
      nextNegative[e]! += negatives * epochsPerNegative[e]!;
    }
  }
  return positions;
}

function clip(value: number): number {
  return value > CLIP ? CLIP : value < -CLIP ? -CLIP : value;
}

/** The symmetrised fuzzy graph as directed edges (both directions), ordered by (tail, head). */
export function fuzzyGraph(knn: KNearest): { tails: Int32Array; heads: Int32Array; weights: Float64Array } {
  const { k, indices, distances } = knn;
  const n = indices.length / k;
  const target = Math.log2(k);
  let meanOfAll = 0;
  for (const d of distances) meanOfAll += d / distances.length;
  const membership = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const row = distances.subarray(i * k, (i + 1) * k);
    let rho = 0;
    for (const d of row) {
      if (d > 0) {
        rho = d;
        break;
      }
    }
    let lo = 0;
    let hi = Infinity;
    let sigma = 1;
    for (let step = 0; step < BISECTION_STEPS; step++) {
      let sum = 0;
      for (let j = 1; j < k; j++) sum += row[j]! - rho > 0 ? Math.exp(-(row[j]! - rho) / sigma) : 1;
      if (Math.abs(sum - target) < SMOOTH_K_TOLERANCE) break;
      if (sum > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    let meanOfRow = 0;
    for (const d of row) meanOfRow += d / k;
    sigma = Math.max(sigma, MIN_K_DIST_SCALE * (rho > 0 ? meanOfRow : meanOfAll));
    for (let j = 0; j < k; j++) {
      const neighbour = indices[i * k + j]!;
      if (neighbour === i || neighbour < 0) continue;
      const d = row[j]! - rho;
      membership.set(i * n + neighbour, d <= 0 ? 1 : Math.exp(-d / sigma));
    }
  }
  const keys = new Set<number>();
  for (const key of membership.keys()) {
    keys.add(key);
    keys.add((key % n) * n + Math.floor(key / n));
  }
  const sorted = Float64Array.from(keys).sort();
  const tails = new Int32Array(sorted.length);
  const heads = new Int32Array(sorted.length);
  const weights = new Float64Array(sorted.length);
  sorted.forEach((key, e) => {
    const tail = Math.floor(key / n);
    const head = key - tail * n;
    const w = membership.get(key) ?? 0;
    const wt = membership.get(head * n + tail) ?? 0;
    tails[e] = tail;
    heads[e] = head;
    weights[e] = w + wt - w * wt;
  });
  return { tails, heads, weights };
}
