/**
 * The topic map: a deterministic sample of documents laid out in 2D. TF-IDF rows -> randomized truncated SVD
 * (`truncated-svd.ts`, 20 components) -> rows scaled to unit length (so Euclidean distance ranks neighbours as
 * cosine does) -> exact 15 nearest neighbours -> UMAP (`umap-layout.ts`, 100 epochs, seeded). On a 2,500-paper
 * sample (bench/map-quality.ts) this keeps trustworthiness and neighbourhood preservation at 10 (0.827, 0.112) of
 * umap-js with the same settings (0.826, 0.109) for 40 % less CPU. A cluster's position is the mean of its sampled
 * members' positions (null when none is sampled): the centroid itself is not embedded, because UMAP places only
 * the points it was fitted on. Same input and seed give identical coordinates.
 *
 * The layout needs only the sampled TF-IDF rows, not the clusters, so `run.ts` starts it in a worker thread as
 * soon as the TF-IDF matrix exists (`start-topic-map.ts`) and it runs beside clustering and labelling.
 */
import { createRng, sampleIndices } from '../cluster/random.ts';
import type { Csr } from '../features/csr.ts';
import { truncatedSvd } from './truncated-svd.ts';
import { umapLayout, type KNearest } from './umap-layout.ts';

export interface MapLayoutOptions {
  seed: number;
  /** SVD components the neighbours are found in; default 20. */
  nComponents?: number;
  /** UMAP neighbourhood size; default 15. */
  nNeighbors?: number;
  /** UMAP optimisation epochs; default 100. */
  nEpochs?: number;
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
  const vectors = truncatedSvd(rows, all, { nComponents: options.nComponents ?? 20, seed: options.seed });
  const width = vectors.length / size;
  for (let i = 0; i < size; i++) {
    const row = vectors.subarray(i * width, (i + 1) * width);
    let norm = 0;
    for (const value of row) norm += value * value;
    if (norm > 0) for (let c = 0; c < width; c++) row[c]! /= Math.sqrt(norm);
  }
  const rng = createRng(options.seed ^ 0x5bd1e995);
  return umapLayout(exactNeighbours(vectors, width, options.nNeighbors ?? DEFAULT_NEIGHBORS), {
    nEpochs: options.nEpochs ?? 100,
    random: () => rng.next(),
  });
}

/**
 * Each of the row-major `vectors`' (`width` components) `k` nearest vectors by Euclidean distance, itself first
 * (as UMAP's own search returns them), ties by index. O(n² · d): 0.1-0.2 s for 2,500 vectors of 20 components,
 * where umap-js's NN-descent (random projection trees, then neighbour-of-neighbour rounds) took longer and is
 * approximate.
 */
export function exactNeighbours(vectors: Float64Array, width: number, k: number): KNearest {
  const n = vectors.length / width;
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const bestIndex = indices.subarray(i * k, (i + 1) * k).fill(-1);
    const bestDistance = distances.subarray(i * k, (i + 1) * k).fill(Infinity);
    const a = vectors.subarray(i * width, (i + 1) * width);
    for (let j = 0, base = 0; j < n; j++, base += width) {
      let sum = 0;
      for (let c = 0; c < width; c++) {
        const d = a[c]! - vectors[base + c]!;
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
  }
  return { k, indices, distances };
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
