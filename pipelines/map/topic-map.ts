/**
 * The topic map: a deterministic sample of documents laid out in 2D. TF-IDF rows -> randomized truncated SVD
 * (`truncated-svd.ts`, 20 components) -> rows scaled to unit length (so Euclidean distance ranks neighbours as
 * cosine does) -> exact 15 nearest neighbours -> UMAP (umap-js, 100 epochs, seeded). On a 2,500-paper sample
 * (bench/map-quality.ts) exact neighbours and 100 epochs keep neighbourhood preservation at 10 (0.109, as umap-js's
 * NN-descent with 150 epochs) for 0.007 less trustworthiness (0.826 against 0.833) and about a third less time. A cluster's position is the mean of its sampled
 * members' positions (null when none is sampled): the centroid itself is not embedded, because UMAP places only
 * the points it was fitted on. Same input and seed give identical coordinates.
 *
 * The layout needs only the sampled TF-IDF rows, not the clusters, so `run.ts` starts it in a worker thread as
 * soon as the TF-IDF matrix exists (`start-topic-map.ts`) and it runs beside clustering and labelling.
 */
import { UMAP } from 'umap-js';
import { createRng, sampleIndices } from '../cluster/random.ts';
import type { Csr } from '../features/csr.ts';
import { truncatedSvd } from './truncated-svd.ts';

export interface MapLayoutOptions {
  seed: number;
  /** SVD components fed to UMAP; default 20 (umap-js, not the SVD, dominates the cost; measured). */
  nComponents?: number;
  /** UMAP neighbourhood size; default 15. */
  nNeighbors?: number;
  /** UMAP optimisation epochs; default 100. */
  nEpochs?: number;
  /** Exact neighbours (default) or umap-js's approximate NN-descent. */
  neighbours?: 'exact' | 'nn-descent';
}

export interface TopicMapOptions extends MapLayoutOptions {
  /** Documents placed on the map; 0 disables it. */
  sampleSize: number;
}

export interface TopicMap {
  /** Sampled document indices, ascending. */
  docs: Int32Array;
  /** Position of docs[i] at (2i, 2i + 1). */
  positions: Float64Array;
  /** Per cluster: mean position of its sampled members, or null. */
  clusterPositions: ({ x: number; y: number } | null)[];
}

const DEFAULT_NEIGHBORS = 15;

/** The sampled document indices, ascending; empty when the sample is too small for UMAP (no more points than neighbours). */
export function mapSample(nRows: number, options: TopicMapOptions): Int32Array {
  const size = Math.min(options.sampleSize, nRows);
  if (size <= (options.nNeighbors ?? DEFAULT_NEIGHBORS) + 1) return new Int32Array(0);
  return sampleIndices(nRows, size, createRng(options.seed));
}

/** Rows `rows` of `matrix` as a matrix of their own (same columns). */
export function selectRows(matrix: Csr, rows: Int32Array): Csr {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((row, i) => (indptr[i + 1] = indptr[i]! + matrix.indptr[row + 1]! - matrix.indptr[row]!));
  const indices = new Int32Array(indptr[rows.length]!);
  const data = new Float32Array(indptr[rows.length]!);
  rows.forEach((row, i) => {
    const from = matrix.indptr[row]!;
    const to = matrix.indptr[row + 1]!;
    indices.set(matrix.indices.subarray(from, to), indptr[i]);
    data.set(matrix.data.subarray(from, to), indptr[i]);
  });
  return { nRows: rows.length, nCols: matrix.nCols, indptr, indices, data };
}

/** 2D positions of every row of `rows` (a sample's TF-IDF rows): row i at (2i, 2i + 1). */
export function layoutRows(rows: Csr, options: MapLayoutOptions): Float64Array {
  const size = rows.nRows;
  const all = Int32Array.from({ length: size }, (_, i) => i);
  const embedding = truncatedSvd(rows, all, { nComponents: options.nComponents ?? 20, seed: options.seed });
  const width = embedding.length / size;
  const vectors = Array.from({ length: size }, (_, i) => {
    const row = Array.from(embedding.subarray(i * width, (i + 1) * width));
    const norm = Math.hypot(...row);
    return norm === 0 ? row : row.map((value) => value / norm);
  });
  const rng = createRng(options.seed ^ 0x5bd1e995);
  const nNeighbors = options.nNeighbors ?? DEFAULT_NEIGHBORS;
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors,
    minDist: 0.1,
    nEpochs: options.nEpochs ?? 100,
    random: () => rng.next(),
  });
  if ((options.neighbours ?? 'exact') === 'exact') {
    const { indices, distances } = exactNeighbours(vectors, nNeighbors);
    umap.setPrecomputedKNN(indices, distances);
  }
  const positions = new Float64Array(2 * size);
  umap.fit(vectors).forEach(([x, y], i) => {
    positions[2 * i] = x!;
    positions[2 * i + 1] = y!;
  });
  return positions;
}

/**
 * Each vector's `k` nearest vectors by Euclidean distance, itself first (as UMAP's own search returns them), ties by
 * index. O(n² · d): 0.1-0.2 s for 2,500 vectors of 20 components, where umap-js's NN-descent (random projection
 * trees, then neighbour-of-neighbour rounds) took longer and is approximate.
 */
export function exactNeighbours(
  vectors: readonly number[][],
  k: number,
): { indices: number[][]; distances: number[][] } {
  const n = vectors.length;
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = vectors[i]!;
    const bestIndex = new Int32Array(k).fill(-1);
    const bestDistance = new Float64Array(k).fill(Infinity);
    for (let j = 0; j < n; j++) {
      const b = vectors[j]!;
      let sum = 0;
      for (let c = 0; c < a.length; c++) {
        const d = a[c]! - b[c]!;
        sum += d * d;
      }
      const distance = j === i ? -1 : Math.sqrt(sum);
      if (distance >= bestDistance[k - 1]!) continue;
      let p = k - 1;
      for (; p > 0 && bestDistance[p - 1]! > distance; p--) {
        bestDistance[p] = bestDistance[p - 1]!;
        bestIndex[p] = bestIndex[p - 1]!;
      }
      bestDistance[p] = distance;
      bestIndex[p] = j;
    }
    bestDistance[0] = 0;
    indices.push(Array.from(bestIndex));
    distances.push(Array.from(bestDistance));
  }
  return { indices, distances };
}

/** The map of sampled `docs` at `positions`, with each cluster at the mean of its sampled members. */
export function withClusterPositions(
  docs: Int32Array,
  positions: Float64Array,
  labels: Int32Array,
  k: number,
): TopicMap {
  const sums = new Float64Array(3 * k);
  docs.forEach((doc, i) => {
    const cluster = labels[doc]!;
    sums[3 * cluster]! += positions[2 * i]!;
    sums[3 * cluster + 1]! += positions[2 * i + 1]!;
    sums[3 * cluster + 2]! += 1;
  });
  const clusterPositions = Array.from({ length: k }, (_, c) => {
    const n = sums[3 * c + 2]!;
    return n === 0 ? null : { x: sums[3 * c]! / n, y: sums[3 * c + 1]! / n };
  });
  return { docs, positions, clusterPositions };
}

/** The whole map on this thread. */
export function topicMap(matrix: Csr, labels: Int32Array, k: number, options: TopicMapOptions): TopicMap {
  const docs = mapSample(matrix.nRows, options);
  const positions = docs.length === 0 ? new Float64Array(0) : layoutRows(selectRows(matrix, docs), options);
  return withClusterPositions(docs, positions, labels, k);
}
